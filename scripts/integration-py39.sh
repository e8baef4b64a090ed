#!/usr/bin/env bash
# Usage: scripts/integration-py39.sh CORE_VENV TARGET_VENV WORK_DIR      (make integration-py39)
#
# The modules on the oldest Python they support on the managed node (python_requires >= 3.9 in
# tests/config.yml): `ansible-test integration` from CORE_VENV (build/venv-core216: ansible-core
# 2.16 on Python 3.11, which stays the controller's Python: lookups and the emulator run there),
# with ansible_python_interpreter set to TARGET_VENV's Python 3.9 (build/venv-py39: requests) for
# every task through integration_config.yml (ansible-test passes it as extra vars).
#
# Targets, found by alias, no list to keep: those whose aliases say py39 (a resource module's target,
# and template_info, whose YAML path differs on a node without PyYAML). What every module does runs on
# Python 3.9 in-process: make units-py39 (the module and module_utils suites with ansible-core 2.16's
# module_utils, the ones a 2.16 controller ships to a 3.9 node; it fails unless every module's main()
# ran). docs/developers.md, "Test stages".
# Proof that the modules really ran on 3.9: a probe (TARGET_VENV/site-packages/_sc_interpreter_probe.py,
# loaded by a .pth file) records, when a module process ends, its Python version and the module's
# name; every module run must be on 3.9, and the module each target is named after must appear.
# WORK_DIR/probe.log keeps it.
set -euo pipefail
usage="usage: $0 CORE_VENV TARGET_VENV WORK_DIR"
core_venv=${1:?$usage}
target_venv=${2:?$usage}
work=${3:?$usage}
root=$(cd "$(dirname "$0")/.." && pwd)
scripts=$root/scripts
core_venv=$(cd "$core_venv" && pwd)
target_venv=$(cd "$target_venv" && pwd)
controller_python=$core_venv/bin/python
target_python=$target_venv/bin/python
case $work in /*) ;; *) work=$PWD/$work ;; esac
mkdir -p "$work"
state=$work/state
log=$work/probe.log
: >"$log"

target_ver=$("$target_python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
controller_ver=$("$controller_python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# The probe: a module process (AnsiballZ) sets ansible.module_utils.basic._ANSIBLE_ARGS, whose
# ANSIBLE_MODULE_ARGS carry _ansible_module_name.
site=$("$target_python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
cat >"$site/_sc_interpreter_probe.py" <<EOT
"""Written by scripts/integration-py39.sh: records which Ansible modules ran on this Python."""
import atexit
import json
import sys

LOG = $("$target_python" -c 'import sys; print(repr(sys.argv[1]))' "$log")


def _record():
    basic = sys.modules.get('ansible.module_utils.basic')
    raw = getattr(basic, '_ANSIBLE_ARGS', None)
    if not raw:
        return
    try:
        name = json.loads(raw)['ANSIBLE_MODULE_ARGS'].get('_ansible_module_name', '?')
    except Exception:  # pylint: disable=broad-except
        name = '?'
    with open(LOG, 'a') as f:
        f.write('%d.%d.%d %s\n' % (sys.version_info[:3] + (name,)))


atexit.register(_record)
EOT
echo 'import _sc_interpreter_probe' >"$site/_sc_interpreter_probe.pth"

coll=$("$scripts/copy-collection.sh" "$work/collection")
# The targets whose aliases say py39; each one named after a module must see that module run on 3.9.
targets=()
for t in "$coll"/tests/integration/targets/*/; do
  if grep -qx 'py39' "$t/aliases" 2>/dev/null; then targets+=("$(basename "$t")"); fi
done
if ((! ${#targets[@]})); then
  echo "integration-py39: no target has the alias py39 (tests/integration/targets/*/aliases)" >&2
  exit 1
fi
# Each module still runs through ansible-core somewhere (integration-core-latest-*): a target of its
# name, or a task of some target, or a playbook of playbooks/ that a target runs, calls it (the catalog
# modules run in catalog_as_code's playbooks/catalog.yml; their contract is in-process).
targets_dir=$coll/tests/integration/targets
playbooks=()
for playbook in "$coll"/playbooks/*.yml; do
  grep -rqF "playbooks/$(basename "$playbook")" "$targets_dir" && playbooks+=("$playbook")
done
missing=()
for module in "$coll"/plugins/modules/*.py; do
  name=$(basename "$module" .py)
  [[ $name == __init__ ]] && continue
  [[ -d $targets_dir/$name ]] && continue
  grep -rqE "alicloud\.servicecatalog\.$name:" "$targets_dir" "${playbooks[@]}" || missing+=("$name")
done
if ((${#missing[@]})); then
  echo "integration-py39: module(s) that no integration target runs (a target of its name, a task, or a playbook a target runs): ${missing[*]}" >&2
  exit 1
fi

trap '"$scripts/stop-emulator.sh" "$state"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
url=$("$scripts/start-emulator.sh" "$state" "$controller_python" "$coll/tests/emulator/serve.py" \
  --access-key "${SC_ACCESS_KEY:?}:${SC_SECRET_KEY:?}")
echo "emulator: $url (stdout/stderr: $state/emulator.out, emulator.err)"
cat >"$coll/tests/integration/integration_config.yml" <<EOT
---
sc_endpoint: "$url"
sc_access_key: "$SC_ACCESS_KEY"
sc_secret_key: "$SC_SECRET_KEY"
sc_region: "${SC_REGION:?}"
sc_emulator_python: "$controller_python"
sc_emulator_script: "$coll/tests/emulator/serve.py"
ansible_python_interpreter: "$target_python"
EOT
export PATH="$core_venv/bin:$PATH"
cd "$coll"
echo "+ ansible-test integration --python $controller_ver ${targets[*]}   ($(ansible-test --version); modules on Python $target_ver: $target_python)"
ansible-test integration --python "$controller_ver" --continue-on-error "${targets[@]}"

echo
echo "integration-py39: module runs recorded by the probe on Python $target_ver:"
sort "$log" | uniq -c
rc=0
if [[ ! -s $log ]]; then echo "FAIL no module run recorded"; rc=1; fi
if grep -Ev "^$target_ver\.[0-9]+ " "$log"; then echo "FAIL the module runs above were not on Python $target_ver"; rc=1; fi
for name in "${targets[@]}"; do
  [[ -f $coll/plugins/modules/$name.py ]] || continue
  if grep -Eq "^$target_ver\.[0-9]+ (alicloud\.servicecatalog\.)?$name\$" "$log"; then
    echo "PASS alicloud.servicecatalog.$name ran on Python $target_ver"
  else
    echo "FAIL alicloud.servicecatalog.$name never ran on Python $target_ver"
    rc=1
  fi
done
exit $rc
