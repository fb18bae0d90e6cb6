// GTFS load + timetable build for RNV and NMBS, and the time to open the built .kwt. Every benchmark first
// checks its result against the counts in the feed's SOURCE.md, then times.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "kwartier/transit/gtfs.h"

namespace {

using namespace kwartier::transit;

std::string const kData = KW_SHARED_DATA_DIR;

struct feed_case {
  std::string path;
  std::size_t trips, stop_times;  // SOURCE.md
};
feed_case const kRnv{kData + "/rnv-heidelberg/rnv.zip", 20636, 424266};
feed_case const kNmbs{kData + "/sncb-gtfs-2019-10/sncb-13-october.zip", 17776, 265371};

bool check(benchmark::State& state, feed_case const& c) {
  auto f = load_gtfs(c.path);
  if (!f || f->counts.trips != c.trips || f->counts.stop_times != c.stop_times) {
    state.SkipWithError("load does not give the SOURCE.md counts");
    return false;
  }
  auto tt = build_timetable(*f);
  if (!tt || tt->n_trips() != c.trips || tt->n_stop_times() != c.stop_times) {
    state.SkipWithError("build does not keep every trip and stop time");
    return false;
  }
  return true;
}

void BM_LoadBuild(benchmark::State& state, feed_case const& c) {
  if (!check(state, c)) return;
  for (auto _ : state) {
    auto f = load_gtfs(c.path);
    auto tt = build_timetable(*f);
    benchmark::DoNotOptimize(tt->n_stop_times());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.stop_times));
  state.counters["stop_times"] = static_cast<double>(c.stop_times);
}

void BM_LoadOnly(benchmark::State& state, feed_case const& c) {
  if (!check(state, c)) return;
  for (auto _ : state) {
    auto f = load_gtfs(c.path);
    benchmark::DoNotOptimize(f->counts.stop_times);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.stop_times));
}

void BM_Open(benchmark::State& state, feed_case const& c) {
  if (!check(state, c)) return;
  auto const path = std::filesystem::temp_directory_path() / "kwartier_bench_open.kwt";
  {
    auto f = load_gtfs(c.path);
    auto tt = build_timetable(*f);
    if (!save_timetable(*tt, path)) {
      state.SkipWithError("save failed");
      return;
    }
  }
  for (auto _ : state) {
    auto v = open_timetable(path);  // mmap + checksum + full validation
    if (!v || v->n_stop_times() != c.stop_times) {
      state.SkipWithError("open failed");
      break;
    }
    benchmark::DoNotOptimize(v->n_trips());
  }
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove(path);
}

BENCHMARK_CAPTURE(BM_LoadBuild, rnv, kRnv)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK_CAPTURE(BM_LoadBuild, nmbs, kNmbs)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK_CAPTURE(BM_LoadOnly, rnv, kRnv)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK_CAPTURE(BM_Open, rnv, kRnv)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK_CAPTURE(BM_Open, nmbs, kNmbs)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace

BENCHMARK_MAIN();
