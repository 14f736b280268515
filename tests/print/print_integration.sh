#!/usr/bin/env bash
# Documents and printing against a real, private cupsd with a file: queue
# (Generic PDF PPD, A4) and a fault-injecting backend.
# Usage: print_integration.sh [path/to/eimza-kiosk]
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
scratch_dir work eimza-print-test

# A private cupsd: every directory under $work.
source "$here/tests/print/private_cupsd.sh"
start_private_cupsd "$work"
ppd=/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd
lpadmin -p lobby -E -v "file://$work/out/lobby.pdf" -P "$ppd" -o PageSize=A4 -o printer-error-policy=abort-job 2>/dev/null
for mode in paper fail hang; do
  lpadmin -p "$mode" -E -v "fault:/$mode" -P "$ppd" -o PageSize=A4 -o printer-error-policy=abort-job 2>/dev/null
done

touch "$work/started"
person=$work/person.json
cat >"$person" <<JSON
{"tckn": "73159482638", "first_name": "İsmail Çağrı", "last_name": "Şenyürek", "birth_place": "Iğdır",
 "birth_date": "1980-04-23", "institution": "Ankara Şehir Hastanesi", "unit": "İstatistik ve Bilgi İşlem",
 "title": "Uzman Hekim", "email": "ismail.senyurek@example.org", "phone": "0532 123 45 67",
 "address": "Üniversiteler Mahallesi 1604. Cadde Numara 9 Çankaya Ankara", "role": "family_physician"}
JSON

# Every process, both languages: documents generated and their text right.
for process in first_application renewal registrar_renewal lost_stolen pin_puk_block identity_update card_reader; do
  for lang in tr en; do
    out=$work/docs-$process-$lang
    "$kiosk" print --process "$process" --person "$person" --lang "$lang" --out-dir "$out" >/dev/null
    # Lines joined: a long value may wrap inside its box.
    text=$(for f in "$out"/*.pdf; do pdftotext "$f" -; done | tr -s '\n ' '  ')
    if [[ $process != card_reader ]]; then  # the card reader checklist holds nothing personal
      check_that "$process/$lang: TCKN and name on the documents" bash -c "grep -q 73159482638 <<<\"\$0\" && grep -q 'Şenyürek' <<<\"\$0\"" "$text"
    fi
    [[ $lang == tr && $process != card_reader ]] && check_that "$process/$lang: 'Sertifika' intact (no fi ligature)" grep -q "Sertifika" <<<"$text"
    check_that "$process/$lang: printed through cupsd" \
      test "$("$kiosk" print --process "$process" --person "$person" --lang "$lang" --printer lobby --timeout 30 2>/dev/null)" = completed
    case $process in
      first_application)
        check_that "$process/$lang: Halk Bankası IBAN grouped in fours" grep -q "TR93 0001 2009 4570 0044 0000 04" <<<"$text"
        check_that "$process/$lang: receipt description" grep -q "İsmail Çağrı Şenyürek 73159482638 Mini Kart Okuyucu ve 3 Yıllık NES bedeli" <<<"$text"
        check_that "$process/$lang: İstatistik in the cover letter" grep -q "İstatistik" <<<"$text" ;;
      lost_stolen)
        check_that "$process/$lang: Kayıp/Çalıntı as the application type on the summary" grep -q "Kayıp/Çalıntı" <<<"$text"
        check_that "$process/$lang: the .xlsx has the TCKN as text" \
          bash -c "unzip -p '$out/form-001-003.xlsx' xl/sharedStrings.xml | grep -q '<t>73159482638</t>'"
        check_that "$process/$lang: the .xlsx and the summary say the columns are the kiosk's own layout, not the template" \
          bash -c "unzip -p '$out/form-001-003.xlsx' xl/sharedStrings.xml | grep -q 'kioskun kendi düzenidir' && grep -q -e 'kioskun kendi düzenidir' -e \"kiosk's own layout\" <<<\"\$0\"" "$text" ;;
      pin_puk_block)
        check_that "$process/$lang: Vakıfbank Gebze IBAN and TCKN-only description" \
          bash -c "grep -q 'TR19 0001 5001 5800 7302 8234 68' <<<\"\$0\" && grep -q 'Dekont açıklaması' <<<\"\$0\"" "$text" ;;
    esac
  done
done

# Bad person data: precise errors, exit 2.
echo '{"tckn": "10000000111"}' >"$work/bad-tckn.json"
"$kiosk" print --process renewal --person "$work/bad-tckn.json" --out-dir "$work/x" 2>/dev/null; code=$?
check_that "failing TCKN checksum: exit 2" test "$code" = 2
echo '{oops' >"$work/bad.json"
"$kiosk" print --process renewal --person "$work/bad.json" --out-dir "$work/x" 2>/dev/null; code=$?
check_that "malformed JSON: exit 2" test "$code" = 2
"$kiosk" print --process nothing --person "$person" --out-dir "$work/x" 2>/dev/null; code=$?
check_that "unknown process: exit 2" test "$code" = 2

# Printing through cupsd.
t0=$(date +%s%N)
result=$("$kiosk" print --process renewal --person "$person" --printer lobby 2>&1)
check_that "printed on the file queue: completed ($(( ($(date +%s%N) - t0) / 1000000 )) ms for 4 documents)" test "$result" = completed
check_that "the printed PDF is there and says İstatistik" bash -c "pdftotext '$work/out/lobby.pdf' - | grep -q İstatistik"
no_left_jobs() { test -z "$(lpstat -o 2>/dev/null)"; }

result=$("$kiosk" print --process renewal --person "$person" --printer paper --timeout 20 2>/dev/null)
check_that "out of paper: reported as such" test "$result" = out_of_paper
check_that "out of paper: no job left to print later" no_left_jobs
cupsenable paper
result=$("$kiosk" print --process renewal --person "$person" --printer fail --timeout 20 2>/dev/null)
check_that "backend failure: failed" test "$result" = failed
check_that "backend failure: no job left" no_left_jobs
result=$("$kiosk" print --process renewal --person "$person" --printer hang --timeout 3 2>/dev/null)
check_that "hung backend: timed out after 3 s" test "$result" = timed_out
check_that "hung backend: the job was cancelled" no_left_jobs
cupsdisable lobby
result=$("$kiosk" print --process renewal --person "$person" --printer lobby --timeout 10 2>/dev/null)
check_that "disabled queue: paused, nothing submitted" test "$result" = paused
cupsenable lobby
cupsreject lobby
result=$("$kiosk" print --process renewal --person "$person" --printer lobby --timeout 10 2>/dev/null)
check_that "rejecting queue: not accepting" test "$result" = not_accepting
cupsaccept lobby
result=$("$kiosk" print --process renewal --person "$person" --printer nowhere --timeout 10 2>/dev/null)
check_that "unknown printer: no_printer" test "$result" = no_printer

# Nothing personal left in CUPS's spool, cache, state or logs, nor in /tmp
# (the printed output itself aside).
leftovers=$( { grep -rl -e 73159482638 -e "Şenyürek" "$work"/{spool,cache,state,log} 2>/dev/null
               find /tmp -newer "$work/started" -type f -not -path "$work/*" -exec grep -l -e 73159482638 {} + 2>/dev/null; } |
            grep -v "^$work/docs-" | grep -v "^$work/person.json" | grep -v "^$work/out/" || true)
check_that "no personal data in spool, cache, logs or /tmp" test -z "$leftovers"
[[ -n "$leftovers" ]] && echo "  found in: $leftovers"

checks_summary "print integration"
