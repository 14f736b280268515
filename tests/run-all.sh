#!/usr/bin/env bash
# README command 2 (and CI's only step): install what is missing, build the
# kiosk twice (release with -Werror, and ASan+UBSan), run every test against
# the real daemons, fuzz for a bounded time, regenerate docs/screens.
# Needs root: the integration tests start pcscd, cupsd and others.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
started=$(date +%s)
passed=0
failed=0
failures=()

stage() { printf '\n=== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

# Adds a ctest run's counts ("N% tests passed, F tests failed out of T").
count_ctest() {
  local log=$1 name=$2 line total bad
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)
  if [[ -z "$line" ]]; then
    if grep -q 'No tests were found' "$log"; then return 0; fi
    failed=$((failed + 1)); failures+=("$name: ctest did not run"); return 0
  fi
  bad=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
  ((bad == 0)) || failures+=("$name: $bad failed (see above)")
}

run_check() {  # name, command...: one pass or one failure; returns the command's success
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); return 0; fi
  failed=$((failed + 1)); failures+=("$name"); return 1
}

stage "dependencies"
kiosk/install-deps.sh || exit 1

stage "build (release, -Werror)"
kiosk/build.sh "$here/build" || { echo "0 passed, 1 failed"; exit 1; }

# The OS image's tests (image/test-all.sh: the .deb into a fresh Debian 12, the
# lockdown checks, QEMU boots with USB CCID readers, provisioning, the A/B
# update through OVMF; about 35 minutes) run beside everything below:
# emulation keeps a core busy while the tests mostly wait on their daemons. Its
# /tmp is its own: its disks hold the test cards' names, which the fleet test's
# privacy scan of /tmp would rightly report.
stage "image tests: started in the background (log build/image-tests.log)"
# Sticky and world-writable as /tmp is: the provisioning test runs
# `eimza-kiosk provision` as an ordinary user, as IT would.
mkdir -p "$here/build/image-tmp"
chmod 1777 "$here/build/image-tmp"
unshare --mount --propagation private bash -c 'mount --bind "$1" /tmp && exec image/test-all.sh "$2"' \
  _ "$here/build/image-tmp" "$here/build/image" >"$here/build/image-tests.log" 2>&1 &
image_pid=$!

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

stage "unit and integration tests (release)"
ctest --test-dir build --output-on-failure -j2 --timeout 600 2>&1 | tee build/ctest.log
count_ctest build/ctest.log "release"

stage "build (ASan + UBSan)"
# Niced: the image job's emulation is CI's longest path and has boot deadlines;
# this build has neither.
nice -n 10 kiosk/build.sh "$here/build-asan" -DEIMZA_SANITIZE=ON || { echo "0 passed, 1 failed"; exit 1; }

stage "unit tests and sanitizer integration tests (ASan + UBSan)"
ctest --test-dir build-asan --output-on-failure -j2 -L 'unit|asan' --timeout 900 2>&1 | tee build-asan/ctest.log
count_ctest build-asan/ctest.log "asan"

if [[ -x tests/fuzz/run.sh ]]; then
  stage "fuzzing (bounded)"
  run_check "fuzz" tests/fuzz/run.sh
fi

stage "image tests (started after the release build; waiting for them)"
wait "$image_pid"
image_status=$?
cat build/image-tests.log
image_passed=$(grep -c '^PASSED: ' build/image-tests.log)
passed=$((passed + image_passed))
while IFS= read -r line; do failed=$((failed + 1)); failures+=("${line#FAILED: }"); done < <(grep '^FAILED: ' build/image-tests.log)
if ((image_status != 0)) && ! grep -q '^FAILED: ' build/image-tests.log; then
  failed=$((failed + 1)); failures+=("image tests: stopped with status $image_status")
fi

stage "screenshots -> docs/screens"
run_check "screenshots" tests/ui/screenshots.sh "$here/build/eimza-kiosk" "$here/docs/screens"

stage "summary"
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "total time $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
((failed == 0))
