# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The doc fragments describe each option once: ``common`` for every module and plugin, with
``common.plugins`` adding only where Ansible's configuration reads a plugin's option from; sort and
paging are fragments of their own, extended by exactly the modules whose listing sorts or pages."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import os

import pytest
import yaml

from ansible_collections.alicloud.servicecatalog.plugins.doc_fragments.common import ModuleDocFragment as Common
from ansible_collections.alicloud.servicecatalog.plugins.doc_fragments.listing import ModuleDocFragment as Listing
from ansible_collections.alicloud.servicecatalog.plugins.inventory import provisioned_products
from ansible_collections.alicloud.servicecatalog.plugins.lookup import task_outputs
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import (
    COMMON_ARGUMENT_SPEC, PAGING_ARGUMENT_SPEC, SORT_ARGUMENT_SPEC)
from ansible_collections.alicloud.servicecatalog.tests.unit.doc_options import plugin_common_options

PACKAGE = 'ansible_collections.alicloud.servicecatalog.plugins.modules'
MODULES = sorted(name[:-3] for name in os.listdir(list(importlib.import_module(PACKAGE).__path__)[0]) if name.endswith('_info.py'))
# What only a plugin's option has: where Ansible's configuration reads it from, and a type of its own.
PLUGIN_ONLY_KEYS = {'env', 'vars', 'ini', 'type'}


def _options(fragment):
    return yaml.safe_load(fragment)['options']


def test_plugins_fragment_adds_only_sources():
    described = _options(Common.DOCUMENTATION)
    added = _options(Common.PLUGINS)
    assert set(added) <= set(described)
    for name, option in added.items():
        assert set(option) <= PLUGIN_ONLY_KEYS, '%s: %s belongs in DOCUMENTATION' % (name, sorted(set(option) - PLUGIN_ONLY_KEYS))
        assert option.get('env') or option.get('vars') or option.get('ini') or option.get('type'), name
    assert set(described) == set(COMMON_ARGUMENT_SPEC)
    assert yaml.safe_load(Common.PLUGINS).keys() == {'options'}  # notes and requirements come from DOCUMENTATION


def test_plugins_get_one_description_and_their_sources():
    merged = plugin_common_options()
    described = _options(Common.DOCUMENTATION)
    assert set(merged) == set(described)
    for name, option in merged.items():
        assert option['description'] == described[name]['description']
        assert option.get('aliases') == described[name].get('aliases')
        assert option.get('default') == described[name].get('default')
    assert [entry['name'] for entry in merged['alicloud_region']['env']][0] == 'ALIBABA_CLOUD_REGION_ID'
    assert merged['alicloud_region']['vars'] == [{'name': 'alicloud_region'}]
    assert merged['alicloud_assume_role_policy']['type'] == 'raw'  # 'json' is a module type only
    assert described['alicloud_assume_role_policy']['type'] == 'json'


@pytest.mark.parametrize('plugin', [task_outputs, provisioned_products], ids=['lookup', 'inventory'])
def test_plugins_extend_plugins_fragment_first(plugin):
    fragments = yaml.safe_load(plugin.DOCUMENTATION)['extends_documentation_fragment']
    ours = [name for name in fragments if name.startswith('alicloud.servicecatalog.')]
    assert ours == ['alicloud.servicecatalog.common.plugins', 'alicloud.servicecatalog.common']


@pytest.mark.parametrize('name', MODULES)
def test_modules_extend_what_they_use(name):
    module = importlib.import_module('%s.%s' % (PACKAGE, name))
    doc = yaml.safe_load(module.DOCUMENTATION)
    fragments = doc['extends_documentation_fragment']
    assert 'alicloud.servicecatalog.common' in fragments
    assert 'alicloud.servicecatalog.listing' not in fragments
    sorts = set(SORT_ARGUMENT_SPEC) <= set(module.INFO.spec)
    pages = set(PAGING_ARGUMENT_SPEC) <= set(module.INFO.spec)
    assert ('alicloud.servicecatalog.listing.SORT' in fragments) == sorts
    assert ('alicloud.servicecatalog.listing.PAGING' in fragments) == pages
    own = set(doc.get('options') or {})
    assert not own & (set(SORT_ARGUMENT_SPEC) | set(PAGING_ARGUMENT_SPEC)), '%s documents sort or paging options itself' % name


def test_sort_and_paging_fragments_are_apart():
    assert set(_options(Listing.SORT)) == set(SORT_ARGUMENT_SPEC)
    assert set(_options(Listing.PAGING)) == set(PAGING_ARGUMENT_SPEC)
    assert not hasattr(Listing, 'DOCUMENTATION')
