#!/usr/bin/env bash
# HAR benchmark: hike-status explain on a 256 MiB HAR (256 entries, each a 1 MiB base64 body)
# against wiretrail (`wiretrail FILE summary`), the one command-line HAR analyzer, on the same
# file in the same run: time (hyperfine medians) and peak RSS (max of 3 runs).
#
#   bash bench/har.sh            # run by bench/run.sh too
#
# The HAR and wiretrail live outside the repository, under $HAR_WORK (default
# /tmp/hike-status-bench): the HAR is generated there once, and wiretrail is installed there
# with `cargo install wiretrail` (CARGO_HOME too) when WIRETRAIL does not name a binary.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${BIN:-$ROOT/target/release/hike-status}
HAR_WORK=${HAR_WORK:-/tmp/hike-status-bench}
HAR=$HAR_WORK/har-256-entries-1MiB-base64.har
WIRETRAIL=${WIRETRAIL:-$HAR_WORK/cargo/bin/wiretrail}
RUNS=${HAR_RUNS:-5}

# Targets (issue: no slower than wiretrail, at most 1/20 of its peak RSS).
T_TIME=1.00
T_RSS_FACTOR=20

mkdir -p "$HAR_WORK"
log() { printf '\n== %s\n' "$*"; }

[[ -x $BIN ]] || cargo build --release
if [[ ! -x $WIRETRAIL ]]; then
    log "installing wiretrail into $HAR_WORK/cargo"
    CARGO_HOME=$HAR_WORK/cargo-home CARGO_TARGET_DIR=$HAR_WORK/wiretrail-target \
        cargo install wiretrail --root "$HAR_WORK/cargo"
fi
echo "wiretrail: $("$WIRETRAIL" --version 2>&1 | head -1)"

# ---------------------------------------------------------------- input
# 256 entries, statuses 200 (6 in 10), 401, 429 (Minute), 500, 422, one a second, each with a
# 1 MiB base64 `content.text` (768 KiB decoded), an Authorization header and a query string.
log "input"
if [[ ! -s $HAR ]] || ! tail -c 8 "$HAR" | grep -q ']}}'; then
    echo "generating $HAR"
    python3 - "$HAR" <<'PY'
import base64, json, os, random, sys
random.seed(7)
out = sys.argv[1]
raw = random.randbytes(786432)
blob = base64.b64encode(raw).decode()  # 1 MiB of base64
statuses = [200] * 6 + [401, 429, 500, 422]
with open(out + ".tmp", "w") as f:
    f.write('{"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"}, '
            '"pages": [], "entries": [\n')
    for i in range(256):
        st = statuses[i % len(statuses)]
        e = {
            "startedDateTime": f"2026-11-25T12:{i // 60:02d}:{i % 60:02d}.000Z",
            "time": 42.0,
            "request": {"method": "GET", "url": f"https://api.hikeup.com/api/v1/products/{1000 + i}?page=1",
                        "httpVersion": "HTTP/1.1",
                        "headers": [{"name": "Authorization", "value": "Bearer hk_live_BENCHTOKEN"},
                                    {"name": "Accept", "value": "application/json"}],
                        "queryString": [{"name": "page", "value": "1"}], "cookies": [],
                        "headersSize": -1, "bodySize": 0},
            "response": {"status": st, "statusText": "", "httpVersion": "HTTP/1.1",
                         "headers": [{"name": "Content-Type", "value": "application/octet-stream"},
                                     {"name": "X-Request-Id", "value": f"bench-{i:08d}"},
                                     {"name": "Date", "value": f"Wed, 25 Nov 2026 12:{i // 60:02d}:{i % 60:02d} GMT"}]
                                    + ([{"name": "X-Rate-Limit-Problem", "value": "Minute"}] if st == 429 else []),
                         "cookies": [],
                         "content": {"size": len(raw), "mimeType": "application/octet-stream",
                                     "encoding": "base64", "text": "@@BLOB@@"},
                         "redirectURL": "", "headersSize": -1, "bodySize": len(raw)},
            "cache": {}, "timings": {"send": 1, "wait": 40, "receive": 1},
        }
        f.write(("," if i else "") + json.dumps(e).replace("@@BLOB@@", blob) + "\n")
    f.write("]}}\n")
os.rename(out + ".tmp", out)
PY
fi
ls -l "$HAR"
SIZE_MIB=$(( $(stat -c %s "$HAR") / 1048576 ))

# What hike-status runs: `explain --summary` once the binary has it, else `explain`.
if "$BIN" explain --help 2>/dev/null | grep -q -- '--summary'; then
    OURS=(explain --summary)
else
    OURS=(explain)
fi
# Into files first: wiretrail panics when its stdout closes early (`| head`).
echo "hike-status ${OURS[*]} prints:"
"$BIN" "${OURS[@]}" "$HAR" >"$HAR_WORK/ours.txt" 2>&1 || true
head -4 "$HAR_WORK/ours.txt"
echo "wiretrail summary prints:"
"$WIRETRAIL" "$HAR" summary >"$HAR_WORK/wiretrail.txt" 2>&1 || true
head -4 "$HAR_WORK/wiretrail.txt"

# ---------------------------------------------------------------- time
log "time: hike-status ${OURS[*]} vs wiretrail summary ($RUNS runs each, side by side)"
HF_NOSHELL=()
hyperfine --help 2>&1 | grep -q -- '--shell=none' && HF_NOSHELL=(-N)
# Both exit non-zero when the capture holds failures (--fail is not given to hike-status,
# wiretrail exits 1 on errors): -i keeps those runs.
hyperfine "${HF_NOSHELL[@]}" -i --style basic --warmup 1 --runs "$RUNS" \
    --export-json "$HAR_WORK/har-time.json" \
    -n "hike-status ${OURS[*]}" "$BIN ${OURS[*]} $HAR" \
    -n "wiretrail summary" "$WIRETRAIL $HAR summary"
med() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$HAR_WORK/har-time.json" "$1"; }
T_OURS=$(med 0)
T_WT=$(med 1)

# ---------------------------------------------------------------- memory
rss() {
    local best=0 k
    for _ in 1 2 3; do
        /usr/bin/time -o "$HAR_WORK/rss" -f %M "$@" >/dev/null 2>&1 || true
        k=$(tail -1 "$HAR_WORK/rss")
        ((k > best)) && best=$k
    done
    echo "$best"
}
RSS_OURS=$(rss "$BIN" "${OURS[@]}" "$HAR")
RSS_WT=$(rss "$WIRETRAIL" "$HAR" summary)
RSS_PIPE=$(cat "$HAR" | { /usr/bin/time -o "$HAR_WORK/rss" -f %M "$BIN" "${OURS[@]}" >/dev/null 2>&1 || true; tail -1 "$HAR_WORK/rss"; })

# ---------------------------------------------------------------- report
R_TIME=$(awk -v a="$T_OURS" -v b="$T_WT" 'BEGIN{printf "%.3f", a/b}')
R_RSS=$(awk -v a="$RSS_WT" -v b="$RSS_OURS" 'BEGIN{printf "%.1f", a/b}')
ok_time=$(awk -v r="$R_TIME" -v t="$T_TIME" 'BEGIN{print (r <= t) ? "PASS" : "MISS"}')
ok_rss=$(awk -v r="$R_RSS" -v t="$T_RSS_FACTOR" 'BEGIN{print (r >= t) ? "PASS" : "MISS"}')
log "HAR RESULTS (${SIZE_MIB} MiB, 256 entries, 1 MiB base64 bodies)"
printf '%-44s | %-14s | %-14s | %-9s | %-12s | %s\n' measure hike-status wiretrail ratio target result
printf -- '-%.0s' {1..110}; echo
printf '%-44s | %-14s | %-14s | %-9s | %-12s | %s\n' "time, \`${OURS[*]}\` vs \`summary\` (median)" \
    "$(awk -v s="$T_OURS" 'BEGIN{printf "%.1f ms", s*1000}')" \
    "$(awk -v s="$T_WT" 'BEGIN{printf "%.1f ms", s*1000}')" "$R_TIME" "<= $T_TIME" "$ok_time"
printf '%-44s | %-14s | %-14s | %-9s | %-12s | %s\n' "peak RSS (max of 3)" "$RSS_OURS KiB" "$RSS_WT KiB" \
    "1/$R_RSS" "<= 1/$T_RSS_FACTOR" "$ok_rss"
printf '%-44s | %-14s | %-14s | %-9s | %-12s | %s\n' "peak RSS, \`cat HAR | hike-status ...\`" "$RSS_PIPE KiB" "-" "-" "<= 16384 KiB" \
    "$( ((RSS_PIPE <= 16384)) && echo PASS || echo MISS)"
