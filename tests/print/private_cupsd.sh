#!/usr/bin/env bash
# Sourced by the tests that print. start_private_cupsd DIR starts a cupsd
# whose every directory is under DIR (spool, cache, state, log), with a
# fault-injecting backend next to Debian's, and exports CUPS_SERVER; it is
# stopped on exit (tests/lib.sh's on_exit). Queues: lpadmin -p NAME -E -v
# fault:/MODE, MODE being paper (out of paper), fail (backend error), hang,
# or anything else (the document is taken and dropped, as by a working
# printer).
start_private_cupsd() {
  local work=$1
  mkdir -p "$work"/{spool,cache,state,log,serverbin/backend,out}
  for d in filter cgi-bin daemon driver monitor notifier; do ln -s "/usr/lib/cups/$d" "$work/serverbin/$d"; done
  ln -s /usr/lib/cups/backend/file "$work/serverbin/backend/file" 2>/dev/null || true
  cat >"$work/serverbin/backend/fault" <<'SH'
#!/bin/sh
# Test backend: behaves as the queue's device URI says (fault:/MODE).
[ $# -eq 0 ] && { echo 'direct fault "Unknown" "Fault injector"'; exit 0; }
mode=${DEVICE_URI#fault:/}
case "$mode" in
  paper) echo "STATE: +media-empty-error" >&2; echo "ERROR: out of paper" >&2; exit 4 ;;
  fail) echo "ERROR: backend failure" >&2; exit 1 ;;
  hang) sleep 600 ;;
esac
cat >/dev/null
exit 0
SH
  chmod 755 "$work/serverbin/backend/fault"
  cat >"$work/cups-files.conf" <<CONF
FileDevice Yes
ServerRoot $work
ServerBin $work/serverbin
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
RequestRoot $work/spool
CacheDir $work/cache
StateDir $work/state
TempDir $work/spool
AccessLog $work/log/access_log
ErrorLog $work/log/error_log
PageLog $work/log/page_log
CONF
  # As on the kiosk image: no job files kept; job history (generic titles,
  # no documents) only long enough for the kiosk to read the final state.
  cat >"$work/cupsd.conf" <<CONF
Listen $work/cups.sock
Browsing No
LogLevel warn
DefaultAuthType None
PreserveJobFiles No
PreserveJobHistory 60
ErrorPolicy abort-job
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    AuthType None
    Order deny,allow
  </Limit>
</Policy>
CONF
  chmod 755 "$work"  # cupsd runs filters as lp
  run_bg cupsd -f -c "$work/cupsd.conf" -s "$work/cups-files.conf"
  export CUPS_SERVER=$work/cups.sock
  wait_for 5 cupsd_ready "$work/cups.sock"
}
cupsd_ready() { [[ -S $1 ]] && lpstat -r >/dev/null 2>&1; }
