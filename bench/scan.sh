#!/usr/bin/env bash
# The cost of the streaming error scan and of UTF-16 input, against the same body read
# without them (figures in BENCHMARKS.md, "Error-body scan and UTF-16 input"):
#
#   bash bench/scan.sh
#
# Inputs (64 MiB bodies, made once in bench/work/scan/, git-ignored):
#   ok-lines     200, JSON lines                 (no scan: a success's body)
#   err-lines    422, {"errors": [ one object a line ]}   (scan: error objects)
#   ok-oneline   200, {"errors": {field: [msg], ...}} on one line
#   err-oneline  422, the same                   (scan: errors keyed by field)
#   ok-utf16     ok-lines as UTF-16LE with a BOM (128 MiB: decoded first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WORK=bench/work/scan
BIN=$PWD/target/release/hike-status
mkdir -p "$WORK"
cargo build --release
python3 - "$WORK" <<'PY'
import json, os, sys
w = sys.argv[1]
if os.path.exists(os.path.join(w, "ok-utf16.txt")):
    sys.exit(0)
ok = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
err = b"HTTP/1.1 422 Unprocessable Entity\r\nContent-Type: application/json\r\n\r\n"
line = json.dumps({"id": 1, "title": "Merino hiking socks", "price": 12.5,
                   "sku": "SKU-000001", "category": "footwear", "stock": 5}).encode() + b"\n"
body = line * ((64 << 20) // len(line))
open(f"{w}/ok-lines.txt", "wb").write(ok + body)
open(f"{w}/err-lines.txt", "wb").write(err + b'{"errors": [\n' + body.replace(b"}\n", b"},\n") + b"{}]}\n")
parts, size, i = [], 0, 0
while size < (64 << 20):
    s = f'"lines[{i}].sku": ["unknown SKU TM-{i:07d}"]'
    parts.append(s); size += len(s) + 2; i += 1
one = b'{"errors": {' + ", ".join(parts).encode() + b"}}\n"
open(f"{w}/ok-oneline.txt", "wb").write(ok + one)
open(f"{w}/err-oneline.txt", "wb").write(err + one)
text = (ok + body).decode()
open(f"{w}/ok-utf16.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
PY
uptime
for f in ok-lines err-lines ok-oneline err-oneline ok-utf16; do
    hyperfine -N -w 1 -r 9 --style basic "$BIN explain $WORK/$f.txt" | grep -E "Time \(mean|Range"
    /usr/bin/time -f "$f: peak RSS %M KiB" "$BIN" explain "$WORK/$f.txt" >/dev/null
done
