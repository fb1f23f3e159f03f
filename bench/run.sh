#!/usr/bin/env bash
# Benchmark for hike-status. Run from anywhere:
#
#   bash bench/run.sh          # full run: 1 MiB, 64 MiB and 1 GiB inputs
#   bash bench/run.sh 64       # quick run: inputs up to 64 MiB only (skips the 1 GiB case)
#   BENCH_MAX_MIB=64 bash bench/run.sh                  # same, via the environment
#   BENCH_WAIT_IDLE=1500 bash bench/run.sh              # first wait (up to 1500 s) until no
#                                                       # fuzzer / rustc is running
#   BENCH_HAR=0 bash bench/run.sh                       # skip the HAR case (bench/har.sh)
#   BENCH_EXCHANGES=0 bash bench/run.sh                 # skip the many-exchange case
#                                                       # (bench/exchanges.sh)
#
# Everything it generates (binaries, inputs, hyperfine JSON, the report) goes to
# bench/work/, which is git-ignored. The report is also saved as bench/work/report.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
WORK=$ROOT/bench/work
BIN=$ROOT/target/release/hike-status
BASE=$WORK/baseline
FIXTURE=tests/fixtures/curl-v-401-bearer.txt
MAX_MIB=${1:-${BENCH_MAX_MIB:-1024}}
WAIT_IDLE=${BENCH_WAIT_IDLE:-0}
PAIRS=${BENCH_PAIRS:-3000}   # start-up: alternating (baseline, command) pairs

# Targets.
T_STARTUP=1.10   # median ratio vs the one-line baseline
T_STREAM=1.50    # median ratio vs wc -l on the same input
T_RSS_KIB=16384  # peak RSS of explain, KiB (16 MiB)

case $MAX_MIB in
    '' | *[!0-9]*) echo "usage: bash bench/run.sh [MAX_MIB]  (e.g. 64 for a quick run)" >&2; exit 2 ;;
esac
SIZES=()
for s in 1 64 1024; do
    if ((s <= MAX_MIB)); then SIZES+=("$s"); fi
done
((${#SIZES[@]} > 0)) || { echo "MAX_MIB must be at least 1" >&2; exit 2; }
BIG=${SIZES[-1]}

mkdir -p "$WORK"
exec > >(tee "$WORK/report.txt") 2>&1

log() { printf '\n== %s\n' "$*"; }

# ---------------------------------------------------------------- 1. tools
apt_install() {
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get install -y "$@" || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y "$@"; }
}
log "tools"
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine
[[ -x /usr/bin/time ]] || apt_install time
command -v python3 >/dev/null 2>&1 || apt_install python3
command -v cargo >/dev/null 2>&1 || { echo "cargo/rustc not found (install Rust: https://rustup.rs)" >&2; exit 1; }
hyperfine --version

# hyperfine >= 1.13 has -N (--shell=none): no shell, no shell-spawn correction needed.
if hyperfine --help 2>&1 | grep -q -- '--shell=none'; then
    NOSHELL=(-N)
    NOSHELL_NOTE="hyperfine -N (no intermediate shell)"
else
    NOSHELL=()
    NOSHELL_NOTE="no -N in this hyperfine: every command runs through sh -c (hyperfine subtracts its calibrated shell-spawn time); both sides of each ratio are measured the same way"
fi
echo "$NOSHELL_NOTE"
HF=(hyperfine --style basic)

# ---------------------------------------------------------------- quiet machine?
busy() { pgrep -f 'fuzz/target|cargo-fuzz|cargo fuzz' || pgrep -x rustc || true; }
if [[ $WAIT_IDLE -gt 0 ]]; then
    waited=0
    while [[ -n $(busy) && $waited -lt $WAIT_IDLE ]]; do
        echo "waiting for fuzzer/rustc to finish ($waited s so far): $(busy | tr '\n' ' ')"
        sleep 30
        waited=$((waited + 30))
    done
fi
if [[ -n $(busy) ]]; then
    echo "WARNING: other CPU-heavy processes are running (fuzzer or rustc); figures may be disturbed:"
    busy | xargs -r ps -o pid=,pcpu=,args= -p | cut -c1-150
fi

# ---------------------------------------------------------------- 2. build
log "build"
cargo build --release
rustc --edition 2021 -C opt-level=3 -o "$BASE" bench/baseline.rs
rustc --edition 2021 -C opt-level=3 -o "$WORK/pairs" bench/pairs.rs
[[ -x $BIN ]] || { echo "missing $BIN" >&2; exit 1; }

# ---------------------------------------------------------------- machine
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
MACHINE="$(nproc) CPUs ($CPU), $(free -g | awk '/^Mem:/{print $2 " GiB RAM"}'), Linux $(uname -r), $(rustc --version), $(hyperfine --version)"
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
DIRTY=$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null | grep -q . && echo ' + uncommitted changes in src/' || true)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- inputs
# A 1 MiB block of JSON lines (exactly 1048576 bytes), repeated N times after a response
# head: an N MiB body. Cached in bench/work/ and rebuilt only if its size is wrong.
log "inputs"
HEAD_FILE=$WORK/head.txt
BLOCK=$WORK/block-1MiB.jsonl
printf 'HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 12:10:50 GMT\r\nContent-Type: application/json; charset=utf-8\r\nX-Request-Id: 6e7f8091-a2b3-44c5-9e6f-7a8b9c0d1e77\r\nX-Rate-Limit-Remaining: 59\r\nConnection: close\r\n\r\n' >"$HEAD_FILE"
if [[ ! -s $BLOCK || $(stat -c %s "$BLOCK") -ne 1048576 ]]; then
    python3 - "$BLOCK" <<'PY'
import json, random, sys
random.seed(42)
adj = ["Merino", "Trail", "Alpine", "Ridge", "Summit", "Canyon", "Coastal", "Forest", "Glacier", "Tussock"]
noun = ["hiking socks", "rain jacket", "day pack", "trekking poles", "fleece", "water bottle",
        "head torch", "gaiters", "sun hat", "thermal top", "map case", "first aid kit"]
cats = ["footwear", "apparel", "packs", "accessories", "camping", "safety"]
size, out, i = 1 << 20, [], 0
total = 0
while True:
    i += 1
    line = json.dumps({
        "id": 100000 + i,
        "title": f"{random.choice(adj)} {random.choice(noun)}",
        "price": round(random.uniform(2, 400), 2),
        "currency": "NZD",
        "sku": f"SKU-{random.randrange(10**6):06d}",
        "category": random.choice(cats),
        "stock": random.randrange(0, 500),
        "active": random.random() < 0.9,
        "updated_at": f"2026-11-{random.randrange(1, 29):02d}T{random.randrange(24):02d}:{random.randrange(60):02d}:00Z",
    }) + "\n"
    if total + len(line) + 64 > size:
        break
    out.append(line)
    total += len(line)
# pad the last line so the block is exactly 1 MiB
stub = json.dumps({"id": 100000 + i, "note": ""})
pad = size - total - len(stub) - 1
out.append(stub[:-2] + "x" * pad + '"}' + "\n")
data = "".join(out).encode()
assert len(data) == size, len(data)
open(sys.argv[1], "wb").write(data)
PY
fi
HEAD_SIZE=$(stat -c %s "$HEAD_FILE")
LINES_PER_BLOCK=$(wc -l <"$BLOCK")
echo "block: 1 MiB, $LINES_PER_BLOCK lines, mean $((1048576 / LINES_PER_BLOCK)) bytes/line"
input() { echo "$WORK/input-$1MiB.txt"; }
for s in "${SIZES[@]}"; do
    f=$(input "$s")
    want=$((HEAD_SIZE + s * 1048576))
    if [[ ! -f $f || $(stat -c %s "$f") -ne $want ]]; then
        echo "generating $f"
        { cat "$HEAD_FILE"; for ((i = 0; i < s; i++)); do cat "$BLOCK"; done; } >"$f.tmp"
        mv "$f.tmp" "$f"
    fi
    ls -l "$f"
done

# sanity: the tool must explain the generated input as a 200
echo "explain on the ${BIG} MiB input prints:"
"$BIN" explain "$(input "$BIG")" | head -3
"$BIN" explain "$(input "$BIG")" | grep -q '^200 OK' || { echo "explain did not report 200 OK" >&2; exit 1; }

# ---------------------------------------------------------------- helpers
# stat FILE INDEX FIELD -> hyperfine result field (seconds)
hstat() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])][sys.argv[3]])' "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a/b}'; }
ms() { awk -v s="$1" 'BEGIN{printf "%.2f ms", s*1000}'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN{print (v <= t) ? "PASS" : "MISS"}'; }
# peak RSS (KiB), max over 3 runs: peak_rss MODE FILE CMD...
#   MODE file: CMD FILE;  pipe: cat FILE | CMD;  none: CMD (FILE ignored)
peak_rss() {
    local mode=$1 f=$2; shift 2
    local best=0 k i
    for i in 1 2 3; do
        if [[ $mode == none ]]; then
            /usr/bin/time -o "$WORK/rss" -f %M "$@" >/dev/null
        elif [[ $mode == pipe ]]; then
            cat "$f" | /usr/bin/time -o "$WORK/rss" -f %M "$@" >/dev/null
        else
            /usr/bin/time -o "$WORK/rss" -f %M "$@" "$f" >/dev/null
        fi
        k=$(tail -1 "$WORK/rss")
        ((k > best)) && best=$k
    done
    echo "$best"
}

SEP=$'\x1f'  # field separator for the rows below (labels contain '|')
ROWS=()   # what, hike-status, reference, ratio, target, verdict
row() { local IFS=$SEP; ROWS+=("$*"); }

# ---------------------------------------------------------------- 3a. start-up
log "lookup and small explain vs the one-line baseline ($PAIRS alternating pairs each)"
# The machine drifts over seconds; so the baseline and the command run in alternation
# (baseline, command, baseline, command...), each pair gives one ratio of two runs a few
# milliseconds apart, and the figure is the median of the ratios, with its 10th and 90th
# percentiles. bench/pairs.rs spawns each run as hyperfine -N does (no shell).
# pairs_stat CMD... -> "median-ratio p10 p90 baseline-median(s) command-median(s)"
pairs_stat() { "$WORK/pairs" "$PAIRS" 50 "$BASE" -- "$@"; }
read -r r lmin lmax b l <<<"$(pairs_stat "$BIN" 429)"
row "lookup \`hike-status 429\` vs baseline" "$(ms "$l")" "$(ms "$b")" "$r ($lmin-$lmax)" "<= $T_STARTUP" "$(verdict "$r" $T_STARTUP)"
read -r r emin emax b e <<<"$(pairs_stat "$BIN" explain "$FIXTURE")"
row "\`explain curl-v-401-bearer.txt\` vs baseline" "$(ms "$e")" "$(ms "$b")" "$r ($emin-$emax)" "<= $T_STARTUP" "$(verdict "$r" $T_STARTUP)"
BASE_RSS=$(peak_rss none - "$BASE")
LOOKUP_RSS=$(peak_rss none - "$BIN" 429)
SMALL_RSS=$(peak_rss file "$FIXTURE" "$BIN" explain)

# ---------------------------------------------------------------- 3b. streaming + scaling
SCALE=()  # MiB, explain file, MiB/s, wc -l file, ratio, cat|explain, cat|wc -l, ratio, RSS file, RSS pipe, RSS wc
for s in "${SIZES[@]}"; do
    f=$(input "$s")
    case $s in 1) w=10 n=100 ;; 64) w=3 n=20 ;; *) w=2 n=10 ;; esac
    log "explain on ${s} MiB vs wc -l (file, then pipe)"
    "${HF[@]}" "${NOSHELL[@]}" --warmup "$w" --runs "$n" --export-json "$WORK/scale-$s-file.json" \
        -n "hike-status explain ($s MiB)" "$BIN explain $f" \
        -n "wc -l ($s MiB)" "wc -l $f"
    "${HF[@]}" --warmup "$w" --runs "$n" --export-json "$WORK/scale-$s-pipe.json" \
        -n "cat | hike-status explain ($s MiB)" "cat $f | $BIN explain" \
        -n "cat | wc -l ($s MiB)" "cat $f | wc -l"
    ef=$(hstat "$WORK/scale-$s-file.json" 0 median); wf=$(hstat "$WORK/scale-$s-file.json" 1 median)
    ep=$(hstat "$WORK/scale-$s-pipe.json" 0 median); wp=$(hstat "$WORK/scale-$s-pipe.json" 1 median)
    rf=$(ratio "$ef" "$wf"); rp=$(ratio "$ep" "$wp")
    rss_f=$(peak_rss file "$f" "$BIN" explain)
    rss_p=$(peak_rss pipe "$f" "$BIN" explain)
    rss_w=$(peak_rss file "$f" wc -l)
    tput=$(awk -v s="$s" -v t="$ef" 'BEGIN{printf "%.0f", s/t}')
    SCALE+=("$s$SEP$(ms "$ef")$SEP$tput$SEP$(ms "$wf")$SEP$rf$SEP$(ms "$ep")$SEP$(ms "$wp")$SEP$rp$SEP$rss_f$SEP$rss_p$SEP$rss_w")
    if [[ $s == "$BIG" ]]; then
        label="$s MiB"; [[ $s == 1024 ]] && label="1 GiB"
        row "explain $label file vs \`wc -l\`" "$(ms "$ef")" "$(ms "$wf")" "$rf" "<= $T_STREAM" "$(verdict "$rf" $T_STREAM)"
        row "\`cat | explain\` $label vs \`cat | wc -l\`" "$(ms "$ep")" "$(ms "$wp")" "$rp" "<= $T_STREAM" "$(verdict "$rp" $T_STREAM)"
        row "peak RSS, explain $label file" "$rss_f KiB" "wc -l: $rss_w KiB" "-" "<= $T_RSS_KIB KiB" "$( ((rss_f <= T_RSS_KIB)) && echo PASS || echo MISS)"
        row "peak RSS, \`cat | explain\` $label" "$rss_p KiB" "-" "-" "<= $T_RSS_KIB KiB" "$( ((rss_p <= T_RSS_KIB)) && echo PASS || echo MISS)"
    fi
done

# ---------------------------------------------------------------- 4. report
BUSY_AFTER=$(busy | tr '\n' ' ')
log "RESULTS"
echo "date:    $DATE"
echo "commit:  $COMMIT$DIRTY"
echo "machine: $MACHINE"
echo "load before the run: $LOAD"
if [[ -n $BUSY_AFTER ]]; then echo "WARNING: fuzzer/rustc running at the end of the run (pids $BUSY_AFTER): figures may be disturbed"; fi
echo "timing:  medians of hyperfine runs; $NOSHELL_NOTE for single commands;"
echo "         pipelines through sh -c on both sides (hyperfine subtracts the shell spawn)"
echo "         start-up: $PAIRS alternating pairs (baseline, command) per command, the median of the"
echo "         per-pair ratios; (10th-90th percentile) of the ratios; times are medians of the runs"
[[ $BIG == 1024 ]] || echo "QUICK RUN: largest input ${BIG} MiB, the 1 GiB case was skipped"
echo
printf '%-46s | %-14s | %-16s | %-19s | %-15s | %s\n' "measure" "hike-status" "reference" "ratio" "target" "result"
printf -- '-%.0s' {1..118}; echo
for r in "${ROWS[@]}"; do
    IFS=$SEP read -r a b c d e f <<<"$r"
    printf '%-46s | %-14s | %-16s | %-19s | %-15s | %s\n' "$a" "$b" "$c" "$d" "$e" "$f"
done
echo
echo "peak RSS: baseline $BASE_RSS KiB, hike-status 429 $LOOKUP_RSS KiB, explain $FIXTURE $SMALL_RSS KiB"
echo
echo "scaling (medians; RSS = max KiB of 3 runs):"
printf '%-8s | %-12s | %-8s | %-12s | %-6s | %-14s | %-12s | %-6s | %-9s | %-9s | %s\n' \
    "input" "explain file" "MiB/s" "wc -l file" "ratio" "cat|explain" "cat|wc -l" "ratio" "RSS file" "RSS pipe" "RSS wc -l"
printf -- '-%.0s' {1..130}; echo
for r in "${SCALE[@]}"; do
    IFS=$SEP read -r a b c d e f g h i j k <<<"$r"
    printf '%-8s | %-12s | %-8s | %-12s | %-6s | %-14s | %-12s | %-6s | %-9s | %-9s | %s\n' \
        "$a MiB" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$i KiB" "$j KiB" "$k KiB"
done
echo
echo "hyperfine JSON: $WORK/*.json; this report: $WORK/report.txt"

# ---------------------------------------------------------------- 5. HAR
# A 256 MiB HAR against wiretrail (bench/har.sh; its input and wiretrail live under /tmp).
# BENCH_HAR=0 skips it.
if [[ ${BENCH_HAR:-1} != 0 ]]; then
    BIN=$BIN bash "$ROOT/bench/har.sh"
fi

# ---------------------------------------------------------------- 6. many exchanges
# A 1 GiB log of `curl -si` exchanges against grep -c (bench/exchanges.sh; its input lives
# under /tmp). BENCH_EXCHANGES=0 skips it; a quick run (MAX_MIB < 1024) uses 64 MiB.
if [[ ${BENCH_EXCHANGES:-1} != 0 ]]; then
    if ((MAX_MIB >= 1024)); then ex_mib=1024; else ex_mib=64; fi
    BIN=$BIN EX_MIB=$ex_mib bash "$ROOT/bench/exchanges.sh"
fi
