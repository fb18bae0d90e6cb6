#!/usr/bin/env bash
# Routing benchmarks on the RNV pair (Heidelberg/Mannheim), single-threaded, every answer checked first:
#   RAPTOR earliest arrival with Pareto rounds, stop to stop (1,000 seeded queries, each whole Pareto front
#   equal to the connection-scan oracle's before timing), arrive-by (300), range RAPTOR 07:00-08:00 each minute
#   from one origin to all stops (100 origins; rows checked against single queries), coordinate journeys;
#   peer in the same run: raptor-journey-planner 2.2.3 (npm) on the same 1,000 queries; travel-time matrices
#   (matrix_bench: walk 1,000 x 1,000 on the contraction hierarchy and walk + transit 1,000 x 1,000 at 08:00,
#   1 and 2 threads, cells checked against one-to-one queries first).
# Prints a markdown table with the commands that produced it.
# Usage: BUILD=build/release benchmarks/routing/run.sh      (default BUILD=build/routing-rel)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/routing-rel}
DATA=${KW_SHARED_DATA_DIR:-$(pwd)/../shared/data}
if [[ ! -x $BUILD/benchmarks/routing/raptor_bench || ! -x $BUILD/benchmarks/routing/matrix_bench ]]; then
  cmake --preset release -B "$BUILD" -DKW_SHARED_DATA_DIR="$DATA" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target raptor_bench matrix_bench
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- RAPTOR (kwartier)
bench_cmd="$BUILD/benchmarks/routing/raptor_bench --benchmark_format=json"
KW_SHARED_DATA_DIR=$DATA KW_BENCH_KWN=$tmp/rnv.kwn KW_BENCH_QUERIES=$tmp/queries.csv \
  KW_BENCH_FOOTPATHS=$tmp/footpaths.csv $bench_cmd >"$tmp/raptor.json" 2>"$tmp/raptor.err" || {
  cat "$tmp/raptor.err" >&2
  exit 1
}

# ---- peer: raptor-journey-planner 2.2.3 from npm, same queries (installed into the build tree)
peer_dir=$BUILD/peers/raptor-journey-planner
peer_plain=$tmp/peer_plain.json
peer_fp=$tmp/peer_footpaths.json
# node and npm come from scripts/install-deps (run by benchmarks/run.sh); without them the peer row is missing,
# so stop instead of printing a table without it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "benchmarks/routing: node and npm are needed for the raptor-journey-planner peer: run scripts/install-deps" >&2
  exit 1
fi
{
  mkdir -p "$peer_dir"
  cp benchmarks/peers/raptor-journey-planner/package.json benchmarks/peers/raptor-journey-planner/bench.js "$peer_dir/"
  [[ -d $peer_dir/node_modules/raptor-journey-planner ]] || (cd "$peer_dir" && npm install --no-audit --no-fund --silent >/dev/null)
  mkdir -p "$tmp/rnv-gtfs"
  unzip -q -o "$DATA/rnv-heidelberg/rnv.zip" -d "$tmp/rnv-gtfs"
  TZ=UTC node "$peer_dir/bench.js" "$tmp/rnv-gtfs" "$tmp/queries.csv" >"$peer_plain"
  TZ=UTC node "$peer_dir/bench.js" "$tmp/rnv-gtfs" "$tmp/queries.csv" "$tmp/footpaths.csv" >"$peer_fp"
}

/usr/bin/python3 - "$tmp/raptor.json" "$peer_plain" "$peer_fp" "$bench_cmd" <<'PY'
import json, sys
bench = json.load(open(sys.argv[1]))
plain, fp = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
cmd = sys.argv[4]
b = {x["name"].split("/")[0]: x for x in bench["benchmarks"]}
load = open("/proc/loadavg").read().split()[0]
print(f"Load average during the run: {load} (2 cores, shared). Wall p50/p90/p99 per query; CPU = thread CPU time.")
print()
print("| measure (RNV, single thread) | p50 | p90 | p99 | CPU p50 / p99 | checked | target |")
print("|---|---|---|---|---|---|---|")
def row(name, label, target, check):
    x = b[name]
    ms = lambda k: x[k] / 1000.0
    print(f"| {label} | {ms('p50_us'):.3f} ms | {ms('p90_us'):.3f} ms | {ms('p99_us'):.3f} ms | "
          f"{ms('cpu_p50_us'):.3f} / {ms('cpu_p99_us'):.3f} ms | {check(x)} | {target} |")
row("BM_earliest_arrival_pareto", "earliest arrival + Pareto rounds, stop to stop, 1,000 queries",
    "p50 <= 1 ms, p99 <= 5 ms",
    lambda x: f"{x['differing']:.0f} of 1,000 fronts differ from the oracle ({x['reached']:.0f} reached, "
              f"{x['pareto_per_query']:.2f} journeys/query)")
row("BM_arrive_by_pareto", "arrive-by + Pareto rounds, 300 queries", "",
    lambda x: f"{x['differing']:.0f} of 300 differ from the backward oracle")
row("BM_range_60min_all_stops", "range RAPTOR 07:00-08:00 each minute, one origin -> all stops, 100 origins",
    "<= 100 ms", lambda x: f"rows = single queries (3 origins x 60 min); {x['stops_reached']:.0f} stops reached at 07:00")
row("BM_route_coordinates", "journeys coordinate -> coordinate (walk access/egress, tightened legs), 200 queries",
    "", lambda x: f"{x['journeys_per_query']:.2f} journeys/query")
print()
def peer(label, p):
    if not p:
        print(f"| {label} | (node/npm not available) | | |")
        return
    n = p["queries"]
    later = p["later"] + p["missing"]
    print(f"| {label} | {p['p50_ms']:.1f} / {p['p90_ms']:.1f} / {p['p99_ms']:.1f} ms | "
          f"{later} of {n} ({100.0 * later / n:.1f}%): {p['later']} later, {p['missing']} none where the oracle has one | "
          f"{p['equal']} equal, {p['earlier']} earlier, {p['extra']} found where the oracle has none |")
print("| peer, same 1,000 queries | p50 / p90 / p99 | later than the oracle | other |")
print("|---|---|---|---|")
peer("raptor-journey-planner 2.2.3, GTFS as loaded by the package (no footpaths: RNV has no transfers.txt)", plain)
peer(f"raptor-journey-planner 2.2.3 given the same data as kwartier: its {fp.get('footpaths', 0):,} footpaths as "
     f"transfers and every service ({fp.get('trips', 0):,} trips)", fp)
print()
print(f"Commands: `{cmd}` (queries checked against tests/routing/raptor_oracle.h before timing); the peer: "
      "`TZ=UTC node benchmarks/peers/raptor-journey-planner/bench.js rnv-gtfs/ queries.csv [footpaths.csv]` "
      f"({plain.get('node', '?')}; it loads {plain.get('trips', 0):,} trips: its loader makes services from "
      "calendar.txt rows only, so trips of calendar_dates-only services are left out), on the queries and "
      "footpaths the kwartier run wrote. Later = arrives later than the oracle's earliest arrival, or finds "
      "nothing where the oracle finds a journey within 24 h.")
PY

# ---- travel-time matrices (kwartier)
matrix_cmd="$BUILD/benchmarks/routing/matrix_bench --benchmark_format=json"
KW_SHARED_DATA_DIR=$DATA KW_BENCH_MATRIX_KWN=$tmp/rnv_ch.kwn $matrix_cmd >"$tmp/matrix.json" 2>"$tmp/matrix.err" || {
  cat "$tmp/matrix.err" >&2
  exit 1
}
/usr/bin/python3 - "$tmp/matrix.json" "$matrix_cmd" <<'PY'
import json, sys
bench = json.load(open(sys.argv[1]))
b = {x["name"]: x for x in bench["benchmarks"]}
print()
load = open("/proc/loadavg").read().split()[0]
print(f"Load average during the run: {load} (2 cores, shared). CPU = CPU time of all the process's threads.")
print()
print("| matrix (RNV, 1,000 x 1,000 seeded points) | threads | wall | CPU | cells reached | checked | target |")
print("|---|---|---|---|---|---|---|")
def row(name, label, target, check):
    x = b[name]
    print(f"| {label} | {x['threads']:.0f} | {x['real_time']:.1f} ms | {x['process_cpu_ms']:.1f} ms | "
          f"{x['reached']:,.0f} of {x['cells']:,.0f} | {check(x)} | {target} |")
for t in (1, 2):
    row(f"BM_walk_matrix_ch/{t}/iterations:5/real_time", "walk, contraction hierarchy (bucket many-to-many), 24 h budget",
        "<= 100 ms", lambda x: f"{x['differing']:.0f} of 25,000 cells differ from street_to")
row("BM_walk_matrix_plain_100/1/iterations:1/real_time", "walk, one street search per origin (100 x 1,000 only)",
    "", lambda x: f"{x['differing']:.0f} of 100,000 cells differ from the hierarchy's")
for t in (1, 2):
    row(f"BM_transit_matrix/{t}/iterations:1/real_time", "walk + transit at 08:00 (Tue 2016-11-15), 2 h budget",
        "<= 5 s on 2 cores", lambda x: f"{x['differing']:.0f} of 1,000 cells differ from raptor() + direct walk")
t1 = b["BM_transit_matrix/1/iterations:1/real_time"]["real_time"]
t2 = b["BM_transit_matrix/2/iterations:1/real_time"]["real_time"]
w1 = b["BM_walk_matrix_ch/1/iterations:5/real_time"]["real_time"]
w2 = b["BM_walk_matrix_ch/2/iterations:5/real_time"]["real_time"]
print()
print(f"Thread speed-up (1 -> 2 threads): walk x{w1 / w2:.2f}, walk + transit x{t1 / t2:.2f}. Command: `{sys.argv[2]}`.")
PY

# ---- isochrones (their own script, so they also run alone)
echo
BUILD=$BUILD benchmarks/routing/isochrone.sh
