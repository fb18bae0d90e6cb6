// Independent answers for access::score, one origin at a time (used by tests/access/rnv_data_test.cc and the
// checks of benchmarks/access/access_bench.cc before timing):
// - oracle_street: one forward street search per origin (from its node for a street-node origin the mode can
//   use, else from its snapped place), read at every POI (street::time_to plus the straight pieces walked),
//   min per category;
// - oracle_transit: routing::raptor per origin with the origin's routing::access stops and, per category, the
//   routing::egress stops of every POI of the category; min with the direct walk given.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kwartier/access/origins.h"
#include "kwartier/network/network.h"
#include "kwartier/poi/poi.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::access_oracle {

// [c * n_origins + i]: seconds from origin i to the nearest POI of category c (kUnreachable past max_s).
inline std::vector<routing::seconds_t> oracle_street(network::network const& net, poi::poi_set const& pois,
                                                     access::origins const& o, street::mode m,
                                                     routing::seconds_t max_s, std::size_t n_origins) {
  auto const& g = net.graph();
  auto const cap = street::seconds_to_ds(max_s);
  auto const conn = [&](double d) { return street::travel_ds(d, g.stats_.walk_speed_mps); };
  std::vector<std::optional<street::snap_result>> ps;
  for (auto const& r : pois.records) {
    auto s = net.snapper().snap({r.lat, r.lon}, m, network::kDefaultMaxSnapM);
    ps.push_back(s ? std::optional{*s} : std::nullopt);
  }
  std::vector<routing::seconds_t> out(pois.categories.size() * n_origins, routing::kUnreachable);
  street::query_state qs;
  for (std::size_t i = 0; i < n_origins; ++i) {
    // A street-node origin the mode can use starts at its node; any other origin at its snapped place.
    bool const at_node = o.node[i] != access::kNoNode && g.node_in(street::node_idx_t{o.node[i]}, m);
    std::optional<street::snap_result> s;
    if (at_node) {
      std::vector<street::seed> const seeds{{street::node_idx_t{o.node[i]}, 0}};
      street::dijkstra(g, m, seeds, cap, qs);
    } else {
      auto sn = net.snapper().snap(o.pos[i], m, network::kDefaultMaxSnapM);
      if (!sn) continue;
      s = *sn;
      street::dijkstra(g, m, street::seeds_from(g, *s, m), cap, qs);
    }
    for (std::size_t p = 0; p < ps.size(); ++p) {
      if (!ps[p]) continue;
      auto const t = street::time_to(g, *ps[p], m, qs.times(), s ? &*s : nullptr);
      if (t == street::kUnreached) continue;
      auto const total = std::uint64_t{t} + (s ? conn(s->dist_m) : 0U) + conn(ps[p]->dist_m);
      if (total > cap) continue;
      auto& x = out[pois.records[p].category * n_origins + i];
      x = std::min(x, street::ds_to_seconds(static_cast<std::uint32_t>(total)));
    }
  }
  return out;
}

// [c * n_origins + i]: walk + transit from origin i leaving at date/time, given the walk times `walk` (in the
// same layout) as the direct option. `better` counts the answers where transit beats walking.
inline result<std::vector<routing::seconds_t>> oracle_transit(network::network const& net, poi::poi_set const& pois,
                                                              access::origins const& o, std::string const& date,
                                                              std::string const& time, routing::seconds_t max_s,
                                                              std::vector<routing::seconds_t> const& walk,
                                                              std::size_t n_origins, std::size_t& better) {
  auto const nc = pois.categories.size();
  routing::query_state qs;
  routing::access_options ao{street::mode::walk, max_s};
  std::vector<std::vector<routing::stop_offset>> egress(nc);
  for (std::size_t c = 0; c < nc; ++c) {
    std::map<std::uint32_t, routing::seconds_t> best;
    std::vector<routing::stop_offset> e;
    for (auto const& r : pois.records) {
      if (r.category != c) continue;
      if (!routing::egress(net, {r.lat, r.lon}, ao, qs, e)) continue;  // too far from a street
      for (auto const& x : e) {
        auto [it, fresh] = best.emplace(x.stop.v(), x.seconds);
        if (!fresh) it->second = std::min(it->second, x.seconds);
      }
    }
    for (auto const& [st, sec] : best) egress[c].push_back({transit::stop_idx_t{st}, sec});
  }
  KW_TRY(auto const tz, transit::time_zone::of(net.timetable()));
  KW_TRY(auto const ldt, transit::parse_local_date_time(date, time));
  auto const when = tz.to_service_time(ldt);
  std::vector<routing::seconds_t> out(nc * n_origins, routing::kUnreachable);
  std::vector<routing::stop_offset> acc;
  for (std::size_t i = 0; i < n_origins; ++i) {
    auto const a = routing::access(net, o.pos[i], ao, qs, acc);
    for (std::size_t c = 0; c < nc; ++c) {
      routing::seconds_t want = walk[c * n_origins + i];
      if (a && !acc.empty() && !egress[c].empty()) {
        routing::raptor_query q;
        q.day = when.day;
        q.time = when.seconds;
        q.sources = acc;
        q.targets = egress[c];
        q.opt.max_travel_seconds = max_s;
        KW_TRY(auto const front, routing::raptor(net, q, qs));
        for (auto const& pe : front)
          if (pe.time != routing::kUnreachable && pe.time - when.seconds < want) {
            want = pe.time - when.seconds;
            ++better;
          }
      }
      out[c * n_origins + i] = want > max_s ? routing::kUnreachable : want;
    }
  }
  return out;
}

}  // namespace kwartier::access_oracle
