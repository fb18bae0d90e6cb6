#include "kwartier/access/run.h"

#include <algorithm>
#include <optional>
#include <cmath>

namespace kwartier::access {

namespace {

// A copy of the network's POIs restricted to (and ordered by) the categories asked for, with their weights.
result<poi::poi_set> pick_categories(poi::poi_view const& v, std::vector<poi::category> const& want,
                                     std::string const& what) {
  poi::poi_set s;
  s.table_version = std::string(v.table_version);
  s.source = std::string(v.source);
  std::vector<int> map(v.n_categories(), -1);
  if (want.empty()) {
    for (std::size_t c = 0; c < v.n_categories(); ++c) {
      s.categories.push_back({std::string(v.category_names[c]), v.category_weights[c]});
      map[c] = static_cast<int>(c);
    }
  } else {
    for (auto const& w : want) {
      auto const c = v.find(w.name);
      if (c < 0) {
        std::string known;
        for (auto const& n : v.category_names) known += (known.empty() ? "" : ", ") + std::string(n);
        return make_error(errc::invalid_argument,
                          "unknown category \"" + w.name + "\" in " + what + " (known: " + known + ")", {}, 0,
                          "categories");
      }
      map[static_cast<std::size_t>(c)] = static_cast<int>(s.categories.size());
      s.categories.push_back(w);
    }
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto const m = map[v.records[i].category];
    if (m < 0) continue;
    auto r = v.records[i];
    r.category = static_cast<std::uint32_t>(m);
    s.records.push_back(r);
    s.names.emplace_back(v.name(i));
  }
  return s;
}

}  // namespace

result<origins> make_origins(network::network const& net, score_request const& r, validation_report& report) {
  if (!std::isfinite(r.grid_m) || r.grid_m < 0.0)
    return make_error(errc::invalid_argument, "grid cell size must be > 0 metres", {}, 0, "grid_m");
  if (r.grid_m > 0.0) {
    if (!r.origins.empty())
      return make_error(errc::invalid_argument, "give either a grid or an origins file, not both", {}, 0, "origins");
    return grid_origins(net, r.grid_m, r.opt.max_snap_m);
  }
  if (!r.origins.empty()) {
    origin_file_options oo;
    oo.weight_column = r.weight_column;
    return load_origins(r.origins, oo, report);
  }
  return street_node_origins(net);
}

namespace {
result<score_result> run(network::network const& net, score_request const& r, std::optional<origins> given) {
  score_result out;
  KW_TRY(auto const cats, poi::parse_categories(r.categories));
  // POIs.
  if (r.pois == "osm" || r.pois.empty()) {
    if (net.pois() == nullptr)
      return make_error(errc::invalid_argument,
                        "the network holds no POIs (built without OSM, or by a version that did not extract "
                        "them): give a POI file",
                        net.file().name(), 0, "pois");
    KW_TRY(out.pois, pick_categories(*net.pois(), cats, "the network's POIs"));
  } else {
    poi::load_options lo;
    lo.category_column = r.category_column;
    lo.categories = cats;
    KW_TRY(out.pois, poi::load_file(r.pois, lo, out.report));
  }
  if (given) {
    out.origins = std::move(*given);
  } else {
    KW_TRY(out.origins, make_origins(net, r, out.report));
  }
  // Areas.
  if (!r.areas.empty()) {
    KW_TRY(auto a, load_areas(r.areas, r.area_name, out.report));
    out.districts = std::move(a);
  }
  KW_TRY(out.scores, score(net, poi::view_of(out.pois), out.origins, r.opt));
  out.report.merge(out.scores.report);
  out.total = summarize_all(out.scores, out.origins);
  if (out.districts) {
    out.area_of = out.districts->assign(out.origins.pos);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < out.districts->size(); ++i) names.push_back(out.districts->name(i));
    out.by_area = summarize(out.scores, out.origins, out.area_of, names);
    auto const outside = static_cast<std::size_t>(std::count(out.area_of.begin(), out.area_of.end(), -1));
    if (outside > 0)
      out.report.add(severity::info, "origin_outside_areas", out.districts->source(), 0, {},
                     std::to_string(outside) + " of " + std::to_string(out.origins.size()) +
                         " origins lie in none of the areas; left out of the area summaries");
  }
  return out;
}
}  // namespace

result<score_result> score(network::network const& net, score_request const& r) { return run(net, r, std::nullopt); }
result<score_result> score(network::network const& net, score_request const& r, origins given) {
  return run(net, r, std::move(given));
}

}  // namespace kwartier::access
