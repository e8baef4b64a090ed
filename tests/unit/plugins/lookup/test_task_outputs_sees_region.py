# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A documented play that sets region or endpoint for its modules (module_defaults) and calls the
task_outputs lookup gives them where the lookup reads them too: a lookup never sees module_defaults,
so a region only there works against the emulator (endpoint in the environment) but not against the
real service ("a region ID ... is required")."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import pytest
import yaml

from ansible_collections.alicloud.servicecatalog.tests.unit.doc_options import plugin_common_options

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
GROUP = 'group/alicloud.servicecatalog.servicecatalog'
LOOKUP = re.compile(r"(?:lookup|query)\('alicloud\.servicecatalog\.task_outputs'")
# The options a play sets for its modules that decide where the lookup's requests go.
WHERE = ('alicloud_region', 'endpoint')
SOURCES = ['README.md', 'docs/user-guide.md', 'playbooks/demo.yml', 'roles/provisioned_product_outputs/README.md']


def _plays():
    for source in SOURCES:
        with open(os.path.join(ROOT, source)) as handle:
            text = handle.read()
        blocks = re.findall(r'```yaml\n(.*?)```', text, re.S) if source.endswith('.md') else [text]
        for block in blocks:
            for play in yaml.safe_load(block) or []:
                if isinstance(play, dict) and 'hosts' in play:
                    yield source, play


def _calls(text):
    """The argument text of each task_outputs lookup() / query() in ``text`` (parentheses balanced)."""
    for match in LOOKUP.finditer(text):
        depth, end = 1, match.end()
        while depth and end < len(text):
            depth += {'(': 1, ')': -1}.get(text[end], 0)
            end += 1
        yield text[match.end():end - 1]


def _names(option):
    return set([option] + list(option_docs()[option].get('aliases') or []))


def option_docs():
    return plugin_common_options()


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


PLAYS = [(source, play) for source, play in _plays() if any('alicloud.servicecatalog.task_outputs' in text for text in _strings(play))]


def test_some_documented_plays_call_the_lookup():
    assert set(source for source, _play in PLAYS) >= {'README.md', 'playbooks/demo.yml'}


@pytest.mark.parametrize('source,play', PLAYS, ids=['%s: %s' % (s, p.get('name', p['hosts'])) for s, p in PLAYS])
def test_lookup_sees_what_module_defaults_give_the_modules(source, play):
    given = (play.get('module_defaults') or {}).get(GROUP) or {}
    variables = play.get('vars') or {}
    calls = [call for text in _strings(play) for call in _calls(text)]
    assert calls, source
    for option in WHERE:
        if not _names(option) & set(given):
            continue
        var_names = set(entry['name'] for entry in option_docs()[option].get('vars') or [])
        in_vars = var_names & set(variables)
        in_every_call = all(set(re.findall(r'\b([a-z_]+)=', call)) & _names(option) for call in calls)
        assert in_vars or in_every_call, '%s: %s is in module_defaults only; the lookup reads the variable %s or its keyword' % (
            source, option, ' / '.join(sorted(var_names)))
