#!/usr/bin/env bash
# Usage: scripts/docs-check.sh ANSIBLE_DOC COLLECTION_DIR
#
# Runs ansible-doc for every module (plugins/modules/*.py), lookup and inventory plugin (plugins/{lookup,inventory}/*.py)
# and role (roles/*/) of the collection found at COLLECTION_DIR, which must sit in an
# .../ansible_collections/alicloud/servicecatalog directory. Fails when ansible-doc fails, prints
# an error or a warning naming the collection, or returns no documentation (ansible-doc --json
# exits 0 with "{}" when it cannot parse DOCUMENTATION; roles need meta/argument_specs.yml).
set -euo pipefail
ansible_doc=${1:?usage: $0 ANSIBLE_DOC COLLECTION_DIR}
coll=$(cd "${2:?usage: $0 ANSIBLE_DOC COLLECTION_DIR}" && pwd)
ns=alicloud
name=servicecatalog
case $coll in
  */ansible_collections/$ns/$name) ;;
  *) echo "docs-check: $coll is not an ansible_collections/$ns/$name directory" >&2; exit 2 ;;
esac
ANSIBLE_COLLECTIONS_PATH=${coll%/ansible_collections/"$ns"/"$name"}
export ANSIBLE_COLLECTIONS_PATH
export ANSIBLE_NOCOLOR=1

python=$(dirname "$ansible_doc")/python
[[ -x $python ]] || python=python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

plugins=()
for f in "$coll"/plugins/modules/*.py; do
  [[ -e $f && $(basename "$f") != __init__.py ]] && plugins+=("module $(basename "$f" .py)")
done
for type in lookup inventory; do
  for f in "$coll"/plugins/"$type"/*.py; do
    [[ -e $f && $(basename "$f") != __init__.py ]] && plugins+=("$type $(basename "$f" .py)")
  done
done
for d in "$coll"/roles/*/; do
  [[ -d $d ]] && plugins+=("role $(basename "$d")")
done
if ((${#plugins[@]} == 0)); then
  echo "docs-check: no modules, lookup plugins or roles found under $coll" >&2
  exit 1
fi

# One ansible-doc run per plugin type and format (text, --json) for all its plugins: ansible-doc
# starts in about a second, the plugins take little more. When a type's run shows a problem, each
# of its plugins is run alone, so that the failure names the plugin.
check() {  # check TYPE FQCN...: 0 if ansible-doc accepts them all; stderr and JSON in $work
  local type=$1 rc=0
  shift
  "$ansible_doc" -t "$type" "$@" >"$work/text" 2>"$work/err" || rc=$?
  "$ansible_doc" -t "$type" --json "$@" >"$work/json" 2>>"$work/err" || rc=$?
  problems=$(grep -E "ERROR|\[WARNING\].*($ns\.$name)" "$work/err" || true)
  missing=$("$python" - "$work/json" "$type" "$@" <<'PY'
import json, sys
path, kind = sys.argv[1:3]
try:
    with open(path) as f:
        data = json.load(f)
except ValueError:
    data = {}
key = 'entry_points' if kind == 'role' else 'doc'
print(' '.join(fqcn for fqcn in sys.argv[3:] if not (data.get(fqcn) or {}).get(key)))
PY
)
  status=$rc
  ((rc == 0)) && [[ -z $problems && -z $missing ]]
}

failed=0
declare -A by_type=()
for entry in "${plugins[@]}"; do
  by_type[${entry%% *}]+=" $ns.$name.${entry#* }"
done
for type in module lookup inventory role; do
  [[ -n ${by_type[$type]:-} ]] || continue
  read -ra names <<<"${by_type[$type]}"
  if check "$type" "${names[@]}"; then
    for fqcn in "${names[@]}"; do echo "ok    ansible-doc -t $type $fqcn"; done
    continue
  fi
  for fqcn in "${names[@]}"; do
    if check "$type" "$fqcn"; then
      echo "ok    ansible-doc -t $type $fqcn"
    else
      failed=$((failed + 1))
      echo "FAIL  ansible-doc -t $type $fqcn (exit $status, documentation found: $([[ -z $missing ]] && echo yes || echo no))"
      sed 's/^/      /' "$work/err"
    fi
  done
done
echo "docs-check: $((${#plugins[@]} - failed)) passed, $failed failed"
((failed == 0))
