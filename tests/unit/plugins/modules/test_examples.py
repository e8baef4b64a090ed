# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every module's EXAMPLES uses only options the module has (or their aliases), and uses the
module: an example that cannot run is worse than none (the inventory plugin's is run for real by
its integration target; the lookup's keywords are checked here too)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import os
import re

import pytest
import yaml

from ansible_collections.alicloud.servicecatalog.plugins.lookup import task_outputs
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import COMMON_ARGUMENT_SPEC
from ansible_collections.alicloud.servicecatalog.tests.unit.doc_options import plugin_common_options

PREFIX = 'alicloud.servicecatalog.'
MODULES_DIR = list(importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules').__path__)[0]
MODULES = sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith('_info.py'))
GROUP = 'group/alicloud.servicecatalog.servicecatalog'


def _names(spec):
    names = set(spec)
    for option in spec.values():
        names.update(option.get('aliases') or ())
    return names


def _tasks(items):
    """Every task of a list of tasks or plays, blocks included."""
    for item in items or ():
        if not isinstance(item, dict):
            continue
        for key in ('tasks', 'pre_tasks', 'post_tasks', 'block', 'rescue', 'always'):
            yield from _tasks(item.get(key))
        yield item


def _module(name):
    return importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules.' + name)


def test_every_module_found():
    assert len(MODULES) >= 14  # a module not found would be a module not checked


@pytest.mark.parametrize('name', MODULES)
def test_module_examples_use_real_options(name):
    module = _module(name)
    allowed = _names(module.INFO.spec) | _names(COMMON_ARGUMENT_SPEC)
    common = _names(COMMON_ARGUMENT_SPEC)
    used = 0
    for task in _tasks(yaml.safe_load(module.EXAMPLES)):
        args = task.get(PREFIX + name)
        if args is not None:
            used += 1
            assert isinstance(args, dict), '%s EXAMPLES: %r' % (name, task.get('name'))
            assert sorted(set(args) - allowed) == [], '%s EXAMPLES task %r' % (name, task.get('name'))
        defaults = task.get('module_defaults') or {}
        for key, values in defaults.items():
            if key == GROUP:
                assert sorted(set(values) - common) == [], '%s EXAMPLES module_defaults %s' % (name, key)
            elif key.startswith(PREFIX):
                assert sorted(set(values) - _names(_module(key[len(PREFIX):]).INFO.spec) - common) == []
    assert used, '%s EXAMPLES never call the module' % name


def test_lookup_examples_use_real_keywords():
    documented = yaml.safe_load(task_outputs.DOCUMENTATION)['options']
    documented.update(plugin_common_options())
    allowed = _names(documented)
    calls = re.findall(r"(?:lookup|query)\('alicloud\.servicecatalog\.task_outputs',([^)]*)\)", task_outputs.EXAMPLES)
    assert len(calls) >= 5
    keywords = [key for call in calls for key in re.findall(r'\b([a-z_]+)=', call)]
    assert keywords and sorted(set(keywords) - allowed) == []
