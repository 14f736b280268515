#!/usr/bin/env bash
# Signed content updates end to end: openssl makes the signing key and the
# TLS certificates, a real HTTPS server on 127.0.0.1 publishes bundles, and
# eimza-kiosk content-sign / content-verify / content-update do the rest.
# Usage: content_update_integration.sh [path/to/eimza-kiosk]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=$(realpath "${1:-$here/build/eimza-kiosk}")  # absolute: the units' ExecStart= is pointed at it
scratch_dir work eimza-content-update
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
contains() { grep -qF -- "$2" <<<"$1"; }

# --- keys: IT's signing key, a stranger's, the server's TLS certificate and an unrelated CA
newcert() {  # name, subject, extra args...
  local name=$1 subject=$2; shift 2
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "$subject" \
    -keyout "$work/$name.key" -out "$work/$name.pem" "$@" 2>/dev/null
}
newcert it "/O=Ankara Il Saglik Mudurlugu/CN=eimza-kiosk content"
newcert other "/CN=Someone Else"
newcert tls "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1"
newcert stranger "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1"

# --- content variants
shipped=$here/assets/content
variant() {  # name, sed expression on content.yaml
  cp -r "$shipped" "$work/$1"
  sed -i "$2" "$work/$1/content.yaml"
}
variant v1 's/^version: .*/version: "v1"/'
variant fee '0,/amount: ~/s//amount: 1234.5/; 0,/as_of: ~/s//as_of: "2026-11-20"/; s/^version: .*/version: "fee"/'
variant v3 's/^version: .*/version: "v3"/'
variant bad_iban 's/0000 04"/0000 05"/; s/^version: .*/version: "bad-iban"/'
variant big 's/^version: .*/version: "big"/'
head -c 70000 /dev/zero | tr '\0' 'x' | sed 's/^/# /' >>"$work/big/content.yaml"

sign() { "$kiosk" content-sign --key "$work/${3:-it}.key" --cert "$work/${3:-it}.pem" --out "$work/$2.p7m" "$work/$1" >/dev/null; }
# Bundles content-sign refuses to make, built the way an attacker or a careless script would.
cms_sign() { openssl cms -sign -binary -nodetach -outform DER -signer "$work/it.pem" -inkey "$work/it.key" -in "$1" -out "$2"; }

t0=$(date +%s%N)
sign v1 v1
sign_ms=$(ms_since "$t0")
sign fee fee
sign v1 other other
sign v3 v3
sign big big
/usr/bin/python3 - "$work/fee.p7m" "$work/tampered.p7m" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[data.index("1234.5".encode())] ^= 0x01
open(sys.argv[2], "wb").write(data)
PY
tar --format=ustar -C "$work/bad_iban" -cf "$work/bad_iban.tar" content.yaml processes
cms_sign "$work/bad_iban.tar" "$work/bad_iban.p7m"
/usr/bin/python3 - "$shipped" "$work/traversal.tar" "$work/symlink.tar" <<'PY'
import io, sys, tarfile
shipped, traversal, symlink = sys.argv[1:4]
def add(tar, name, data):
    info = tarfile.TarInfo(name); info.size = len(data); tar.addfile(info, io.BytesIO(data))
with tarfile.open(traversal, "w", format=tarfile.USTAR_FORMAT) as tar:
    add(tar, "content.yaml", open(shipped + "/content.yaml", "rb").read())
    add(tar, "processes/../../../escaped.yaml", b"id: renewal\n")
with tarfile.open(symlink, "w", format=tarfile.USTAR_FORMAT) as tar:
    add(tar, "content.yaml", open(shipped + "/content.yaml", "rb").read())
    info = tarfile.TarInfo("processes/renewal.yaml"); info.type = tarfile.SYMTYPE; info.linkname = "/etc/shadow"
    tar.addfile(info)
PY
cms_sign "$work/traversal.tar" "$work/traversal.p7m"
cms_sign "$work/symlink.tar" "$work/symlink.p7m"

# --- content-sign and content-verify, as IT uses them
out=$("$kiosk" content-sign --key "$work/it.key" --cert "$work/it.pem" --out "$work/refused.p7m" "$work/bad_iban" 2>&1)
rc=$?
check_that "content-sign refuses invalid content (exit 1), names the problem" test "$rc/$(contains "$out" IBAN && echo named)" = 1/named
check_that "content-sign wrote nothing for invalid content" test ! -e "$work/refused.p7m"
"$kiosk" content-sign --key "$work/other.key" --cert "$work/it.pem" --out "$work/x.p7m" "$work/v1" >/dev/null 2>&1
check_that "content-sign: a key that is not the certificate's (exit 1)" test $? = 1
"$kiosk" content-sign --key "$work/it.key" "$work/v1" >/dev/null 2>&1
check_that "content-sign: missing options (exit 2)" test $? = 2

verify() { "$kiosk" content-verify --cert "$work/it.pem" "$@" 2>&1; }
expect_verify() {  # what, exit code, text, args...
  local what=$1 code=$2 text=$3 out rc; shift 3
  out=$(verify "$@"); rc=$?
  check_that "content-verify $what: exit $code" test "$rc" = "$code"
  [[ -z "$text" ]] || check_that "content-verify $what: says '$text'" contains "$out" "$text"
}
t0=$(date +%s%N)
expect_verify "good bundle" 0 "content valid (version v1" "$work/v1.p7m"
verify_ms=$(ms_since "$t0")
expect_verify "other signer" 1 "signed by CN=Someone Else, not by the configured certificate" "$work/other.p7m"
expect_verify "tampered byte" 1 "altered or damaged" "$work/tampered.p7m"
expect_verify "bad IBAN inside" 1 "content NOT valid" "$work/bad_iban.p7m"
expect_verify "path traversal" 1 "climbs out of the content directory" "$work/traversal.p7m"
expect_verify "symlink entry" 1 "is a symbolic link" "$work/symlink.p7m"
expect_verify "a plain tar, unsigned" 1 "not a signed bundle" "$work/bad_iban.tar"
expect_verify "over --max-bytes" 1 "more than max_bytes" --max-bytes 1000 "$work/v1.p7m"
expect_verify "missing bundle file" 2 "" "$work/nonexistent.p7m"
expect_verify "without a bundle" 2 ""
"$kiosk" content-verify --cert "$work/nonexistent.pem" "$work/v1.p7m" >/dev/null 2>&1
check_that "content-verify: unreadable certificate (exit 2)" test $? = 2
# IT can look inside with plain openssl and tar.
listing=$(openssl cms -verify -binary -inform DER -in "$work/v1.p7m" -certfile "$work/it.pem" -noverify 2>/dev/null | tar tf -)
check_that "openssl cms + tar read a bundle" contains "$listing" "processes/renewal.yaml"

# --- the HTTPS server
www=$work/www
state=$work/state
mkdir -p "$www"
port=$(free_port)
start_server() {
  run_bg /usr/bin/python3 "$here/tests/content/https_server.py" "$www" "$port" "$work/tls.pem" "$work/tls.key" \
    >"$work/server.log" 2>&1
  wait_for 5 grep -q listening "$work/server.log" && return
  echo "the HTTPS server did not start"; cat "$work/server.log"
}
# The server started last (run_bg).
stop_server() { stop_pids "$bg_pid"; }
publish() { cp "$work/$1.p7m" "$www/content.p7m"; }
config() {  # file, extra content_update lines...
  local file=$1; shift
  {
    printf 'content:\n  dir: %s/content-current\n  last_good_dir: %s/last-good\n' "$state" "$state"
    printf 'content_update:\n  url: https://127.0.0.1:%s/content.p7m\n  signer_cert: %s/it.pem\n' "$port" "$work"
    printf '  state_dir: %s\n' "$state"
    for line in "$@"; do printf '  %s\n' "$line"; done
  } >"$file"
}
config "$work/kiosk.yaml" "ca_file: $work/tls.pem" "timeout_seconds: 5"
config "$work/untrusted.yaml" "ca_file: $work/stranger.pem" "timeout_seconds: 5"
config "$work/small.yaml" "ca_file: $work/tls.pem" "max_bytes: 65536"
config "$work/quick.yaml" "ca_file: $work/tls.pem" "timeout_seconds: 1"
update() { "$kiosk" content-update --config "${1:-$work/kiosk.yaml}" 2>>"$work/update.log"; }
field() { sed -n "s/^$1=//p" "$state/content-update.status"; }
current() { readlink "$state/content-current"; }
current_valid() { "$kiosk" check-content "$state/content-current" >/dev/null; }

start_server
publish v1
t0=$(date +%s%N)
update
rc=$?
install_ms=$(ms_since "$t0")
check_that "first bundle: installed (exit 0, result ok)" test "$rc/$(field result)" = 0/ok
check_that "first bundle: content-current is a link into content-versions/" test "$(current | cut -d/ -f1)" = content-versions
check_that "first bundle: the installed content validates" current_valid
check_that "first bundle: status names version v1" test "$(field current_version)" = v1
first=$(current)

t0=$(date +%s%N)
update
rc=$?
unchanged_ms=$(ms_since "$t0")
check_that "same bundle again: unchanged (exit 0)" test "$rc/$(field result)" = 0/unchanged
check_that "same bundle again: nothing switched" test "$(current)" = "$first"

publish fee
update
check_that "changed fee: installed" test "$(field result)/$(field current_version)" = ok/fee
check_that "changed fee: the new amount is in the content the kiosk reads" grep -q "amount: 1234.5" "$state/content-current/content.yaml"
check_that "changed fee: the previous version is kept" test -f "$state/$first/content.yaml"
success=$(field last_success)
good=$(current)
sign fee fee_again
publish fee_again
update
check_that "same content signed again: unchanged" test "$(field result)" = unchanged

failed_update() {  # what, bundle (or empty to publish nothing), result, message text, config
  local what=$1 bundle=$2 result=$3 text=$4 config=${5:-$work/kiosk.yaml} rc
  if [[ -n "$bundle" ]]; then publish "$bundle"; fi
  sed -i 's/^last_attempt=.*/last_attempt=2000-01-01T00:00:00Z/' "$state/content-update.status"
  update "$config"
  rc=$?
  check_that "$what: exit 1, result $result" test "$rc/$(field result)" = "1/$result"
  check_that "$what: status says '$text'" contains "$(field message)" "$text"
  check_that "$what: content-current unchanged and valid" test "$(current)" = "$good" -a -f "$state/$good/content.yaml"
  check_that "$what: last_attempt set, last_success kept" test "$(field last_attempt)" != 2000-01-01T00:00:00Z -a "$(field last_success)" = "$success"
}
success=$(field last_success)
failed_update "wrong signer" other bad_signature "signed by CN=Someone Else"
failed_update "tampered bundle" tampered bad_signature "altered or damaged"
failed_update "signed bundle with a bad IBAN" bad_iban invalid_content "IBAN"
failed_update "path traversal" traversal invalid_bundle "climbs out"
check_that "path traversal: nothing written outside" test ! -e "$work/escaped.yaml" -a ! -e "$state/escaped.yaml"
failed_update "symlink entry" symlink invalid_bundle "symbolic link"
failed_update "bundle over max_bytes" big invalid_bundle "larger than max_bytes" "$work/small.yaml"
rm -f "$www/content.p7m"
failed_update "nothing published (404)" "" download_failed "HTTP 404"
publish v3
failed_update "server certificate not trusted" "" download_failed "TLS certificate is not trusted" "$work/untrusted.yaml"
stop_server
failed_update "server down" "" download_failed "cannot reach the server"
# Accepts connections and never answers, not even the TLS handshake.
silent_listener "$port"
wait_for 5 port_listening "$port"
t0=$(date +%s%N)
failed_update "silent server" "" download_failed "no complete answer within 1 s" "$work/quick.yaml"
silent_ms=$(ms_since "$t0")
check_that "silent server: gave up within the 1 s timeout (+1 s slack), took ${silent_ms} ms" test "$silent_ms" -lt 2000
stop_server
check_that "after every failure the kiosk's content still validates" current_valid

# --- interrupted install: killed at the moment the new link would be made
start_server
publish v3
# (the subshell keeps bash's "Killed" notice out of the test output)
(strace -f -o "$work/strace.log" -e trace=rename,symlink,symlinkat -e inject=symlink,symlinkat:signal=KILL \
  "$kiosk" content-update --config "$work/kiosk.yaml" >/dev/null 2>&1; exit $?) 2>/dev/null
rc=$?
check_that "interrupted: killed by SIGKILL at symlink(2)" test "$rc" = 137
new_version=$(ls "$state/content-versions" | grep -v -e "${good#content-versions/}" -e "${first#content-versions/}")
check_that "interrupted: the new version was complete before the link would flip" \
  eval '"$kiosk" check-content "$state/content-versions/$new_version" >/dev/null'

check_that "interrupted: the new directory was renamed into place before symlink(2)" \
  grep -qE 'rename\(.*\.incoming-.*content-versions/[0-9]{8}T' "$work/strace.log"
check_that "interrupted: content-current still the previous version, intact" test "$(current)" = "$good"
check_that "interrupted: the previous version still validates" current_valid
check_that "interrupted: the status file is whole (last run's result)" test "$(field result)" = download_failed
update
check_that "after the interruption the next run installs v3" test "$(field result)/$(field current_version)" = ok/v3
check_that "only the current and the previous version remain" test "$(ls -A "$state/content-versions" | wc -l)" = 2
check_that "no leftovers of the interrupted run" test ! -e "$state/.content-current.new"

# --- configuration
printf 'content_update:\n  url: http://127.0.0.1:%s/content.p7m\n  signer_cert: %s/it.pem\n' "$port" "$work" >"$work/http.yaml"
"$kiosk" content-update --config "$work/http.yaml" >/dev/null 2>&1
check_that "content-update: a plain http:// url is a configuration error (exit 2)" test $? = 2
printf 'kiosk:\n  language: tr\n' >"$work/off.yaml"
out=$("$kiosk" content-update --config "$work/off.yaml" 2>&1)
check_that "content-update without content_update.url: nothing to do (exit 0)" test "$?/$(contains "$out" "not configured" && echo said)" = 0/said

# --- the systemd units parse (their ExecStart pointed at this build)
units=$work/units
mkdir -p "$units"
for unit in "$here"/image/units/eimza-kiosk-content-update.{service,timer}; do
  sed "s|/usr/bin/eimza-kiosk|$kiosk|" "$unit" >"$units/$(basename "$unit")"
done
analysis=$(cd "$units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no \
  eimza-kiosk-content-update.service eimza-kiosk-content-update.timer 2>&1)
check_that "systemd-analyze verify: units clean${analysis:+ ($analysis)}" test -z "$analysis"

echo "timings: content-sign ${sign_ms} ms, content-verify ${verify_ms} ms, first install over HTTPS ${install_ms} ms, unchanged ${unchanged_ms} ms"
checks_summary "content update integration"
