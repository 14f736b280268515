#!/usr/bin/env bash
# The systemd side of the kiosk unit, without systemd: a datagram socket in
# place of NOTIFY_SOCKET. The app must say READY=1 after its first frame and
# ping WATCHDOG=1 from its UI loop at least every half interval while idle,
# and stop pinging when the loop is frozen, so systemd would restart it.
# WATCHDOG_PID names another process, as on the image (cage is the main PID).
# Usage: watchdog_integration.sh [eimza-kiosk]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
scratch_dir work eimza-watchdog
start_xvfb 1280x800 || exit 1
printf 'kiosk:\n  display: { fullscreen: false, width: 1280, height: 800 }\n' >"$work/kiosk.yaml"

python3 - "$work/notify.sock" "$work/pings.log" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "w", buffering=1) as log:
    start = time.monotonic()
    s.settimeout(1)
    while time.monotonic() - start < 30:
        try:
            data = s.recv(4096).decode()
        except socket.timeout:
            continue
        for line in data.splitlines():
            log.write(f"{time.monotonic() - start:.3f} {line}\n")
PY
listener=$!
on_exit stop_pids "$listener"
wait_for 5 test -S "$work/notify.sock"

NOTIFY_SOCKET=$work/notify.sock WATCHDOG_USEC=2000000 WATCHDOG_PID=1 \
  "$kiosk" --config "$work/kiosk.yaml" >"$work/kiosk.log" 2>&1 &
app=$!
on_exit stop_pids "$app"
wait_for 10 grep -q READY=1 "$work/pings.log"
grep -q READY=1 "$work/pings.log" && check "READY=1 after the first frame" ok || check "READY=1 after the first frame" fail "$(cat "$work/kiosk.log")"
sleep 4
count=$(grep -c WATCHDOG=1 "$work/pings.log")
((count >= 4)) && check "idle loop pings the watchdog ($count pings in ~4 s, interval 2 s)" ok ||
  check "idle loop pings the watchdog" fail "$count pings in ~4 s"
kill -STOP "$app"
before=$(grep -c WATCHDOG=1 "$work/pings.log")
sleep 3
after=$(grep -c WATCHDOG=1 "$work/pings.log")
((after == before)) && check "a frozen loop stops pinging (systemd would restart it)" ok ||
  check "a frozen loop stops pinging" fail "$((after - before)) pings while stopped"
kill -CONT "$app"
sleep 2
resumed=$(grep -c WATCHDOG=1 "$work/pings.log")
((resumed > after)) && check "pings resume when the loop runs again" ok || check "pings resume" fail
checks_summary "watchdog integration"
