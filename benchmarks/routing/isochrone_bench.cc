// Isochrone benchmarks on RNV (Heidelberg/Mannheim): the walk + transit 45-minute isochrone from seeded random
// walkable points at seeded times, node times only and with 15/30/45-minute band polygons, and the walk-only
// 15-minute isochrone. Before anything is timed, every origin's node times are checked against an oracle
// written independently of routing::isochrone (tests/routing/isochrone_oracle.h: connection scan for the
// stops, then a plain binary-heap Dijkstra over the street graph seeded at the origin and at every stop
// reached), and the polygons of a few origins against the node times. A difference aborts the run.
//
//   build/release/benchmarks/routing/isochrone_bench [--benchmark_filter=...]
//   env: KW_SHARED_DATA_DIR, KW_BENCH_KWN (the RNV .kwn to write/open; shared with raptor_bench)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include <time.h>

#include "benchmarks/common/latency.h"
#include "benchmarks/routing/rnv_network.h"
#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/isochrone.h"
#include "kwartier/transit/local_time.h"
#include "routing/isochrone_oracle.h"

namespace {

namespace fs = std::filesystem;
using namespace kwartier;

constexpr routing::seconds_t kBudget = 45 * 60;

network::network const& rnv() {
  static network::network const n = bench::open_or_build_rnv("KW_BENCH_KWN", "kw_bench_rnv.kwn", false);
  return n;
}

struct origin {
  geo::latlng p;
  std::int32_t date;  // local date (days since 1970-01-01)
  routing::seconds_t time;
};

// Seeded origins: a random walk-graph node within 300 m of a stop that some route serves (where people ask
// for transit isochrones; elsewhere the answer is the walk alone), moved up to ~30 m; a random weekday of the
// feed, 06:00-20:00.
std::vector<origin> random_origins(std::size_t n, unsigned seed) {
  auto const& net = rnv();
  auto const& g = net.graph();
  auto const& tt = net.timetable();
  std::vector<geo::latlng> served;
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s)
    if (!tt.stop_routes(transit::stop_idx_t{s}).empty()) {
      auto const sp = tt.stop_pos(transit::stop_idx_t{s});
      served.push_back({sp.lat, sp.lon});
    }
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::size_t> pick_stop{0, served.size() - 1};
  std::uniform_int_distribution<std::uint32_t> pick_node{0, static_cast<std::uint32_t>(g.n_nodes() - 1)};
  std::uniform_real_distribution<double> jitter{-0.0002, 0.0002};
  std::uniform_int_distribution<std::int32_t> day{tt.first_day_, tt.first_day_ + tt.n_days_ - 1};
  std::uniform_int_distribution<std::int32_t> time{6 * 3600, 20 * 3600};
  std::vector<origin> out;
  while (out.size() < n) {
    auto const v = pick_node(rng);
    if (!g.node_in(street::node_idx_t{v}, street::mode::walk)) continue;
    auto const near = served[pick_stop(rng)];
    if (geo::haversine_m(near, g.node_pos_[v]) > 300.0) continue;
    auto d = day(rng);
    while ((d + 3) % 7 >= 5) d = day(rng);  // 1970-01-01 was a Thursday: (d + 3) % 7 == 0 on Mondays
    out.push_back({{g.node_pos_[v].lat + jitter(rng), g.node_pos_[v].lon + jitter(rng)}, d, time(rng)});
  }
  return out;
}

routing::isochrone_request request(origin const& o, bool transit, bool polygons) {
  routing::isochrone_request r;
  r.from = o.p;
  r.mode = transit ? routing::travel_mode::transit : routing::travel_mode::walk;
  r.date = o.date;
  r.time = o.time;
  r.max_seconds = transit ? kBudget : 900;
  r.bands = transit ? std::vector<routing::seconds_t>{900, 1800, kBudget} : std::vector<routing::seconds_t>{900};
  r.polygons = polygons;
  return r;
}

std::vector<origin> const& origins() {
  static std::vector<origin> const o = random_origins(100, 45);
  return o;
}

// Node times of every origin equal the oracle's (walk + transit, 45 min); aborts otherwise. Returns the
// number of nodes compared and the mean number reached.
std::pair<std::size_t, double> check_node_times() {
  auto const& net = rnv();
  kwartier::testing::csa_oracle csa{net};
  routing::query_state qs, oqs;
  std::size_t compared = 0, reached = 0, differing = 0;
  for (auto const& o : origins()) {
    auto const r = routing::isochrone(net, request(o, true, false), qs);
    if (!r) {
      std::fprintf(stderr, "isochrone failed at %f,%f: %s\n", o.p.lat, o.p.lon, r.error().to_string().c_str());
      std::exit(1);
    }
    auto const want = kwartier::testing::oracle_isochrone(net, csa, oqs, o.p, o.date, o.time, kBudget);
    auto const got = r->node_seconds();
    if (want.size() != got.size()) {
      std::fprintf(stderr, "oracle failed at %f,%f\n", o.p.lat, o.p.lon);
      std::exit(1);
    }
    for (std::size_t v = 0; v < got.size(); ++v) {
      if (got[v] != want[v] && differing++ < 10)
        std::fprintf(stderr, "node %zu from %f,%f at %s %d: isochrone %d s, oracle %d s\n", v, o.p.lat, o.p.lon,
                     transit::format_date(o.date).c_str(), o.time, got[v], want[v]);
      reached += got[v] != routing::kUnreachable ? 1 : 0;
    }
    compared += got.size();
  }
  if (differing != 0) {
    std::fprintf(stderr, "%zu node times differ from the oracle\n", differing);
    std::exit(1);
  }
  return {compared, static_cast<double>(reached) / static_cast<double>(origins().size())};
}

// Every band polygon of the first 2 origins contains exactly the nodes reached within it, on 2,000 seeded
// random nodes per band (the whole graph per band is checked in tests/routing/street_data_test.cc for walks).
std::size_t check_polygons() {
  auto const& net = rnv();
  auto const& g = net.graph();
  routing::query_state qs;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    auto const r = routing::isochrone(net, request(origins()[i], true, true), qs);
    if (!r) std::exit(1);
    std::mt19937 rng{static_cast<unsigned>(i)};
    std::uniform_int_distribution<std::uint32_t> pick{0, static_cast<std::uint32_t>(g.n_nodes() - 1)};
    for (auto const& b : r->bands())
      for (int k = 0; k < 2000; ++k) {
        auto const v = pick(rng);
        bool const want = r->node_seconds()[v] <= b.seconds;
        if (b.shape.contains(g.node_pos_[v]) != want) {
          // A node at the very position of a node reached in time cannot be told apart by any polygon.
          std::fprintf(stderr, "band %d s of origin %zu: node %u (%d s) %s\n", b.seconds, i, v,
                       r->node_seconds()[v], want ? "outside" : "inside");
          std::exit(1);
        }
        ++checked;
      }
  }
  return checked;
}

void run(benchmark::State& state, bool transit, bool polygons) {
  auto const& net = rnv();
  static auto const checked = check_node_times();
  static auto const polygon_checks = check_polygons();
  routing::query_state qs;
  std::vector<double> us, cpu;
  std::size_t i = 0;
  double reached = 0;
  for (auto _ : state) {
    auto const& o = origins()[i++ % origins().size()];
    auto const req = request(o, transit, polygons);
    auto r = bench::timed(us, cpu, [&] { return routing::isochrone(net, req, qs); });
    if (!r) state.SkipWithError(r.error().to_string().c_str());
    reached += r ? static_cast<double>(r->n_reached()) : 0.0;
    benchmark::DoNotOptimize(r);
  }
  bench::report_latency(state, us, cpu);
  state.counters["nodes_reached"] = reached / static_cast<double>(us.size());
  state.counters["nodes_checked"] = static_cast<double>(checked.first);
  state.counters["mean_reached_checked"] = checked.second;
  state.counters["polygon_checks"] = static_cast<double>(polygon_checks);
}

void BM_isochrone_transit_45min(benchmark::State& state) { run(state, true, false); }
void BM_isochrone_transit_45min_polygons(benchmark::State& state) { run(state, true, true); }
void BM_isochrone_walk_15min(benchmark::State& state) { run(state, false, false); }
void BM_isochrone_walk_15min_polygons(benchmark::State& state) { run(state, false, true); }

BENCHMARK(BM_isochrone_transit_45min)->Iterations(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_isochrone_transit_45min_polygons)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_isochrone_walk_15min)->Iterations(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_isochrone_walk_15min_polygons)->Iterations(10)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
