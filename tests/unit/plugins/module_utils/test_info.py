# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""info.py: declared _info modules driven with a fake client (no network).

Covers the rules derived from a declaration (mutually exclusive, required), paging, sort, wait,
filters in both styles, per-item post-processing, text results, variants, not-found, and a whole
run() through AnsibleModule.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json
from unittest import mock

import pytest
from ansible.module_utils import basic

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import info, instances
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ListResult
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, WaitTimeout
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, Get, InfoModule, List, Param, matching
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.module import ServiceCatalogModule
from ansible_collections.alicloud.servicecatalog.plugins.modules import provisioned_product_info, provisioned_product_plan_info, task_info

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19
    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')):
            yield


class FakeClient:
    """Answers Get and List calls from tables and records them; an Exception value is raised. A list
    answer of Get is successive answers (wait), a dict of them answers by the first parameter's value;
    list() converts each item as the client does (``convert``), counting the raw items it still holds."""

    max_workers = 1

    def __init__(self, gets=None, lists=None):
        self.gets = gets or {}
        self.lists = lists or {}
        self.calls = []
        self.closed = False

    def get(self, action, params):
        self.calls.append(('get', action, dict(params)))
        answer = self.gets[action]
        if isinstance(answer, dict) and answer.get('_by_id'):
            answer = answer[next(iter(params.values()))]
        if isinstance(answer, list):  # successive answers (wait)
            answer = answer.pop(0) if len(answer) > 1 else answer[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def list(self, action, params=None, page_number=None, page_size=None, convert=None):
        self.calls.append(('list', action, dict(params or {}), page_number, page_size))
        answer = self.lists[action]
        if callable(answer):
            answer = answer(params)
        if isinstance(answer, Exception):
            raise answer
        self.converted = convert is not None
        return ListResult([(convert or (lambda item: item))(item) for item in answer.items], answer.total_count, answer.warnings)

    def close(self):
        self.closed = True


def listing(items, total=None, warnings=()):
    return ListResult(items, len(items) if total is None else total, list(warnings))


def params_for(declaration, **values):
    """Module parameters as AnsibleModule hands them over: every option, defaults filled in."""
    params = dict((name, spec.get('default')) for name, spec in declaration.spec.items())
    params.update(values)
    return params


NOT_FOUND = ServiceCatalogError('GetTask', 404, 'EntityNotExist.Task', 'The specified task does not exist.', request_id='req-404')


# -- the three modules' declarations ------------------------------------------------------------

def test_task_info_rules():
    listing_options = ['provisioned_product_id', 'sort_by', 'sort_order', 'page_number', 'page_size']
    assert task_info.INFO.rules == {
        'mutually_exclusive': [('task_id', o) for o in listing_options] + [('task_ids', o) for o in listing_options]
        + [('task_id', 'task_ids')],
        'required_one_of': [('task_id', 'task_ids', 'provisioned_product_id')],
    }
    assert set(task_info.INFO.spec) == {'task_id', 'task_ids', 'provisioned_product_id', 'sort_by', 'sort_order', 'page_number',
                                        'page_size', 'wait', 'wait_timeout', 'wait_interval'}
    assert task_info.INFO.spec['task_ids'] == dict(type='list', elements='str')


def test_provisioned_product_info_rules_are_the_listing_options_of_before_and_the_several_forms():
    before = ['name', 'full_text_search', 'access_level_filter', 'sort_by', 'sort_order', 'page_number', 'page_size']
    not_with_names = [o for o in before if o != 'access_level_filter']
    assert provisioned_product_info.INFO.rules == {'mutually_exclusive': [('provisioned_product_id', o) for o in before]
                                                   + [('provisioned_product_ids', o) for o in not_with_names]
                                                   + [('names', o) for o in not_with_names]
                                                   + [('provisioned_product_id', 'provisioned_product_ids')]}
    assert 'wait' in provisioned_product_info.INFO.spec
    assert provisioned_product_info.INFO.spec['outputs'] == dict(type='bool', default=False)


def test_plan_info_rules_are_the_listing_options_of_before_and_one_of_the_two_filters():
    before = ['provisioned_product_id', 'plan_name', 'approver', 'approver_name', 'status', 'owner_uid', 'full_text_search',
              'access_level_filter', 'approval_filter', 'sort_by', 'sort_order', 'page_number', 'page_size']
    assert provisioned_product_plan_info.INFO.rules == {'mutually_exclusive': [('plan_id', o) for o in before]
                                                        + [('access_level_filter', 'approval_filter')]}
    assert 'wait' not in provisioned_product_plan_info.INFO.spec


def test_declared_options_are_not_changed():
    options = dict(task_id=dict(type='str'), provisioned_product_id=dict(type='str'))
    InfoModule('tasks', options, get=Get('GetTask', {'task_id': 'TaskId'}),
               listing=List('ListTasks', {'provisioned_product_id': Param('ProvisionedProductId', required=True)}))
    assert options == dict(task_id=dict(type='str'), provisioned_product_id=dict(type='str'))


def test_the_example_module_of_the_docstring_works():
    block = info.__doc__.split('A complete module, ``portfolio_info``')[1].split('::\n', 1)[1].split('\nFrom it:')[0]
    source = '\n'.join(line[4:] for line in block.splitlines())
    namespace = {'__name__': 'portfolio_info'}
    exec(compile(source, 'portfolio_info.py', 'exec'), namespace)  # pylint: disable=exec-used
    declaration = namespace['INFO']
    assert declaration.rules == {'mutually_exclusive': [('portfolio_id', name) for name in (
        'product_id', 'scope', 'name', 'full_text_search', 'sort_by', 'sort_order', 'page_number', 'page_size')]}
    assert declaration.plan(params_for(declaration, name='db')).params == {
        'SortBy': None, 'ProductId': None, 'Scope': None, 'Filters.1.Key': 'PortfolioName', 'Filters.1.Value': 'db'}


# -- derived rules for other shapes ----------------------------------------------------------------

def test_get_only_module_requires_its_options():
    declaration = InfoModule('templates', dict(product_id=dict(type='str'), product_version_id=dict(type='str')),
                             get=Get('GetTemplate', {'product_id': 'ProductId', 'product_version_id': Param('ProductVersionId', required=True)}))
    assert declaration.rules == {}
    assert declaration.spec['product_id']['required'] is True
    assert declaration.spec['product_version_id']['required'] is True
    assert 'page_size' not in declaration.spec and 'wait' not in declaration.spec


def test_list_only_module_requires_its_selector_and_does_not_page():
    declaration = InfoModule('launch_options', dict(product_id=dict(type='str')),
                             listing=List('ListLaunchOptions', {'product_id': Param('ProductId', required=True)}))
    assert declaration.rules == {}
    assert declaration.spec == {'product_id': {'type': 'str', 'required': True}}


def test_list_only_module_without_options():
    declaration = InfoModule('regions', {}, listing=List('ListRegions'))
    assert declaration.spec == {} and declaration.rules == {}
    client = FakeClient(lists={'ListRegions': listing([{'RegionId': 'cn-hangzhou', 'LocalName': 'Hangzhou'}])})
    result, warnings = declaration.read({}, client)
    assert client.calls == [('list', 'ListRegions', {}, None, None)]
    assert result == {'changed': False, 'total_count': 1, 'regions': [{'region_id': 'cn-hangzhou', 'local_name': 'Hangzhou'}]}
    assert warnings == []


def test_get_options_other_than_the_id_are_required_by_it():
    declaration = InfoModule('templates', dict(product_id=dict(type='str'), product_version_id=dict(type='str')),
                             get=Get('GetTemplate', {'product_version_id': 'ProductVersionId', 'product_id': Param('ProductId', required=True)}),
                             listing=List('ListProductVersions', {'product_id': Param('ProductId', required=True)}))
    # product_id serves both operations: it is not a listing option the ID excludes
    assert declaration.rules == {
        'required_one_of': [('product_version_id', 'product_id')],
        'required_by': {'product_version_id': ['product_id']},
    }


def test_extra_rules_are_added_to_the_derived_ones():
    declaration = InfoModule(
        'approvers', dict(access_level_filter=dict(type='str'), approval_filter=dict(type='str'), name=dict(type='list', elements='str')),
        listing=List('ListProvisionedProductPlanApprovers', {'access_level_filter': 'AccessLevelFilter', 'approval_filter': 'ApprovalFilter',
                                                             'name': Filter('ProvisionedProductPlanApproverName')}),
        extra_rules=dict(mutually_exclusive=[('access_level_filter', 'approval_filter')]))
    assert declaration.rules == {'mutually_exclusive': [('access_level_filter', 'approval_filter')]}
    merged = InfoModule('tasks', task_info.INFO.options, get=Get('GetTask', {'task_id': 'TaskId'}),
                        listing=List('ListTasks', {'provisioned_product_id': Param('ProvisionedProductId', required=True)}),
                        extra_rules=dict(mutually_exclusive=[('a', 'b')], required_by={'x': ['y']}))
    assert merged.rules == {'mutually_exclusive': [('task_id', 'provisioned_product_id'), ('task_id', 'page_number'),
                                                   ('task_id', 'page_size'), ('a', 'b')],
                            'required_one_of': [('task_id', 'provisioned_product_id')], 'required_by': {'x': ['y']}}


@pytest.mark.parametrize('build, message', [
    (lambda: Get('GetNothing', {'x_id': 'XId'}), 'GetNothing is not a declared'),
    (lambda: Get('ListTasks', {'x_id': 'XId'}), 'ListTasks returns list'),
    (lambda: List('GetTask'), 'GetTask returns object'),
    (lambda: Get('GetTask', {}), 'needs its ID option'),
    (lambda: Get('GetTemplate', {'product_id': 'ProductId'}, wait_while='Busy'), 'only an object with a Status'),
    (lambda: List('ListTasks', {'name': Filter('TaskName')}), 'ListTasks does not declare the filter TaskName'),
    (lambda: List('ListProvisionedProducts', {'name': Filter('ProvisionedProductPlanName')}), 'does not declare the filter'),
    (lambda: InfoModule('tasks', {}, get=Get('GetTask', {'task_id': 'TaskId'})), 'option task_id of GetTask is not in options'),
    (lambda: InfoModule('tasks', {}), 'declare a Get, a List or both'),
    (lambda: InfoModule('x', {'view': {}}, choose='view', get=Get('GetTask', {'task_id': 'TaskId'})), 'declare the operations in variants'),
])
def test_declaration_mistakes_fail_at_import(build, message):
    with pytest.raises(ValueError, match=message):
        build()


# -- plan(): the one call and its parameters --------------------------------------------------------

def test_task_id_gets_one_task():
    call = task_info.INFO.plan(params_for(task_info.INFO, task_id='  task-1 '))
    assert call == info.Call('several', 'GetTask', {}, None, None, (), 'tasks', ['task-1'], [])


def test_listing_with_sort_and_paging():
    call = task_info.INFO.plan(params_for(task_info.INFO, provisioned_product_id='pp-1', sort_order='asc', page_number=2, page_size=20))
    assert call == info.Call('list', 'ListTasks', {'ProvisionedProductId': 'pp-1', 'SortBy': 'CreateTime', 'SortOrder': 'Asc'},
                             2, 20, (), None)


def test_listing_without_sort_sends_none():
    call = task_info.INFO.plan(params_for(task_info.INFO, provisioned_product_id='pp-1'))
    assert call.params == {'ProvisionedProductId': 'pp-1', 'SortBy': None}
    assert (call.page_number, call.page_size) == (None, None)


@pytest.mark.parametrize('values, message', [
    (dict(page_size=0), 'page_size: must be between 1 and 100, got 0'),
    (dict(page_size=101), 'page_size: must be between 1 and 100, got 101'),
    (dict(page_number=0), 'page_number: must be 1 or greater, got 0'),
    (dict(sort_order='sideways'), 'sort_order: must be one of asc, desc'),
    (dict(wait=True), r'wait: only with task_id or task_ids \(a listing is not waited on\)'),
    (dict(provisioned_product_id='  '), 'provisioned_product_id: must not be empty'),
])
def test_listing_input_errors(values, message):
    values.setdefault('provisioned_product_id', 'pp-1')
    with pytest.raises(ConfigError, match=message):
        task_info.INFO.plan(params_for(task_info.INFO, **values))


def test_blank_id_is_an_error_not_a_listing():
    with pytest.raises(ConfigError, match='task_id: must not be empty'):
        task_info.INFO.plan(params_for(task_info.INFO, task_id=''))


def test_wait_only_without_listing_options_in_provisioned_product_info():
    with pytest.raises(ConfigError, match='wait: only with provisioned_product_id'):
        provisioned_product_info.INFO.plan(params_for(provisioned_product_info.INFO, wait=True))


def test_groups_filters_in_declared_order_several_values_comma_separated():
    declaration = provisioned_product_plan_info.INFO
    call = declaration.plan(params_for(
        declaration, full_text_search='itest', status=['PreviewFailed', 'ApplicationRejected'], plan_name=' nightly ',
        approver=['RamUser:alice', ' RamRole:ops '], access_level_filter='Account', provisioned_product_id='pp-1'))
    assert call.action == 'ListProvisionedProductPlans'
    assert call.params == {
        'SortBy': None, 'ProvisionedProductId': 'pp-1', 'AccessLevelFilter': 'Account', 'ApprovalFilter': None,
        'Filters.1.Key': 'ProvisionedProductPlanName', 'Filters.1.Value': 'nightly',
        'Filters.2.Key': 'ProvisionedProductPlanApprover', 'Filters.2.Value': 'RamUser:alice,RamRole:ops',
        'Filters.3.Key': 'ProvisionedProductPlanStatus', 'Filters.3.Value': 'PreviewFailed,ApplicationRejected',
        'Filters.4.Key': 'FullTextSearch', 'Filters.4.Value': 'itest',
    }


def test_plan_info_checks_approvers_and_names():
    declaration = provisioned_product_plan_info.INFO
    with pytest.raises(ConfigError, match="approver: each entry must be RamUser:<name> or RamRole:<name>, got 'alice'"):
        declaration.plan(params_for(declaration, approver=['alice']))
    with pytest.raises(ConfigError, match='approver_name: must be a list of non-empty names'):
        declaration.plan(params_for(declaration, approver_name=['ok', ' ']))
    with pytest.raises(ConfigError, match='approver_name: must be a list of non-empty names'):
        declaration.plan(params_for(declaration, approver_name=[]))
    # a list with choices is left as AnsibleModule checked it: an empty one sends no filter
    assert 'Filters.1.Key' not in declaration.plan(params_for(declaration, status=[])).params


def test_matching_on_a_single_value():
    convert = matching(r'^pp-', 'a provisioned product ID')
    assert convert('provisioned_product_id', 'pp-1') == 'pp-1'
    with pytest.raises(ConfigError, match="provisioned_product_id: must be a provisioned product ID, got 'x'"):
        convert('provisioned_product_id', 'x')


TAG_OPTIONS = InfoModule(
    'tag_options',
    # declared in another order than the API's: the JSON keeps Active, FullTextSearch, Key, Value
    dict(tag_option_id=dict(type='str'), value=dict(type='str'), key=dict(type='str'), active=dict(type='bool'),
         full_text_search=dict(type='str')),
    get=Get('GetTagOption', {'tag_option_id': 'TagOptionId'}),
    listing=List('ListTagOptions', {'value': Filter('Value'), 'key': Filter('Key'), 'active': Filter('Active'),
                                    'full_text_search': Filter('FullTextSearch')}, sort=True),
)


def test_json_text_filter_is_one_compact_parameter_in_api_key_order():
    call = TAG_OPTIONS.plan(params_for(TAG_OPTIONS, value=u'h\u00e9llo', key='env', active=True, full_text_search='x'))
    assert call.params['Filters'] == u'{"Active":true,"FullTextSearch":"x","Key":"env","Value":"h\u00e9llo"}'
    assert not [name for name in call.params if name.startswith('Filters.')]


def test_json_text_filter_false_is_sent_and_nothing_set_sends_nothing():
    assert TAG_OPTIONS.plan(params_for(TAG_OPTIONS, active=False)).params['Filters'] == '{"Active":false}'
    assert 'Filters' not in TAG_OPTIONS.plan(params_for(TAG_OPTIONS)).params


# -- variants: one option chooses the operations ----------------------------------------------------

PRODUCTS = InfoModule(
    'products',
    dict(product_id=dict(type='str'), view=dict(type='str', choices=['end_user', 'admin'], default='end_user'),
         name=dict(type='str'), portfolio_id=dict(type='str'), scope=dict(type='str', choices=['Local', 'Import', 'All'])),
    choose='view',
    variants={
        'end_user': (Get('GetProductAsEndUser', {'product_id': 'ProductId'}),
                     List('ListProductsAsEndUser', {'name': Filter('ProductName')}, sort=True)),
        'admin': (Get('GetProductAsAdmin', {'product_id': 'ProductId'}),
                  List('ListProductsAsAdmin', {'name': Filter('ProductName'), 'portfolio_id': 'PortfolioId', 'scope': 'Scope'},
                       sort=True)),
    },
)


def test_variants_derive_one_set_of_rules():
    assert PRODUCTS.rules == {'mutually_exclusive': [('product_id', name) for name in (
        'name', 'sort_by', 'sort_order', 'page_number', 'page_size', 'portfolio_id', 'scope')]}


def test_variant_chooses_the_operations():
    assert PRODUCTS.plan(params_for(PRODUCTS, product_id='prod-1')).action == 'GetProductAsEndUser'
    assert PRODUCTS.plan(params_for(PRODUCTS, product_id='prod-1', view='admin')).action == 'GetProductAsAdmin'
    call = PRODUCTS.plan(params_for(PRODUCTS, view='admin', scope='All', name='ecs'))
    assert call.action == 'ListProductsAsAdmin'
    assert call.params == {'SortBy': None, 'PortfolioId': None, 'Scope': 'All', 'Filters.1.Key': 'ProductName', 'Filters.1.Value': 'ecs'}


def test_admin_only_options_fail_for_end_users():
    with pytest.raises(ConfigError, match='scope: only with view=admin'):
        PRODUCTS.plan(params_for(PRODUCTS, scope='All'))


# -- execute(): results, wait, post-processing, not found --------------------------------------------

def test_get_result_in_snake_case_with_total_one():
    client = FakeClient(gets={'GetTask': {'TaskId': 'task-1', 'Status': 'Succeeded', 'TaskTags': [{'Key': 'Env', 'Value': 'x'}]}})
    result, warnings = task_info.INFO.read(params_for(task_info.INFO, task_id='task-1'), client)
    assert result == {'changed': False, 'total_count': 1, 'tasks': [{'task_id': 'task-1', 'status': 'Succeeded', 'task_tags': {'Env': 'x'}}]}
    assert warnings == []
    assert client.calls == [('get', 'GetTask', {'TaskId': 'task-1'})]


def test_plan_get_goes_through_client_get_with_extra_keys():
    declaration = provisioned_product_plan_info.INFO
    # client.get merges ProductDetail / ProductVersionDetail / ResourceChanges into the item
    client = FakeClient(gets={'GetProvisionedProductPlan': {'PlanId': 'plan-1', 'ProductDetail': {'ProductId': 'prod-1'},
                                                            'ResourceChanges': [{'Action': 'Add'}]}})
    result = declaration.read(params_for(declaration, plan_id='plan-1'), client)[0]
    assert client.calls == [('get', 'GetProvisionedProductPlan', {'PlanId': 'plan-1'})]
    assert result['plans'] == [{'plan_id': 'plan-1', 'product_detail': {'product_id': 'prod-1'}, 'resource_changes': [{'action': 'Add'}]}]


def test_listing_result_keeps_total_and_warnings():
    client = FakeClient(lists={'ListTasks': listing([{'TaskId': 't-2'}, {'TaskId': 't-1'}], total=23, warnings=['grew'])})
    result, warnings = task_info.INFO.read(params_for(task_info.INFO, provisioned_product_id='pp-1', page_number=1, page_size=2), client)
    assert client.calls == [('list', 'ListTasks', {'ProvisionedProductId': 'pp-1', 'SortBy': None}, 1, 2)]
    assert result == {'changed': False, 'total_count': 23, 'tasks': [{'task_id': 't-2'}, {'task_id': 't-1'}]}
    assert warnings == ['grew']


def test_wait_polls_until_the_status_settles():
    client = FakeClient(gets={'GetTask': [{'TaskId': 't', 'Status': 'InProgress'}, {'TaskId': 't', 'Status': 'InProgress'},
                                          {'TaskId': 't', 'Status': 'Succeeded'}]})
    params = params_for(task_info.INFO, task_id='t', wait=True, wait_timeout=30, wait_interval=0.01)
    call = task_info.INFO.plan(params)
    assert call.wait_while == ('InProgress',)
    result = task_info.INFO.execute(call, client, params)[0]
    assert result['tasks'][0]['status'] == 'Succeeded'
    assert len(client.calls) == 3


def test_wait_times_out_naming_the_item_and_its_status():
    client = FakeClient(gets={'GetProvisionedProduct': [{'ProvisionedProductId': 'pp-1', 'Status': 'UnderChange'}]})
    declaration = provisioned_product_info.INFO
    params = params_for(declaration, provisioned_product_id='pp-1', wait=True, wait_timeout=0, wait_interval=0.01)
    with pytest.raises(WaitTimeout, match=r'^wait: provisioned product pp-1 is still UnderChange after wait_timeout \(0 seconds\)$'):
        declaration.read(params, client)


def test_without_wait_one_call_whatever_the_status():
    client = FakeClient(gets={'GetTask': [{'TaskId': 't', 'Status': 'InProgress'}]})
    result = task_info.INFO.read(params_for(task_info.INFO, task_id='t'), client)[0]
    assert result['tasks'][0]['status'] == 'InProgress' and len(client.calls) == 1


def parse_config(item):
    return dict(item, config=json.loads(item['config']))


def test_text_result_and_post_processing():
    templates = InfoModule('templates', dict(product_id=dict(type='str'), product_version_id=dict(type='str')),
                           get=Get('GetTemplate', {'product_id': 'ProductId', 'product_version_id': Param('ProductVersionId', required=True)}),
                           post=lambda item: dict(item, template=json.loads(item['template_body'])))
    client = FakeClient(gets={'GetTemplate': '{"ROSTemplateFormatVersion": "2015-09-01"}'})
    result = templates.read(params_for(templates, product_id='prod-1', product_version_id='pv-1'), client)[0]
    assert client.calls == [('get', 'GetTemplate', {'ProductId': 'prod-1', 'ProductVersionId': 'pv-1'})]
    assert result['templates'] == [{'template_body': '{"ROSTemplateFormatVersion": "2015-09-01"}',
                                    'template': {'ROSTemplateFormatVersion': '2015-09-01'}}]


def test_listed_items_are_converted_by_the_client_as_pages_arrive():
    seen = []

    class Client(FakeClient):
        def list(self, action, params=None, page_number=None, page_size=None, convert=None):
            seen.append(convert)
            return super(Client, self).list(action, params, page_number, page_size, convert)

    declaration = InfoModule('constraints', dict(product_id=dict(type='str')),
                             listing=List('ListLaunchOptions', {'product_id': 'ProductId'}),
                             post=lambda item: dict(item, seen=True))
    client = Client(lists={'ListLaunchOptions': listing([{'PortfolioId': 'port-1', 'ConstraintSummaries': []}])})
    result = declaration.read(params_for(declaration, product_id='prod-1'), client)[0]
    assert len(seen) == 1 and callable(seen[0])  # the conversion is handed to the client
    assert result['constraints'] == [{'portfolio_id': 'port-1', 'constraint_summaries': [], 'seen': True}]


def test_post_processing_of_a_get_item_keeps_the_keys_it_adds():
    constraints = InfoModule('constraints', dict(constraint_id=dict(type='str')),
                             get=Get('GetConstraint', {'constraint_id': 'ConstraintId'}), post=parse_config)
    assert constraints.spec['constraint_id']['required'] is True
    client = FakeClient(gets={'GetConstraint': {'ConstraintId': 'cons-1', 'Config': '{"LocalRoleName":"Role"}'}})
    result = constraints.read(params_for(constraints, constraint_id='cons-1'), client)[0]
    assert result['constraints'] == [{'constraint_id': 'cons-1', 'config': {'LocalRoleName': 'Role'}}]


def test_unknown_id_raises_the_api_error():
    client = FakeClient(gets={'GetTask': NOT_FOUND})
    with pytest.raises(ServiceCatalogError) as caught:
        task_info.INFO.read(params_for(task_info.INFO, task_id='task-nope'), client)
    assert caught.value.not_found


# -- run(): through AnsibleModule ----------------------------------------------------------------

class Exited(Exception):
    def __init__(self, kind, result):
        super(Exited, self).__init__(kind)
        self.kind = kind
        self.result = result


@pytest.fixture
def exits(monkeypatch):
    """AnsibleModule's exit_json / fail_json raise Exited (with what they would have returned)."""
    def exit_json(self, **kwargs):
        raise Exited('exit', kwargs)

    def fail_json(self, **kwargs):
        raise Exited('fail', kwargs)
    monkeypatch.setattr(basic.AnsibleModule, 'exit_json', exit_json)
    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', fail_json)


def module_with(client):
    class Module(ServiceCatalogModule):
        @property
        def client(self):
            return client
    return Module


def run(declaration, args, client):
    with patch_module_args(args):
        with pytest.raises(Exited) as caught:
            declaration.run(module_with(client))
    return caught.value


def test_run_exits_with_the_result(exits):
    client = FakeClient(gets={'GetTask': {'TaskId': 'task-1', 'Status': 'Succeeded'}})
    exited = run(task_info.INFO, {'task_id': 'task-1'}, client)
    assert exited.kind == 'exit'
    assert exited.result['tasks'] == [{'task_id': 'task-1', 'status': 'Succeeded'}]
    assert exited.result['total_count'] == 1 and exited.result['changed'] is False


def test_run_task_id_with_page_size_fails_naming_both(exits):
    exited = run(task_info.INFO, {'task_id': 'task-1', 'page_size': 5}, FakeClient())
    assert exited.kind == 'fail'
    assert 'mutually exclusive' in exited.result['msg']
    assert 'task_id|page_size' in exited.result['msg']


def test_run_requires_the_id_or_the_listing_selector(exits):
    exited = run(task_info.INFO, {}, FakeClient())
    assert exited.kind == 'fail'
    assert 'one of the following is required: task_id, task_ids, provisioned_product_id' in exited.result['msg']


def test_run_not_found_fails_with_msg_and_error(exits):
    exited = run(task_info.INFO, {'task_id': 'task-nope'}, FakeClient(gets={'GetTask': NOT_FOUND}))
    assert exited.kind == 'fail'
    assert exited.result['msg'] == str(NOT_FOUND)
    assert exited.result['error'] == {'action': 'GetTask', 'http_status': 404, 'code': 'EntityNotExist.Task',
                                      'message': 'The specified task does not exist.', 'request_id': 'req-404', 'attempts': 1}


def test_run_config_error_is_one_line(exits):
    exited = run(task_info.INFO, {'provisioned_product_id': 'pp-1', 'page_size': 0}, FakeClient())
    assert exited.kind == 'fail'
    assert exited.result['msg'] == 'page_size: must be between 1 and 100, got 0'


def test_run_list_warnings_are_issued(exits, monkeypatch):
    warned = []
    monkeypatch.setattr(basic.AnsibleModule, 'warn', lambda self, warning: warned.append(warning))
    client = FakeClient(lists={'ListTasks': listing([], total=0, warnings=['TotalCount changed'])})
    exited = run(task_info.INFO, {'provisioned_product_id': 'pp-1'}, client)
    assert exited.kind == 'exit' and exited.result['tasks'] == []
    assert warned == ['TotalCount changed']


def test_run_does_not_rely_on_fail_json_not_returning(monkeypatch):
    """Control flow is explicit: when fail_json returns (a test double), run() does not go on to exit."""
    calls = []
    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', lambda self, **kwargs: calls.append(('fail', kwargs)))
    monkeypatch.setattr(basic.AnsibleModule, 'exit_json', lambda self, **kwargs: calls.append(('exit', kwargs)))
    with patch_module_args({'task_id': 'task-nope'}):
        assert task_info.INFO.run(module_with(FakeClient(gets={'GetTask': NOT_FOUND}))) is None
    assert [call[0] for call in calls] == ['fail']
    calls[:] = []
    with patch_module_args({'task_id': 'task-1'}):
        result = task_info.INFO.run(module_with(FakeClient(gets={'GetTask': {'TaskId': 'task-1'}})))
    assert [call[0] for call in calls] == ['exit']
    assert result == calls[0][1]


# -- several at once, the lean listing, warnings, refusals ---------------------------------------

PP = provisioned_product_info.INFO


def pp(pp_id, status='Available', name=None, task='task-1', message=None):
    doc = {'ProvisionedProductId': pp_id, 'ProvisionedProductName': name or pp_id, 'Status': status,
           'LastSuccessfulProvisioningTaskId': task}
    if message:
        doc['StatusMessage'] = message
    return doc


def by_id(**answers):
    return dict(answers, _by_id=True)


def test_listing_converts_items_as_pages_arrive():
    """execute() hands client.list a converter (snake_case, post, warn) instead of converting a raw copy afterwards."""
    client = FakeClient(lists={'ListTasks': listing([{'TaskId': 't-1', 'Outputs': [{'OutputKey': 'k', 'OutputValue': '1'},
                                                                                   {'OutputKey': 'k', 'OutputValue': '2'}]}])})
    result, warnings = task_info.INFO.read(params_for(task_info.INFO, provisioned_product_id='pp-1'), client)
    assert client.converted is True
    assert result['tasks'][0]['output_values'] == {'k': '2'}
    assert warnings == ['task t-1 has the output k more than once; output_values keeps the last value']


def test_task_ids_get_each_in_order_once_and_warn_on_repeated_outputs():
    client = FakeClient(gets={'GetTask': by_id(**{
        't-1': {'TaskId': 't-1', 'Outputs': [{'OutputKey': 'a', 'OutputValue': '1'}, {'OutputKey': 'a', 'OutputValue': '2'},
                                             {'OutputKey': 'b', 'OutputValue': '1'}, {'OutputKey': 'b', 'OutputValue': '3'}]},
        't-2': {'TaskId': 't-2'}})})
    result, warnings = task_info.INFO.read(params_for(task_info.INFO, task_ids=['t-2', ' t-1', 't-2']), client)
    assert [t['task_id'] for t in result['tasks']] == ['t-2', 't-1'] and result['total_count'] == 2
    assert [c[2] for c in client.calls] == [{'TaskId': 't-2'}, {'TaskId': 't-1'}]
    assert warnings == ['task t-1 has the outputs a, b more than once; output_values keeps the last value']


@pytest.mark.parametrize('declaration, values, message', [
    (task_info.INFO, dict(task_id="['task-1', 'task-2']"), r"^task_id: one ID, got a list \(\['task-1', 'task-2'\]\); give several with task_ids$"),
    (PP, dict(provisioned_product_id="['pp-1']"), 'give several with provisioned_product_ids$'),
    (task_info.INFO, dict(provisioned_product_id="['pp-1', 'pp-2']"), r"^provisioned_product_id: one ID, got a list \(\['pp-1', 'pp-2'\]\)$"),
    (provisioned_product_plan_info.INFO, dict(plan_id="['plan-1']"), r'^plan_id: one ID, got a list'),
    (provisioned_product_plan_info.INFO, dict(owner_uid='14661158861700o1'),
     r"^owner_uid: must be an Alibaba Cloud account ID \(digits only\), got '14661158861700o1'$"),
    (task_info.INFO, dict(task_ids=['t-1', ' ']), '^task_ids: must be a list of non-empty names$'),
    (PP, dict(provisioned_product_ids=['pp-1'], access_level_filter='Account'), '^access_level_filter: only with names or a listing'),
])
def test_refused_values(declaration, values, message):
    with pytest.raises(ConfigError, match=message):
        declaration.plan(params_for(declaration, **values))


def test_names_then_ids_each_once_names_looked_up_with_the_access_level():
    def listed(params):
        name = params['Filters.1.Value']
        return listing([{'ProvisionedProductId': {'web': 'pp-w', 'db': 'pp-d'}[name]}])
    client = FakeClient(gets={'GetProvisionedProduct': by_id(**{i: pp(i) for i in ('pp-w', 'pp-d', 'pp-x')})},
                        lists={'ListProvisionedProducts': listed})
    params = params_for(PP, names=['web', 'db'], provisioned_product_ids=['pp-x', 'pp-w'], access_level_filter='Account')
    result = PP.read(params, client)[0]
    assert [p['provisioned_product_id'] for p in result['provisioned_products']] == ['pp-w', 'pp-d', 'pp-x']
    assert [c[2] for c in client.calls if c[0] == 'list'] == [
        {'AccessLevelFilter': 'Account', 'Filters.1.Key': 'ProvisionedProductName', 'Filters.1.Value': name} for name in ('web', 'db')]


def test_names_that_match_none_or_several_are_all_named():
    matches = {'web': ['pp-1'], 'nobody': [], 'twice': ['pp-2', 'pp-3']}
    client = FakeClient(lists={'ListProvisionedProducts': lambda params: listing(
        [{'ProvisionedProductId': i} for i in matches[params['Filters.1.Value']]])})
    with pytest.raises(ConfigError) as caught:
        PP.read(params_for(PP, names=['web', 'nobody', 'twice'], access_level_filter='User'), client)
    assert str(caught.value) == ("names: each name must match exactly one, but 0 provisioned products are named 'nobody'; "
                                 "2 provisioned products are named 'twice' (pp-2, pp-3) (access_level_filter=User)")
    assert not [c for c in client.calls if c[0] == 'get']


@pytest.fixture
def fake_time(monkeypatch):
    class Clock:
        now = 0.0

        def monotonic(self):
            return self.now

        def sleep(self, seconds):
            self.now += seconds
    clock = Clock()
    monkeypatch.setattr(instances, 'time', clock)
    return clock


def test_wait_for_several_polls_the_pending_ones_until_all_settle(fake_time):
    client = FakeClient(gets={'GetProvisionedProduct': by_id(**{
        'pp-1': [pp('pp-1')],
        'pp-3': [pp('pp-3', 'UnderChange'), pp('pp-3', 'UnderChange'), pp('pp-3', task='task-2')]})})
    params = params_for(PP, provisioned_product_ids=['pp-1', 'pp-3'], wait=True, wait_timeout=60, wait_interval=5)
    result = PP.read(params, client)[0]
    assert [p['status'] for p in result['provisioned_products']] == ['Available', 'Available']
    assert [c[2]['ProvisionedProductId'] for c in client.calls] == ['pp-1', 'pp-3', 'pp-3', 'pp-3'] and fake_time.now == 10


def test_wait_fails_naming_every_late_or_broken_one_and_returns_the_items(fake_time):
    client = FakeClient(gets={'GetProvisionedProduct': by_id(**{
        'pp-1': [pp('pp-1', 'UnderChange', name='web')],
        'pp-2': [pp('pp-2')],
        'pp-5': [pp('pp-5', 'Error', name='broken', message='Resource UPDATE failed:\n quota exceeded')]})})
    params = params_for(PP, provisioned_product_ids=['pp-1', 'pp-2', 'pp-5'], wait=True, wait_timeout=12, wait_interval=5)
    with pytest.raises(info.WaitFailed) as caught:
        PP.read(params, client)
    assert str(caught.value) == ('wait: provisioned product pp-1 (web) is still UnderChange after wait_timeout (12 seconds); '
                                 'provisioned product pp-5 (broken) is in Error: Resource UPDATE failed: quota exceeded')
    assert [p['status'] for p in caught.value.result['provisioned_products']] == ['UnderChange', 'Available', 'Error']
    assert fake_time.now == 12


def test_error_without_wait_is_not_a_failure():
    client = FakeClient(gets={'GetProvisionedProduct': pp('pp-5', 'Error')})
    result = PP.read(params_for(PP, provisioned_product_ids=['pp-5']), client)[0]
    assert result['provisioned_products'][0]['status'] == 'Error'


def test_outputs_adds_outputs_and_parameters_with_warnings(monkeypatch):
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import instances
    seen = []

    def outputs_of(client, products):
        seen.extend(products)
        return [({'ip': '1.2.3.4'}, {'Size': 'L'}, None), ({}, {}, 'provisioned product b has no successful provisioning task yet')]
    monkeypatch.setattr(instances, 'outputs_of', outputs_of)
    client = FakeClient(gets={'GetProvisionedProduct': by_id(a=pp('a'), b=pp('b', task=''))})
    result, warnings = PP.read(params_for(PP, provisioned_product_ids=['a', 'b'], outputs=True), client)
    assert [(p['outputs'], p['parameters']) for p in result['provisioned_products']] == [({'ip': '1.2.3.4'}, {'Size': 'L'}), ({}, {})]
    assert seen[0] == {'ProvisionedProductId': 'a', 'ProvisionedProductName': 'a', 'Status': 'Available',
                       'LastSuccessfulProvisioningTaskId': 'task-1'}
    assert warnings == ['provisioned product b has no successful provisioning task yet']
    assert 'outputs' not in PP.read(params_for(PP, provisioned_product_ids=['a']), client)[0]['provisioned_products'][0]


def test_run_wait_failure_keeps_the_items_and_warnings(exits, monkeypatch, fake_time):
    warned = []
    monkeypatch.setattr(basic.AnsibleModule, 'warn', lambda self, warning: warned.append(warning))
    client = FakeClient(gets={'GetTask': [{'TaskId': 't', 'Status': 'InProgress', 'Outputs': [
        {'OutputKey': 'k', 'OutputValue': '1'}, {'OutputKey': 'k', 'OutputValue': '1'}]}]})
    exited = run(task_info.INFO, {'task_ids': ['t'], 'wait': True, 'wait_timeout': 1}, client)
    assert exited.kind == 'fail'
    assert exited.result['msg'] == 'wait: task t is still InProgress after wait_timeout (1 seconds)'
    assert exited.result['tasks'][0]['task_id'] == 't'
    assert warned == ['task t has the output k more than once; output_values keeps the last value']


def test_run_refuses_both_access_level_and_approval_filters(exits):
    exited = run(provisioned_product_plan_info.INFO, {'access_level_filter': 'Account', 'approval_filter': 'AccountRequests'}, FakeClient())
    assert exited.kind == 'fail' and 'mutually exclusive: access_level_filter|approval_filter' in exited.result['msg']


@pytest.mark.parametrize('module', [task_info, provisioned_product_info, provisioned_product_plan_info])
def test_return_documents_api_log_and_when_optional_fields_come(module):
    import yaml
    returned = yaml.safe_load(module.RETURN)
    assert returned['api_log']['type'] == 'list' and '-vvv' in returned['api_log']['returned']
    items = next(value['contains'] for value in returned.values() if value.get('elements') == 'dict')
    assert items['status_message']['returned'].startswith('when ')
    if module is provisioned_product_plan_info:
        assert items['product_name']['returned'] == 'when listing, without O(plan_id)'
    options = yaml.safe_load(module.DOCUMENTATION)['options']
    assert set(module.INFO.spec) - set(['sort_by', 'sort_order', 'page_number', 'page_size', 'wait_timeout', 'wait_interval']) <= set(options)
