#!/usr/bin/env bash
# Names the small commands in which std's CPU feature detection runs (the CPUID
# instructions a virtual machine traps: 60 us here, BENCHMARKS.md). Each command runs
# under gdb with a breakpoint on std_detect's first detection. The commands are
# bench/small-runs.sh's: the look-ups, and inputs under 16 KiB, where src/find.rs keeps
# every search off memchr's detecting functions.
#
# Usage: bash bench/detect.sh [BINARY]   (default: target/release/hike-status)
# Prints one line per command that detects, and a count at the end. Needs gdb.
set -u
cd "$(dirname "$0")/.."
bin=${1:-target/release/hike-status}
cmds=$(mktemp)
trap 'rm -f "$cmds"' EXIT
cat >"$cmds" <<'GDB'
set pagination off
set breakpoint pending on
rbreak detect_and_initialize
run
bt 4
GDB
runs=0 hits=0
check() {
  runs=$((runs + 1))
  if gdb -q -batch -x "$cmds" --args "$bin" "$@" </dev/null 2>&1 | grep -q '^#0 .*detect_and_initialize'; then
    hits=$((hits + 1))
    echo "detects: $*"
  fi
}
source bench/small-runs.sh
small_runs check
echo "$hits of $runs commands detect CPU features"
