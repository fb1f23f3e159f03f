#!/usr/bin/env bash
# Many-exchange benchmark: a log of concatenated `curl -si` exchanges (mixed 200/401/429/500,
# a few hundred bytes each; bench/exchange_log.py), against `grep -c '^HTTP/'` on the same
# file in the same run. Measures `explain` (the last exchange), `explain --summary` and
# `explain --each --json > /dev/null` (with its output rate in MB/s): the median wall time
# of EX_RUNS runs each (the --each run: EX_EACH_RUNS), side by side in rounds, and peak RSS
# (the highest of those runs, /usr/bin/time).
#
#   bash bench/exchanges.sh            # 1 GiB (run by bench/run.sh too)
#   EX_MIB=64 bash bench/exchanges.sh  # a quick run
#
# The log lives outside the repository, in $EX_WORK (default /tmp/hike-status-bench), made
# once. grep's count goes to a file: GNU grep stops at the first match when its output is
# /dev/null.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${BIN:-$ROOT/target/release/hike-status}
EX_WORK=${EX_WORK:-/tmp/hike-status-bench}
MIB=${EX_MIB:-1024}
RUNS=${EX_RUNS:-3}
EACH_RUNS=${EX_EACH_RUNS:-1}
LOG=$EX_WORK/exchanges-${MIB}MiB.log

# Targets (issues 9 and 10): ratios to grep -c, and peak RSS.
T_EACH=12
T_LAST=3
T_SUMMARY=3
T_RSS_KIB=16384

mkdir -p "$EX_WORK"
[[ -x $BIN ]] || cargo build --release
if [[ ! -s $LOG ]]; then
    echo "generating $LOG"
    python3 bench/exchange_log.py "$LOG" "$MIB"
fi
BYTES=$(stat -c %s "$LOG")
COUNT_FILE=$EX_WORK/grep-count.txt

# run NAME CMD...: one run of CMD (its stdout to /dev/null), its wall seconds and peak RSS
# (KiB) appended to $EX_WORK/NAME.
run() {
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$EX_WORK/one" "$@" > /dev/null
    tail -1 "$EX_WORK/one" >> "$EX_WORK/$name"
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$EX_WORK/$1"; }
maxcol() { col "$1" 2 | sort -n | tail -1; }

rm -f "$EX_WORK"/{grep,last,summary,each}
for ((i = 1; i <= RUNS; i++)); do
    run grep sh -c "grep -c '^HTTP/' '$LOG' > '$COUNT_FILE'"
    run last "$BIN" explain "$LOG"
    run summary "$BIN" explain --summary "$LOG"
    if ((i <= EACH_RUNS)); then
        run each "$BIN" explain --each --json "$LOG"
    fi
done
G=$(col grep 1 | median) L=$(col last 1 | median) S=$(col summary 1 | median) E=$(col each 1 | median)
R_G=$(maxcol grep) R_L=$(maxcol last) R_S=$(maxcol summary) R_E=$(maxcol each)
# The output of --each, counted in a run of its own (a pipe, not /dev/null).
EACH_OUT=$("$BIN" explain --each --json "$LOG" | wc -c)
EXCH=$(cat "$COUNT_FILE")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
mbs() { awk -v n="$1" -v t="$2" 'BEGIN{printf "%.0f", n/t/1e6}'; }
ok() { awk -v v="$1" -v t="$2" 'BEGIN{print (v <= t) ? "PASS" : "MISS"}'; }
okr() { (($1 <= T_RSS_KIB)) && echo PASS || echo MISS; }

echo
echo "== many exchanges: $LOG ($BYTES bytes, $EXCH exchanges by grep -c '^HTTP/')"
echo "   wall medians of $RUNS runs side by side ($EACH_RUNS for --each); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s | %-9s | %-14s | %-8s | %-7s | %-10s | %s\n' measure seconds "MB/s (input)" ratio target "peak RSS" result
printf -- '-%.0s' {1..112}; echo
printf '%-40s | %-9s | %-14s | %-8s | %-7s | %-10s | %s\n' "grep -c '^HTTP/' > file" "$G" "$(mbs "$BYTES" "$G")" 1.00 - "$R_G KiB" -
row() {
    local what=$1 t=$2 target=$3 r=$4 extra=${5:-}
    local q; q=$(ratio "$t" "$G")
    printf '%-40s | %-9s | %-14s | %-8s | %-7s | %-10s | %s / RSS %s%s\n' "$what" "$t" "$(mbs "$BYTES" "$t")" "$q" "<= $target" "$r KiB" "$(ok "$q" "$target")" "$(okr "$r")" "$extra"
}
row "explain (the last exchange)" "$L" "$T_LAST" "$R_L"
row "explain --summary" "$S" "$T_SUMMARY" "$R_S"
row "explain --each --json > /dev/null" "$E" "$T_EACH" "$R_E" "; output $EACH_OUT bytes, $(mbs "$EACH_OUT" "$E") MB/s written"
echo "   plain explain no slower than --summary: $(awk -v l="$L" -v s="$S" 'BEGIN{print (l <= s) ? "PASS" : "MISS"}')"
