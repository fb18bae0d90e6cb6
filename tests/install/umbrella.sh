#!/usr/bin/env bash
# include/kwartier/kwartier.h names every public header under include/kwartier/<module>/.
set -euo pipefail
src=$1
missing=0
for h in $(cd "$src/include" && ls kwartier/*/*.h); do
  if ! grep -q "^#include \"$h\"" "$src/include/kwartier/kwartier.h"; then
    echo "include/kwartier/kwartier.h does not include $h: add it in its module's group"
    missing=1
  fi
done
exit $missing
