#!/usr/bin/env bash
# Application-log benchmark: a log of winston JSON records (bench/winston_log.py: calls with
# status 200/401/422/429, one record in four an info line with no status), against
# `grep -c '"status"'` on the same file in the same run. Measures `explain --summary` (the
# median wall time of AL_RUNS runs each, side by side) and its peak RSS (/usr/bin/time, the
# highest of AL_RUNS runs).
#
#   bash bench/applog.sh             # 1 GiB
#   AL_MIB=64 bash bench/applog.sh   # a quick run
#
# The log lives outside the repository, in $AL_WORK (default /tmp/hike-status-bench), made
# once. grep's output goes to a pipe: GNU grep stops at the first match when its output is
# /dev/null.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${BIN:-$ROOT/target/release/hike-status}
AL_WORK=${AL_WORK:-/tmp/hike-status-bench}
MIB=${AL_MIB:-1024}
RUNS=${AL_RUNS:-3}
LOG=$AL_WORK/winston-${MIB}MiB.log
T_SUMMARY=4
T_RSS_KIB=16384

mkdir -p "$AL_WORK"
[ -s "$LOG" ] || python3 bench/winston_log.py "$LOG" "$MIB"
[ -x "$BIN" ] || cargo build --release --manifest-path "$ROOT/Cargo.toml"
JSON=$AL_WORK/applog-hyperfine.json
hyperfine -N --output=pipe -w 1 -r "$RUNS" --export-json "$JSON" \
    "grep -c '\"status\"' $LOG" \
    "$BIN explain $LOG --summary --now 2026-12-06T12:00:00Z" >/dev/null
read -r grep_s sum_s <<<"$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(*(x["median"] for x in r))' "$JSON")"
rss=0
for _ in $(seq "$RUNS"); do
    k=$( { /usr/bin/time -f %M "$BIN" explain "$LOG" --summary >/dev/null; } 2>&1 | tail -1)
    ((k > rss)) && rss=$k
done
python3 - "$grep_s" "$sum_s" "$rss" "$T_SUMMARY" "$T_RSS_KIB" "$MIB" <<'PY'
import sys
g, s, rss, t, trss, mib = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
ratio = s / g
print(f"winston JSON log, {mib} MiB")
print(f"| grep -c '\"status\"' | {g:.3f} s | 1.00 | |")
print(f"| explain --summary | {s:.3f} s | {ratio:.2f} | <= {t:g}: {'PASS' if ratio <= t else 'FAIL'} |")
print(f"| peak RSS, explain --summary | {rss} KiB | | <= {trss}: {'PASS' if rss <= trss else 'FAIL'} |")
PY
