#!/usr/bin/env bash
# The virtual card stack for tests and demo mode: pcscd (foreground, never
# -x, which exits on idle and drops the card) with vpcd's two virtual
# readers ("Virtual PCD 00 00" on TCP 35963, "… 00 01" on 35964), the test
# PKI's OCSP responder (18888) and its CRLs over HTTP (18889).
#   stack.sh start|stop|status
# State lives in $EIMZA_VCARD_DIR (default /run/eimza-vcard): pids, the test
# PKI, the cards' PIN counters. Needs root (pcscd).
set -euo pipefail
dir=${EIMZA_VCARD_DIR:-/run/eimza-vcard}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
mkdir -p "$dir"

# Ready when its socket exists and vpcd listens on 35963.
pcscd_ready() { [[ -S /run/pcscd/pcscd.comm ]] && port_listening 35963; }

# A killed pcscd whose parent has not reaped it yet (a test's own PID
# namespace) is a zombie: gone for every purpose here.
alive() { [[ -r /proc/$1/stat ]] && [[ $(cut -d' ' -f3 "/proc/$1/stat") != Z ]]; }
running() { [[ -f "$dir/pcscd.pid" ]] && alive "$(cat "$dir/pcscd.pid")"; }
stopped() { ! running; }
no_pcscd_here() { ! pgrep --ns $$ --nslist pid -x pcscd >/dev/null; }

case "${1:-}" in
  start)
    [[ -d "$dir/pki" ]] || "$here/../pki/make_pki.py" "$dir/pki" >/dev/null
    if running; then exit 0; fi
    # Only a pcscd in our own PID namespace is in our way: one in a test's
    # private namespaces (tests/fleet/fleet_integration.sh) has its own
    # /run/pcscd and ports.
    if pgrep --ns $$ --nslist pid -x pcscd >/dev/null; then
      # A pcscd we did not start (e.g. socket-activated): restart it in the
      # foreground under our control so vpcd's readers are there.
      systemctl stop pcscd.socket pcscd.service 2>/dev/null || pkill --ns $$ --nslist pid -x pcscd || true
      wait_for 5 no_pcscd_here || true
    fi
    mkdir -p /run/pcscd
    setsid pcscd --foreground >"$dir/pcscd.log" 2>&1 &
    echo $! >"$dir/pcscd.pid"
    # The demo PKI's OCSP responder (OpenSSL's own, 127.0.0.1:18888 as the
    # certificates name it), so the revoked demo card really shows revoked.
    if ! { [[ -f "$dir/ocsp.pid" ]] && kill -0 "$(cat "$dir/ocsp.pid")" 2>/dev/null; }; then
      setsid openssl ocsp -index "$dir/pki/index.txt" -port 18888 -rsigner "$dir/pki/ocsp.pem" \
        -rkey "$dir/pki/ocsp.key" -CA "$dir/pki/ca.pem" -nmin 60 >"$dir/ocsp.log" 2>&1 &
      echo $! >"$dir/ocsp.pid"
    fi
    # Its CRLs on 127.0.0.1:18889, where the certificates' distribution
    # points name them: the issuing CA is checked by the root's CRL.
    if ! { [[ -f "$dir/crl.pid" ]] && kill -0 "$(cat "$dir/crl.pid")" 2>/dev/null; }; then
      setsid python3 -m http.server 18889 --bind 127.0.0.1 --directory "$dir/pki" >"$dir/crl.log" 2>&1 &
      echo $! >"$dir/crl.pid"
    fi
    wait_for 5 pcscd_ready && exit 0
    echo "stack.sh: pcscd did not become ready (see $dir/pcscd.log)" >&2
    exit 1
    ;;
  stop)
    "$here/card.sh" remove --slot 0 >/dev/null 2>&1 || true
    "$here/card.sh" remove --slot 1 >/dev/null 2>&1 || true
    if running; then
      kill "$(cat "$dir/pcscd.pid")"
      wait_for 5 stopped || true
    fi
    rm -f "$dir/pcscd.pid"
    if [[ -f "$dir/ocsp.pid" ]]; then kill "$(cat "$dir/ocsp.pid")" 2>/dev/null || true; rm -f "$dir/ocsp.pid"; fi
    if [[ -f "$dir/crl.pid" ]]; then kill "$(cat "$dir/crl.pid")" 2>/dev/null || true; rm -f "$dir/crl.pid"; fi
    ;;
  status)
    if running && pcscd_ready; then echo "running"; else echo "stopped"; exit 1; fi
    ;;
  *)
    echo "usage: stack.sh start|stop|status" >&2
    exit 2
    ;;
esac
