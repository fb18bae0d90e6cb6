// Per-query latency counters shared by the benchmarks: wall and thread-CPU percentiles, so that figures stay
// honest when other processes share the cores (the scripts print both; CPU is what an idle machine shows).
//
//   std::vector<double> us, cpu;                       // one entry per query, microseconds
//   auto const r = bench::timed(us, cpu, [&] { return query(...); });  // one timed call, one sample
//   bench::report_latency(state, us, cpu);              // p50_us p90_us p99_us max_us cpu_p50/90/99_us queries
#pragma once

#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <utility>
#include <vector>

namespace kwartier::bench {

// CPU time of the calling thread in microseconds.
inline double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// Keeps every sample (the default of timed's `keep`).
struct keep_all {
  template <typename T>
  constexpr bool operator()(T const&) const noexcept {
    return true;
  }
};

// Calls f() once and returns its result. Its wall time (steady clock) goes into `us` and its thread-CPU time
// into `cpu`, both in microseconds, when keep(result) is true (e.g. `[](auto const& r) { return r.has_value(); }`
// to leave failed queries out of the percentiles). The CPU clock is read outside the wall clock.
template <typename F, typename Keep = keep_all>
auto timed(std::vector<double>& us, std::vector<double>& cpu, F&& f, Keep&& keep = {}) {
  auto const c0 = thread_cpu_us();
  auto const t0 = std::chrono::steady_clock::now();
  auto r = std::forward<F>(f)();
  auto const t1 = std::chrono::steady_clock::now();
  auto const c1 = thread_cpu_us();
  if (keep(std::as_const(r))) {
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    cpu.push_back(c1 - c0);
  }
  return r;
}

// The nearest-rank percentile f (0..1) of sorted values; 0 when there is none.
inline double percentile(std::vector<double> const& sorted, double f) {
  return sorted.empty() ? 0.0 : sorted[static_cast<std::size_t>(f * static_cast<double>(sorted.size() - 1))];
}

// Sorts both vectors and sets the latency counters of `state`.
inline void report_latency(benchmark::State& state, std::vector<double>& us, std::vector<double>& cpu) {
  std::sort(us.begin(), us.end());
  std::sort(cpu.begin(), cpu.end());
  state.counters["p50_us"] = percentile(us, 0.50);
  state.counters["p90_us"] = percentile(us, 0.90);
  state.counters["p99_us"] = percentile(us, 0.99);
  state.counters["max_us"] = us.empty() ? 0.0 : us.back();
  state.counters["cpu_p50_us"] = percentile(cpu, 0.50);
  state.counters["cpu_p90_us"] = percentile(cpu, 0.90);
  state.counters["cpu_p99_us"] = percentile(cpu, 0.99);
  state.counters["queries"] = static_cast<double>(us.size());
}

}  // namespace kwartier::bench
