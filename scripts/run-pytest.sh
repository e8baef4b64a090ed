#!/usr/bin/env bash
# Usage: scripts/run-pytest.sh PYTHON PYTEST_ARGS...
#
# Runs PYTHON -m pytest PYTEST_ARGS. pytest's exit status 5 means "no tests were collected":
# every suite of this project is expected to have tests, so that is reported as a failure, unless
# PYTEST_ALLOW_NO_TESTS=1 (for a suite that may legitimately be empty).
set -uo pipefail
python=${1:?usage: $0 PYTHON PYTEST_ARGS...}
shift
"$python" -m pytest "$@"
rc=$?
if ((rc == 5)); then
  if [[ ${PYTEST_ALLOW_NO_TESTS:-0} == 1 ]]; then
    echo "run-pytest: no tests collected in: $* (allowed by PYTEST_ALLOW_NO_TESTS=1)"
    exit 0
  fi
  echo "run-pytest: ERROR: no tests were collected in: $* (this suite must have tests)" >&2
fi
exit "$rc"
