#!/usr/bin/env bash
# Renders every named screen in both languages (landscape, plus portrait for
# Home) into docs/screens/. Fails if any screen cannot be rendered.
set -euo pipefail
kiosk=$1
out=$2
mkdir -p "$out"
names=$("$kiosk" screenshot --help 2>&1 | sed -n 's/^Screens: //p')
[[ -n "$names" ]] || { echo "screenshots: no screen names from $kiosk" >&2; exit 1; }
count=0
for name in $names; do
  for lang in tr en; do
    "$kiosk" screenshot --screen "$name" --lang "$lang" --out "$out/$name-$lang.png"
    count=$((count + 1))
  done
done
for lang in tr en; do
  "$kiosk" screenshot --screen home --lang "$lang" --size 1080x1920 --out "$out/home-portrait-$lang.png"
  count=$((count + 1))
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
