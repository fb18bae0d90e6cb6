#pragma once

// An oracle for walk + transit isochrone node times, written independently of routing::isochrone: stop
// arrivals by connection scan (raptor_oracle.h) from the origin's access offsets, then one plain binary-heap
// Dijkstra (std::priority_queue, deciseconds) over the street graph seeded at the origin's snap and at every
// stop reached (by the access walk, a ride, or a footpath after a ride), each at its arrival time plus its
// link walked. Used by tests/routing/street_data_test.cc and benchmarks/routing/isochrone_bench.cc.
#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

#include "kwartier/network/network.h"
#include "kwartier/routing/access.h"
#include "kwartier/street/query.h"
#include "kwartier/transit/local_time.h"
#include "routing/raptor_oracle.h"

namespace kwartier::testing {

// Seconds to every street node (routing::kUnreachable past the budget) leaving `from` at local `date` /
// `time` on foot with transit; empty when the origin does not snap or access fails.
inline std::vector<routing::seconds_t> oracle_isochrone(network::network const& net, csa_oracle& csa,
                                                        routing::query_state& qs, geo::latlng from, std::int32_t date,
                                                        routing::seconds_t time, routing::seconds_t budget) {
  auto const& g = net.graph();
  auto const& tt = net.timetable();
  street::travel_profile const prof{street::mode::walk, 0};
  double const speed = g.stats_.walk_speed_mps;
  auto const budget_ds = street::seconds_to_ds(budget);
  using item = std::pair<std::uint32_t, std::uint32_t>;  // time_ds, node
  std::priority_queue<item, std::vector<item>, std::greater<>> pq;
  std::vector<std::uint32_t> dist(g.n_nodes(), street::kUnreached);
  auto push = [&](street::seed const& s, std::uint32_t offset) {
    auto const t = s.time_ds + offset;
    if (t <= budget_ds && t < dist[s.node.v()]) {
      dist[s.node.v()] = t;
      pq.push({t, s.node.v()});
    }
  };
  auto const snap = net.snapper().snap(from, prof, network::kDefaultMaxSnapM);
  if (!snap) return {};
  for (auto const& s : street::seeds_from(g, *snap, prof)) push(s, street::travel_ds(snap->dist_m, speed));
  std::vector<routing::stop_offset> acc;
  if (!routing::access(net, from, routing::street_query{street::mode::walk, budget}, qs, acc)) return {};
  auto const tz = transit::time_zone::of(tt);
  auto const when =
      tz ? tz->to_service_time(transit::local_date_time{date, time}) : transit::service_time{date, time};
  oracle_options oo;
  oo.max_travel = budget;
  csa.earliest(when.day, when.seconds, acc, {}, oo);
  auto const& arr = csa.arrivals();
  for (std::uint32_t s = 0; s < arr.size(); ++s) {
    if (arr[s] == routing::kUnreachable) continue;
    auto const elapsed = static_cast<std::int64_t>(arr[s]) - when.seconds;
    if (elapsed < 0 || elapsed > budget) continue;
    auto const ss = net.stop_snap(transit::stop_idx_t{s});
    if (!ss) continue;
    auto const start = static_cast<std::uint32_t>(elapsed * 10) + street::travel_ds(ss->dist_m, speed);
    for (auto const& sd : street::seeds_from(g, *ss, prof)) push(sd, start);
  }
  while (!pq.empty()) {
    auto const [t, u] = pq.top();
    pq.pop();
    if (t != dist[u]) continue;
    for (auto e = g.first_out_[u]; e < g.first_out_[u + 1]; ++e) {
      auto const w = g.weight(e, prof);
      if (w == street::kNoWeight) continue;
      auto const nt = t + w;
      auto const v = g.head_[e];
      if (nt <= budget_ds && nt < dist[v]) {
        dist[v] = nt;
        pq.push({nt, v});
      }
    }
  }
  std::vector<routing::seconds_t> out(g.n_nodes(), routing::kUnreachable);
  for (std::size_t v = 0; v < out.size(); ++v)
    if (dist[v] != street::kUnreached) out[v] = street::ds_to_seconds(dist[v]);
  return out;
}

}  // namespace kwartier::testing
