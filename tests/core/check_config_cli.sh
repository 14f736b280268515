#!/usr/bin/env bash
# eimza-kiosk check-config on the shipped configuration, a broken one, an
# unreadable one and no file at all: its messages and exit codes. < 1 s.
set -uo pipefail
kiosk=$1
shipped=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
check() {  # check DESCRIPTION EXPECTED_EXIT ACTUAL_EXIT
  if [ "$2" != "$3" ]; then echo "FAIL: $1 (exit $3, expected $2)"; failures=$((failures + 1)); fi
}
expect_line() {  # expect_line OUTPUT LINE
  if ! grep -qxF -- "$2" <<<"$1"; then echo "FAIL: no line '$2' in:"; echo "$1"; failures=$((failures + 1)); fi
}

out=$("$kiosk" check-config "$shipped"); check "the shipped configuration is valid" 0 $?
expect_line "$out" "$shipped: valid"

cat >"$dir/broken.yaml" <<'YAML'
kiosk:
  idle_timeout_seconds: soon
verdict:
  nes_policy_oids: [1.2.3, {oid: 4}]
printer: lobby
metrics: 5
site: { name: Ankara Şehir Hastanesi, data_controller: [Başhekimlik, Müdürlük] }
YAML
out=$("$kiosk" check-config "$dir/broken.yaml"); check "a broken configuration is invalid" 1 $?
expect_line "$out" "$dir/broken.yaml:5: unknown key 'printer' in the top level"
expect_line "$out" "$dir/broken.yaml:2: idle_timeout_seconds must be a whole number"
expect_line "$out" "$dir/broken.yaml:4: each nes_policy_oids entry must be a text value"
expect_line "$out" "$dir/broken.yaml:6: 'metrics' must be a map"
expect_line "$out" "$dir/broken.yaml:7: data_controller must be a text value"
[ "$(wc -l <<<"$out")" -eq 5 ] || { echo "FAIL: expected 5 lines:"; echo "$out"; failures=$((failures + 1)); }

printf 'kiosk: [unclosed\n' >"$dir/syntax.yaml"
out=$("$kiosk" check-config "$dir/syntax.yaml"); check "a YAML syntax error is invalid" 1 $?
grep -q "^$dir/syntax.yaml:[0-9]*: YAML syntax" <<<"$out" || { echo "FAIL: syntax: $out"; failures=$((failures + 1)); }

out=$("$kiosk" check-config "$dir/missing.yaml"); check "a missing file is invalid" 1 $?
expect_line "$out" "$dir/missing.yaml:0: cannot open $dir/missing.yaml"

"$kiosk" check-config 2>/dev/null; check "no file is a usage error" 2 $?
"$kiosk" check-config a.yaml b.yaml 2>/dev/null; check "two files are a usage error" 2 $?
"$kiosk" check-config --bogus 2>/dev/null; check "an unknown option is a usage error" 2 $?
out=$("$kiosk" check-config --help); check "--help" 0 $?
grep -q "^Usage: eimza-kiosk check-config FILE" <<<"$out" || { echo "FAIL: help: $out"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] && echo "check-config: all checks passed"
exit $((failures > 0))
