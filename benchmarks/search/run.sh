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

echo "### Search quality"
echo
echo "Command: \`$BUILD/benchmarks/search/search_quality\`"
echo
"$BUILD/benchmarks/search/search_quality"
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
print("| benchmark | documents | time | p50 | p99 | throughput |")
print("|---|---|---|---|---|---|")
for b in d["benchmarks"]:
    if b.get("error_occurred"):
        print(f"| {b['name']} | - | skipped: {b.get('error_message','')} | | | |")
        continue
    name = b["name"]
    if name.startswith("build_bench"):
        print(f"| index build {name.split('/')[1]} | {int(b.get('documents', 0))} | {b['real_time']/1000:.2f} s | | | |")
    elif name.startswith("open_bench"):
        print(f"| index open (verified) {name.split('/')[1]} | {int(b.get('documents', 0))} | {b['real_time']:.1f} ms | | | |")
    else:
        thr = b.get("items_per_second", 0)
        threads = b.get("threads", 1)
        print(f"| query {name.split('/')[1]} ({threads} thread{'s' if threads > 1 else ''}) | | | "
              f"{b.get('p50_us', 0)/1000:.3f} ms | {b.get('p99_us', 0)/1000:.3f} ms | {thr:,.0f} queries/s |")
PY
echo
echo "p50/p99 are per-thread percentiles averaged over the threads; every query's answer was checked first."
# Peak memory of a whole build as users run it (catalogue loading included), in a process of its own.
echo
echo "Command: \`/usr/bin/time -f '%e s %M KB' $BUILD/bin/kwartier search build $SYN -o INDEX\`"
echo
/usr/bin/time -f '%e %M' -o "$work/time.txt" "$BUILD/bin/kwartier" search build "$SYN" -o "$work/cli-index" >/dev/null
read -r secs kb <"$work/time.txt"
echo "| CLI build | documents | wall time | peak memory (RSS) |"
echo "|---|---|---|---|"
echo "| $(basename "$SYN") | $(wc -l <"$SYN") | ${secs} s | $((kb / 1024)) MB |"
