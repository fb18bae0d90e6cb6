// Travel-time matrix benchmarks on the RNV pair (Heidelberg/Mannheim GTFS + OSM), 1,000 x 1,000 seeded
// points (a random stop's position moved up to ~300 m; points farther than 200 m from a street stay
// unreachable, skip_unsnapped):
//   - walk, contraction hierarchy (bucket many-to-many), budget 24 h (every pair), 1 and 2 threads;
//   - walk without the hierarchy (one bounded street search per origin): 100 origins x 1,000, for scale;
//   - walk + transit at 08:00 on Tuesday 2016-11-15, 1 and 2 threads.
// Answers are checked before timing: walk cells against routing::street_to for 25 origins (every cell) and
// the hierarchy against the plain searches for the 100 origins; transit cells against raptor() from the
// access offsets to the egress offsets (and the direct walk) for 10 origins x 100 destinations.
//   build/release/benchmarks/routing/matrix_bench [--benchmark_filter=...]
//   env: KW_SHARED_DATA_DIR, KW_BENCH_MATRIX_KWN (the RNV .kwn to write/open; rebuilt when it has no hierarchy)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include "benchmarks/routing/rnv_network.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/routing/street.h"
#include "kwartier/transit/local_time.h"

namespace {

namespace fs = std::filesystem;
using namespace kwartier;

[[noreturn]] void die(char const* what, error const& e) {
  std::fprintf(stderr, "%s: %s\n", what, e.to_string().c_str());
  std::exit(1);
}

network::network const& rnv() {
  static network::network const n = bench::open_or_build_rnv("KW_BENCH_MATRIX_KWN", "kw_bench_matrix_rnv.kwn", true);
  return n;
}

std::vector<geo::latlng> points(std::size_t n, std::uint32_t seed) {
  auto const& tt = rnv().timetable();
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::uint32_t> stop(0, static_cast<std::uint32_t>(tt.n_stops() - 1));
  std::uniform_real_distribution<double> jitter(-0.003, 0.003);
  std::vector<geo::latlng> out;
  for (std::size_t i = 0; i < n; ++i) {
    auto const p = tt.stop_pos(transit::stop_idx_t{stop(rng)});
    out.push_back({p.lat + jitter(rng), p.lon + jitter(rng)});
  }
  return out;
}

std::vector<geo::latlng> const& origins() {
  static auto const o = points(1000, 2024);
  return o;
}
std::vector<geo::latlng> const& destinations() {
  static auto const d = points(1000, 2025);
  return d;
}

routing::matrix_request walk_request(unsigned threads, bool ch) {
  routing::matrix_request r;
  r.mode = routing::travel_mode::walk;
  r.max_seconds = 86400;
  r.skip_unsnapped = true;
  r.threads = threads;
  r.use_ch = ch;
  return r;
}

routing::matrix_request transit_request(unsigned threads) {
  routing::matrix_request r;
  r.mode = routing::travel_mode::transit;
  r.date = transit::days_from_ymd(2016, 11, 15);
  r.time = 8 * 3600;
  r.max_seconds = 7200;
  r.skip_unsnapped = true;
  r.threads = threads;
  return r;
}

std::size_t reached(routing::travel_time_matrix const& m) {
  std::size_t n = 0;
  for (auto const s : m.seconds) n += s != routing::kUnreachable ? 1 : 0;
  return n;
}

// Walk: every cell of 25 origins equals street_to; returns the number of differing cells.
std::size_t check_walk(routing::travel_time_matrix const& m) {
  auto const& net = rnv();
  routing::street_query const q{street::mode::walk, 86400, network::kDefaultMaxSnapM};
  auto const targets = routing::snap(net, destinations(), q);
  if (!targets) die("snap", targets.error());
  routing::query_state qs;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < 1000; i += 40) {
    auto const row = routing::street_to(net, origins()[i], *targets, q, qs);
    for (std::size_t j = 0; j < 1000; ++j) {
      auto const want = row ? (*row)[j] : routing::kUnreachable;
      bad += m.at(i, j) != want ? 1 : 0;
    }
  }
  return bad;
}

// Transit: 10 origins x 100 destinations against raptor() with access / egress offsets and the direct walk.
std::size_t check_transit(routing::travel_time_matrix const& m, routing::matrix_request const& r) {
  auto const& net = rnv();
  auto const tz = transit::time_zone::of(net.timetable());
  auto const when = tz->to_service_time(transit::local_date_time{r.date, r.time});
  routing::access_options const ao{r.access_mode, r.max_access_seconds, r.max_snap_m};
  routing::query_state qs;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < 1000; i += 100) {
    std::vector<routing::stop_offset> acc, egr;
    auto const a = routing::access(net, origins()[i], ao, qs, acc);
    for (std::size_t j = 0; j < 1000; j += 10) {
      routing::seconds_t want = routing::kUnreachable;
      if (a && routing::egress(net, destinations()[j], ao, qs, egr)) {
        auto const dt = routing::direct(net, origins()[i], destinations()[j], ao, qs);
        want = dt ? *dt : routing::kUnreachable;
        if (!acc.empty() && !egr.empty()) {
          routing::raptor_query q;
          q.day = when.day;
          q.time = when.seconds;
          q.sources = acc;
          q.targets = egr;
          q.opt.max_travel_seconds = r.max_seconds;
          auto const front = routing::raptor(net, q, qs);
          if (front)
            for (auto const& e : *front) want = std::min(want, e.time - when.seconds);
        }
      }
      bad += m.at(i, j) != want ? 1 : 0;
    }
  }
  return bad;
}

void run(benchmark::State& state, routing::matrix_request const& r, std::size_t n_origins, bool walk_check) {
  std::span<geo::latlng const> const o{origins().data(), n_origins};
  auto const first = routing::matrix(rnv(), o, destinations(), r);
  if (!first) die("matrix", first.error());
  double differing = 0.0;
  if (r.mode == routing::travel_mode::transit) {
    differing = static_cast<double>(check_transit(*first, r));
  } else if (walk_check && n_origins == 1000) {
    differing = static_cast<double>(check_walk(*first));
  } else if (!r.use_ch) {
    // Plain searches against the hierarchy on the same origins.
    auto ch = r;
    ch.use_ch = true;
    auto const m2 = routing::matrix(rnv(), o, destinations(), ch);
    if (!m2) die("matrix", m2.error());
    for (std::size_t k = 0; k < first->seconds.size(); ++k) differing += first->seconds[k] != m2->seconds[k] ? 1 : 0;
  }
  auto process_cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  };
  double cpu = 0.0;
  for (auto _ : state) {
    auto const c0 = process_cpu_ms();
    auto m = routing::matrix(rnv(), o, destinations(), r);
    benchmark::DoNotOptimize(m);
    cpu += process_cpu_ms() - c0;
  }
  // CPU time of all threads of the process per matrix: on a machine shared with other builds, wall time
  // includes waiting for a core.
  state.counters["process_cpu_ms"] = cpu / static_cast<double>(state.iterations());
  state.counters["differing"] = differing;
  state.counters["reached"] = static_cast<double>(reached(*first));
  state.counters["cells"] = static_cast<double>(first->seconds.size());
  state.counters["used_ch"] = first->used_ch ? 1 : 0;
  state.counters["threads"] = r.threads;
}

void BM_walk_matrix_ch(benchmark::State& state) {
  run(state, walk_request(static_cast<unsigned>(state.range(0)), true), 1000, true);
}
void BM_walk_matrix_plain_100(benchmark::State& state) {
  run(state, walk_request(static_cast<unsigned>(state.range(0)), false), 100, false);
}
void BM_transit_matrix(benchmark::State& state) {
  run(state, transit_request(static_cast<unsigned>(state.range(0))), 1000, false);
}

}  // namespace

BENCHMARK(BM_walk_matrix_ch)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_walk_matrix_plain_100)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_transit_matrix)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

BENCHMARK_MAIN();
