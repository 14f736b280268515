#!/usr/bin/env bash
# Offline checks of a built root file system: every lockdown promise of the
# image, asserted on the files that implement it.
# Usage: image/check-rootfs.sh [ROOTFS]   (default build/image/rootfs)
# Prints one line per check and "N checks, F failed"; exit 1 on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$here/build/image/rootfs}
[[ -d "$root/etc" ]] || { echo "check-rootfs: no root file system at $root (run image/build.sh)" >&2; exit 2; }
checks=0
failed=0
check() {  # description, command...
  local what=$1; shift
  checks=$((checks + 1))
  if "$@" >/dev/null 2>&1; then echo "ok   $what"; else echo "FAIL $what"; failed=$((failed + 1)); fi
}
has_line() { grep -Eq "$2" "$root/$1"; }
lacks_line() { ! grep -Eq "$2" "$root/$1"; }
masked() { [[ "$(readlink "$root/etc/systemd/system/$1")" == /dev/null ]]; }
enabled_in() { [[ -e "$root/etc/systemd/system/$1.wants/$2" || -L "$root/etc/systemd/system/$1.wants/$2" ]]; }
absent() { [[ ! -e "$root/$1" && ! -L "$root/$1" ]]; }
field() { awk -F: -v user="$1" -v n="$2" '$1 == user {print $n}' "$root/$3"; }
unit=lib/systemd/system/eimza-kiosk.service
unit_has() { has_line "$unit" "^$1"; }

# The kiosk user and the app's unit.
check "kiosk user exists as a system user" bash -c "[[ \$(awk -F: '\$1==\"kiosk\"{print \$3}' '$root/etc/passwd') -lt 1000 ]]"
check "kiosk user has no login shell" test "$(field kiosk 7 etc/passwd)" = /usr/sbin/nologin
check "kiosk user has no password" bash -c "[[ '$(field kiosk 2 etc/shadow)' == '*' || '$(field kiosk 2 etc/shadow)' == '!'* ]]"
check "kiosk user has no home" test "$(field kiosk 6 etc/passwd)" = /nonexistent
check "kiosk unit enabled for graphical.target" enabled_in graphical.target eimza-kiosk.service
check "default target is graphical" bash -c "[[ \$(readlink '$root/etc/systemd/system/default.target') == */graphical.target ]]"
check "kiosk unit runs cage as kiosk" bash -c "grep -q '^User=kiosk' '$root/$unit' && grep -q '^ExecStart=/usr/bin/cage .*-- /usr/bin/eimza-kiosk$' '$root/$unit'"
check "cage started without -s (VT switching blocked)" bash -c "! grep -Eq '^ExecStart=.*cage[^-]* -[a-z]*s' '$root/$unit'"
check "kiosk unit restarts on exit and crash" unit_has "Restart=always"
check "kiosk unit is Type=notify with a watchdog" bash -c "grep -q '^Type=notify' '$root/$unit' && grep -Eq '^WatchdogSec=[0-9]+' '$root/$unit' && grep -q '^NotifyAccess=all' '$root/$unit'"
# Notifications from the app count only from inside the unit's cgroup: no PAM
# session may move cage and the app into a logind scope.
check "kiosk unit opens no PAM session" bash -c "! grep -q '^PAMName=' '$root/$unit' && [[ ! -e '$root/etc/pam.d/eimza-kiosk' ]]"
check "cage takes its seat from seatd" bash -c "grep -q '^Environment=LIBSEAT_BACKEND=seatd' '$root/$unit' && grep -q '^Requires=seatd.service' '$root/$unit'"
check "seatd enabled" enabled_in multi-user.target seatd.service
check "kiosk unit in seatd's socket group" bash -c "g=\$(sed -nE 's/^ExecStart=.*seatd .*-g ([a-z]+).*/\\1/p' '$root/lib/systemd/system/seatd.service'); [[ -n \$g ]] && grep -q \"^SupplementaryGroups=\$g\$\" '$root/$unit'"
# The voice guide opens /dev/snd itself (ALSA, no sound server).
check "kiosk unit reaches the sound card (group audio, /dev not hidden)" bash -c "grep -q '^SupplementaryGroups=audio$' '$root/$unit' && ! grep -Eq '^(PrivateDevices=yes|DevicePolicy=(closed|strict))' '$root/$unit' && grep -q '^Environment=SDL_AUDIODRIVER=alsa$' '$root/$unit'"
check "ALSA and alsactl installed (the mixer is set at boot)" bash -c "ls '$root'/usr/lib/x86_64-linux-gnu/libasound.so.2 >/dev/null && test -x '$root/usr/sbin/alsactl'"
check "start timeout allows for emulation (>= 120 s)" bash -c "[[ \$(sed -n 's/^TimeoutStartSec=//p' '$root/$unit') -ge 120 ]]"
check "clean stop: the app quits first, then only cage is signalled" bash -c "grep -q '^ExecStop=.*pkill -TERM -P .*-x eimza-kiosk' '$root/$unit' && grep -q '^KillMode=mixed' '$root/$unit'"
check "no TTY hang-up that would kill cage before ExecStop" bash -c "! grep -Eq '^(TTYPath|TTYVHangup|TTYReset|StandardInput=tty)' '$root/$unit'"
check "ExecStop's pkill is installed" test -x "$root/usr/bin/pkill"
check "watchdog kills a frozen UI at once" unit_has "WatchdogSignal=SIGKILL"
for directive in "NoNewPrivileges=yes" "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" \
  "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK" "SystemCallFilter=@system-service" \
  "CapabilityBoundingSet=$" "RestrictSUIDSGID=yes" "ProtectKernelModules=yes"; do
  check "kiosk unit hardened: ${directive%$}" unit_has "$directive"
done
check "hardware watchdog armed (RuntimeWatchdogSec)" has_line etc/systemd/system.conf.d/eimza-watchdog.conf '^RuntimeWatchdogSec=[1-9]'
check "eimza-kiosk package installed" grep -q '^Package: eimza-kiosk$' "$root/var/lib/dpkg/status"
check "configuration is a conffile" grep -q '^ /etc/eimza-kiosk/kiosk.yaml [0-9a-f]' "$root/var/lib/dpkg/status"
check "image config requires a synchronised clock" has_line etc/eimza-kiosk/kiosk.yaml '^\s*require_synchronised_clock: true'
check "image config is the generic one: not set up until provisioned" bash -c "grep -A1 '^site:' '$root/etc/eimza-kiosk/kiosk.yaml' | grep -q '^  configured: false'"
check "the site's print queue is made at boot" enabled_in multi-user.target eimza-site-printer.service
check "time synchronisation enabled" enabled_in sysinit.target systemd-timesyncd.service

# No way out of the app.
for getty in getty@.service autovt@.service serial-getty@.service console-getty.service container-getty@.service; do
  check "$getty masked" masked "$getty"
done
check "no getty enabled" bash -c "! ls '$root'/etc/systemd/system/*.wants/ | grep -q getty@"
check "logind spawns no VTs" has_line etc/systemd/logind.conf.d/eimza-no-vt.conf '^NAutoVTs=0'
check "Ctrl-Alt-Del masked" masked ctrl-alt-del.target
check "Ctrl-Alt-Del burst does nothing" has_line etc/systemd/system.conf.d/eimza-watchdog.conf '^CtrlAltDelBurstAction=none'
check "debug shell masked" masked debug-shell.service
check "emergency shell masked" masked emergency.service
check "SysRq off" has_line etc/sysctl.d/90-eimza-lockdown.conf '^kernel.sysrq = 0'
check "no sshd" absent usr/sbin/sshd
check "no sudo" absent usr/bin/sudo
check "root password locked" bash -c "[[ '$(field root 2 etc/shadow)' == '!'* || '$(field root 2 etc/shadow)' == '*' ]]"
check "root has no login shell" test "$(field root 7 etc/passwd)" = /usr/sbin/nologin
check "no account has a usable password" awk -F: '$2 != "*" && $2 !~ /^!/ {bad = 1} END {exit bad}' "$root/etc/shadow"
disk=$(dirname "$root")/disk.img
if [[ -f "$disk" ]]; then
  check "boot menu cannot edit the kernel command line" bash -c "mtype -i '$disk@@1M' ::/loader/loader.conf | grep -q '^editor no'"
  check "boot menu shows no choice" bash -c "mtype -i '$disk@@1M' ::/loader/loader.conf | grep -q '^timeout 0'"
  check "slot A's entry mounts the root read-only" bash -c "mtype -i '$disk@@1M' ::/loader/entries/eimza-a.conf | grep -q '^options .* ro '"
fi

# Whole-system updates (docs/fleet.md).
check "rauc takes verity bundles only, for eimza-kiosk" bash -c "grep -q '^compatible=eimza-kiosk' '$root/etc/rauc/system.conf' && grep -q '^bundle-formats=-plain' '$root/etc/rauc/system.conf'"
check "rauc's keyring is a certificate, no key" bash -c "grep -q 'BEGIN CERTIFICATE' '$root/etc/rauc/keyring.pem' && ! grep -rqs 'PRIVATE KEY' '$root/etc/rauc'"
check "a counted boot is blessed only after the health check" bash -c "[[ -L '$root/etc/systemd/system/boot-complete.target.requires/eimza-health.service' ]] && [[ -x '$root/lib/systemd/systemd-bless-boot' ]]"
check "setuid programs limited to the expected set" bash -c "
  extra=\$(find '$root' -xdev -perm -4000 -type f -printf '/%P\n' | grep -Ev '^/usr/bin/(su|mount|umount|passwd|chfn|chsh|gpasswd|newgrp)$|^/usr/lib/(dbus-1.0/dbus-daemon-launch-helper|polkit-1/polkit-agent-helper-1)$|^/usr/libexec/polkit-agent-helper-1$')
  [[ -z \"\$extra\" ]] || { echo \"\$extra\"; exit 1; }"

# Storage: read-only root, volatile logs and spool, nothing personal kept.
# The root slot is named by the boot entry (A or B) and mounted read-only by
# the kernel; nothing in fstab may remount it.
check "root mounted read-only, never remounted" bash -c "! grep -Eq '^[^#]+[[:space:]]/[[:space:]]' '$root/etc/fstab'"
for dir in /tmp /var/tmp /var/log /var/spool /var/cache; do
  check "$dir is tmpfs" has_line etc/fstab "^tmpfs +$dir +tmpfs "
done
check "data partition holds only the persistent state" has_line etc/fstab '^PARTLABEL=eimza-data +/var/lib/eimza-persist '
check "persistent state wired before cups and the kiosk" enabled_in sysinit.target eimza-persist.service
check "a site configuration on the data partition is in place before the firewall loads" bash -c "grep -q '^Before=.*nftables.service' '$root/etc/systemd/system/eimza-persist.service' && grep -q 'mount --bind \"\$site\" /etc/eimza-kiosk' '$root/usr/local/sbin/eimza-persist-setup' && grep -q 'remount,bind,ro /etc/eimza-kiosk' '$root/usr/local/sbin/eimza-persist-setup'"
check "journald keeps logs in RAM only" has_line etc/systemd/journald.conf.d/eimza-volatile.conf '^Storage=volatile'
check "CUPS keeps no job files" has_line etc/cups/cupsd.conf '^PreserveJobFiles No'
check "CUPS keeps job history one minute" has_line etc/cups/cupsd.conf '^PreserveJobHistory 60'
check "CUPS listens on its local socket only" bash -c "! grep -Eq '^(Port|Listen) .*(:631|0\.0\.0\.0|\*)' '$root/etc/cups/cupsd.conf'"
check "machine-id is per boot" test ! -s "$root/etc/machine-id"

# USB and network.
check "USB storage driver cannot load" has_line etc/modprobe.d/eimza-usb-lockdown.conf '^install usb-storage /bin/false'
check "UAS driver cannot load" has_line etc/modprobe.d/eimza-usb-lockdown.conf '^install uas /bin/false'
check "USB interfaces other than HID/printer/hub/CCID de-authorised" has_line etc/udev/rules.d/60-eimza-usb-classes.rules 'ATTR\{bInterfaceClass\}!="03\|07\|09\|0b", ATTR\{authorized\}="0"'
check "nftables enabled" enabled_in sysinit.target nftables.service
check "firewall: inbound dropped by default" bash -c "sed -n '/chain input/,/}/p' '$root/etc/nftables.conf' | grep -q 'policy drop'"
check "firewall: outbound dropped by default" bash -c "sed -n '/chain output/,/}/p' '$root/etc/nftables.conf' | grep -q 'policy drop'"
check "firewall: web only to configured servers" bash -c "grep -E 'dport \{ 80, 443 \}' '$root/etc/nftables.conf' | grep -vq '@servers_v' && exit 1 || exit 0"
check "firewall: server addresses refreshed from the configuration" enabled_in timers.target eimza-firewall-hosts.timer
check "firewall ruleset parses" chroot "$root" nft -c -f /etc/nftables.conf
check "firewall: inbound only metrics scrapes from named servers" bash -c "sed -n '/chain input/,/}/p' '$root/etc/nftables.conf' | grep 'tcp dport' | grep -vq '@monitoring_v4' && exit 1 || exit 0"
check "metrics exporter enabled" enabled_in multi-user.target prometheus-node-exporter.service
check "metrics file in RAM" has_line etc/fstab '^tmpfs +/var/lib/prometheus/node-exporter +tmpfs '
check "kiosk writes its metrics there" has_line etc/eimza-kiosk/kiosk.yaml '^  dir: /var/lib/prometheus/node-exporter'
check "content updates on a timer" enabled_in timers.target eimza-kiosk-content-update.timer
check "configured servers listed by the app" bash -c "chroot '$root' /usr/bin/eimza-kiosk allowed-hosts | grep -q ocsp.kamusm.gov.tr"
check "the packaged app starts far enough to validate its content" chroot "$root" /usr/bin/eimza-kiosk check-content /usr/share/eimza-kiosk/content

echo "$checks checks, $failed failed"
((failed == 0))
