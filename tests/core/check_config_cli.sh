#!/usr/bin/env bash
# eimza-kiosk check-config on the shipped configuration, a broken one, an
# unreadable one and no file at all: its messages and exit codes. < 1 s.
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
kiosk=$1
shipped=$2
scratch_dir dir eimza-check-config
exits() {  # exits DESCRIPTION EXPECTED_EXIT ACTUAL_EXIT
  if [[ $2 == "$3" ]]; then check "$1" ok; else check "$1" fail "exit $3, expected $2"; fi
}
expect_line() {  # expect_line OUTPUT LINE
  if grep -qxF -- "$2" <<<"$1"; then check "line '$2'" ok; else check "line '$2'" fail "not in:"; echo "$1"; fi
}

out=$("$kiosk" check-config "$shipped"); exits "the shipped configuration is valid" 0 $?
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
out=$("$kiosk" check-config "$dir/broken.yaml"); exits "a broken configuration is invalid" 1 $?
expect_line "$out" "$dir/broken.yaml:5: unknown key 'printer' in the top level"
expect_line "$out" "$dir/broken.yaml:2: idle_timeout_seconds must be a whole number"
expect_line "$out" "$dir/broken.yaml:4: each nes_policy_oids entry must be a text value"
expect_line "$out" "$dir/broken.yaml:6: 'metrics' must be a map"
expect_line "$out" "$dir/broken.yaml:7: data_controller must be a text value"
if [ "$(wc -l <<<"$out")" -eq 5 ]; then check "exactly 5 lines" ok; else check "exactly 5 lines" fail "got:"; echo "$out"; fi

printf 'kiosk: [unclosed\n' >"$dir/syntax.yaml"
out=$("$kiosk" check-config "$dir/syntax.yaml"); exits "a YAML syntax error is invalid" 1 $?
check_that "syntax error with its line" grep -q "^$dir/syntax.yaml:[0-9]*: YAML syntax" <<<"$out" || echo "$out"

out=$("$kiosk" check-config "$dir/missing.yaml"); exits "a missing file is invalid" 1 $?
expect_line "$out" "$dir/missing.yaml:0: cannot open $dir/missing.yaml"

"$kiosk" check-config 2>/dev/null; exits "no file is a usage error" 2 $?
"$kiosk" check-config a.yaml b.yaml 2>/dev/null; exits "two files are a usage error" 2 $?
"$kiosk" check-config --bogus 2>/dev/null; exits "an unknown option is a usage error" 2 $?
out=$("$kiosk" check-config --help); exits "--help" 0 $?
check_that "help text" grep -q "^Usage: eimza-kiosk check-config FILE" <<<"$out" || echo "$out"

checks_summary "check-config"
