// Transit part of access::score: access stops per origin from one reverse walk search per stop, departure
// profiles per stop from one RAPTOR run per departure, combined per origin (see kwartier/access/score.h).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

#include "access/street_side.h"
#include "access/transit.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::access::detail {

using street::kUnreached;
using routing::kUnreachable;

result<transit_plan> plan_transit(network::network const& net, options const& opt, validation_report& report) {
  auto const& tt = net.timetable();
  transit_plan p;
  auto const range = transit::service_days(tt);
  if (range.empty()) return make_error(errc::unsupported, "the timetable has no service day", {}, 0, "date");
  std::int32_t day = 0;
  if (opt.date.empty()) {
    // The first Tuesday of the service dates on which some trip runs; else the first day with a trip.
    auto runs = [&](std::int32_t d) {
      for (std::size_t sv = 0; sv < tt.n_services(); ++sv)
        if (tt.service_active(transit::service_idx_t::from(sv), d)) return true;
      return false;
    };
    day = range.first_day;
    for (std::int32_t d = range.first_day; d <= range.last_day; ++d)
      if (((d % 7) + 11) % 7 == 2 && runs(d)) {  // 1970-01-01 was a Thursday: (d + 4) mod 7 == 2 is a Tuesday
        day = d;
        break;
      }
    p.default_date = true;
    p.date = transit::format_date(day);
    report.add(severity::info, "default_date", {}, 0, "date",
               "no date given: transit departs on " + p.date + " (the first Tuesday with service in " +
                   transit::format_date(range.first_day) + " .. " + transit::format_date(range.last_day) + ")");
  } else {
    KW_TRY(day, transit::parse_date(opt.date));
    p.date = transit::format_date(day);
  }
  KW_TRY(auto const secs, transit::parse_time_of_day(opt.time));
  KW_TRY_VOID(transit::check_service_day(range, day));
  transit::service_time st{day, secs};
  if (auto tz = transit::time_zone::of(tt)) st = tz->to_service_time({day, secs});
  p.day = st.day;
  p.t0 = st.seconds;
  p.n_minutes = opt.window_minutes > 0.0 ? std::max(1, static_cast<int>(std::floor(opt.window_minutes))) : 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", secs / 3600, (secs / 60) % 60);
  p.time = buf;
  return p;
}

namespace {

struct access_entry {
  std::uint32_t stop;
  routing::seconds_t seconds;
};

// Departure times (seconds from the plan's service day) of every trip at stop s within [lo, hi], sorted.
void departures(transit::timetable_view const& tt, std::int32_t day, std::uint32_t s, std::int32_t lo,
                std::int32_t hi, std::int32_t max_time, std::vector<std::int32_t>& out) {
  out.clear();
  auto const o_lo = static_cast<std::int32_t>(std::floor((static_cast<double>(lo) - max_time) / routing::kDay));
  auto const o_hi = static_cast<std::int32_t>(std::floor(static_cast<double>(hi) / routing::kDay));
  for (auto const r : tt.stop_routes(transit::stop_idx_t{s})) {
    auto const route = transit::route_idx_t{r};
    auto const stops = tt.route_stops(route);
    auto const trips = tt.route_trips(route);
    for (std::size_t k = 0; k < stops.size(); ++k) {
      if (stops[k] != s) continue;
      for (std::size_t j = 0; j < trips.size(); ++j) {
        auto const dep = tt.trip_times(route, j)[k].dep;
        auto const sv = tt.trip_service(transit::trip_idx_t{trips[j]});
        for (auto o = o_lo; o <= o_hi; ++o) {
          auto const t = dep + o * routing::kDay;
          if (t < lo || t > hi) continue;
          if (tt.service_active(sv, day + o)) out.push_back(t);
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

result<std::vector<routing::seconds_t>> score_transit(network::network const& net, origins const& o,
                                                      options const& opt, transit_plan const& plan,
                                                      street_side const& walk,
                                                      std::vector<routing::seconds_t> const& walk_s,
                                                      std::vector<routing::seconds_t> const& egress, std::size_t nc,
                                                      routing::seconds_t max_s, unsigned threads,
                                                      std::function<void(std::string_view, double)> const& progress) {
  (void)opt;
  auto const& g = net.graph();
  auto const& tt = net.timetable();
  std::size_t const n = o.size();
  std::size_t const n_stops = net.n_stops();
  auto const cap_ds = street::seconds_to_ds(max_s);
  auto const walk_speed = g.stats_.walk_speed_mps;

  // 1. Where each origin enters the street graph: node origins at their node, point origins at the ends of
  //    their chain (CSR node -> (origin, decisecond time from the origin's snapped point)).
  std::vector<std::uint32_t> anchor_off(g.n_nodes() + 1, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> anchors;
  {
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> per(g.n_nodes());
    for (std::uint32_t i = 0; i < n; ++i) {
      if (o.node[i] != kNoNode) {
        if (g.node_in(street::node_idx_t{o.node[i]}, street::mode::walk)) per[o.node[i]].emplace_back(i, 0U);
        continue;
      }
      auto const& s = walk.origin_snap[i];
      if (!s.chain.valid()) continue;
      for (auto const& sd : street::seeds_from(g, s, street::mode::walk)) per[sd.node.v()].emplace_back(i, sd.time_ds);
    }
    for (std::size_t v = 0; v < per.size(); ++v) {
      anchor_off[v + 1] = anchor_off[v] + static_cast<std::uint32_t>(per[v].size());
      anchors.insert(anchors.end(), per[v].begin(), per[v].end());
    }
  }
  // Point origins per chain (stops on the same chain are reached along it).
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> origins_on_chain;
  for (std::uint32_t i = 0; i < n; ++i)
    if (o.node[i] == kNoNode && walk.origin_snap[i].chain.valid())
      origins_on_chain[walk.origin_snap[i].chain.v()].push_back(i);

  // 2. One reverse walk search per linked stop: the access time of every origin within max_s.
  std::vector<std::vector<std::pair<std::uint32_t, access_entry>>> found(threads);
  std::vector<street::query_state> sq(threads);
  std::vector<std::vector<std::uint32_t>> best(threads), touched(threads);
  std::atomic<std::size_t> done{0};
  std::mutex pm;
  parallel_for(n_stops, threads, [&](std::size_t st, unsigned tid) {
    auto const ss = net.stop_snap(transit::stop_idx_t::from(st));
    if (ss) {
      auto const conn_s = street::travel_ds(ss->dist_m, walk_speed);
      auto seeds = street::seeds_to(g, *ss, street::mode::walk);
      for (auto& sd : seeds) sd.time_ds += conn_s;
      auto& q = sq[tid];
      auto& b = best[tid];
      auto& tch = touched[tid];
      if (b.size() != n) b.assign(n, kUnreached);
      if (conn_s <= cap_ds) {
        street::dijkstra(g, street::mode::walk, seeds, cap_ds, q, true);
        auto const rev = q.times();
        auto consider = [&](std::uint32_t i, std::uint64_t t) {
          if (t > cap_ds) return;
          if (b[i] == kUnreached) tch.push_back(i);
          b[i] = std::min<std::uint32_t>(b[i], static_cast<std::uint32_t>(t));
        };
        for (auto const v : q.reached())
          for (auto a = anchor_off[v]; a < anchor_off[v + 1]; ++a) {
            auto const [i, t] = anchors[a];
            consider(i, std::uint64_t{t} + rev[v] + walk.origin_conn[i]);
          }
        if (auto const it = origins_on_chain.find(ss->chain.v()); it != origins_on_chain.end())
          for (auto const i : it->second) {
            auto const t = street::along_chain(g, walk.origin_snap[i], *ss, street::mode::walk);
            if (t != kUnreached) consider(i, std::uint64_t{t} + conn_s + walk.origin_conn[i]);
          }
        for (auto const i : tch) {
          found[tid].push_back({i, access_entry{static_cast<std::uint32_t>(st), street::ds_to_seconds(b[i])}});
          b[i] = kUnreached;
        }
        tch.clear();
      }
    }
    auto const d = ++done;
    if (progress && d % 64 == 0) {
      std::lock_guard lock{pm};
      progress("access walks to stops", static_cast<double>(d) / static_cast<double>(n_stops));
    }
  });
  std::vector<std::uint32_t> acc_off(n + 1, 0);
  std::vector<access_entry> acc;
  {
    for (auto const& f : found)
      for (auto const& [i, e] : f) ++acc_off[i + 1];
    for (std::size_t i = 0; i < n; ++i) acc_off[i + 1] += acc_off[i];
    acc.resize(acc_off[n]);
    auto pos = acc_off;
    for (auto& f : found) {
      for (auto const& [i, e] : f) acc[pos[i]++] = e;
      std::vector<std::pair<std::uint32_t, access_entry>>{}.swap(f);
    }
  }

  // 3. Departure profiles of every stop some origin reaches: per departure d, per category, the earliest
  //    arrival at the category (RAPTOR one-to-all from the stop at d, plus the egress walks).
  std::vector<char> used(n_stops, 0);
  for (auto const& e : acc) used[e.stop] = 1;
  std::vector<std::uint32_t> stops;
  for (std::uint32_t st = 0; st < n_stops; ++st)
    if (used[st]) stops.push_back(st);
  std::int32_t const t_lo = plan.t0;
  std::int32_t const t_hi = plan.t0 + (plan.n_minutes - 1) * 60 + max_s;
  std::int32_t max_time = 0;
  for (std::size_t r = 0; r < tt.n_routes(); ++r) {
    auto const route = transit::route_idx_t::from(r);
    auto const trips = tt.route_trips(route);
    for (std::size_t j = 0; j < trips.size(); ++j)
      for (auto const& t : tt.trip_times(route, j)) max_time = std::max(max_time, std::max(t.arr, t.dep));
  }
  // Egress per stop as (category, seconds) lists, so a profile reads only the stops that lead somewhere.
  std::vector<std::uint32_t> eg_off(n_stops + 1, 0);
  std::vector<std::pair<std::uint32_t, routing::seconds_t>> eg;
  for (std::size_t st = 0; st < n_stops; ++st) {
    for (std::size_t c = 0; c < nc; ++c)
      if (egress[c * n_stops + st] != kUnreachable) eg.emplace_back(static_cast<std::uint32_t>(c), egress[c * n_stops + st]);
    eg_off[st + 1] = static_cast<std::uint32_t>(eg.size());
  }
  struct profile {
    std::vector<std::int32_t> dep;      // departures, sorted
    std::vector<std::int32_t> arrival;  // [k * nc + c]: earliest arrival at category c leaving at dep[k]
  };
  std::vector<profile> prof(n_stops);
  std::vector<routing::query_state> rq(threads);
  std::vector<std::vector<std::int32_t>> deps(threads);
  std::vector<status> errors(threads);
  done = 0;
  parallel_for(stops.size(), threads, [&](std::size_t si, unsigned tid) {
    auto const st = stops[si];
    auto& d = deps[tid];
    departures(tt, plan.day, st, t_lo, t_hi, max_time, d);
    auto& p = prof[st];
    p.dep = d;
    p.arrival.assign(d.size() * nc, kUnreachable);
    routing::stop_offset const src{transit::stop_idx_t{st}, 0};
    for (std::size_t k = 0; k < d.size(); ++k) {
      routing::raptor_query q;
      q.day = plan.day;
      q.time = d[k];
      q.dir = routing::direction::forward;
      q.sources = std::span<routing::stop_offset const>{&src, 1};
      q.opt.max_travel_seconds = std::max(1, t_hi - d[k]);
      auto r = routing::raptor(net, q, rq[tid]);
      if (!r) {
        if (errors[tid]) errors[tid] = make_error(std::move(r).error());
        return;
      }
      auto const bt = routing::best_arrival_times(rq[tid]);
      auto* arr = p.arrival.data() + k * nc;
      for (std::size_t q2 = 0; q2 < bt.size(); ++q2) {
        if (bt[q2] == kUnreachable || eg_off[q2] == eg_off[q2 + 1]) continue;
        for (auto e = eg_off[q2]; e < eg_off[q2 + 1]; ++e) {
          auto const a = static_cast<std::int64_t>(bt[q2]) + eg[e].second;
          if (a < arr[eg[e].first]) arr[eg[e].first] = static_cast<std::int32_t>(a);
        }
      }
    }
    auto const dn = ++done;
    if (progress && dn % 16 == 0) {
      std::lock_guard lock{pm};
      progress("departure profiles", static_cast<double>(dn) / static_cast<double>(stops.size()));
    }
  });
  for (auto& e : errors)
    if (!e) return make_error(std::move(e).error());

  // 4. Per origin: min over its access stops of the profile at the first departure after reaching the stop,
  //    the ride-less walk through the stop, and the direct walk; per minute of the window, then the percentile.
  std::vector<routing::seconds_t> out(nc * n, kUnreachable);
  std::size_t const nm = static_cast<std::size_t>(plan.n_minutes);
  std::vector<std::vector<routing::seconds_t>> scratch(threads);
  parallel_for(n, threads, [&](std::size_t i, unsigned tid) {
    auto& vals = scratch[tid];
    vals.assign(nm * nc, kUnreachable);
    for (std::size_t m = 0; m < nm; ++m) {
      std::int32_t const T = plan.t0 + static_cast<std::int32_t>(m) * 60;
      auto* v = vals.data() + m * nc;
      for (std::size_t c = 0; c < nc; ++c) v[c] = walk_s[c * n + i];
      for (auto a = acc_off[i]; a < acc_off[i + 1]; ++a) {
        auto const [st, secs] = acc[a];
        std::int32_t const t = T + secs;
        for (auto e = eg_off[st]; e < eg_off[st + 1]; ++e)
          v[eg[e].first] = std::min(v[eg[e].first], secs + eg[e].second);
        auto const& p = prof[st];
        auto const it = std::lower_bound(p.dep.begin(), p.dep.end(), t);
        if (it == p.dep.end()) continue;
        auto const* arr = p.arrival.data() + static_cast<std::size_t>(it - p.dep.begin()) * nc;
        for (std::size_t c = 0; c < nc; ++c)
          if (arr[c] != kUnreachable) v[c] = std::min(v[c], arr[c] - T);
      }
    }
    for (std::size_t c = 0; c < nc; ++c) {
      routing::seconds_t r;
      if (nm == 1) {
        r = vals[c];
      } else {
        std::vector<routing::seconds_t> col(nm);
        for (std::size_t m = 0; m < nm; ++m) col[m] = vals[m * nc + c];
        std::sort(col.begin(), col.end());
        auto rank = static_cast<std::size_t>(std::ceil(opt.percentile / 100.0 * static_cast<double>(nm)));
        rank = std::clamp<std::size_t>(rank, 1, nm);
        r = col[rank - 1];
      }
      out[c * n + i] = r <= max_s ? r : kUnreachable;
    }
  });
  return out;
}

}  // namespace kwartier::access::detail
