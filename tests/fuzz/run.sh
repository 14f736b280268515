#!/usr/bin/env bash
# Builds the verdict fuzzer with clang (libFuzzer + ASan + UBSan) and runs it
# for a bounded time over the kept corpus. EIMZA_FUZZ_SECONDS changes the
# budget (default 60). New inputs are written to a scratch corpus, so the
# kept one only changes when someone copies findings in on purpose.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$here/build-fuzz
seconds=${EIMZA_FUZZ_SECONDS:-60}
mkdir -p "$out/corpus"
cp -n "$here"/tests/fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -I"$here" \
  "$here/tests/fuzz/fuzz_verdict.cpp" "$here"/hw/cert/{certificate,verdict_engine,verdict,tckn,revocation}.cpp \
  "$here"/hw/base/*.cpp -lcrypto -lcurl -o "$out/fuzz_verdict"
"$out/fuzz_verdict" -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1 "$out/corpus" 2>&1 | tail -15
