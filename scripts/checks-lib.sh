# shellcheck shell=bash
# PASS / FAIL bookkeeping and helpers shared by scripts/awx-runner-test.sh, awx-inventory-test.sh and
# ee-create-test.sh. Source it after setting $results (the file the PASS / FAIL lines are collected
# in), $python, $root and $work.
# shellcheck disable=SC2154  # results, python, root, work: set by the sourcing script

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

random_string() { # random_string LENGTH ALPHABET
  "$python" -c 'import secrets, sys; n, a = int(sys.argv[1]), sys.argv[2]; print("".join(secrets.choice(a) for _ in range(n)))' "$1" "$2"
}

install_collection() { # install_collection LABEL: builds $root into $work/dist, installs it into $work/collections, sets $tarball
  echo "$1: building the collection and installing it into $work/collections"
  ansible-galaxy collection build --force --output-path "$work/dist" "$root" >/dev/null
  tarball=$(compgen -G "$work/dist/alicloud-servicecatalog-*.tar.gz") ||
    { echo "$1: ansible-galaxy collection build made no $work/dist/alicloud-servicecatalog-*.tar.gz" >&2; exit 1; }
  ANSIBLE_COLLECTIONS_PATH=$work/collections ansible-galaxy collection install --force -p "$work/collections" "$tarball" >/dev/null
}
