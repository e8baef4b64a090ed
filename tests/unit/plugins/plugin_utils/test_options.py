# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""plugin_utils/options.py: the connection options of lookups and the inventory plugin, read alike."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import COMMON_ARGUMENT_SPEC
from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils import lookup as lookup_base
from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils import options


class FakePlugin:
    def __init__(self, values, origins):
        self.values = values
        self.origins = origins

    def get_option(self, name):
        return self.values.get(name)

    def get_option_and_origin(self, name):
        return self.values.get(name), self.origins.get(name, 'Direct')


class FakeTemplar:
    def is_template(self, value):
        return '{{' in value

    def template(self, value):
        return value.replace('{{ region }}', 'cn-shanghai')


def test_options_every_common_option_read_and_env_values_left_to_the_chain():
    plugin = FakePlugin(
        {'alicloud_access_key': 'LTAIenv', 'alicloud_secret_key': 'secret-env', 'alicloud_region': '{{ region }}',
         'endpoint': 'http://127.0.0.1:1', 'concurrency': 3, 'retries': 2},
        {'alicloud_access_key': 'env: ALIBABA_CLOUD_ACCESS_KEY_ID', 'alicloud_secret_key': 'env: ALIBABA_CLOUD_ACCESS_KEY_SECRET',
         'concurrency': 'env: ALICLOUD_SERVICECATALOG_CONCURRENCY'})
    got = options.connection_options(plugin, FakeTemplar())
    assert set(got) == set(COMMON_ARGUMENT_SPEC)
    assert got['alicloud_access_key'] is None and got['alicloud_secret_key'] is None  # the chain reads the environment
    assert got['alicloud_region'] == 'cn-shanghai'  # templated
    assert got['endpoint'] == 'http://127.0.0.1:1' and got['retries'] == 2
    assert got['concurrency'] == 3  # no module reads its variable: kept


def test_options_direct_values_kept_and_no_templar():
    plugin = FakePlugin({'alicloud_access_key': 'LTAIdirect', 'alicloud_region': '{{ region }}'}, {})
    got = options.connection_options(plugin)
    assert got['alicloud_access_key'] == 'LTAIdirect' and got['alicloud_region'] == '{{ region }}'


def test_options_plugin_without_origins():
    class Bare:
        def get_option(self, name):
            return 'x' if name == 'profile' else None
    assert options.connection_options(Bare())['profile'] == 'x'


def test_options_lookup_base_uses_the_shared_helper(monkeypatch):
    seen = []
    monkeypatch.setattr(lookup_base, 'plugin_client', lambda plugin, templar=None: seen.append((plugin, templar)) or 'client')

    class Lookup(lookup_base.ServiceCatalogLookupBase):
        def run(self, terms, variables=None, **kwargs):
            return []
    lookup = Lookup()
    assert lookup.client() == 'client' and seen == [(lookup, lookup._templar)]


def test_unknown_options_allows_the_documented_aliases(monkeypatch):
    """A lookup keyword or an inventory key may be an option or one of its documented aliases
    (Ansible resolves region= to alicloud_region); anything else is unknown."""
    from ansible_collections.alicloud.servicecatalog.tests.unit.doc_options import plugin_common_options

    definitions = plugin_common_options()
    seen = []

    def get_configuration_definitions(plugin_type, name):
        seen.append((plugin_type, name))
        return definitions

    monkeypatch.setattr(options.C.config, 'get_configuration_definitions', get_configuration_definitions)

    class Loaded:
        plugin_type = 'lookup'
        _load_name = 'alicloud.servicecatalog.task_outputs'
        _options = dict.fromkeys(definitions)

    given = {'region': 'cn-shanghai', 'access_key': 'LTAI', 'secret_key': 'x', 'alicloud_region': 'cn-hangzhou',
             'regoin': 'x', 'endpiont': 'y'}
    assert options.unknown_options(Loaded(), given) == ['endpiont', 'regoin']
    assert seen == [('lookup', 'alicloud.servicecatalog.task_outputs')]
    assert 'region' in definitions['alicloud_region']['aliases']

    class NotLoaded:  # instantiated directly, as unit tests do: only the option names count
        plugin_type = 'inventory'
        _options = {'alicloud_region': None}

    assert options.unknown_options(NotLoaded(), {'region': 1, 'alicloud_region': 2}) == ['region']
    assert options.unknown_options(NotLoaded(), None) == []
