#!/usr/bin/env bash
# Usage: scripts/ansible-test-prepare.sh VENV_PYTHON
#
# Makes ansible-test's "--requirements" work on a machine that reaches PyPI but not
# ci-files.testing.ansible.com: for every pip version the installed ansible-test pins for its
# virtual environments (pip='X.Y' in ansible_test/_internal/python_requirements.py), puts
# scripts/get-pip-shim.py at ~/.ansible/test/cache/get_pip_X_Y.py unless a file is already there
# (a real get-pip script, downloaded elsewhere, is left alone; an older copy of the shim is replaced).
set -euo pipefail
python=${1:?usage: $0 VENV_PYTHON}
here=$(cd "$(dirname "$0")" && pwd)
"$python" - "$here/get-pip-shim.py" <<'PY'
import os, re, shutil, sys
import ansible_test
shim = sys.argv[1]
src = os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')
with open(src) as f:
    versions = sorted(set(re.findall(r"pip='([0-9][0-9.]*)'", f.read())))
if not versions:
    sys.exit('ansible-test-prepare: no pip version found in %s' % src)
cache = os.path.expanduser('~/.ansible/test/cache')
os.makedirs(cache, exist_ok=True)
for version in versions:
    dest = os.path.join(cache, 'get_pip_%s.py' % version.replace('.', '_'))
    with open(shim) as f:
        wanted = f.read()
    current = None
    if os.path.exists(dest):
        with open(dest) as f:
            current = f.read()
    if current is None or (current != wanted and 'Offline stand-in for the pip bootstrap script' in current):
        # copied then renamed: two sanity stages may run at once (make test), neither reads half a file
        tmp = '%s.%d.tmp' % (dest, os.getpid())
        shutil.copyfile(shim, tmp)
        os.replace(tmp, dest)
PY
