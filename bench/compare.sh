#!/usr/bin/env bash
# Compares two builds of hike-status, byte for byte: stdout, stderr and exit status of every
# output mode on every fixture, every fuzz regression and the benchmark inputs, and of the
# look-up commands. A behaviour-preserving change must print "same" for all of them.
#
#   bash bench/compare.sh OLD_BIN NEW_BIN            # fixtures, look-ups, a 16 MiB log, a HAR
#   COMPARE_BIG=1 bash bench/compare.sh OLD NEW      # also the 1 GiB log, the 256 MiB HAR and
#                                                    # the one-response inputs (made by
#                                                    # bench/exchanges.sh, bench/har.sh, bench/run.sh)
#   COMPARE_LIST=1 bash bench/compare.sh OLD NEW     # name every output that differs
#
# Build the old one from a commit with, for example:
#   git worktree add /tmp/old 8fed609 && cargo build --release --manifest-path /tmp/old/Cargo.toml
#
# Exit status: 0 when every output is the same, 1 when one differs (the first differences
# are shown), 2 on a usage error.
set -uo pipefail

[ $# -eq 2 ] || { echo "usage: bash bench/compare.sh OLD_BIN NEW_BIN" >&2; exit 2; }
OLD=$(realpath "$1")
NEW=$(realpath "$2")
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WORK=bench/work/compare
mkdir -p "$WORK"
NOW=2026-11-25T12:00:00Z

# Inputs beyond the fixtures: a generated log of many exchanges, a winston log and a small HAR.
LOG=$WORK/exchanges-16.log
[ -s "$LOG" ] || python3 bench/exchange_log.py "$LOG" 16
WLOG=$WORK/winston-4.log
[ -s "$WLOG" ] || python3 bench/winston_log.py "$WLOG" 4 >/dev/null
inputs=(tests/fixtures/* tests/fixtures/*/* tests/fuzz-regressions/* "$LOG" "$WLOG")
if [ "${COMPARE_BIG:-0}" = 1 ]; then
  for big in bench/work/exchanges-1024.log /tmp/hike-status-bench/*.har bench/work/input-*MiB.txt; do
    [ -s "$big" ] && inputs+=("$big")
  done
fi

modes=(
  ""
  "--json"
  "--each"
  "--each --json"
  "--summary"
  "--summary --json"
  "--exchange 1"
  "--exchange 2 --json"
  "--fail --color always"
  "--each --color always"
  "--summary --color always"
  "--host api.hikeup.com --summary --json"
  "--host 127.0.0.1 --each --json"
)

same=0
diff_count=0
check() { # label, then the command's arguments; stdin from $STDIN (default /dev/null)
  local label=$1
  shift
  local in=${STDIN:-/dev/null}
  local a b
  a=$( { "$OLD" "$@" <"$in" 2>"$WORK/old.err"; echo "exit $?"; } | sha256sum)
  a+=$(sha256sum <"$WORK/old.err")
  b=$( { "$NEW" "$@" <"$in" 2>"$WORK/new.err"; echo "exit $?"; } | sha256sum)
  b+=$(sha256sum <"$WORK/new.err")
  if [ "$a" = "$b" ]; then
    same=$((same + 1))
  else
    diff_count=$((diff_count + 1))
    if [ "${COMPARE_LIST:-0}" = 1 ]; then
      echo "DIFFERS: $label"
    elif [ $diff_count -le 10 ]; then
      echo "DIFFERS: $label"
      diff <("$OLD" "$@" <"$in" 2>&1) <("$NEW" "$@" <"$in" 2>&1) | head -8
    fi
  fi
}

for f in "${inputs[@]}"; do
  [ -f "$f" ] || continue
  for m in "${modes[@]}"; do
    # shellcheck disable=SC2086
    check "explain $f $m" explain "$f" $m --now "$NOW"
  done
  # stdin, as a pipe
  STDIN=$f check "explain < $f --each --json" explain --each --json --now "$NOW"
done

for code in $(seq 99 600) 1xx 2xx 3xx 4xx 5xx 6xx abc 42 "429,503" "401 403"; do
  check "lookup $code" "$code" --color never
  check "lookup $code --json" "$code" --json
done
check "lookup 429 color" 429 --color always
for cmd in "list" "list --all" "list --all 5xx" "list --json" "list --all --json" \
  "search rate limit" "search token" "search --json token" "search zzzz" \
  "--help" "explain --help" "list --help" "--version" "man" "completions bash"; do
  # shellcheck disable=SC2086
  check "$cmd" $cmd
done

echo "same: $same, different: $diff_count"
[ $diff_count -eq 0 ]
