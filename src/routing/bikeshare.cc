// Bike share as three chained street searches (kwartier/routing/bikeshare.h, src/routing/bikeshare_impl.h).
#include "kwartier/routing/bikeshare.h"

#include <algorithm>
#include <limits>
#include <string>

#include "routing/bikeshare_impl.h"
#include "routing/query_state_impl.h"
#include "routing/street_common.h"

namespace kwartier::routing {

namespace detail {

namespace {

using street::kUnreached;
constexpr street::travel_profile kWalk{street::mode::walk};
constexpr street::travel_profile kBike{street::mode::bike};

std::uint32_t add(std::uint64_t a, std::uint64_t b) {
  auto const s = a + b;
  return s >= kUnreached ? kUnreached : static_cast<std::uint32_t>(s);
}

std::uint32_t min_of(std::uint32_t a, std::uint32_t b) { return a < b ? a : b; }

// Forward: time to `target` from node times of a forward search in profile p (seeds hold their start time).
std::uint32_t reach(street::graph_view const& g, street::snap_result const& target, street::travel_profile p,
                    std::span<std::uint32_t const> times, bool reverse) {
  return reverse ? street::time_from(g, target, p, times) : street::time_to(g, target, p, times);
}

// Along one chain, in travel order: forward from a to b, reverse from b to a (b is the point nearer the end).
std::uint32_t along(street::graph_view const& g, street::snap_result const& a, street::snap_result const& b,
                    street::travel_profile p, bool reverse) {
  return reverse ? street::along_chain(g, b, a, p) : street::along_chain(g, a, b, p);
}

constexpr std::uint32_t kNoSrc = 0xFFFFFFFFU;

// Dijkstra keeping per node the best times from two different sources (kNoSrc: none), seeded with
// (time, node, source) entries. A node's third-best source is never needed further on: its two best reach
// every later node no later, from two different sources.
void two_source_dijkstra(street::graph_view const& g, street::travel_profile prof, bool reverse,
                         std::vector<bikeshare_pass::entry> const& seeds, std::uint32_t budget, bikeshare_pass& p) {
  auto const n = g.n_nodes();
  auto& lab = p.labels;
  if (lab.size() != 2 * n) {
    lab.assign(2 * n, bikeshare_pass::label{kUnreached, kNoSrc});
  } else {
    for (auto const v : p.touched) lab[2 * v] = lab[2 * v + 1] = bikeshare_pass::label{kUnreached, kNoSrc};
  }
  p.touched.clear();
  auto const later = [](bikeshare_pass::entry const& a, bikeshare_pass::entry const& b) { return a.t > b.t; };
  auto& heap = p.heap;
  heap.clear();
  // Offers time t from source s at node v; pushes it when one of v's two labels improved.
  auto const offer = [&](std::uint32_t v, std::uint32_t t, std::uint32_t s) {
    auto& a = lab[2 * v];
    auto& b = lab[2 * v + 1];
    if (a.t == kUnreached && b.t == kUnreached) p.touched.push_back(v);
    if (s == a.src) {
      if (t >= a.t) return;
      a.t = t;
    } else if (s == b.src) {
      if (t >= b.t) return;
      b.t = t;
      if (b.t < a.t) std::swap(a, b);
    } else if (t < a.t) {
      b = a;
      a = bikeshare_pass::label{t, s};
    } else if (t < b.t) {
      b = bikeshare_pass::label{t, s};
    } else {
      return;
    }
    heap.push_back(bikeshare_pass::entry{t, v, s});
    std::push_heap(heap.begin(), heap.end(), later);
  };
  for (auto const& sd : seeds)
    if (sd.node < n && sd.t <= budget) offer(sd.node, sd.t, sd.src);
  auto const* first = reverse ? g.rev_first_out_.data() : g.first_out_.data();
  auto const* other = reverse ? g.rev_tail_.data() : g.head_.data();
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    auto const top = heap.back();
    heap.pop_back();
    auto const& a = lab[2 * top.node];
    auto const& b = lab[2 * top.node + 1];
    if (!(a.src == top.src && a.t == top.t) && !(b.src == top.src && b.t == top.t)) continue;  // stale
    for (auto i = first[top.node]; i < first[top.node + 1]; ++i) {
      auto const e = reverse ? g.rev_edge_[i] : i;
      auto const w = g.weight(e, prof);
      if (w == street::kNoWeight) continue;
      std::uint64_t const nt = std::uint64_t{top.t} + w;
      if (nt > budget) continue;
      offer(other[i], static_cast<std::uint32_t>(nt), top.src);
    }
  }
}

// The time at a snapped point from the two-source labels (forward: arriving there; reverse: leaving from
// there), from any source but `exclude`.
std::uint32_t labelled_time(street::graph_view const& g, street::snap_result const& at, street::travel_profile prof,
                            bool reverse, bikeshare_pass const& p, std::uint32_t exclude) {
  std::uint64_t best = kUnreached;
  for (auto const& sd : reverse ? street::seeds_from(g, at, prof) : street::seeds_to(g, at, prof)) {
    auto const& a = p.labels[2 * sd.node.v()];
    auto const& b = p.labels[2 * sd.node.v() + 1];
    auto const t = a.src != exclude ? a.t : b.t;
    if (t != kUnreached) best = std::min<std::uint64_t>(best, std::uint64_t{t} + sd.time_ds);
  }
  return best >= kUnreached ? kUnreached : static_cast<std::uint32_t>(best);
}

}  // namespace

status check_bikeshare(network::network const& net, bikeshare::system const& sys, bikeshare_limits const& lim) {
  if (!sys.bound_to(net))
    return make_error(errc::invalid_argument, "the bike-share system was loaded for another network", {}, 0, "bikeshare");
  if (lim.max_walk_seconds <= 0 || lim.max_ride_seconds <= 0)
    return make_error(errc::invalid_argument, "bike-share walk and ride budgets must be > 0 seconds", {}, 0,
                      lim.max_walk_seconds <= 0 ? "max_walk_seconds" : "max_ride_seconds");
  if (!(lim.max_snap_m >= 0.0))
    return make_error(errc::invalid_argument, "maximum snapping distance must be >= 0", {}, 0, "max_snap_m");
  return {};
}

status run_bikeshare_pass(network::network const& net, bikeshare::system const& sys, geo::latlng p,
                          bikeshare_limits const& lim, query_state& qs, bool reverse, bikeshare_pass& out) {
  KW_TRY_VOID(check_bikeshare(net, sys, lim));
  auto const& g = net.graph();
  street_query const wq{street::mode::walk, lim.max_walk_seconds, lim.max_snap_m};
  KW_TRY(auto const end, snap_point(net, p, wq, reverse ? "to" : "from"));
  auto const pts = sys.points();
  out.reverse = reverse;
  out.end = end;
  out.walk_ds = street::seconds_to_ds(lim.max_walk_seconds);
  out.ride_ds = street::seconds_to_ds(lim.max_ride_seconds);
  out.pickup_ds = static_cast<std::uint32_t>(sys.opts().pickup_seconds) * 10;
  out.dropoff_ds = static_cast<std::uint32_t>(sys.opts().dropoff_seconds) * 10;
  out.first.assign(pts.size(), kUnreached);
  out.second.assign(pts.size(), kUnreached);
  out.any_second = false;
  auto& s = qs.internal().street;
  // Forward: the first points are pick-ups (a bike in hand), the second drop-offs. Reverse: the other way.
  auto const first_ok = [&](bikeshare::point const& pt) { return reverse ? pt.drop_off : pt.pick_up; };
  auto const second_ok = [&](bikeshare::point const& pt) { return reverse ? pt.pick_up : pt.drop_off; };
  auto const first_extra = reverse ? out.dropoff_ds : out.pickup_ds;
  auto const second_extra = reverse ? out.pickup_ds : out.dropoff_ds;

  // 1. Walk between the coordinate and the first points.
  auto const end_conn = connector_ds(net, end.dist_m);
  street::dijkstra(g, kWalk, seeds_with_connector(net, end, kWalk, reverse), out.walk_ds, s, reverse);
  bool any_first = false;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (!first_ok(pts[i])) continue;
    auto t = reach(g, pts[i].walk, kWalk, s.times(), reverse);
    auto const a = along(g, end, pts[i].walk, kWalk, reverse);
    if (a != kUnreached) t = min_of(t, add(a, end_conn));
    if (t == kUnreached) continue;
    t = add(t, connector_ds(net, pts[i].walk.dist_m));
    if (t > out.walk_ds) continue;
    out.first[i] = add(t, first_extra);
    any_first = true;
  }
  if (!any_first) return {};

  // 2. Ride from every first point at its time, to every second point from another one (a bike is not taken
  // and left at the same station).
  std::vector<bikeshare_pass::entry> ride_seeds;
  for (std::uint32_t i = 0; i < pts.size(); ++i) {
    if (out.first[i] == kUnreached) continue;
    auto const start = add(out.first[i], connector_ds(net, pts[i].bike.dist_m));
    for (auto sd : reverse ? street::seeds_to(g, pts[i].bike, kBike) : street::seeds_from(g, pts[i].bike, kBike))
      ride_seeds.push_back(bikeshare_pass::entry{add(sd.time_ds, start), sd.node.v(), i});
  }
  auto const ride_budget = add(out.walk_ds, out.ride_ds);
  two_source_dijkstra(g, kBike, reverse, ride_seeds, ride_budget, out);
  std::vector<street::seed> seeds;
  for (std::uint32_t i = 0; i < pts.size(); ++i) {
    if (!second_ok(pts[i])) continue;
    auto t = labelled_time(g, pts[i].bike, kBike, reverse, out, i);
    for (std::size_t j = 0; j < pts.size(); ++j) {  // a first point on the same street piece
      if (j == i || out.first[j] == kUnreached || pts[j].bike.chain != pts[i].bike.chain) continue;
      auto const a = along(g, pts[j].bike, pts[i].bike, kBike, reverse);
      if (a != kUnreached) t = min_of(t, add(add(out.first[j], connector_ds(net, pts[j].bike.dist_m)), a));
    }
    if (t == kUnreached) continue;
    t = add(add(t, connector_ds(net, pts[i].bike.dist_m)), second_extra);
    if (t > ride_budget) continue;
    out.second[i] = t;
    out.any_second = true;
  }

  // 3. Walk between the second points and everything else (bikeshare_time_at, bikeshare_stops read it).
  seeds.clear();
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (out.second[i] == kUnreached) continue;
    auto const start = add(out.second[i], connector_ds(net, pts[i].walk.dist_m));
    for (auto sd : reverse ? street::seeds_to(g, pts[i].walk, kWalk) : street::seeds_from(g, pts[i].walk, kWalk)) {
      sd.time_ds = add(sd.time_ds, start);
      seeds.push_back(sd);
    }
  }
  street::dijkstra(g, kWalk, seeds, add(ride_budget, out.walk_ds), s, reverse);
  return {};
}

std::uint32_t bikeshare_time_at(network::network const& net, bikeshare::system const& sys, bikeshare_pass const& pass,
                                street::snap_result const& target, query_state& qs) {
  if (!pass.any_second) return kUnreached;
  auto const& g = net.graph();
  auto const pts = sys.points();
  auto const times = qs.internal().street.times();
  auto t = reach(g, target, kWalk, times, pass.reverse);
  if (t != kUnreached) t = add(t, connector_ds(net, target.dist_m));
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pass.second[i] == kUnreached || pts[i].walk.chain != target.chain) continue;
    auto const a = along(g, pts[i].walk, target, kWalk, pass.reverse);
    if (a == kUnreached) continue;
    t = min_of(t, add(add(add(pass.second[i], connector_ds(net, pts[i].walk.dist_m)), a),
                      connector_ds(net, target.dist_m)));
  }
  return t;
}

void bikeshare_stops(network::network const& net, bikeshare::system const& sys, bikeshare_pass const& pass,
                     query_state& qs, std::vector<stop_offset>& out) {
  out.clear();
  if (!pass.any_second || !net.has_timetable()) return;
  auto const& g = net.graph();
  auto const limit = add(add(pass.walk_ds, pass.ride_ds), pass.walk_ds);
  auto visit = [&](std::uint32_t c) {
    for (auto const st : net.stops_on_chain(street::chain_idx_t{c})) {
      auto const ss = net.stop_snap(transit::stop_idx_t{st});
      if (!ss) continue;
      auto const t = bikeshare_time_at(net, sys, pass, *ss, qs);
      if (t <= limit) out.push_back({transit::stop_idx_t{st}, street::ds_to_seconds(t)});
    }
  };
  auto const pts = sys.points();
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (pass.second[i] != kUnreached) visit(pts[i].walk.chain.v());
  auto const& s = qs.internal().street;
  for (auto const v : s.reached()) {
    for (auto e = g.first_out_[v]; e < g.first_out_[v + 1]; ++e) visit(g.edge_chain_[e]);
    for (auto i = g.rev_first_out_[v]; i < g.rev_first_out_[v + 1]; ++i) visit(g.edge_chain_[g.rev_edge_[i]]);
  }
  std::sort(out.begin(), out.end(), [](stop_offset const& a, stop_offset const& b) {
    return a.stop < b.stop || (a.stop == b.stop && a.seconds < b.seconds);
  });
  out.erase(std::unique(out.begin(), out.end(), [](stop_offset const& a, stop_offset const& b) { return a.stop == b.stop; }),
            out.end());
}

std::optional<bikeshare_trip> bikeshare_best_trip(network::network const& net, bikeshare::system const& sys,
                                                  bikeshare_pass const& pass, street::snap_result const& target,
                                                  query_state& qs) {
  if (!pass.any_second) return std::nullopt;
  auto const& g = net.graph();
  auto const pts = sys.points();
  auto& s = qs.internal().street;
  bool const rev = pass.reverse;
  auto const tconn = connector_ds(net, target.dist_m);
  // The second point nearest the target: a search from the target the other way round.
  auto const total = add(add(pass.walk_ds, pass.ride_ds), pass.walk_ds);  // the limit of the pass's last walk
  street::dijkstra(g, kWalk, seeds_with_connector(net, target, kWalk, !rev), total, s, !rev);
  std::uint32_t best = kUnreached, best_walk = kUnreached, second = 0;
  for (std::uint32_t i = 0; i < pts.size(); ++i) {
    if (pass.second[i] == kUnreached) continue;
    auto w = reach(g, pts[i].walk, kWalk, s.times(), !rev);
    auto const a = along(g, target, pts[i].walk, kWalk, !rev);
    if (a != kUnreached) w = min_of(w, add(a, tconn));
    if (w == kUnreached) continue;
    w = add(w, connector_ds(net, pts[i].walk.dist_m));
    if (add(pass.second[i], w) < best) {
      best = add(pass.second[i], w);
      best_walk = w;
      second = i;
    }
  }
  if (best == kUnreached) return std::nullopt;
  // The first point riding best to (from) it.
  auto const& sp = pts[second].bike;
  auto const sconn = connector_ds(net, sp.dist_m);
  auto seeds = !rev ? street::seeds_to(g, sp, kBike) : street::seeds_from(g, sp, kBike);
  for (auto& sd : seeds) sd.time_ds = add(sd.time_ds, sconn);
  street::dijkstra(g, kBike, seeds, add(pass.walk_ds, pass.ride_ds), s, !rev);
  std::uint32_t best_total = kUnreached, best_ride = 0, first = 0;
  for (std::uint32_t i = 0; i < pts.size(); ++i) {
    if (i == second || pass.first[i] == kUnreached) continue;
    auto b = reach(g, pts[i].bike, kBike, s.times(), !rev);
    if (pts[i].bike.chain == sp.chain) {
      auto const a = along(g, sp, pts[i].bike, kBike, !rev);
      if (a != kUnreached) b = min_of(b, add(a, sconn));
    }
    if (b == kUnreached) continue;
    b = add(b, connector_ds(net, pts[i].bike.dist_m));
    auto const total = add(add(add(pass.first[i], b), rev ? pass.pickup_ds : pass.dropoff_ds), best_walk);
    if (total < best_total) {
      best_total = total;
      best_ride = b;
      first = i;
    }
  }
  if (best_total == kUnreached) return std::nullopt;
  bikeshare_trip t;
  auto const ride = add(add(pass.pickup_ds, best_ride), pass.dropoff_ds);
  if (!rev) {  // origin -> first (pick-up) -> second (drop-off) -> target
    t.pick = first;
    t.drop = second;
    t.at_pick = pass.first[first] - pass.pickup_ds;
    t.docked = add(t.at_pick, ride);
    t.total = add(t.docked, best_walk);
  } else {  // target -> second (pick-up) -> first (drop-off) -> destination
    t.pick = second;
    t.drop = first;
    t.at_pick = best_walk;
    t.docked = add(best_walk, ride);
    t.total = add(t.docked, pass.first[first] - pass.dropoff_ds);
  }
  return t;
}

void append_bikeshare_legs(bikeshare::system const& sys, bikeshare_trip const& trip, seconds_t start,
                           leg_kind walk_kind, place const& from, place const& to, std::vector<leg>& out) {
  auto const pts = sys.points();
  auto station = [&](std::uint32_t i) {
    auto const& pt = pts[i];
    place p;
    p.station_id = std::string(sys.id(pt));
    p.name = std::string(sys.name(pt));
    p.pos = sys.pos(pt);
    return p;
  };
  auto const at = [&](std::uint32_t ds) { return start + street::ds_to_seconds(ds); };
  auto const pick = station(trip.pick);
  auto const drop = station(trip.drop);
  auto push = [&](leg_kind k, street::mode m, seconds_t dep, seconds_t arr, place const& a, place const& b) {
    if (arr <= dep && k != leg_kind::bikeshare) return;
    leg l;
    l.kind = k;
    l.mode = m;
    l.departure = dep;
    l.arrival = arr;
    l.from = a;
    l.to = b;
    out.push_back(std::move(l));
  };
  push(walk_kind, street::mode::walk, start, at(trip.at_pick), from, pick);
  push(leg_kind::bikeshare, street::mode::bike, at(trip.at_pick), at(trip.docked), pick, drop);
  push(walk_kind, street::mode::walk, at(trip.docked), at(trip.total), drop, to);
}

}  // namespace detail

using namespace detail;

result<seconds_t> bikeshare_direct(network::network const& net, bikeshare::system const& sys, geo::latlng from,
                                   geo::latlng to, bikeshare_limits const& lim, query_state& qs) {
  street_query const wq{street::mode::walk, lim.max_walk_seconds, lim.max_snap_m};
  KW_TRY_VOID(check_query(net, wq, true));
  KW_TRY(auto const target, snap_point(net, to, wq, "to"));
  auto& pass = qs.internal().bikeshare_fwd;
  KW_TRY_VOID(run_bikeshare_pass(net, sys, from, lim, qs, false, pass));
  auto const t = bikeshare_time_at(net, sys, pass, target, qs);
  return t == street::kUnreached ? kUnreachable : street::ds_to_seconds(t);
}

namespace {

status stops_by_bikeshare(network::network const& net, bikeshare::system const& sys, geo::latlng p,
                          bikeshare_limits const& lim, query_state& qs, bool reverse, std::vector<stop_offset>& out) {
  out.clear();
  street_query const wq{street::mode::walk, lim.max_walk_seconds, lim.max_snap_m};
  KW_TRY_VOID(check_query(net, wq, true));
  if (!net.has_timetable())
    return make_error(errc::unsupported, "the network was built without GTFS: it has no stops to reach", {}, 0,
                      "network");
  auto& pass = reverse ? qs.internal().bikeshare_rev : qs.internal().bikeshare_fwd;
  KW_TRY_VOID(run_bikeshare_pass(net, sys, p, lim, qs, reverse, pass));
  bikeshare_stops(net, sys, pass, qs, out);
  return {};
}

}  // namespace

status bikeshare_access(network::network const& net, bikeshare::system const& sys, geo::latlng from,
                        bikeshare_limits const& lim, query_state& qs, std::vector<stop_offset>& out) {
  return stops_by_bikeshare(net, sys, from, lim, qs, false, out);
}

status bikeshare_egress(network::network const& net, bikeshare::system const& sys, geo::latlng to,
                        bikeshare_limits const& lim, query_state& qs, std::vector<stop_offset>& out) {
  return stops_by_bikeshare(net, sys, to, lim, qs, true, out);
}

}  // namespace kwartier::routing
