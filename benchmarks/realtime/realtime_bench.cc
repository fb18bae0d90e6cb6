// Realtime and fares benchmarks: applying the NMBS June 2019 realtime file (parse + overlay, the matcher built
// once per network as realtime::live does); RAPTOR earliest-arrival queries on RNV (the routing benchmarks'
// network, benchmarks/routing/rnv_network.h) with and without a seeded synthetic overlay (delays on 10% of
// the query day's trips, propagated; 1% cancelled; some skipped stops); and routing::route on RNV with
// seeded synthetic GTFS fares (v1 and v2, every route covered) without and with route_request::fares.
// Answers are checked before timing: the NMBS counts (453 trip updates, 453 matched, 1 cancelled); on RNV an
// empty view gives exactly the static Pareto fronts for every query; with fares, the same journeys as
// without and every journey with a ride priced in v1 and v2. A differing answer aborts.
//
//   build/release/benchmarks/realtime/realtime_bench
//   env: KW_SHARED_DATA_DIR; KW_BENCH_KWN (the RNV network, as the routing benchmarks);
//        KW_BENCH_RT_DIR (where the GTFS-only NMBS and RNV-with-fares networks are built and cached)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/feed.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/journey.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"
#include "common/latency.h"
#include "routing/rnv_network.h"

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
  static network::network const n = bench::open_or_build_rnv("KW_BENCH_KWN", "kw_bench_rnv.kwn", false);
  return n;
}

// RNV's GTFS with seeded synthetic fares, as a GTFS-only network (access by straight lines): v1, every
// route_id given one of three fares (transfers 0, 1 within 1 h, unlimited within 90 min); v2, one leg rule
// (product SINGLE: ADULT 2.50 default, CHILD 1.20) and a G1 -> G1 transfer rule (at most 2 transfers within
// 1 h of the first departure, the free product XFER).
network::network const& rnv_fares() {
  static network::network const n = [] {
    auto const dir = cache_dir() / "kw_bench_rt_rnv_fares_feed";
    auto const path = cache_dir() / "kw_bench_rt_rnv_fares.kwn";
    if (auto r = network::network::open(path)) return std::move(*r);
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto const cmd = "/usr/bin/python3 -m zipfile -e '" + (data_dir() / "rnv-heidelberg" / "rnv.zip").string() +
                     "' '" + dir.string() + "'";
    if (std::system(cmd.c_str()) != 0) {
      std::fprintf(stderr, "could not extract rnv.zip: %s\n", cmd.c_str());
      std::exit(1);
    }
    // The route_ids: the lines of the RNV network (the same feed).
    auto const& lines = rnv().timetable();
    std::mt19937 rng{11};
    std::ofstream rules{dir / "fare_rules.txt"};
    rules << "fare_id,route_id\n";
    for (std::uint32_t l = 0; l < lines.n_lines(); ++l)
      rules << "F" << rng() % 3 << ",\"" << lines.line_id(transit::line_idx_t{l}) << "\"\n";
    rules.close();
    std::ofstream{dir / "fare_attributes.txt"} << "fare_id,price,currency_type,payment_method,transfers,transfer_duration\n"
                                                  "F0,1.50,EUR,0,0,\nF1,2.00,EUR,0,1,3600\nF2,3.00,EUR,0,,5400\n";
    std::ofstream{dir / "rider_categories.txt"} << "rider_category_id,rider_category_name,is_default_fare_category\n"
                                                   "ADULT,Adult,1\nCHILD,Child,0\n";
    std::ofstream{dir / "fare_products.txt"} << "fare_product_id,fare_product_name,rider_category_id,amount,currency\n"
                                                "SINGLE,Single,ADULT,2.50,EUR\nSINGLE,Single,CHILD,1.20,EUR\n"
                                                "XFER,Transfer,,0,EUR\n";
    std::ofstream{dir / "fare_leg_rules.txt"} << "leg_group_id,network_id,fare_product_id\nG1,,SINGLE\n";
    std::ofstream{dir / "fare_transfer_rules.txt"}
        << "from_leg_group_id,to_leg_group_id,transfer_count,duration_limit,duration_limit_type,fare_transfer_type,"
           "fare_product_id\nG1,G1,2,3600,1,0,XFER\n";
    auto s = network::build({{dir, ""}}, {}, path);
    if (!s) {
      std::fprintf(stderr, "build failed: %s\n", s.error().to_string().c_str());
      std::exit(1);
    }
    auto r = network::network::open(path);
    if (!r || !r->timetable().has_fares_v1() || !r->timetable().has_fares_v2()) {
      std::fprintf(stderr, "RNV with fares: %s\n", r ? "no fares loaded" : r.error().to_string().c_str());
      std::exit(1);
    }
    return std::move(*r);
  }();
  return n;
}

// The shared latency counters (benchmarks/common/latency.h), plus `samples` that run.sh reads.
void report(benchmark::State& state, std::vector<double>& us, std::vector<double>& cpu) {
  bench::report_latency(state, us, cpu);
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
      std::optional<decltype(realtime::parse_feed(bytes))> msg;  // freed after the sample, as the view is
      auto const v = bench::timed(us, cpu, [&] {
        msg.emplace(realtime::parse_feed(bytes, "nmbs.pb"));
        return realtime::apply(**m, **msg);
      });
      if (!v) std::abort();
      benchmark::DoNotOptimize(v);
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
      auto const r = bench::timed(us, cpu, [&] { return routing::raptor(rnv(), q, qs); });
      if (!r) std::abort();
    }
  }
  report(state, us, cpu);
  state.counters["fronts_changed_by_overlay"] = static_cast<double>(changed);
  state.counters["overlay_trips_changed"] = static_cast<double>(s.overlay->summary().trips_changed);
  state.counters["overlay_trips_cancelled"] = static_cast<double>(s.overlay->summary().trips_cancelled);
}

// ---- RNV with fares: routing::route (access, RAPTOR, tightening, journeys) on 300 seeded stop-to-stop
// requests, without and with route_request::fares.
struct route_setup {
  std::vector<routing::route_request> requests;
  std::size_t journeys = 0, priced = 0;
};

std::string shape(std::vector<routing::journey> const& js) {
  std::string s;
  for (auto const& j : js) s += std::to_string(j.departure) + "-" + std::to_string(j.arrival) + "/" +
                                std::to_string(j.rides) + ";";
  return s;
}

route_setup const& fares_setup() {
  static route_setup const s = [] {
    route_setup s;
    auto const& net = rnv_fares();
    auto const& tt = net.timetable();
    std::mt19937 rng{20261128};
    auto day = tt.first_day_ + tt.n_days_ / 2;
    while (((day % 7) + 7 + 3) % 7 >= 5) ++day;
    std::vector<std::uint32_t> stops;
    for (std::uint32_t x = 0; x < tt.n_stops(); ++x)
      if (!tt.stop_routes(transit::stop_idx_t{x}).empty()) stops.push_back(x);
    std::uniform_int_distribution<std::size_t> pick{0, stops.size() - 1};
    std::uniform_int_distribution<std::int32_t> time{6 * 3600, 21 * 3600};
    routing::query_state qs;
    while (s.requests.size() < 300) {
      auto const a = stops[pick(rng)], b = stops[pick(rng)];
      if (a == b) continue;
      routing::route_request r;
      auto const pa = tt.stop_pos(transit::stop_idx_t{a}), pb = tt.stop_pos(transit::stop_idx_t{b});
      r.from = {pa.lat, pa.lon};
      r.to = {pb.lat, pb.lon};
      r.date = day;
      r.time = time(rng);
      auto const plain = routing::route(net, r, qs);
      r.fares = true;
      auto const priced = routing::route(net, r, qs);
      if (!plain || !priced || shape(*plain) != shape(*priced)) {
        std::fprintf(stderr, "request %zu: fares changed the journeys or failed\n", s.requests.size());
        std::abort();
      }
      for (auto const& j : *priced) {
        if (j.rides == 0) continue;
        ++s.journeys;
        bool v1 = false, v2 = false;
        for (auto const& f : j.fares) (f.system == "v1" ? v1 : v2) = true;
        if (!v1 || !v2) {
          std::fprintf(stderr, "request %zu: a journey with %u rides has no v1 or v2 price\n", s.requests.size(),
                       j.rides);
          std::abort();
        }
        ++s.priced;
      }
      r.fares = false;
      s.requests.push_back(r);
    }
    return s;
  }();
  return s;
}

void route_queries(benchmark::State& state, bool fares) {
  auto const& s = fares_setup();
  routing::query_state qs;
  std::vector<double> us, cpu;
  for (auto _ : state) {
    us.clear();
    cpu.clear();
    for (auto r : s.requests) {
      r.fares = fares;
      auto const js = bench::timed(us, cpu, [&] { return routing::route(rnv_fares(), r, qs); });
      if (!js) std::abort();
      benchmark::DoNotOptimize(js);
    }
  }
  report(state, us, cpu);
  state.counters["journeys_priced"] = static_cast<double>(s.priced);
}

void BM_route_no_fares(benchmark::State& state) { route_queries(state, false); }
void BM_route_fares(benchmark::State& state) { route_queries(state, true); }

// Static and overlay interleaved query by query (the order alternating), so that load changes on a shared
// machine hit both alike: the ratio of their p50s is the overlay's cost.
void BM_rnv_interleaved(benchmark::State& state) {
  auto const& s = setup();
  routing::query_state qs;
  std::vector<double> us[2], cpu[2];
  for (auto _ : state) {
    for (std::size_t i = 0; i < s.cases.size(); ++i)
      for (int k = 0; k < 2; ++k) {
        int const which = (static_cast<int>(i) + k) % 2;  // 0: static, 1: overlay
        auto const q = make_query(s, i, which == 0 ? nullptr : s.overlay.get());
        auto const r = bench::timed(us[which], cpu[which], [&] { return routing::raptor(rnv(), q, qs); });
        if (!r) std::abort();
      }
  }
  for (int w = 0; w < 2; ++w) {
    std::sort(us[w].begin(), us[w].end());
    std::sort(cpu[w].begin(), cpu[w].end());
  }
  state.counters["static_p50_us"] = bench::percentile(us[0], 0.5);
  state.counters["overlay_p50_us"] = bench::percentile(us[1], 0.5);
  state.counters["static_cpu_p50_us"] = bench::percentile(cpu[0], 0.5);
  state.counters["overlay_cpu_p50_us"] = bench::percentile(cpu[1], 0.5);
}

void BM_rnv_static(benchmark::State& state) { rnv_queries(state, false); }
void BM_rnv_overlay(benchmark::State& state) { rnv_queries(state, true); }

}  // namespace

BENCHMARK(BM_apply_nmbs)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_rnv_static)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_rnv_overlay)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_rnv_interleaved)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_route_no_fares)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_route_fares)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
