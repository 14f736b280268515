#!/usr/bin/env bash
# One generic image, made a site's kiosk without a rebuild (docs/fleet.md), in
# QEMU (software emulation), on sparse copies of disk.img (never changed):
#   - the generic image as built boots to "not yet set up" and nothing else;
#   - `eimza-kiosk provision` (run as IT would, on the host, no root needed by
#     the command) writes a test site into a copy: its printer, the test PKI's
#     root as trust anchor, an admin PIN hash, a site name;
#   - that copy boots: the site's configuration is in force, the site's print
#     queue exists with the configured device URI and model, the kiosk's own
#     verdict command in the guest judges the test PKI's holder by the site's
#     anchor (and a holder of another PKI as untrusted), and the admin PIN,
#     typed on the screen's keypad after holding the hidden corner, opens the
#     admin screen.
# The guest is asked through image/guest-control.sh, added to the provisioned
# copy's data partition by this test only (debugfs), as image/boot-test.sh does.
# Usage: image/provision-test.sh [OUT]   (default build/image, as made by image/build.sh)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib.sh"
. "$here/image/test-data-partition.sh"
out=${1:-$here/build/image}
kiosk=${EIMZA_KIOSK:-$here/build/eimza-kiosk}
boot_timeout=${EIMZA_BOOT_TIMEOUT:-420}
for f in disk.img vmlinuz initrd.img cmdline; do
  [[ -f "$out/$f" ]] || { echo "provision-test: $out/$f missing (run image/build.sh)" >&2; exit 2; }
done
[[ -x "$kiosk" ]] || { echo "provision-test: $kiosk missing (kiosk/build.sh)" >&2; exit 2; }
for tool in tesseract debugfs qemu-system-x86_64; do
  command -v "$tool" >/dev/null || { echo "provision-test: $tool missing (kiosk/install-deps.sh installs it)" >&2; exit 2; }
done
scratch_dir run eimza-provision
py=/usr/bin/python3
started=$(date +%s)

# boot NAME DISK: starts QEMU on DISK (snapshot: the copy is not written
# either), serial log in OUT/NAME-serial.log; waits for the first frame.
# One TCG thread for both vCPUs (see image/update-test.sh: a guest soft lockup
# with a thread per vCPU).
boot() {
  local name=$1 disk=$2 extra=${3:-}
  serial=$out/$name-serial.log
  qmp=$run/$name-qmp.sock
  control=$run/$name-guest.sock
  rm -f "$serial"
  qemu-system-x86_64 -accel tcg,thread=single -machine q35 -m 2048 -smp 2 \
    -vga virtio -display none -snapshot -no-reboot \
    -drive file="$disk",format=raw,if=virtio \
    -kernel "$out/vmlinuz" -initrd "$out/initrd.img" \
    -append "$(cat "$out/cmdline") console=ttyS0,115200 systemd.journald.forward_to_console=1 $extra" \
    -netdev user,id=net0,restrict=on -device virtio-net-pci,netdev=net0 \
    -device qemu-xhci,id=xhci -device usb-tablet \
    -chardev socket,id=control,path="$control",server=on,wait=off \
    -serial file:"$serial" -serial chardev:control -qmp unix:"$qmp",server=on,wait=off &
  qemu_pid=$!
  on_exit stop_pids "$qemu_pid"
  local boot_started=$(date +%s)
  while (( $(date +%s) - boot_started < boot_timeout )); do
    kill -0 "$qemu_pid" 2>/dev/null || return 1
    if grep -q 'first frame shown' "$serial" 2>/dev/null; then
      boot_seconds=$(($(date +%s) - boot_started))
      sleep 5  # let the compositor present it
      return 0
    fi
    sleep 2
  done
  return 1
}
halt() {
  "$py" "$here/image/qmp.py" "$qmp" quit >/dev/null 2>&1
  wait "$qemu_pid" 2>/dev/null
  qemu_pid=
}
ocr() {  # name -> the screen's text
  "$py" "$here/image/qmp.py" "$qmp" screendump "$out/$1.png" >/dev/null 2>&1
  tesseract -l tur "$out/$1.png" - 2>/dev/null
}
guest() { "$py" "$here/image/guest.py" "$control" "$@"; }

# 1. The generic image as built.
generic=$run/generic.img
cp --sparse=always "$out/disk.img" "$generic"
if boot generic "$generic"; then
  check "generic image reaches its first frame (${boot_seconds} s)" ok
  text=$(ocr provision-generic)
  grep -q 'henüz kurulmadı' <<<"$text" && check "generic image says it is not set up" ok ||
    check "generic image says it is not set up" fail "OCR: $(head -3 <<<"$text" | tr '\n' ' ')"
  grep -q 'no site configuration: showing that the kiosk is not set up' "$serial" &&
    check "the journal says why" ok || check "the journal says why" fail
  grep -q 'Kart okuyucu\|Kartınızı' <<<"$text" && check "no public function on the not-set-up screen" fail "$text" ||
    check "no public function on the not-set-up screen" ok
  halt
else
  check "generic image reaches its first frame" fail "see $serial"
fi

# 2. The test site, as IT would write it.
pki=$run/pki
"$here/tests/pki/make_pki.py" "$pki" >/dev/null 2>&1 || { echo "provision-test: make_pki.py failed" >&2; exit 1; }
"$here/tests/pki/make_pki.py" "$run/other-pki" >/dev/null 2>&1 || { echo "provision-test: make_pki.py failed" >&2; exit 1; }
site=$run/site
mkdir -p "$site/trust" "$site/intermediates"
cp "$pki/root.pem" "$site/trust/test-root.pem"
cp "$pki/ca.pem" "$site/intermediates/test-ca.pem"
admin_pin=481516
pin_hash=$(printf '%s\n' "$admin_pin" | "$kiosk" admin-pin-hash | sed -n 's/^  pin_hash: //p')
cat >"$site/site.yaml" <<EOF
# The provisioning test's site (image/provision-test.sh).
site:
  name: Test Şehir Hastanesi
  data_controller: Test Şehir Hastanesi Başhekimliği
kiosk:
  language: tr
  display: {fullscreen: true, width: 1920, height: 1080}
admin:
  pin_hash: $pin_hash
  hold_seconds: 2
printing:
  queue: eimza-test-site
  device_uri: socket://10.0.2.102:9100
  model: lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd
verdict:
  trust_dir: /etc/eimza-kiosk/trust
  intermediates_dir: /etc/eimza-kiosk/intermediates
  require_synchronised_clock: false
  revocation: {enabled: false}
content:
  dir: /var/lib/eimza-kiosk/content-current
  last_good_dir: /var/lib/eimza-kiosk/content-last-good
  lost_stolen_route: representative
metrics:
  dir: /var/lib/prometheus/node-exporter
EOF
provisioned=$run/site.img
cp --sparse=always "$out/disk.img" "$provisioned"
t0=$(date +%s%N)
if setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
  # As IT runs it: an ordinary user who owns the image copy.
  chown nobody:nogroup "$provisioned"
  chmod -R a+rX "$run"
  as_it=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
else
  as_it=()
fi
if "${as_it[@]}" "$kiosk" provision --config "$site/site.yaml" --trust "$site/trust" "$provisioned" >"$run/provision.log" 2>&1; then
  check "eimza-kiosk provision as an ordinary user ($((($(date +%s%N) - t0) / 1000000)) ms)" ok
else
  check "eimza-kiosk provision" fail "$(cat "$run/provision.log")"
fi
# The test's own hands and certificates, beside the site's directory.
read -r data_offset _ < <(data_partition "$provisioned")
cp "$pki/holders/valid.pem" "$run/valid.pem"
cp "$run/other-pki/holders/valid.pem" "$run/other.pem"
debugfs -w -f - "$provisioned?offset=$data_offset" >/dev/null 2>&1 <<EOF
mkdir /test
write $here/image/guest-control.sh /test/guest-control.sh
write $run/valid.pem /test/valid.pem
write $run/other.pem /test/other.pem
EOF

test_cmdline="systemd.run=\"/bin/sh /var/lib/eimza-persist/test/guest-control.sh\""
test_cmdline+=" systemd.run_success_action=none systemd.run_failure_action=none systemd.wants=kernel-command-line.service"
if boot provisioned "$provisioned" "$test_cmdline"; then
  check "provisioned image reaches its first frame (${boot_seconds} s)" ok
else
  check "provisioned image reaches its first frame" fail "see $serial"
  checks_summary
  exit 1
fi
grep -q 'eimza-persist: site configuration from the data partition' "$serial" &&
  check "site configuration taken from the data partition" ok ||
  check "site configuration taken from the data partition" fail
for _ in $(seq 30); do grep -q 'eimza-site-printer: queue' "$serial" && break; sleep 2; done
printers=$(guest printers 60 2>&1)
grep -q '^device for eimza-test-site: socket://10.0.2.102:9100$' <<<"$printers" &&
  check "the site's print queue exists with its device URI" ok || check "the site's print queue exists" fail "$printers"
grep -q '^system default destination: eimza-test-site$' <<<"$printers" &&
  check "the site's queue is the default" ok || check "the site's queue is the default" fail "$printers"
grep -q '^model eimza-test-site: Generic PDF Printer' <<<"$printers" &&
  check "the queue uses the configured model" ok || check "the queue uses the configured model" fail "$printers"
verdicts=$(guest verdicts 120 2>&1)
grep -q '^valid: .*chain ok' <<<"$verdicts" &&
  check "the site's anchor judges the test PKI's holder (chain ok)" ok ||
  check "the site's anchor judges the test PKI's holder" fail "$verdicts"
grep -q '^other: cert:' <<<"$verdicts" && ! grep -q '^other: .*chain ok' <<<"$verdicts" &&
  check "a holder of another PKI is not chained to the site's anchor" ok ||
  check "a holder of another PKI is not chained to the site's anchor" fail "$verdicts"

# The admin PIN on the screen: hold the hidden corner, type it, sign in.
"$py" "$here/image/qmp.py" "$qmp" hold 0.03 0.04 3 >/dev/null 2>&1
sleep 4
admin=$("$py" "$here/image/admin_sign_in.py" "$qmp" "$admin_pin" "$out/provision-admin.png" 2>&1)
grep -q '^admin screen shown' <<<"$admin" && check "the site's admin PIN opens the admin screen" ok ||
  check "the site's admin PIN opens the admin screen" fail "$admin"
grep -q 'Kurum: Test Şehir Hastanesi' <<<"$admin" && check "the admin screen names the site" ok ||
  check "the admin screen names the site" fail "$(tail -3 <<<"$admin")"
halt

echo "provision test: $(($(date +%s) - started)) s; screenshots in $out/provision-*.png"
checks_summary
