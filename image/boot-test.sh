#!/usr/bin/env bash
# Boots the built image in QEMU (software emulation) and checks that it reaches
# the kiosk, stays up and locked down, and reads cards in a USB CCID reader:
#   - the image boots with a test configuration on its data partition only (a
#     sparse copy of disk.img; disk.img itself is never changed): the test PKI's
#     trust anchor and a kiosk.yaml whose OCSP and CRL servers are the test
#     PKI's on the host, reached through QEMU's guestfwd;
#   - the app reports its first frame and systemd then logs "Started" (READY=1
#     reached it: the notification comes from the app, cage's child);
#   - a screendump shows Home saying there is no reader (OUT/boot-home.png);
#   - Ctrl-Alt-Del, Ctrl-Alt-F2, SysRq-B and Ctrl-Alt-Backspace change nothing;
#   - a USB stick plugged in is seen by the kernel but never becomes a disk;
#   - the USB CCID sequence of image/ccid_test.py (reader and cards hot-plugged
#     over QMP; verdicts checked by colour and OCR; timings in OUT/ccid-timings.json);
#   - sound: silent until the voice guide's button is tapped, then the guide's
#     speech leaves through the emulated HDA card (QEMU writes it to OUT/boot-sound.wav),
#     and stops when the button is tapped again;
#   - for at least 5 minutes after the first frame: no restart, no failed unit, no
#     start timeout, no watchdog timeout, no abort or core dump; the kiosk's
#     processes are accounted to its own unit;
#   - a restart stops the kiosk cleanly, and a frozen app is restarted by the
#     watchdog.
# The journal is forwarded to the serial console by this test's kernel command
# line only (the image itself logs to RAM), which also starts image/guest-control.sh
# from the test's data partition: the test's only way to ask the guest anything.
# Usage: image/boot-test.sh [OUT]   (default build/image, as made by image/build.sh)
# EIMZA_BOOT_WATCH (seconds, default 300) sets how long the running image is watched.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib.sh"
. "$here/image/test-data-partition.sh"
out=${1:-$here/build/image}
boot_timeout=${EIMZA_BOOT_TIMEOUT:-420}
watch_seconds=${EIMZA_BOOT_WATCH:-300}
for f in disk.img vmlinuz initrd.img cmdline; do
  [[ -f "$out/$f" ]] || { echo "boot-test: $out/$f missing (run image/build.sh)" >&2; exit 2; }
done
for tool in tesseract certutil pk12util openssl mkfs.ext4 sfdisk; do
  command -v "$tool" >/dev/null || { echo "boot-test: $tool missing (kiosk/install-deps.sh installs it)" >&2; exit 2; }
done
scratch_dir run eimza-boot
serial=$out/boot-serial.log
qmp=$run/qmp.sock
control=$run/guest.sock
# Debian's Python: the card emulator needs Debian's python3-virtualsmartcard.
py=/usr/bin/python3
monitor() { "$py" "$here/image/qmp.py" "$qmp" "$@"; }
guest() { "$py" "$here/image/guest.py" "$control" "$@"; }

# The test PKI. Its certificates name its OCSP responder at 10.0.2.100 and its
# CRLs and CA certificate at 10.0.2.101: the guest reaches both on the host
# through guestfwd (its network is restricted: no other route out).
pki=$run/pki
"$here/tests/pki/make_pki.py" "$pki" --ocsp-url http://10.0.2.100/ --crl-url http://10.0.2.101/ca.crl \
  --ca-issuers-url http://10.0.2.101/ca.der >/dev/null 2>&1 || { echo "boot-test: make_pki.py failed" >&2; exit 1; }
ocsp_port=$(free_port)
run_bg openssl ocsp -index "$pki/index.txt" -port "$ocsp_port" -rsigner "$pki/ocsp.pem" -rkey "$pki/ocsp.key" \
  -CA "$pki/ca.pem" -nmin 60 >"$run/ocsp.log" 2>&1
mkdir -p "$run/www"
cp "$pki/ca.crl" "$pki/root.crl" "$pki/ca.der" "$run/www/"
www_port=$(free_port)
run_bg "$py" -m http.server --bind 127.0.0.1 --directory "$run/www" "$www_port" >"$run/www.log" 2>&1

# The test's data partition: the site configuration (eimza-persist-setup mounts
# site/ over /etc/eimza-kiosk) and the guest's control script.
stage=$run/data
mkdir -p "$stage/site/trust" "$stage/site/intermediates" "$stage/test"
cp "$pki/root.pem" "$stage/site/trust/test-root.pem"
cp "$pki/ca.pem" "$stage/site/intermediates/test-ca.pem"
cp "$here/image/guest-control.sh" "$stage/test/"
cat >"$stage/site/kiosk.yaml" <<'EOF'
# The boot test's site configuration (image/boot-test.sh): the test PKI's root,
# its OCSP responder, and no NTP to wait for (the guest has no route out).
kiosk:
  language: tr
  display:
    fullscreen: true
    width: 1920
    height: 1080
verdict:
  trust_dir: /etc/eimza-kiosk/trust
  intermediates_dir: /etc/eimza-kiosk/intermediates
  require_synchronised_clock: false
  revocation:
    enabled: true
    allowed_hosts: ["10.0.2.100", "10.0.2.101"]
    timeout_ms: 5000
    crl_cache_dir: /var/lib/eimza-kiosk/crl
content:
  dir: /var/lib/eimza-kiosk/content-current
  last_good_dir: /var/lib/eimza-kiosk/content-last-good
metrics:
  dir: /var/lib/prometheus/node-exporter
EOF
disk=$run/disk.img
cp --sparse=always "$out/disk.img" "$disk"
write_data_partition "$disk" "$stage" ||
  { echo "boot-test: could not write the test data partition" >&2; exit 1; }

# A FAT "USB stick" for the storage lockdown check.
truncate -s 8M "$run/stick.img"
mkfs.vfat "$run/stick.img" >/dev/null

rm -f "$serial" "$out"/boot-*.png "$out/boot-sound.wav" "$out"/ccid-*.png "$out/ccid-timings.json"
test_cmdline="console=ttyS0,115200 loglevel=7 systemd.journald.forward_to_console=1"
test_cmdline+=" systemd.run=\"/bin/sh /var/lib/eimza-persist/test/guest-control.sh\""
test_cmdline+=" systemd.run_success_action=none systemd.run_failure_action=none systemd.wants=kernel-command-line.service"
started=$(date +%s)
# One vCPU on one TCG thread (see image/update-test.sh: emulator hangs with two).
# q35 with two USB controllers: xHCI for the tablet and the stick; UHCI for the
# CCID reader (QEMU's usb-ccid fails its transfers on xHCI, and is a full-speed
# device that EHCI refuses).
qemu-system-x86_64 -accel tcg,thread=single -machine q35 -m 2048 -smp 1 \
  -vga virtio -display none -snapshot -no-reboot \
  -drive file="$disk",format=raw,if=virtio \
  -kernel "$out/vmlinuz" -initrd "$out/initrd.img" \
  -append "$(cat "$out/cmdline") $test_cmdline" \
  -netdev "user,id=net0,restrict=on,guestfwd=tcp:10.0.2.100:80-cmd:$py $here/image/tcp-relay.py 127.0.0.1 $ocsp_port,guestfwd=tcp:10.0.2.101:80-cmd:$py $here/image/tcp-relay.py 127.0.0.1 $www_port" \
  -device virtio-net-pci,netdev=net0 \
  -device i6300esb \
  -audiodev wav,id=snd0,path="$out/boot-sound.wav" -device intel-hda -device hda-duplex,audiodev=snd0 \
  -device qemu-xhci,id=xhci -device usb-tablet -device piix3-usb-uhci,id=uhci \
  -drive if=none,id=stick,format=raw,file="$run/stick.img" \
  -chardev socket,id=control,path="$control",server=on,wait=off \
  -serial file:"$serial" -serial chardev:control -qmp unix:"$qmp",server=on,wait=off &
qemu_pid=$!
on_exit stop_pids "$qemu_pid"

ready=
while (( $(date +%s) - started < boot_timeout )); do
  kill -0 "$qemu_pid" 2>/dev/null || break
  if grep -q 'first frame shown' "$serial" 2>/dev/null; then ready=$(($(date +%s) - started)); break; fi
  grep -q 'eimza-kiosk.service: Scheduled restart job, restart counter is at 3' "$serial" 2>/dev/null && break
  sleep 2
done
if [[ -n "$ready" ]]; then
  check "kiosk reports its first frame (${ready} s after power-on)" ok
else
  check "kiosk reports its first frame within ${boot_timeout} s" fail "see $serial"
  grep -E 'Failed|eimza|cage|seatd' "$serial" | tail -30
  checks_summary
  exit 1
fi
first_frame_at=$(date +%s)
sleep 5  # the first frame is drawn; let the compositor present it
grep -q 'eimza-persist: site configuration from the data partition' "$serial" &&
  check "site configuration taken from the data partition" ok ||
  check "site configuration taken from the data partition" fail "no line from eimza-persist-setup"
# systemd logs "Started" for a Type=notify unit only when READY=1 reached it;
# the app sends it with its first frame.
for _ in $(seq 30); do grep -q 'Started eimza-kiosk.service' "$serial" && break; sleep 2; done
if grep -q 'Started eimza-kiosk.service' "$serial"; then
  check "READY=1 from the app reached systemd (Started eimza-kiosk.service)" ok
else
  check "READY=1 from the app reached systemd" fail "no 'Started eimza-kiosk.service' within a minute of the first frame"
fi

shot() {  # name -> "WxH bg=N% distinct=M"
  monitor screendump "$out/$1.png" 2>&1
}
home_like() {  # the kiosk's background fills most of the screen, with text on it
  local bg distinct
  bg=$(sed -E 's/.*bg=([0-9]+)%.*/\1/' <<<"$1")
  distinct=$(sed -E 's/.*distinct=([0-9]+).*/\1/' <<<"$1")
  [[ "$bg" =~ ^[0-9]+$ && "$distinct" =~ ^[0-9]+$ ]] && ((bg >= 40 && distinct >= 4))
}
home=$(shot boot-home)
if home_like "$home"; then check "screendump shows the kiosk ($home)" ok; else check "screendump shows the kiosk" fail "$home"; fi

for keys in ctrl-alt-delete ctrl-alt-f2 alt-sysrq-b ctrl-alt-backspace; do
  monitor keys "${keys//-/+}" >/dev/null 2>&1
  sleep 4
  if ! kill -0 "$qemu_pid" 2>/dev/null; then
    check "$keys changes nothing" fail "the machine went down"
    continue
  fi
  after=$(shot "boot-after-$keys")
  if home_like "$after"; then check "$keys changes nothing ($after)" ok; else check "$keys changes nothing" fail "$after"; fi
done

# Plug the stick in: the kernel must see it and refuse it.
monitor plug-usb-stick stick || check "USB stick plugged in" fail "QMP device_add refused"
sleep 10
if grep -q 'Mass Storage\|usb-storage\|QEMU USB HARDDRIVE\|New USB device found, idVendor=46f4' "$serial"; then
  check "USB stick seen by the kernel" ok
else
  check "USB stick seen by the kernel" fail "no USB arrival in $serial"
fi
if grep -Eq 'Attached SCSI (removable )?disk|sd [0-9:]+: \[sd' "$serial"; then
  check "USB stick never becomes a disk" fail "$(grep -E 'Attached SCSI' "$serial" | head -1)"
else
  check "USB stick never becomes a disk" ok
fi

# The USB CCID reader and cards.
mkdir -p "$run/ccid"
"$py" "$here/image/ccid_test.py" --qmp "$qmp" --guest "$control" --serial "$serial" --pki "$pki" \
  --work "$run/ccid" --out "$out" 2>&1 | tee "$run/ccid.out"
ccid_checks=$(grep -cE '^(ok  |FAIL)' "$run/ccid.out")
ccid_failed=$(grep -c '^FAIL' "$run/ccid.out")
checks_run=$((checks_run + ccid_checks))
checks_failed=$((checks_failed + ccid_failed))
((ccid_checks > 0)) || check "CCID sequence ran" fail "see above"

# The voice guide: its button is the top-right corner of every screen (at
# 1920x1080: x 1588..1888, y 12..108, screens/widgets/widgets.cpp top_bar).
# QEMU writes what the guest plays on the HDA card to the wav file.
peak() {  # wav being written [, from byte] -> the largest sample so far (16-bit, after the 44-byte header)
  "$py" -c '
import array, sys
data = open(sys.argv[1], "rb").read()[max(44, int(sys.argv[2])):]
samples = array.array("h", data[: len(data) // 2 * 2])
print(max(map(abs, samples), default=0))' "$1" "${2:-44}" 2>/dev/null || echo 0
}
silent_peak=$(peak "$out/boot-sound.wav")
((silent_peak < 256)) && check "no sound while the voice guide is off (peak $silent_peak)" ok ||
  check "no sound while the voice guide is off" fail "peak $silent_peak"
mark=$(($(wc -l <"$serial") + 1))
monitor tap 0.905 0.056 >/dev/null 2>&1
spoken_peak=0
for _ in $(seq 45); do
  spoken_peak=$(peak "$out/boot-sound.wav")
  ((spoken_peak >= 2000)) && break
  sleep 2
done
guide_log=$(tail -n +"$mark" "$serial" | grep -E 'voice guide ready|no audio|cannot open the audio device' | head -3)
if ((spoken_peak >= 2000)) && grep -q 'voice guide ready' <<<"$guide_log"; then
  check "voice guide on: speech leaves through the sound card (peak $spoken_peak, $(stat -c %s "$out/boot-sound.wav") bytes)" ok
else
  check "voice guide on: speech leaves through the sound card" fail "peak $spoken_peak; ${guide_log:-no speech log line}"
fi
# The guide off again: the speech stops. SDL keeps the device open and plays
# silence, so the wav goes on growing: what it gets from then on is silent.
monitor tap 0.905 0.056 >/dev/null 2>&1
sleep 3
size_off=$(stat -c %s "$out/boot-sound.wav")
sleep 5
size_later=$(stat -c %s "$out/boot-sound.wav")
after_peak=$(peak "$out/boot-sound.wav" "$size_off")
((after_peak < 256)) && check "voice guide off: the speech stops (peak $after_peak over the $((size_later - size_off)) bytes after)" ok ||
  check "voice guide off: the speech stops" fail "peak $after_peak after the guide went off"

# Watch the running image until watch_seconds after the first frame.
while (( $(date +%s) - first_frame_at < watch_seconds )); do
  kill -0 "$qemu_pid" 2>/dev/null || break
  sleep 5
done
watched=$(($(date +%s) - first_frame_at))
kill -0 "$qemu_pid" 2>/dev/null && check "machine up ${watched} s after the first frame" ok ||
  check "machine up after the first frame" fail "QEMU exited"
problems() {  # serial log -> journal lines that must never appear while the kiosk runs
  grep -E 'Scheduled restart job|start operation timed out|Watchdog timeout|Failed with result|Failed to start|core dumped|dumped core|status=6/ABRT|status=11/SEGV|Assertion .* failed|segfault at' "$1"
}
found=$(problems "$serial")
if [[ -z "$found" ]]; then
  check "watched ${watched} s: no restart, failed unit, start timeout, watchdog timeout, abort or crash" ok
else
  check "watched ${watched} s: no restart, failed unit, start timeout, watchdog timeout, abort or crash" fail \
    "$(head -5 <<<"$found")"
fi
status=$(guest status 30 2>&1)
grep -q '^NRestarts=0$' <<<"$status" && grep -q '^SubState=running$' <<<"$status" &&
  check "systemd: kiosk running, 0 restarts" ok || check "systemd: kiosk running, 0 restarts" fail "$status"
if grep -q '^process cage cgroup /system.slice/eimza-kiosk.service$' <<<"$status" &&
  grep -q '^process eimza-kiosk cgroup /system.slice/eimza-kiosk.service$' <<<"$status" &&
  ! grep '^process' <<<"$status" | grep -vq 'cgroup /system.slice/eimza-kiosk.service$'; then
  check "cage, Xwayland and the app are accounted to eimza-kiosk.service" ok
else
  check "cage, Xwayland and the app are accounted to eimza-kiosk.service" fail "$(grep '^process' <<<"$status")"
fi
grep -q '^failed units: *$' <<<"$status" && check "no failed unit" ok ||
  check "no failed unit" fail "$(grep '^failed units' <<<"$status")"
# Armed as systemd starts, before udev runs: the driver came with the initramfs.
armed_at=$(grep -n "Using hardware watchdog 'i6300ESB timer'" "$serial" | head -1 | cut -d: -f1)
udev_at=$(grep -n 'Started systemd-udevd.service' "$serial" | head -1 | cut -d: -f1)
if [[ -n "$armed_at" && -n "$udev_at" ]] && ((armed_at < udev_at)); then
  check "systemd armed the hardware watchdog as it started, before udev" ok
else
  check "systemd armed the hardware watchdog as it started, before udev" fail "armed at line ${armed_at:-never}, udev started at line ${udev_at:-never} of $serial"
fi
grep -q 'Finished nftables.service' "$serial" && check "firewall loaded at boot" ok || check "firewall loaded at boot" fail
grep -q 'Finished eimza-persist.service' "$serial" && check "data partition wired for persistent state" ok ||
  check "data partition wired for persistent state" fail

# A restart: the app quits first, cage follows, nothing aborts.
wait_serial() {  # pattern, seconds, from line: 0 when the pattern appears after that line
  wait_for "$2" log_has_from "$serial" "$3" "$1"
}
mark=$(($(wc -l <"$serial") + 1))
guest restart-kiosk 30 >/dev/null 2>&1
if wait_serial 'Started eimza-kiosk.service' 240 "$mark"; then
  stop_log=$(tail -n +"$mark" "$serial")
  if grep -q 'kiosk stopping' <<<"$stop_log" && grep -q 'eimza-kiosk.service: Deactivated successfully' <<<"$stop_log" &&
    [[ -z "$(problems <(echo "$stop_log"))" ]]; then
    check "restart: the app quits, cage exits cleanly, the kiosk comes back" ok
  else
    check "restart: the app quits, cage exits cleanly, the kiosk comes back" fail \
      "$(grep -E 'eimza-kiosk|cage' <<<"$stop_log" | head -8)"
  fi
else
  check "restart: the kiosk comes back" fail "no 'Started eimza-kiosk.service' within 240 s"
fi

# A frozen app: its watchdog pings stop and systemd restarts the kiosk.
sleep 5
mark=$(($(wc -l <"$serial") + 1))
guest freeze-app 30 >/dev/null 2>&1
if wait_serial 'eimza-kiosk.service: Watchdog timeout' 90 "$mark" && wait_serial 'Started eimza-kiosk.service' 240 "$mark"; then
  check "a frozen app is restarted by the watchdog" ok
else
  check "a frozen app is restarted by the watchdog" fail "$(tail -n +"$mark" "$serial" | grep -E 'eimza-kiosk.service' | head -5)"
fi

monitor quit >/dev/null 2>&1
echo "boot to first frame: ${ready} s; watched ${watched} s; screenshots in $out/*.png; serial log $serial"
checks_summary
