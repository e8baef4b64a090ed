# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""scripts/demo-shell.sh (make demo-shell), the quick start's next step after make demo: the README's
ad hoc command works in it as written (venv, collection, demo keys and emulator ready), and the
emulator is stopped afterwards."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCRIPT = os.path.join(ROOT, 'scripts', 'demo-shell.sh')


def test_readme_command_runs_in_the_demo_shell(tmp_path):
    venv = os.path.dirname(os.path.dirname(sys.executable))
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ALIBABA_CLOUD_', 'ALICLOUD_', 'ANSIBLE_')))
    env['PATH'] = '/usr/bin:/bin'  # nothing of the caller's: the script puts the venv first
    env['HOME'] = str(tmp_path)
    command = ('command -v ansible; echo "collections=$ANSIBLE_COLLECTIONS_PATH"; '
               'ansible localhost -m alicloud.servicecatalog.provisioned_product_info -a access_level_filter=Account')
    done = subprocess.run([SCRIPT, venv, str(tmp_path / 'work'), 'bash', '-c', command], env=env, cwd=str(tmp_path), check=False,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == os.path.join(venv, 'bin', 'ansible')
    assert lines[1] == 'collections=%s' % (tmp_path / 'work' / 'demo-collections')
    assert (tmp_path / 'work' / 'demo-collections' / 'ansible_collections' / 'alicloud' / 'servicecatalog' / 'MANIFEST.json').is_file()
    assert 'localhost | SUCCESS' in done.stdout and '"provisioned_product_name": "web-server-prod"' in done.stdout
    state = tmp_path / 'work' / 'state' / 'demo-shell'
    assert not (state / 'emulator.pid').exists()  # stopped
    url = (state / 'emulator.url').read_text().strip()
    assert url.startswith('http://127.0.0.1:')
