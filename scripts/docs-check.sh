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

failed=0
for entry in "${plugins[@]}"; do
  type=${entry%% *}
  fqcn=$ns.$name.${entry#* }
  rc=0
  "$ansible_doc" -t "$type" "$fqcn" >"$work/text" 2>"$work/err" || rc=$?
  "$ansible_doc" -t "$type" --json "$fqcn" >"$work/json" 2>>"$work/err" || rc=$?
  problems=$(grep -E "ERROR|\[WARNING\].*($ns\.$name|$fqcn)" "$work/err" || true)
  doc_ok=$("$python" - "$work/json" "$fqcn" "$type" <<'PY'
import json, sys
path, fqcn, kind = sys.argv[1:]
try:
    with open(path) as f:
        data = json.load(f)
except ValueError:
    data = {}
entry = data.get(fqcn) or {}
key = 'entry_points' if kind == 'role' else 'doc'
print('yes' if entry.get(key) else 'no')
PY
)
  if ((rc != 0)) || [[ -n $problems || $doc_ok != yes ]]; then
    failed=$((failed + 1))
    echo "FAIL  ansible-doc -t $type $fqcn (exit $rc, documentation found: $doc_ok)"
    sed 's/^/      /' "$work/err"
  else
    echo "ok    ansible-doc -t $type $fqcn"
  fi
done
echo "docs-check: $((${#plugins[@]} - failed)) passed, $failed failed"
((failed == 0))
