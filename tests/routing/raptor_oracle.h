// An independent oracle for RAPTOR: a connection scan (CSA) in layers, one layer per ride, over the same
// timetable and footpaths, written without any of the RAPTOR code (no routes scanned, no earliest-trip search,
// no FIFO assumption: every trip instance is its own sequence of connections).
//
// Journeys: access offset -> ride -> (footpath between different stops -> ride)* -> egress offset from the
// stop where the last ride ends (or, with no ride, access and egress offsets at one stop).
//
// Forward (depart at `time`), layer k:
//   a trip instance is boarded at connection c when c.from allows pickup, neither stop nor trip is excluded and
//   ready_{k-1}(c.from) <= c.dep; every later connection of the instance is then on board; alighting at c.to
//   (drop-off allowed, not excluded) gives ride_k(c.to) = min c.arr;
//   ready_k(p) = min(ready_{k-1}(p), ride_k(p) + change(p), ride_k(q) + footpath(q -> p) for q != p);
//   target_k   = min(target_{k-1}, ride_k(e) + egress(e)); target_0 = min over stops in both lists of
//                time + access + egress; nothing later than time + max_travel.
// Backward (arrive by `time`) mirrors it on connections scanned by decreasing arrival:
//   need_0(e) = time - egress(e); an instance is entered at connection c when c.to allows drop-off and
//   need_{k-1}(c.to) >= c.arr; every earlier connection is then on board; boarding at c.from (pickup allowed)
//   gives dep_k(c.from) = max c.dep; need_k(p) = max(need_{k-1}(p), dep_k(p) - change(p),
//   dep_k(q) - footpath(p -> q)); target_k = max(target_{k-1}, dep_k(s) - access(s)).
// change(p) = the stop's self footpath, else min_change. Trip instances: every trip on every service day whose
// times can fall in the window (day d's trips run at d's reference counted from the query day's, which is
// (d - query day) x 86,400 s except across a clock change, + their GTFS times).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "kwartier/network/network.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::testing {

struct oracle_connection {
  std::int32_t dep, arr;
  std::uint32_t from, to;
  std::uint32_t instance;  // trip instance
  std::uint32_t seq;       // position in the trip (tie-break for zero-length hops)
  bool pickup, dropoff;
  std::uint32_t trip;      // trip_idx_t (for exclusion)
};

struct oracle_options {
  std::size_t max_rides = 9;
  std::int32_t min_change = 0;
  std::int32_t max_travel = routing::kDay;
  std::vector<std::uint64_t> excl_trips, excl_stops;
};

class csa_oracle {
 public:
  explicit csa_oracle(network::network const& net) : net_{net}, tt_{net.timetable()} {
    for (auto const& st : tt_.stop_times_) max_time_ = std::max({max_time_, st.arr, st.dep});
    if (auto tz = transit::time_zone::of(tt_)) tz_ = *tz;
  }

  // Forward: per k = 0..max_rides the earliest target arrival with at most k rides (kUnreachable when none).
  std::vector<std::int32_t> earliest(std::int32_t day, std::int32_t time, std::vector<routing::stop_offset> const& sources,
                                     std::vector<routing::stop_offset> const& targets, oracle_options const& o = {}) {
    constexpr auto inf = routing::kUnreachable;
    auto const n = tt_.n_stops();
    auto const limit = time + o.max_travel;
    auto const& conns = connections(day, time, limit);
    auto const change = changes(o.min_change);
    std::vector<std::int32_t> ready(n, inf), at(n, inf);
    for (auto const& s : sources) {
      auto const t = time + s.seconds;
      if (t > limit) continue;
      ready[s.stop.v()] = std::min(ready[s.stop.v()], t);
      at[s.stop.v()] = std::min(at[s.stop.v()], t);
    }
    auto best_via = [&](std::vector<std::int32_t> const& a, std::int32_t best) {
      for (auto const& t : targets)
        if (a[t.stop.v()] != inf && a[t.stop.v()] + t.seconds <= limit) best = std::min(best, a[t.stop.v()] + t.seconds);
      return best;
    };
    std::vector<std::int32_t> out{best_via(ready, inf)};
    arrivals_ = at;
    std::vector<std::uint8_t> on(n_instances_, 0);
    std::vector<std::int32_t> ride(n, inf);
    auto const first = std::lower_bound(conns.begin(), conns.end(), time,
                                        [](oracle_connection const& c, std::int32_t t) { return c.dep < t; });
    for (std::size_t k = 1; k <= o.max_rides; ++k) {
      std::fill(on.begin(), on.end(), 0);
      std::fill(ride.begin(), ride.end(), inf);
      // A connection leaving at or after the best target time so far cannot improve a target.
      auto const cut = (targets.empty() || out.back() == inf) ? limit : std::min(limit, out.back() - 1);
      for (auto it = first; it != conns.end() && it->dep <= cut; ++it) {
        auto const& c = *it;
        if (!on[c.instance]) {
          if (!c.pickup || excluded(o.excl_stops, c.from) || excluded(o.excl_trips, c.trip) || ready[c.from] > c.dep)
            continue;
          on[c.instance] = 1;
        }
        if (c.dropoff && !excluded(o.excl_stops, c.to) && c.arr <= limit) ride[c.to] = std::min(ride[c.to], c.arr);
      }
      auto next = ready;
      for (std::uint32_t q = 0; q < n; ++q) {
        if (ride[q] == inf) continue;
        arrivals_[q] = std::min(arrivals_[q], ride[q]);
        if (ride[q] + change[q] <= limit) next[q] = std::min(next[q], ride[q] + change[q]);
        for (auto const& fp : net_.footpaths(transit::stop_idx_t{q})) {
          if (fp.to == q || ride[q] + fp.seconds > limit) continue;
          next[fp.to] = std::min(next[fp.to], ride[q] + fp.seconds);
          arrivals_[fp.to] = std::min(arrivals_[fp.to], ride[q] + fp.seconds);
        }
      }
      out.push_back(best_via(ride, out.back()));
      if (next == ready) {  // nothing new to board from: every further layer is the same
        while (out.size() <= o.max_rides) out.push_back(out.back());
        break;
      }
      ready.swap(next);
    }
    return out;
  }

  // Backward: per k the latest departure from the origin with at most k rides arriving by `time`
  // (-kUnreachable when none).
  std::vector<std::int32_t> latest(std::int32_t day, std::int32_t time, std::vector<routing::stop_offset> const& egress,
                                   std::vector<routing::stop_offset> const& access, oracle_options const& o = {}) {
    constexpr auto ninf = -routing::kUnreachable;
    auto const n = tt_.n_stops();
    auto const limit = time - o.max_travel;
    auto const& conns = connections(day, limit, time);
    auto const change = changes(o.min_change);
    std::vector<std::int32_t> need(n, ninf);
    for (auto const& e : egress) {
      auto const t = time - e.seconds;
      if (t >= limit) need[e.stop.v()] = std::max(need[e.stop.v()], t);
    }
    auto best_via = [&](std::vector<std::int32_t> const& d, std::int32_t best) {
      for (auto const& a : access)
        if (d[a.stop.v()] != ninf && d[a.stop.v()] - a.seconds >= limit) best = std::max(best, d[a.stop.v()] - a.seconds);
      return best;
    };
    std::vector<std::int32_t> out{best_via(need, ninf)};
    std::vector<std::uint8_t> on(n_instances_, 0);
    std::vector<std::int32_t> dep(n, ninf);
    // Connections by decreasing arrival (later positions of one trip first), sorted once per window.
    auto& by_arr = by_arr_[&conns];
    if (by_arr.size() != conns.size()) {
      by_arr.assign(conns.begin(), conns.end());
      std::sort(by_arr.begin(), by_arr.end(), [](oracle_connection const& a, oracle_connection const& b) {
        if (a.arr != b.arr) return a.arr > b.arr;
        if (a.instance != b.instance) return a.instance < b.instance;
        return a.seq > b.seq;
      });
    }
    auto const first = std::lower_bound(by_arr.begin(), by_arr.end(), time,
                                        [](oracle_connection const& c, std::int32_t t) { return c.arr > t; });
    for (std::size_t k = 1; k <= o.max_rides; ++k) {
      std::fill(on.begin(), on.end(), 0);
      std::fill(dep.begin(), dep.end(), ninf);
      auto const cut = (access.empty() || out.back() == ninf) ? limit : std::max(limit, out.back() + 1);
      for (auto it = first; it != by_arr.end() && it->arr >= cut; ++it) {
        auto const& c = *it;
        if (!on[c.instance]) {
          if (!c.dropoff || excluded(o.excl_stops, c.to) || excluded(o.excl_trips, c.trip) || need[c.to] < c.arr)
            continue;
          on[c.instance] = 1;
        }
        if (c.pickup && !excluded(o.excl_stops, c.from) && c.dep >= limit) dep[c.from] = std::max(dep[c.from], c.dep);
      }
      auto next = need;
      for (std::uint32_t p = 0; p < n; ++p) {
        // need(p) from boarding at p itself, or at a stop q reached on a footpath p -> q.
        for (auto const& fp : net_.footpaths(transit::stop_idx_t{p})) {
          if (fp.to == p || dep[fp.to] == ninf || dep[fp.to] - fp.seconds < limit) continue;
          next[p] = std::max(next[p], dep[fp.to] - fp.seconds);
        }
        if (dep[p] != ninf && dep[p] - change[p] >= limit) next[p] = std::max(next[p], dep[p] - change[p]);
      }
      out.push_back(best_via(dep, out.back()));
      if (next == need) {
        while (out.size() <= o.max_rides) out.push_back(out.back());
        break;
      }
      need.swap(next);
    }
    return out;
  }

  // Forward one-to-all after earliest(): the earliest time at each stop by any means (access, ride, ride and
  // footpath), with at most max_rides rides.
  std::vector<std::int32_t> const& arrivals() const { return arrivals_; }

  // The Pareto front (rides, time) of a per-k list; `later_is_better` for backward lists.
  static std::vector<std::pair<std::size_t, std::int32_t>> front(std::vector<std::int32_t> const& per_k,
                                                                 bool later_is_better = false) {
    std::vector<std::pair<std::size_t, std::int32_t>> f;
    std::int32_t best = later_is_better ? -routing::kUnreachable : routing::kUnreachable;
    for (std::size_t k = 0; k < per_k.size(); ++k)
      if (later_is_better ? per_k[k] > best : per_k[k] < best) {
        best = per_k[k];
        f.emplace_back(k, best);
      }
    return f;
  }

 private:
  static bool excluded(std::vector<std::uint64_t> const& bits, std::uint32_t i) {
    return !bits.empty() && ((bits[i / 64] >> (i % 64)) & 1U) != 0;
  }

  std::vector<std::int32_t> changes(std::int32_t min_change) const {
    std::vector<std::int32_t> change(tt_.n_stops(), min_change);
    for (std::uint32_t p = 0; p < tt_.n_stops(); ++p)
      for (auto const& fp : net_.footpaths(transit::stop_idx_t{p}))
        if (fp.to == p) change[p] = fp.seconds;
    return change;
  }

  // Every connection of every trip instance whose day overlaps [lo, hi] (widened to whole days), sorted by
  // departure.
  std::vector<oracle_connection> const& connections(std::int32_t day, std::int32_t lo, std::int32_t hi) {
    auto const floor_day = [](std::int32_t t) { return t / routing::kDay - (t < 0 && t % routing::kDay != 0 ? 1 : 0); };
    auto const lo_day = floor_day(lo), hi_day = floor_day(hi) + 1;
    auto const key = std::make_tuple(day, lo_day, hi_day);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    lo = lo_day * routing::kDay;
    hi = hi_day * routing::kDay;
    std::vector<oracle_connection> out;
    std::uint32_t inst = 0;
    for (std::uint32_t r = 0; r < tt_.n_routes(); ++r) {
      auto const rid = transit::route_idx_t{r};
      auto const stops = tt_.route_stops(rid);
      auto const flags = tt_.route_stop_flags(rid);
      auto const trips = tt_.route_trips(rid);
      for (std::size_t k = 0; k < trips.size(); ++k) {
        auto const times = tt_.trip_times(rid, k);
        auto const trip = transit::trip_idx_t{trips[k]};
        for (std::int32_t o = lo_day - max_time_ / routing::kDay - 1; o <= hi_day; ++o) {
          // Day o's GTFS times count from its own noon-minus-12h reference (transit/local_time.h).
          std::int32_t const base = tz_ ? tz_->rebase(transit::service_time{day + o, 0}, day).seconds : o * routing::kDay;
          if (base + max_time_ < lo || base > hi) continue;
          if (!tt_.service_active(tt_.trip_service(trip), day + o)) continue;
          for (std::size_t i = 0; i + 1 < stops.size(); ++i)
            out.push_back(oracle_connection{base + times[i].dep, base + times[i + 1].arr, stops[i], stops[i + 1], inst,
                                            static_cast<std::uint32_t>(i), (flags[i] & transit::kNoPickup) == 0,
                                            (flags[i + 1] & transit::kNoDropOff) == 0, trip.v()});
          ++inst;
        }
      }
    }
    std::sort(out.begin(), out.end(), [](oracle_connection const& a, oracle_connection const& b) {
      if (a.dep != b.dep) return a.dep < b.dep;
      if (a.instance != b.instance) return a.instance < b.instance;
      return a.seq < b.seq;
    });
    n_instances_ = std::max<std::size_t>(n_instances_, inst);
    if (cache_.size() > 4) {
      cache_.clear();
      by_arr_.clear();
    }
    return cache_.emplace(key, std::move(out)).first->second;
  }

  network::network const& net_;
  transit::timetable_view const& tt_;
  std::int32_t max_time_ = 0;
  std::optional<transit::time_zone> tz_;
  std::size_t n_instances_ = 0;
  std::map<std::tuple<std::int32_t, std::int32_t, std::int32_t>, std::vector<oracle_connection>> cache_;
  std::map<std::vector<oracle_connection> const*, std::vector<oracle_connection>> by_arr_;
  std::vector<std::int32_t> arrivals_;
};

}  // namespace kwartier::testing
