// RNV (Heidelberg/Mannheim) network benchmarks: build, open, walk one-to-all and 15-minute-bounded walk
// (1,170 m at 1.3 m/s) from random points. Query results are checked against Boost.Graph's Dijkstra before
// anything is timed; per-query latencies are reported as p50/p90/p99 counters (microseconds).
//
//   build/network-rel/benchmarks/network/network_bench [--benchmark_filter=...]
//   env: KW_SHARED_DATA_DIR (default: the configured one), KW_BENCH_KWN (path of the .kwn to write/open)
#include <benchmark/benchmark.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

#include "benchmarks/common/latency.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/street.h"

namespace {

namespace fs = std::filesystem;
using namespace kwartier;

fs::path data_dir() {
  if (char const* e = std::getenv("KW_SHARED_DATA_DIR")) return e;
  return KW_SHARED_DATA_DIR;
}
// Files this process wrote (removed at exit, so two runs never share or leave behind a .kwn).
fs::path own_temp(char const* stem) {
  return fs::temp_directory_path() / (std::string(stem) + "." + std::to_string(::getpid()) + ".kwn");
}
fs::path kwn_path() {
  if (char const* e = std::getenv("KW_BENCH_KWN")) return e;
  static fs::path const p = [] {
    auto const t = own_temp("kw_bench_rnv");
    std::atexit([] {
      std::error_code ec;
      fs::remove(own_temp("kw_bench_rnv"), ec);
    });
    return t;
  }();
  return p;
}

// RNV counts from shared/data/rnv-heidelberg/SOURCE.md: a build that reads anything else fails the run.
constexpr std::uint64_t kRnvStops = 2057, kRnvOsmNodes = 164598, kRnvOsmWays = 37344;
constexpr std::size_t kRnvTrips = 20636, kRnvStopTimes = 424266;

void check_build(result<network::build_summary> const& s, char const* what) {
  if (!s) {
    std::fprintf(stderr, "%s: build failed: %s\n", what, s.error().to_string().c_str());
    std::exit(1);
  }
  if (s->meta.stops != kRnvStops || s->street.osm_nodes != kRnvOsmNodes || s->street.osm_ways != kRnvOsmWays ||
      s->meta.stops_linked == 0 || s->street.nodes == 0) {
    std::fprintf(stderr,
                 "%s: build read %llu stops, %llu OSM nodes, %llu OSM ways (SOURCE.md: %llu, %llu, %llu), linked "
                 "%llu stops, kept %llu street nodes\n",
                 what, static_cast<unsigned long long>(s->meta.stops),
                 static_cast<unsigned long long>(s->street.osm_nodes),
                 static_cast<unsigned long long>(s->street.osm_ways), static_cast<unsigned long long>(kRnvStops),
                 static_cast<unsigned long long>(kRnvOsmNodes), static_cast<unsigned long long>(kRnvOsmWays),
                 static_cast<unsigned long long>(s->meta.stops_linked),
                 static_cast<unsigned long long>(s->street.nodes));
    std::exit(1);
  }
}

network::network const& rnv() {
  static network::network const n = [] {
    if (!fs::exists(kwn_path())) {
      auto const d = data_dir() / "rnv-heidelberg";
      check_build(network::build({{d / "rnv.zip", ""}}, d / "rnv.osm.pbf", kwn_path()), "network");
    }
    auto r = network::network::open(kwn_path());
    if (!r) {
      std::fprintf(stderr, "open failed: %s\n", r.error().to_string().c_str());
      std::exit(1);
    }
    if (r->n_stops() != kRnvStops || r->timetable().n_trips() != kRnvTrips ||
        r->timetable().n_stop_times() != kRnvStopTimes) {
      std::fprintf(stderr, "%s holds %zu stops, %zu trips, %zu stop times (SOURCE.md: %llu, %zu, %zu)\n",
                   kwn_path().c_str(), r->n_stops(), r->timetable().n_trips(), r->timetable().n_stop_times(),
                   static_cast<unsigned long long>(kRnvStops), kRnvTrips, kRnvStopTimes);
      std::exit(1);
    }
    return std::move(*r);
  }();
  return n;
}

// Random points: a random walk-graph node moved up to ~50 m (so they snap to a street nearby).
std::vector<geo::latlng> random_points(std::size_t n, unsigned seed) {
  auto const& g = rnv().graph();
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::uint32_t> pick{0, static_cast<std::uint32_t>(g.n_nodes() - 1)};
  std::uniform_real_distribution<double> jitter{-0.0004, 0.0004};
  std::vector<geo::latlng> out;
  while (out.size() < n) {
    auto const v = pick(rng);
    if (!g.node_in(street::node_idx_t{v}, street::mode::walk)) continue;
    out.push_back({g.node_pos_[v].lat + jitter(rng), g.node_pos_[v].lon + jitter(rng)});
  }
  return out;
}

// Check: the library's times from a point equal Boost.Graph's Dijkstra from the same seeds.
void check_against_boost(routing::seconds_t budget_s) {
  auto const budget_ds = street::seconds_to_ds(budget_s);
  auto const& n = rnv();
  auto const& g = n.graph();
  using bgraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, std::uint64_t>;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<std::uint64_t> w;
  // One extra vertex (index n) as the super source, with edges to the seeds.
  auto const pts = random_points(5, 99);
  routing::query_state qs;
  for (auto const& p : pts) {
    edges.clear();
    w.clear();
    for (std::uint32_t u = 0; u < g.n_nodes(); ++u)
      for (auto e = g.first_out_[u]; e < g.first_out_[u + 1]; ++e)
        if (g.weight_walk_[e] != street::kNoWeight) {
          edges.emplace_back(u, g.head_[e]);
          w.push_back(g.weight_walk_[e]);
        }
    auto const s = n.snapper().snap(p, street::mode::walk, network::kDefaultMaxSnapM);
    if (!s) continue;
    // The walk from the point to the street it snaps to (the connector, at walking speed) comes first, as
    // docs/routing.md says for every street query.
    auto const connector = street::travel_ds(s->dist_m, g.stats_.walk_speed_mps);
    for (auto const& sd : street::seeds_from(g, *s, street::mode::walk)) {
      edges.emplace_back(static_cast<std::uint32_t>(g.n_nodes()), sd.node.v());
      w.push_back(sd.time_ds + connector);
    }
    bgraph bg{boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), w.begin(), g.n_nodes() + 1};
    std::vector<std::uint64_t> dist(g.n_nodes() + 1);
    boost::dijkstra_shortest_paths_no_color_map(
        bg, static_cast<bgraph::vertex_descriptor>(g.n_nodes()),
        boost::weight_map(boost::get(boost::edge_bundle, bg))
            .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, bg)))
            .distance_inf(std::numeric_limits<std::uint64_t>::max()));
    auto const t = routing::street_from(n, p, {street::mode::walk, budget_s}, qs);
    if (!t) std::abort();
    for (std::uint32_t v = 0; v < g.n_nodes(); ++v) {
      auto const want = dist[v] <= budget_ds ? street::ds_to_seconds(static_cast<std::uint32_t>(dist[v]))
                                             : routing::kUnreachable;
      if ((*t)[v] != want) {
        std::fprintf(stderr, "check failed at node %u: %d vs %d\n", v, (*t)[v], want);
        std::abort();
      }
    }
  }
}

void walk_queries(benchmark::State& state, routing::seconds_t max_seconds) {
  auto const& n = rnv();
  check_against_boost(max_seconds);
  auto const pts = random_points(1000, 42);
  routing::query_state qs;
  routing::street_query const q{street::mode::walk, max_seconds};
  (void)routing::street_from(n, pts[0], q, qs);  // builds the R-tree (lazy)
  std::vector<double> us, cpu;
  double reached = 0.0;
  for (auto _ : state) {
    us.clear();
    cpu.clear();
    reached = 0.0;
    for (auto const& p : pts) {
      auto const r = bench::timed(  // a point without a street nearby is not a sample
          us, cpu, [&] { return routing::street_from(n, p, q, qs); }, [](auto const& x) { return x.has_value(); });
      if (!r) continue;
      benchmark::DoNotOptimize(r->reached().data());
      reached += static_cast<double>(r->reached().size());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * us.size()));
  bench::report_latency(state, us, cpu);
  state.counters["nodes_reached"] = reached / static_cast<double>(std::max<std::size_t>(us.size(), 1));
}

void BM_walk_15min_bounded(benchmark::State& state) { walk_queries(state, 900); }
void BM_walk_one_to_all(benchmark::State& state) { walk_queries(state, 1000000000); }

void BM_open(benchmark::State& state) {
  (void)rnv();
  for (auto _ : state) {
    auto r = network::network::open(kwn_path());
    if (!r) std::abort();
    benchmark::DoNotOptimize(r->graph().n_nodes());
  }
  state.counters["file_MB"] = static_cast<double>(fs::file_size(kwn_path())) / 1e6;
}

// The library's build (GTFS + OSM -> .kwn) in this process; run.sh prints it beside the CLI's wall time and
// peak memory. Every iteration's summary is checked against SOURCE.md.
void BM_build_rnv(benchmark::State& state) {
  auto const d = data_dir() / "rnv-heidelberg";
  auto const out = own_temp("kw_bench_rnv_build");
  for (auto _ : state) {
    auto s = network::build({{d / "rnv.zip", ""}}, d / "rnv.osm.pbf", out);
    check_build(s, "BM_build_rnv");
    state.counters["nodes"] = static_cast<double>(s->street.nodes);
    state.counters["stops_linked"] = static_cast<double>(s->meta.stops_linked);
  }
  std::error_code ec;
  fs::remove(out, ec);
}

BENCHMARK(BM_build_rnv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_open)->Unit(benchmark::kMillisecond)->Iterations(20);
BENCHMARK(BM_walk_15min_bounded)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_walk_one_to_all)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
