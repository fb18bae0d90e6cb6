#!/usr/bin/env bash
# Search benchmarks: quality table (search_quality) and speed table (search_bench), as markdown.
# Usage: BUILD=build/release benchmarks/search/run.sh     (run from the repository root)
# Fails (non-zero exit) when a benchmark fails or its answer check fails. Indexes go to a fresh temporary
# folder that is removed on exit, so two runs never collide and nothing is left behind.
set -euo pipefail
BUILD=${BUILD:-build/release}
SYN=${KW_SEARCH_SYNTHETIC:-$BUILD/search-synthetic-100k.jsonl}
if [[ ! -s $SYN ]]; then
  /usr/bin/python3 benchmarks/search/gen_synthetic.py 100000 "$SYN" --seed 42
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/kw-search-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work

# Peers: MiniSearch and Orama (npm, pinned versions) installed into the build tree, run by Node on the documents
# and queries search_quality exports; search_quality scores their answers beside kwartier's and the baselines'.
PEER_PACKAGES=(minisearch@7.2.0 @orama/orama@3.1.18)
peer_dir=$BUILD/search-peers
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are needed for the MiniSearch and Orama peers (scripts/install-deps installs them)" >&2
  exit 1
fi
if [[ ! -f $peer_dir/node_modules/minisearch/package.json || ! -f $peer_dir/node_modules/@orama/orama/package.json ]]; then
  mkdir -p "$peer_dir"
  npm install --prefix "$peer_dir" --no-audit --no-fund --loglevel=error "${PEER_PACKAGES[@]}" >&2
fi
"$BUILD/benchmarks/search/search_quality" --export "$work/peers" >/dev/null
node benchmarks/search/peers.mjs "$work/peers" "$peer_dir/node_modules" 2>"$work/peers.err" || {
  cat "$work/peers.err" >&2
  exit 1
}

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start (other jobs share it)."
echo
echo "### Search quality"
echo
echo "Command: \`$BUILD/benchmarks/search/search_quality --peers DIR\` (DIR: \`search_quality --export DIR\`, then \`node benchmarks/search/peers.mjs DIR $peer_dir/node_modules\` with ${PEER_PACKAGES[*]})"
echo
"$BUILD/benchmarks/search/search_quality" --peers "$work/peers"
echo
echo "### Search speed"
echo
echo "Command: \`KW_SEARCH_SYNTHETIC=$SYN $BUILD/benchmarks/search/search_bench\` (synthetic: \`gen_synthetic.py 100000 --seed 42\`)"
echo
json=$work/bench.json
if ! KW_SEARCH_SYNTHETIC=$SYN "$BUILD/benchmarks/search/search_bench" --benchmark_out="$json" \
  --benchmark_out_format=json >"$work/bench.out" 2>"$work/bench.err"; then
  echo "search_bench failed:" >&2
  cat "$work/bench.err" >&2
  exit 1
fi
/usr/bin/python3 - "$json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("| benchmark | documents | time | p50 | p99 | CPU p50 / p99 | throughput |")
print("|---|---|---|---|---|---|---|")
for b in d["benchmarks"]:
    if b.get("error_occurred"):
        print(f"| {b['name']} | - | skipped: {b.get('error_message','')} | | | | |")
        continue
    name = b["name"]
    if name.startswith("build_bench"):
        print(f"| index build {name.split('/')[1]} | {int(b.get('documents', 0))} | {b['real_time']/1000:.2f} s wall, "
              f"{b.get('cpu_s', 0):.2f} s CPU | | | | |")
    elif name.startswith("open_bench"):
        print(f"| index open (verified) {name.split('/')[1]} | {int(b.get('documents', 0))} | {b['real_time']:.1f} ms | | | | |")
    else:
        thr = b.get("items_per_second", 0)
        threads = b.get("threads", 1)
        print(f"| query {name.split('/')[1]} ({threads} thread{'s' if threads > 1 else ''}) | | | "
              f"{b.get('p50_us', 0)/1000:.3f} ms | {b.get('p99_us', 0)/1000:.3f} ms | "
              f"{b.get('cpu_p50_us', 0)/1000:.3f} / {b.get('cpu_p99_us', 0)/1000:.3f} ms | {thr:,.0f} queries/s |")
PY
echo
echo "p50/p99 are per-thread percentiles averaged over the threads (wall time; CPU: the querying thread's CPU time, which other jobs on the machine do not inflate); every query's answer was checked first."
# A whole build as users run it (catalogue loading included), in a process of its own: wall and CPU time, peak
# memory. The kwartier command allocates through jemalloc (KW_JEMALLOC); search_build, a plain library user
# like the Python module, through the C library's malloc, and prints its time per stage.
echo
echo "Command: \`/usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB' $BUILD/bin/kwartier search build $SYN -o INDEX\`"
echo
/usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$BUILD/bin/kwartier" search build "$SYN" -o "$work/cli-index" -q >/dev/null
read -r secs user sys kb <"$work/time.txt"
echo "| CLI build | documents | wall time | CPU time (user + sys) | peak memory (RSS) |"
echo "|---|---|---|---|---|"
echo "| $(basename "$SYN") | $(wc -l <"$SYN") | ${secs} s | ${user} + ${sys} s | $((kb / 1024)) MB |"
echo
echo "Command: \`$BUILD/benchmarks/search/search_build build INDEX $SYN\` (stages; C library malloc)"
echo
"$BUILD/benchmarks/search/search_build" build "$work/lib-index" "$SYN"
# The two builds hold the same index content
d1=$("$BUILD/benchmarks/search/search_build" digest "$work/cli-index")
d2=$("$BUILD/benchmarks/search/search_build" digest "$work/lib-index")
if [[ $d1 != "$d2" ]]; then
  echo "the two builds of $SYN differ: $d1 / $d2" >&2
  exit 1
fi
echo
echo "Index content of both builds: $d1"
