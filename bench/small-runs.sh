# The small runs bench/detect.sh and bench/hot-functions.sh look at: the look-ups, and
# `explain` (text and --json) of every fixture under 16 KiB. Sourced; `small_runs FN`
# calls `FN ARGS...` once for each run's arguments.
small_runs() {
  local fn=$1 f
  "$fn" 429; "$fn" 401 404 429; "$fn" 4xx; "$fn" list; "$fn" list --all
  "$fn" search rate limit; "$fn" plan 500; "$fn" 999
  for f in tests/fixtures/*.txt tests/fixtures/*.har tests/fixtures/*.log tests/fixtures/applog/*; do
    [[ -f $f && $(stat -c %s "$f") -lt 16384 ]] || continue
    "$fn" explain "$f"
    "$fn" explain --json "$f"
  done
}
