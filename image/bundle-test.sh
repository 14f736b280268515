#!/usr/bin/env bash
# The update bundle image/build.sh makes, checked with rauc itself on the host
# (no root, no loop device): it is a verity bundle of the eimza-kiosk system
# that verifies against the build's keyring; the same bundle re-signed with
# another key, and a copy with bytes of its payload changed, are refused.
# Usage: image/bundle-test.sh [OUT]   (default build/image)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib.sh"
out=${1:-$here/build/image}
bundle=$out/update.raucb
keyring=$out/update-keyring.pem
for f in "$bundle" "$keyring"; do
  [[ -f "$f" ]] || { echo "bundle-test: $f missing (run image/build.sh)" >&2; exit 2; }
done
command -v rauc >/dev/null || { echo "bundle-test: rauc missing (kiosk/install-deps.sh installs it)" >&2; exit 2; }
scratch_dir run eimza-bundle

info=$(rauc info --keyring="$keyring" "$bundle" 2>&1)
if grep -q "^Compatible:[[:space:]]*'eimza-kiosk'" <<<"$info" && grep -q '^Bundle Format:[[:space:]]*verity' <<<"$info" &&
  grep -q 'Verified inline signature' <<<"$info"; then
  check "the bundle is a signed verity bundle for eimza-kiosk ($(du -h "$bundle" | cut -f1), version $(sed -n "s/^Version:[[:space:]]*//p" <<<"$info"))" ok
else
  check "the bundle is a signed verity bundle for eimza-kiosk" fail "$(tail -3 <<<"$info")"
fi

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj "/CN=another signer" \
  -keyout "$run/other.key" -out "$run/other.pem" >/dev/null 2>&1
# resign checks the old signature and the new one against its keyring: both certificates.
cat "$keyring" "$run/other.pem" >"$run/both.pem"
rauc resign --cert="$run/other.pem" --key="$run/other.key" --keyring="$run/both.pem" "$bundle" "$run/other.raucb" >/dev/null 2>&1
if [[ -f "$run/other.raucb" ]]; then
  refused=$(rauc info --keyring="$keyring" "$run/other.raucb" 2>&1)
  (($? != 0)) && grep -q 'signature verification failed' <<<"$refused" &&
    check "a bundle signed with another key is refused" ok ||
    check "a bundle signed with another key is refused" fail "$(tail -2 <<<"$refused")"
else
  check "re-signing the bundle with another key" fail
fi

# Bytes changed in the middle of the payload: the signature still matches the
# manifest, the verity hash tree does not match the data.
cp --sparse=always "$bundle" "$run/tampered.raucb"
size=$(stat -c %s "$bundle")
printf '\125\252\125\252' | dd of="$run/tampered.raucb" bs=1 seek=$((size / 3)) conv=notrunc status=none
refused=$(rauc extract --keyring="$keyring" "$run/tampered.raucb" "$run/extracted" 2>&1)
(($? != 0)) && grep -q 'payload is corrupted' <<<"$refused" && [[ ! -e "$run/extracted/root.ext4" ]] &&
  check "a tampered bundle is refused before anything is taken from it" ok ||
  check "a tampered bundle is refused" fail "$(tail -2 <<<"$refused")"

checks_summary
