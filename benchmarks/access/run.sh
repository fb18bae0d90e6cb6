#!/usr/bin/env bash
# 15-minute access benchmarks on RNV (Heidelberg/Mannheim, streets only: a seeded POI file of 9 categories x 40
# POIs from benchmarks/access/gen_pois.py): every walkable street node as an origin.
#   - kwartier (access_bench, 2 threads): walk + bike, walk, walk + transit at 2016-11-08 08:00; answers checked
#     first against per-origin searches and routing::raptor (tests/access/oracle.h);
#   - the same walk + transit on a Dask LocalCluster (2 single-threaded workers), equal to one process;
#   - peer in the same run: OSMnx + NetworkX, the walk part on the same streets and POIs (answers compared).
# Prints a markdown table with the commands that produced it.
# Usage: BUILD=build/release benchmarks/access/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
DATA=${KW_SHARED_DATA_DIR:-}
if [[ -z $DATA && -f $BUILD/CMakeCache.txt ]]; then
  DATA=$(sed -n 's/^KW_SHARED_DATA_DIR:PATH=//p' "$BUILD/CMakeCache.txt")
fi
DATA=${DATA:-$(pwd)/../shared/data}
RNV=$DATA/rnv-heidelberg
THREADS=${KW_BENCH_THREADS:-2}
if [[ ! -x $BUILD/benchmarks/access/access_bench || ! -x $BUILD/bin/kwartier ]]; then
  cmake --preset release -B "$BUILD" -DKW_SHARED_DATA_DIR="$DATA" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target access_bench kwartier_cli _kwartier
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PYTHONPATH=$PWD/$BUILD/python${PYTHONPATH:+:$PYTHONPATH}

"$BUILD/bin/kwartier" network build -q --gtfs "$RNV/rnv.zip" --osm "$RNV/rnv.osm.pbf" -o "$tmp/rnv.kwn" >/dev/null
/usr/bin/python3 benchmarks/access/gen_pois.py "$tmp/rnv.kwn" -o "$tmp/pois.csv" --seed 20261128 --per-category 40 >/dev/null
# The peer's POIs sit on street nodes (jitter 0), so both sides attach them to the same node.
/usr/bin/python3 benchmarks/access/gen_pois.py "$tmp/rnv.kwn" -o "$tmp/pois-on-nodes.csv" --seed 20261128 \
  --per-category 40 --jitter-m 0 >/dev/null

bench_cmd="$BUILD/benchmarks/access/access_bench --benchmark_format=json"
KW_BENCH_KWN=$tmp/rnv.kwn KW_BENCH_POIS=$tmp/pois.csv KW_BENCH_THREADS=$THREADS $bench_cmd >"$tmp/bench.json" \
  2>"$tmp/bench.err" || { cat "$tmp/bench.err" >&2; exit 1; }
dask_cmd="benchmarks/access/bench_dask.py rnv.kwn pois.csv --date 2016-11-08 --time 08:00 --workers $THREADS"
/usr/bin/python3 benchmarks/access/bench_dask.py "$tmp/rnv.kwn" "$tmp/pois.csv" --date 2016-11-08 --time 08:00 \
  --workers "$THREADS" >"$tmp/dask.json" 2>"$tmp/dask.err" || { cat "$tmp/dask.err" >&2; exit 1; }
peer_cmd="benchmarks/access/peer_osmnx.py rnv.osm.pbf rnv.kwn pois-on-nodes.csv --threads $THREADS"
/usr/bin/python3 benchmarks/access/peer_osmnx.py "$RNV/rnv.osm.pbf" "$tmp/rnv.kwn" "$tmp/pois-on-nodes.csv" \
  --threads "$THREADS" >"$tmp/peer.json" 2>"$tmp/peer.err" || { cat "$tmp/peer.err" >&2; exit 1; }

/usr/bin/python3 - "$tmp" "$bench_cmd" "$dask_cmd" "$peer_cmd" <<'PY'
import json, sys
tmp, bench_cmd, dask_cmd, peer_cmd = sys.argv[1:]
bench = json.load(open(f"{tmp}/bench.json"))
dask = json.load(open(f"{tmp}/dask.json"))
peer = json.load(open(f"{tmp}/peer.json"))
checked = open(f"{tmp}/bench.err").read().strip().splitlines()
runs = {}
for b in bench["benchmarks"]:
    if b.get("run_type") == "iteration":
        runs.setdefault(b["run_name"].split("/")[0], []).append(b)
def best(name):
    r = runs[name]
    return min(x["real_time"] for x in r) / 1000.0, r[0]
load = open("/proc/loadavg").read().split()[0]
wb, info = best("BM_walk_bike")
w, _ = best("BM_walk")
wt, _ = best("BM_walk_transit")
n, nc, npoi, th = int(info["origins"]), int(info["categories"]), int(info["pois"]), int(info["threads"])
print(f"RNV: {n:,} street-node origins x {nc} categories ({npoi} seeded POIs), {th} threads; best of the "
      f"repetitions, wall time. Load average at the end: {load} (2 cores shared with other engineers' builds).")
print(f"Checked before timing: {checked[-1] if checked else '?'}.")
print()
print("| measure | time | target | |")
print("|---|---|---|---|")
print(f"| walk + bike, all origins x {nc} categories | {wb:.2f} s | <= 3 s | {'ok' if wb <= 3 else 'over'} |")
print(f"| walk only | {w:.2f} s | | |")
print(f"| walk + transit, 2016-11-08 08:00 | {wt:.2f} s | <= 30 s | {'ok' if wt <= 30 else 'over'} |")
print(f"| walk + transit, one process (Python, {dask['workers']} threads) | {dask['single_s']:.2f} s | | |")
print(f"| walk + transit on Dask LocalCluster ({dask['workers']} workers x 1 thread, {dask['tasks']} tasks), equal "
      f"result | {dask['dask_s']:.2f} s (overhead {dask['overhead_s']:+.2f} s; cluster start {dask['cluster_start_s']:.2f} s) | | |")
print(f"| peer: OSMnx {peer['osmnx']} + NetworkX {peer['networkx']}, walk, {nc} multi-source Dijkstras "
      f"({peer['graph_nodes']:,} nodes; graph from XML {peer['graph_s']:.0f} s, not counted) | {peer['peer_walk_s']:.2f} s | | |")
print(f"| kwartier walk on the same POIs (Python `kwartier.access.score`, same process, DataFrame included) | "
      f"{peer['kwartier_walk_s']:.2f} s | | peer / kwartier = **{peer['ratio']:.1f}x** "
      f"(peer / C++ walk above: {peer['peer_walk_s'] / w:.0f}x) |")
print()
print(f"Peer answers (walk, {peer['pois']} POIs on street nodes both graphs keep; OSMnx's simplification dropped the "
      f"nodes of {peer['pois_dropped']}): {peer['matched_origins']:,} origins matched by coordinates, "
      f"{peer['agree']*100:.2f} % of {peer['pairs']:,} (origin, category) times agree within 2 s or 1 % "
      f"(|difference| p50 {peer['diff_p50_s']:.1f} s, p90 {peer['diff_p90_s']:.1f} s, p99 {peer['diff_p99_s']:.1f} s; "
      f"reached by one side only: {peer['one_sided']:,}); within 15 min: kwartier {peer['reached_kwartier']:,}, "
      f"peer {peer['reached_peer']:,}.")
print()
print(f"Commands: `{bench_cmd}`, `{dask_cmd}`, `{peer_cmd}` (all from `benchmarks/run.sh access`).")
PY
