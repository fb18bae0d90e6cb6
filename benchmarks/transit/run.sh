#!/usr/bin/env bash
# GTFS load + build and .kwt open, with the references measured in the same run: `unzip -p` of the feed
# and pandas reading every table as strings. Prints a markdown table (median of 5 runs for the one-shot
# process measurements). Usage: BUILD=build/release benchmarks/transit/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/transit-rel}
DATA=${KW_SHARED_DATA_DIR:-$(cd .. && pwd)/shared/data}
RNV=$DATA/rnv-heidelberg/rnv.zip
NMBS=$DATA/sncb-gtfs-2019-10/sncb-13-october.zip
PEAK=$BUILD/benchmarks/transit/transit_peak
BENCH=$BUILD/benchmarks/transit/transit_bench
PY=/usr/bin/python3

# Trips and stop times of each feed (its SOURCE.md); transit_peak fails a run that builds anything else.
RNV_COUNTS=20636,424266
NMBS_COUNTS=17776,265371

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# median wall seconds and max peak MB of 5 runs of a command printing "secs mb ..."
five() {
  local out s m
  out=$(for _ in 1 2 3 4 5; do "$@" || exit 1; done) || { echo "failed: $*" >&2; exit 1; }
  s=$(echo "$out" | awk '{print $1}' | median)
  m=$(echo "$out" | awk '{print $2}' | sort -g | tail -1)
  echo "$s $m"
}
timed() {  # "secs peak_mb" of an external command, from GNU time
  /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%s %.1f\n", $1, $2/1024}'
}

# (not `read < <(five ...)`: a failure inside a process substitution would not stop the script)
r=$(five "$PEAK" "$RNV" --expect "$RNV_COUNTS"); read -r rnv_s rnv_mb <<<"$r"
r=$(five "$PEAK" "$NMBS" --expect "$NMBS_COUNTS"); read -r nmbs_s nmbs_mb <<<"$r"
r=$(five timed sh -c "unzip -p '$RNV' > /dev/null"); read -r unzip_s unzip_mb <<<"$r"
r=$(five timed sh -c "unzip -p '$NMBS' > /dev/null"); read -r unzip_n_s unzip_n_mb <<<"$r"
r=$(five $PY benchmarks/transit/pandas_reference.py "$RNV"); read -r pd_s pd_mb <<<"$r"
r=$(five $PY benchmarks/transit/pandas_reference.py "$NMBS"); read -r pd_n_s pd_n_mb <<<"$r"

json=$("$BENCH" --benchmark_format=json 2>/dev/null)
# a benchmark whose check failed (SkipWithError) or is missing stops the script
get() { echo "$json" | $PY -c "import json,sys; b={x['name'].split('/min_time')[0]:x for x in json.load(sys.stdin)['benchmarks']}; x=b['$1']; x.get('error_occurred') and sys.exit('$1: ' + x.get('error_message', 'failed')); print('%.1f' % x['real_time'])"; }
lb_rnv=$(get BM_LoadBuild/rnv)
lb_nmbs=$(get BM_LoadBuild/nmbs)
lo_rnv=$(get BM_LoadOnly/rnv)
open_rnv=$(get BM_Open/rnv)
open_nmbs=$(get BM_Open/nmbs)

ms() { awk -v s="$1" 'BEGIN {printf "%.0f", s * 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a / b}'; }
echo
echo "Command: \`BUILD=$BUILD benchmarks/transit/run.sh\` on $(nproc) cores; GTFS load + validate + timetable build."
echo
echo "| measurement | RNV (424k stop_times) | NMBS (265k stop_times) | target |"
echo "|---|---|---|---|"
echo "| kwartier load+build, Google Benchmark mean | ${lb_rnv} ms | ${lb_nmbs} ms | |"
echo "| kwartier load only (RNV) | ${lo_rnv} ms | | |"
echo "| kwartier load+build, fresh process (median of 5) | $(ms "$rnv_s") ms | $(ms "$nmbs_s") ms | RNV <= 5x unzip |"
echo "| kwartier peak RSS during load+build | ${rnv_mb} MB | ${nmbs_mb} MB | <= 200 MB |"
echo "| reference \`unzip -p feed.zip > /dev/null\` | $(ms "$unzip_s") ms | $(ms "$unzip_n_s") ms | |"
echo "| reference pandas read_csv(dtype=str), all tables | $(ms "$pd_s") ms, ${pd_mb} MB | $(ms "$pd_n_s") ms, ${pd_n_mb} MB | kwartier faster |"
echo "| kwartier / unzip | $(ratio "$rnv_s" "$unzip_s") | $(ratio "$nmbs_s" "$unzip_n_s") | <= 5x |"
echo "| kwartier / pandas | $(ratio "$rnv_s" "$pd_s") | $(ratio "$nmbs_s" "$pd_n_s") | < 1x |"
echo "| open built .kwt (mmap + checksum + validation) | ${open_rnv} ms | ${open_nmbs} ms | <= 20 ms |"
