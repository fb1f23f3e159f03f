#!/usr/bin/env bash
# --summary's windows, timeline and chart against the build before them, side by side in one
# run: on a log of concatenated `curl -si` exchanges (bench/exchange_log.py), rounds of
# `grep -c '^HTTP/'`, the old build's `explain --summary` and this build's, each round all
# three; the median wall time of each, its ratio to grep, the median CPU time (user + sys,
# steadier than the wall on a loaded machine) and its ratio, and the peak RSS.
# Then the start-up of `hike-status plan 5000` against the one-line baseline, in alternating
# pairs (bench/pairs.rs), with `hike-status 429` beside it for reference.
#
#   OLD=/tmp/base/hike-status bash bench/summary.sh        # 64 MiB, 5 rounds
#   SUM_MIB=1024 SUM_RUNS=3 bash bench/summary.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${BIN:-$ROOT/target/release/hike-status}
OLD=${OLD:-/tmp/base/hike-status}
WORK=${SUM_WORK:-/tmp/hike-status-bench}
MIB=${SUM_MIB:-64}
RUNS=${SUM_RUNS:-5}
PAIRS=${SUM_PAIRS:-2000}
LOG=$WORK/exchanges-${MIB}MiB.log

mkdir -p "$WORK"
[[ -s $LOG ]] || python3 bench/exchange_log.py "$LOG" "$MIB"

# one NAME CMD...: one run of CMD, stdout to /dev/null; appends "wall_s peak_rss_kib cpu_s"
# to $WORK/sum-NAME: the peak RSS as /usr/bin/time reports it, the CPU (user + sys) to the
# microsecond from wait4, as /usr/bin/time's 10 ms steps are too coarse here.
one() {
    local name=$1; shift
    python3 - "$WORK/sum-rss" "$@" >> "$WORK/sum-$name" <<'PY'
import os, subprocess, sys, time
start = time.monotonic()
rss = sys.argv[1]
p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss] + sys.argv[2:],
                     stdout=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
wall = time.monotonic() - start
assert os.waitstatus_to_exitcode(status) in (0, 4, 5), sys.argv
kib = open(rss).read().split()[-1]
print(f"{wall:.4f} {kib} {ru.ru_utime + ru.ru_stime:.4f}")
PY
}
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$WORK/sum-$1"; }
cpu() { awk '{print $3}' "$WORK/sum-$1"; }

rm -f "$WORK"/sum-{grep,old,new}
for ((i = 1; i <= RUNS; i++)); do
    one grep sh -c "grep -c '^HTTP/' '$LOG' > '$WORK/sum-count'"
    one old "$OLD" explain --summary "$LOG"
    one new "$BIN" explain --summary "$LOG"
done
G=$(col grep 1 | median)
GC=$(cpu grep | median)
echo "== explain --summary on $LOG ($(stat -c %s "$LOG") bytes, $(cat "$WORK/sum-count") exchanges)"
echo "   $RUNS rounds side by side; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s | %-11s | %-40s | %-7s | %-10s | %-7s | %s\n' run "wall (med)" "each round" "× grep" "CPU (med)" "× grep" "peak RSS (KiB)"
for n in grep old new; do
    m=$(col $n 1 | median)
    c=$(cpu $n | median)
    printf '%-5s | %-11s | %-40s | %-7s | %-10s | %-7s | %s\n' "$n" "$m" "$(col $n 1 | tr '\n' ' ')" \
        "$(awk -v a="$m" -v b="$G" 'BEGIN{printf "%.2f", a/b}')" "$c" \
        "$(awk -v a="$c" -v b="$GC" 'BEGIN{printf "%.2f", a/b}')" "$(col $n 2 | sort -n | tail -1)"
done

rustc --edition 2021 -C opt-level=3 -o "$WORK/sum-baseline" bench/baseline.rs
rustc --edition 2021 -C opt-level=3 -o "$WORK/sum-pairs" bench/pairs.rs
echo "== start-up, $PAIRS alternating pairs: median ratio (p10-p90), baseline and command medians (s)"
echo "plan 5000: $("$WORK/sum-pairs" "$PAIRS" 50 "$WORK/sum-baseline" -- "$BIN" plan 5000)"
echo "429:       $("$WORK/sum-pairs" "$PAIRS" 50 "$WORK/sum-baseline" -- "$BIN" 429)"
