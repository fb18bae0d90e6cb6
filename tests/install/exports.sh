#!/usr/bin/env bash
# libkwartier_c.so exports only the C ABI: every defined dynamic symbol is kw_* (the version node
# KWARTIER_C_0 aside). Usage: exports.sh path/to/libkwartier_c.so
set -euo pipefail
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
n=$(printf '%s\n' "$symbols" | grep -c '^kw_' || true)
others=$(printf '%s\n' "$symbols" | grep -v -e '^kw_' -e '^KWARTIER_C_0$' -e '^$' || true)
echo "$n kw_* symbols exported"
if [[ -n "$others" ]]; then
  echo "exported symbols that are not kw_*:"
  printf '%s\n' "$others" | head -20
  exit 1
fi
[[ $n -ge 50 ]] || { echo "too few kw_* symbols ($n): wrong library?"; exit 1; }
# every function the header declares is exported
missing=$(grep -o '^KW_API [^(]*(' "$(dirname "$0")/../../bindings/c/include/kwartier_c.h" |
          sed -E 's/.*[ *]([a-z_0-9]+)\($/\1/' | sort -u | comm -23 - <(printf '%s\n' "$symbols"))
if [[ -n "$missing" ]]; then echo "declared in kwartier_c.h but not exported: $missing"; exit 1; fi
echo "only kw_* exported, every KW_API function present"
