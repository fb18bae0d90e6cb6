#!/usr/bin/env bash
# Builds the release preset and runs every area's benchmark script, printing the README tables.
# Usage: benchmarks/run.sh [transit|network|routing|search|access|realtime ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
areas=("$@")
((${#areas[@]})) || areas=(transit network routing search access realtime)
echo "# kwartier benchmarks — $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $(g++ --version | head -1)"
for a in "${areas[@]}"; do
  if [[ -x benchmarks/$a/run.sh ]]; then
    echo
    echo "## $a"
    BUILD=build/release benchmarks/$a/run.sh
  else
    echo "(no benchmarks/$a/run.sh)"
  fi
done
