#!/usr/bin/env bash
# The token screens of docs/screens, drawn from the kiosk's own verdict on the
# test PKI (tests/pki/make_pki.py): each card's certificates judged with the
# kiosk's trust anchors, and revocation asked of OpenSSL's OCSP responder and
# the CRLs over HTTP on 127.0.0.1, as `eimza-kiosk verify` asks them. The
# reasons on the screens are the ones the real verdict gives.
#   verdict_screens.sh KIOSK OUTDIR     renders token-<state>-<tr|en>.png, and the
#                                       large-text and high-contrast modes of three in OUTDIR/modes
#   verdict_screens.sh --list           the screen names it renders
set -euo pipefail
names="token-valid token-renew-soon token-expired token-not-yet-valid token-revoked token-pin-final-try
token-pin-locked token-registrar token-untrusted token-ca-invalid token-no-certificate token-checking
token-unconfirmed"
if [[ "${1:-}" == --list ]]; then echo $names; exit 0; fi
kiosk=$1
out=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
mkdir -p "$out/modes"
scratch_dir work eimza-verdict-screens

port=$(free_port)
crl_port=$(free_port)
pki=$work/pki
"$here/tests/pki/make_pki.py" "$pki" --ocsp-url "http://127.0.0.1:$port/" \
  --crl-url "http://127.0.0.1:$crl_port/ca.crl" --ca-issuers-url "http://127.0.0.1:$crl_port/ca.der" >/dev/null
# Another PKI's root: the card of one PKI on a kiosk that trusts only the other.
"$here/tests/pki/make_pki.py" "$work/other" >/dev/null
run_bg openssl ocsp -index "$pki/index.txt" -port "$port" -rsigner "$pki/ocsp.pem" -rkey "$pki/ocsp.key" -CA "$pki/ca.pem" \
  -nmin 60 >"$work/ocsp.log" 2>&1
ocsp_pid=$bg_pid
run_bg python3 -m http.server "$crl_port" --bind 127.0.0.1 --directory "$pki" >"$work/crl.log" 2>&1
crl_pid=$bg_pid
both_listening() { port_listening "$port" && port_listening "$crl_port"; }
wait_for 5 both_listening || { echo "verdict_screens: the OCSP responder or the CRL server did not start" >&2; exit 1; }

config() {  # NAME TRUST INTERMEDIATES: a kiosk configuration with its own CRL cache
  cat >"$work/$1.yaml" <<YAML
verdict:
  trust_dir: $2
  intermediates_dir: $3
  revocation: { allowed_hosts: ["127.0.0.1:$port", "127.0.0.1:$crl_port"], timeout_ms: 1000, crl_cache_dir: "$work/$1-crl" }
YAML
}
config kiosk "$pki/root.pem" "$pki/ca.pem"
config other "$work/other/root.pem" "$work/other/ca.pem"
config unanswered "$pki/root.pem" "$pki/ca.pem"

count=0
shot() {  # NAME CONFIG CERTS [screenshot options]
  local name=$1 conf=$2 certs=$3
  shift 3
  for lang in tr en; do
    "$kiosk" screenshot --config "$work/$conf.yaml" --token-certs "$certs" --lang "$lang" "$@" \
      --out "$out/$name-$lang.png" 2>>"$work/screenshot.log"
    count=$((count + 1))
  done
}
h=$pki/holders
shot token-valid kiosk "$h/valid.pem"
shot token-renew-soon kiosk "$h/renewal_due.pem"
shot token-expired kiosk "$h/expired.pem"
shot token-not-yet-valid kiosk "$h/not_yet_valid.pem"
shot token-revoked kiosk "$h/revoked.pem"
shot token-pin-final-try kiosk "$h/pin_final_try.pem" --pin final_try
shot token-pin-locked kiosk "$h/pin_locked.pem" --pin locked
shot token-registrar kiosk "$h/registrar.pem,$h/registrar-role.pem"
shot token-untrusted other "$h/valid.pem"
shot token-ca-invalid kiosk "$pki/under/ca-expired.pem,$pki/ca-expired.pem"
shot token-no-certificate kiosk ""
shot token-checking kiosk "$h/valid.pem" --checking
for mode in large high-contrast; do
  shot "modes/token-valid-$mode" kiosk "$h/valid.pem" --mode "$mode"
  shot "modes/token-revoked-$mode" kiosk "$h/revoked.pem" --mode "$mode"
done
# The CA's servers gone, nothing cached: revocation unconfirmed, never green.
stop_pids "$ocsp_pid" "$crl_pid"
shot token-unconfirmed unanswered "$h/valid.pem"
for mode in large high-contrast; do shot "modes/token-unconfirmed-$mode" unanswered "$h/valid.pem" --mode "$mode"; done
if [[ $(grep -c "Received request" "$work/ocsp.log") -lt 1 ]]; then
  echo "verdict_screens: the OCSP responder was never asked" >&2
  exit 1
fi
echo "verdict_screens: $count PNG files in $out (verdicts of the test PKI)"
