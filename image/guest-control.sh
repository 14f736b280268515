#!/bin/sh
# The image tests' hands inside the booted image, and nothing else: image/boot-test.sh
# puts this file on the data partition of its own copy of disk.img and starts it
# from its own kernel command line (systemd.run=), so a production boot never
# runs it. It answers a fixed set of requests on the second serial port
# (/dev/ttyS1, a socket on the host); every answer ends with a line "END".
#   status          the kiosk unit's state, where its processes are accounted, failed units
#   restart-kiosk   systemctl restart: a clean stop, then a start
#   freeze-app      SIGSTOP the app: its watchdog pings stop
#   pkcs11-objects  pkcs11-tool -O on the card in the reader, timed (no login, no PIN)
#   printers        the CUPS queues: device URIs, the default, each queue's model
#   verdicts        eimza-kiosk verify (offline, the site's configuration) on the
#                   test's certificates in test/*.pem: one line per file, its cert lines
#   system-update   start eimza-system-update.service now (what its timer does)
#   system-status   the running slot, the boot entries, the update status file,
#                   the system metrics, rauc's view of the slots, the at-rest file
# It never prints certificate contents: only counts and times.
set -u
port=/dev/ttyS1
stty -F "$port" raw -echo 115200
exec 3<>"$port"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

status() {
    systemctl show eimza-kiosk.service -p ActiveState -p SubState -p NRestarts -p Result -p ControlGroup -p MainPID
    for pid in $(pgrep -x 'cage|Xwayland|eimza-kiosk'); do
        echo "process $(cat "/proc/$pid/comm") cgroup $(cut -d: -f3 "/proc/$pid/cgroup")"
    done
    echo "failed units: $(systemctl --failed --plain --no-legend | awk '{print $1}' | tr '\n' ' ')"
}

pkcs11_objects() {
    started=$(now_ms)
    objects=$(pkcs11-tool --module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so -O 2>&1)
    code=$?
    echo "pkcs11-tool exit $code in $(($(now_ms) - started)) ms, $(echo "$objects" | grep -c '^Certificate Object') certificate objects"
}

printers() {
    lpstat -v
    lpstat -d
    for queue in $(lpstat -e); do
        echo "model $queue: $(lpoptions -p "$queue" | sed -n "s/.*printer-make-and-model='\([^']*\)'.*/\1/p")"
    done
}

verdicts() {
    for file in /var/lib/eimza-persist/test/*.pem; do
        name=${file##*/}
        echo "${name%.pem}: $(eimza-kiosk verify --offline --config /etc/eimza-kiosk/kiosk.yaml "$file" 2>&1 | grep '^cert:' | tr '\n' ' ')"
    done
}

system_status() {
    echo "booted $(sed -n 's/.*rauc\.slot=\([AB]\).*/\1/p' /proc/cmdline)"
    ls /efi/loader/entries | sed 's/^/entry /'
    sed 's/^/status /' /var/lib/eimza-persist/system-update/status 2>/dev/null
    sed -n 's/^eimza_kiosk_system/metric eimza_kiosk_system/p' /var/lib/prometheus/node-exporter/eimza_system.prom 2>/dev/null
    rauc status --output-format=shell 2>/dev/null | grep -E '^RAUC_(BOOT_PRIMARY|SYSTEM_BOOTED_BOOTNAME)|_STATE=|_BOOT_STATUS=' | sed 's/^/rauc /'
    [ -e /run/eimza-kiosk/at-rest ] && echo "at-rest yes" || echo "at-rest no"
    echo "update-unit $(systemctl show -p ActiveState --value eimza-system-update.service)"
}

while IFS= read -r request <&3; do
    case "$request" in
        status) status ;;
        restart-kiosk) systemctl --no-block restart eimza-kiosk.service && echo "restart queued" ;;
        freeze-app) pkill -STOP -x eimza-kiosk && echo "app stopped" ;;
        pkcs11-objects) pkcs11_objects ;;
        printers) printers ;;
        verdicts) verdicts ;;
        system-update) systemctl start --no-block eimza-system-update.service && echo "update started" ;;
        system-status) system_status ;;
        *) echo "unknown request" ;;
    esac >&3 2>&1
    echo END >&3
done
