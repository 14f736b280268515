#!/usr/bin/env bash
# FORM-001-003 by e-mail against a real MTA: Debian's exim4 on 127.0.0.1 in a
# private network, mount and pid namespace. The kiosk's `print --mail-only`
# (the code path the window's print worker uses: documents::generate,
# form_001_003_mail, hw::send_mail) sends each route's mail; the test reads
# the delivered message from exim's maildir, opens the attached .xlsx, and
# checks that nothing personal stayed on disk on the kiosk side: /tmp,
# /var/tmp and /dev/shm are fresh tmpfs mounts scanned afterwards, and every
# file the kiosk opened for writing is listed by strace.
# Usage: mail_integration.sh [path/to/eimza-kiosk]. Takes about 10 s.
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
if [[ -z "${EIMZA_MAIL_NS:-}" ]]; then
  exec env EIMZA_MAIL_NS=1 unshare --mount --net --pid --fork --mount-proc --propagation private "$0" "$kiosk"
fi
ip link set lo up
# Fresh, empty scratch places for the kiosk; the MTA and the test's input live apart.
for d in /tmp /var/tmp /dev/shm; do mount -t tmpfs tmpfs "$d"; done
mta=/run/eimza-mta input=/run/eimza-input
mkdir -p "$mta" "$input"
mount -t tmpfs tmpfs "$mta"
mount -t tmpfs tmpfs "$input"
source "$here/tests/mail/private_exim.sh"
start_private_exim "$mta" 2525 || exit 1

tckn=73159482638
cat >"$input/person.json" <<JSON
{"tckn": "$tckn", "first_name": "İsmail Çağrı", "last_name": "Şenyürek", "birth_place": "Iğdır",
 "birth_date": "1980-04-23", "institution": "Ankara Şehir Hastanesi", "unit": "İstatistik ve Bilgi İşlem",
 "title": "Kayıtçı", "email": "ismail.senyurek@hastane.example", "phone": "0532 123 45 67",
 "address": "Üniversiteler Mahallesi 1604. Cadde Numara 9 Çankaya Ankara", "role": "registrar"}
JSON
config() {  # config ROUTE PORT
  cat >"$input/kiosk-$1-$2.yaml" <<YAML
content: { lost_stolen_route: $1 }
mail: { enabled: true, smtp_url: "smtp://127.0.0.1:$2", from: "eimza-kiosk@hastane.example", timeout_seconds: 10 }
YAML
  echo "$input/kiosk-$1-$2.yaml"
}
send() {  # send PROCESS ROUTE PORT: runs the kiosk under strace
  # LeakSanitizer cannot work under ptrace and aborts the sanitizer build;
  # leaks are checked by the runs without strace.
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" HOME=/tmp/home TMPDIR=/tmp strace -f -qq -e trace=openat,creat,rename,link,mknodat -o "$input/trace-$1-$2" \
    "$kiosk" print --process "$1" --person "$input/person.json" --mail-only --config "$(config "$2" "$3")" \
    >"$input/out-$1-$2" 2>"$input/err-$1-$2"
}
# The message exim delivered for PROCESS, as "subject|attachment name|xlsx strings|body".
read_mail() {
  python3 - "$mta/maildir/new" <<'PY'
import email, email.policy, io, sys, zipfile, pathlib
for path in sorted(pathlib.Path(sys.argv[1]).iterdir(), key=lambda p: p.stat().st_mtime):
    m = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    body = m.get_body(('plain',)).get_content()
    for part in m.iter_attachments():
        data = part.get_payload(decode=True)
        strings = zipfile.ZipFile(io.BytesIO(data)).read('xl/sharedStrings.xml').decode()
        print(m['To'], m['Subject'], part.get_filename(), part.get_content_type(), sep='|')
        print(strings)
        print(body)
    path.unlink()
PY
}
mail_delivered() { [[ -n "$(ls -A "$mta/maildir/new" 2>/dev/null)" ]]; }

started=$(date +%s)
for route in registrar_renewal:ankara lost_stolen:ankara lost_stolen:representative pin_puk_block:ankara; do
  process=${route%%:*} how=${route##*:}
  send "$process" "$how" 2525
  check_that "$process/$how: the kiosk reports the mail sent" grep -q "form_mail: sent" "$input/out-$process-$how"
  check_that "$process/$how: exim delivered it within 15 s" wait_for 15 mail_delivered
  mail=$(read_mail)
  check_that "$process/$how: to the person's own address" grep -q "^ismail.senyurek@hastane.example|FORM-001-003 Nitelikli Elektronik Sertifika Başvuru Listesi|form-001-003.xlsx|application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" <<<"$mail"
  check_that "$process/$how: the .xlsx holds the TCKN as text" grep -q "<t>$tckn</t>" <<<"$mail"
  check_that "$process/$how: VIP and Yedek are 'Hayır'" grep -q "<t>Hayır</t>" <<<"$mail"
  check_that "$process/$how: the birth date as GG.AA.YYYY" grep -q "<t>23.04.1980</t>" <<<"$mail"
  # Twice: under the .xlsx row and in the mail's text (content's form_001_003_note).
  check_that "$process/$how: the sheet and the mail say the columns are the kiosk's own layout" \
    test "$(grep -o "kioskun kendi düzenidir" <<<"$mail" | wc -l)" -ge 2
  case $route in
    registrar_renewal:*)
      check_that "$process: application type 'Diğer'" grep -q "<t>Diğer</t>" <<<"$mail"
      check_that "$process: the mail says where to send it, signed" grep -q "bilgi@kamusm.gov.tr" <<<"$mail" ;;
    lost_stolen:ankara)
      check_that "$process/ankara: sent on to ozcan.sisman (Ankara route)" grep -q "ozcan.sisman@saglik.gov.tr" <<<"$mail" ;;
    lost_stolen:representative)
      check_that "$process/representative: print --config honours lost_stolen_route" bash -c "! grep -q ozcan.sisman <<<\"\$0\" && grep -q 'sertifika temsilci' <<<\"\$0\"" "$mail" ;;
  esac
done
# A route without FORM-001-003 sends nothing.
send first_application ankara 2525
check_that "first_application: no FORM-001-003, no mail" grep -q "form_mail: none" "$input/out-first_application-ankara"
# The relay down: a clear failure, exit 1, nothing personal in the message.
send registrar_renewal ankara 2599
status=$?
check_that "relay unreachable: exit 1 and 'failed'" bash -c "[[ $status == 1 ]] && grep -q 'form_mail: failed' '$input/out-registrar_renewal-ankara'"
check_that "relay unreachable: the error names neither the person nor the address" \
  bash -c "! grep -Eq '$tckn|senyurek|Şenyürek' '$input/err-registrar_renewal-ankara'"

# Nothing personal on disk on the kiosk side.
check_that "no TCKN, name or address in /tmp, /var/tmp, /dev/shm" \
  bash -c "! grep -rlaE '$tckn|Şenyürek|senyurek' /tmp /var/tmp /dev/shm"
# libxlsxwriter's scratch files go to /dev/shm (RAM, unlinked at once: the scan above finds none left).
written=$(cat "$input"/trace-* | grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|rename|link' |
  grep -vE '"/dev/(null|tty|urandom)"|"/dev/shm/tmp\.|"/proc/self/fd/|ENOENT' || true)
scratch=$(cat "$input"/trace-* | grep -c '"/dev/shm/tmp\.' || true)
check_that "the kiosk opened no file on disk for writing (strace; $scratch RAM scratch files)" test -z "$written"
[[ -n "$written" ]] && echo "$written" | head -5
echo "mail integration: $(( $(date +%s) - started )) s"
checks_summary "mail integration"
