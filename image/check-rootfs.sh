#!/usr/bin/env bash
# Offline checks of a built root file system: every lockdown promise of the
# image, asserted on the files that implement it.
# Usage: image/check-rootfs.sh [ROOTFS]   (default build/image/rootfs)
# Prints one line per check and "N checks, F failed"; exit 1 on any failure.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib.sh"
root=${1:-$here/build/image/rootfs}
[[ -d "$root/etc" ]] || { echo "check-rootfs: no root file system at $root (run image/build.sh)" >&2; exit 2; }
# The commands' own output would drown the check lines.
holds() { "$@" >/dev/null 2>&1; }
has_line() { grep -Eq "$2" "$root/$1"; }
lacks_line() { ! grep -Eq "$2" "$root/$1"; }
masked() { [[ "$(readlink "$root/etc/systemd/system/$1")" == /dev/null ]]; }
enabled_in() { [[ -e "$root/etc/systemd/system/$1.wants/$2" || -L "$root/etc/systemd/system/$1.wants/$2" ]]; }
absent() { [[ ! -e "$root/$1" && ! -L "$root/$1" ]]; }
field() { awk -F: -v user="$1" -v n="$2" '$1 == user {print $n}' "$root/$3"; }
unit=lib/systemd/system/eimza-kiosk.service
unit_has() { has_line "$unit" "^$1"; }

# The kiosk user and the app's unit.
check_that "kiosk user exists as a system user" holds bash -c "[[ \$(awk -F: '\$1==\"kiosk\"{print \$3}' '$root/etc/passwd') -lt 1000 ]]"
check_that "kiosk user has no login shell" holds test "$(field kiosk 7 etc/passwd)" = /usr/sbin/nologin
check_that "kiosk user has no password" holds bash -c "[[ '$(field kiosk 2 etc/shadow)' == '*' || '$(field kiosk 2 etc/shadow)' == '!'* ]]"
check_that "kiosk user has no home" holds test "$(field kiosk 6 etc/passwd)" = /nonexistent
check_that "kiosk unit enabled for graphical.target" holds enabled_in graphical.target eimza-kiosk.service
check_that "default target is graphical" holds bash -c "[[ \$(readlink '$root/etc/systemd/system/default.target') == */graphical.target ]]"
check_that "kiosk unit runs cage as kiosk" holds bash -c "grep -q '^User=kiosk' '$root/$unit' && grep -q '^ExecStart=/usr/bin/cage .*-- /usr/bin/eimza-kiosk$' '$root/$unit'"
check_that "cage started without -s (VT switching blocked)" holds bash -c "! grep -Eq '^ExecStart=.*cage[^-]* -[a-z]*s' '$root/$unit'"
check_that "kiosk unit restarts on exit and crash" holds unit_has "Restart=always"
check_that "kiosk unit is Type=notify with a watchdog" holds bash -c "grep -q '^Type=notify' '$root/$unit' && grep -Eq '^WatchdogSec=[0-9]+' '$root/$unit' && grep -q '^NotifyAccess=all' '$root/$unit'"
# Notifications from the app count only from inside the unit's cgroup: no PAM
# session may move cage and the app into a logind scope.
check_that "kiosk unit opens no PAM session" holds bash -c "! grep -q '^PAMName=' '$root/$unit' && [[ ! -e '$root/etc/pam.d/eimza-kiosk' ]]"
check_that "cage takes its seat from seatd" holds bash -c "grep -q '^Environment=LIBSEAT_BACKEND=seatd' '$root/$unit' && grep -q '^Requires=seatd.service' '$root/$unit'"
check_that "seatd enabled" holds enabled_in multi-user.target seatd.service
check_that "kiosk unit in seatd's socket group" holds bash -c "g=\$(sed -nE 's/^ExecStart=.*seatd .*-g ([a-z]+).*/\\1/p' '$root/lib/systemd/system/seatd.service'); [[ -n \$g ]] && grep -q \"^SupplementaryGroups=\$g\$\" '$root/$unit'"
# The voice guide opens /dev/snd itself (ALSA, no sound server).
check_that "kiosk unit reaches the sound card (group audio, /dev not hidden)" holds bash -c "grep -q '^SupplementaryGroups=audio$' '$root/$unit' && ! grep -Eq '^(PrivateDevices=yes|DevicePolicy=(closed|strict))' '$root/$unit' && grep -q '^Environment=SDL_AUDIODRIVER=alsa$' '$root/$unit'"
check_that "ALSA and alsactl installed (the mixer is set at boot)" holds bash -c "ls '$root'/usr/lib/x86_64-linux-gnu/libasound.so.2 >/dev/null && test -x '$root/usr/sbin/alsactl'"
check_that "start timeout allows for emulation (>= 120 s)" holds bash -c "[[ \$(sed -n 's/^TimeoutStartSec=//p' '$root/$unit') -ge 120 ]]"
check_that "clean stop: the app quits first, then only cage is signalled" holds bash -c "grep -q '^ExecStop=.*pkill -TERM -P .*-x eimza-kiosk' '$root/$unit' && grep -q '^KillMode=mixed' '$root/$unit'"
check_that "no TTY hang-up that would kill cage before ExecStop" holds bash -c "! grep -Eq '^(TTYPath|TTYVHangup|TTYReset|StandardInput=tty)' '$root/$unit'"
check_that "ExecStop's pkill is installed" holds test -x "$root/usr/bin/pkill"
check_that "watchdog kills a frozen UI at once" holds unit_has "WatchdogSignal=SIGKILL"
for directive in "NoNewPrivileges=yes" "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" \
  "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK" "SystemCallFilter=@system-service" \
  "CapabilityBoundingSet=$" "RestrictSUIDSGID=yes" "ProtectKernelModules=yes"; do
  check_that "kiosk unit hardened: ${directive%$}" holds unit_has "$directive"
done
check_that "hardware watchdog armed (RuntimeWatchdogSec)" holds has_line etc/systemd/system.conf.d/eimza-watchdog.conf '^RuntimeWatchdogSec=[1-9]'
check_that "eimza-kiosk package installed" holds grep -q '^Package: eimza-kiosk$' "$root/var/lib/dpkg/status"
check_that "configuration is a conffile" holds grep -q '^ /etc/eimza-kiosk/kiosk.yaml [0-9a-f]' "$root/var/lib/dpkg/status"
check_that "image config requires a synchronised clock" holds has_line etc/eimza-kiosk/kiosk.yaml '^\s*require_synchronised_clock: true'
check_that "image config is the generic one: not set up until provisioned" holds bash -c "grep -A1 '^site:' '$root/etc/eimza-kiosk/kiosk.yaml' | grep -q '^  configured: false'"
check_that "the site's print queue is made at boot" holds enabled_in multi-user.target eimza-site-printer.service
check_that "time synchronisation enabled" holds enabled_in sysinit.target systemd-timesyncd.service

# No way out of the app.
for getty in getty@.service autovt@.service serial-getty@.service console-getty.service container-getty@.service; do
  check_that "$getty masked" holds masked "$getty"
done
check_that "no getty enabled" holds bash -c "! ls '$root'/etc/systemd/system/*.wants/ | grep -q getty@"
check_that "logind spawns no VTs" holds has_line etc/systemd/logind.conf.d/eimza-no-vt.conf '^NAutoVTs=0'
check_that "Ctrl-Alt-Del masked" holds masked ctrl-alt-del.target
check_that "Ctrl-Alt-Del burst does nothing" holds has_line etc/systemd/system.conf.d/eimza-watchdog.conf '^CtrlAltDelBurstAction=none'
check_that "debug shell masked" holds masked debug-shell.service
check_that "emergency shell masked" holds masked emergency.service
check_that "SysRq off" holds has_line etc/sysctl.d/90-eimza-lockdown.conf '^kernel.sysrq = 0'
check_that "no sshd" holds absent usr/sbin/sshd
check_that "no sudo" holds absent usr/bin/sudo
check_that "root password locked" holds bash -c "[[ '$(field root 2 etc/shadow)' == '!'* || '$(field root 2 etc/shadow)' == '*' ]]"
check_that "root has no login shell" holds test "$(field root 7 etc/passwd)" = /usr/sbin/nologin
check_that "no account has a usable password" holds awk -F: '$2 != "*" && $2 !~ /^!/ {bad = 1} END {exit bad}' "$root/etc/shadow"
disk=$(dirname "$root")/disk.img
if [[ -f "$disk" ]]; then
  check_that "boot menu cannot edit the kernel command line" holds bash -c "mtype -i '$disk@@1M' ::/loader/loader.conf | grep -q '^editor no'"
  check_that "boot menu shows no choice" holds bash -c "mtype -i '$disk@@1M' ::/loader/loader.conf | grep -q '^timeout 0'"
  check_that "slot A's entry mounts the root read-only" holds bash -c "mtype -i '$disk@@1M' ::/loader/entries/eimza-a.conf | grep -q '^options .* ro '"
  check_that "a panic or an unmountable root reboots (panic=10), spending a boot try" holds bash -c "mtype -i '$disk@@1M' ::/loader/entries/eimza-a.conf | grep -q '^options .* panic=10 '"
fi

# Whole-system updates (docs/fleet.md).
check_that "rauc takes verity bundles only, for eimza-kiosk" holds bash -c "grep -q '^compatible=eimza-kiosk' '$root/etc/rauc/system.conf' && grep -q '^bundle-formats=-plain' '$root/etc/rauc/system.conf'"
check_that "rauc's keyring is a certificate, no key" holds bash -c "grep -q 'BEGIN CERTIFICATE' '$root/etc/rauc/keyring.pem' && ! grep -rqs 'PRIVATE KEY' '$root/etc/rauc'"
check_that "a counted boot is blessed only after the health check" holds bash -c "[[ -L '$root/etc/systemd/system/boot-complete.target.requires/eimza-health.service' ]] && [[ -x '$root/lib/systemd/systemd-bless-boot' ]]"
check_that "setuid programs limited to the expected set" holds bash -c "
  extra=\$(find '$root' -xdev -perm -4000 -type f -printf '/%P\n' | grep -Ev '^/usr/bin/(su|mount|umount|passwd|chfn|chsh|gpasswd|newgrp)$|^/usr/lib/(dbus-1.0/dbus-daemon-launch-helper|polkit-1/polkit-agent-helper-1)$|^/usr/libexec/polkit-agent-helper-1$')
  [[ -z \"\$extra\" ]] || { echo \"\$extra\"; exit 1; }"

# Storage: read-only root, volatile logs and spool, nothing personal kept.
# The root slot is named by the boot entry (A or B) and mounted read-only by
# the kernel; nothing in fstab may remount it.
check_that "root mounted read-only, never remounted" holds bash -c "! grep -Eq '^[^#]+[[:space:]]/[[:space:]]' '$root/etc/fstab'"
for dir in /tmp /var/tmp /var/log /var/spool /var/cache; do
  check_that "$dir is tmpfs" holds has_line etc/fstab "^tmpfs +$dir +tmpfs "
done
check_that "data partition holds only the persistent state" holds has_line etc/fstab '^PARTLABEL=eimza-data +/var/lib/eimza-persist '
check_that "persistent state wired before cups and the kiosk" holds enabled_in sysinit.target eimza-persist.service
check_that "a site configuration on the data partition is in place before the firewall loads" holds bash -c "grep -q '^Before=.*nftables.service' '$root/etc/systemd/system/eimza-persist.service' && grep -q 'mount --bind \"\$site\" /etc/eimza-kiosk' '$root/usr/local/sbin/eimza-persist-setup' && grep -q 'remount,bind,ro /etc/eimza-kiosk' '$root/usr/local/sbin/eimza-persist-setup'"
check_that "journald keeps logs in RAM only" holds has_line etc/systemd/journald.conf.d/eimza-volatile.conf '^Storage=volatile'
check_that "CUPS keeps no job files" holds has_line etc/cups/cupsd.conf '^PreserveJobFiles No'
check_that "CUPS keeps job history one minute" holds has_line etc/cups/cupsd.conf '^PreserveJobHistory 60'
check_that "CUPS listens on its local socket only" holds bash -c "! grep -Eq '^(Port|Listen) .*(:631|0\.0\.0\.0|\*)' '$root/etc/cups/cupsd.conf'"
check_that "machine-id is per boot" holds test ! -s "$root/etc/machine-id"

# USB and network.
check_that "USB storage driver cannot load" holds has_line etc/modprobe.d/eimza-usb-lockdown.conf '^install usb-storage /bin/false'
check_that "UAS driver cannot load" holds has_line etc/modprobe.d/eimza-usb-lockdown.conf '^install uas /bin/false'
check_that "USB interfaces other than HID/printer/hub/CCID de-authorised" holds has_line etc/udev/rules.d/60-eimza-usb-classes.rules 'ATTR\{bInterfaceClass\}!="03\|07\|09\|0b", ATTR\{authorized\}="0"'
check_that "nftables enabled" holds enabled_in sysinit.target nftables.service
check_that "firewall: inbound dropped by default" holds bash -c "sed -n '/chain input/,/}/p' '$root/etc/nftables.conf' | grep -q 'policy drop'"
check_that "firewall: outbound dropped by default" holds bash -c "sed -n '/chain output/,/}/p' '$root/etc/nftables.conf' | grep -q 'policy drop'"
check_that "firewall: web only to configured servers" holds bash -c "grep -E 'dport \{ 80, 443 \}' '$root/etc/nftables.conf' | grep -vq '@servers_v' && exit 1 || exit 0"
check_that "firewall: server addresses refreshed from the configuration" holds enabled_in timers.target eimza-firewall-hosts.timer
check_that "firewall ruleset parses" holds chroot "$root" nft -c -f /etc/nftables.conf
check_that "firewall: inbound only metrics scrapes from named servers" holds bash -c "sed -n '/chain input/,/}/p' '$root/etc/nftables.conf' | grep 'tcp dport' | grep -vq '@monitoring_v4' && exit 1 || exit 0"
check_that "metrics exporter enabled" holds enabled_in multi-user.target prometheus-node-exporter.service
check_that "metrics file in RAM" holds has_line etc/fstab '^tmpfs +/var/lib/prometheus/node-exporter +tmpfs '
check_that "kiosk writes its metrics there" holds has_line etc/eimza-kiosk/kiosk.yaml '^  dir: /var/lib/prometheus/node-exporter'
check_that "content updates on a timer" holds enabled_in timers.target eimza-kiosk-content-update.timer
check_that "configured servers listed by the app" holds bash -c "chroot '$root' /usr/bin/eimza-kiosk allowed-hosts | grep -q ocsp.kamusm.gov.tr"
check_that "the packaged app starts far enough to validate its content" holds chroot "$root" /usr/bin/eimza-kiosk check-content /usr/share/eimza-kiosk/content

checks_summary
