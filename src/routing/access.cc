// Access, egress and direct times on both kinds of network (see kwartier/routing/access.h).
#include "kwartier/routing/access.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "routing/query_state_impl.h"
#include "routing/street_common.h"

namespace kwartier::routing {

using namespace detail;

namespace {

using street::kUnreached;

double straight_speed(network::network const& net, street::mode m) {
  auto const& p = net.straight_line();
  return m == street::mode::walk ? p.walk_speed_mps : p.bike_speed_mps;
}

// Straight-line networks: every stop within the budget.
void straight_stops(network::network const& net, geo::latlng p, access_options const& o, query_state& qs,
                    std::vector<stop_offset>& out) {
  auto const& sl = net.straight_line();
  double const speed = straight_speed(net, o.mode);
  auto const budget = street::seconds_to_ds(o.max_seconds);
  auto& hits = qs.internal().hits;
  hits.clear();
  // Slightly past the exact radius: travel_ds rounds, the exact test below decides.
  net.stops_within(p, (static_cast<double>(budget) + 1.0) / 10.0 * speed / sl.detour_factor, hits);
  for (auto const& h : hits) {
    auto const ds = network::straight_line_travel_ds(h.dist_m, sl.detour_factor, speed);
    if (ds <= budget) out.push_back({transit::stop_idx_t{h.id}, street::ds_to_seconds(ds)});
  }
}

// Streets: snap, search (forward for access, reverse for egress; the connector is in the seeds), then read
// every stop on a chain next to a reached node. The last stretch along a chain the profile may not use (a
// footway, by bike) is walked.
status street_stops(network::network const& net, geo::latlng p, access_options const& o, query_state& qs,
                    bool reverse, std::vector<stop_offset>& out) {
  auto const& g = net.graph();
  auto const prof = profile_of(o);
  KW_TRY(auto const snap, snap_point(net, p, o, reverse ? "to" : "from"));
  auto const budget = street::seconds_to_ds(o.max_seconds);
  auto const conn = connector_ds(net, snap.dist_m);
  if (conn > budget) return {};
  auto& s = qs.internal().street;
  street::dijkstra(g, prof, seeds_with_connector(net, snap, prof, reverse), budget, s, reverse);
  auto const times = s.times();
  street::travel_profile const on_foot{street::mode::walk, prof.avoid};
  auto stop_ds = [&](std::uint32_t stop) -> std::uint32_t {
    auto const ss = net.stop_snap(transit::stop_idx_t{stop});
    if (!ss) return kUnreached;
    std::uint64_t t = reverse ? street::time_from(g, *ss, prof, times) : street::time_to(g, *ss, prof, times);
    if (t == kUnreached && prof.m != street::mode::walk && !g.chain_usable(ss->chain, prof))
      t = reverse ? street::time_from(g, *ss, on_foot, times) : street::time_to(g, *ss, on_foot, times);
    // Along the coordinate's own chain (node times hold the connector; add it here).
    auto const along = reverse ? street::along_chain(g, *ss, snap, prof) : street::along_chain(g, snap, *ss, prof);
    if (along != kUnreached) t = std::min<std::uint64_t>(t, std::uint64_t{along} + conn);
    if (t >= kUnreached) return kUnreached;
    t += connector_ds(net, ss->dist_m);
    return t <= budget ? static_cast<std::uint32_t>(t) : kUnreached;
  };
  auto visit_chain = [&](std::uint32_t c) {
    for (auto const st : net.stops_on_chain(street::chain_idx_t{c})) {
      auto const ds = stop_ds(st);
      if (ds != kUnreached) out.push_back({transit::stop_idx_t{st}, street::ds_to_seconds(ds)});
    }
  };
  visit_chain(snap.chain.v());
  for (auto const v : s.reached()) {
    for (auto e = g.first_out_[v]; e < g.first_out_[v + 1]; ++e) visit_chain(g.edge_chain_[e]);
    for (auto i = g.rev_first_out_[v]; i < g.rev_first_out_[v + 1]; ++i) visit_chain(g.edge_chain_[g.rev_edge_[i]]);
  }
  return {};
}

status stops_near(network::network const& net, geo::latlng p, access_options const& o, query_state& qs,
                  bool reverse, std::vector<stop_offset>& out) {
  out.clear();
  KW_TRY_VOID(check_query(net, o, false));
  if (!net.has_timetable())
    return make_error(errc::unsupported, "the network was built without GTFS: it has no stops to reach", {}, 0,
                      "network");
  KW_TRY_VOID(check_coordinate(p, reverse ? "to" : "from"));
  if (net.access_model() == network::access_model::straight_line)
    straight_stops(net, p, o, qs, out);
  else
    KW_TRY_VOID(street_stops(net, p, o, qs, reverse, out));
  std::sort(out.begin(), out.end(), [](stop_offset const& a, stop_offset const& b) { return a.stop < b.stop; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return {};
}

}  // namespace

status access(network::network const& net, geo::latlng from, access_options const& o, query_state& qs,
              std::vector<stop_offset>& out) {
  return stops_near(net, from, o, qs, false, out);
}

status egress(network::network const& net, geo::latlng to, access_options const& o, query_state& qs,
              std::vector<stop_offset>& out) {
  return stops_near(net, to, o, qs, true, out);
}

result<seconds_t> direct(network::network const& net, geo::latlng from, geo::latlng to, access_options const& o,
                         query_state& qs) {
  KW_TRY_VOID(check_query(net, o, false));
  KW_TRY_VOID(check_coordinate(from, "from"));
  KW_TRY_VOID(check_coordinate(to, "to"));
  auto const budget = street::seconds_to_ds(o.max_seconds);
  if (net.access_model() == network::access_model::straight_line) {
    auto const ds = network::straight_line_travel_ds(geo::haversine_m(from, to), net.straight_line().detour_factor,
                                                     straight_speed(net, o.mode));
    return ds <= budget ? street::ds_to_seconds(ds) : kUnreachable;
  }
  auto const& g = net.graph();
  auto const prof = profile_of(o);
  KW_TRY(auto const a, snap_point(net, from, o, "from"));
  KW_TRY(auto const b, snap_point(net, to, o, "to"));
  auto const ca = connector_ds(net, a.dist_m);
  auto const cb = connector_ds(net, b.dist_m);
  if (std::uint64_t{ca} + cb > budget) return kUnreachable;
  auto& s = qs.internal().street;
  street::dijkstra(g, prof, seeds_with_connector(net, a, prof, false), budget - cb, s);
  std::uint64_t t = street::time_to(g, b, prof, s.times());
  if (auto const along = street::along_chain(g, a, b, prof); along != kUnreached)
    t = std::min<std::uint64_t>(t, std::uint64_t{along} + ca);
  if (t >= kUnreached || t + cb > budget) return kUnreachable;
  return street::ds_to_seconds(static_cast<std::uint32_t>(t + cb));
}

}  // namespace kwartier::routing
