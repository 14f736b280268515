# shellcheck shell=bash
# The integration scripts' shared pieces (tests/*/*.sh, image/*-test.sh).
# Sourced, never run: it defines functions and starts nothing until called.
#   . "$here/tests/lib.sh"
# Safe under set -u, and under set -e but for check and check_that, which
# return false on a failed check; no function exits the script.

# --- checks -------------------------------------------------------------------
# One line a check, read by people in the CI log: "ok   NAME" or
# "FAIL NAME: detail". checks_run and checks_failed may be added to by a
# script that counts another program's checks as its own.
checks_run=0
checks_failed=0

# check NAME ok|fail [DETAIL]: records a result the script judged itself.
check() {
  checks_run=$((checks_run + 1))
  if [[ $2 == ok ]]; then
    echo "ok   $1"
  else
    echo "FAIL $1${3:+: $3}"
    checks_failed=$((checks_failed + 1))
    return 1
  fi
}

# check_that NAME COMMAND...: the check passes when COMMAND succeeds.
check_that() {
  local name=$1
  shift
  if "$@"; then check "$name" ok; else check "$name" fail; fi
}

# checks_summary [LABEL]: "LABEL: N checks, F failed"; false if any failed.
checks_summary() {
  echo "${1:+$1: }$checks_run checks, $checks_failed failed"
  ((checks_failed == 0))
}

# --- waiting ------------------------------------------------------------------
# wait_for SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds
# (true) or SECONDS (fractions allowed) have passed (false). The deadline is
# on the clock, not a count of tries, so a slow COMMAND cannot stretch it.
wait_for() {
  local seconds=$1 whole fraction deadline
  shift
  whole=${seconds%%.*}
  fraction=000000
  [[ $seconds == *.* ]] && fraction=${seconds#*.}000000
  deadline=$(($(_lib_now_us) + 10#${whole:-0} * 1000000 + 10#${fraction:0:6}))
  until "$@"; do
    (($(_lib_now_us) < deadline)) || return 1
    sleep 0.05
  done
}
_lib_now_us() { echo "${EPOCHREALTIME//[!0-9]/}"; }

# log_has_from FILE LINE PATTERN: PATTERN (grep) appears in FILE at or after
# LINE. grep reads a copy, because "tail | grep -q" fails under pipefail when
# grep stops early and tail, with more than a pipe's worth left, gets SIGPIPE.
log_has_from() {
  grep -q "$3" <(tail -n +"$2" "$1" 2>/dev/null)
}

# --- ports --------------------------------------------------------------------
# free_port: a TCP port on 127.0.0.1 nothing listens on now, as the kernel
# chooses it (Debian's python3, not whichever is first in PATH).
free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# port_listening PORT: something listens on TCP PORT, IPv4 or IPv6 (openssl
# ocsp -port listens on [::]). Read from /proc, never by connecting: a probe
# connection counts as a client for some servers (vpcd takes any connection
# for a card).
port_listening() {
  grep -q ":$(printf '%04X' "$1") [0-9A-F]*:0000 0A" /proc/net/tcp /proc/net/tcp6
}

# --- JSON ---------------------------------------------------------------------
# json_field FILE|- KEY...: each KEY's value, joined by "/". A KEY is a path
# of object keys and list indexes (negative from the end), "*" for every
# element of a list: certificates.0.revocation.status, path.-1.anchor,
# certificates.*.role. Text prints as it is, anything else as compact JSON
# (true, null, ["nes","registrar"]). Nothing is evaluated; a missing key
# prints nothing and fails.
json_field() {
  /usr/bin/python3 -c '
import json, sys
def get(value, parts):
    if not parts:
        return value
    part, rest = parts[0], parts[1:]
    if part == "*":
        return [get(item, rest) for item in value]
    return get(value[int(part)] if isinstance(value, list) else value[part], rest)
def text(value):
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
try:
    data = json.load(sys.stdin if sys.argv[1] == "-" else open(sys.argv[1], encoding="utf-8"))
    print("/".join(text(get(data, key.split("."))) for key in sys.argv[2:]))
except (OSError, ValueError, LookupError, TypeError) as error:
    sys.exit(f"json_field {sys.argv[1]} {sys.argv[2:]}: {error!r}")' "$@"
}

# --- cleanup ------------------------------------------------------------------
# on_exit COMMAND [ARGS...]: run when the script exits, however it exits,
# the last registered first (what was started last goes first: the kiosk
# before its X server, both before their directory). Arguments are kept as
# given now.
_lib_on_exit=()
on_exit() {
  local command
  printf -v command '%q ' "$@"
  _lib_on_exit+=("$command")
  # Installed with the first command, so sourcing the file changes nothing.
  trap _lib_run_on_exit EXIT
}
_lib_run_on_exit() {
  local i
  for ((i = ${#_lib_on_exit[@]} - 1; i >= 0; i--)); do
    eval "${_lib_on_exit[i]}" || true
  done
  _lib_on_exit=()
}

# scratch_dir VAR PREFIX: a new directory /tmp/PREFIX.XXXXXX in $VAR,
# removed on exit.
scratch_dir() {
  local _lib_dir  # named apart: a local "dir" would hide the caller's $dir
  _lib_dir=$(mktemp -d "/tmp/$2.XXXXXX") || return 1
  printf -v "$1" '%s' "$_lib_dir"
  on_exit rm -rf "$_lib_dir"
}

# stop_pids PID...: ends processes this script started and reaps them, quietly;
# one already gone is no error. A stopped process (SIGSTOP) acts on SIGTERM
# only once continued.
stop_pids() {
  local pid
  for pid; do
    if [[ -n $pid ]] && kill "$pid" 2>/dev/null; then kill -CONT "$pid" 2>/dev/null || true; fi
  done
  # Waits only for one not reaped yet: bash complains of a second wait,
  # 2>/dev/null or not.
  for pid; do
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
}

# run_bg COMMAND...: COMMAND in the background, stopped on exit if still
# running; its pid is then in $bg_pid.
run_bg() {
  "$@" &
  bg_pid=$!
  on_exit stop_pids "$bg_pid"
}

# silent_listener PORT: in the background (as run_bg), a server on
# 127.0.0.1:PORT that accepts connections and never answers a byte, for the
# timeouts.
silent_listener() {
  run_bg /usr/bin/python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(5)
connections = []
while True:
    connection, _ = s.accept(); connections.append(connection)' "$1"
}

# --- the virtual card stack ---------------------------------------------------
_lib_tests=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# card_stack_in DIR: this script's virtual card stack (tests/vcard) keeps its
# state in DIR, exported as EIMZA_VCARD_DIR; $card and $stack are then its
# two scripts, and the stack is stopped on exit. DIR is the caller's to remove.
# shellcheck disable=SC2034  # $card is for the caller
card_stack_in() {
  EIMZA_VCARD_DIR=$1
  export EIMZA_VCARD_DIR
  card=$_lib_tests/vcard/card.sh
  stack=$_lib_tests/vcard/stack.sh
  on_exit "$stack" stop
}

# --- X server -----------------------------------------------------------------
# start_xvfb WIDTHxHEIGHT: an Xvfb on a free display, stopped on exit;
# exports DISPLAY once it accepts connections; its pid is then in $xvfb.
# Xvfb picks the display itself (-displayfd: the first one it can bind) and
# writes its number only when ready, so two tests starting at once never
# share one, and nothing is polled but that number.
start_xvfb() {
  local ready
  ready=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "$1x24" -nolisten tcp 3>"$ready" >/dev/null 2>&1 &
  xvfb=$!
  on_exit stop_pids "$xvfb"
  if ! wait_for 10 grep -q '^[0-9]' "$ready"; then
    echo "start_xvfb: Xvfb did not start" >&2
    rm -f "$ready"
    return 1
  fi
  DISPLAY=:$(head -1 "$ready")
  export DISPLAY
  rm -f "$ready"
}
