# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

""".ansible-lint's exclusions stay true: each entry matches something, and every module's target is covered."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os

import yaml

from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts


def _exclusions():
    with open(os.path.join(module_facts.ROOT, '.ansible-lint')) as handle:
        return yaml.safe_load(handle)['exclude_paths']


def _matches(pattern):
    return glob.glob(os.path.join(module_facts.ROOT, pattern.rstrip('/')))


def test_every_exclusion_matches_a_file():
    """A target or file that is gone takes its entry with it (build products may be absent)."""
    stale = [p for p in _exclusions() if not p.startswith(('build/', 'tests/output/', '.ansible/')) and not _matches(p)]
    assert stale == []


def test_every_module_target_is_excluded_for_its_lower_case_task_names():
    excluded = set(os.path.realpath(path) for pattern in _exclusions() for path in _matches(pattern))
    for name in module_facts.module_names():
        target = os.path.join(module_facts.ROOT, 'tests', 'integration', 'targets', name, 'tasks', 'main.yml')
        assert os.path.realpath(target) in excluded, name
