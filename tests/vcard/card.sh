#!/usr/bin/env bash
# Inserts and removes virtual cards in vpcd's readers.
#   card.sh insert PROFILE [--slot 0|1] [--faults RATE [--seed N]]
#                                         connect that profile's card (RATE: the
#                                         fraction of answers it spoils, vcard.py)
#   card.sh remove [--slot 0|1]           disconnect it
#   card.sh reset-pin PROFILE             forget the card's PIN counter
#   card.sh list                          the profiles
set -euo pipefail
dir=${EIMZA_VCARD_DIR:-/run/eimza-vcard}
here=$(cd "$(dirname "$0")" && pwd)
profiles="valid renewal_due expired not_yet_valid revoked pin_final_try pin_locked registrar no_pkcs15 garbage"
cmd=${1:-}
shift || true
profile=
slot=0
faults=()
while (($#)); do
  case "$1" in
    --slot) slot=$2; shift 2 ;;
    --faults|--seed) faults+=("$1" "$2"); shift 2 ;;
    *) profile=$1; shift ;;
  esac
done
pidfile="$dir/card$slot.pid"

remove() {
  if [[ -f "$pidfile" ]]; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
    rm -f "$pidfile"
    # Until pcscd has seen the pull, as it always does with a real reader.
    /usr/bin/python3 "$here/wait_reader.py" empty --slot "$slot" --timeout 5 || true
  fi
}

case "$cmd" in
  insert)
    [[ " $profiles " == *" $profile "* ]] || { echo "card.sh: unknown profile '$profile' ($profiles)" >&2; exit 2; }
    [[ -d "$dir/pki" ]] || "$here/../pki/make_pki.py" "$dir/pki" >/dev/null
    remove
    EIMZA_VCARD_DIR=$dir /usr/bin/python3 "$here/vcard.py" "$profile" --pki "$dir/pki" --state "$dir/cards" \
      --port $((35963 + slot)) "${faults[@]}" >>"$dir/card$slot.log" 2>&1 &
    echo $! >"$pidfile"
    ;;
  remove) remove ;;
  reset-pin) rm -f "$dir/cards/$profile.json" ;;
  list) echo "$profiles" ;;
  *) echo "usage: card.sh insert PROFILE [--slot N] | remove [--slot N] | reset-pin PROFILE | list" >&2; exit 2 ;;
esac
