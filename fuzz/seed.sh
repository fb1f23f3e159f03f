#!/bin/sh
# Builds the seed corpora from tests/fixtures: each fixture is written once per chunk-size
# byte (0x00: 1-byte chunks, 0x0f: 16, 0xff: the whole input at once).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../tests/fixtures"
for target in transcript chunking fast_lane; do
    dir="$here/corpus/$target"
    mkdir -p "$dir"
    # Application logs too: the parser reads their lines between messages.
    for f in "$fixtures"/*.txt "$fixtures"/applog/*.log; do
        name=$(basename "$f" .txt)
        for b in 00 0f ff; do
            { printf "\\$(printf '%03o' "0x$b")"; cat "$f"; } > "$dir/$name-$b"
        done
        # A variant with a planted credential, for the transcript target's secret check.
        if grep -q '^> Authorization: ' "$f"; then
            { printf '\017'; sed 's/^> Authorization: Bearer .*/> Authorization: Bearer FUZZSECRET/'; } \
                < "$f" > "$dir/$name-secret"
        fi
    done
done
# The HAR reader's target: the HAR fixtures, with the same chunk-size bytes.
dir="$here/corpus/har"
mkdir -p "$dir"
for f in "$fixtures"/har/*.har; do
    name=$(basename "$f" .har)
    for b in 00 0f ff; do
        { printf "\\$(printf '%03o' "0x$b")"; cat "$f"; } > "$dir/$name-$b"
    done
done
echo "seeded $(ls "$here/corpus/transcript" | wc -l) inputs per transcript target, $(ls "$dir" | wc -l) for har"
# The application-log reader's target: the application logs and the negative set.
dir="$here/corpus/applog"
mkdir -p "$dir"
for f in "$fixtures"/applog/*; do
    name=$(basename "$f")
    for b in 00 2a f3; do
        { printf "\\$(printf '%03o' "0x$b")"; cat "$f"; } > "$dir/$name-$b"
    done
done
echo "seeded $(ls "$dir" | wc -l) inputs for applog"
# The flat record reader's target: the application logs, and records as winston writes them
# (bench/winston_log.py, a small log).
dir="$here/corpus/flat"
mkdir -p "$dir"
for f in "$fixtures"/applog/*; do
    { printf '\044'; cat "$f"; } > "$dir/$(basename "$f")"
done
if command -v python3 >/dev/null; then
    python3 "$here/../bench/winston_log.py" "$dir/winston.tmp" 1 >/dev/null
    split -l 40 -a 3 "$dir/winston.tmp" "$dir/winston-"
    rm "$dir/winston.tmp"
    for f in "$dir"/winston-*; do
        { printf '\044'; cat "$f"; } > "$f.seed" && rm "$f"
    done
fi
echo "seeded $(ls "$dir" | wc -l) inputs for flat"
