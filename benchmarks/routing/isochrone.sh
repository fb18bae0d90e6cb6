#!/usr/bin/env bash
# Isochrone benchmarks on the RNV pair (Heidelberg/Mannheim), single-threaded: walk + transit 45-minute
# isochrones from 100 seeded origins near stops at seeded weekday times (node times only, and with 15/30/45-
# minute band polygons), and walk 15-minute isochrones. Before timing, every origin's node times are compared
# with an independent oracle (connection scan + plain Dijkstra, benchmarks/routing/isochrone_bench.cc) and
# 2 origins' polygons with their node times; a difference aborts the run. Called by run.sh; runs alone too.
# Usage: BUILD=build/release benchmarks/routing/isochrone.sh      (default BUILD=build/routing-rel)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/routing-rel}
DATA=${KW_SHARED_DATA_DIR:-$(pwd)/../shared/data}
if [[ ! -x $BUILD/benchmarks/routing/isochrone_bench ]]; then
  cmake --preset release -B "$BUILD" -DKW_SHARED_DATA_DIR="$DATA" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target isochrone_bench
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench_cmd="$BUILD/benchmarks/routing/isochrone_bench --benchmark_format=json"
KW_SHARED_DATA_DIR=$DATA KW_BENCH_KWN=$tmp/rnv.kwn $bench_cmd >"$tmp/iso.json" 2>"$tmp/iso.err" || {
  cat "$tmp/iso.err" >&2
  exit 1
}
/usr/bin/python3 - "$tmp/iso.json" "$bench_cmd" <<'PY'
import json, sys
bench = json.load(open(sys.argv[1]))
b = {x["name"].split("/")[0]: x for x in bench["benchmarks"]}
load = open("/proc/loadavg").read().split()[0]
print(f"Load average during the run: {load} (2 cores, shared). Wall p50/p90/p99 per isochrone; CPU = thread CPU time.")
print()
print("| isochrone (RNV, single thread) | p50 | p90 | p99 | CPU p50 / p99 | nodes reached (mean) | target |")
print("|---|---|---|---|---|---|---|")
def row(name, label, target):
    x = b[name]
    ms = lambda k: x[k] / 1000.0
    print(f"| {label} | {ms('p50_us'):.1f} ms | {ms('p90_us'):.1f} ms | {ms('p99_us'):.1f} ms | "
          f"{ms('cpu_p50_us'):.1f} / {ms('cpu_p99_us'):.1f} ms | {x['nodes_reached']:,.0f} | {target} |")
row("BM_isochrone_transit_45min", "walk + transit, 45 min, node times (100 origins)", "<= 50 ms")
row("BM_isochrone_transit_45min_polygons", "walk + transit, 45 min, node times + 15/30/45-min polygons (3 origins)", "")
row("BM_isochrone_walk_15min", "walk, 15 min, node times (100 origins)", "")
row("BM_isochrone_walk_15min_polygons", "walk, 15 min, node times + polygon (10 origins)", "")
x = b["BM_isochrone_transit_45min"]
print()
print(f"Checked before timing: {x['nodes_checked']:,.0f} node times of 100 walk + transit origins equal to the oracle "
      f"(mean {x['mean_reached_checked']:,.0f} nodes reached per origin); {x['polygon_checks']:,.0f} node-in-polygon "
      f"checks on 2 origins. Command: `{sys.argv[2]}`.")
PY
