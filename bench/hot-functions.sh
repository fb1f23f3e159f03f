#!/usr/bin/env bash
# Writes build/hot-functions.txt: the link names of the functions that bench/small-runs.sh's
# runs call (the look-ups, and `explain` of every small fixture). First come those of the
# commonest runs (an `explain` of a plain `curl -i` or `curl -v` capture, `hike-status
# 429`), those that run the most instructions first, then the others, those most runs call
# first. build/layout.rs hands the list to the linker so that these functions stand
# together in the program file.
# Make it again after a change that adds, renames or removes many functions on those paths,
# or after a toolchain update; an old list only lays out less.
#
# Usage: bash bench/hot-functions.sh [BINARY]   (default: a fresh target/release/hike-status)
#        bash bench/hot-functions.sh --check [BINARY]
#                      how many of the listed names BINARY has (a build with other settings,
#                      --target among them, has other names: build/layout.rs)
# Needs valgrind (callgrind names every function a run executes).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --check ]]; then
  bin=${2:-target/release/hike-status}
  listed=$(grep -v '^#' build/hot-functions.txt | sort -u)
  have=$(nm --defined-only "$bin" | awk '{print $3}' | sort -u | comm -12 - <(echo "$listed") | wc -l)
  echo "$bin has $have of the $(echo "$listed" | wc -l) functions build/hot-functions.txt lists"
  exit 0
fi
bin=${1:-}
if [[ -z $bin ]]; then
  cargo build --release --quiet
  bin=target/release/hike-status
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
run() {
  n=$((n + 1))
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$n.out" \
    "$bin" "$@" </dev/null >/dev/null 2>&1 || true
}
# The commonest runs first: their functions lead the list.
run explain tests/fixtures/curl-i-429-minute.txt; run explain tests/fixtures/curl-v-401-bearer.txt
source bench/small-runs.sh
small_runs run
python3 - "$work" "$(basename "$bin")" build/hot-functions.txt <<'PY'
import collections, glob, re, subprocess, sys
work, name, out = sys.argv[1:]
runs = collections.Counter()
first = []
files = sorted(glob.glob(f"{work}/*.out"), key=lambda f: int(f.rsplit("/", 1)[1].split(".")[0]))
for k, f in enumerate(files):
    text = subprocess.run(["callgrind_annotate", "--threshold=100", f],
                          capture_output=True, text=True).stdout
    seen = set()
    for line in text.splitlines():
        m = re.match(r"\s*[\d,]+ \([^)]*\)\s+.*?:(\S+) \[(.*)\]$", line)
        if m and m.group(2).endswith("/" + name) and not m.group(1).startswith(("0x", "(")):
            # A recursive call's cost is named with its depth: f'2.
            fn = re.sub(r"'\d+$", "", m.group(1))
            seen.add(fn)
            # callgrind_annotate lists a run's functions by their instructions, most first.
            if k < 3 and fn not in first:
                first.append(fn)
    runs.update(seen)
# The C start-up code every run goes through, which callgrind does not name, leads.
start = ["_start", "deregister_tm_clones", "register_tm_clones", "__do_global_dtors_aux",
         "frame_dummy"]
first = start + [s for s in first if s not in start]
rest = sorted(set(runs) - set(first), key=lambda s: (-runs[s], s))
names = first + rest
with open(out, "w") as w:
    w.write("# The functions a small run of hike-status calls: those of the commonest runs, then\n")
    w.write("# the others, most runs first (bench/hot-functions.sh).\n")
    w.write("# The linker lays them out together, in this order (build/layout.rs).\n")
    w.writelines(s + "\n" for s in names)
print(f"{out}: {len(names)} functions from {len(glob.glob(work + '/*.out'))} runs")
PY
