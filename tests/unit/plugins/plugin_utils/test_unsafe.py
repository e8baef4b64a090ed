# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""plugin_utils/unsafe.py: before ansible-core 2.19 only the strings that could be templated are
marked unsafe (AWX imports `ansible-inventory --list --export`, where a marked value is a mapping);
from 2.19 on nothing is (API data is never trusted as a template)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.parsing.ajson import AnsibleJSONEncoder
from ansible.utils.unsafe_proxy import AnsibleUnsafe

from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils import unsafe
from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils.unsafe import unsafe_templates

LEGACY = unsafe._wrap is not None
try:
    from ansible.template import trust_as_template  # noqa: F401 pylint: disable=unused-import
    NEW_CORE = True
except ImportError:
    NEW_CORE = False

VALUE = {'ansible_host': '47.98.123.45', 'outputs': {'PublicIP': '47.98.123.45', 'Banner': "{{ lookup('pipe', 'id') }}",
                                                     'Nodes': ['10.0.0.1', '{% if x %}'], 'Count': 3, 'Note': None},
         'product_name': 'web {x}', '{key}': 'v', 'host_index': 2}


def test_unsafe_only_where_a_template_could_be():
    assert LEGACY is not NEW_CORE
    got = unsafe_templates(VALUE)
    assert got == VALUE
    plain = [got['ansible_host'], got['outputs']['PublicIP'], got['outputs']['Nodes'][0]]
    assert [type(item) for item in plain] == [str, str, str]  # not AnsibleUnsafeText: exported as plain strings
    marked = [got['outputs']['Banner'], got['outputs']['Nodes'][1], got['product_name'], [k for k in got if k.startswith('{')][0]]
    assert [isinstance(item, AnsibleUnsafe) for item in marked] == [LEGACY] * 4
    assert got['outputs']['Count'] == 3 and got['outputs']['Note'] is None and got['host_index'] == 2


def test_export_json_plain_for_plain_values():
    """What `ansible-inventory --list --export` prints before ansible-core 2.19 (AnsibleJSONEncoder,
    preprocess_unsafe). From 2.19 on nothing is marked, and ansible-inventory's own profile decides."""
    if not LEGACY:
        assert unsafe_templates(VALUE) is VALUE
        return
    text = json.dumps(unsafe_templates(VALUE), cls=AnsibleJSONEncoder, preprocess_unsafe=True, sort_keys=True)
    exported = json.loads(text)
    assert exported['ansible_host'] == '47.98.123.45'
    assert exported['outputs']['PublicIP'] == '47.98.123.45' and exported['outputs']['Nodes'][0] == '10.0.0.1'
    banner = "{{ lookup('pipe', 'id') }}"
    assert exported['outputs']['Banner'] == {'__ansible_unsafe': banner}
    assert text.count('__ansible_unsafe') == 3  # Banner, the second node, product_name (a key prints as text)
