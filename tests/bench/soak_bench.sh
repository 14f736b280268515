#!/usr/bin/env bash
# The long run (docs/performance.md): one kiosk process, fullscreen under
# Xvfb, on the real card stack (pcscd → vpcd → card emulator → OpenSC, the
# OCSP responder), through SESSIONS sessions: a card inserted (holders in
# rotation), its verdict, three taps (the language switch there and back,
# and a tap on nothing), the card removed. Among them, faults in the same
# process: cards pulled mid-read, cards that answer nonsense or hold no
# e-signature application, pcscd killed and the OCSP responder killed at
# random moments (both started again).
# Every SAMPLE_EVERY sessions it records the kiosk's resident memory, open
# fds, threads and CPU to a TSV; at the end, CPU per tap and per X input
# event, CPU per card read, hangs (a verdict later than the read timeout
# allows) and whether the process survived.
# Usage: soak_bench.sh [eimza-kiosk] [robot_plan] [SESSIONS] [OUT.tsv]   (root)
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/lib.sh"
kiosk=${1:-$here/build/eimza-kiosk}
plan_tool=${2:-$(dirname "$kiosk")/robot_plan}
sessions=${3:-1000}
out=${4:-/tmp/eimza-soak.tsv}
sample_every=${SAMPLE_EVERY:-50}
seed=${SEED:-16}

# pcscd, vpcd and the OCSP responder listen at fixed places (/run/pcscd,
# TCP 35963, 18888): in private mount, network and PID namespaces this run
# neither disturbs nor is disturbed by another test's card stack.
if [[ -z "${EIMZA_SOAK_NAMESPACE:-}" ]]; then
  exec env EIMZA_SOAK_NAMESPACE=1 unshare --mount --net --pid --fork --mount-proc --propagation private \
    "$0" "$kiosk" "$plan_tool" "$sessions" "$out"
fi
ip link set lo up
mkdir -p /run/pcscd
mount -t tmpfs tmpfs /run/pcscd

scratch_dir work eimza-soak
card_stack_in "$work/vcard"
RANDOM=$seed

start_xvfb 1920x1080 || exit 1
"$stack" start >/dev/null || { echo "soak: the card stack did not start" >&2; exit 1; }
pki=$EIMZA_VCARD_DIR/pki
read_timeout=10
cat >"$work/kiosk.yaml" <<EOF
kiosk:
  display: { fullscreen: true, width: 1920, height: 1080 }
  idle_timeout_seconds: 600
token:
  read_timeout_ms: $((read_timeout * 1000))
verdict:
  trust_dir: $pki/root.pem
  intermediates_dir: $pki/ca.pem
  revocation:
    allowed_hosts: ["127.0.0.1:18888"]
    timeout_ms: 1000
    crl_cache_dir: $work/crl
EOF
"$kiosk" --config "$work/kiosk.yaml" >"$work/kiosk.log" 2>&1 &
app=$!
on_exit stop_pids "$app"
wait_for 20 grep -q "first frame shown" "$work/kiosk.log" || { echo "soak: the kiosk did not start" >&2; exit 1; }
if grep -q "\[config\]" "$work/kiosk.log"; then grep "\[config\]" "$work/kiosk.log" >&2; exit 1; fi

"$plan_tool" plan 1920x1080 >"$work/plan" || exit 1
read -r lang_x lang_y <<<"$(awk '$2 == "language" { print $3, $4 }' "$work/plan")"
tap() { xdotool mousemove "$1" "$2" click 1; }

hz=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$app/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$app/status"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$app/status"; }
fds() { ls "/proc/$app/fd" | wc -l; }
verdicts() { grep -c "verdict " "$work/kiosk.log"; }
verdicts_above() { (($(verdicts) > $1)); }
# Waits until the kiosk has logged more than $1 verdicts; false after $2 s.
wait_verdict() { wait_for "$2" verdicts_above "$1"; }

# As tests/vcard/stack.sh starts it (which does nothing while pcscd runs).
start_ocsp() {
  setsid openssl ocsp -index "$pki/index.txt" -port 18888 -rsigner "$pki/ocsp.pem" -rkey "$pki/ocsp.key" \
    -CA "$pki/ca.pem" -nmin 60 >>"$EIMZA_VCARD_DIR/ocsp.log" 2>&1 &
  echo $! >"$EIMZA_VCARD_DIR/ocsp.pid"
}

holders=(valid renewal_due expired revoked registrar not_yet_valid pin_final_try)
taps=0 tap_ticks=0 reads=0 read_ticks=0 hangs=0 yanks=0 garbage=0 pcscd_kills=0 ocsp_kills=0
start_time=$SECONDS
printf 'session\telapsed_s\trss_kb\tfds\tthreads\tcpu_s\n' >"$out"
sample() { printf '%d\t%d\t%d\t%d\t%d\t%.2f\n' "$1" $((SECONDS - start_time)) "$(rss_kb)" "$(fds)" "$(threads)" \
  "$(awk -v t="$(cpu)" -v hz="$hz" 'BEGIN { print t / hz }')" >>"$out"; }
sample 0

for ((s = 1; s <= sessions; s++)); do
  kill -0 "$app" 2>/dev/null || { echo "soak: the kiosk died in session $s" >&2; break; }
  fault=$((RANDOM % 100))
  if ((fault < 8)); then
    # Pulled mid-read: somewhere between insertion and the verdict.
    "$card" insert "${holders[RANDOM % ${#holders[@]}]}"
    sleep "0.$((RANDOM % 9 + 1))"
    "$card" remove
    yanks=$((yanks + 1))
    sleep 0.6
    continue
  fi
  if ((fault < 12)); then
    # Nonsense from the card, or no e-signature application on it.
    before=$(verdicts)
    (((RANDOM % 2) == 0)) && profile=garbage || profile=no_pkcs15
    "$card" insert "$profile"
    wait_verdict "$before" $((read_timeout + 5)) || grep -q "card could not be read\|timed out" "$work/kiosk.log" \
      || hangs=$((hangs + 1))
    "$card" remove
    garbage=$((garbage + 1))
    sleep 0.6
    continue
  fi
  if ((fault == 12)); then
    # pcscd dies (and systemd would start it again).
    kill -9 "$(cat "$EIMZA_VCARD_DIR/pcscd.pid")" 2>/dev/null
    sleep "0.$((RANDOM % 9 + 1))"
    rm -f "$EIMZA_VCARD_DIR/pcscd.pid"
    "$stack" start >/dev/null
    pcscd_kills=$((pcscd_kills + 1))
  elif ((fault == 13)); then
    # The OCSP responder dies for a while: verdicts go on, revocation unknown.
    kill "$(cat "$EIMZA_VCARD_DIR/ocsp.pid")" 2>/dev/null
    ocsp_kills=$((ocsp_kills + 1))
    ocsp_down_until=$((s + 5))
  fi
  if [[ -n "${ocsp_down_until:-}" ]] && ((s >= ocsp_down_until)); then
    start_ocsp
    ocsp_down_until=
  fi

  before=$(verdicts)
  c0=$(cpu)
  "$card" insert "${holders[s % ${#holders[@]}]}"
  if wait_verdict "$before" $((read_timeout + 5)); then
    sleep 0.3
    reads=$((reads + 1))
    read_ticks=$((read_ticks + $(cpu) - c0))
    c0=$(cpu)
    tap "$lang_x" "$lang_y"; sleep 0.3
    tap "$lang_x" "$lang_y"; sleep 0.3
    tap 960 60; sleep 0.3
    taps=$((taps + 3))
    tap_ticks=$((tap_ticks + $(cpu) - c0))
  else
    hangs=$((hangs + 1))
  fi
  "$card" remove
  sleep 0.6
  ((s % sample_every == 0)) && sample "$s"
done

alive=no
kill -0 "$app" 2>/dev/null && alive=yes
awk -v hz="$hz" -v taps="$taps" -v tt="$tap_ticks" -v reads="$reads" -v rt="$read_ticks" 'BEGIN {
  printf "CPU per tap %.2f ms, per X input event %.2f ms (%d taps); CPU per card read and its screens %.1f ms (%d reads)\n",
    taps ? 1000 * tt / hz / taps : 0, taps ? 1000 * tt / hz / taps / 3 : 0, taps, reads ? 1000 * rt / hz / reads : 0, reads }'
echo "sessions $sessions in $((SECONDS - start_time)) s: $reads read, $yanks pulled mid-read, $garbage nonsense or" \
  "no application, pcscd killed $pcscd_kills times, OCSP responder killed $ocsp_kills times; $hangs hangs; kiosk alive: $alive"
awk -F'\t' 'NR == 2 { first = $0 } NR > 1 { last = $0; if ($3 > max_rss) max_rss = $3 }
  END { split(first, f, "\t"); split(last, l, "\t");
        printf "RSS %d → %d kB (max %d), fds %d → %d, threads %d → %d\n", f[3], l[3], max_rss, f[4], l[4], f[5], l[5] }' "$out"
echo "samples: $out"
grep -c "card service lost" "$work/kiosk.log" | xargs echo "card service lost lines:"
[[ $alive == yes && $hangs == 0 ]]
