#!/usr/bin/env bash
# Runs Debian's pcscd with the vsmartcard vpcd driver (reader "Virtual PCD 00 00", port 35963) for
# the real-stack tests and for trying `emv-doctor simulate`.
#   scripts/pcscd.sh start     start pcscd unless one is running already (idempotent); wait until ready
#   scripts/pcscd.sh stop      stop the pcscd this script started (never anyone else's)
#   scripts/pcscd.sh restart   stop, then start
#   scripts/pcscd.sh status    say whether pcscd runs and who started it (exit 0 running, 3 not)
# pcscd runs in the foreground (-f) in the background, logging to $EMV_DOCTOR_PCSCD_LOG, never with
# APDU logging (-a would write card data to the log). A systemd-activated pcscd is stopped first and
# given back by `stop`.
set -euo pipefail

state_dir="${EMV_DOCTOR_PCSCD_STATE:-/tmp/emv-doctor-pcscd}"
pidfile="$state_dir/pcscd.pid"
systemd_mark="$state_dir/systemd-stopped"
log="${EMV_DOCTOR_PCSCD_LOG:-$state_dir/pcscd.log}"
sock="/run/pcscd/pcscd.comm"
vpcd_conf="/etc/reader.conf.d/vpcd"

say() { echo "pcscd.sh: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    say "need root to run: $*"; return 1; fi
}

# The pid of the pcscd this script started, if it is still that pcscd.
our_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pcscd ] &&
    [ "$(awk '{print $3}' "/proc/$pid/stat")" != Z ] && echo "$pid"
}

# Live pcscd processes (zombies excluded).
live_pcscd() {
  local pid
  for pid in $(pgrep -x pcscd 2>/dev/null); do
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ] && echo "$pid"
  done
  return 0
}
any_pcscd() { [ -n "$(live_pcscd)" ]; }

# Ready = a pcscd process and its client socket accepting.
ready() {
  any_pcscd || return 1
  [ -S "$sock" ] || return 1
  command -v python3 >/dev/null 2>&1 || return 0
  python3 - "$sock" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(1)
s.connect(sys.argv[1])
PY
}

systemd_active() {
  command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ] &&
    { systemctl is-active --quiet pcscd.socket || systemctl is-active --quiet pcscd.service; }
}

start() {
  mkdir -p "$state_dir"
  if our_pid >/dev/null; then say "already running (pid $(our_pid), started by this script)"; wait_ready; return; fi
  if systemd_active; then
    say "stopping the systemd pcscd (given back by '$0 stop')"
    as_root systemctl stop pcscd.socket pcscd.service
    touch "$systemd_mark"
  fi
  if any_pcscd; then say "a pcscd started elsewhere is running; using it"; wait_ready; return; fi
  [ -f "$vpcd_conf" ] || say "warning: $vpcd_conf missing (install vsmartcard-vpcd): no Virtual PCD reader"
  as_root mkdir -p /run/pcscd
  # A stale pid file from a killed pcscd makes the new one refuse to start.
  if [ -f /run/pcscd/pcscd.pid ] && ! kill -0 "$(cat /run/pcscd/pcscd.pid)" 2>/dev/null; then
    as_root rm -f /run/pcscd/pcscd.pid "$sock"
  fi
  if [ "$(id -u)" -eq 0 ]; then
    setsid pcscd -f >"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  else
    sudo -b sh -c "echo \$\$ > '$pidfile'; exec setsid pcscd -f >'$log' 2>&1 </dev/null"
    sleep 0.2
  fi
  wait_ready
  say "started (pid $(cat "$pidfile"), log $log)"
}

wait_ready() {
  for _ in $(seq 100); do
    if ready; then
      # Give the drivers from reader.conf.d a moment to register their readers.
      sleep 0.3
      return 0
    fi
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null && ! any_pcscd; then
      say "pcscd exited; its log:"; tail -n 20 "$log" >&2 || true; return 1
    fi
    sleep 0.1
  done
  say "pcscd did not become ready in 10 s"; return 1
}

stop() {
  local pid
  if pid="$(our_pid)"; then
    as_root kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "pcscd $pid ignored SIGTERM; killing it"; as_root kill -KILL "$pid" || true; fi
    rm -f "$pidfile"
    say "stopped (pid $pid)"
  else
    rm -f "$pidfile"
    any_pcscd && say "pcscd was not started by this script; leaving it running" || say "not running"
  fi
  if [ -f "$systemd_mark" ]; then
    rm -f "$systemd_mark"
    say "giving pcscd back to systemd"
    as_root systemctl start pcscd.socket || true
  fi
}

status() {
  if pid="$(our_pid)"; then echo "running (pid $pid, started by $0)"; return 0; fi
  if any_pcscd; then echo "running (pid $(live_pcscd | head -n1), not started by $0)"; return 0; fi
  echo "not running"; return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
