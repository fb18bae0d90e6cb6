#!/usr/bin/env bash
# Network benchmarks on the RNV pair (Heidelberg/Mannheim): build time and peak memory (the CLI under
# /usr/bin/time), the library build (BM_build_rnv), open time, walk one-to-all and 15-minute-bounded walk (1,170 m) from 1,000 random points,
# p50/p90/p99. Prints a markdown table with the commands that produced it.
# Usage: BUILD=build/release benchmarks/network/run.sh      (default BUILD=build/network-rel)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/network-rel}
DATA=${KW_SHARED_DATA_DIR:-$(pwd)/../shared/data}
if [[ ! -x $BUILD/benchmarks/network/network_bench || ! -x $BUILD/bin/kwartier ]]; then
  cmake --preset release -B "$BUILD" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target network_bench kwartier_cli
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
kwn=$tmp/rnv.kwn
build_cmd="$BUILD/bin/kwartier network build --gtfs $DATA/rnv-heidelberg/rnv.zip --osm $DATA/rnv-heidelberg/rnv.osm.pbf -o $kwn -q"
/usr/bin/time -v $build_cmd >"$tmp/build.out" 2>"$tmp/build.time"
wall=$(grep -E "Elapsed \(wall clock\)" "$tmp/build.time" | awk '{print $NF}')
peak_kb=$(grep -E "Maximum resident set size" "$tmp/build.time" | awk '{print $NF}')
cpu_s=$(awk '/User time|System time/ {s += $NF} END {print s}' "$tmp/build.time")
bench_cmd="$BUILD/benchmarks/network/network_bench --benchmark_format=json"
KW_SHARED_DATA_DIR=$DATA KW_BENCH_KWN=$kwn $bench_cmd >"$tmp/bench.json" 2>"$tmp/bench.err"
/usr/bin/python3 - "$tmp/bench.json" "$wall" "$peak_kb" "$tmp/build.out" "$build_cmd" "$bench_cmd" "$cpu_s" <<'PY'
import json, sys
bench = json.load(open(sys.argv[1]))
wall, peak_kb, build_out, build_cmd, bench_cmd = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
b = {x["name"].split("/")[0]: x for x in bench["benchmarks"]}
failed = [n for n, x in b.items() if x.get("error_occurred")]
missing = {"BM_build_rnv", "BM_open", "BM_walk_15min_bounded", "BM_walk_one_to_all"} - set(b)
if failed or missing:
    sys.exit(f"network_bench: failed {failed}, missing {sorted(missing)}")
def ms(x): return x["real_time"] if x["time_unit"] == "ms" else x["real_time"] / 1e6
lines = open(build_out).read().splitlines()
stats = {l.split()[0] + " " + l.split()[1]: l for l in lines if l.startswith(("street nodes", "street edges", "stops linked", "stops unlinked"))}
load = open("/proc/loadavg").read().split()[0]
print(f"Load average during the run: {load} (2 cores). Wall times include waiting for the CPU when the machine is")
print("shared; CPU columns are the process/thread CPU time, the figure an idle machine would show.")
print()
print("| measure | wall | CPU | target |")
print("|---|---|---|---|")
print(f"| RNV build (CLI, GTFS + OSM -> .kwn) | {wall} | {float(sys.argv[7]):.2f} s user+sys | <= 10 s |")
print(f"| RNV build peak memory (max RSS) | {peak_kb / 1024:.0f} MB | | <= 1 GB |")
x = b["BM_build_rnv"]
print(f"| RNV build (library, network::build in one process), mean of {x['iterations']} | {ms(x) / 1000:.2f} s | "
      f"{x['cpu_time'] / (1e3 if x['time_unit'] == 'ms' else 1e9):.2f} s | <= 10 s |")
x = b["BM_open"]
print(f"| open .kwn ({x['file_MB']:.1f} MB, checksum verified), mean of 20 | {ms(x):.2f} ms | "
      f"{x['cpu_time'] / (1e6 if x['time_unit'] == 'ns' else 1):.2f} ms | <= 50 ms |")
for name, label, target50 in [("BM_walk_15min_bounded", "walk 15 min bounded (1,170 m)", "p50 <= 0.2 ms"),
                              ("BM_walk_one_to_all", "walk one-to-all", "p50 <= 10 ms")]:
    x = b[name]
    print(f"| {label} from 1,000 random points, p50 / p90 / p99 (mean {x['nodes_reached']:.0f} nodes reached) | "
          f"{x['p50_us']/1000:.3f} / {x['p90_us']/1000:.3f} / {x['p99_us']/1000:.3f} ms | "
          f"{x['cpu_p50_us']/1000:.3f} / {x['cpu_p90_us']/1000:.3f} / {x['cpu_p99_us']/1000:.3f} ms | {target50} |")
print()
print("Graph: " + "; ".join(s.split(None, 2)[0] + " " + s.split(None, 2)[1] + " " + s.split(None, 2)[2].strip() for s in stats.values()))
print()
print(f"Commands: `{build_cmd}` under `/usr/bin/time -v`; `{bench_cmd}` (queries checked against Boost.Graph "
      "Dijkstra before timing; each query = snap to the nearest walkable street + bounded Dijkstra).")
PY
