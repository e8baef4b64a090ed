# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a module imports when it starts: AnsiballZ ships sources and every module run compiles what it
imports, so a module does not import what its common path does not use."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest

UTILS = 'ansible_collections.alicloud.servicecatalog.plugins.module_utils.'
_PROBE = '''
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(name for name in sys.modules if name.startswith('ansible_collections.'))))
'''


def _loaded(module):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    return json.loads(subprocess.check_output([sys.executable, '-c', _PROBE, module], env=env).decode('utf-8'))


@pytest.mark.parametrize('name', ['provisioned_product', 'provisioned_product_plan', 'provisioned_product_plan_approval'])
def test_a_resource_module_does_not_import_the_info_helper(name):
    loaded = _loaded('ansible_collections.alicloud.servicecatalog.plugins.modules.' + name)
    assert UTILS + 'resource' in loaded
    assert [n for n in loaded if n in (UTILS + 'info', UTILS + 'instances')] == []


@pytest.mark.parametrize('name', ['task_info', 'provisioned_product'])
def test_no_module_imports_the_credential_sources_it_may_not_use(name):
    loaded = _loaded('ansible_collections.alicloud.servicecatalog.plugins.modules.' + name)
    assert UTILS + 'credentials.chain' in loaded
    lazy = [UTILS + 'credentials.' + source for source in ('profile', 'ecs_role', 'uri')] + [UTILS + p for p in ('_sts', '_metadata', '_uri')]
    assert [n for n in loaded if n in lazy] == []
