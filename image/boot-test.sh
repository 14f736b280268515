#!/usr/bin/env bash
# Boots the built image in QEMU (software emulation, snapshot mode: the disk is
# never modified) and checks that it reaches the kiosk and stays locked down:
#   - the app reports its first frame (journal forwarded to the serial console
#     by this test's kernel command line only; the image itself logs to RAM);
#   - a screendump shows the Home screen (saved as OUT/boot-home.png);
#   - Ctrl-Alt-Del, Ctrl-Alt-F2 and SysRq-B change nothing;
#   - a USB stick plugged in is seen by the kernel but never becomes a disk.
# Usage: image/boot-test.sh [OUT]   (default build/image, as made by image/build.sh)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/build/image}
boot_timeout=${EIMZA_BOOT_TIMEOUT:-420}
for f in disk.img vmlinuz initrd.img cmdline; do
  [[ -f "$out/$f" ]] || { echo "boot-test: $out/$f missing (run image/build.sh)" >&2; exit 2; }
done
run=$(mktemp -d /tmp/eimza-boot.XXXXXX)
serial=$out/boot-serial.log
qmp=$run/qmp.sock
checks=0
failed=0
check() {
  checks=$((checks + 1))
  if [[ $2 == ok ]]; then echo "ok   $1"; else echo "FAIL $1${3:+: $3}"; failed=$((failed + 1)); fi
}
monitor() { python3 "$here/image/qmp.py" "$qmp" "$@"; }
qemu_pid=
finish() {
  [[ -n "$qemu_pid" ]] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
  rm -rf "$run"
}
trap finish EXIT

# A FAT "USB stick" for the storage lockdown check.
truncate -s 8M "$run/stick.img"
mkfs.vfat "$run/stick.img" >/dev/null

rm -f "$serial" "$out"/boot-*.png
started=$(date +%s)
qemu-system-x86_64 -accel tcg -machine q35 -m 2048 -smp 2 \
  -vga virtio -display none -snapshot -no-reboot \
  -drive file="$out/disk.img",format=raw,if=virtio \
  -kernel "$out/vmlinuz" -initrd "$out/initrd.img" \
  -append "$(cat "$out/cmdline") console=ttyS0,115200 loglevel=7 systemd.journald.forward_to_console=1" \
  -netdev user,id=net0,restrict=on -device virtio-net-pci,netdev=net0 \
  -device i6300esb \
  -device qemu-xhci,id=xhci -device usb-tablet \
  -drive if=none,id=stick,format=raw,file="$run/stick.img" \
  -serial file:"$serial" -qmp unix:"$qmp",server=on,wait=off &
qemu_pid=$!

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
  grep -E 'Failed|eimza|cage' "$serial" | tail -30
  echo "$checks checks, $failed failed"
  exit 1
fi
sleep 5  # the first frame is drawn; let the compositor present it

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

kill -0 "$qemu_pid" 2>/dev/null && check "machine still up after the lockdown checks" ok || check "machine still up" fail
grep -q "Using hardware watchdog 'i6300ESB timer'" "$serial" && check "systemd armed the hardware watchdog" ok ||
  check "systemd armed the hardware watchdog" fail
grep -q 'Finished nftables.service' "$serial" && check "firewall loaded at boot" ok || check "firewall loaded at boot" fail
grep -q 'Finished eimza-persist.service' "$serial" && check "data partition wired for persistent state" ok ||
  check "data partition wired for persistent state" fail
failed_units=$(grep -Eo 'Failed to start [^.]*' "$serial" | sort -u)
if [[ -z "$failed_units" ]]; then check "no unit failed during boot" ok; else check "no unit failed during boot" fail "$failed_units"; fi
monitor quit >/dev/null 2>&1
echo "boot to first frame: ${ready} s; screenshots in $out/boot-*.png; serial log $serial"
echo "$checks checks, $failed failed"
((failed == 0))
