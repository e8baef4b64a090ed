#!/usr/bin/env bash
# Usage: scripts/stop-emulator.sh STATE_DIR
#
# Stops the emulator that scripts/start-emulator.sh STATE_DIR started: the process whose id is in
# STATE_DIR/emulator.pid, and only if that process still is the emulator (its command line names
# the script recorded in STATE_DIR/emulator.script). SIGTERM, then SIGKILL after 5 s. Does
# nothing when no emulator runs; never fails, so it is safe in an EXIT trap.
set -uo pipefail
state=${1:?usage: $0 STATE_DIR}
pidfile=$state/emulator.pid
[[ -f $pidfile ]] || exit 0
pid=$(cat "$pidfile")
script=$(cat "$state/emulator.script" 2>/dev/null || echo serve.py)
rm -f "$pidfile"
[[ $pid =~ ^[0-9]+$ ]] || exit 0
if [[ -r /proc/$pid/cmdline ]] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$script"; then
  kill -TERM "$pid" 2>/dev/null || exit 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || exit 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
fi
exit 0
