#!/usr/bin/env bash
# The image's tests as one job, in the order each needs the one before:
# build (.deb into a fresh Debian 12), offline lockdown checks, the QEMU boot
# test (USB CCID, 5-minute watch), the update bundle checks, provisioning, and
# whole-system A/B updates with rollback through OVMF (20–35 minutes).
# tests/run-all.sh runs it beside the unit and integration tests: emulation
# needs a core, while those tests mostly wait on their daemons.
# Prints "PASSED: NAME" / "FAILED: NAME" per stage; exits 1 if any failed.
# Usage: image/test-all.sh [OUT]   (default build/image)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
out=${1:-$here/build/image}
started=$(date +%s)
failed=0
stage() {  # name, command...
  local name=$1; shift
  printf '\n=== image: %s (%ss)\n' "$name" "$(($(date +%s) - started))"
  if "$@"; then echo "PASSED: image $name"; return 0; fi
  echo "FAILED: image $name"; failed=$((failed + 1)); return 1
}
if stage "build (.deb into a fresh Debian 12 root)" image/build.sh "$out"; then
  stage "offline lockdown checks" image/check-rootfs.sh "$out/rootfs"
  stage "QEMU boot test (USB CCID, 5-minute watch)" image/boot-test.sh "$out"
  stage "update bundle checks (rauc: signature, verity)" image/bundle-test.sh "$out"
  stage "provisioning test (generic image, then a test site; two QEMU boots)" image/provision-test.sh "$out"
  stage "A/B update test (OVMF: refused bundles, power cut, update, rollback)" image/update-test.sh "$out"
fi
printf '\n=== image: done in %s s\n' "$(($(date +%s) - started))"
((failed == 0))
