#!/usr/bin/env bash
# Realtime and fares benchmarks (docs/realtime.md): applying the NMBS June 2019 realtime file (parse + overlay,
# matcher built once); RAPTOR earliest arrival on RNV (1,000 seeded stop-to-stop queries on one weekday)
# without and with a seeded synthetic overlay; routing::route on RNV with seeded synthetic fares (300 requests)
# without and with fares. Answers are checked before timing (see realtime_bench.cc).
# Usage: BUILD=build/release benchmarks/realtime/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
DATA=${KW_SHARED_DATA_DIR:-$(pwd)/../shared/data}
if [[ ! -x $BUILD/benchmarks/realtime/realtime_bench ]]; then
  cmake --preset release -B "$BUILD" -DKW_SHARED_DATA_DIR="$DATA" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target realtime_bench
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmd="$BUILD/benchmarks/realtime/realtime_bench --benchmark_format=json"
KW_SHARED_DATA_DIR=$DATA KW_BENCH_RT_DIR=$tmp $cmd >"$tmp/rt.json" 2>"$tmp/rt.err" || {
  cat "$tmp/rt.err" >&2
  exit 1
}
/usr/bin/python3 - "$tmp/rt.json" "$cmd" "$tmp/rt.err" <<'PY'
import json, sys
cmd = sys.argv[2]
b = {x["name"].split("/")[0]: x for x in json.load(open(sys.argv[1]))["benchmarks"]}
load = open("/proc/loadavg").read().split()[0]
print(f"Load average during the run: {load} (2 cores, shared). Wall p50/p90/p99; CPU = thread CPU time.")
print()
print("| measure | p50 | p90 | p99 | CPU p50 / p99 | target |")
print("|---|---|---|---|---|---|")
def row(name, label, target):
    x = b[name]
    ms = lambda k: x[k] / 1000.0
    print(f"| {label} | {ms('p50_us'):.3f} ms | {ms('p90_us'):.3f} ms | {ms('p99_us'):.3f} ms | "
          f"{ms('cpu_p50_us'):.3f} / {ms('cpu_p99_us'):.3f} ms | {target} |")
a = b["BM_apply_nmbs"]
row("BM_apply_nmbs", f"NMBS realtime file ({a['bytes']:.0f} bytes, 453 trip updates): parse + apply, 20 runs", "<= 20 ms")
s, o = b["BM_rnv_static"], b["BM_rnv_overlay"]
row("BM_rnv_static", "RNV earliest arrival + Pareto rounds, 1,000 queries, no overlay", "")
row("BM_rnv_overlay", f"the same with the synthetic overlay ({o['overlay_trips_changed']:.0f} trips changed, "
    f"{o['overlay_trips_cancelled']:.0f} cancelled; {o['fronts_changed_by_overlay']:.0f} of 1,000 fronts change)",
    "p50 <= 1.3 x static")
x = b["BM_rnv_interleaved"]
print(f"| interleaved query by query, 3 x 1,000 each: static / overlay p50 | {x['static_p50_us'] / 1000:.3f} / "
      f"{x['overlay_p50_us'] / 1000:.3f} ms | | | {x['static_cpu_p50_us'] / 1000:.3f} / "
      f"{x['overlay_cpu_p50_us'] / 1000:.3f} ms | ratio {x['overlay_p50_us'] / x['static_p50_us']:.2f} "
      f"(CPU {x['overlay_cpu_p50_us'] / x['static_cpu_p50_us']:.2f}), <= 1.3 |")
n, f = b["BM_route_no_fares"], b["BM_route_fares"]
row("BM_route_no_fares", "RNV + synthetic fares: routing::route, 300 requests, without fares", "")
row("BM_route_fares", f"the same with fares (v1 + v2; {f['journeys_priced']:.0f} journeys priced)", "p50 <= 1.1 x")
print()
print(f"Overlay p50 / static p50 = {o['p50_us'] / s['p50_us']:.2f} (CPU {o['cpu_p50_us'] / s['cpu_p50_us']:.2f}); "
      f"fares p50 / no fares p50 = {f['p50_us'] / n['p50_us']:.2f} (CPU {f['cpu_p50_us'] / n['cpu_p50_us']:.2f}); "
      f"matcher build (once per network) {a['matcher_build_us'] / 1000:.1f} ms. Command: `{cmd}`. Checked first: "
      "NMBS 453 updates, 453 matched, 1 cancelled; an empty view gives every static front exactly; fares change "
      "no journey and price every one with a ride in v1 and v2.")
PY
