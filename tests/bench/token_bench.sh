#!/usr/bin/env bash
# Card start -> snapshot ready, median of N insertions, side by side with
# `pkcs11-tool -O` on the same emulated card in the same run.
# Usage: tests/bench/token_bench.sh [build/eimza-kiosk] [N]   (root: starts pcscd)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
kiosk=${1:-$here/build/eimza-kiosk}
n=${2:-20}
. "$here/tests/lib.sh"
scratch_dir EIMZA_VCARD_DIR eimza-bench
card_stack_in "$EIMZA_VCARD_DIR"
"$stack" start
ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf 'verdict:\n  trust_dir: %s/pki/root.pem\n  revocation: { enabled: false }\n' "$EIMZA_VCARD_DIR" >"$EIMZA_VCARD_DIR/k.yaml"

kiosk_times=() tool_times=()
for i in $(seq "$n"); do
  "$card" remove; sleep 0.3
  "$kiosk" status --json --wait 10 --config "$EIMZA_VCARD_DIR/k.yaml" >/dev/null 2>&1 &
  pid=$!
  sleep 0.3  # the monitor is waiting before the card arrives
  t0=$(ms); "$card" insert valid; wait $pid; kiosk_times+=($(($(ms) - t0)))

  "$card" remove; sleep 0.3
  t0=$(ms); "$card" insert valid
  until pkcs11-tool --module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so -O 2>/dev/null | grep -q "Certificate Object"; do :; done
  tool_times+=($(($(ms) - t0)))
done
echo "eimza-kiosk status, card start -> snapshot+verdict: median $(printf '%s\n' "${kiosk_times[@]}" | median) ms  (${kiosk_times[*]})"
echo "pkcs11-tool -O,     card start -> certificate listed: median $(printf '%s\n' "${tool_times[@]}" | median) ms  (${tool_times[*]})"
