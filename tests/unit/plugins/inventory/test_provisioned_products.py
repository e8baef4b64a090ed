# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The inventory plugin provisioned_products over a fake client: selection, hosts, variables, groups,
cache, and one-line errors naming the option. The integration target inventory_provisioned_products
runs it for real (ansible-inventory, a playbook, the emulator's request log)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import threading

import pytest
import yaml

from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.doc_fragments.constructed import ModuleDocFragment as Constructed
from ansible.plugins.doc_fragments.inventory_cache import ModuleDocFragment as InventoryCache
from ansible.plugins.inventory import BaseInventoryPlugin
from ansible.template import Templar

try:  # ansible-core 2.19+: expressions in an inventory source are trusted (loaded with trusted_as_template)
    from ansible.template import trust_as_template
except ImportError:  # older: every string may be a template
    def trust_as_template(value):
        return value

from ansible_collections.alicloud.servicecatalog.plugins.inventory import provisioned_products as plugin_module
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ListResult
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.doc_options import plugin_common_options


_DEFAULTS = []


def _defaults():
    """The documented defaults of every option (a fresh copy; the documentation is parsed once)."""
    if not _DEFAULTS:
        options = dict((name, spec.get('default')) for name, spec in plugin_common_options().items())
        for doc in (Constructed.DOCUMENTATION, InventoryCache.DOCUMENTATION, plugin_module.DOCUMENTATION):
            for name, spec in yaml.safe_load(doc)['options'].items():
                options[name] = spec.get('default')
        _DEFAULTS.append(options)
    return copy.deepcopy(_DEFAULTS[0])


def _trusted(value):
    """Option values as _read_config_data gives them: strings trusted as templates."""
    if isinstance(value, str):
        return trust_as_template(value)
    if isinstance(value, list):
        return [_trusted(item) for item in value]
    if isinstance(value, dict):
        return dict((key, _trusted(item)) for key, item in value.items())
    return value


def product(pp_id, name, status='Available', product_id='prod-1', product_name='ECS instance', portfolio='port-1',
            owner='2400001', task='auto'):
    return {
        'ProvisionedProductId': pp_id, 'ProvisionedProductName': name, 'Status': status, 'ProductId': product_id,
        'ProductName': product_name, 'PortfolioId': portfolio, 'OwnerPrincipalId': owner, 'OwnerPrincipalType': 'RamUser',
        'LastSuccessfulProvisioningTaskId': ('task-' + pp_id) if task == 'auto' else task,
    }


def task(outputs, parameters=None):
    return {'Outputs': [{'OutputKey': k, 'OutputValue': v} for k, v in outputs.items()],
            'Parameters': [{'ParameterKey': k, 'ParameterValue': v} for k, v in (parameters or {}).items()]}


class FakeClient:
    """ListProvisionedProducts (the name filter applied as the API does) and GetTask, counted."""

    max_workers = 4

    def __init__(self, products, tasks, fail=None):
        self.products = products
        self.tasks = tasks
        self.fail = fail
        self.calls = []
        self._lock = threading.Lock()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def list(self, action, params=None, **kwargs):
        with self._lock:
            self.calls.append((action, dict(params or {})))
        if self.fail:
            raise self.fail
        assert action == 'ListProvisionedProducts'
        name = None
        if params.get('Filters.1.Key') == 'ProvisionedProductName':
            name = params['Filters.1.Value'].lower()
        items = [p for p in self.products if name is None or p['ProvisionedProductName'].lower() == name]
        return ListResult(items, len(items), [])

    def get(self, action, params):
        with self._lock:
            self.calls.append((action, dict(params)))
        assert action == 'GetTask'
        found = self.tasks.get(params['TaskId'])
        if found is None:
            raise ServiceCatalogError(action='GetTask', status=404, code='EntityNotExist.Task', message='gone')
        return found

    def actions(self):
        return [action for action, _params in self.calls]


CATALOG = [
    product('pp-1', 'web-1'),
    product('pp-2', 'web-2', portfolio='port-2'),
    product('pp-3', 'db-1', status='Error', product_id='prod-2', product_name='RDS MySQL'),
    product('pp-4', 'net-1', status='UnderChange', product_id='prod-3', product_name='VPC network', task=''),
]
TASKS = {
    'task-pp-1': task({'PublicIp': '47.0.0.1', 'Nodes': '["10.0.0.1", "10.0.0.2"]'}, {'ZoneId': 'cn-hangzhou-h'}),
    'task-pp-2': task({'PublicIp': '47.0.0.2', 'Nodes': '10.0.1.1, 10.0.1.2,10.0.1.3'}),
    'task-pp-3': task({'ConnectionString': 'rm-1.mysql'}),
}


class Run:
    """One parse of an inventory source with these options, over a fake client."""

    def __init__(self, monkeypatch, tmp_path, products=None, tasks=None, fail=None, cache_store=None, **options):
        self.client = FakeClient(CATALOG if products is None else products, TASKS if tasks is None else tasks, fail)
        self.warnings = []
        monkeypatch.setattr(plugin_module, 'plugin_client', lambda plugin, templar=None: self.client)
        monkeypatch.setattr(plugin_module.display, 'warning', lambda message, *a, **k: self.warnings.append(message))
        self.config = dict(plugin='alicloud.servicecatalog.provisioned_products', **options)
        self.path = str(tmp_path / 'test.servicecatalog.yml')
        self.cache_store = {} if cache_store is None else cache_store
        self.monkeypatch = monkeypatch

    def parse(self, cache=True):
        plugin = plugin_module.InventoryModule()
        values = _defaults()
        values.update((name, value) for name, value in self.config.items() if name in values)
        store = self.cache_store

        def read_config(path):
            plugin._options = dict((name, _trusted(value)) for name, value in values.items())
            if values.get('cache'):
                plugin._cache = store
            return dict(self.config)

        plugin._read_config_data = read_config
        plugin.get_option = lambda name, hostvars=None: plugin._options[name]
        plugin.get_option_and_origin = lambda name, hostvars=None: (plugin._options[name], 'Direct')
        self.inventory = InventoryData()
        plugin.parse(self.inventory, DataLoader(), self.path, cache=cache)
        return self

    def hostvars(self, name):
        return self.inventory.get_host(name).get_vars()

    def hosts(self):
        return sorted(self.inventory.hosts)

    def group(self, name):
        return sorted(host.name for host in self.inventory.groups[name].get_hosts())


def test_inventory_default_available_one_host_per_product_grouped_by_product(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, host_output='PublicIp').parse()
    assert run.hosts() == ['web-1', 'web-2']
    web = run.hostvars('web-1')
    assert web['ansible_host'] == '47.0.0.1'
    assert web['provisioned_product_id'] == 'pp-1' and web['product_name'] == 'ECS instance' and web['status'] == 'Available'
    assert web['outputs'] == {'PublicIp': '47.0.0.1', 'Nodes': '["10.0.0.1", "10.0.0.2"]'}
    assert web['parameters'] == {'ZoneId': 'cn-hangzhou-h'}
    assert run.group('product_ECS_instance') == ['web-1', 'web-2']
    # the statuses filter is applied before any task is read
    assert sorted(params['TaskId'] for action, params in run.client.calls if action == 'GetTask') == ['task-pp-1', 'task-pp-2']
    assert run.warnings == []


def test_inventory_values_are_unsafe(monkeypatch, tmp_path):
    products = [product('pp-9', 'evil')]
    tasks = {'task-pp-9': task({'Ip': "{{ lookup('pipe', 'id') }}"})}
    run = Run(monkeypatch, tmp_path, products=products, tasks=tasks, host_output='Ip').parse()
    hostvars = run.hostvars('evil')
    templar = Templar(loader=DataLoader(), variables=hostvars)
    for expression in ('{{ ansible_host }}', '{{ outputs.Ip }}'):
        assert templar.template(trust_as_template(expression)) == "{{ lookup('pipe', 'id') }}"


def test_inventory_hostnames_syntax_error_with_strict(monkeypatch, tmp_path):
    with pytest.raises(AnsibleParserError, match="^hostnames: 'outputs.' failed for provisioned product pp-1"):
        Run(monkeypatch, tmp_path, hostnames=['outputs.'], strict=True).parse()
    assert Run(monkeypatch, tmp_path, hostnames=['outputs.', 'provisioned_product_id']).parse().hosts() == ['pp-1', 'pp-2']


def test_inventory_every_status_and_instance_without_successful_task_kept_with_warning(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, statuses=[]).parse()
    assert run.hosts() == ['db-1', 'net-1', 'web-1', 'web-2']
    assert run.hostvars('net-1')['outputs'] == {} and run.hostvars('net-1')['parameters'] == {}
    assert len(run.warnings) == 1 and 'net-1' in run.warnings[0] and 'no successful provisioning task' in run.warnings[0]
    assert run.group('product_RDS_MySQL') == ['db-1']


def test_inventory_statuses_excluding_it_means_no_warning(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, statuses=['Available', 'Error']).parse()
    assert run.hosts() == ['db-1', 'web-1', 'web-2'] and run.warnings == []


def test_inventory_product_and_portfolio_ids(monkeypatch, tmp_path):
    assert Run(monkeypatch, tmp_path, statuses=[], product_ids=['prod-2', 'prod-3']).parse().hosts() == ['db-1', 'net-1']
    assert Run(monkeypatch, tmp_path, portfolio_ids=['port-2']).parse().hosts() == ['web-2']


def test_inventory_names_one_listing_each_and_api_filters(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, names=['WEB-1', 'web-2', 'web-1'], full_text_search='web', access_level_filter='Account').parse()
    assert run.hosts() == ['web-1', 'web-2']
    listings = [params for action, params in run.client.calls if action == 'ListProvisionedProducts']
    assert len(listings) == 3
    assert all(params['AccessLevelFilter'] == 'Account' and params['Filters.2.Key'] == 'FullTextSearch'
               and params['Filters.2.Value'] == 'web' for params in listings)
    assert sorted(params['Filters.1.Value'] for params in listings) == ['WEB-1', 'web-1', 'web-2']


def test_inventory_hostnames_first_non_empty_wins(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, statuses=[],
              hostnames=['outputs.Missing', "outputs['ConnectionString']", '{{ provisioned_product_id }}-{{ status | lower }}']).parse()
    assert run.hosts() == ['pp-1-available', 'pp-2-available', 'pp-4-underchange', 'rm-1.mysql']


def test_inventory_hostnames_none_gives_a_name(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, hostnames=['outputs.Missing']).parse()
    assert run.hosts() == []
    assert len(run.warnings) == 2 and all('hostnames: no entry gives a name' in w for w in run.warnings)
    with pytest.raises(AnsibleParserError, match='hostnames: no entry gives a name for provisioned product pp-1'):
        Run(monkeypatch, tmp_path, hostnames=['outputs.Missing'], strict=True).parse()


def test_inventory_duplicate_hostnames_first_kept(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, hostnames=['product_name']).parse()
    assert run.hosts() == ['ECS instance']
    assert run.hostvars('ECS instance')['provisioned_product_id'] == 'pp-1'
    assert any('pp-2 would be host ECS instance' in w for w in run.warnings)
    with pytest.raises(AnsibleParserError, match='would be host ECS instance'):
        Run(monkeypatch, tmp_path, hostnames=['product_name'], strict=True).parse()


def test_inventory_hosts_from_output_json_and_comma_separated(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, statuses=[], hosts_from_output='Nodes', host_output='PublicIp').parse()
    assert run.hosts() == ['db-1', 'net-1', 'web-1-1', 'web-1-2', 'web-2-1', 'web-2-2', 'web-2-3']
    node = run.hostvars('web-2-3')
    assert node['ansible_host'] == '10.0.1.3' and node['host_index'] == 3 and node['provisioned_product_id'] == 'pp-2'
    assert run.hostvars('web-1-1')['ansible_host'] == '10.0.0.1'
    # without the output: one host, with host_output
    assert 'ansible_host' not in run.hostvars('db-1') and 'host_index' not in run.hostvars('db-1')
    assert run.group('product_ECS_instance') == ['web-1-1', 'web-1-2', 'web-2-1', 'web-2-2', 'web-2-3']


def test_inventory_hosts_from_output_bad_json(monkeypatch, tmp_path):
    tasks = {'task-pp-1': task({'Nodes': '["10.0.0.1", '}), 'task-pp-2': task({'Nodes': '[{"ip": "x"}, "10.0.0.9"]'})}
    run = Run(monkeypatch, tmp_path, tasks=tasks, hosts_from_output='Nodes').parse()
    assert run.hosts() == ['web-1', 'web-2-1']
    assert any('output Nodes of provisioned product pp-1 is not valid JSON text of a list' in w for w in run.warnings)
    assert any('has an element that is not text' in w for w in run.warnings)
    with pytest.raises(AnsibleParserError, match='hosts_from_output: output Nodes of provisioned product pp-1'):
        Run(monkeypatch, tmp_path, tasks=tasks, hosts_from_output='Nodes', strict=True).parse()


def test_inventory_hostvars_prefix_and_constructed(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, statuses=[], hostvars_prefix='sc_', host_output='PublicIp',
              compose={'zone': "parameters.ZoneId | default('none')", 'where': 'sc_outputs.PublicIp | default("")'},
              groups={'erroneous': "status == 'Error'"},
              keyed_groups=[{'key': 'product_name', 'prefix': 'product'}, {'key': 'portfolio_id', 'prefix': 'portfolio'},
                            {'key': 'status', 'prefix': 'status'}, {'key': 'owner_principal_id', 'prefix': 'owner'}]).parse()
    web = run.hostvars('web-1')
    assert web['sc_provisioned_product_id'] == 'pp-1' and web['sc_outputs']['PublicIp'] == '47.0.0.1'
    assert 'provisioned_product_id' not in web and 'outputs' not in web
    assert web['ansible_host'] == '47.0.0.1' and web['zone'] == 'cn-hangzhou-h' and web['where'] == '47.0.0.1'
    assert run.group('erroneous') == ['db-1']
    assert run.group('portfolio_port_2') == ['web-2']
    assert run.group('status_UnderChange') == ['net-1']
    assert run.group('owner_2400001') == ['db-1', 'net-1', 'web-1', 'web-2']
    assert run.group('product_VPC_network') == ['net-1']


def test_inventory_cache_second_parse_reads_nothing(monkeypatch, tmp_path):
    store = {}
    first = Run(monkeypatch, tmp_path, cache_store=store, cache=True, statuses=[]).parse()
    assert first.client.actions().count('GetTask') == 3 and len(store) == 1
    second = Run(monkeypatch, tmp_path, cache_store=store, cache=True, statuses=[]).parse()
    assert second.client.calls == []
    assert second.hosts() == first.hosts()
    assert second.hostvars('web-1')['outputs'] == first.hostvars('web-1')['outputs']
    assert len(second.warnings) == 1  # the instance without outputs is still reported
    # --flush-cache (cache=False) reads again and stores anew
    third = Run(monkeypatch, tmp_path, cache_store=store, cache=True, statuses=[]).parse(cache=False)
    assert third.client.actions().count('ListProvisionedProducts') == 1
    # another selection is another cache entry
    fourth = Run(monkeypatch, tmp_path, cache_store=store, cache=True, statuses=['Error']).parse()
    assert fourth.hosts() == ['db-1'] and fourth.client.calls and len(store) == 2


def test_inventory_no_cache_by_default(monkeypatch, tmp_path):
    store = {}
    Run(monkeypatch, tmp_path, cache_store=store).parse()
    assert store == {}


@pytest.mark.parametrize('options, message', [
    (dict(statuse=['Available']), 'provisioned_products: unknown option statuse in '),
    (dict(statuses=['Available', 'Gone']), 'provisioned_products: statuses: each must be one of Available, UnderChange, Error, got Gone'),
    (dict(access_level_filter='All'), 'provisioned_products: access_level_filter: must be one of User, Account, got All'),
    (dict(names=['web', ' ']), 'provisioned_products: names: must be a list of non-empty strings'),
    (dict(product_ids='prod-1'), 'provisioned_products: product_ids: must be a list of non-empty strings'),
    (dict(hostnames=[]), 'provisioned_products: hostnames: must be a list of non-empty expressions or templates'),
    (dict(host_output=' '), "provisioned_products: host_output: must be a non-empty string, got ' '"),
    (dict(hosts_from_output=3), 'provisioned_products: hosts_from_output: must be a non-empty string, got 3'),
    (dict(hostvars_prefix='1x'), "provisioned_products: hostvars_prefix: must start with a letter or an underscore, got '1x'"),
])
def test_inventory_bad_options_one_line_naming_the_option(monkeypatch, tmp_path, options, message):
    run = Run(monkeypatch, tmp_path, **options)
    with pytest.raises(AnsibleParserError) as caught:
        run.parse()
    assert str(caught.value.message if hasattr(caught.value, 'message') else caught.value).startswith(message)
    assert '\n' not in str(caught.value.message if hasattr(caught.value, 'message') else caught.value)
    assert run.client.calls == []


def test_inventory_api_error_one_line(monkeypatch, tmp_path):
    fail = ServiceCatalogError(action='ListProvisionedProducts', status=403, code='NoPermission', message='not authorized',
                               request_id='RID-1')
    with pytest.raises(AnsibleParserError, match='^provisioned_products: ListProvisionedProducts failed: HTTP 403 NoPermission'):
        Run(monkeypatch, tmp_path, fail=fail).parse()


def test_inventory_verify_file_suffixes(tmp_path):
    plugin = plugin_module.InventoryModule()
    for name, ok in (('demo.servicecatalog.yml', True), ('x.servicecatalog.yaml', True), ('servicecatalog.yml', True),
                     ('demo.aws_ec2.yml', False), ('demo.servicecatalog.json', False)):
        path = tmp_path / name
        path.write_text('plugin: alicloud.servicecatalog.provisioned_products\n')
        assert plugin.verify_file(str(path)) is ok, name


def test_inventory_parse_calls_base_parse():
    # the plugin is a BaseInventoryPlugin (loader, templar, extra vars set by the base parse)
    assert issubclass(plugin_module.InventoryModule, BaseInventoryPlugin)


@pytest.mark.parametrize('template, found', [
    ('product_name', 'ECS instance'),
    (' outputs.PublicIp ', '47.0.0.1'),
    ('outputs.Missing', None),       # not plain: left to Jinja (undefined)
    ('outputs.items', None),         # a dict method would shadow the key in Jinja
    ("outputs['PublicIp']", None),   # not a dotted name
    ('product_name | lower', None),
    ('status', None),                # overridden by extra vars
])
def test_inventory_plain_lookup_fast_path(template, found):
    variables = {'product_name': 'ECS instance', 'status': 'Available', 'outputs': {'PublicIp': '47.0.0.1', 'items': 'x'}}
    value = plugin_module._plain_lookup(template, variables, {'status'})
    assert (None if value is plugin_module._NOT_PLAIN else value) == found


def test_inventory_fast_path_agrees_with_jinja(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, statuses=[], keyed_groups=[{'key': 'product_name', 'prefix': 'a'},
                                                                {'key': 'product_name | string', 'prefix': 'b'}]).parse()
    for name in ('ECS_instance', 'RDS_MySQL', 'VPC_network'):
        assert run.group('a_' + name) == run.group('b_' + name)
