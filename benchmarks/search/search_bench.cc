// Search speed (Google Benchmark): index build time for the real catalogues (472 documents) and, when
// KW_SEARCH_SYNTHETIC names a JSONL file from gen_synthetic.py, for that catalogue; index open time; query
// latency p50/p99 single-threaded and with 2 threads (one searcher, i.e. one Xapian::Database, per thread).
//
// Answers are checked before timing: every miss is printed on stderr, and the run aborts (exit 1) when more
// than 2% of the benchmark queries miss their expected answer class:
//   - a whole title: one of the first 3 answers is the source document (or of its procedure group, which may
//     be answered in another language) or has that title;
//   - one title word (not a stop word), the word with one letter dropped (a typo, words of 6+ letters), or its
//     first 60% (a prefix, at least 4 letters): one of the first 10 answers is the source document (or of its
//     group) or has a title containing the word (the prefix for prefix queries).
// Latency counters are per-thread percentiles averaged over the threads (kAvgThreads), in microseconds: wall
// time (p50_us, p99_us) and the querying thread's CPU time (cpu_p50_us, cpu_p99_us).
// Indexes are written under a fresh mkdtemp folder ($TMPDIR) that is removed at exit.
#include <sys/resource.h>
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

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
#include "kwartier/text/text.h"

namespace fs = std::filesystem;
using namespace kwartier;

namespace {

fs::path const& work_dir() {
  static fs::path const dir = [] {
    auto tmpl = (fs::temp_directory_path() / "kw-search-bench.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      std::perror("mkdtemp");
      std::exit(1);
    }
    static fs::path const keep = tmpl;
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(keep, ec);
    });
    return fs::path(tmpl);
  }();
  return dir;
}

[[noreturn]] void fail(std::string const& what) {
  std::fprintf(stderr, "search_bench: %s\n", what.c_str());
  std::exit(1);  // runs the atexit clean-up
}

search::catalogue const& real_catalogue() {
  static search::catalogue const c = [] {
    fs::path const d = KW_SHARED_DATA_DIR;
    std::vector<fs::path> p = {d / "procedures-brussels-web/procedures.jsonl", d / "procedures-tramitit/guides.jsonl"};
    auto r = search::load_catalogues(p, {"belgium"});
    if (!r) fail(r.error().to_string());
    if (r->procedures.size() != 472) fail("expected 472 real documents, got " + std::to_string(r->procedures.size()));
    return *r;
  }();
  return c;
}

search::catalogue const* synthetic_catalogue() {
  static std::unique_ptr<search::catalogue> c = []() -> std::unique_ptr<search::catalogue> {
    char const* p = std::getenv("KW_SEARCH_SYNTHETIC");
    if (p == nullptr) return nullptr;
    auto r = search::load_catalogue(p);
    if (!r) fail(r.error().to_string());
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
  auto dir = work_dir() / name;
  auto st = search::build_index(c.procedures, dir);
  if (!st) fail(st.error().to_string());
  auto idx = search::index::open(dir);
  if (!idx) fail(idx.error().to_string());
  return cache.emplace(name, *idx).first->second;
}

std::string fold(std::string_view s) {
  auto n = text::normalize(s);
  return n ? text::fold_accents(*n) : std::string(s);
}

// The first words of `s` that fit in n bytes (whole words, so never a cut UTF-8 sequence).
std::string cut_at_word(std::string const& s, std::size_t n) {
  if (s.size() <= n) return s;
  auto const sp = s.rfind(' ', n);
  return sp == std::string::npos || sp == 0 ? s.substr(0, s.find(' ')) : s.substr(0, sp);
}

enum class kind { title, word, typo, prefix };
struct bench_query {
  std::string text, lang;
  kind k;
  std::string expect;        // title (kind::title) or word (folded) that an answer's title must contain
  std::string source_id;     // the document the query was made from
  std::string expect_group;  // its group key ("" when none)
};

// Seeded query mix built from the catalogue's own titles.
std::vector<bench_query> make_queries(search::catalogue const& c, std::size_t n) {
  std::mt19937 rng(12345);
  std::vector<bench_query> out;
  while (out.size() < n) {
    auto const& d = c.procedures[rng() % c.procedures.size()];
    std::vector<std::string> words;
    std::string w;
    for (char ch : d.title + " ") {
      if (ch == ' ' || ch == ',' || ch == ':' || ch == '(' || ch == ')' || ch == '\'' || ch == '.' || ch == '-') {
        bool ascii_letters = w.size() >= 4 && std::all_of(w.begin(), w.end(), [](char x) { return std::isalpha(static_cast<unsigned char>(x)); });
        if (ascii_letters) words.push_back(w);
        w.clear();
      } else {
        w.push_back(ch);
      }
    }
    auto const r = rng() % 4;
    if (r == 0 || words.empty()) {
      out.push_back({cut_at_word(d.title, 80), d.lang, kind::title, d.title, d.id, d.group_key});
      continue;
    }
    auto word = words[rng() % words.size()];
    auto const f = fold(word);
    if (text::is_stop_word(text::parse_lang(d.lang), f)) continue;  // a query of only stop words answers nothing
    if (r == 1) {
      out.push_back({word, d.lang, kind::word, f, d.id, d.group_key});
    } else if (r == 2) {
      if (word.size() < 6) continue;
      auto t = word;
      t.erase(t.size() / 2, 1);
      out.push_back({t, d.lang, kind::typo, f, d.id, d.group_key});
    } else {
      std::size_t const k = std::max<std::size_t>(4, word.size() * 6 / 10);
      if (k >= word.size()) continue;
      out.push_back({word.substr(0, k), d.lang, kind::prefix, fold(word.substr(0, k)), d.id, d.group_key});
    }
  }
  return out;
}

bool answered(search::results const& r, bench_query const& q) {
  auto const is_source = [&](search::hit const& h) {
    return h.id == q.source_id || (!q.expect_group.empty() && h.group_key == q.expect_group);
  };
  if (q.k == kind::title) {
    for (std::size_t i = 0; i < r.hits.size() && i < 3; ++i)
      if (is_source(r.hits[i]) || fold(r.hits[i].title) == fold(q.expect)) return true;
    return false;
  }
  for (std::size_t i = 0; i < r.hits.size() && i < 10; ++i)
    if (is_source(r.hits[i]) || fold(r.hits[i].title).find(q.expect) != std::string::npos) return true;
  return false;
}

// The answer classes are approximate for single words (a word matched through its stem, or a procedure
// answered in another language whose title does not carry the word): up to 2% misses are listed, not fatal.
constexpr double kMaxMissShare = 0.02;

void check(search::index const& idx, std::vector<bench_query> const& qs, std::string const& name) {
  std::size_t bad = 0;
  for (auto const& q : qs) {
    auto r = idx.query(q.text, {.langs = {q.lang}});
    if (!r) fail("query '" + q.text + "': " + r.error().to_string());
    if (!answered(*r, q)) {
      if (bad < 25)
        std::fprintf(stderr, "check %s: '%s' [%s] expected %s '%s', first answer '%s'\n", name.c_str(), q.text.c_str(),
                     q.lang.c_str(), q.k == kind::title ? "title" : "a title containing", q.expect.c_str(),
                     r->hits.empty() ? "(none)" : r->hits[0].title.c_str());
      ++bad;
    }
  }
  std::fprintf(stderr, "check %s: %zu of %zu benchmark queries missed their expected answer\n", name.c_str(), bad,
               qs.size());
  // Every miss is listed above; more than kMaxMissShare of them fails the run.
  if (static_cast<double>(bad) > kMaxMissShare * static_cast<double>(qs.size()))
    fail(std::to_string(bad) + " of " + std::to_string(qs.size()) + " " + name +
         " benchmark queries did not return their expected answer (more than 2%)");
}

std::vector<bench_query> const& checked_queries(std::string const& name, search::catalogue const& c,
                                                search::index const& idx) {
  static std::mutex mu;
  static std::map<std::string, std::vector<bench_query>> cache;
  std::lock_guard lock(mu);
  auto& q = cache[name];
  if (q.empty()) {
    q = make_queries(c, 2000);
    check(idx, q, name);
  }
  return q;
}

void build_bench(benchmark::State& state, search::catalogue const* c, char const* name) {
  if (c == nullptr) {
    state.SkipWithError("KW_SEARCH_SYNTHETIC not set");
    return;
  }
  // CPU time of the whole process (all build threads), next to the wall time: on a shared machine the wall
  // time depends on the other jobs, the CPU time much less
  auto cpu_seconds = [] {
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    auto const s = [](timeval const& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(ru.ru_utime) + s(ru.ru_stime);
  };
  double cpu = 0;
  for (auto _ : state) {
    auto const c0 = cpu_seconds();
    auto st = search::build_index(c->procedures, work_dir() / (std::string("build_") + name));
    cpu += cpu_seconds() - c0;
    if (!st || st->n_documents != c->procedures.size()) fail(std::string("build ") + name + " failed");
  }
  state.counters["documents"] = static_cast<double>(c->procedures.size());
  state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
}

void open_bench(benchmark::State& state, search::catalogue const* c, char const* name) {
  if (c == nullptr) {
    state.SkipWithError("KW_SEARCH_SYNTHETIC not set");
    return;
  }
  auto const& idx = built(name, *c);
  for (auto _ : state) {
    auto o = search::index::open(idx.path());
    if (!o || o->n_documents() != c->procedures.size()) fail(std::string("open ") + name + " failed");
    benchmark::DoNotOptimize(o);
  }
  state.counters["documents"] = static_cast<double>(c->procedures.size());
}

void query_bench(benchmark::State& state, search::catalogue const* c, char const* name) {
  if (c == nullptr) {
    state.SkipWithError("KW_SEARCH_SYNTHETIC not set");
    return;
  }
  auto const& idx = built(name, *c);
  auto const& qs = checked_queries(name, *c, idx);
  auto s = search::searcher::create(idx);  // one searcher (one Xapian::Database) per thread
  if (!s) fail(s.error().to_string());
  // Wall time per query, and the querying thread's CPU time (CLOCK_THREAD_CPUTIME_ID): on a shared machine the
  // wall-time tail measures preemption by other jobs, the CPU-time tail the query itself.
  auto thread_cpu_us = [] {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
  };
  std::vector<double> lat, cpu;
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 997;
  for (auto _ : state) {
    auto const& q = qs[i++ % qs.size()];
    auto const c0 = thread_cpu_us();
    auto const t0 = std::chrono::steady_clock::now();
    auto r = s->query(q.text, {.langs = {q.lang}});
    auto const t1 = std::chrono::steady_clock::now();
    auto const c1 = thread_cpu_us();
    benchmark::DoNotOptimize(r);
    lat.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    cpu.push_back(c1 - c0);
  }
  std::sort(lat.begin(), lat.end());
  std::sort(cpu.begin(), cpu.end());
  if (!lat.empty()) {
    auto const p99 = std::min(lat.size() - 1, lat.size() * 99 / 100);
    state.counters["p50_us"] = benchmark::Counter(lat[lat.size() / 2], benchmark::Counter::kAvgThreads);
    state.counters["p99_us"] = benchmark::Counter(lat[p99], benchmark::Counter::kAvgThreads);
    state.counters["cpu_p50_us"] = benchmark::Counter(cpu[cpu.size() / 2], benchmark::Counter::kAvgThreads);
    state.counters["cpu_p99_us"] = benchmark::Counter(cpu[p99], benchmark::Counter::kAvgThreads);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

BENCHMARK_CAPTURE(build_bench, real_472, &real_catalogue(), "real")->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK_CAPTURE(open_bench, real_472, &real_catalogue(), "real")->Unit(benchmark::kMillisecond)->Iterations(20)->UseRealTime();
BENCHMARK_CAPTURE(query_bench, real_472, &real_catalogue(), "real")->Unit(benchmark::kMicrosecond)->Iterations(4000);
BENCHMARK_CAPTURE(query_bench, real_472, &real_catalogue(), "real")->Unit(benchmark::kMicrosecond)->Iterations(4000)->Threads(2)->UseRealTime();
BENCHMARK_CAPTURE(build_bench, synthetic, synthetic_catalogue(), "synthetic")->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK_CAPTURE(open_bench, synthetic, synthetic_catalogue(), "synthetic")->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK_CAPTURE(query_bench, synthetic, synthetic_catalogue(), "synthetic")->Unit(benchmark::kMicrosecond)->Iterations(2000);
BENCHMARK_CAPTURE(query_bench, synthetic, synthetic_catalogue(), "synthetic")->Unit(benchmark::kMicrosecond)->Iterations(2000)->Threads(2)->UseRealTime();

BENCHMARK_MAIN();
