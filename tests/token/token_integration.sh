#!/usr/bin/env bash
# Real stack: pcscd + vpcd + our emulated cards + OpenSC, read by
# `eimza-kiosk status`. Usage: token_integration.sh [path/to/eimza-kiosk]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
scratch_dir EIMZA_VCARD_DIR eimza-vcard-test
card_stack_in "$EIMZA_VCARD_DIR"
pki=$EIMZA_VCARD_DIR/pki

"$here/tests/pki/make_pki.py" "$pki" >/dev/null
config=$EIMZA_VCARD_DIR/kiosk.yaml
printf 'verdict:\n  trust_dir: %s/root.pem\n  intermediates_dir: %s/ca.pem\n  revocation: { allowed_hosts: ["127.0.0.1:18888", "127.0.0.1:18889"], timeout_ms: 1000, crl_cache_dir: "%s/crl" }\n' "$pki" "$pki" "$EIMZA_VCARD_DIR" >"$config"
status() { "$kiosk" status --json --wait "${WAIT:-5}" --config "$config" 2>/dev/null; }
der_sha256() { openssl x509 -in "$1" -outform DER | sha256sum | cut -c1-64 | tr a-f A-F; }

# pcscd absent at start, started later.
"$stack" stop >/dev/null 2>&1
WAIT=1 status >/dev/null; code=$?
check_that "no pcscd: exit 5 (service unavailable)" test "$code" = 5
"$stack" start || { echo "FAIL pcscd did not start"; exit 1; }
WAIT=1 status >/dev/null; code=$?
check_that "pcscd up, no card: exit 3" test "$code" = 3

expect() {  # profile verdict process pin
  "$card" insert "$1"
  out=$(status); code=$?
  check_that "$1: read (exit 0)" test "$code" = 0
  check_that "$1: verdict $2" test "$(json_field - verdict <<<"$out")" = "$2"
  check_that "$1: recommended $3" test "$(json_field - recommended_process <<<"$out")" = "$3"
  check_that "$1: pin $4" test "$(json_field - pin <<<"$out")" = "$4"
  check_that "$1: certificate byte-identical to the personalised one" \
    test "$(json_field - certificates.0.der_sha256 <<<"$out")" = "$(der_sha256 "$pki/holders/$1.pem")"
  masked=$(json_field - holder.tckn_masked <<<"$out")
  check_that "$1: holder TCKN masked, checksum ok" \
    test "$(json_field - holder.tckn_checksum_ok <<<"$out")" = true -a "${masked#*'******'}" != "$masked"
}
expect valid valid none ok
expect renewal_due renew_soon renewal ok
expect expired expired renewal ok
expect not_yet_valid not_yet_valid none ok
expect pin_final_try valid none final_try
expect pin_locked pin_blocked pin_puk_block locked
expect registrar valid none ok
check_that "registrar: second certificate recognised as registrar" \
  test "$(json_field - 'certificates.*.role' <<<"$out")" = '["nes","registrar"]'
"$card" insert revoked
out=$(status)
check_that "revoked: revoked by the stack's OCSP responder" test "$(json_field - certificates.0.revocation.status <<<"$out")" = revoked
# Issue 15: why it was revoked decides the process; the kiosk asks.
check_that "revoked: verdict revoked, no process assumed" test "$(json_field - verdict recommended_process <<<"$out")" = revoked/none
check_that "status JSON: atr hex without spaces" test "$(json_field - token.atr <<<"$out")" = 3BF51800008131FE454F7345494492
check_that "status JSON: module is OpenSC" grep -q 'opensc-pkcs11\.so$' <<<"$(json_field - token.module <<<"$out")"

for p in no_pkcs15 garbage; do
  "$card" insert $p
  status >/dev/null; code=$?
  check_that "$p: unreadable (exit 4)" test "$code" = 4
done

# Wrong PINs entered by the test (never by the kiosk) really block the card.
"$card" reset-pin valid
"$card" insert valid
sleep 0.5
for _ in 1 2; do pkcs11-tool --module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so --login --pin 0000 -O >/dev/null 2>&1; done
check_that "two wrong PINs: final try" test "$(status | json_field - pin)" = final_try
pkcs11-tool --module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so --login --pin 0000 -O >/dev/null 2>&1
check_that "three wrong PINs: locked" test "$(status | json_field - pin)" = locked
"$card" remove; sleep 0.3; "$card" insert valid
check_that "still locked after re-insertion" test "$(status | json_field - pin)" = locked
"$card" reset-pin valid

# The kiosk never logs in: our PKCS#11 spy (tests/token/pkcs11_spy.c)
# records every call it makes to OpenSC.
spy=${EIMZA_SPY:-$(dirname "$kiosk")/eimza-pkcs11-spy.so}
spylog=$EIMZA_VCARD_DIR/spy.log
printf 'token:\n  default_module: %s\nverdict:\n  trust_dir: %s/root.pem\n' "$spy" "$pki" >"$EIMZA_VCARD_DIR/spy.yaml"
"$card" insert pin_final_try
EIMZA_SPY_MODULE=/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so EIMZA_SPY_LOG=$spylog \
  "$kiosk" status --json --wait 5 --config "$EIMZA_VCARD_DIR/spy.yaml" >/dev/null 2>&1
check_that "spy saw the session (C_GetTokenInfo called)" grep -q C_GetTokenInfo "$spylog"
# Control: the spy does see a login when one happens (made here by pkcs11-tool).
EIMZA_SPY_MODULE=/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so EIMZA_SPY_LOG=$EIMZA_VCARD_DIR/control.log \
  pkcs11-tool --module "$spy" --login --pin 1234 -O >/dev/null 2>&1
check_that "control: the spy records C_Login when a login is made" grep -q C_Login "$EIMZA_VCARD_DIR/control.log"
check_that "no C_Login / C_Sign* / C_Decrypt* / C_InitPIN / C_SetPIN in a whole session" \
  bash -c "! grep -Eq 'C_(Login|Sign|Decrypt|InitPIN|SetPIN)' '$spylog'"

# pcscd restarted: the next read works again.
"$stack" stop >/dev/null; "$stack" start
"$card" insert valid
check_that "after a pcscd restart status reads again" test "$(status | json_field - verdict)" = valid

# Cards yanked during reads, 200 times: no crash, no hang, only honest exits.
bad=0
for i in $(seq 200); do
  "$card" insert valid
  WAIT=0.7 status >/dev/null &
  pid=$!
  sleep "0.0$((RANDOM % 10))"
  "$card" remove
  wait $pid; code=$?
  case $code in 0|3|4) ;; *) bad=$((bad + 1)); echo "  iteration $i: exit $code" ;; esac
done
check_that "200 yanks during reads: only exits 0/3/4" test "$bad" = 0

checks_summary "token integration"
