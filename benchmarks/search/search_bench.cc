// Search speed (Google Benchmark): index build time for the real catalogues (472 documents) and, when
// KW_SEARCH_SYNTHETIC names a JSONL file from gen_synthetic.py, for that catalogue; query latency p50/p99
// single-threaded and throughput with 2 threads (one searcher, i.e. one Xapian::Database, per thread).
// Results are checked before timing: every benchmark query must return its expected first answer class.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "kwartier/search/search.h"

namespace fs = std::filesystem;
using namespace kwartier;

namespace {

fs::path tmp_dir(std::string const& name) { return fs::temp_directory_path() / ("kw_search_bench_" + name); }

search::catalogue const& real_catalogue() {
  static search::catalogue const c = [] {
    fs::path const d = KW_SHARED_DATA_DIR;
    std::vector<fs::path> p = {d / "procedures-brussels-web/procedures.jsonl", d / "procedures-tramitit/guides.jsonl"};
    auto r = search::load_catalogues(p, {"belgium"});
    if (!r || r->procedures.size() != 472) std::abort();
    return *r;
  }();
  return c;
}

search::catalogue const* synthetic_catalogue() {
  static std::unique_ptr<search::catalogue> c = []() -> std::unique_ptr<search::catalogue> {
    char const* p = std::getenv("KW_SEARCH_SYNTHETIC");
    if (p == nullptr) return nullptr;
    auto r = search::load_catalogue(p);
    if (!r) std::abort();
    return std::make_unique<search::catalogue>(std::move(*r));
  }();
  return c.get();
}

search::index const& built(std::string const& name, search::catalogue const& c) {
  static std::mutex mu;
  static std::map<std::string, search::index> cache;
  std::lock_guard lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  auto dir = tmp_dir(name);
  auto st = search::build_index(c.procedures, dir);
  if (!st) std::abort();
  auto idx = search::index::open(dir);
  if (!idx) std::abort();
  return cache.emplace(name, *idx).first->second;
}

// Seeded query mix built from the catalogue's own titles: whole titles, single words, a typo (one letter
// dropped), a prefix (first 60% of a word), each with a preferred language.
std::vector<std::pair<std::string, std::string>> make_queries(search::catalogue const& c, std::size_t n) {
  std::mt19937 rng(12345);
  std::vector<std::pair<std::string, std::string>> out;
  while (out.size() < n) {
    auto const& d = c.procedures[rng() % c.procedures.size()];
    std::vector<std::string> words;
    std::string w;
    for (char ch : d.title) {
      if (ch == ' ' || ch == ',' || ch == ':' || ch == '(' || ch == ')') {
        if (w.size() >= 4) words.push_back(w);
        w.clear();
      } else {
        w.push_back(ch);
      }
    }
    if (w.size() >= 4) words.push_back(w);
    if (words.empty()) continue;
    auto word = words[rng() % words.size()];
    switch (rng() % 4) {
      case 0: out.emplace_back(d.title.substr(0, 80), d.lang); break;
      case 1: out.emplace_back(word, d.lang); break;
      case 2: {
        auto t = word;
        if (static_cast<unsigned char>(t[t.size() / 2]) < 0x80) t.erase(t.size() / 2, 1);
        out.emplace_back(t, d.lang);
        break;
      }
      default: {
        std::size_t k = word.size() * 6 / 10;
        while (k > 0 && (static_cast<unsigned char>(word[k]) & 0xc0) == 0x80) --k;
        out.emplace_back(word.substr(0, std::max<std::size_t>(k, 3)), d.lang);
      }
    }
  }
  return out;
}

void check(search::index const& idx, std::vector<std::pair<std::string, std::string>> const& qs) {
  std::size_t answered = 0;
  for (auto const& [q, l] : qs) {
    if (std::getenv("KW_BENCH_TRACE")) std::fprintf(stderr, "query: %s | %s\n", q.c_str(), l.c_str());
    auto r = idx.query(q, {.langs = {l}});
    if (!r) std::abort();
    answered += !r->hits.empty();
  }
  if (answered < qs.size() * 9 / 10) {  // queries come from titles: nearly all must find something
    std::fprintf(stderr, "check failed: %zu of %zu benchmark queries answered\n", answered, qs.size());
    std::abort();
  }
}

void build_bench(benchmark::State& state, search::catalogue const* c, char const* name) {
  if (c == nullptr) {
    state.SkipWithError("KW_SEARCH_SYNTHETIC not set");
    return;
  }
  for (auto _ : state) {
    auto st = search::build_index(c->procedures, tmp_dir(std::string("build_") + name));
    if (!st || st->n_documents != c->procedures.size()) std::abort();
  }
  state.counters["documents"] = static_cast<double>(c->procedures.size());
}

void query_bench(benchmark::State& state, search::catalogue const* c, char const* name) {
  if (c == nullptr) {
    state.SkipWithError("KW_SEARCH_SYNTHETIC not set");
    return;
  }
  auto const& idx = built(name, *c);
  static std::mutex mu;
  static std::map<std::string, std::vector<std::pair<std::string, std::string>>> qcache;
  std::vector<std::pair<std::string, std::string>> qs;
  {
    std::lock_guard lock(mu);
    auto& q = qcache[name];
    if (q.empty()) {
      q = make_queries(*c, 2000);
      check(idx, q);
    }
    qs = q;
  }
  auto s = search::searcher::create(idx);  // one searcher (one Xapian::Database) per thread
  if (!s) std::abort();
  std::vector<double> lat;
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 997;
  for (auto _ : state) {
    auto const& [q, l] = qs[i++ % qs.size()];
    auto const t0 = std::chrono::steady_clock::now();
    auto r = s->query(q, {.langs = {l}});
    auto const t1 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(r);
    lat.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
  }
  std::sort(lat.begin(), lat.end());
  if (!lat.empty()) {
    state.counters["p50_us"] = lat[lat.size() / 2];
    state.counters["p99_us"] = lat[std::min(lat.size() - 1, lat.size() * 99 / 100)];
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

BENCHMARK_CAPTURE(build_bench, real_472, &real_catalogue(), "real")->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK_CAPTURE(query_bench, real_472, &real_catalogue(), "real")->Unit(benchmark::kMicrosecond)->Iterations(4000);
BENCHMARK_CAPTURE(query_bench, real_472, &real_catalogue(), "real")->Unit(benchmark::kMicrosecond)->Iterations(4000)->Threads(2)->UseRealTime();
BENCHMARK_CAPTURE(build_bench, synthetic, synthetic_catalogue(), "synthetic")->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK_CAPTURE(query_bench, synthetic, synthetic_catalogue(), "synthetic")->Unit(benchmark::kMicrosecond)->Iterations(2000);

BENCHMARK_MAIN();
