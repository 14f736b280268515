#!/usr/bin/env bash
# Renders every named screen in both languages (landscape, plus portrait for
# Home), and the main ones in the large-text and high-contrast modes, into docs/screens/. Fails if any screen cannot be rendered.
# The verdicts' token screens come from the kiosk's own verdict on the test PKI
# (verdict_screens.sh), not from the samples.
set -euo pipefail
kiosk=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
names=$("$kiosk" screenshot --help 2>&1 | sed -n 's/^Screens: //p')
[[ -n "$names" ]] || { echo "screenshots: no screen names from $kiosk" >&2; exit 1; }
from_engine=" $("$here/verdict_screens.sh" --list | tr '\n' ' ') "
"$here/verdict_screens.sh" "$kiosk" "$out"
count=0
for name in $names; do
  [[ "$from_engine" == *" $name "* ]] && continue
  for lang in tr en; do
    "$kiosk" screenshot --screen "$name" --lang "$lang" --out "$out/$name-$lang.png"
    count=$((count + 1))
  done
done
for lang in tr en; do
  "$kiosk" screenshot --screen home --lang "$lang" --size 1080x1920 --out "$out/home-portrait-$lang.png"
  count=$((count + 1))
done
# The large-text and high-contrast modes of the screens a person walks through.
mkdir -p "$out/modes"
for mode in large high-contrast; do
  for name in home token-valid token-revoked token-unconfirmed processes process-renewal-payment \
              process-lost-payment details details-long printed idle-countdown; do
    for lang in tr en; do
      "$kiosk" screenshot --screen "$name" --lang "$lang" --mode "$mode" --out "$out/modes/$name-$mode-$lang.png"
      count=$((count + 1))
    done
  done
  for name in home details process-lost-payment; do
    "$kiosk" screenshot --screen "$name" --lang tr --mode "$mode" --size 1080x1920 \
      --out "$out/modes/$name-portrait-$mode-tr.png"
    count=$((count + 1))
  done
done
# Every step of every process, both languages.
mkdir -p "$out/steps"
for name in $("$kiosk" screenshot --help 2>&1 | sed -n 's/^Steps: //p'); do
  file=$(tr ':' '-' <<<"${name#step:}")
  for lang in tr en; do
    "$kiosk" screenshot --screen "$name" --lang "$lang" --out "$out/steps/$file-$lang.png"
    count=$((count + 1))
  done
done
echo "screenshots: $count PNG files in $out"
