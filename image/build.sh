#!/usr/bin/env bash
# Builds the locked-down kiosk image from Debian packages only:
#   OUT/rootfs/     the root file system (checked offline by image/check-rootfs.sh)
#   OUT/disk.img    GPT disk: EFI system partition (systemd-boot, an entry per root
#                   slot), root slot A (the system, read-only), root slot B (empty
#                   until the first update), data
#   OUT/vmlinuz, OUT/initrd.img   for direct kernel boot in tests (image/boot-test.sh)
#   OUT/update.raucb  the same root file system as a signed rauc bundle (verity format)
#   OUT/update-keyring.pem   the certificate that bundle is signed with
# Usage: image/build.sh [--update] [OUT]   (default build/image; needs root and Debian's mirror)
#   --update: keep OUT/rootfs's Debian packages, reinstall only our .deb and the
#   lockdown files, and remake the disk (seconds instead of minutes, for work on
#   the image itself).
# The .deb is made from build/ with cpack (the kiosk is built there first if needed).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
update=false
if [[ "${1:-}" == --update ]]; then update=true; shift; fi
out=${1:-$here/build/image}
mirror=${EIMZA_IMAGE_MIRROR:-$(awk '/^URIs:/ {print $2; exit} /^deb / {print $2; exit}' \
  /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}
started=$(date +%s)
step() { printf '[image %3ss] %s\n' "$(($(date +%s) - started))" "$*"; }

[[ $(id -u) -eq 0 ]] || { echo "image/build.sh: needs root (debootstrap, chroot)" >&2; exit 2; }
for tool in debootstrap mkfs.ext4 mkfs.vfat mcopy sfdisk rauc mksquashfs openssl; do
  command -v "$tool" >/dev/null || { echo "image/build.sh: $tool missing (kiosk/install-deps.sh installs it)" >&2; exit 2; }
done

# Packages of the image besides our own: the kiosk's compositor, card and
# printing stacks, time sync, firewall, boot, and the voice guide's sound (ALSA
# alone, no sound server: alsa-utils' alsactl sets and keeps the mixer levels,
# which a new card starts muted). Recommends are not installed:
# every package here is named on purpose.
packages=(
  systemd systemd-sysv udev dbus kmod kbd procps
  linux-image-amd64 initramfs-tools zstd systemd-boot-efi systemd-boot rauc rauc-service curl
  systemd-timesyncd systemd-resolved iproute2 nftables prometheus-node-exporter
  cage seatd xwayland polkitd libgl1-mesa-dri
  pcscd libccid opensc opensc-pkcs11
  cups cups-client cups-filters ghostscript printer-driver-hpcups printer-driver-gutenprint
  printer-driver-splix printer-driver-brlaser
  fonts-dejavu-core fonts-noto-core ca-certificates
  libasound2 alsa-utils
)

step "packaging eimza-kiosk (cpack)"
[[ -x "$here/build/eimza-kiosk" ]] || "$here/kiosk/build.sh" "$here/build"
(cd "$here/build" && cpack -G DEB >/dev/null 2>&1) || { echo "image/build.sh: cpack failed" >&2; exit 1; }
deb=$(ls -t "$here"/build/eimza-kiosk_*_amd64.deb | head -1)

rootfs=$out/rootfs
cleanup_mounts() {
  for m in dev/pts dev proc sys; do
    mountpoint -q "$rootfs/$m" 2>/dev/null && umount -l "$rootfs/$m"
  done
  return 0
}
trap cleanup_mounts EXIT
cleanup_mounts
if $update && [[ -x "$rootfs/usr/bin/eimza-kiosk" ]]; then
  step "updating the existing root file system"
else
  update=false
  rm -rf "$out"
  mkdir -p "$out"
  step "debootstrap bookworm (minbase) from $mirror"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$out/debootstrap.log" 2>&1 || {
    tail -20 "$out/debootstrap.log" >&2; exit 1; }
fi

mount -t proc proc "$rootfs/proc"
mount -t sysfs sysfs "$rootfs/sys"
mount --bind /dev "$rootfs/dev"
mount --bind /dev/pts "$rootfs/dev/pts"
in_root() { chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }

# No service may start inside the build chroot.
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
chmod 755 "$rootfs/usr/sbin/policy-rc.d"
# Mirrors that serve a frozen snapshot carry an expired Valid-Until date.
cp /etc/apt/apt.conf.d/99artifact-registry "$rootfs/etc/apt/apt.conf.d/" 2>/dev/null || true
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" >"$rootfs/etc/apt/sources.list"
if [[ "$mirror" == */debian ]]; then
  printf 'deb %s-security bookworm-security main\n' "$mirror" >>"$rootfs/etc/apt/sources.list"
fi
echo "eimza-kiosk" >"$rootfs/etc/hostname"

cp "$deb" "$rootfs/tmp/eimza-kiosk.deb"
if $update; then
  step "reinstalling $(basename "$deb")"
  in_root dpkg -i /tmp/eimza-kiosk.deb >"$out/apt.log" 2>&1 || { tail -30 "$out/apt.log" >&2; exit 1; }
else
  step "installing ${#packages[@]} packages and $(basename "$deb")"
  {
    in_root apt-get update &&
    in_root apt-get install -y --no-install-recommends "${packages[@]}" /tmp/eimza-kiosk.deb
  } >"$out/apt.log" 2>&1 || { tail -30 "$out/apt.log" >&2; exit 1; }
fi
rm -f "$rootfs/tmp/eimza-kiosk.deb"

step "lockdown"
cp -a "$here/image/rootfs/." "$rootfs/"
# rauc's keyring: the update signer's certificate. The key is made here once,
# outside the repository (EIMZA_UPDATE_SIGNING_DIR, default build/update-signing),
# and kept, so bundles from later builds still install on images built before them.
signing=${EIMZA_UPDATE_SIGNING_DIR:-$here/build/update-signing}
if [[ ! -f "$signing/key.pem" || ! -f "$signing/cert.pem" ]]; then
  mkdir -p "$signing"
  chmod 700 "$signing"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/O=eimza-kiosk/CN=eimza-kiosk update signer (test key of this build machine)" \
    -keyout "$signing/key.pem" -out "$signing/cert.pem" >/dev/null 2>&1 ||
    { echo "image/build.sh: could not make the update signing key" >&2; exit 1; }
fi
cp "$signing/cert.pem" "$rootfs/etc/rauc/keyring.pem"
version=$(dpkg-deb -f "$deb" Version)
printf 'NAME=eimza-kiosk\nVERSION_ID=%s\n' "$version" >"$rootfs/etc/eimza-release"
# The ESP's mount point (fstab): rauc's boot backend and systemd-bless-boot use it.
mkdir -p "$rootfs/efi"
# CUPS keeps no job files; it keeps a job's record for a minute so the kiosk
# can read how the job ended; it listens on the local socket only.
sed -i -E '/^(PreserveJobFiles|PreserveJobHistory|Browsing|Listen) /d' "$rootfs/etc/cups/cupsd.conf"
{
  echo "PreserveJobFiles No"
  echo "PreserveJobHistory 60"
  echo "Browsing No"
  echo "Listen /run/cups/cups.sock"
} >>"$rootfs/etc/cups/cupsd.conf"
# Printers are reached over the network or USB only, never written to files.
sed -i 's/^#*\s*FileDevice.*/FileDevice No/' "$rootfs/etc/cups/cups-files.conf"

in_root systemctl enable eimza-kiosk.service seatd.service eimza-persist.service nftables.service \
  eimza-firewall-hosts.timer eimza-kiosk-content-update.timer systemd-networkd.service systemd-resolved.service systemd-timesyncd.service \
  pcscd.socket cups.service prometheus-node-exporter.service >/dev/null 2>&1
# The site's print queue, made at boot from the provisioned site configuration.
in_root systemctl enable eimza-site-printer.service >/dev/null 2>&1
# A counted boot (a new slot) is blessed only after the health check passes.
in_root systemctl enable eimza-health.service >/dev/null 2>&1
# Whole-system updates and their reporting (docs/fleet.md).
in_root systemctl enable eimza-system-status.service eimza-system-update.timer >/dev/null 2>&1
# Only rauc's boot backend writes the ESP; bootctl never replaces the boot loader.
in_root systemctl mask systemd-boot-update.service >/dev/null 2>&1
in_root systemctl set-default graphical.target >/dev/null 2>&1
rm -f "$rootfs"/etc/systemd/system/getty.target.wants/*
in_root systemctl mask getty@.service autovt@.service serial-getty@.service console-getty.service \
  container-getty@.service getty.target ctrl-alt-del.target debug-shell.service systemd-ask-password-wall.path \
  rescue.service emergency.service >/dev/null 2>&1
# No interactive root: the account is locked and no sudo, su-less escalation or
# remote shell is installed.
in_root passwd -l root >/dev/null
in_root usermod -s /usr/sbin/nologin root
ln -sf /run/systemd/resolve/stub-resolv.conf "$rootfs/etc/resolv.conf"
# An empty machine-id on a read-only root makes systemd use a fresh one per boot.
: >"$rootfs/etc/machine-id"
ln -sf /etc/machine-id "$rootfs/var/lib/dbus/machine-id"
mkdir -p "$rootfs/var/lib/eimza-persist"

step "kernel and initrd"
# Again after the lockdown files: they add to the initramfs (the watchdog drivers).
in_root update-initramfs -u -k all >>"$out/apt.log" 2>&1 || { tail -20 "$out/apt.log" >&2; exit 1; }
kernel=$(ls "$rootfs"/boot/vmlinuz-* | sort -V | tail -1)
initrd=$(ls "$rootfs"/boot/initrd.img-* | sort -V | tail -1)
cp "$kernel" "$out/vmlinuz"
cp "$initrd" "$out/initrd.img"

rm -f "$rootfs/usr/sbin/policy-rc.d" "$rootfs/etc/apt/apt.conf.d/99artifact-registry"
in_root apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/* "$rootfs"/var/log/* "$rootfs"/tmp/*
cleanup_mounts

step "disk image"
esp_mb=256
# The data partition also holds a downloaded update bundle until rauc installed it.
data_mb=1024
# Both root slots have one fixed size, so every later bundle fits the slots of
# disks flashed before it; the root image itself is only as large as it needs.
slot_mb=2048
root_mb=$(( $(du -sm "$rootfs" | cut -f1) * 125 / 100 + 64 ))
((root_mb <= slot_mb)) || { echo "image/build.sh: root needs ${root_mb} MB, slots have ${slot_mb} MB" >&2; exit 1; }
# Fixed partition GUIDs keep the boot entries and the tests independent of the
# build; eimza-boot-slot knows them too.
root_a_uuid=6e0c5b7a-0a1f-4c55-9d0e-5e1c0e1a0b01
root_b_uuid=6e0c5b7a-0a1f-4c55-9d0e-5e1c0e1a0b02
mkfs.ext4 -q -F -L eimza-root -d "$rootfs" "$out/root.ext4" "${root_mb}M"
mkfs.ext4 -q -F -L eimza-data "$out/data.ext4" "${data_mb}M"
rm -f "$out/esp.vfat"
mkfs.vfat -n EIMZA-ESP -C "$out/esp.vfat" $((esp_mb * 1024)) >/dev/null
# panic=10: a kernel panic, or an initramfs that cannot find or mount its root
# (a broken slot), reboots after 10 s and so spends one of the slot's boot tries,
# instead of waiting dark for someone at a keyboard.
cmdline="root=PARTUUID=$root_a_uuid rauc.slot=A ro panic=10 quiet loglevel=3 systemd.show_status=false vt.global_cursor_default=0 consoleblank=0"
mmd -i "$out/esp.vfat" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries ::/eimza-a
mcopy -i "$out/esp.vfat" "$rootfs/usr/lib/systemd/boot/efi/systemd-bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$out/esp.vfat" "$out/vmlinuz" ::/eimza-a/vmlinuz
mcopy -i "$out/esp.vfat" "$out/initrd.img" ::/eimza-a/initrd.img
# systemd-boot boots the first "eimza-*" entry in its own order (eimza-boot-slot
# explains it); editor no: nobody at the keyboard can change the kernel command
# line; no entries of its own (firmware setup, other systems).
printf 'default eimza-*\ntimeout 0\neditor no\nauto-entries no\nauto-firmware no\n' >"$out/loader.conf"
# Slot A as built is good: its entry carries no boot counter.
printf 'title eimza-kiosk %s (slot A)\nsort-key eimza\nversion 1\nlinux /eimza-a/vmlinuz\ninitrd /eimza-a/initrd.img\noptions %s\n' \
  "$version" "$cmdline" >"$out/eimza-a.conf"
mcopy -i "$out/esp.vfat" "$out/loader.conf" ::/loader/loader.conf
mcopy -i "$out/esp.vfat" "$out/eimza-a.conf" ::/loader/entries/eimza-a.conf
rm -f "$out/loader.conf" "$out/eimza-a.conf"
echo "$cmdline" >"$out/cmdline"

disk=$out/disk.img
total_mb=$((1 + esp_mb + 2 * slot_mb + data_mb + 1))
rm -f "$disk"
truncate -s "${total_mb}M" "$disk"
sfdisk -q "$disk" <<EOF
label: gpt
start=1MiB, size=${esp_mb}MiB, type=uefi, name=eimza-esp
size=${slot_mb}MiB, type=linux, name=eimza-root-a, uuid=$root_a_uuid
size=${slot_mb}MiB, type=linux, name=eimza-root-b, uuid=$root_b_uuid
size=${data_mb}MiB, type=linux, name=eimza-data
EOF
dd if="$out/esp.vfat" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$out/root.ext4" of="$disk" bs=1M seek=$((1 + esp_mb)) conv=notrunc,sparse status=none
dd if="$out/data.ext4" of="$disk" bs=1M seek=$((1 + esp_mb + 2 * slot_mb)) conv=notrunc status=none
rm -f "$out/esp.vfat" "$out/data.ext4"

# The same system as a signed rauc update bundle (docs/fleet.md): the root file
# system image in rauc 1.8's verity format, whose payload is checked block by
# block against the signed manifest.
step "update bundle (rauc, verity format)"
bundle_dir=$out/bundle-content
rm -rf "$bundle_dir" "$out/update.raucb"
mkdir -p "$bundle_dir"
mv "$out/root.ext4" "$bundle_dir/root.ext4"
printf '[update]\ncompatible=eimza-kiosk\nversion=%s\n\n[bundle]\nformat=verity\n\n[image.rootfs]\nfilename=root.ext4\n' \
  "$version" >"$bundle_dir/manifest.raucm"
# zstd at level 3: mksquashfs's default took 273 s on the 2-core build machine, this
# 17 s for a bundle 1 % larger; Debian's kernel reads zstd squashfs.
rauc bundle --cert="$signing/cert.pem" --key="$signing/key.pem" --mksquashfs-args="-comp zstd -Xcompression-level 3" \
  "$bundle_dir" "$out/update.raucb" >"$out/bundle.log" 2>&1 ||
  { tail -5 "$out/bundle.log" >&2; exit 1; }
rm -rf "$bundle_dir"
cp "$signing/cert.pem" "$out/update-keyring.pem"

elapsed=$(($(date +%s) - started))
step "done in ${elapsed} s: disk.img $(du -h --apparent-size "$disk" | cut -f1) (root $(du -sh "$rootfs" | cut -f1) used), kernel $(du -h "$out/vmlinuz" | cut -f1), initrd $(du -h "$out/initrd.img" | cut -f1), update.raucb $(du -h "$out/update.raucb" | cut -f1)"
printf 'build_seconds=%s\ndisk_bytes=%s\nrootfs_used_mb=%s\nbundle_bytes=%s\n' "$elapsed" "$(stat -c %s "$disk")" \
  "$(du -sm "$rootfs" | cut -f1)" "$(stat -c %s "$out/update.raucb")" >"$out/build-report.txt"
