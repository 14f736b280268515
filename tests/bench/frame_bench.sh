#!/usr/bin/env bash
# CPU of one frame (docs/performance.md), under Xvfb at 1920x1080 and
# 1080x1920, with every SDL renderer Debian offers here: software (the
# kiosk's, with damage tracking, and drawing every frame whole as before)
# and opengl / opengles2 through Mesa's llvmpipe. Also the kiosk's start-up
# and memory with each renderer, since a GL stack costs both.
# And the kiosk's CPU per input event at Home: pointer moves, taps on the
# language switch (every text changes) and taps on nothing.
# Usage: tests/bench/frame_bench.sh [build-dir] [frames] [eimza-kiosk]
# A third argument measures only that kiosk's input cost, start-up and
# memory (e.g. an older build's, for comparison).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
build=${1:-build}
frames=${2:-30}
kiosk=${3:-$build/eimza-kiosk}
scratch_dir work eimza-frame-bench

start_x() {
  stop_pids "${xvfb:-}"
  start_xvfb "$1"
  sleep 0.5
}
stop_app() { stop_pids "${app:-}"; }
on_exit stop_app

# The kiosk itself with each renderer: start to the first frame (median of 5)
# and resident memory at Home.
kiosk_figures() {
  local renderer=$1 w=$2 h=$3 starts=() t0 t1
  printf 'kiosk:\n  display: { fullscreen: true, width: %d, height: %d, renderer: %s }\n' "$w" "$h" "$renderer" \
    >"$work/kiosk.yaml"
  for _ in 1 2 3 4 5; do
    # The last run's log would answer the wait below before this kiosk has
    # truncated it.
    rm -f "$work/log"
    t0=$(date +%s%N)
    PCSCLITE_CSOCK_NAME=$work/none "$kiosk" --config "$work/kiosk.yaml" 2>"$work/log" &
    app=$!
    until grep -q "first frame shown" "$work/log" 2>/dev/null; do sleep 0.005; done
    t1=$(date +%s%N)
    starts+=($(((t1 - t0) / 1000000)))
    sleep 1
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$app/status")
    kill "$app"; wait "$app" 2>/dev/null || true
    app=
  done
  echo "kiosk with $renderer: start to first frame median $(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p) ms," \
    "resident at Home $rss MB"
}

# Kiosk CPU (ms) over a burst of X input events, per event.
input_cost() {
  printf 'kiosk:\n  display: { fullscreen: true, width: %d, height: %d }\n' "$1" "$2" >"$work/kiosk.yaml"
  PCSCLITE_CSOCK_NAME=$work/none "$kiosk" --config "$work/kiosk.yaml" 2>"$work/log" &
  app=$!
  until grep -q "first frame shown" "$work/log" 2>/dev/null; do sleep 0.01; done
  sleep 1
  local hz c0 c1 i
  hz=$(getconf CLK_TCK)
  per_event() { awk -v t=$(($2 - $1)) -v hz="$hz" -v n="$3" 'BEGIN { printf "%.1f", 1000 * t / hz / n }'; }
  cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
  c0=$(cpu)
  for i in $(seq 20); do xdotool mousemove $((700 + i)) 500; sleep 0.3; done
  c1=$(cpu)
  local move
  move=$(per_event "$c0" "$c1" 20)
  c0=$(cpu)
  for i in $(seq 20); do xdotool mousemove "$lang_x" "$lang_y" click 1; sleep 0.5; done
  c1=$(cpu)
  local language
  language=$(per_event "$c0" "$c1" 40)
  c0=$(cpu)
  for i in $(seq 20); do xdotool mousemove 960 60 click 1; sleep 0.3; done
  c1=$(cpu)
  echo "kiosk CPU per X input event at Home ($1x$2): pointer move $move ms;" \
    "tap on the language switch $language ms per press or release; tap on nothing $(per_event "$c0" "$c1" 40) ms"
  kill "$app"; wait "$app" 2>/dev/null || true
  app=
}
read -r lang_x lang_y <<<"$("$build/robot_plan" plan 1920x1080 | awk '$2 == "language" { print $3, $4 }')"

if [[ -n "${3:-}" ]]; then
  start_x 1920x1080
  input_cost 1920 1080
  kiosk_figures software 1920 1080
  exit 0
fi

for size in 1920x1080 1080x1920; do
  start_x "$size"
  w=${size%x*}
  h=${size#*x}
  echo "== $size"
  "$build/frame_bench" --renderer software --frames "$frames" --xserver-pid "$xvfb"
  "$build/frame_bench" --renderer software --frames "$frames" --xserver-pid "$xvfb" --whole
  for renderer in opengl opengles2; do
    "$build/frame_bench" --renderer "$renderer" --frames "$frames" --xserver-pid "$xvfb"
  done
  if [[ $size == 1920x1080 ]]; then
    input_cost "$w" "$h"
    for renderer in software opengl opengles2; do kiosk_figures "$renderer" "$w" "$h"; done
  fi
done
