# shellcheck shell=bash
# PASS / FAIL bookkeeping shared by scripts/awx-runner-test.sh and scripts/ee-create-test.sh.
# Source it after setting $results (the file the PASS / FAIL lines are collected in).
# shellcheck disable=SC2154  # results: set by the sourcing script

record() { # record PASS|FAIL TEXT
  echo "$1  $2" | tee -a "$results"
}

checked() { # checked COMMAND...: runs a checker that prints PASS/FAIL lines itself; a crash is a FAIL too
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  printf '%s\n' "$out" | tee -a "$results"
  if ((rc != 0)) && ! grep -q '^FAIL' <<<"$out"; then
    record FAIL "$(basename "$2") $3 exited with status $rc without a FAIL line"
  fi
}

finish() { # finish LABEL: the summary line; fails unless something passed and nothing failed
  local passed failed
  passed=$(grep -c '^PASS' "$results" || true)
  failed=$(grep -c '^FAIL' "$results" || true)
  echo
  echo "$1: $passed passed, $failed failed"
  ((failed == 0 && passed > 0))
}
