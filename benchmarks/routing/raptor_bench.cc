// RAPTOR benchmarks on RNV (Heidelberg/Mannheim): earliest arrival with Pareto rounds (stop to stop, 1,000
// seeded random queries), arrive-by, range RAPTOR over a 60-minute window to all stops, and full coordinate
// journeys. Every answer is checked against the connection-scan oracle (tests/routing/raptor_oracle.h) or
// against repeated single queries before anything is timed; a differing answer aborts the run.
//
//   build/release/benchmarks/routing/raptor_bench [--benchmark_filter=...]
//   env: KW_SHARED_DATA_DIR, KW_BENCH_KWN (the RNV .kwn to write/open), KW_BENCH_QUERIES (write the seeded
//        queries with the oracle's answers as CSV) and KW_BENCH_FOOTPATHS (the network's footpaths as CSV), for
//        the peer script benchmarks/peers/raptor-journey-planner/bench.js
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include <time.h>

#include "benchmarks/common/latency.h"
#include "benchmarks/routing/rnv_network.h"
#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
#include "kwartier/routing/range.h"
#include "kwartier/routing/raptor.h"
#include "routing/raptor_oracle.h"

namespace {

namespace fs = std::filesystem;
using namespace kwartier;

network::network const& rnv() {
  static network::network const n = bench::open_or_build_rnv("KW_BENCH_KWN", "kw_bench_rnv.kwn", false);
  return n;
}

struct query_case {
  std::uint32_t from, to;
  std::int32_t day, time;
};

// Seeded stop-to-stop queries: two different stops served by some route, a day of the feed, 05:00-23:00.
std::vector<query_case> random_queries(std::size_t n, unsigned seed) {
  auto const& tt = rnv().timetable();
  std::vector<std::uint32_t> stops;
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s)
    if (!tt.stop_routes(transit::stop_idx_t{s}).empty()) stops.push_back(s);
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::size_t> pick{0, stops.size() - 1};
  std::uniform_int_distribution<std::int32_t> day{tt.first_day_, tt.first_day_ + tt.n_days_ - 1};
  std::uniform_int_distribution<std::int32_t> time{5 * 3600, 23 * 3600};
  std::vector<query_case> out;
  while (out.size() < n) {
    auto const a = stops[pick(rng)], b = stops[pick(rng)];
    if (a != b) out.push_back({a, b, day(rng), time(rng)});
  }
  return out;
}

struct prepared {
  query_case c;
  std::vector<routing::stop_offset> acc, egr;
};

std::vector<prepared> prepare(std::vector<query_case> const& cases) {
  std::vector<prepared> out;
  for (auto const& c : cases)
    out.push_back({c, routing::stop_access(rnv(), transit::stop_idx_t{c.from}),
                   routing::stop_egress(rnv(), transit::stop_idx_t{c.to})});
  return out;
}

routing::raptor_query make_query(prepared const& p, routing::direction d) {
  routing::raptor_query q;
  q.day = p.c.day;
  q.time = p.c.time;
  q.dir = d;
  bool const fwd = d == routing::direction::forward;
  q.sources = fwd ? p.acc : p.egr;
  q.targets = fwd ? p.egr : p.acc;
  return q;
}

// Checks every query's whole Pareto front against the oracle; returns the number differing (aborts when any
// does) and the number reached. Optionally writes the queries with the oracle's earliest arrival as CSV.
std::pair<std::size_t, std::size_t> check_against_oracle(std::vector<prepared> const& ps, routing::direction d) {
  auto const& net = rnv();
  auto const& tt = net.timetable();
  testing::csa_oracle oracle{net};
  routing::query_state qs;
  std::vector<std::size_t> order(ps.size());
  for (std::size_t i = 0; i < ps.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return ps[a].c.day < ps[b].c.day; });
  bool const fwd = d == routing::direction::forward;
  std::vector<std::int32_t> best(ps.size(), routing::kUnreachable);
  std::size_t differ = 0, reached = 0;
  for (auto const i : order) {
    auto const& p = ps[i];
    auto const per_k = fwd ? oracle.earliest(p.c.day, p.c.time, p.acc, p.egr)
                           : oracle.latest(p.c.day, p.c.time, p.egr, p.acc);
    auto const expect = testing::csa_oracle::front(per_k, !fwd);
    auto const q = make_query(p, d);
    auto const r = routing::raptor(net, q, qs);
    if (!r) std::abort();
    std::vector<std::pair<std::size_t, std::int32_t>> got;
    for (auto const& e : *r) got.emplace_back(e.rides, e.time);
    if (got != expect) ++differ;
    if (!expect.empty()) {
      ++reached;
      best[i] = expect.back().second;
    }
  }
  if (fwd) {
    if (char const* path = std::getenv("KW_BENCH_QUERIES")) {
      std::ofstream f{path};
      f << "from_stop_id,to_stop_id,date,time,oracle_arrival\n";
      for (std::size_t i = 0; i < ps.size(); ++i) {
        auto const& c = ps[i].c;
        f << tt.stop_id(transit::stop_idx_t{c.from}) << ',' << tt.stop_id(transit::stop_idx_t{c.to}) << ','
          << transit::yyyymmdd_from_days(c.day) << ',' << c.time << ',';
        if (best[i] != routing::kUnreachable) f << best[i];
        f << '\n';
      }
    }
  }
  if (char const* path = std::getenv("KW_BENCH_FOOTPATHS"); path && fwd) {
    std::ofstream f{path};
    f << "from_stop_id,to_stop_id,seconds\n";
    for (std::uint32_t s = 0; s < tt.n_stops(); ++s)
      for (auto const& fp : net.footpaths(transit::stop_idx_t{s}))
        f << tt.stop_id(transit::stop_idx_t{s}) << ',' << tt.stop_id(transit::stop_idx_t{fp.to}) << ',' << fp.seconds
          << '\n';
  }
  if (differ != 0) {
    std::fprintf(stderr, "%zu of %zu answers differ from the oracle\n", differ, ps.size());
    std::abort();
  }
  return {differ, reached};
}

void pareto_queries(benchmark::State& state, routing::direction d, std::size_t n, unsigned seed) {
  auto const ps = prepare(random_queries(n, seed));
  auto const [differ, reached] = check_against_oracle(ps, d);
  routing::query_state qs;
  (void)routing::raptor(rnv(), make_query(ps[0], d), qs);  // sizes the state
  std::vector<double> us, cpu;
  double pareto = 0.0;
  for (auto _ : state) {
    us.clear();
    cpu.clear();
    pareto = 0.0;
    for (auto const& p : ps) {
      auto const q = make_query(p, d);
      auto const r = bench::timed(us, cpu, [&] { return routing::raptor(rnv(), q, qs); });
      if (!r) std::abort();
      pareto += static_cast<double>(r->size());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * ps.size()));
  bench::report_latency(state, us, cpu);
  state.counters["differing"] = static_cast<double>(differ);
  state.counters["reached"] = static_cast<double>(reached);
  state.counters["pareto_per_query"] = pareto / static_cast<double>(ps.size());
}

void BM_earliest_arrival_pareto(benchmark::State& state) {
  pareto_queries(state, routing::direction::forward, 1000, 20241208);
}
void BM_arrive_by_pareto(benchmark::State& state) { pareto_queries(state, routing::direction::backward, 300, 7); }

// Range RAPTOR 07:00-08:00 each minute, one origin (a stop and its footpath neighbours) -> every stop.
void BM_range_60min_all_stops(benchmark::State& state) {
  auto const& net = rnv();
  auto const ps = prepare(random_queries(100, 31));
  routing::query_state qs, single;
  routing::range_result rr;
  auto make = [](prepared const& p) {
    routing::range_query rq;
    rq.day = p.c.day;
    rq.window_start = 7 * 3600;
    rq.window_end = 8 * 3600;
    rq.step = 60;
    rq.sources = p.acc;
    return rq;
  };
  // Check: range rows equal single one-to-all queries (3 origins, every minute, every stop).
  for (std::size_t o = 0; o < 3; ++o) {
    auto const rq = make(ps[o]);
    if (!routing::range_raptor(net, rq, qs, rr)) std::abort();
    for (std::size_t i = 0; i < rr.n_departures(); ++i) {
      routing::raptor_query q;
      q.day = rq.day;
      q.time = rr.departure(i);
      q.sources = rq.sources;
      if (!routing::raptor(net, q, single)) std::abort();
      auto const b = routing::best_times(single);
      for (std::size_t s = 0; s < b.size(); ++s) {
        auto const e = b[s] == routing::kUnreachable ? routing::kUnreachable : b[s] - q.time;
        if (rr.travel_times(i)[s] != e) {
          std::fprintf(stderr, "range differs from the single query at departure %zu stop %zu\n", i, s);
          std::abort();
        }
      }
    }
  }
  std::vector<double> us, cpu;
  double reached = 0.0;
  for (auto _ : state) {
    us.clear();
    cpu.clear();
    reached = 0.0;
    for (auto const& p : ps) {
      auto const rq = make(p);
      auto const st = bench::timed(us, cpu, [&] { return routing::range_raptor(net, rq, qs, rr); });
      if (!st) std::abort();
      for (auto const t : rr.travel_times(0)) reached += t != routing::kUnreachable ? 1.0 : 0.0;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * ps.size()));
  bench::report_latency(state, us, cpu);
  state.counters["stops_reached"] = reached / static_cast<double>(ps.size());
}

// Coordinate to coordinate (walk access/egress on the streets, RAPTOR, tightened journeys, direct walk).
void BM_route_coordinates(benchmark::State& state) {
  auto const& net = rnv();
  auto const& tt = net.timetable();
  std::vector<query_case> cases;  // between stops linked to the streets (a coordinate needs a street nearby)
  for (auto const& c : random_queries(2000, 55))
    if (cases.size() < 200 && net.stop_snap(transit::stop_idx_t{c.from}) && net.stop_snap(transit::stop_idx_t{c.to}))
      cases.push_back(c);
  routing::query_state qs;
  std::vector<double> us, cpu;
  double journeys = 0.0;
  for (auto _ : state) {
    us.clear();
    cpu.clear();
    journeys = 0.0;
    for (auto const& c : cases) {
      routing::route_request r;
      auto const a = tt.stop_pos(transit::stop_idx_t{c.from}), b = tt.stop_pos(transit::stop_idx_t{c.to});
      r.from = {a.lat + 0.0005, a.lon};  // ~55 m north of the origin stop, ~36 m east of the destination stop
      r.to = {b.lat, b.lon + 0.0005};
      r.date = c.day;
      r.time = c.time;
      auto const js = bench::timed(  // a failed request (e.g. a point too far from a street) is not a sample
          us, cpu, [&] { return routing::route(net, r, qs); }, [](auto const& x) { return x.has_value(); });
      if (!js) continue;
      journeys += static_cast<double>(js->size());
    }
  }
  bench::report_latency(state, us, cpu);
  state.counters["journeys_per_query"] = journeys / static_cast<double>(std::max<std::size_t>(us.size(), 1));
}

BENCHMARK(BM_earliest_arrival_pareto)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_arrive_by_pareto)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_range_60min_all_stops)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_route_coordinates)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
