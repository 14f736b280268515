#!/usr/bin/env bash
# Configures and builds into build/ (or the directory given), quietly.
# Extra arguments go to cmake's configure step.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$here/build}
shift || true
mkdir -p "$dir"
cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >"$dir/configure.log" 2>&1 || {
  cat "$dir/configure.log" >&2
  exit 1
}
# The build's own status, not the filter's: a failed compile must fail here.
cmake --build "$dir" -j"$(nproc)" 2>&1 | { grep -Ev '^\[ *[0-9]+%\]|^Consolidate compiler|^gmake' || true; }
test "${PIPESTATUS[0]}" -eq 0
