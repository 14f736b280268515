#!/usr/bin/env bash
# Benchmarks of the kiosk shell under Xvfb (not the offscreen SDL driver,
# which busy-polls): idle CPU at Home over 30 s, cold start to the first
# Home frame (median of 10), and resident memory at Home.
# Usage: tests/bench/shell_bench.sh [build/eimza-kiosk] [idle-seconds]
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
kiosk=${1:-build/eimza-kiosk}
idle_seconds=${2:-30}
scratch_dir work eimza-shell-bench
start_xvfb 1920x1080
stop_app() { stop_pids "${app:-}"; }
on_exit stop_app
config=$work/kiosk.yaml
printf 'kiosk:\n  display: { fullscreen: true, width: 1920, height: 1080 }\n' >"$config"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Cold start: process start -> "first frame shown" in its log.
starts=()
for i in $(seq 10); do
  # The last run's log would answer the wait below before this kiosk has
  # truncated it.
  rm -f "$work/log"
  t0=$(date +%s%N)
  "$kiosk" --config "$config" 2>"$work/log" &
  app=$!
  until grep -q "first frame shown" "$work/log" 2>/dev/null; do sleep 0.005; done
  t1=$(date +%s%N)
  starts+=($(((t1 - t0) / 1000000)))
  kill "$app"; wait "$app" 2>/dev/null || true
  app=
done
sorted=$(printf '%s\n' "${starts[@]}" | sort -n)
median_start=$(sed -n 5p <<<"$sorted")

# Idle CPU and memory at Home.
"$kiosk" --config "$config" 2>"$work/log" &
app=$!
until grep -q "first frame shown" "$work/log" 2>/dev/null; do sleep 0.01; done
sleep 2
c0=$(cpu_ticks "$app"); w0=$(date +%s%N)
sleep "$idle_seconds"
c1=$(cpu_ticks "$app"); w1=$(date +%s%N)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$app/status")
cpu_pct=$(awk -v c=$((c1 - c0)) -v t="$ticks" -v w=$((w1 - w0)) 'BEGIN { printf "%.2f", 100 * (c / t) / (w / 1e9) }')

echo "cold start to first Home frame: median ${median_start} ms (runs: ${starts[*]})"
echo "idle CPU at Home over ${idle_seconds} s: ${cpu_pct} % of one core"
echo "resident memory at Home: $((rss_kb / 1024)) MB"
