#!/usr/bin/env bash
# Usage: scripts/start-emulator.sh STATE_DIR PYTHON SERVE_PY [serve.py options...]
#
# Starts the Service Catalog emulator (tests/emulator/serve.py) in the background on 127.0.0.1
# with --port 0, waits (EMULATOR_START_TIMEOUT seconds, default 30) for its first stdout line
# "listening on http://HOST:PORT", then prints that URL on stdout and returns.
# STATE_DIR receives emulator.pid, emulator.script, emulator.url, emulator.out (stdout) and
# emulator.err (stderr).
# Stop it with scripts/stop-emulator.sh STATE_DIR (callers do that from an EXIT trap).
set -euo pipefail
usage="usage: $0 STATE_DIR PYTHON SERVE_PY [serve.py options...]"
state=${1:?$usage}
python=${2:?$usage}
script=${3:?$usage}
shift 3
here=$(cd "$(dirname "$0")" && pwd)
timeout=${EMULATOR_START_TIMEOUT:-30}

[[ -f $script ]] || { echo "start-emulator: $script not found" >&2; exit 1; }
mkdir -p "$state"
"$here/stop-emulator.sh" "$state"   # a leftover from an interrupted run, if any
out=$state/emulator.out
err=$state/emulator.err
rm -f "$state/emulator.url"
: >"$out"
: >"$err"

"$python" -u "$script" --host 127.0.0.1 --port 0 "$@" >"$out" 2>"$err" </dev/null &
pid=$!
echo "$pid" >"$state/emulator.pid"
echo "$script" >"$state/emulator.script"

deadline=$((SECONDS + timeout))
while ((SECONDS < deadline)); do
  line=$(head -n 1 "$out")
  if [[ $line == "listening on http://"*:* ]]; then
    url=${line#listening on }
    url=${url%$'\r'}
    echo "$url" >"$state/emulator.url"
    echo "$url"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    rc=0
    wait "$pid" || rc=$?
    rm -f "$state/emulator.pid"
    echo "start-emulator: $script exited (status $rc) before it was listening; its output:" >&2
    cat "$out" "$err" >&2
    exit 1
  fi
  sleep 0.1
done
echo "start-emulator: no 'listening on http://HOST:PORT' line from $script after ${timeout}s; its output:" >&2
cat "$out" "$err" >&2
"$here/stop-emulator.sh" "$state"
exit 1
