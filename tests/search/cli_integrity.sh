#!/usr/bin/env bash
# Search index integrity through the CLI (issue 13): a folder that is not an index is left untouched, a
# failed rebuild leaves the old index serving, a bit-flipped Xapian file and a side file from another build
# are refused with corrupt_dataset (exit 15), a tampered side file with invalid UTF-8 too, an index of the
# older format is refused (exit 16) instead of crashing, and a generation held open by a reader survives a
# rebuild and is removed by a later one.
# Usage: cli_integrity.sh KWARTIER SEARCH_TAMPER CATALOGUE_DIR [REPRO_DIR]
set -uo pipefail
KW=$1
TAMPER=$2
CAT=$3
REPRO=${4:-}
W=$(mktemp -d "${TMPDIR:-/tmp}/kw-cli-integrity.XXXXXX")
trap 'rm -rf "$W"' EXIT
fails=0
check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
top() {  # first answer id of a JSON query result
  "$KW" search query "$1" "$2" --lang nl,fr --format json 2>/dev/null |
    /usr/bin/python3 -c 'import json,sys; h=json.load(sys.stdin)["hits"]; print(h[0]["id"] if h else "")'
}
gen_of() { ls -d "$1"/gen-* | head -1; }

# 1. a folder holding a stray side.kwd and the user's files is refused and left as it was
mkdir -p "$W/stray"
: >"$W/stray/side.kwd"
echo keep >"$W/stray/notes.txt"
"$KW" search build "$CAT" -o "$W/stray" >/dev/null 2>"$W/stray.err"
rc=$?
check "stray side.kwd: exit 11 (invalid_argument)" test "$rc" -eq 11
check "stray side.kwd: files untouched" test -f "$W/stray/side.kwd" -a "$(cat "$W/stray/notes.txt")" = keep -a \
  "$(ls -A "$W/stray" | wc -l)" -eq 2
check "stray side.kwd: message says why" grep -q "not a kwartier search index" "$W/stray.err"

# 2. a rebuild that fails (file size limit, like a full disk) leaves the old index serving
"$KW" search build -q "$CAT" -o "$W/idx" >/dev/null 2>&1 || "$KW" search build "$CAT" -o "$W/idx" >/dev/null
before=$(top "$W/idx" identiteitskaart)
check "index answers identiteitskaart" test -n "$before"
(
  trap '' XFSZ
  ulimit -f 8
  "$KW" search build "$CAT" -o "$W/idx" >/dev/null 2>"$W/failed.err"
)
rc=$?
check "rebuild under a file size limit fails (exit $rc)" test "$rc" -ne 0
check "old index still answers the same" test "$(top "$W/idx" identiteitskaart)" = "$before"
check "failed generation removed" test "$(ls -d "$W/idx"/gen-* | wc -l)" -eq 1

# 3. one flipped bit in termlist.glass: refused at open (exit 15), no crash with --explain
cp -r "$W/idx" "$W/flip"
tl="$(gen_of "$W/flip")/xapian/termlist.glass"
size=$(stat -c %s "$tl")
off=$((size / 2))
b=$(od -An -tu1 -j "$off" -N1 "$tl" | tr -d ' ')
printf "$(printf '\\%03o' $((b ^ 8)))" | dd of="$tl" bs=1 seek="$off" conv=notrunc status=none
"$KW" search query "$W/flip" identiteitskaart --lang nl,fr --explain >/dev/null 2>"$W/flip.err"
rc=$?
check "bit-flipped Xapian file: exit 15 (corrupt_dataset)" test "$rc" -eq 15
check "bit-flipped Xapian file: names the file" grep -q "termlist.glass" "$W/flip.err"

# 4. the side file of another build with the same document count: refused
cp -r "$W/idx" "$W/other"
"$KW" search build "$CAT" -o "$W/other" >/dev/null 2>&1
cp -r "$W/idx" "$W/mix"
cp "$(gen_of "$W/other")/side.kwd" "$(gen_of "$W/mix")/side.kwd"
"$KW" search query "$W/mix" identiteitskaart >/dev/null 2>"$W/mix.err"
rc=$?
check "side file of another build: exit 15" test "$rc" -eq 15

# 5. a side file whose text is not UTF-8 (checksum fixed up): refused, never invalid JSON
cp -r "$W/idx" "$W/utf8"
"$TAMPER" "$(gen_of "$W/utf8")/side.kwd" "Elektronische identiteitskaart"
check "tamper helper ran" test $? -eq 0
"$KW" search query "$W/utf8" identiteitskaart --format json >"$W/utf8.out" 2>"$W/utf8.err"
rc=$?
check "invalid UTF-8 side file: exit 15" test "$rc" -eq 15
check "invalid UTF-8 side file: message" grep -q "UTF-8" "$W/utf8.err"
check "invalid UTF-8 side file: nothing on stdout" test ! -s "$W/utf8.out"

# 6. a generation held by a reader (the shared lock index::open takes) survives a rebuild; the next
# build after the reader is gone removes it
held=$(gen_of "$W/idx")
/usr/bin/python3 -c 'import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_SH)
time.sleep(60)' "$held" &
reader=$!
sleep 0.3
"$KW" search build "$CAT" -o "$W/idx" >/dev/null 2>&1
check "held generation kept after a rebuild" test -d "$held"
check "rebuilt index answers" test "$(top "$W/idx" identiteitskaart)" = "$before"
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
"$KW" search build "$CAT" -o "$W/idx" >/dev/null 2>&1
check "released generation removed by the next build" test ! -d "$held"
check "one generation left" test "$(ls -d "$W/idx"/gen-* | wc -l)" -eq 1

# 7. the repro index of the older format (bit-flipped): refused as incompatible, no SIGSEGV
if [[ -n $REPRO && -d $REPRO ]]; then
  cp -r "$REPRO" "$W/repro"
  "$KW" search query "$W/repro" identiteitskaart --lang nl,fr --explain >/dev/null 2>"$W/repro.err"
  rc=$?
  check "repro (old format, bit flip): exit 16 (incompatible_dataset), no crash" test "$rc" -eq 16
fi

# 8. update by id: delete one document, a missing id and an existing id are refused with the index unchanged
"$KW" search build "$CAT" -o "$W/upd" >/dev/null 2>&1
gen_before=$(gen_of "$W/upd")
"$KW" search update "$W/upd" --delete no-such-id >/dev/null 2>"$W/upd.err"
rc=$?
check "update deleting a missing id: exit 13 (not_found)" test "$rc" -eq 13
check "update deleting a missing id: names it" grep -q "no-such-id" "$W/upd.err"
"$KW" search update "$W/upd" --add "$CAT" >/dev/null 2>"$W/upd2.err"
rc=$?
check "update adding existing ids: exit 11 (invalid_argument)" test "$rc" -eq 11
check "refused updates leave the generation" test "$(gen_of "$W/upd")" = "$gen_before"
printf '%s\n' '{"id":"kw-new-nl","lang":"nl","title":"Hondenbelasting","body":"Belasting op honden betalen."}' >"$W/new.jsonl"
"$KW" search update "$W/upd" --add "$W/new.jsonl" --delete kw-idcard-nl --format json >"$W/upd.json" 2>/dev/null
rc=$?
check "update: exit 0" test "$rc" -eq 0
check "update: counts" grep -q '"added":1,"replaced":0,"removed":1' "$W/upd.json"
check "update: new document answers" test "$(top "$W/upd" hondenbelasting)" = kw-new-nl
check "update: deleted document gone" test "$(top "$W/upd" identiteitskaart)" != kw-idcard-nl

echo "$fails failed"
exit $((fails != 0))
