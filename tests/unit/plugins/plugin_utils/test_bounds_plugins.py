# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Issue "Bounded under hostile answers and absurd options", the plugins: the lookup refuses a
validate_certs that is not a boolean and oversized terms and options at once; the inventory plugin
refuses a keyed_groups entry without key, a hostvars_prefix that cannot start a variable name and a
validate_certs that is not a boolean. Each in one line naming the option, before any request."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest
import yaml

from ansible import constants as C
from ansible.errors import AnsibleLookupError, AnsibleParserError

from ansible_collections.alicloud.servicecatalog.plugins.lookup import task_outputs
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import MAX_ID_LENGTH, MAX_NAME_LENGTH
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.inventory.test_provisioned_products import Run
from ansible_collections.alicloud.servicecatalog.tests.unit.doc_options import plugin_common_options
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import ACCESS_KEY_ID, SECRET

LOAD_NAME = 'alicloud.servicecatalog.task_outputs'


def lookup():
    """The lookup as the plugin loader gives it: its options (and the common fragments') declared to the config manager."""
    definitions = plugin_common_options()
    definitions.update(yaml.safe_load(task_outputs.DOCUMENTATION)['options'])
    C.config.initialize_plugin_configuration_definitions('lookup', LOAD_NAME, definitions)
    plugin = task_outputs.LookupModule()
    plugin._load_name = LOAD_NAME
    return plugin


def auth(stub):
    return dict(endpoint=stub.url, alicloud_access_key=ACCESS_KEY_ID, alicloud_secret_key=SECRET, retries=0)


@pytest.mark.parametrize('value', ['maybe', 'sure', '2'])
def test_lookup_validate_certs_must_be_a_boolean(stub, value):
    # ansible-core reads any text it does not know as false: on main this turned verification off
    with pytest.raises(AnsibleLookupError) as caught:
        lookup().run(['task-1'], variables={}, validate_certs=value, **auth(stub))
    assert str(caught.value) == 'task_outputs: validate_certs: must be true or false, got %s' % value
    assert stub.requests == []


@pytest.mark.parametrize('value', ['yes', 'false', 'True', True, 0])
def test_lookup_validate_certs_booleans_pass_the_check(value):
    from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils.options import not_boolean
    assert not_boolean({'validate_certs': value}) is None


def test_lookup_term_of_100000_characters_is_refused_at_once(stub):
    started = time.monotonic()
    with pytest.raises(AnsibleLookupError) as caught:
        lookup().run(['task-' + 'x' * 100000], variables={}, **auth(stub))
    assert time.monotonic() - started < 2
    assert str(caught.value) == ('task_outputs: each term must be a task ID of at most %d characters without NUL, got 100005 characters'
                                 % MAX_ID_LENGTH)
    assert stub.requests == []


def test_lookup_term_with_nul_is_refused(stub):
    with pytest.raises(AnsibleLookupError) as caught:
        lookup().run(['task-1\x00'], variables={}, **auth(stub))
    assert 'with a NUL' in str(caught.value) and stub.requests == []


@pytest.mark.parametrize('option, limit', [('provisioned_product_id', MAX_ID_LENGTH), ('provisioned_product_name', MAX_NAME_LENGTH)])
def test_lookup_options_of_100000_characters_are_refused_at_once(stub, option, limit):
    with pytest.raises(AnsibleLookupError) as caught:
        lookup().run([], variables={}, **dict(auth(stub), **{option: 'p' * 100000}))
    assert str(caught.value) == '%s: at most %d characters, got 100000' % (option, limit)
    assert stub.requests == []


@pytest.mark.parametrize('options, message', [
    (dict(keyed_groups=[{'prefix': 'status'}]), "provisioned_products: keyed_groups: entry 1 needs key, the variable or expression whose "
                                                "values name the groups, got {'prefix': 'status'}"),
    (dict(keyed_groups=[{'key': 'status'}, {'key': ' ', 'prefix': 'x'}]), 'provisioned_products: keyed_groups: entry 2 needs key'),
    (dict(keyed_groups=['status']), "provisioned_products: keyed_groups: entry 1 needs key"),
    (dict(hostvars_prefix='sc-'), "provisioned_products: hostvars_prefix: must hold only letters, digits and underscores (it starts "
                                  "variable names), got 'sc-'"),
    (dict(hostvars_prefix='sc.x'), 'provisioned_products: hostvars_prefix: must hold only letters, digits and underscores'),
    (dict(validate_certs='maybe'), 'provisioned_products: validate_certs: must be true or false, got maybe in '),
    (dict(names=['web', 'n' * 100000]), 'provisioned_products: names: at most %d characters, got 100000' % MAX_NAME_LENGTH),
    (dict(full_text_search='t' * 100000), 'provisioned_products: full_text_search: at most %d characters, got 100000' % MAX_NAME_LENGTH),
])
def test_inventory_refuses_what_would_be_ignored(monkeypatch, tmp_path, options, message):
    run = Run(monkeypatch, tmp_path, **options)
    with pytest.raises(AnsibleParserError) as caught:
        run.parse()
    text = str(caught.value.message if hasattr(caught.value, 'message') else caught.value)
    assert text.startswith(message) and '\n' not in text
    assert run.client.calls == []


def test_inventory_valid_prefix_and_keyed_groups_still_work(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, hostvars_prefix='sc_1', keyed_groups=[{'key': 'status', 'prefix': 'status'}]).parse()
    assert run.hosts() and run.hostvars(run.hosts()[0])['sc_1status'] == 'Available'


def test_inventory_a_status_that_is_a_list_is_not_selected_and_not_a_python_message(monkeypatch, tmp_path):
    from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.inventory.test_provisioned_products import product
    run = Run(monkeypatch, tmp_path, products=[product('pp-9', 'odd', status=['Available']), product('pp-8', 'web')]).parse()
    assert run.hosts() == ['web']
