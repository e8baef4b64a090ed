# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the README and the user guide promise a newcomer, checked against the collection: the table
of the docs site's pages lists a page for every plugin and role, the user guide's wait example says
what wait does on Error, and the inventory cache is explained for AWX."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _read(*path):
    with open(os.path.join(ROOT, *path)) as handle:
        return handle.read()


def _section(text, title):
    start = text.index(title)
    following = re.search(r'\n#{1,3} ', text[start + len(title):])
    return text[start:start + len(title) + following.start()] if following else text[start:]


def test_readme_site_table_has_a_page_for_every_plugin_type_and_role():
    table = _section(_read('README.md'), '## Documentation site')
    pages = set(re.findall(r'^\| `collections/alicloud/servicecatalog/([a-z_<>]+)\.html`', table, re.M))
    kinds = {'modules': 'module', 'lookup': 'lookup', 'inventory': 'inventory'}
    for directory, kind in kinds.items():
        names = [name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', directory)) if name.endswith('.py') and name != '__init__.py']
        assert names, directory
        for name in names:
            assert '%s_%s' % (name, kind) in pages or '<name>_%s' % kind in pages, '%s %s has no row' % (kind, name)
    for role in os.listdir(os.path.join(ROOT, 'roles')):
        assert '%s_role' % role in pages


def test_user_guide_wait_example_says_what_happens_on_error():
    guide = _read('docs', 'user-guide.md')
    for block in re.findall(r'```yaml\n(.*?)```', guide, re.S):
        for task in yaml.safe_load(block) or []:
            args = task.get('alicloud.servicecatalog.provisioned_product_info') if isinstance(task, dict) else None
            if args and args.get('wait'):
                # wait fails when an instance ends in Error: no example may promise to wait "until ... Error"
                assert not re.search(r'until [^;]*\bError\b', task['name']), task['name']
                assert re.search(r'fails (if it ends|naming every instance that ended) in Error', task['name']) or task.get('ignore_errors'), \
                    task['name']


def test_awx_inventory_cache_explained():
    cache = _section(_read('docs', 'user-guide.md'), '### Cache')
    assert 'AWX' in cache and 'fresh container' in cache
    assert 'Update on launch' in cache and 'Cache timeout' in cache and 'update_cache_timeout' in cache
