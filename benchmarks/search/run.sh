#!/usr/bin/env bash
# Search benchmarks: quality table (search_quality) and speed table (search_bench), as markdown.
# Usage: BUILD=build/release benchmarks/search/run.sh     (run from the repository root)
set -euo pipefail
BUILD=${BUILD:-build/release}
SYN=${KW_SEARCH_SYNTHETIC:-$BUILD/search-synthetic-100k.jsonl}
if [[ ! -s $SYN ]]; then
  python3 benchmarks/search/gen_synthetic.py 100000 "$SYN" --seed 42
fi
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
json=$(mktemp)
KW_SEARCH_SYNTHETIC=$SYN "$BUILD/benchmarks/search/search_bench" --benchmark_format=json --benchmark_out="$json" \
  --benchmark_out_format=json >/dev/null 2>&1 || true
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
    else:
        thr = b.get("items_per_second", 0)
        threads = b.get("threads", 1)
        print(f"| query {name.split('/')[1]} ({threads} thread{'s' if threads > 1 else ''}) | | | "
              f"{b.get('p50_us', 0)/1000:.3f} ms | {b.get('p99_us', 0)/1000:.3f} ms | {thr:,.0f} queries/s |")
PY
rm -f "$json"
