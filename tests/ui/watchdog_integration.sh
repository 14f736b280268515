#!/usr/bin/env bash
# The systemd side of the kiosk unit, without systemd: a datagram socket in
# place of NOTIFY_SOCKET. The app must say READY=1 after its first frame and
# ping WATCHDOG=1 from its UI loop at least every half interval while idle,
# and stop pinging when the loop is frozen, so systemd would restart it.
# WATCHDOG_PID names another process, as on the image (cage is the main PID).
# Usage: watchdog_integration.sh [eimza-kiosk]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
kiosk=${1:-$here/build/eimza-kiosk}
work=$(mktemp -d /tmp/eimza-watchdog.XXXXXX)
display=:$((80 + RANDOM % 9))
cleanup() {
  [[ -n "${app:-}" ]] && kill -CONT "$app" 2>/dev/null && kill "$app" 2>/dev/null
  [[ -n "${xvfb:-}" ]] && kill "$xvfb" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.05; done
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
for _ in $(seq 100); do [[ -S "$work/notify.sock" ]] && break; sleep 0.05; done

DISPLAY=$display NOTIFY_SOCKET=$work/notify.sock WATCHDOG_USEC=2000000 WATCHDOG_PID=1 \
  "$kiosk" --config "$work/kiosk.yaml" >"$work/kiosk.log" 2>&1 &
app=$!
failures=0
check() {
  if [[ $2 == ok ]]; then echo "ok   - $1"; else echo "FAIL - $1${3:+: $3}"; failures=$((failures + 1)); fi
}
for _ in $(seq 100); do grep -q READY=1 "$work/pings.log" && break; sleep 0.1; done
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
kill "$listener" 2>/dev/null
echo "watchdog integration: $failures failed"
((failures == 0))
