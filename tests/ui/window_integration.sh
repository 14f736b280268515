#!/usr/bin/env bash
# The real kiosk in a real window under Xvfb, with the real card stack:
# a card inserted through pcscd/vpcd reaches the screen, a tap on the screen
# works, removal returns Home. Usage: window_integration.sh [eimza-kiosk]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
scratch_dir EIMZA_VCARD_DIR eimza-window-test
card_stack_in "$EIMZA_VCARD_DIR"
start_xvfb 1920x1080 || exit 1
log=$EIMZA_VCARD_DIR/kiosk.log
printf 'kiosk:\n  display: { width: 1920, height: 1080 }\n' >"$EIMZA_VCARD_DIR/kiosk.yaml"
# --demo brings up the card stack (pcscd, vpcd, OCSP) and trusts the demo PKI.
"$kiosk" --demo --config "$EIMZA_VCARD_DIR/kiosk.yaml" >"$log" 2>&1 &
app=$!
on_exit stop_pids "$app"
wait_log() { wait_for 10 grep -q "$1" "$log"; }
check_that "first frame shown" wait_log "first frame shown"
check_that "card service up" wait_log "card service available"
shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"$1"; }
shot "$EIMZA_VCARD_DIR/home.png"
check_that "Home is drawn (not a black screen)" test "$(stat -c %s "$EIMZA_VCARD_DIR/home.png")" -gt 20000

"$card" insert pin_locked
check_that "inserted card read through pcscd → vpcd → emulator → OpenSC" wait_log "verdict pin_blocked, PIN locked"
check_that "revocation answered by the demo OCSP responder" wait_log "revocation\] answer: good"
# The window is two thirds of 1920x1080, centred: its language button sits
# near the top right. A real click through X, SDL and ImGui.
xdotool mousemove 1475 218 click 1
sleep 0.5
"$card" remove
sleep 1.5
check_that "the kiosk is still running after insert, tap and removal" kill -0 "$app"
stop_pids "$app"
check_that "clean shutdown logged" grep -q "kiosk stopping" "$log"
check_that "no personal data in the kiosk's log" bash -c "! grep -Eq 'Ömer|Güneş|56789012390' '$log'"
checks_summary "window integration"
