// Access, egress and direct times on both kinds of network (see kwartier/routing/access.h).
#include "kwartier/routing/access.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "routing/query_state_impl.h"

namespace kwartier::routing {

namespace {

using street::kUnreached;

status check(network::network const& net, access_options const& o, bool need_timetable) {
  if (static_cast<std::uint8_t>(o.mode) >= street::kNModes)
    return make_error(errc::invalid_argument, "mode must be walk or bike", {}, 0, "mode");
  if (o.max_seconds <= 0)
    return make_error(errc::invalid_argument,
                      "time budget must be > 0 seconds (got " + std::to_string(o.max_seconds) + ")", {}, 0,
                      "max_seconds");
  if (!(o.max_snap_m >= 0.0))
    return make_error(errc::invalid_argument, "maximum snapping distance must be >= 0", {}, 0, "max_snap_m");
  if (need_timetable && !net.has_timetable())
    return make_error(errc::unsupported, "the network was built without GTFS: it has no stops to reach", {}, 0,
                      "network");
  return {};
}

status check_coordinate(geo::latlng p, char const* field) {
  if (!geo::valid(p))
    return make_error(errc::out_of_range,
                      "coordinate (" + std::to_string(p.lat) + ", " + std::to_string(p.lon) + ") is out of range", {},
                      0, field);
  return {};
}

// The straight piece between a coordinate (or a stop) and its street, walked.
std::uint32_t connector_ds(network::network const& net, float dist_m) {
  return street::travel_ds(dist_m, net.graph().stats_.walk_speed_mps);
}

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

// Streets: snap, search (forward for access, reverse for egress), then read every stop on a chain next to a
// reached node. The last stretch along a chain the mode may not use (a footway, by bike) is walked.
status street_stops(network::network const& net, geo::latlng p, access_options const& o, query_state& qs,
                    bool reverse, std::vector<stop_offset>& out) {
  auto const& g = net.graph();
  auto const m = o.mode;
  KW_TRY(auto const snap, net.snapper().snap(p, m, o.max_snap_m));
  auto const budget = street::seconds_to_ds(o.max_seconds);
  auto const conn = connector_ds(net, snap.dist_m);
  if (conn > budget) return {};
  auto& s = qs.internal().street;
  auto const seeds = reverse ? street::seeds_to(g, snap, m) : street::seeds_from(g, snap, m);
  street::dijkstra(g, m, seeds, budget - conn, s, reverse);
  auto const times = s.times();
  auto stop_ds = [&](std::uint32_t stop) -> std::uint32_t {
    auto const ss = net.stop_snap(transit::stop_idx_t{stop});
    if (!ss) return kUnreached;
    std::uint32_t t = reverse ? street::time_from(g, *ss, m, times, &snap) : street::time_to(g, *ss, m, times, &snap);
    if (t == kUnreached && m != street::mode::walk && !g.chain_usable(ss->chain, m))
      t = reverse ? street::time_from(g, *ss, street::mode::walk, times) : street::time_to(g, *ss, street::mode::walk, times);
    if (t == kUnreached) return kUnreached;
    std::uint64_t const total = std::uint64_t{t} + conn + connector_ds(net, ss->dist_m);
    return total <= budget ? static_cast<std::uint32_t>(total) : kUnreached;
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
  KW_TRY_VOID(check(net, o, true));
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
  KW_TRY_VOID(check(net, o, false));
  KW_TRY_VOID(check_coordinate(from, "from"));
  KW_TRY_VOID(check_coordinate(to, "to"));
  auto const budget = street::seconds_to_ds(o.max_seconds);
  if (net.access_model() == network::access_model::straight_line) {
    auto const ds = network::straight_line_travel_ds(geo::haversine_m(from, to), net.straight_line().detour_factor,
                                                     straight_speed(net, o.mode));
    return ds <= budget ? street::ds_to_seconds(ds) : kUnreachable;
  }
  auto const& g = net.graph();
  auto const m = o.mode;
  auto a = net.snapper().snap(from, m, o.max_snap_m);
  if (!a) {
    a.error().field = "from";
    return tl::unexpected{std::move(a).error()};
  }
  auto b = net.snapper().snap(to, m, o.max_snap_m);
  if (!b) {
    b.error().field = "to";
    return tl::unexpected{std::move(b).error()};
  }
  std::uint64_t const conn = std::uint64_t{connector_ds(net, a->dist_m)} + connector_ds(net, b->dist_m);
  if (conn > budget) return kUnreachable;
  auto& s = qs.internal().street;
  street::dijkstra(g, m, street::seeds_from(g, *a, m), budget - static_cast<std::uint32_t>(conn), s);
  auto const t = street::time_to(g, *b, m, s.times(), &*a);
  if (t == kUnreached || conn + t > budget) return kUnreachable;
  return street::ds_to_seconds(static_cast<std::uint32_t>(conn + t));
}

}  // namespace kwartier::routing
