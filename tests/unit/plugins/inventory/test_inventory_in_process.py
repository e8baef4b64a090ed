# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The inventory plugin provisioned_products through ansible-core in this process: an ``InventoryManager`` (what
``ansible-inventory --list`` builds) over inventory source files, the plugin found by ansible-core's loader, its
options read by ansible-core's configuration (credentials and endpoint from the environment, as AWX injects them),
against a private emulator with the integration fixtures. The emulator's request log is the witness.

Selection and filters, hosts from a list output, hostnames, a prefix, compose and groups, the cache (a second
parse reads nothing; ``cache=False``, what --flush-cache passes, reads again), bad sources and API errors as one
line naming the option, 1,000 instances behind 50 ms of latency. These ran through ansible-test in the
``inventory_provisioned_products`` target (a nested ansible-inventory per case, on both cores); the target keeps
what needs the command line: ansible-doc, one source through ``ansible-inventory --list`` and ``--graph``, a
playbook, ``--flush-cache``, what AWX imports (``--export``) and one refused source.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import time

import pytest
import yaml

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from ansible_collections.alicloud.servicecatalog.plugins.inventory import provisioned_products as plugin_module
from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts
from ansible_collections.alicloud.servicecatalog.tests.unit.ansible_plugins import init_plugins
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import Emulator

from sc_emulator.data import load_demo  # pylint: disable=import-error
from sc_emulator.server import start_in_thread  # pylint: disable=import-error
from sc_emulator.signing import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # pylint: disable=import-error
from sc_emulator.store import Store  # pylint: disable=import-error

PLUGIN = 'alicloud.servicecatalog.provisioned_products'
TARGET_FILES = os.path.join(module_facts.ROOT, 'tests', 'integration', 'targets', 'inventory_provisioned_products', 'files')
ITEST_NAMES = ['itest-web-01', 'ITest-DB-01', 'itest-many-tasks', 'itest-broken', 'itest-web-01-copy']


def _squeezed(text):
    return re.sub(r'\s+', '', text)


@pytest.fixture(scope='module')
def emulator():
    """A private emulator: the demo data, the integration fixtures and the target's two cluster instances."""
    store = Store(load_demo())
    store.seed(module_facts.fixtures_dataset())
    with open(os.path.join(TARGET_FILES, 'seed.json')) as f:
        store.seed(json.load(f))
    running = start_in_thread(store)
    init_plugins()
    yield Emulator(running)
    running.stop()


class Inventory:
    """Parse inventory sources written to ``tmp_path`` with ansible-core, credentials from the environment."""

    def __init__(self, emulator, monkeypatch, tmp_path):
        self.emulator = emulator
        self.monkeypatch = monkeypatch
        self.dir = tmp_path
        self.warnings = []
        monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', DEMO_ACCESS_KEY_ID)
        monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', DEMO_ACCESS_KEY_SECRET)
        monkeypatch.setenv('ALICLOUD_SERVICECATALOG_ENDPOINT', emulator.url)
        monkeypatch.setattr(C, 'INVENTORY_ENABLED', [PLUGIN])
        monkeypatch.setattr(C, 'INVENTORY_UNPARSED_IS_FAILED', True)
        monkeypatch.setattr(plugin_module.display, 'warning', lambda message, *a, **k: self.warnings.append(message))

    def write(self, name, source):
        path = str(self.dir / ('%s.servicecatalog.yml' % name))
        with open(path, 'w') as f:
            yaml.safe_dump(dict({'plugin': PLUGIN}, **source), f)
        return path

    def parse(self, name, source=None, cache=True):
        """The inventory of source ``name`` (written first when ``source`` is given), as ansible-inventory builds it;
        the emulator's Service Catalog requests of the parse in ``self.api``."""
        path = self.write(name, source) if source is not None else str(self.dir / ('%s.servicecatalog.yml' % name))
        self.emulator.control('log/clear', {})
        self.warnings[:] = []
        manager = InventoryManager(loader=DataLoader(), sources=[path], cache=cache)
        self.api = [entry for entry in self.emulator.log() if entry.get('service') == 'servicecatalog']
        return manager

    def refused(self, source, env=None):
        """The error of the plugin (loaded by ansible-core) parsing ``source``, whitespace removed."""
        for name, value in (env or {}).items():
            self.monkeypatch.setenv(name, value)
        path = self.write('refused', source)
        plugin = inventory_loader.get(PLUGIN)
        with pytest.raises(AnsibleError) as raised:
            plugin.parse(InventoryData(), DataLoader(), path, cache=False)
        return raised.value


@pytest.fixture
def inventory(emulator, monkeypatch, tmp_path):
    return Inventory(emulator, monkeypatch, tmp_path)


def hostvars(manager):
    return dict((name, manager.get_host(name).get_vars()) for name in manager.hosts)


def group(manager, name):
    return sorted(host.name for host in manager.groups[name].get_hosts())


def actions(api, action):
    return [entry for entry in api if entry['action'] == action]


# -- selection, variables and groups --------------------------------------------------------------------------------
def test_names_statuses_host_output_and_keyed_groups(inventory):
    manager = inventory.parse('selection', {
        'access_level_filter': 'Account', 'names': ITEST_NAMES, 'statuses': ['Available', 'Error'], 'host_output': 'PublicIP',
        'keyed_groups': [{'key': 'product_name', 'prefix': 'product'}, {'key': 'status', 'prefix': 'status'},
                         {'key': 'owner_principal_id', 'prefix': 'owner'}, {'key': 'portfolio_id', 'prefix': 'portfolio'}]})
    hosts = hostvars(manager)
    assert sorted(hosts) == sorted(ITEST_NAMES)
    web = hosts['itest-web-01']
    assert (web['provisioned_product_id'], web['product_name'], web['status'], web['portfolio_id']) == \
        ('pp-itest00001', 'ITest ECS instance', 'Available', 'port-itest0001')
    assert web['ansible_host'] == '47.96.0.2'
    assert web['outputs'] == {'instance_id': 'i-itest0001', 'PublicIP': '47.96.0.2', 'Mixed_Case.Key': 'kept'}
    assert web['parameters'] == {'instance_type': 'ecs.g7.large', 'ZoneId': 'cn-hangzhou-h'}
    assert hosts['ITest-DB-01']['outputs']['ConnectionString'] == 'rm-itest.mysql.rds.aliyuncs.com:3306'
    assert 'ansible_host' not in hosts['ITest-DB-01']
    assert hosts['itest-many-tasks']['outputs'] == {'serial': '23'}
    assert hosts['itest-broken']['outputs'] == {} and hosts['itest-broken']['parameters'] == {}
    assert hosts['itest-broken']['status'] == 'Error'
    assert any('itest-broken has no successful provisioning task yet' in warning for warning in inventory.warnings), inventory.warnings
    assert group(manager, 'product_ITest_ECS_instance') == sorted(ITEST_NAMES)
    assert group(manager, 'status_Error') == ['itest-broken']
    assert group(manager, 'owner_240000000000000002') == ['ITest-DB-01']
    assert len(group(manager, 'portfolio_port_itest0001')) == 5
    # one listing per name; a task read for each instance that has a successful task, none other
    listings = actions(inventory.api, 'ListProvisionedProducts')
    assert len(listings) == 5 and set(entry['params']['AccessLevelFilter'] for entry in listings) == {'Account'}
    assert sorted(entry['params']['TaskId'] for entry in actions(inventory.api, 'GetTask')) == \
        ['task-itest00003', 'task-itest00004', 'task-itest00007', 'task-itest01023']


def test_defaults_narrowed_by_full_text_search_and_product_ids(inventory):
    manager = inventory.parse('defaults', {'access_level_filter': 'Account', 'full_text_search': 'itest', 'product_ids': ['prod-itest0001']})
    hosts = hostvars(manager)
    # itest-settling is UnderChange until its update settles (a few seconds after the fixtures are seeded)
    settling = ['itest-settling'] if 'itest-settling' in hosts else []
    assert sorted(hosts) == sorted(['ITest-DB-01', 'itest-many-tasks', 'itest-web-01', 'itest-web-01-copy'] + settling)
    assert len(group(manager, 'product_ITest_ECS_instance')) == len(hosts)
    assert not [warning for warning in inventory.warnings if 'no successful provisioning task' in warning]
    assert 'ansible_host' not in hosts['itest-web-01']


def test_portfolio_ids_keep_only_their_instances(inventory):
    manager = inventory.parse('portfolios', {'access_level_filter': 'Account', 'full_text_search': 'itest', 'portfolio_ids': ['port-itestinv01']})
    assert sorted(manager.hosts) == ['itest-inv-cluster', 'itest-inv-pair']
    assert group(manager, 'product_ITest_cluster') == ['itest-inv-cluster', 'itest-inv-pair']


def test_hosts_from_a_list_output_hostnames_prefix_compose_and_groups(inventory):
    manager = inventory.parse('hosts', {
        'access_level_filter': 'Account', 'names': ['itest-inv-cluster', 'itest-inv-pair', 'itest-web-01'],
        'hosts_from_output': 'NodeIps', 'host_output': 'PublicIP', 'hostvars_prefix': 'sc_',
        'hostnames': ['outputs.HostName', "{{ provisioned_product_name | replace('itest-', '') }}"],
        'compose': {'node_count': 'parameters.NodeCount | default(1) | int', 'public': "sc_outputs.PublicIP | default('none')"},
        'groups': {'clusters': "product_name == 'ITest cluster'"},
        'keyed_groups': [{'key': 'product_name', 'prefix': 'product'}, {'key': "(sc_host_index | default('single')) | string", 'prefix': 'node'}]})
    hosts = hostvars(manager)
    assert sorted(hosts) == ['inv-cluster-1', 'inv-cluster-2', 'inv-cluster-3', 'inv-pair-1', 'inv-pair-2', 'web-01']
    node = hosts['inv-cluster-2']
    assert (node['ansible_host'], node['sc_host_index'], node['sc_provisioned_product_id']) == ('10.1.0.2', 2, 'pp-itestinv001')
    assert node['sc_parameters'] == {'NodeCount': '3'}
    assert int(node['node_count']) == 3  # a string before ansible-core 2.19 (no native types)
    assert node['public'] == '47.96.9.9'
    assert hosts['inv-pair-2']['ansible_host'] == '10.2.0.2'
    assert 'provisioned_product_id' not in hosts['inv-pair-2'] and 'outputs' not in hosts['inv-pair-2']
    # an instance without the list output: one host, ansible_host from host_output
    assert hosts['web-01']['ansible_host'] == '47.96.0.2' and 'sc_host_index' not in hosts['web-01']
    assert len(group(manager, 'clusters')) == 5 and len(group(manager, 'product_ITest_cluster')) == 5
    assert group(manager, 'node_2') == ['inv-cluster-2', 'inv-pair-2']
    assert group(manager, 'node_single') == ['web-01']


# -- the cache --------------------------------------------------------------------------------------------------------
def test_a_cached_source_is_read_once_and_again_when_flushed(inventory):
    cache_dir = inventory.dir / 'cache'
    source = {'access_level_filter': 'Account', 'full_text_search': 'itest', 'statuses': ['Available', 'Error'], 'host_output': 'PublicIP',
              'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile', 'cache_connection': str(cache_dir), 'cache_timeout': 600}
    first = hostvars(inventory.parse('cached', source))
    assert len(first) >= 6 and len(actions(inventory.api, 'GetTask')) >= 5
    for name in os.listdir(str(cache_dir)):
        with open(str(cache_dir / name)) as f:
            assert DEMO_ACCESS_KEY_SECRET not in f.read()
    second = hostvars(inventory.parse('cached'))
    assert inventory.api == [] and second == first
    # the instance without outputs is still reported
    assert any('itest-broken has no successful provisioning task' in warning for warning in inventory.warnings)
    # what --flush-cache passes
    inventory.parse('cached', cache=False)
    assert actions(inventory.api, 'ListProvisionedProducts')


# -- bad sources and API errors -------------------------------------------------------------------------------------
BAD = [
    ({'statuse': ['Available']}, 'provisioned_products: unknown option statuse in'),
    ({'statuses': ['Available', 'Gone']}, 'provisioned_products: statuses: each must be one of Available, UnderChange, Error, got Gone'),
    ({'access_level_filter': 'Everyone'}, 'provisioned_products: access_level_filter: must be one of User, Account, got Everyone'),
    ({'names': ['itest-web-01', '']}, 'provisioned_products: names: must be a list of non-empty strings'),
    ({'hostvars_prefix': '9_'}, 'provisioned_products: hostvars_prefix: must start with a letter or an underscore'),
    ({'hosts_from_output': ''}, 'provisioned_products: hosts_from_output: must be a non-empty string'),
    ({'retries': 99}, 'provisioned_products: retries: must be between 0 and 50, got 99'),
    ({'names': ['itest-inv-cluster'], 'hosts_from_output': 'NodeIps', 'hostnames': ['provisioned_product_name', 'outputs.'], 'strict': True,
      'keyed_groups': [{'key': 'product_name |', 'prefix': 'bad'}]}, 'Could not generate group for host itest-inv-cluster-1'),
]


@pytest.mark.parametrize('source, message', BAD, ids=[case[1].split(':')[1].strip() if ':' in case[1] else 'strict' for case in BAD])
def test_a_bad_source_is_one_line_naming_the_option(inventory, source, message):
    error = inventory.refused(dict({'access_level_filter': 'Account', 'full_text_search': 'itest'}, **source))
    assert _squeezed(message) in _squeezed(str(error)), str(error)
    assert 'Traceback' not in str(error)


def test_a_wrong_secret_is_the_api_error_without_the_secret(inventory):
    error = inventory.refused({'access_level_filter': 'Account'}, env={'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'not-the-secret-0123456789'})
    assert 'provisioned_products: ListProvisionedProducts failed: HTTP 400 SignatureDoesNotMatch' in str(error), str(error)
    assert 'not-the-secret-0123456789' not in str(error) and DEMO_ACCESS_KEY_SECRET not in str(error)


# -- scale ----------------------------------------------------------------------------------------------------------
def test_a_thousand_instances_behind_latency_are_read_concurrently(inventory, monkeypatch):
    """1,000 instances behind 50 ms of latency: every page after the first and every task read go out concurrently
    (16 at once), so the parse takes seconds; reading the 1,000 tasks one after another would take 50 s in sleeps
    alone (the bound leaves room for a loaded machine: CPU time is not what this checks)."""
    running = start_in_thread(Store({}, generate=1000), latency_ms=50)
    try:
        monkeypatch.setenv('ALICLOUD_SERVICECATALOG_ENDPOINT', running.url)
        started = time.monotonic()
        manager = InventoryManager(loader=DataLoader(), sources=[inventory.write('scale', {
            'access_level_filter': 'Account', 'statuses': [], 'concurrency': 16, 'keyed_groups': [{'key': 'status', 'prefix': 'status'}]})])
        seconds = time.monotonic() - started
    finally:
        running.stop()
    assert len(manager.hosts) == 1000
    assert seconds < 50, '%d hosts in %.1f s' % (len(manager.hosts), seconds)
