#!/usr/bin/env bash
# A robot types on the real kiosk's on-screen keyboard, through X, SDL and
# ImGui, at a person's pace and faster: "kalemkutusu" one key every 0.5,
# 0.35, 0.25, 0.2 and 0.1 s, each into a field of its own on the details
# form, and then the screen must show exactly what it typed, pixel for pixel
# (robot_plan draws the expected form with the kiosk's own screens and
# painter). On a mismatch the field is read back with tesseract, to say what
# arrived. Also reports the kiosk's CPU per tap and per X input event.
# Usage: typing_integration.sh [eimza-kiosk] [robot_plan]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
plan_tool=${2:-$(dirname "$kiosk")/robot_plan}
scratch_dir work eimza-typing
size=1920x1080
word=kalemkutusu
start_xvfb "$size" || exit 1
printf 'kiosk:\n  display: { fullscreen: true, width: 1920, height: 1080 }\n' >"$work/kiosk.yaml"
# No card service: whatever pcscd runs on this machine, the kiosk stays at
# Home (pcsc-lite finds its daemon through this socket).
PCSCLITE_CSOCK_NAME=$work/no-pcscd.comm "$kiosk" --config "$work/kiosk.yaml" >"$work/kiosk.log" 2>&1 &
app=$!
on_exit stop_pids "$app"
check_that "first frame shown" wait_for 10 grep -q "first frame shown" "$work/kiosk.log"

"$plan_tool" plan "$size" >"$work/plan" || { echo "FAIL robot_plan plan"; exit 1; }
where() { awk -v kind="$1" -v name="$2" '$1 == kind && $2 == name { print $3, $4; exit }' "$work/plan"; }
tap() { xdotool mousemove $1 $2 click 1; }
for step in first_application staff next details; do
  tap $(where tap "$step")
  sleep 0.6
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
ticks_per_s=$(getconf CLK_TCK)
shot() { xwd -root -silent | xwdtopnm 2>/dev/null >"$1"; }
# Differing pixels between two PPM files, and their bounding box.
compare() {
  python3 - "$1" "$2" <<'PY'
import sys
def read(path):
    data = open(path, "rb").read()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace(): at += 1
        end = at
        while not data[end:end + 1].isspace(): end += 1
        fields.append(data[at:end]); at = end
    return int(fields[1]), int(fields[2]), data[at + 1:]
w1, h1, a = read(sys.argv[1]); w2, h2, b = read(sys.argv[2])
if (w1, h1) != (w2, h2): print(f"size {w1}x{h1} vs {w2}x{h2}"); sys.exit(1)
diff, box = 0, [w1, h1, -1, -1]
for i in range(0, len(a), 3):
    if a[i:i + 3] != b[i:i + 3]:
        diff += 1; p = i // 3; x, y = p % w1, p // w1
        box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
print(f"{diff} pixels differ" + (f" in {box[0]},{box[1]}-{box[2]},{box[3]}" if diff else ""))
sys.exit(1 if diff else 0)
PY
}
# What tesseract reads in a field (for the report only).
read_field() {
  local x y
  read -r x y <<<"$(where tap "field$1")"
  pamcut -left $((x - 285)) -top $((y - 8)) -width 570 -height 34 "$2" 2>/dev/null | pnmscale 3 2>/dev/null \
    | tesseract stdin stdout --psm 7 2>/dev/null | tr -d '\n'
}

typed=()
for pace_field in 0.5:3 0.35:5 0.25:6 0.2:7 0.1:10; do
  pace=${pace_field%:*}
  field=${pace_field#*:}
  tap $(where tap "field$field")
  sleep 0.6
  c0=$(cpu_ticks)
  for ((i = 0; i < ${#word}; i++)); do
    tap $(where key "${word:i:1}")
    sleep "$pace"
  done
  sleep 1
  c1=$(cpu_ticks)
  typed+=("$field=$word")
  "$plan_tool" expect "$size" "$work/expected.ppm" "${typed[@]}" || { echo "FAIL robot_plan expect"; exit 1; }
  shot "$work/screen.ppm"
  if result=$(compare "$work/screen.ppm" "$work/expected.ppm"); then
    check "one key every ${pace} s: all ${#word} letters of $word, screen as expected" ok
  else
    check "one key every ${pace} s: screen differs from the expected form" fail \
      "$result; the field reads '$(read_field "$field" "$work/screen.ppm")'"
    cp "$work/screen.ppm" "/tmp/typing-${pace}-screen.ppm"
    cp "$work/expected.ppm" "/tmp/typing-${pace}-expected.ppm"
  fi
  # Each tap is three X events: the move to the key, press and release;
  # the second of waiting after the last tap is included.
  awk -v t=$((c1 - c0)) -v hz="$ticks_per_s" -v n=${#word} 'BEGIN {
    printf "     kiosk CPU at %s s per key: %.1f ms per tap, %.1f ms per input event\n", "'"$pace"'", 1000 * t / hz / n, 1000 * t / hz / n / 3 }'
done

check_that "the kiosk is still running" kill -0 "$app"
stop_pids "$app"
check_that "clean shutdown logged" grep -q "kiosk stopping" "$work/kiosk.log"
check_that "nothing typed reached the log" bash -c "! grep -q '$word' '$work/kiosk.log'"
checks_summary "typing integration"
