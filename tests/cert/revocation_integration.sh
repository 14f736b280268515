#!/usr/bin/env bash
# OCSP against OpenSSL's own responder on 127.0.0.1, through `verify`.
# Usage: revocation_integration.sh [path/to/eimza-kiosk] [path/to/revocation_probe]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
probe=${2:-$(dirname "$kiosk")/revocation_probe}
scratch_dir work eimza-ocsp-test

port=$(free_port)
crl_port=$(free_port)
"$here/tests/pki/make_pki.py" "$work/pki" --ocsp-url "http://127.0.0.1:$port/" \
  --crl-url "http://127.0.0.1:$crl_port/ca.crl" --ca-issuers-url "http://127.0.0.1:$crl_port/ca.der" >/dev/null
pki=$work/pki
cat >"$work/kiosk.yaml" <<YAML
verdict:
  trust_dir: $pki/root.pem
  intermediates_dir: $pki/ca.pem
  revocation: { allowed_hosts: ["127.0.0.1:$port", "127.0.0.1:$crl_port"], timeout_ms: 1000, crl_cache_dir: "$work/crl-cache" }
YAML
verify() { "$kiosk" verify --json --config "$work/kiosk.yaml" "$@" 2>/dev/null; }
# The server started last (run_bg).
stop_server() { stop_pids "$bg_pid"; }
responder() {  # signer cert, key: OpenSSL's OCSP responder on $port
  run_bg openssl ocsp -index "$pki/index.txt" -port "$port" -rsigner "$1" -rkey "$2" -CA "$pki/ca.pem" -nmin 5 \
    >"$work/ocsp.log" 2>&1
  wait_for 2.5 grep -q "waiting" "$work/ocsp.log"
}

responder "$pki/ocsp.pem" "$pki/ocsp.key"
out=$(verify "$pki/holders/valid.pem")
check_that "good by OCSP (delegated responder)" test "$(json_field - certificates.0.revocation.status <<<"$out")" = good
check_that "source ocsp, checked_at set" test "$(json_field - certificates.0.revocation.source <<<"$out")" = ocsp \
  -a -n "$(json_field - certificates.0.revocation.checked_at <<<"$out")"
out=$(verify "$pki/holders/revoked.pem")
check_that "revoked by OCSP" test "$(json_field - certificates.0.revocation.status <<<"$out")" = revoked
# Issue 15: the reason for the revocation decides the process; the kiosk asks it.
check_that "revoked: verdict revoked, no process assumed (the person is asked why)" test "$(json_field - verdict recommended_process <<<"$out")" = revoked/none
requests=$(grep -c "Received request" "$work/ocsp.log")
printf 'verdict:\n  trust_dir: %s/root.pem\n  intermediates_dir: %s/ca.pem\n' "$pki" "$pki" >"$work/closed.yaml"
out=$("$kiosk" verify --json --config "$work/closed.yaml" "$pki/holders/revoked.pem" 2>/dev/null)
check_that "host not on the allow-list: unknown" test "$(json_field - certificates.0.revocation.status <<<"$out")" = unknown
check_that "host not on the allow-list: not contacted" test "$(grep -c "Received request" "$work/ocsp.log")" = "$requests"
out=$(verify --offline "$pki/holders/revoked.pem")
check_that "--offline: unknown, never a fake good" test "$(json_field - certificates.0.revocation.status <<<"$out")" = unknown
check_that "--offline: the JSON says why" test "$(json_field - certificates.0.revocation.reason_code <<<"$out")" = offline \
  -a -n "$(json_field - certificates.0.revocation.reason <<<"$out")"
out=$(verify --offline "$pki/holders/valid.pem")
check_that "--offline: a valid certificate is unconfirmed, not valid" test "$(json_field - verdict <<<"$out")" = unconfirmed
out=$(verify --at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$pki/holders/valid.pem")
check_that "--at: revocation not asked, said why" test "$(json_field - verdict certificates.0.revocation.reason_code <<<"$out")" = unconfirmed/other_time
stop_server

# Signed by a key the CA never delegated: rejected.
responder "$pki/holders/valid.pem" "$pki/holders/valid.key"
out=$(verify "$pki/holders/revoked.pem")
check_that "response signed by the wrong key: rejected (unknown)" test "$(json_field - certificates.0.revocation.status <<<"$out")" = unknown
stop_server

# Our own misbehaving responder: a good baseline, then stale and wrong-nonce answers.
for mode in good stale nonce; do
  run_bg /usr/bin/python3 "$here/tests/cert/ocsp_responder.py" "$pki" "$port" "$mode"
  wait_for 2.5 port_listening "$port"
  status=$(verify "$pki/holders/valid.pem" | json_field - certificates.0.revocation.status)
  case $mode in
    good) check_that "python responder baseline: good" test "$status" = good ;;
    stale) check_that "stale OCSP response (nextUpdate passed): rejected (unknown)" test "$status" = unknown ;;
    nonce) check_that "nonce mismatch: rejected (unknown)" test "$status" = unknown ;;
  esac
  stop_server
done

out=$(verify "$pki/holders/valid.pem")
check_that "responder down: unknown" test "$(json_field - certificates.0.revocation.status <<<"$out")" = unknown

# Accepts the connection and never answers: unknown within the timeout.
silent_listener "$port"
wait_for 2.5 port_listening "$port"
t0=$(date +%s%N)
out=$(verify "$pki/holders/valid.pem")
elapsed=$((($(date +%s%N) - t0) / 1000000))
check_that "silent responder: unknown" test "$(json_field - certificates.0.revocation.status <<<"$out")" = unknown
check_that "silent responder: amber (unconfirmed), never valid" test "$(json_field - verdict <<<"$out")" = unconfirmed
check_that "silent responder: the reason says no answer" test "$(json_field - certificates.0.revocation.reason_code <<<"$out")" = no_answer
check_that "silent responder: answered within the 1 s timeout (+1 s slack), took ${elapsed} ms" test "$elapsed" -lt 2000

stop_server

# OCSP down: the CRL from the distribution point decides, then its disk cache.
run_bg /usr/bin/python3 -m http.server "$crl_port" --bind 127.0.0.1 --directory "$pki" >/dev/null 2>&1
wait_for 2.5 port_listening "$crl_port"
out=$(verify "$pki/holders/revoked.pem")
check_that "OCSP down: revoked by CRL" test "$(json_field - certificates.0.revocation.status certificates.0.revocation.source <<<"$out")" = revoked/crl
out=$(verify "$pki/holders/valid.pem")
check_that "OCSP down: good by CRL" test "$(json_field - certificates.0.revocation.status <<<"$out")" = good
# Only the root is installed: the missing intermediate comes from AIA caIssuers.
cat >"$work/aia.yaml" <<YAML
verdict:
  trust_dir: $pki/root.pem
  revocation: { allowed_hosts: ["127.0.0.1:$crl_port"], timeout_ms: 1000, crl_cache_dir: "$work/crl-cache-aia" }
YAML
out=$("$kiosk" verify --json --offline --config "$work/aia.yaml" "$pki/holders/valid.pem" 2>/dev/null)
check_that "intermediate missing, offline: chain incomplete" test "$(json_field - certificates.0.chain <<<"$out")" = incomplete
out=$("$kiosk" verify --json --config "$work/aia.yaml" "$pki/holders/valid.pem" 2>/dev/null)
check_that "intermediate fetched by AIA: chain ok, verdict valid" test "$(json_field - certificates.0.chain verdict <<<"$out")" = ok/valid
stop_server
out=$(verify "$pki/holders/revoked.pem")
# Issue 15: a CRL kept on disk is the CRL (its own date shows), flagged as
# kept; "cache" now means only an earlier answer reused for want of one.
check_that "CRL server gone: revoked from the disk cache until nextUpdate" test "$(json_field - certificates.0.revocation.{status,source,crl_from_cache} <<<"$out")" = revoked/crl/true

# --- Issue 15: the whole path, PEM and DER, fresh answers ---------------------
run_bg /usr/bin/python3 -m http.server "$crl_port" --bind 127.0.0.1 --directory "$pki" >/dev/null 2>&1
wait_for 2.5 port_listening "$crl_port"
responder "$pki/ocsp.pem" "$pki/ocsp.key"
printf 'verdict:\n  trust_dir: %s/nowhere\n  revocation: { timeout_ms: 1000, crl_cache_dir: "%s/crl-path" }\n' "$work" "$work" >"$work/bare.yaml"
# As the issue reported it: --trust and --allow-host only, the CA as a file.
cli() { "$kiosk" verify --json --config "$work/bare.yaml" --trust "$pki/root.pem" --allow-host 127.0.0.1 "$@" 2>/dev/null; }
for form in "valid.pem ca.pem" "valid.pem ca.der" "valid.der ca.der" "valid.der ca.pem"; do
  set -- $form
  before=$(grep -c "Received request" "$work/ocsp.log")
  out=$(cli "$pki/holders/$1" "$pki/$2")
  check_that "$1 + $2: holder good by OCSP (a request was sent)" test "$(json_field - certificates.0.revocation.status certificates.0.revocation.source <<<"$out")/$(($(grep -c "Received request" "$work/ocsp.log") - before))" = good/ocsp/1
  check_that "$1 + $2: the issuing CA asked too, by the root's CRL" test "$(json_field - certificates.0.path.0.revocation.status certificates.0.path.0.revocation.source <<<"$out")" = good/crl
  check_that "$1 + $2: valid" test "$(json_field - verdict certificates.0.chain <<<"$out")" = valid/ok
done
cat "$pki/holders/valid.pem" "$pki/ca.pem" >"$work/bundle.pem"
out=$(cli "$work/bundle.pem")
check_that "a PEM bundle (holder + CA in one file): valid" test "$(json_field - verdict <<<"$out")" = valid
cp "$pki/root.pem" "$work/root.cert"
out=$("$kiosk" verify --json --config "$work/bare.yaml" --trust "$work/root.cert" --allow-host 127.0.0.1 "$pki/holders/valid.der" "$pki/ca.der" 2>/dev/null)
check_that "--trust names a file: read whatever its extension" test "$(json_field - verdict <<<"$out")" = valid

for ca in ca-expired:ca_expired ca-not-yet-valid:ca_not_yet_valid ca-revoked:ca_revoked; do
  name=${ca%%:*} chain=${ca##*:}
  for ext in pem der; do
    out=$(cli "$pki/under/$name.$ext" "$pki/$name.$ext")
    check_that "$name ($ext): chain $chain, verdict ca_invalid" test "$(json_field - certificates.0.chain verdict <<<"$out")" = "$chain/ca_invalid"
  done
  check_that "$name: the person reads that the issuing authority is not valid" test "$(json_field - reasons.0.key <<<"$out")" = "verdict.reason.$chain"
done
out=$(cli "$pki/under/ca-revoked.pem" "$pki/ca-revoked.pem")
check_that "revoked CA: revoked by the root's CRL" test "$(json_field - certificates.0.path.0.revocation.status certificates.0.path.0.revocation.source <<<"$out")" = revoked/crl
check_that "root (anchor) not asked" test "$(json_field - certificates.0.path.-1.{anchor,revocation} <<<"$out")" = true/null
out=$(cli --at "$(date -u -d '+10 days' +%Y-%m-%dT%H:%M:%SZ)" "$pki/under/ca-not-yet-valid.pem" "$pki/ca-not-yet-valid.pem")
check_that "--at after the CA's notBefore: the CA's dates are fine then" test "$(json_field - certificates.0.chain <<<"$out")" = ok
stop_server

# In one process, as in the kiosk: every check asks afresh while the
# responder answers; an earlier answer serves only when it does not.
run_bg /usr/bin/python3 "$here/tests/cert/ocsp_responder.py" "$pki" "$port" flip
wait_for 2.5 port_listening "$port"
out=$("$probe" "$pki/holders/valid.pem" "$pki/ca.pem" "127.0.0.1:$port" 3 2>&1)
check_that "first check: good (OCSP)" test "$(sed -n 1p <<<"$out")" = "good ocsp none"
check_that "second check, revoked since: revoked, asked afresh (not the cached good)" test "$(sed -n 2p <<<"$out")" = "revoked ocsp none"
check_that "third check, responder silent: the last real answer, marked cached, with why" test "$(sed -n 3p <<<"$out")" = "revoked cache no_answer"
stop_server

checks_summary "revocation integration"
