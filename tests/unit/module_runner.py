# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run a module's ``main()`` in this process, as ansible-core would run it, and return what it printed.

The arguments reach AnsibleModule the standard way (``ansible.module_utils.testing.patch_module_args`` on
ansible-core 2.19 and later, ``basic._ANSIBLE_ARGS`` before), with the internal ones ansible-core adds
(check mode, diff mode, verbosity). ``exit_json`` / ``fail_json`` print one JSON document and exit: the exit status
and that document are the result, exactly what the controller would receive.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import contextlib
import importlib
import io
import json

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as _warnings

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19

    @contextlib.contextmanager
    def patch_module_args(args=None):
        previous = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = json.dumps({'ANSIBLE_MODULE_ARGS': args or {}}).encode('utf-8')
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = previous

try:
    from ansible.module_utils import _internal as _module_internal  # ansible-core 2.19 and later
except ImportError:
    _module_internal = None


@contextlib.contextmanager
def _as_a_module():
    """Module code as it runs in a module process: once a test imported controller code (a lookup, the inventory plugin),
    ansible-core 2.19+ sends ``warn()`` to the controller's display instead of the result; not while a module runs here."""
    if _module_internal is None or not hasattr(_module_internal, 'is_controller'):
        yield
        return
    previous = _module_internal.is_controller
    _module_internal.is_controller = False
    try:
        yield
    finally:
        _module_internal.is_controller = previous


Ran = collections.namedtuple('Ran', ['rc', 'result', 'stdout'])

# The modules whose main() ran in this process (tests/unit/conftest.py checks that every module did when
# SC_UNITS_EVERY_MODULE=1: make units-py39, the proof that every module ran on that Python).
RAN = set()


def run_module(name, args, check_mode=False, verbosity=0, diff=False):
    """``main()`` of plugins/modules/<name>.py with ``args``; a Ran (exit status, the JSON result, the raw stdout).
    ``diff``: as ``--diff`` (``module._diff``)."""
    main = importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules.%s' % name).main
    RAN.add(name)
    internal = {'_ansible_check_mode': check_mode, '_ansible_verbosity': verbosity, '_ansible_diff': diff}
    # warnings are process-wide in module_utils: a module run starts without those of the runs before it
    _warnings._global_warnings.clear()
    _warnings._global_deprecations.clear()
    out = io.StringIO()
    status = 'returned'
    with patch_module_args(dict(args, **internal)), contextlib.redirect_stdout(out), _as_a_module():
        try:
            main()
        except SystemExit as exit_:
            status = exit_.code
    if status == 'returned':
        raise AssertionError('%s: main() returned without exit_json or fail_json' % name)
    text = out.getvalue()
    return Ran(status, json.loads(text), text)
