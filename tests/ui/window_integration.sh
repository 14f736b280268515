#!/usr/bin/env bash
# The real kiosk in a real window under Xvfb, with the real card stack:
# a card inserted through pcscd/vpcd reaches the screen, a tap on the screen
# works, removal returns Home. Usage: window_integration.sh [eimza-kiosk]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
kiosk=${1:-$here/build/eimza-kiosk}
export EIMZA_VCARD_DIR=$(mktemp -d /tmp/eimza-window-test.XXXXXX)
display=:$((90 + RANDOM % 9))
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
cleanup() {
  [[ -n "${app:-}" ]] && kill "$app" 2>/dev/null
  [[ -n "${xvfb:-}" ]] && kill "$xvfb" 2>/dev/null
  wait 2>/dev/null
  "$here/tests/vcard/stack.sh" stop >/dev/null 2>&1
  rm -rf "$EIMZA_VCARD_DIR"
}
trap cleanup EXIT
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.05; done
export DISPLAY=$display
log=$EIMZA_VCARD_DIR/kiosk.log
printf 'kiosk:\n  display: { width: 1920, height: 1080 }\n' >"$EIMZA_VCARD_DIR/kiosk.yaml"
# --demo brings up the card stack (pcscd, vpcd, OCSP) and trusts the demo PKI.
"$kiosk" --demo --config "$EIMZA_VCARD_DIR/kiosk.yaml" >"$log" 2>&1 &
app=$!
wait_log() { for _ in $(seq 200); do grep -q "$1" "$log" && return 0; sleep 0.05; done; return 1; }
check "first frame shown" wait_log "first frame shown"
check "card service up" wait_log "card service available"
shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$1"; }
shot "$EIMZA_VCARD_DIR/home.png"
check "Home is drawn (not a black screen)" test "$(stat -c %s "$EIMZA_VCARD_DIR/home.png")" -gt 20000

"$here/tests/vcard/card.sh" insert pin_locked
check "inserted card read through pcscd → vpcd → emulator → OpenSC" wait_log "verdict pin_blocked, PIN locked"
check "revocation answered by the demo OCSP responder" wait_log "revocation\] answer: good"
# The window is two thirds of 1920x1080, centred: its language button sits
# near the top right. A real click through X, SDL and ImGui.
xdotool mousemove 1475 218 click 1
sleep 0.5
"$here/tests/vcard/card.sh" remove
sleep 1.5
check "the kiosk is still running after insert, tap and removal" kill -0 "$app"
kill "$app"; wait "$app" 2>/dev/null; app=
check "clean shutdown logged" grep -q "kiosk stopping" "$log"
check "no personal data in the kiosk's log" bash -c "! grep -Eq 'Ömer|Güneş|56789012390' '$log'"
echo "window integration: $failures failed"
((failures == 0))
