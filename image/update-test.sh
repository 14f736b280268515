#!/usr/bin/env bash
# Whole-system A/B updates with rollback (docs/fleet.md), in QEMU (software
# emulation) booting through the real firmware path: Debian's OVMF, systemd-boot
# from the ESP, the loader entry of a root slot. One copy of disk.img (never
# disk.img itself) lives through every step, as a kiosk's disk would:
#   1. slot A boots through OVMF and systemd-boot;
#   2. a bundle signed by another key and a tampered bundle, served over HTTPS
#      from 127.0.0.1, are fetched by the kiosk's own update service and refused
#      by rauc; slot A stays the one booted;
#   3. the good bundle (OUT/update.raucb) is fetched and rauc starts writing it
#      into slot B while the kiosk serves; the power is cut (QMP quit) in the
#      middle of the write: the next power-on boots slot A, the status says
#      "interrupted", and the kiosk's next update run installs the bundle it
#      kept on the data partition (no second download); only at rest does the
#      kiosk reboot: slot B boots with its tries counted, passes the health
#      check and is blessed; the data partition kept its state;
#   4. a bundle whose kiosk never reaches READY (this system with the kiosk's
#      start replaced by a failing command) is installed into slot A; after its
#      three tries slot B boots again by itself, and the status file and the
#      metrics say "rolled_back".
# Timings go to OUT/update-timings.txt (docs/performance.md).
# Usage: image/update-test.sh [OUT]   (default build/image, as made by image/build.sh)
# Needs the update signing key of the build (EIMZA_UPDATE_SIGNING_DIR, default
# build/update-signing) to sign the never-READY bundle, as a vendor would.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib.sh"
. "$here/image/test-data-partition.sh"
out=${1:-$here/build/image}
signing=${EIMZA_UPDATE_SIGNING_DIR:-$here/build/update-signing}
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd
boot_timeout=${EIMZA_BOOT_TIMEOUT:-420}
for f in "$out/disk.img" "$out/update.raucb" "$signing/key.pem" "$signing/cert.pem" "$ovmf_code" "$ovmf_vars"; do
  [[ -f "$f" ]] || { echo "update-test: $f missing (image/build.sh; ovmf from tests/deps.txt)" >&2; exit 2; }
done
for tool in qemu-system-x86_64 rauc debugfs mkfs.ext4 mtype mcopy openssl sfdisk; do
  command -v "$tool" >/dev/null || { echo "update-test: $tool missing (kiosk/install-deps.sh installs it)" >&2; exit 2; }
done
scratch_dir run eimza-update
py=/usr/bin/python3
qemu_pid=
# The QEMU running at exit, whichever power-on started it.
stop_running_qemu() { stop_pids "$qemu_pid"; }
on_exit stop_running_qemu
test_started=$(date +%s)
timings=$out/update-timings.txt
: >"$timings"
timing() { echo "$1=$2" >>"$timings"; echo "     $1: $2"; }

# The update server: HTTPS on 127.0.0.1 with the test's own certificate for
# the address the guest uses (10.0.2.102, forwarded to it).
www=$run/www
mkdir -p "$www"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=10.0.2.102" \
  -addext "subjectAltName=IP:10.0.2.102" -keyout "$run/server.key" -out "$run/server.pem" >/dev/null 2>&1
port=$(free_port)
run_bg "$py" "$here/image/https-server.py" "$www" "$run/server.pem" "$run/server.key" "$port" >"$run/www.log" 2>&1
serve() {  # bundle: what the server offers next, newer than anything before
  cp --sparse=always "$1" "$www/system.raucb.new" && mv "$www/system.raucb.new" "$www/system.raucb"
  touch -d "@$(( $(date +%s) + ++served ))" "$www/system.raucb"
}
served=0

# The refused bundles, small (the kiosk downloads each under emulation at a few
# MB/s, and what is refused does not depend on the size): a 4 MiB root image of
# random bytes in a verity bundle for eimza-kiosk, signed by another key; and the
# same signed by the build's key with bytes of its payload changed afterwards
# (its signature still matches its manifest; the verity hash tree does not match).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=another signer" \
  -keyout "$run/other.key" -out "$run/other.pem" >/dev/null 2>&1
mkdir -p "$run/small"
head -c 4194304 /dev/urandom >"$run/small/root.ext4"
printf '[update]\ncompatible=eimza-kiosk\nversion=small\n\n[bundle]\nformat=verity\n\n[image.rootfs]\nfilename=root.ext4\n' \
  >"$run/small/manifest.raucm"
rauc bundle --cert="$run/other.pem" --key="$run/other.key" "$run/small" "$run/other.raucb" >/dev/null 2>&1 &&
  rauc bundle --cert="$signing/cert.pem" --key="$signing/key.pem" "$run/small" "$run/tampered.raucb" >/dev/null 2>&1 ||
  { echo "update-test: making the small bundles failed" >&2; exit 1; }
size=$(stat -c %s "$run/tampered.raucb")
printf '\125\252\125\252' | dd of="$run/tampered.raucb" bs=1 seek=$((size / 3)) conv=notrunc status=none

# The never-READY bundle: this system, its kiosk's start replaced by a command
# that fails (a kiosk that never tells systemd READY), signed by the build's key.
step_started=$(date +%s)
rauc extract --keyring="$signing/cert.pem" "$out/update.raucb" "$run/bad" >/dev/null 2>&1 ||
  { echo "update-test: rauc extract failed" >&2; exit 1; }
printf '[Service]\nExecStart=\nExecStart=/bin/false\n' >"$run/never-ready.conf"
debugfs -w -f - "$run/bad/root.ext4" >/dev/null 2>&1 <<EOF
mkdir /etc/systemd/system/eimza-kiosk.service.d
write $run/never-ready.conf /etc/systemd/system/eimza-kiosk.service.d/never-ready.conf
EOF
sed -i 's/^version=\(.*\)$/version=\1-never-ready/' "$run/bad/manifest.raucm"
rauc bundle --cert="$signing/cert.pem" --key="$signing/key.pem" --mksquashfs-args="-comp zstd -Xcompression-level 3" \
  "$run/bad" "$run/never-ready.raucb" >/dev/null 2>&1 || { echo "update-test: making the never-READY bundle failed" >&2; exit 1; }
rm -rf "$run/bad"
echo "     bundles made in $(($(date +%s) - step_started)) s"

# The kiosk's disk: a sparse copy of disk.img with a site configuration on its
# data partition (the update server, its CA) and the guest's control script.
stage=$run/data
mkdir -p "$stage/site" "$stage/test"
cp "$run/server.pem" "$stage/site/update-server-ca.pem"
cp "$here/image/guest-control.sh" "$stage/test/"
cat >"$stage/site/kiosk.yaml" <<'EOF'
# The update test's site (image/update-test.sh): its update server on the host.
kiosk:
  language: tr
  display:
    fullscreen: true
    width: 1920
    height: 1080
verdict:
  trust_dir: /etc/eimza-kiosk/trust
  require_synchronised_clock: false
  revocation:
    enabled: false
content:
  dir: /var/lib/eimza-kiosk/content-current
  last_good_dir: /var/lib/eimza-kiosk/content-last-good
content_update:
  system_bundle_url: https://10.0.2.102/system.raucb
  ca_file: /etc/eimza-kiosk/update-server-ca.pem
metrics:
  dir: /var/lib/prometheus/node-exporter
EOF
mkdir -p "$stage/site/trust"
disk=$run/disk.img
cp --sparse=always "$out/disk.img" "$disk"
write_data_partition "$disk" "$stage" ||
  { echo "update-test: could not write the test data partition" >&2; exit 1; }
# The test's kernel command line goes into slot A's entry on this copy's ESP:
# the journal on the serial console, the guest's control script, and a shorter
# health check time for emulated boots. eimza-boot-slot carries an entry's
# options over to the other slot's entry, so every slot boots with them.
test_options="console=ttyS0,115200 loglevel=6 systemd.journald.forward_to_console=1 eimza.health_timeout=120"
test_options+=" systemd.run=\"/bin/sh /var/lib/eimza-persist/test/guest-control.sh\""
test_options+=" systemd.run_success_action=none systemd.run_failure_action=none systemd.wants=kernel-command-line.service"
mtype -i "$disk@@1M" ::/loader/entries/eimza-a.conf | sed "s|^options .*|& $test_options|" >"$run/eimza-a.conf"
mcopy -o -i "$disk@@1M" "$run/eimza-a.conf" ::/loader/entries/eimza-a.conf
cp "$ovmf_vars" "$run/ovmf-vars.fd"

# One vCPU on one TCG thread. With a thread per vCPU, QEMU 7.2 once left both
# vCPUs spinning on the kernel code the guest was patching when its random pool
# came ready (a soft lockup at a static key in getrandom); with two vCPUs on one
# thread, OVMF once stopped after a reboot, its boot CPU spinning with interrupts
# off while the other sat halted. Either way the test waited for a boot that
# never came; neither can happen with one vCPU.
# power_on NAME: QEMU through OVMF on the kiosk's disk (written for real: it is
# the kiosk's disk across reboots and power cuts); serial log OUT/update-NAME.log.
power_on() {
  serial=$out/update-$1-serial.log
  qmp=$run/qmp.sock
  control=$run/guest.sock
  rm -f "$serial" "$qmp" "$control"
  qemu-system-x86_64 -accel tcg,thread=single -machine q35 -m 2048 -smp 1 \
    -drive if=pflash,format=raw,unit=0,readonly=on,file="$ovmf_code" \
    -drive if=pflash,format=raw,unit=1,file="$run/ovmf-vars.fd" \
    -vga virtio -display none \
    -drive file="$disk",format=raw,if=virtio \
    -netdev "user,id=net0,restrict=on,guestfwd=tcp:10.0.2.102:443-cmd:$py $here/image/tcp-relay.py 127.0.0.1 $port" \
    -device virtio-net-pci,netdev=net0 -device i6300esb \
    -device qemu-xhci,id=xhci -device usb-tablet \
    -chardev socket,id=control,path="$control",server=on,wait=off \
    -serial file:"$serial" -serial chardev:control -qmp unix:"$qmp",server=on,wait=off &
  qemu_pid=$!
}
power_off() {
  "$py" "$here/image/qmp.py" "$qmp" quit >/dev/null 2>&1
  wait "$qemu_pid" 2>/dev/null
  qemu_pid=
}
guest() { "$py" "$here/image/guest.py" "$control" "$@"; }
# wait_serial PATTERN SECONDS [FROM_LINE]: 0 when PATTERN appears after FROM_LINE.
wait_serial() {
  local deadline=$(($(date +%s) + $2))
  while true; do
    log_has_from "$serial" "${3:-1}" "$1" && return 0
    (( $(date +%s) < deadline )) && kill -0 "$qemu_pid" 2>/dev/null || return 1
    sleep 2
  done
}
lines() { wc -l <"$serial"; }
status_of() { guest system-status 30 2>/dev/null; }
# wait_status PATTERN SECONDS: polls the guest's system-status until it matches.
wait_status() {
  local deadline=$(($(date +%s) + $2))
  while (( $(date +%s) < deadline )); do
    last_status=$(status_of)
    grep -q "$1" <<<"$last_status" && return 0
    kill -0 "$qemu_pid" 2>/dev/null || return 1
    sleep 5
  done
  return 1
}
last_status=
install_seconds=
# update_now: starts the kiosk's update service (what its timer does) once the
# previous run is over, and remembers the status so a new result can be told
# from the last one.
update_now() {
  wait_status '^update-unit \(inactive\|failed\)' 900
  status_before=$(sed -n 's/^status time=//p' <<<"$last_status")
  guest system-update 30 >/dev/null
}
# wait_result PATTERN SECONDS: a status recorded after update_now that matches.
wait_result() {
  local deadline=$(($(date +%s) + $2))
  while (( $(date +%s) < deadline )); do
    last_status=$(status_of)
    if [[ "$(sed -n 's/^status time=//p' <<<"$last_status")" != "$status_before" ]] && grep -q "$1" <<<"$last_status"; then
      return 0
    fi
    kill -0 "$qemu_pid" 2>/dev/null || return 1
    sleep 5
  done
  return 1
}

# 1. Slot A through OVMF and systemd-boot.
power_on run1
powered=$(date +%s)
if wait_serial 'first frame shown' "$boot_timeout"; then
  check "OVMF and systemd-boot boot slot A to the kiosk's first frame ($(($(date +%s) - powered)) s)" ok
  timing ovmf_boot_to_first_frame_seconds $(($(date +%s) - powered))
else
  check "OVMF and systemd-boot boot slot A to the kiosk's first frame" fail "see $serial"
  checks_summary; exit 1
fi
grep -q 'Kernel command line: .*rauc\.slot=A' "$serial" && check "the kernel came from slot A's entry (rauc.slot=A)" ok ||
  check "the kernel came from slot A's entry" fail "$(grep -m1 'Kernel command line' "$serial")"
wait_status '^at-rest yes' 60 && check "the kiosk says it is at rest (its at-rest file)" ok ||
  check "the kiosk says it is at rest" fail "$last_status"

# 2. Refused bundles: another signer, then tampered.
for bad in other tampered; do
  case $bad in other) what="a bundle signed by another key" ;; tampered) what="a tampered bundle" ;; esac
  serve "$run/$bad.raucb"
  update_now
  if wait_result '^status result=refused' 600; then
    grep -q '^booted A' <<<"$last_status" && grep -q "^rauc RAUC_BOOT_PRIMARY='rootfs.0'" <<<"$last_status" &&
      check "$what is refused on the kiosk; slot A stays primary" ok ||
      check "$what is refused on the kiosk; slot A stays primary" fail "$(tr '\n' ' ' <<<"$last_status")"
    grep '^status message' <<<"$last_status" | sed 's/^/     /'
  else
    check "$what is refused on the kiosk" fail "$(tr '\n' ' ' <<<"$last_status")"
  fi
done

# 3. The good bundle: fetched, a power cut while rauc writes slot B, then the
# kept bundle installed into B while the kiosk serves, switched at rest.
serve "$out/update.raucb"
mark=$(lines)
update_now
update_started=$(date +%s)
# The cut comes while rauc writes the slot, as the journal on the serial
# console shows it: a fixed delay after "installing" also catches the
# download, or an install that was already over on a fast machine.
if wait_serial 'rauc\[[0-9]*\]: writing data to device' 900 "$mark"; then
  timing fetch_and_check_seconds $(($(date +%s) - update_started))
  sleep 10
  power_off
  if grep -q 'rauc\[[0-9]*\]: .*Updating slot rootfs\.[01] done' <(tail -n +"$mark" "$serial"); then
    check "power cut while rauc writes slot B" fail "the write was already over"
  else
    check "power cut while rauc writes slot B" ok
  fi
  power_on run2
  if wait_serial 'first frame shown' "$boot_timeout"; then
    grep -q 'Kernel command line: .*rauc\.slot=A' "$serial" && check "after the power cut slot A (the running one) boots" ok ||
      check "after the power cut slot A boots" fail "$(grep -m1 'Kernel command line' "$serial")"
    wait_status '^status result=interrupted' 120 && check "the status says interrupted" ok ||
      check "the status says interrupted" fail "$(tr '\n' ' ' <<<"$last_status")"
  else
    check "after the power cut the kiosk boots" fail "see $serial"
    checks_summary; exit 1
  fi
else
  check "rauc started writing slot B" fail "$(tr '\n' ' ' <<<"$(status_of)")"
fi
fetches=$(grep -c '"GET /system.raucb HTTP/1.1" 200' "$run/www.log")
update_now
if wait_result '^status result=installed' 900; then
  installed_at=$(date +%s)
  check "the interrupted bundle is installed into slot B" ok
  install_seconds=$(sed -n 's/^status message=installed into slot . in \([0-9]*\) s.*/\1/p' <<<"$last_status")
  timing rauc_install_seconds "$install_seconds"
  (($(grep -c '"GET /system.raucb HTTP/1.1" 200' "$run/www.log") == fetches)) &&
    check "it was the bundle kept on the data partition (not fetched again)" ok ||
    check "it was the bundle kept on the data partition" fail "fetched again: $(tail -3 "$run/www.log" | tr '\n' ' ')"
  grep -q '^booted A' <<<"$last_status" && check "the kiosk kept serving on slot A meanwhile" ok ||
    check "the kiosk kept serving on slot A meanwhile" fail "$(tr '\n' ' ' <<<"$last_status")"
else
  check "the interrupted bundle is installed into slot B" fail "$(tr '\n' ' ' <<<"$last_status")"
fi
mark=$(lines)
if wait_serial 'rebooting into slot B' 300 "$mark"; then
  switched=$(date +%s)
  check "the kiosk switched at rest ($((switched - installed_at)) s after the install)" ok
  if wait_serial 'Kernel command line: .*rauc\.slot=B' 300 "$mark" && wait_serial 'first frame shown' "$boot_timeout" "$mark"; then
    check "slot B boots to the kiosk's first frame ($(($(date +%s) - switched)) s after the switch)" ok
    timing switch_to_first_frame_seconds $(($(date +%s) - switched))
  else
    check "slot B boots to the kiosk's first frame" fail "see $serial"
  fi
  if wait_status '^status result=good' 300 && wait_status '^entry eimza-b.conf$' 120; then
    check "slot B passed the health check and is blessed (entry eimza-b.conf, no tries left to count)" ok
  else
    check "slot B passed the health check and is blessed" fail "$(tr '\n' ' ' <<<"$last_status")"
  fi
  grep -q 'eimza_kiosk_system_info{slot="B"' <<<"$last_status" && grep -q 'eimza_kiosk_system_update_result{result="good"' <<<"$last_status" &&
    check "metrics: running slot B, last update good" ok ||
    check "metrics: running slot B, last update good" fail "$(grep '^metric' <<<"$last_status" | tr '\n' ' ')"
else
  check "the kiosk switched at rest" fail "$(tr '\n' ' ' <<<"$(status_of)")"
fi
# The data partition kept the site's configuration (the update server the
# kiosk uses next comes from it) and the update's status.
grep -q '^status version=' <<<"$last_status" && check "the data partition kept its state over the update" ok ||
  check "the data partition kept its state over the update" fail

# 4. A bundle whose kiosk never reaches READY: three tries, then back on B.
serve "$run/never-ready.raucb"
update_now
if wait_result '^status result=installed' 900; then
  check "the never-READY bundle is installed into slot A" ok
else
  check "the never-READY bundle is installed into slot A" fail "$(tr '\n' ' ' <<<"$last_status")"
fi
mark=$(lines)
if wait_serial 'rebooting into slot A' 300 "$mark"; then
  bad_switch=$(date +%s)
  deadline=$((bad_switch + 3 * boot_timeout))
  back=
  while (( $(date +%s) < deadline )); do
    boots=$(tail -n +"$mark" "$serial" | grep -c 'Kernel command line: ')
    if ((boots >= 4)) && tail -n +"$mark" "$serial" | grep 'Kernel command line: ' | tail -1 | grep -q 'rauc\.slot=B' &&
      wait_serial 'first frame shown' 0 "$(($(tail -n +"$mark" "$serial" | grep -n 'Kernel command line: ' | tail -1 | cut -d: -f1) + mark - 1))"; then
      back=$(date +%s)
      break
    fi
    kill -0 "$qemu_pid" 2>/dev/null || break
    sleep 3
  done
  tries=$(tail -n +"$mark" "$serial" | grep 'Kernel command line: ' | grep -c 'rauc\.slot=A')
  if [[ -n "$back" ]]; then
    check "after $tries tries of slot A the kiosk is back on slot B by itself ($((back - bad_switch)) s)" ok
    timing rollback_switch_to_first_frame_seconds $((back - bad_switch))
    ((tries == 3)) && check "slot A was tried exactly 3 times" ok || check "slot A was tried exactly 3 times" fail "$tries"
  else
    check "the kiosk is back on slot B by itself" fail "$tries tries of A seen; see $serial"
  fi
  if wait_status '^status result=rolled_back' 120; then
    check "the status says rolled_back ($(sed -n 's/^status message=//p' <<<"$last_status"))" ok
  else
    check "the status says rolled_back" fail "$(tr '\n' ' ' <<<"$last_status")"
  fi
  grep -q 'eimza_kiosk_system_update_result{result="rolled_back"' <<<"$last_status" && grep -q 'eimza_kiosk_system_info{slot="B"' <<<"$last_status" &&
    check "metrics: running slot B, last update rolled_back" ok ||
    check "metrics: running slot B, last update rolled_back" fail "$(grep '^metric' <<<"$last_status" | tr '\n' ' ')"
  grep -q '^entry eimza-a+0-3.conf$' <<<"$last_status" && check "slot A's entry has no tries left (eimza-a+0-3.conf)" ok ||
    check "slot A's entry has no tries left" fail "$(grep '^entry' <<<"$last_status" | tr '\n' ' ')"
else
  check "the kiosk switched to the never-READY slot at rest" fail "$(tr '\n' ' ' <<<"$(status_of)")"
fi

power_off

timing bundle_bytes "$(stat -c %s "$out/update.raucb")"
timing test_seconds $(($(date +%s) - test_started))
checks_summary
