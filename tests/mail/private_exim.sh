#!/usr/bin/env bash
# Sourced by the tests that send mail. start_private_exim DIR PORT starts
# Debian's exim4 (exim4-daemon-light) in the foreground on 127.0.0.1:PORT
# with a configuration of its own: every directory under DIR, every message
# for any address delivered to the maildir DIR/maildir; it is stopped on
# exit (tests/lib.sh's on_exit). Exim delivers as Debian-exim (it never
# delivers as root).
start_private_exim() {
  local work=$1 port=$2
  mkdir -p "$work"/{spool,log,maildir}
  cat >"$work/exim.conf" <<CONF
primary_hostname = kiosk-test.invalid
qualify_domain = kiosk-test.invalid
spool_directory = $work/spool
log_file_path = $work/log/%slog
pid_file_path = $work/exim.pid
local_interfaces = <; 127.0.0.1
daemon_smtp_ports = $port
host_lookup =
rfc1413_hosts =
tls_advertise_hosts =
keep_environment =
acl_smtp_rcpt = acl_check_rcpt
acl_smtp_data = acl_check_data
message_size_limit = 10M

begin acl
acl_check_rcpt:
  accept hosts = 127.0.0.1
  deny message = relay not permitted
acl_check_data:
  accept

begin routers
everyone:
  driver = accept
  transport = to_maildir

begin transports
to_maildir:
  driver = appendfile
  directory = $work/maildir
  maildir_format
  create_directory
  user = Debian-exim
  group = Debian-exim
  mode = 0600

begin retry
*  *  F,1m,10s
CONF
  chown -R Debian-exim:Debian-exim "$work"
  chown root:root "$work/exim.conf"  # exim reads a configuration only root can change
  chmod 644 "$work/exim.conf"
  run_bg /usr/sbin/exim4 -C "$work/exim.conf" -bdf -q30s >"$work/log/stdout" 2>&1
  wait_for 10 port_listening "$port" && return 0
  echo "exim did not start:" >&2
  cat "$work/log/"* >&2
  return 1
}
