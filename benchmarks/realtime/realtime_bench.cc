// Realtime benchmarks: applying the NMBS June 2019 realtime file (parse + overlay, the matcher built once per
// network as realtime::live does), and RAPTOR earliest-arrival queries on RNV with and without a seeded
// synthetic overlay (delays on 10% of the query day's trips, propagated; 1% cancelled; some skipped stops).
// Answers are checked before timing: the NMBS counts (453 trip updates, 453 matched, 1 cancelled), and on
// RNV an empty view gives exactly the static Pareto fronts for every query; a differing answer aborts.
//
//   build/release/benchmarks/realtime/realtime_bench
//   env: KW_SHARED_DATA_DIR; KW_BENCH_RT_DIR (where the GTFS-only networks are built and cached)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include <time.h>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/feed.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"

namespace {

namespace fs = std::filesystem;
using namespace kwartier;

fs::path data_dir() {
  if (char const* e = std::getenv("KW_SHARED_DATA_DIR")) return e;
  return KW_SHARED_DATA_DIR;
}
fs::path cache_dir() {
  if (char const* e = std::getenv("KW_BENCH_RT_DIR")) return e;
  return fs::temp_directory_path();
}

// GTFS-only (straight-line) network, built once and cached.
network::network open_or_build(std::string const& name, fs::path const& zip) {
  auto const path = cache_dir() / ("kw_bench_rt_" + name + ".kwn");
  auto r = network::network::open(path);
  if (!r) {
    auto s = network::build({{zip, ""}}, {}, path);
    if (!s) {
      std::fprintf(stderr, "build failed: %s\n", s.error().to_string().c_str());
      std::exit(1);
    }
    r = network::network::open(path);
  }
  if (!r) {
    std::fprintf(stderr, "open failed: %s\n", r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

network::network const& nmbs() {
  static network::network const n =
      open_or_build("nmbs2019", data_dir() / "gtfs-realtime-samples" / "nmbs-2019-06-static.zip");
  return n;
}
network::network const& rnv() {
  static network::network const n = open_or_build("rnv", data_dir() / "rnv-heidelberg" / "rnv.zip");
  return n;
}

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

void report(benchmark::State& state, std::vector<double>& us, std::vector<double>& cpu) {
  std::sort(us.begin(), us.end());
  std::sort(cpu.begin(), cpu.end());
  auto q = [](std::vector<double> const& v, double f) {
    return v.empty() ? 0.0 : v[static_cast<std::size_t>(f * static_cast<double>(v.size() - 1))];
  };
  state.counters["p50_us"] = q(us, 0.50);
  state.counters["p90_us"] = q(us, 0.90);
  state.counters["p99_us"] = q(us, 0.99);
  state.counters["cpu_p50_us"] = q(cpu, 0.50);
  state.counters["cpu_p99_us"] = q(cpu, 0.99);
  state.counters["samples"] = static_cast<double>(us.size());
}

std::string read_file(fs::path const& p) {
  std::ifstream f{p, std::ios::binary};
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// ---- NMBS: parse + apply with a prebuilt matcher (20 runs), and the matcher build itself.
void BM_apply_nmbs(benchmark::State& state) {
  auto const bytes = read_file(data_dir() / "gtfs-realtime-samples" / "nmbs-2019-06-realtime.pb");
  auto const m0 = std::chrono::steady_clock::now();
  auto const m = realtime::matcher::build(nmbs());
  auto const m1 = std::chrono::steady_clock::now();
  if (!m) std::abort();
  {
    auto const msg = realtime::parse_feed(bytes, "nmbs.pb");
    if (!msg) std::abort();
    auto const v = realtime::apply(**m, *msg);
    if (!v) std::abort();
    auto const& s = (*v)->summary();
    if (s.trip_updates != 453 || s.trips_matched != 453 || s.trips_cancelled != 1) {
      std::fprintf(stderr, "NMBS: %zu updates, %zu matched, %zu cancelled (want 453, 453, 1)\n", s.trip_updates,
                   s.trips_matched, s.trips_cancelled);
      std::abort();
    }
  }
  std::vector<double> us, cpu;
  for (auto _ : state) {
    us.clear();
    cpu.clear();
    for (int i = 0; i < 20; ++i) {
      auto const c0 = thread_cpu_us();
      auto const t0 = std::chrono::steady_clock::now();
      auto const msg = realtime::parse_feed(bytes, "nmbs.pb");
      auto const v = realtime::apply(**m, *msg);
      auto const t1 = std::chrono::steady_clock::now();
      auto const c1 = thread_cpu_us();
      if (!v) std::abort();
      benchmark::DoNotOptimize(v);
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      cpu.push_back(c1 - c0);
    }
  }
  report(state, us, cpu);
  state.counters["matcher_build_us"] = std::chrono::duration<double, std::micro>(m1 - m0).count();
  state.counters["bytes"] = static_cast<double>(bytes.size());
}

// ---- RNV: 1,000 seeded stop-to-stop queries on one day, static vs a synthetic overlay for that day.
struct query_case {
  std::uint32_t from, to;
  std::int32_t time;
};

struct rnv_setup {
  std::int32_t day = 0;
  std::vector<query_case> cases;
  std::vector<std::vector<routing::stop_offset>> acc, egr;
  std::shared_ptr<realtime::view const> empty, overlay;
};

rnv_setup const& setup() {
  static rnv_setup const s = [] {
    rnv_setup s;
    auto const& net = rnv();
    auto const& tt = net.timetable();
    std::mt19937 rng{20261128};
    // The query day: a weekday in the middle of the feed.
    s.day = tt.first_day_ + tt.n_days_ / 2;
    while (((s.day % 7) + 7 + 3) % 7 >= 5) ++s.day;  // 1970-01-01 was a Thursday: 0 = Monday
    std::vector<std::uint32_t> stops;
    for (std::uint32_t x = 0; x < tt.n_stops(); ++x)
      if (!tt.stop_routes(transit::stop_idx_t{x}).empty()) stops.push_back(x);
    std::uniform_int_distribution<std::size_t> pick{0, stops.size() - 1};
    std::uniform_int_distribution<std::int32_t> time{5 * 3600, 23 * 3600};
    while (s.cases.size() < 1000) {
      auto const a = stops[pick(rng)], b = stops[pick(rng)];
      if (a != b) s.cases.push_back({a, b, time(rng)});
    }
    for (auto const& c : s.cases) {
      s.acc.push_back(routing::stop_access(net, transit::stop_idx_t{c.from}));
      s.egr.push_back(routing::stop_egress(net, transit::stop_idx_t{c.to}));
    }
    // Synthetic updates: every trip running that day gets, with probability 10%, a delay of 1-15 min from a
    // random stop on (propagated); 1% are cancelled; a tenth of the delayed ones also skip one stop.
    realtime::feed_message msg;
    msg.source = "synthetic.pb";
    msg.version = "2.0";
    std::uniform_real_distribution<double> u{0.0, 1.0};
    std::uniform_int_distribution<std::int32_t> delay{60, 900};
    auto const date = std::to_string(transit::yyyymmdd_from_days(s.day));
    for (std::uint32_t r = 0; r < tt.n_routes(); ++r) {
      auto const rid = transit::route_idx_t{r};
      auto const rs = tt.route_stops(rid);
      for (auto const t : tt.route_trips(rid)) {
        if (!tt.service_active(tt.trip_service(transit::trip_idx_t{t}), s.day)) continue;
        auto const x = u(rng);
        if (x >= 0.11) continue;
        realtime::trip_update up;
        up.trip.trip_id = std::string(tt.trip_id(transit::trip_idx_t{t}));
        up.trip.start_date = date;
        if (x < 0.01) {
          up.trip.relationship = realtime::trip_relationship::canceled;
        } else {
          std::uniform_int_distribution<std::size_t> at{0, rs.size() - 1};
          auto const p = at(rng);
          realtime::stop_time_update su;
          su.stop_id = std::string(tt.stop_id(transit::stop_idx_t{rs[p]}));
          su.departure = realtime::stop_time_event{delay(rng), std::nullopt, std::nullopt};
          up.stop_time_updates.push_back(su);
          if (u(rng) < 0.1 && p + 1 < rs.size()) {
            realtime::stop_time_update sk;
            sk.stop_id = std::string(tt.stop_id(transit::stop_idx_t{rs[p + 1]}));
            sk.relationship = realtime::stop_relationship::skipped;
            up.stop_time_updates.push_back(sk);
          }
        }
        msg.trip_updates.push_back(std::move(up));
      }
    }
    auto ov = realtime::apply(net, msg);
    auto em = realtime::apply(net, realtime::feed_message{});
    if (!ov || !em) std::abort();
    s.overlay = *ov;
    s.empty = *em;
    std::fprintf(stderr, "synthetic overlay: %zu trip updates, %zu changed, %zu cancelled, %zu extra routes\n",
                 s.overlay->summary().trip_updates, s.overlay->summary().trips_changed,
                 s.overlay->summary().trips_cancelled, s.overlay->summary().routes);
    return s;
  }();
  return s;
}

routing::raptor_query make_query(rnv_setup const& s, std::size_t i, realtime::view const* v) {
  routing::raptor_query q;
  q.day = s.day;
  q.time = s.cases[i].time;
  q.sources = s.acc[i];
  q.targets = s.egr[i];
  q.opt.realtime = v;
  return q;
}

std::vector<std::pair<std::uint8_t, std::int32_t>> front(routing::query_state& qs, routing::raptor_query const& q) {
  auto const r = routing::raptor(rnv(), q, qs);
  if (!r) std::abort();
  std::vector<std::pair<std::uint8_t, std::int32_t>> out;
  for (auto const& e : *r) out.emplace_back(e.rides, e.time);
  return out;
}

void rnv_queries(benchmark::State& state, bool with_overlay) {
  auto const& s = setup();
  routing::query_state qs;
  // Check: an empty view gives the static fronts exactly; count the fronts the overlay changes.
  std::size_t changed = 0;
  for (std::size_t i = 0; i < s.cases.size(); ++i) {
    auto const a = front(qs, make_query(s, i, nullptr));
    if (front(qs, make_query(s, i, s.empty.get())) != a) {
      std::fprintf(stderr, "query %zu: the empty view differs from the static answer\n", i);
      std::abort();
    }
    if (front(qs, make_query(s, i, s.overlay.get())) != a) ++changed;
  }
  auto const* v = with_overlay ? s.overlay.get() : nullptr;
  std::vector<double> us, cpu;
  for (auto _ : state) {
    us.clear();
    cpu.clear();
    for (std::size_t i = 0; i < s.cases.size(); ++i) {
      auto const q = make_query(s, i, v);
      auto const c0 = thread_cpu_us();
      auto const t0 = std::chrono::steady_clock::now();
      auto const r = routing::raptor(rnv(), q, qs);
      auto const t1 = std::chrono::steady_clock::now();
      auto const c1 = thread_cpu_us();
      if (!r) std::abort();
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      cpu.push_back(c1 - c0);
    }
  }
  report(state, us, cpu);
  state.counters["fronts_changed_by_overlay"] = static_cast<double>(changed);
  state.counters["overlay_trips_changed"] = static_cast<double>(s.overlay->summary().trips_changed);
  state.counters["overlay_trips_cancelled"] = static_cast<double>(s.overlay->summary().trips_cancelled);
}

void BM_rnv_static(benchmark::State& state) { rnv_queries(state, false); }
void BM_rnv_overlay(benchmark::State& state) { rnv_queries(state, true); }

}  // namespace

BENCHMARK(BM_apply_nmbs)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_rnv_static)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_rnv_overlay)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
