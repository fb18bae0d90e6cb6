// 15-minute access on RNV (Heidelberg/Mannheim): every walkable street node as an origin x the 9 service
// categories of a seeded POI file (benchmarks/access/gen_pois.py): walk + bike (one multi-source reverse search
// per category and mode), walk only (the part the OSMnx peer does), and walk + transit at one departure
// (2016-11-08 08:00). Before anything is timed, the answers are checked: walk and bike on 200 seeded street-node
// origins against one forward search per origin, transit on 40 of them against routing::raptor per origin
// (tests/access/oracle.h); a differing answer aborts the run.
//
//   build/release/benchmarks/access/access_bench --benchmark_format=json
//   env: KW_BENCH_KWN (the RNV .kwn), KW_BENCH_POIS (the POI CSV), KW_BENCH_THREADS (default 2)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "access/oracle.h"
#include "kwartier/access/score.h"
#include "kwartier/poi/load.h"

namespace {

using namespace kwartier;

[[noreturn]] void die(std::string const& what) {
  std::fprintf(stderr, "access_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string env(char const* name, char const* fallback) {
  char const* e = std::getenv(name);
  return e != nullptr && *e != '\0' ? e : fallback;
}

struct fixture {
  network::network net;
  poi::poi_set pois;
  access::origins origins;
  unsigned threads = 2;
};

access::options opts(fixture const& f, std::vector<access::mode> modes) {
  access::options o;
  o.modes = std::move(modes);
  o.date = "2016-11-08";
  o.time = "08:00";
  o.threads = f.threads;
  return o;
}

void check(fixture const& f) {
  // A sample of the street-node origins (the oracle starts at their nodes, or snaps them where the mode cannot
  // use the node).
  std::mt19937_64 rng{20261128};
  std::uniform_int_distribution<std::size_t> pick{0, f.origins.size() - 1};
  access::origins sample;
  sample.kind = access::origin_kind::street_nodes;
  std::vector<std::size_t> idx;
  for (int i = 0; i < 200; ++i) {
    auto const k = pick(rng);
    idx.push_back(k);
    sample.pos.push_back(f.origins.pos[k]);
    sample.weight.push_back(1.0);
    sample.ids.push_back(f.origins.ids[k]);
    sample.node.push_back(f.origins.node[k]);
  }
  auto const all = access::score(f.net, poi::view_of(f.pois), f.origins,
                                 opts(f, {access::mode::walk, access::mode::bike, access::mode::transit}));
  if (!all) die(all.error().to_string());
  auto const nc = f.pois.categories.size();
  std::size_t reached = 0;
  std::vector<std::vector<routing::seconds_t>> street(2);
  for (std::size_t mi = 0; mi < 2; ++mi) {
    street[mi] = access_oracle::oracle_street(f.net, f.pois, sample, mi == 0 ? street::mode::walk : street::mode::bike,
                                              all->max_s, sample.size());
    for (std::size_t c = 0; c < nc; ++c)
      for (std::size_t i = 0; i < sample.size(); ++i) {
        auto const got = all->at(mi, c, idx[i]), want = street[mi][c * sample.size() + i];
        if (got != want)
          die("mode " + std::to_string(mi) + " category " + f.pois.categories[c].name + " origin " +
              std::to_string(idx[i]) + ": " + std::to_string(got) + " s, oracle " + std::to_string(want) + " s");
        reached += got <= all->threshold_s;
      }
  }
  if (reached < 500) die("the check covers too few reached answers: " + std::to_string(reached));
  std::size_t const nt = 40, better_before = 0;
  std::size_t better = better_before;
  std::vector<routing::seconds_t> walk40(nc * nt);
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t i = 0; i < nt; ++i) walk40[c * nt + i] = street[0][c * sample.size() + i];
  auto const tr = access_oracle::oracle_transit(f.net, f.pois, sample, "2016-11-08", "08:00", all->max_s, walk40, nt,
                                                better);
  if (!tr) die(tr.error().to_string());
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t i = 0; i < nt; ++i)
      if (all->at(2, c, idx[i]) != (*tr)[c * nt + i])
        die("transit category " + f.pois.categories[c].name + " origin " + std::to_string(idx[i]) + ": " +
            std::to_string(all->at(2, c, idx[i])) + " s, raptor " + std::to_string((*tr)[c * nt + i]) + " s");
  if (better < 20) die("transit beats walking too rarely for the check to mean much: " + std::to_string(better));
  std::fprintf(stderr, "checked: walk+bike on 200 origins x %zu categories (%zu within 15 min), transit on %zu "
               "origins (%zu beat walking)\n", nc, reached, nt, better);
}

fixture const& rnv() {
  static fixture const f = [] {
    auto n = network::network::open(env("KW_BENCH_KWN", "/tmp/kw_bench_rnv.kwn"));
    if (!n) die(n.error().to_string());
    fixture x{std::move(*n), {}, {}, static_cast<unsigned>(std::stoul(env("KW_BENCH_THREADS", "2")))};
    validation_report rep;
    auto p = poi::load_file(env("KW_BENCH_POIS", "pois.csv"), {}, rep);
    if (!p) die(p.error().to_string());
    x.pois = std::move(*p);
    auto o = access::street_node_origins(x.net);
    if (!o) die(o.error().to_string());
    x.origins = std::move(*o);
    check(x);
    return x;
  }();
  return f;
}

void run(benchmark::State& st, std::vector<access::mode> modes) {
  auto const& f = rnv();
  auto const o = opts(f, modes);
  for (auto _ : st) {
    auto s = access::score(f.net, poi::view_of(f.pois), f.origins, o);
    if (!s) die(s.error().to_string());
    benchmark::DoNotOptimize(s->seconds.data());
  }
  st.counters["origins"] = static_cast<double>(f.origins.size());
  st.counters["categories"] = static_cast<double>(f.pois.categories.size());
  st.counters["pois"] = static_cast<double>(f.pois.size());
  st.counters["threads"] = f.threads;
}

void BM_walk_bike(benchmark::State& st) { run(st, {access::mode::walk, access::mode::bike}); }
void BM_walk(benchmark::State& st) { run(st, {access::mode::walk}); }
void BM_walk_transit(benchmark::State& st) { run(st, {access::mode::walk, access::mode::transit}); }

BENCHMARK(BM_walk_bike)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(3);
BENCHMARK(BM_walk)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(3);
BENCHMARK(BM_walk_transit)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1)->Repetitions(2);

}  // namespace

BENCHMARK_MAIN();
