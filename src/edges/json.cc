#include "edges/json.h"

#include <cstdio>

#include "kwartier/core/report.h"
#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/search/search.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::edges {

std::string iso_date_string(std::uint32_t d) {
  if (d == 0) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", d / 10000, (d / 100) % 100, d % 100);
  return buf;
}

json iso_date(std::uint32_t d) { return d == 0 ? json(nullptr) : json(iso_date_string(d)); }

std::string dump(json const& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
std::string dump_pretty(json const& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

json to_json(problem const& p) {
  return json{{"severity", std::string(severity_name(p.severity))},
              {"code", p.code},
              {"file", p.file},
              {"line", p.line},
              {"field", p.field},
              {"message", p.message}};
}

json to_json(validation_report const& r) {
  json problems = json::array();
  for (auto const& p : r.problems()) problems.push_back(to_json(p));
  return json{{"errors", r.count(severity::error)},
              {"warnings", r.count(severity::warning)},
              {"infos", r.count(severity::info)},
              {"suppressed", r.suppressed()},
              {"problems", std::move(problems)}};
}

json to_json(transit::gtfs_feed const& f) {
  auto const& c = f.counts;
  json agencies = json::array();
  for (auto const& a : f.agencies) agencies.push_back({{"id", a.id}, {"name", a.name}, {"timezone", a.timezone}});
  return json{{"counts",
               {{"agencies", c.agencies},
                {"stops", c.stops},
                {"routes", c.routes},
                {"trips", c.trips},
                {"stop_times", c.stop_times},
                {"calendar", c.calendar},
                {"calendar_dates", c.calendar_dates},
                {"frequencies", c.frequencies},
                {"transfers", c.transfers},
                {"translations", c.translations},
                {"feed_info", c.feed_info},
                {"shapes", c.shapes}}},
              {"first_date", iso_date(c.first_date)},
              {"last_date", iso_date(c.last_date)},
              {"agencies", std::move(agencies)},
              {"report", to_json(f.report)}};
}

json timetable_info(transit::timetable_view const& tt) {
  std::uint32_t const first = tt.n_days_ > 0 ? transit::yyyymmdd_from_days(tt.first_day_) : 0;
  std::uint32_t const last = tt.n_days_ > 0 ? transit::yyyymmdd_from_days(tt.first_day_ + tt.n_days_ - 1) : 0;
  json languages = json::array();
  for (std::size_t l = 0; l < tt.n_languages(); ++l) languages.push_back(std::string(tt.languages_[l]));
  json agencies = json::array();
  for (std::size_t a = 0; a < tt.n_agencies(); ++a)
    agencies.push_back({{"id", std::string(tt.agency_ids_[a])},
                        {"name", std::string(tt.agency_names_[a])},
                        {"timezone", std::string(tt.agency_timezones_[a])}});
  return json{{"counts",
               {{"stops", tt.n_stops()},
                {"routes", tt.n_routes()},
                {"lines", tt.n_lines()},
                {"trips", tt.n_trips()},
                {"stop_times", tt.n_stop_times()},
                {"services", tt.n_services()},
                {"transfers", tt.transfers().size()}}},
              {"first_date", iso_date(first)},
              {"last_date", iso_date(last)},
              {"languages", std::move(languages)},
              {"agencies", std::move(agencies)}};
}

json timetable_build_summary(std::filesystem::path const& output, std::uint64_t file_bytes,
                             transit::timetable_view const& tt, validation_report const& report) {
  return json{{"output", output.string()},
              {"file_bytes", file_bytes},
              {"timetable", timetable_info(tt)},
              {"report", to_json(report)}};
}

json search_build_summary(std::filesystem::path const& output, search::build_stats const& st,
                          search::catalogue const& cat) {
  validation_report report = cat.report;  // catalogue lines skipped while loading, documents skipped by the build
  report.merge(st.report);
  return json{{"output", output.string()},
              {"build_id", st.build_id},
              {"documents", st.n_documents},
              {"skipped", cat.n_skipped + st.n_skipped},
              {"groups", st.n_groups},
              {"vocabulary", st.n_vocabulary},
              {"compound_words", st.n_compound_words},
              {"concepts", st.n_concepts},
              {"concept_table_version", st.concept_table_version},
              {"generations_kept", st.n_generations_kept},
              {"seconds", st.seconds},
              {"report", to_json(report)}};
}

json search_update_summary(std::filesystem::path const& index, search::update_stats const& st,
                           validation_report const& catalogue_report) {
  validation_report report = catalogue_report;
  report.merge(st.report);
  return json{{"index", index.string()},
              {"build_id", st.build_id},
              {"added", st.n_added},
              {"replaced", st.n_replaced},
              {"removed", st.n_removed},
              {"documents", st.n_documents},
              {"skipped", st.n_skipped},
              {"vocabulary", st.n_vocabulary},
              {"generations_kept", st.n_generations_kept},
              {"seconds", st.seconds},
              {"report", to_json(report)}};
}

json to_json(search::results const& r) {
  json hits = json::array();
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    auto const& h = r.hits[i];
    hits.push_back({{"rank", i + 1},
                    {"id", h.id},
                    {"lang", h.lang},
                    {"title", h.title},
                    {"url", h.url},
                    {"organisation", h.organisation},
                    {"level", h.level},
                    {"country", h.country},
                    {"group", h.group_key},
                    {"community", h.community},
                    {"variant_group", h.variant_group},
                    {"other_langs", h.other_langs},
                    {"score", h.score},
                    {"snippet", h.snippet},
                    {"explanation", h.explanation}});
  }
  json facets = json::object();
  for (auto const& f : r.facets) {
    json values = json::object();
    for (auto const& v : f.values) values[v.value] = v.count;
    facets[f.field] = std::move(values);
  }
  return json{{"query_lang", r.query_lang},
              {"community", r.community},
              {"n_matches", r.n_matches},
              {"hits", std::move(hits)},
              {"facets", std::move(facets)},
              {"notes", r.notes}};
}

json to_json(street::graph_stats const& s) {
  json modes = json::object();
  for (std::size_t m = 0; m < street::kNModes; ++m) {
    auto const& ms = s.modes[m];
    modes[std::string(street::mode_name(static_cast<street::mode>(m)))] = {
        {"speed_mps", m == 0 ? s.walk_speed_mps : s.bike_speed_mps},
        {"nodes", ms.nodes},
        {"edges", ms.edges},
        {"components", ms.components},
        {"kept_components", ms.kept_components},
        {"dropped_components", ms.components - ms.kept_components},
        {"dropped_nodes", ms.dropped_nodes},
        {"dropped_edges", ms.dropped_edges},
        {"dropped_length_m", ms.dropped_length_m}};
  }
  return json{{"osm_nodes", s.osm_nodes},
              {"osm_ways", s.osm_ways},
              {"usable_ways", s.usable_ways},
              {"missing_node_refs", s.missing_node_refs},
              {"invalid_locations", s.invalid_locations},
              {"nodes_before_cut", s.nodes_before_cut},
              {"nodes", s.nodes},
              {"edges", s.edges},
              {"chains", s.chains},
              {"length_m", s.total_length_m},
              {"modes", std::move(modes)}};
}

namespace {
json links_json(network::network_meta const& m) {
  return json{{"max_link_m", m.max_link_m},
              {"footpath_max_m", m.footpath_max_m},
              {"stops", m.stops},
              {"stops_near_street", m.stops_near_street},
              {"stops_linked", m.stops_linked},
              {"stops_unlinked", m.stops_unlinked},
              {"footpaths", m.footpaths},
              {"footpaths_walked", m.footpaths_walked},
              {"footpaths_from_gtfs", m.footpaths_from_gtfs},
              {"transfers_forbidden", m.transfers_forbidden}};
}
}  // namespace

json network_build_summary(std::filesystem::path const& output, network::build_summary const& s) {
  return json{{"output", output.string()},
              {"file_bytes", s.file_bytes},
              {"street", to_json(s.street)},
              {"links", links_json(s.meta)},
              {"report", to_json(s.report)}};
}

json network_info(std::filesystem::path const& file, network::network const& n) {
  json straight = nullptr;
  if (n.access_model() == network::access_model::straight_line) {
    auto const& p = n.straight_line();
    straight = {{"detour_factor", p.detour_factor}, {"walk_speed_mps", p.walk_speed_mps},
                {"bike_speed_mps", p.bike_speed_mps}};
  }
  return json{{"file", file.string()},
              {"file_bytes", n.size_bytes()},
              {"access_model", std::string(network::access_model_name(n.access_model()))},
              {"street", to_json(n.graph().stats_)},
              {"links", links_json(n.meta())},
              {"straight_line", std::move(straight)},
              {"timetable", n.has_timetable() ? timetable_info(n.timetable()) : json(nullptr)}};
}

json network_stops(network::network const& n, std::string_view lang) {
  json stops = json::array();
  if (n.has_timetable()) {
    auto const tt = n.timetable();
    auto const links = n.stop_links();
    for (std::uint32_t i = 0; i < tt.n_stops(); ++i) {
      transit::stop_idx_t const s{i};
      auto const parent = tt.stop_parent(s);
      auto const pos = tt.stop_pos(s);
      json link = nullptr;
      if (i < links.size() && links[i].chain != street::kNoEdge) link = static_cast<double>(links[i].dist_m);
      stops.push_back(json{{"stop_id", std::string(tt.stop_id(s))},
                           {"name", std::string(lang.empty() ? tt.stop_name(s) : tt.stop_name(s, lang))},
                           {"lat", pos.lat},
                           {"lon", pos.lon},
                           {"parent", parent.valid() ? static_cast<std::int64_t>(parent.v()) : std::int64_t{-1}},
                           {"link_m", std::move(link)}});
    }
  }
  return json{{"stops", std::move(stops)}};
}

}  // namespace kwartier::edges
