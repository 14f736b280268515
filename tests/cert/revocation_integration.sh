#!/usr/bin/env bash
# OCSP against OpenSSL's own responder on 127.0.0.1, through `verify`.
# Usage: revocation_integration.sh [path/to/eimza-kiosk] [path/to/revocation_probe]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
kiosk=${1:-$here/build/eimza-kiosk}
probe=${2:-$(dirname "$kiosk")/revocation_probe}
work=$(mktemp -d /tmp/eimza-ocsp-test.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

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
field() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
responder() {  # signer cert, key: OpenSSL's OCSP responder on $port
  openssl ocsp -index "$pki/index.txt" -port "$port" -rsigner "$1" -rkey "$2" -CA "$pki/ca.pem" -nmin 5 \
    >"$work/ocsp.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do grep -q "waiting" "$work/ocsp.log" 2>/dev/null && break; sleep 0.05; done
}
stop_responder() { kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null; }

responder "$pki/ocsp.pem" "$pki/ocsp.key"
out=$(verify "$pki/holders/valid.pem")
check "good by OCSP (delegated responder)" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = good
check "source ocsp, checked_at set" test "$(field "d['certificates'][0]['revocation']['source'] + str(bool(d['certificates'][0]['revocation']['checked_at']))" <<<"$out")" = ocspTrue
out=$(verify "$pki/holders/revoked.pem")
check "revoked by OCSP" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = revoked
# Issue 15: the reason for the revocation decides the process; the kiosk asks it.
check "revoked: verdict revoked, no process assumed (the person is asked why)" test "$(field "d['verdict'] + '/' + d['recommended_process']" <<<"$out")" = revoked/none
requests=$(grep -c "Received request" "$work/ocsp.log")
printf 'verdict:\n  trust_dir: %s/root.pem\n  intermediates_dir: %s/ca.pem\n' "$pki" "$pki" >"$work/closed.yaml"
out=$("$kiosk" verify --json --config "$work/closed.yaml" "$pki/holders/revoked.pem" 2>/dev/null)
check "host not on the allow-list: unknown" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = unknown
check "host not on the allow-list: not contacted" test "$(grep -c "Received request" "$work/ocsp.log")" = "$requests"
out=$(verify --offline "$pki/holders/revoked.pem")
check "--offline: unknown, never a fake good" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = unknown
check "--offline: the JSON says why" test "$(field "d['certificates'][0]['revocation']['reason_code'] + '/' + str(bool(d['certificates'][0]['revocation']['reason']))" <<<"$out")" = offline/True
out=$(verify --offline "$pki/holders/valid.pem")
check "--offline: a valid certificate is unconfirmed, not valid" test "$(field "d['verdict']" <<<"$out")" = unconfirmed
out=$(verify --at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$pki/holders/valid.pem")
check "--at: revocation not asked, said why" test "$(field "d['verdict'] + '/' + d['certificates'][0]['revocation']['reason_code']" <<<"$out")" = unconfirmed/other_time
stop_responder

# Signed by a key the CA never delegated: rejected.
responder "$pki/holders/valid.pem" "$pki/holders/valid.key"
out=$(verify "$pki/holders/revoked.pem")
check "response signed by the wrong key: rejected (unknown)" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = unknown
stop_responder

# Our own misbehaving responder: a good baseline, then stale and wrong-nonce answers.
for mode in good stale nonce; do
  /usr/bin/python3 "$here/tests/cert/ocsp_responder.py" "$pki" "$port" "$mode" &
  pids+=($!)
  for _ in $(seq 50); do grep -q ":$(printf '%04X' "$port") 00000000:0000 0A" /proc/net/tcp && break; sleep 0.05; done
  status=$(verify "$pki/holders/valid.pem" | field "d['certificates'][0]['revocation']['status']")
  case $mode in
    good) check "python responder baseline: good" test "$status" = good ;;
    stale) check "stale OCSP response (nextUpdate passed): rejected (unknown)" test "$status" = unknown ;;
    nonce) check "nonce mismatch: rejected (unknown)" test "$status" = unknown ;;
  esac
  stop_responder
done

out=$(verify "$pki/holders/valid.pem")
check "responder down: unknown" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = unknown

# Accepts the connection and never answers: unknown within the timeout.
/usr/bin/python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $port)); s.listen(5)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
" &
pids+=($!)
sleep 0.3
t0=$(date +%s%N)
out=$(verify "$pki/holders/valid.pem")
elapsed=$((($(date +%s%N) - t0) / 1000000))
check "silent responder: unknown" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = unknown
check "silent responder: amber (unconfirmed), never valid" test "$(field "d['verdict']" <<<"$out")" = unconfirmed
check "silent responder: the reason says no answer" test "$(field "d['certificates'][0]['revocation']['reason_code']" <<<"$out")" = no_answer
check "silent responder: answered within the 1 s timeout (+1 s slack), took ${elapsed} ms" test "$elapsed" -lt 2000

kill "${pids[-1]}" 2>/dev/null

# OCSP down: the CRL from the distribution point decides, then its disk cache.
/usr/bin/python3 -m http.server "$crl_port" --bind 127.0.0.1 --directory "$pki" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q ":$(printf '%04X' "$crl_port") 00000000:0000 0A" /proc/net/tcp && break; sleep 0.05; done
out=$(verify "$pki/holders/revoked.pem")
check "OCSP down: revoked by CRL" test "$(field "d['certificates'][0]['revocation']['status'] + '/' + d['certificates'][0]['revocation']['source']" <<<"$out")" = revoked/crl
out=$(verify "$pki/holders/valid.pem")
check "OCSP down: good by CRL" test "$(field "d['certificates'][0]['revocation']['status']" <<<"$out")" = good
# Only the root is installed: the missing intermediate comes from AIA caIssuers.
cat >"$work/aia.yaml" <<YAML
verdict:
  trust_dir: $pki/root.pem
  revocation: { allowed_hosts: ["127.0.0.1:$crl_port"], timeout_ms: 1000, crl_cache_dir: "$work/crl-cache-aia" }
YAML
out=$("$kiosk" verify --json --offline --config "$work/aia.yaml" "$pki/holders/valid.pem" 2>/dev/null)
check "intermediate missing, offline: chain incomplete" test "$(field "d['certificates'][0]['chain']" <<<"$out")" = incomplete
out=$("$kiosk" verify --json --config "$work/aia.yaml" "$pki/holders/valid.pem" 2>/dev/null)
check "intermediate fetched by AIA: chain ok, verdict valid" test "$(field "d['certificates'][0]['chain'] + '/' + d['verdict']" <<<"$out")" = ok/valid
kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null
out=$(verify "$pki/holders/revoked.pem")
# Issue 15: a CRL kept on disk is the CRL (its own date shows), flagged as
# kept; "cache" now means only an earlier answer reused for want of one.
check "CRL server gone: revoked from the disk cache until nextUpdate" test "$(field "d['certificates'][0]['revocation']['status'] + '/' + d['certificates'][0]['revocation']['source'] + '/' + str(d['certificates'][0]['revocation']['crl_from_cache'])" <<<"$out")" = revoked/crl/True

# --- Issue 15: the whole path, PEM and DER, fresh answers ---------------------
/usr/bin/python3 -m http.server "$crl_port" --bind 127.0.0.1 --directory "$pki" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q ":$(printf '%04X' "$crl_port") 00000000:0000 0A" /proc/net/tcp && break; sleep 0.05; done
responder "$pki/ocsp.pem" "$pki/ocsp.key"
printf 'verdict:\n  trust_dir: %s/nowhere\n  revocation: { timeout_ms: 1000, crl_cache_dir: "%s/crl-path" }\n' "$work" "$work" >"$work/bare.yaml"
# As the issue reported it: --trust and --allow-host only, the CA as a file.
cli() { "$kiosk" verify --json --config "$work/bare.yaml" --trust "$pki/root.pem" --allow-host 127.0.0.1 "$@" 2>/dev/null; }
for form in "valid.pem ca.pem" "valid.pem ca.der" "valid.der ca.der" "valid.der ca.pem"; do
  set -- $form
  before=$(grep -c "Received request" "$work/ocsp.log")
  out=$(cli "$pki/holders/$1" "$pki/$2")
  check "$1 + $2: holder good by OCSP (a request was sent)" test "$(field "d['certificates'][0]['revocation']['status'] + '/' + d['certificates'][0]['revocation']['source']" <<<"$out")/$(($(grep -c "Received request" "$work/ocsp.log") - before))" = good/ocsp/1
  check "$1 + $2: the issuing CA asked too, by the root's CRL" test "$(field "d['certificates'][0]['path'][0]['revocation']['status'] + '/' + d['certificates'][0]['path'][0]['revocation']['source']" <<<"$out")" = good/crl
  check "$1 + $2: valid" test "$(field "d['verdict'] + '/' + d['certificates'][0]['chain']" <<<"$out")" = valid/ok
done
cat "$pki/holders/valid.pem" "$pki/ca.pem" >"$work/bundle.pem"
out=$(cli "$work/bundle.pem")
check "a PEM bundle (holder + CA in one file): valid" test "$(field "d['verdict']" <<<"$out")" = valid
cp "$pki/root.pem" "$work/root.cert"
out=$("$kiosk" verify --json --config "$work/bare.yaml" --trust "$work/root.cert" --allow-host 127.0.0.1 "$pki/holders/valid.der" "$pki/ca.der" 2>/dev/null)
check "--trust names a file: read whatever its extension" test "$(field "d['verdict']" <<<"$out")" = valid

for ca in ca-expired:ca_expired ca-not-yet-valid:ca_not_yet_valid ca-revoked:ca_revoked; do
  name=${ca%%:*} chain=${ca##*:}
  for ext in pem der; do
    out=$(cli "$pki/under/$name.$ext" "$pki/$name.$ext")
    check "$name ($ext): chain $chain, verdict ca_invalid" test "$(field "d['certificates'][0]['chain'] + '/' + d['verdict']" <<<"$out")" = "$chain/ca_invalid"
  done
  check "$name: the person reads that the issuing authority is not valid" test "$(field "d['reasons'][0]['key']" <<<"$out")" = "verdict.reason.$chain"
done
out=$(cli "$pki/under/ca-revoked.pem" "$pki/ca-revoked.pem")
check "revoked CA: revoked by the root's CRL" test "$(field "d['certificates'][0]['path'][0]['revocation']['status'] + '/' + d['certificates'][0]['path'][0]['revocation']['source']" <<<"$out")" = revoked/crl
check "root (anchor) not asked" test "$(field "d['certificates'][0]['path'][-1]['anchor'] and d['certificates'][0]['path'][-1]['revocation'] is None" <<<"$out")" = True
out=$(cli --at "$(date -u -d '+10 days' +%Y-%m-%dT%H:%M:%SZ)" "$pki/under/ca-not-yet-valid.pem" "$pki/ca-not-yet-valid.pem")
check "--at after the CA's notBefore: the CA's dates are fine then" test "$(field "d['certificates'][0]['chain']" <<<"$out")" = ok
stop_responder

# In one process, as in the kiosk: every check asks afresh while the
# responder answers; an earlier answer serves only when it does not.
/usr/bin/python3 "$here/tests/cert/ocsp_responder.py" "$pki" "$port" flip &
pids+=($!)
for _ in $(seq 50); do grep -q ":$(printf '%04X' "$port") 00000000:0000 0A" /proc/net/tcp && break; sleep 0.05; done
out=$("$probe" "$pki/holders/valid.pem" "$pki/ca.pem" "127.0.0.1:$port" 3 2>&1)
check "first check: good (OCSP)" test "$(sed -n 1p <<<"$out")" = "good ocsp none"
check "second check, revoked since: revoked, asked afresh (not the cached good)" test "$(sed -n 2p <<<"$out")" = "revoked ocsp none"
check "third check, responder silent: the last real answer, marked cached, with why" test "$(sed -n 3p <<<"$out")" = "revoked cache no_answer"
kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null

echo "revocation integration: $failures failed"
((failures == 0))
