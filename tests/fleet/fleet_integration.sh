#!/usr/bin/env bash
# The real kiosk through a whole session, as systemd would run it: Xvfb, the
# virtual card stack (pcscd → vpcd → card emulator, OCSP responder), a
# private cupsd, and a private systemd-journald reading its stderr stream.
# Checks the metrics file (strictly, and through node_exporter's textfile
# collector), the counters kept across a restart, the journal's structured
# fields, and that the holder's name and TCKN are nowhere: not in the
# journal, the metrics, the counters, nor any file written under the state
# directories, /tmp, /dev/shm, /var/tmp or $HOME.
# Usage: fleet_integration.sh [eimza-kiosk] [fleet_metrics_tool]   (root)
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
kiosk=${1:-$here/build/eimza-kiosk}
tool=${2:-$here/build/fleet_metrics_tool}

# journald, pcscd and vpcd listen at fixed places (/run/systemd/journal/…,
# /run/pcscd/, TCP 35963, the demo OCSP responder on 18888): in private
# mount, network and PID namespaces our own run beside the host's and any
# other test's, and neither side can disturb the other.
if [[ -z "${EIMZA_FLEET_NAMESPACE:-}" ]]; then
  exec env EIMZA_FLEET_NAMESPACE=1 unshare --mount --net --pid --fork --mount-proc --propagation private \
    "$0" "$kiosk" "$tool"
fi
ip link set lo up

. "$here/tests/lib.sh"
scratch_dir work eimza-fleet-test
card_stack_in "$work/vcard"

# --- a private journald ----------------------------------------------------
mkdir -p /run/systemd/journal /run/log /run/pcscd
mount -t tmpfs tmpfs /run/systemd/journal
mount -t tmpfs tmpfs /run/log
mount -t tmpfs tmpfs /run/pcscd
[[ -d /var/log/journal ]] && mount -t tmpfs tmpfs /var/log/journal  # the host's persistent journal
mkdir -p /run/log/journal
run_bg /lib/systemd/systemd-journald >"$work/journald.log" 2>&1
check_that "a private systemd-journald runs" wait_for 10 test -S /run/systemd/journal/socket
journal() { journalctl -D /run/log/journal --no-pager "$@" 2>/dev/null; }
# The kiosk logged a line matching $1 (at least $2 times).
kiosk_said() { (($(journal -o cat SYSLOG_IDENTIFIER=eimza-kiosk | grep -c -- "$1") >= ${2:-1})); }

# --- display, cards, printer, node_exporter ----------------------------------
mkdir -p "$work"/{state,textfile,sample,crl,cups}
touch "$work/started"
start_xvfb 1920x1080
"$stack" start >/dev/null || echo "FAIL card stack did not start"
source "$here/tests/print/private_cupsd.sh"
chmod 755 "$work"  # cupsd runs filters and backends as lp, under $work/cups
start_private_cupsd "$work/cups"
lpadmin -p lobby -E -v fault:/discard -P /usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd -o PageSize=A4 2>/dev/null
port=$(free_port)
run_bg prometheus-node-exporter --collector.disable-defaults --collector.textfile \
  --collector.textfile.directory="$work/textfile" --web.listen-address="127.0.0.1:$port" >"$work/exporter.log" 2>&1
sample_port=$(free_port)
run_bg prometheus-node-exporter --collector.disable-defaults --collector.textfile \
  --collector.textfile.directory="$work/sample" --web.listen-address="127.0.0.1:$sample_port" >/dev/null 2>&1
wait_for 10 port_listening "$port" && wait_for 10 port_listening "$sample_port"
scrape() { curl -s "http://127.0.0.1:$1/metrics"; }
# A series' value as node_exporter serves it (the kiosk's file, parsed by it).
metric() { scrape "$port" | awk -v series="$1" 'index($0, series " ") == 1 { print $NF }'; }
metric_equals() { [[ "$(metric "$1")" == "$2" ]]; }
metric_is() {
  wait_for 10 metric_equals "$1" "$2" && return 0
  echo "     $1 is '$(metric "$1")', not '$2'"
  return 1
}
prom=$work/textfile/eimza_kiosk.prom

# --- the format, with awkward label values -----------------------------------
"$tool" sample "$work/sample"
check_that "sample file: strict format and lint" "$tool" check "$work/sample/eimza_kiosk.prom"
sample=$(scrape "$sample_port")
check_that "sample file: node_exporter reads it without error" grep -qx 'node_textfile_scrape_error 0' <<<"$sample"
check_that "sample file: quotes, backslash, newline and Turkish in a label survive node_exporter" \
  grep -qF 'eimza_kiosk_content_info{version="2026-11 \"İl Sağlık\" \\ v2\nrev"} 1' <<<"$sample"

# --- the kiosk, as systemd runs it -------------------------------------------
pki=$EIMZA_VCARD_DIR/pki
name=$(json_field "$pki/holders/pin_locked.json" name)
tckn=$(json_field "$pki/holders/pin_locked.json" tckn)
cat >"$work/kiosk.yaml" <<YAML
kiosk:
  display: { fullscreen: true, width: 1920, height: 1080 }
verdict:
  trust_dir: $pki/root.pem
  intermediates_dir: $pki/ca.pem
  revocation: { allowed_hosts: ["127.0.0.1:18888", "127.0.0.1:18889"], timeout_ms: 1000, crl_cache_dir: $work/crl }
printing: { queue: lobby, timeout_seconds: 30 }
metrics: { dir: $work/textfile, state_dir: $work/state, interval_seconds: 1 }
YAML
# As for the kiosk's unit (StandardError=journal, UMask=0077): stderr is
# journald's stream and JOURNAL_STREAM names it (device:inode), which is how
# the kiosk knows.
start_kiosk() {
  systemd-cat -t eimza-kiosk bash -c 'umask 077; export JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2); exec "$0" "$@"' \
    "$kiosk" --config "$work/kiosk.yaml" &
  app=$!
  on_exit stop_pids "$app"
}
stop_kiosk() { stop_pids "$app"; }
start_kiosk
check_that "first frame shown" wait_for 10 kiosk_said "first frame shown"
check_that "metrics: up" metric_is eimza_kiosk_up 1
check_that "metrics: ready" metric_is eimza_kiosk_ready 1
check_that "metrics: card service up" metric_is eimza_kiosk_card_service_up 1
check_that "metrics: reader present" metric_is eimza_kiosk_reader_present 1
check_that "metrics: printer ok" metric_is eimza_kiosk_printer_ok 1
version=$(sed -n 's/^version: *"\(.*\)"$/\1/p' "$here/assets/content/content.yaml")
check_that "metrics: content version ($version)" metric_is "eimza_kiosk_content_info{version=\"$version\"}" 1
check_that "the real file: strict format and lint" "$tool" check "$prom"
check_that "node_exporter reads the real file without error" metric_is node_textfile_scrape_error 0
check_that "the file is mode 0644" test "$(stat -c %a "$prom")" = 644
mtime=$(stat -c %y "$prom")
sleep 2.2
check_that "the file is rewritten every interval even when nothing changes (mtime moves)" test "$(stat -c %y "$prom")" != "$mtime"
echo "     (the file: $(stat -c %s "$prom") bytes, $(grep -vc '^#' "$prom") samples)"

# --- a whole session: card, reveal, process, details, print -----------------
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.4; }
cupsdisable lobby
check_that "metrics: a stopped queue shows as paused" metric_is 'eimza_kiosk_printer_state{state="paused"}' 1
"$card" insert pin_locked
check_that "card read, verdict in the journal" wait_for 10 kiosk_said "verdict pin_blocked"
check_that "revocation answered by OCSP" wait_for 10 kiosk_said "revocation\] answer: good" 1
# Coordinates as on docs/screens/ (1920x1080): the token screen's Show
# number, then the recommended process.
click 1705 392
click 1000 998
check_that "metrics: the process counts as started" metric_is 'eimza_kiosk_processes_started_total{process="pin_puk_block"}' 1
click 960 878    # "Is your PUK blocked too?" Yes (revocation was answered: "already revoked?" is not asked)
click 1564 998   # Next: from "have it revoked" to "tell your representative", where the papers are printed
click 959 878    # Enter my details (prefilled from the card)
click 1411 998   # Done
click 1413 878   # Print
check_that "printing on a stopped queue fails, logged as an error" wait_for 10 kiosk_said "printing failed: paused"
check_that "metrics: the failure counts" metric_is eimza_kiosk_print_failures_total 1
cupsenable lobby
click 1412 998   # Try again (the primary button after a fault)
check_that "printed once the queue is back" wait_for 10 kiosk_said "documents ([0-9]* pages) printed for pin_puk_block"
check_that "metrics: printer ok again" metric_is eimza_kiosk_printer_ok 1
pages=$(journal -o cat SYSLOG_IDENTIFIER=eimza-kiosk | sed -n 's/.*documents (\([0-9]*\) pages) printed.*/\1/p' | tail -1)
check_that "metrics: pages printed ($pages)" metric_is eimza_kiosk_pages_printed_total "$pages"
click 1412 998   # Finish
"$card" remove
check_that "metrics: one session" metric_is eimza_kiosk_sessions_total 1
check_that "metrics: one pin_blocked verdict" metric_is 'eimza_kiosk_verdicts_total{verdict="pin_blocked"}' 1
check_that "metrics: the process counts as finished" metric_is 'eimza_kiosk_processes_finished_total{process="pin_puk_block"}' 1

# OCSP down: the CRL decides and is cached; its age shows.
kill "$(cat "$EIMZA_VCARD_DIR/ocsp.pid")" && rm -f "$EIMZA_VCARD_DIR/ocsp.pid"
# The stack serves the PKI's CRLs on 18889 (the issuing CA's root CRL was
# fetched with the first card).
wait_for 10 port_listening 18889
"$card" insert valid
check_that "OCSP down: revocation answered from the CRL" wait_for 10 kiosk_said "revocation\] answer: good" 2
"$card" remove
# Issue 15: the root's CRL (for the issuing CA) is cached too.
check_that "metrics: two CRLs cached (the CA's and the root's)" metric_is eimza_kiosk_crls_cached 2
age=$(metric eimza_kiosk_oldest_crl_age_seconds)
check_that "metrics: its age is its thisUpdate's, a day ago ($age s)" test "${age:-0}" -ge 86400 -a "${age:-0}" -lt 86500
check_that "metrics: the valid verdict" metric_is 'eimza_kiosk_verdicts_total{verdict="valid"}' 1

check_that "metrics: the reader triage at rest is R04" metric_is 'eimza_kiosk_reader_triage{code="R04",reason="no_card"}' 1
"$card" insert garbage
check_that "an unreadable card is logged as a warning" wait_for 10 kiosk_said "card could not be read"
check_that "metrics: a known card whose token is not recognised is R07" \
  metric_is 'eimza_kiosk_reader_triage{code="R07",reason="token_not_recognised"}' 1
"$card" remove
check_that "metrics: the read failure counts" metric_is eimza_kiosk_card_read_failures_total 1
check_that "metrics: by its triage code" metric_is 'eimza_kiosk_card_read_failures_by_code_total{code="R07",reason="token_not_recognised"}' 1
check_that "metrics: back to R04 once the card is out" metric_is 'eimza_kiosk_reader_triage{code="R04",reason="no_card"}' 1
check_that "metrics: three sessions" metric_is eimza_kiosk_sessions_total 3

stop_kiosk
check_that "a clean exit leaves up 0 and ready 0" bash -c "grep -qx 'eimza_kiosk_up 0' '$prom' && grep -qx 'eimza_kiosk_ready 0' '$prom'"
check_that "the exit file: strict format and lint" "$tool" check "$prom"
check_that "counters saved" grep -qx "sessions 3" "$work/state/counters"
check_that "counters file: only the counters' names" bash -c "! grep -v '^#' '$work/state/counters' | grep -Evq '^[a-z_]+(\.[a-z_]+)? [0-9]+$'"

start_kiosk
check_that "after a restart: up again" metric_is eimza_kiosk_up 1
check_that "after a restart: the counters continue" metric_is eimza_kiosk_sessions_total 3
check_that "after a restart: the pages too" metric_is eimza_kiosk_pages_printed_total "$pages"
stop_kiosk

# An ASan build reports into the same stream.
check_that "no sanitizer report from the kiosk" bash -c \
  "! journalctl -D /run/log/journal -o cat SYSLOG_IDENTIFIER=eimza-kiosk 2>/dev/null | grep -E -A12 'ERROR: [A-Za-z]+Sanitizer|runtime error:'"

# --- the journal's structured fields ----------------------------------------
journal -o json SYSLOG_IDENTIFIER=eimza-kiosk >"$work/journal.json"
fields() {
  python3 - "$work/journal.json" "$@" <<'PY'
import json, sys
entries = [json.loads(line) for line in open(sys.argv[1])]
want = dict(arg.split("=", 1) for arg in sys.argv[2:])
sys.exit(0 if any(all(e.get(k) == v for k, v in want.items()) for e in entries) else 1)
PY
}
check_that "journal: info entry with its fields" fields MESSAGE="[startup] kiosk started" PRIORITY=6 EIMZA_EVENT=startup \
  EIMZA_SEVERITY=info SYSLOG_IDENTIFIER=eimza-kiosk _TRANSPORT=journal
check_that "journal: warning entry (PRIORITY 4)" fields MESSAGE="[token] card could not be read" PRIORITY=4 \
  EIMZA_EVENT=token EIMZA_SEVERITY=warning _TRANSPORT=journal
check_that "journal: the failed read carries its triage code" fields MESSAGE="[token] card could not be read" EIMZA_TRIAGE=R07
check_that "journal: the triage entry, with its field" fields EIMZA_EVENT=triage EIMZA_TRIAGE=R07 PRIORITY=4 _TRANSPORT=journal
check_that "journal: filtering by triage code works" bash -c \
  "journalctl -D /run/log/journal -o cat EIMZA_TRIAGE=R07 2>/dev/null | grep -q '^\[triage\] R07 token_not_recognised: ATR '"
check_that "journal: error entry (PRIORITY 3)" bash -c "grep -q '\"EIMZA_SEVERITY\":\"error\"' '$work/journal.json' && grep -q '\"PRIORITY\":\"3\"' '$work/journal.json'"
check_that "journal: no kiosk line came through the plain stream" bash -c \
  "! journalctl -D /run/log/journal -o json SYSLOG_IDENTIFIER=eimza-kiosk _TRANSPORT=stdout 2>/dev/null | grep -q 'MESSAGE\":\"\\['"
check_that "journal: filtering by event works" bash -c \
  "journalctl -D /run/log/journal -o cat EIMZA_EVENT=print 2>/dev/null | grep -q 'printing failed'"

# --- nothing personal anywhere ------------------------------------------------
upper=$(python3 -c 'import sys; print(sys.argv[1].replace("i", "İ").replace("ı", "I").upper())' "$name")
surname=${name##* }
upper_surname=${upper##* }
ascii=$(python3 -c 'import sys; t=str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU"); print(sys.argv[1].translate(t))' "$name")
patterns=("$tckn" "$name" "$upper" "$surname" "$upper_surname" "$ascii" "${ascii##* }")
printf '%s\n' "${patterns[@]}" >"$work/patterns"
check_that "the test knows whom to look for (${#patterns[@]} forms: TCKN, name, upper case, surname, ASCII)" \
  test -n "$surname" -a "$upper" != "$name"
check_that "the search finds them where they are: the card's own data" grep -qFf "$work/patterns" "$pki/holders/pin_locked.json"
leaks=$(journal -o export | grep -aFf "$work/patterns" | head -3)
check_that "journal (every field of every entry): no name, no TCKN" test -z "$leaks"
[[ -n "$leaks" ]] && echo "  $leaks"
# The virtual cards' own PKI holds the name, as a real card does: it is the
# card, not something the kiosk wrote (ours, and any other test's running).
files=$( { find "$work" -type f -not -path "$EIMZA_VCARD_DIR/*" -not -name patterns -not -name journal.json
           find /tmp /dev/shm /var/tmp "$HOME" /run/log/journal -xdev -type f -newer "$work/started" \
             -not -path "$work/*" -not -path "*/pki/*" 2>/dev/null; } | sort -u)
count=$(wc -l <<<"$files")
leaks=$(xargs -r -d '\n' grep -alFf "$work/patterns" <<<"$files" 2>/dev/null)
check_that "$count files written (metrics, counters, CRL cache, cupsd's spool/cache/logs, journal files, /tmp, /dev/shm, \$HOME): no name, no TCKN" test -z "$leaks"
[[ -n "$leaks" ]] && echo "  found in: $leaks"
check_that "journal.json itself holds no name or TCKN" bash -c "! grep -aqFf '$work/patterns' '$work/journal.json'"

if ((checks_failed > 0)); then
  echo "--- the kiosk's journal (last lines)"
  journal -o cat SYSLOG_IDENTIFIER=eimza-kiosk | tail -40
fi
checks_summary "fleet integration"
