// network::build: OSM + GTFS -> .kwn (see kwartier/network/build.h).
#include "kwartier/network/build.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "kwartier/geo/point_index.h"
#include "kwartier/geo/segment_index.h"
#include "kwartier/poi/osm.h"
#include "kwartier/street/query.h"
#include "network/sections.h"

namespace kwartier::network {

using namespace detail;

namespace {

// Street search per linked stop: every other linked stop within the walking bound.
struct footpath_builder {
  street::graph_view const& g;
  std::vector<stop_link> const& links;
  double walk_speed;
  std::uint32_t budget_ds;

  // Stops on each chain (CSR).
  std::vector<std::uint32_t> chain_stop_offsets, chain_stops;

  void index() {
    chain_stop_offsets.assign(g.n_chains() + 1, 0);
    for (auto const& l : links)
      if (l.chain != street::kNoEdge) ++chain_stop_offsets[l.chain + 1];
    for (std::size_t i = 1; i < chain_stop_offsets.size(); ++i) chain_stop_offsets[i] += chain_stop_offsets[i - 1];
    chain_stops.resize(chain_stop_offsets.back());
    auto pos = chain_stop_offsets;
    for (std::uint32_t s = 0; s < links.size(); ++s)
      if (links[s].chain != street::kNoEdge) chain_stops[pos[links[s].chain]++] = s;
  }

  static street::snap_result snap_of(stop_link const& l) {
    street::snap_result r;
    r.chain = street::chain_idx_t{l.chain};
    r.offset_m = l.offset_m;
    r.dist_m = l.dist_m;
    return r;
  }
  std::uint32_t link_ds(float dist_m) const { return street::travel_ds(dist_m, walk_speed); }

  // Appends (to, seconds) for stop `s`.
  void from_stop(std::uint32_t s, street::query_state& qs, std::vector<std::uint32_t>& seen_mark,
                 std::uint32_t stamp, std::vector<std::pair<std::uint32_t, std::int32_t>>& out) {
    auto const src = snap_of(links[s]);
    auto const src_link = link_ds(links[s].dist_m);
    if (src_link > budget_ds) return;
    auto const seeds = street::seeds_from(g, src, street::mode::walk);
    street::dijkstra(g, street::mode::walk, seeds, budget_ds - src_link, qs);
    auto visit_chain = [&](std::uint32_t c) {
      for (auto i = chain_stop_offsets[c]; i < chain_stop_offsets[c + 1]; ++i) {
        auto const t = chain_stops[i];
        if (t == s || seen_mark[t] == stamp) continue;
        seen_mark[t] = stamp;
        auto const street_ds = street::time_to(g, snap_of(links[t]), street::mode::walk, qs.times(), &src);
        if (street_ds == street::kUnreached) continue;
        std::uint64_t const total = std::uint64_t{street_ds} + src_link + link_ds(links[t].dist_m);
        if (total > budget_ds) continue;
        out.emplace_back(t, street::ds_to_seconds(static_cast<std::uint32_t>(total)));
      }
    };
    visit_chain(links[s].chain);
    for (auto const v : qs.reached()) {
      for (auto e = g.first_out_[v]; e < g.first_out_[v + 1]; ++e) visit_chain(g.edge_chain_[e]);
      for (auto i = g.rev_first_out_[v]; i < g.rev_first_out_[v + 1]; ++i) visit_chain(g.edge_chain_[g.rev_edge_[i]]);
    }
  }
};

}  // namespace

result<build_summary> build(std::vector<transit::feed_input> const& feeds, std::filesystem::path const& osm,
                            std::filesystem::path const& out, build_options const& opt) {
  if (!(opt.max_link_m >= 0.0) || !std::isfinite(opt.max_link_m))
    return make_error(errc::invalid_argument, "max_link_m must be a finite number >= 0", {}, 0, "max_link_m");
  if (!(opt.footpath_max_m >= 0.0) || !std::isfinite(opt.footpath_max_m))
    return make_error(errc::invalid_argument, "footpath_max_m must be a finite number >= 0", {}, 0,
                      "footpath_max_m");
  auto progress = [&](std::string_view stage, double f) {
    if (opt.progress) opt.progress(stage, f);
  };
  build_summary sum;
  std::optional<transit::timetable> tt;
  if (!feeds.empty()) {
    progress("loading GTFS", 0.0);
    KW_TRY(auto feed, transit::load_gtfs(feeds, opt.gtfs));
    sum.report.merge(feed.report);
    progress("building timetable", 0.0);
    KW_TRY(auto t, transit::build_timetable(feed));
    tt = std::move(t);
  }

  bool const streets = !osm.empty();
  if (!streets && !tt)
    return make_error(errc::invalid_argument, "a network needs an OSM extract, GTFS feeds, or both", {}, 0, "osm");
  if (!streets && (!(opt.detour_factor >= 1.0) || !std::isfinite(opt.detour_factor)))
    return make_error(errc::invalid_argument, "detour_factor must be a finite number >= 1", {}, 0, "detour_factor");

  street::graph g;
  geo::segment_index coverage;  // every highway=* segment, usable or not (stops_near_street)
  if (streets) {
    street::osm_options oo;
    oo.profile = opt.profile;
    oo.min_component_nodes = opt.min_component_nodes;
    std::vector<geo::segment>* all = nullptr;
    oo.progress = opt.progress;
    std::vector<geo::segment> all_streets;
    if (tt) all = &all_streets;
    oo.all_highway_segments = all;
    KW_TRY(g, street::build_graph({osm}, oo, sum.report));
    coverage = geo::segment_index{std::move(all_streets)};
  } else {
    KW_TRY(g, street::empty_graph(opt.profile));
  }
  auto const gv = street::view_of(g);
  // POIs by category from the same extract (the access module scores them; kwartier/poi/osm.h).
  poi::poi_set pois;
  if (streets) {
    KW_TRY(pois, poi::extract_osm({osm, {}, {}}, poi::category_table::defaults(), sum.report, opt.progress));
    sum.pois = pois.size();
  }

  auto& meta = sum.meta;
  meta.max_link_m = streets ? opt.max_link_m : 0.0;
  meta.footpath_max_m = opt.footpath_max_m;
  meta.has_timetable = tt ? 1 : 0;
  std::size_t const n_stops = tt ? tt->n_stops() : 0;
  meta.stops = n_stops;
  std::vector<stop_link> links(n_stops, stop_link{street::kNoEdge, 0.0F, 0.0F, 0});
  std::vector<std::vector<footpath>> merged(n_stops);  // computed footpaths, then transfers.txt merged in
  std::vector<geo::latlng> pts(n_stops);
  for (std::size_t s = 0; s < n_stops; ++s) {
    auto const p = tt->stop_pos(transit::stop_idx_t::from(s));
    pts[s] = {p.lat, p.lon};
  }
  geo::point_index const stop_index{pts};
  std::vector<geo::point_hit> hits;
  auto straight = [&](double dist_m) {
    return straight_line_seconds(dist_m, opt.detour_factor, opt.profile.walk_speed_mps);
  };
  if (streets) {
    // Stops -> streets.
    street::snapper snap{gv};
    for (std::size_t s = 0; s < n_stops; ++s) {
      if (s % 256 == 0) progress("linking stops", static_cast<double>(s) / static_cast<double>(n_stops));
      auto const p = tt->stop_pos(transit::stop_idx_t::from(s));
      auto const near = coverage.nearest({p.lat, p.lon}, opt.max_link_m);
      if (near) ++meta.stops_near_street;
      auto const r = snap.snap({p.lat, p.lon}, street::mode::walk, opt.max_link_m);
      if (!r) {
        ++meta.stops_unlinked;
        std::string why = r.error().message;
        if (near)
          why += "; the nearest highway, way " + std::to_string(near->id) + " (" +
                 std::to_string(static_cast<long long>(std::lround(near->proj.dist_m))) +
                 " m), is not walkable (foot=no, access=no, motorway) or lies in a street island of fewer than " +
                 std::to_string(opt.min_component_nodes) + " junctions";
        sum.report.add(severity::warning, "stop_unlinked", {}, 0, "stop_id",
                       "stop " + std::string(tt->stop_id(transit::stop_idx_t::from(s))) + " (" +
                           std::string(tt->stop_name(transit::stop_idx_t::from(s))) + "): " + why);
        continue;
      }
      ++meta.stops_linked;
      links[s] = stop_link{r->chain.v(), r->offset_m, r->dist_m, 0};
    }

    // Footpaths walked on the streets.
    footpath_builder fb{gv, links, opt.profile.walk_speed_mps, street::travel_ds(opt.footpath_max_m, opt.profile.walk_speed_mps), {}, {}};
    fb.index();
    street::query_state qs;
    std::vector<std::uint32_t> seen(n_stops, 0);
    std::vector<std::pair<std::uint32_t, std::int32_t>> walked;
    for (std::uint32_t s = 0; s < n_stops; ++s) {
      if (s % 256 == 0) progress("footpaths", static_cast<double>(s) / static_cast<double>(n_stops));
      if (links[s].chain == street::kNoEdge) continue;
      walked.clear();
      fb.from_stop(s, qs, seen, s + 1, walked);
      for (auto const& [t, sec] : walked) merged[s].push_back(footpath{t, sec, footpath_source::walked});
    }
    // Stop areas the streets do not connect: straight-line footpaths between their stops.
    std::uint64_t added = 0;
    if (opt.stop_area_max_m > 0.0) {
      for (std::uint32_t s = 0; s < n_stops; ++s) {
        hits.clear();
        stop_index.within(pts[s], opt.stop_area_max_m, hits);
        auto const ss = transit::stop_idx_t{s};
        for (auto const& h : hits) {
          auto const t = transit::stop_idx_t{h.id};
          if (h.id == s) continue;
          bool const same_area = (tt->stop_parent(ss).valid() && tt->stop_parent(ss) == tt->stop_parent(t)) ||
                                 tt->stop_name(ss) == tt->stop_name(t);
          if (!same_area) continue;
          auto& list = merged[s];
          if (std::any_of(list.begin(), list.end(), [&](footpath const& f) { return f.to == h.id; })) continue;
          list.push_back(footpath{h.id, straight(h.dist_m), footpath_source::straight_line});
          ++added;
        }
      }
    }
    if (added > 0)
      sum.report.add(severity::info, "stop_area_footpaths", {}, 0, "stop_name",
                     std::to_string(added) + " straight-line footpaths between stops of one stop area (same parent "
                     "station or name, within " + std::to_string(static_cast<long long>(opt.stop_area_max_m)) +
                     " m) that the walkable streets do not connect within " +
                     std::to_string(static_cast<long long>(opt.footpath_max_m)) + " m");
  } else {
    // Footpaths as straight lines: walked distance = great-circle distance x detour factor, up to
    // footpath_max_m of walking.
    for (std::uint32_t s = 0; s < n_stops; ++s) {
      if (s % 256 == 0) progress("footpaths", static_cast<double>(s) / static_cast<double>(n_stops));
      hits.clear();
      stop_index.within(pts[s], opt.footpath_max_m / opt.detour_factor, hits);
      for (auto const& h : hits)
        if (h.id != s) merged[s].push_back(footpath{h.id, straight(h.dist_m), footpath_source::straight_line});
    }
  }
  // transfers.txt wins where present.
  if (tt) {
    for (auto const& tr : tt->transfers()) {
      auto const from = tr.from.v(), to = tr.to.v();
      if (from >= n_stops || to >= n_stops) continue;
      auto& list = merged[from];
      auto it = std::find_if(list.begin(), list.end(), [&](footpath const& f) { return f.to == to; });
      switch (tr.type) {
        case transit::transfer_type::not_possible:
          if (it != list.end()) list.erase(it);
          ++meta.transfers_forbidden;
          break;
        case transit::transfer_type::recommended:
        case transit::transfer_type::timed:
        case transit::transfer_type::min_time: {
          std::int32_t sec = tr.min_seconds;
          if (tr.type != transit::transfer_type::min_time && sec == 0 && it != list.end()) sec = it->seconds;
          if (it != list.end())
            *it = footpath{to, sec, footpath_source::gtfs};
          else
            list.push_back(footpath{to, sec, footpath_source::gtfs});
          break;
        }
        default:
          break;  // in-seat transfers are trip-to-trip, not footpaths
      }
    }
  }
  std::vector<std::uint32_t> fp_offsets{0};
  std::vector<footpath> fps;
  for (auto& list : merged) {
    std::sort(list.begin(), list.end(), [](footpath const& a, footpath const& b) { return a.to < b.to; });
    for (auto const& f : list) {
      ++(f.source == footpath_source::gtfs ? meta.footpaths_from_gtfs : meta.footpaths_walked);
      fps.push_back(f);
    }
    fp_offsets.push_back(static_cast<std::uint32_t>(fps.size()));
  }
  meta.footpaths = fps.size();

  // Contraction hierarchies of both modes (routing::matrix), before writing.
  std::optional<street::ch> ch_walk, ch_bike;
  if (streets && opt.contraction_hierarchy) {
    ch_walk = street::build_ch(gv, street::mode::walk, [&](double f) { progress("contraction hierarchy (walk)", f); });
    ch_bike = street::build_ch(gv, street::mode::bike, [&](double f) { progress("contraction hierarchy (bike)", f); });
  }

  progress("writing", 0.0);
  dataset_writer w{network_kind()};
  if (tt) transit::add_sections(*tt, w);
  street::add_sections(g, w);
  w.add<network_meta>(kMeta, std::span<network_meta const>{&meta, 1});
  w.add(kStopLinks, links);
  w.add(kFootpathOffsets, fp_offsets);
  w.add(kFootpaths, fps);
  std::vector<optional_group> groups;
  if (!streets) {
    straight_line_params const sl{opt.detour_factor, opt.profile.walk_speed_mps, opt.profile.bike_speed_mps, 0.0};
    w.add<straight_line_params>(kStraightLineParams, std::span<straight_line_params const>{&sl, 1});
    groups.push_back(optional_group{kGroupStraightLine, 0, group_hash(kGroupStraightLine)});
  } else {
    street::add_edge_flag_sections(g, w);
    groups.push_back(optional_group{kGroupEdgeFlags, 0, group_hash(kGroupEdgeFlags)});
  }
  if (streets) {
    poi::add_sections(pois, w);
    groups.push_back(optional_group{kGroupPoi, 0, group_hash(kGroupPoi)});
  }
  if (ch_walk) {
    street::add_ch_sections(*ch_walk, *ch_bike, w);
    groups.push_back(optional_group{kGroupCh, 0, group_hash(kGroupCh)});
  }
  w.add(kOptionalGroups, groups);
  KW_TRY_VOID(w.write(out));
  std::error_code ec;
  sum.file_bytes = std::filesystem::file_size(out, ec);
  sum.street = g.stats_;
  progress("writing", 1.0);
  return sum;
}

}  // namespace kwartier::network
