#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the kiosk in a
# window in demo mode, with the virtual card stack (pcscd + virtual reader +
# emulated cards) so the demo panel can insert cards. Needs root for pcscd.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/kiosk/install-deps.sh"
"$here/kiosk/build.sh" "$here/build"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  # No screen attached (a server or a container): run on a virtual one and
  # keep a screenshot to look at.
  echo "demo: no display found; running on a virtual screen (Xvfb :77)."
  Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  export DISPLAY=:77
  for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X77 ]] && break; sleep 0.1; done
  "$here/build/eimza-kiosk" screenshot --screen home --lang tr --out "$here/build/demo-home.png"
  echo "demo: the Home screen is in build/demo-home.png; the kiosk now runs on :77 (Ctrl-C to stop)."
fi
"$here/build/eimza-kiosk" --demo "$@"
