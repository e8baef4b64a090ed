"""Operation tests on the demo dataset: response shapes, paging, sorting, filters, not-found codes, consistency."""
from __future__ import annotations

import re

import pytest

from emu_client import filters

TIME_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')
UUID_UPPER_RE = re.compile(r'^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$')

# Documented fields (operations.md / seeds); StatusMessage is returned only on failure.
TASK_FIELDS = {'TaskId', 'TaskType', 'PortfolioId', 'ProductId', 'ProductName', 'ProductVersionId', 'ProductVersionName', 'ProvisionedProductId',
               'ProvisionedProductName', 'Parameters', 'Outputs', 'Log', 'Status', 'CreateTime', 'UpdateTime'}
INSTANCE_FIELDS = {'ProvisionedProductName', 'ProvisionedProductId', 'ProvisionedProductArn', 'ProductId', 'ProductName', 'ProductVersionId',
                   'ProductVersionName', 'LastTaskId', 'LastProvisioningTaskId', 'LastSuccessfulProvisioningTaskId', 'OwnerPrincipalType',
                   'OwnerPrincipalId', 'Status', 'CreateTime', 'PortfolioId', 'StackId', 'StackRegionId', 'ProvisionedProductType'}
PLAN_FIELDS = {'PlanId', 'PlanName', 'PlanType', 'PortfolioId', 'ProductId', 'ProductVersionId', 'ProvisionedProductId', 'Parameters',
               'ProvisionedProductName', 'StackId', 'StackRegionId', 'Status', 'CreateTime', 'UpdateTime', 'Tags', 'OperationType',
               'AssignedApprovers', 'ProductName', 'Description', 'OwnerPrincipalType', 'OwnerPrincipalId', 'OwnerPrincipalName', 'Uid'}
PLAN_DETAIL_FIELDS = (PLAN_FIELDS - {'ProductName'}) | {'ApprovalDetail'}
PRODUCT_DETAIL_FIELDS = {'CreateTime', 'Description', 'ProductArn', 'ProductId', 'ProductName', 'ProductType', 'ProviderName'}
VERSION_DETAIL_FIELDS = {'Active', 'CreateTime', 'Description', 'Guidance', 'ProductId', 'ProductVersionId', 'ProductVersionName', 'TemplateType',
                         'TemplateUrl'}
PLAN_STATUSES = ['PreviewInProgress', 'PreviewSuccess', 'PreviewFailed', 'ApplicationInProgress', 'ApplicationApproved', 'ApplicationRejected',
                 'ExecuteInProgress', 'ExecuteSuccess', 'ExecuteFailed', 'Canceled']

PP_ECS = 'pp-bp1ddg1n2a0e01'
PP_ECS_STAGING = 'pp-bp1ddg1n2a0e05'
PP_RDS = 'pp-bp1c35162d0e02'
PP_VPC = 'pp-bp1vpc7m3k0e03'
PP_OSS = 'pp-bp1oss4q8z0e04'


def _walk_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_keys(item)


def _check_task(task, with_tags):
    expected = TASK_FIELDS | ({'TaskTags'} if with_tags else set())
    if task['Status'] == 'Failed':
        expected = expected | {'StatusMessage'}
    assert set(task) == expected
    assert task['TaskType'] in ('LaunchProduct', 'UpdateProvisionedProduct', 'TerminateProvisionedProduct')
    assert task['Status'] in ('Succeeded', 'InProgress', 'Failed')
    assert TIME_RE.match(task['CreateTime']) and TIME_RE.match(task['UpdateTime'])
    assert all(set(p) == {'ParameterKey', 'ParameterValue'} for p in task['Parameters'])
    assert all(set(o) == {'OutputKey', 'OutputValue', 'Description'} for o in task['Outputs'])
    assert set(task['Log']) == {'TerraformLogs'}
    for log in task['Log']['TerraformLogs']:
        assert set(log) == {'Command', 'Stream', 'Content'}
        assert log['Command'] in ('apply', 'plan', 'destroy', 'version') and log['Stream'] in ('stdout', 'stderr')
    if with_tags:
        assert all(set(t) == {'Key', 'Value'} for t in task['TaskTags'])


def _check_instance(item):
    expected = INSTANCE_FIELDS | ({'StatusMessage'} if item['Status'] == 'Error' else set())
    assert set(item) == expected
    assert item['OwnerPrincipalType'] in ('RamUser', 'RamRole')
    assert item['Status'] in ('Available', 'UnderChange', 'Error')
    assert item['ProvisionedProductType'] == 'RosStack'
    assert item['ProvisionedProductArn'].endswith(':provisionedproduct/' + item['ProvisionedProductId'])
    assert TIME_RE.match(item['CreateTime'])


def _check_plan(plan, fields):
    expected = fields | ({'StatusMessage'} if plan['Status'] in ('PreviewFailed', 'ExecuteFailed') else set())
    assert set(plan) == expected
    assert plan['Status'] in PLAN_STATUSES
    assert all(set(a) == {'PrincipalType', 'PrincipalName'} for a in plan['AssignedApprovers'])
    assert all(set(t) == {'Key', 'Value'} for t in plan['Tags'])
    assert TIME_RE.match(plan['CreateTime']) and TIME_RE.match(plan['UpdateTime'])


# -- shapes ---------------------------------------------------------------------------------------------------------

def test_list_tasks_shape(client):
    doc = client.ok('ListTasks', {'ProvisionedProductId': PP_RDS})
    assert list(doc) == ['TaskDetails', 'RequestId', 'TotalCount', 'PageNumber', 'PageSize']
    assert UUID_UPPER_RE.match(doc['RequestId'])
    assert (doc['TotalCount'], doc['PageNumber'], doc['PageSize']) == (2, 1, 10)
    for task in doc['TaskDetails']:
        _check_task(task, with_tags=False)
    failed = doc['TaskDetails'][0]
    assert failed['Status'] == 'Failed' and failed['StatusMessage'].startswith('Resource UPDATE failed')
    assert 'StatusMessage' not in doc['TaskDetails'][1]


def test_get_task_shape_and_case_preserved_outputs(client):
    doc = client.ok('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'})
    assert list(doc) == ['RequestId', 'TaskDetail']
    task = doc['TaskDetail']
    _check_task(task, with_tags=True)
    assert [o['OutputKey'] for o in task['Outputs']] == ['instance_id', 'PublicIP', 'private_ip']
    assert task['Outputs'][0] == {'OutputKey': 'instance_id', 'OutputValue': 'i-bp1g6zv0ce8oghu7k5n1', 'Description': 'The ECS instance ID.'}
    assert task['TaskTags'] == [{'Key': 'env', 'Value': 'prod'}, {'Key': 'team', 'Value': 'web'}]
    assert task['ProductVersionName'] == '1.0'


def test_every_task_type_and_status_in_demo(client):
    seen = set()
    for pp_id in (PP_ECS, PP_ECS_STAGING, PP_RDS, PP_VPC, PP_OSS):
        for task in client.ok('ListTasks', {'ProvisionedProductId': pp_id})['TaskDetails']:
            _check_task(client.ok('GetTask', body={'TaskId': task['TaskId']})['TaskDetail'], with_tags=True)
            seen.add((task['TaskType'], task['Status']))
    assert {pair[0] for pair in seen} == {'LaunchProduct', 'UpdateProvisionedProduct', 'TerminateProvisionedProduct'}
    assert {pair[1] for pair in seen} == {'Succeeded', 'InProgress', 'Failed'}


def test_list_and_get_instance_shape(client):
    doc = client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})
    assert list(doc) == ['ProvisionedProductDetails', 'RequestId', 'TotalCount', 'PageNumber', 'PageSize']
    assert doc['TotalCount'] == 5
    for item in doc['ProvisionedProductDetails']:
        _check_instance(item)
        got = client.ok('GetProvisionedProduct', {'ProvisionedProductId': item['ProvisionedProductId']})
        assert list(got) == ['RequestId', 'ProvisionedProductDetail']
        assert got['ProvisionedProductDetail'] == item
    assert {i['Status'] for i in doc['ProvisionedProductDetails']} == {'Available', 'UnderChange', 'Error'}


def test_list_and_get_plan_shape(client):
    doc = client.ok('ListProvisionedProductPlans', {'AccessLevelFilter': 'ResourceDirectory', 'PageSize': 100})
    assert list(doc) == ['RequestId', 'PlanDetails', 'TotalCount', 'PageNumber', 'PageSize']
    assert doc['TotalCount'] == 13
    assert {p['Status'] for p in doc['PlanDetails']} == set(PLAN_STATUSES)
    for plan in doc['PlanDetails']:
        _check_plan(plan, PLAN_FIELDS)
        got = client.ok('GetProvisionedProductPlan', body={'PlanId': plan['PlanId']})
        assert list(got) == ['RequestId', 'PlanDetail', 'ProductDetail', 'ProductVersionDetail', 'ResourceChanges']
        detail = got['PlanDetail']
        _check_plan(detail, PLAN_DETAIL_FIELDS)
        assert {k: v for k, v in detail.items() if k != 'ApprovalDetail'} == {k: v for k, v in plan.items() if k != 'ProductName'}
        assert set(detail['ApprovalDetail']) == {'OperationRecords', 'TodoTaskActivities'}
        for record in detail['ApprovalDetail']['OperationRecords']:
            assert set(record) == {'ApprovalAction', 'Comment', 'CreateTime', 'Operator'}
            assert record['ApprovalAction'] in ('Submit', 'Cancel', 'Approve', 'reject')
            assert set(record['Operator']) == {'PrincipalId', 'PrincipalName', 'PrincipalType'}
        for activity in detail['ApprovalDetail']['TodoTaskActivities']:
            assert set(activity) == {'ActivityName', 'Tasks'}
            assert all(set(t['Operator']) == {'PrincipalName', 'PrincipalType'} for t in activity['Tasks'])
        assert set(got['ProductDetail']) == PRODUCT_DETAIL_FIELDS
        assert got['ProductDetail']['ProductId'] == plan['ProductId'] and got['ProductDetail']['ProductName'] == plan['ProductName']
        assert set(got['ProductVersionDetail']) == VERSION_DETAIL_FIELDS
        assert got['ProductVersionDetail']['ProductVersionId'] == plan['ProductVersionId']
        for change in got['ResourceChanges']:
            assert set(change) == {'Action', 'LogicalResourceId', 'PhysicalResourceId', 'Replacement', 'ResourceType'}
            assert change['Action'] in ('Add', 'Modify', 'Remove', 'None') and change['Replacement'] in ('True', 'False', 'Conditional')


def test_derived_approval_detail(client):
    detail = client.ok('GetProvisionedProductPlan', body={'PlanId': 'plan-bp18mmdh2u0f04'})['PlanDetail']['ApprovalDetail']
    assert [r['ApprovalAction'] for r in detail['OperationRecords']] == ['Submit']
    assert detail['OperationRecords'][0]['Operator'] == {'PrincipalId': '300000000000000004', 'PrincipalName': 'sc-ops-role',
                                                         'PrincipalType': 'RamRole'}
    assert [t['Operator']['PrincipalName'] for t in detail['TodoTaskActivities'][0]['Tasks']] == ['demo-user', 'bob']
    rejected = client.ok('GetProvisionedProductPlan', body={'PlanId': 'plan-bp18mmdh2u0f10'})['PlanDetail']['ApprovalDetail']
    assert [r['ApprovalAction'] for r in rejected['OperationRecords']] == ['Submit', 'reject']
    assert rejected['OperationRecords'][1]['Operator']['PrincipalId'] == '240000000000000001'
    assert rejected['TodoTaskActivities'] == []


def test_no_internal_keys_in_responses(client):
    docs = [client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'}),
            client.ok('ListProvisionedProductPlans', {'AccessLevelFilter': 'ResourceDirectory', 'PageSize': 100}),
            client.ok('ListTasks', {'ProvisionedProductId': PP_OSS}),
            client.ok('GetProvisionedProductPlan', body={'PlanId': 'plan-bp18mmdh2u0f01'})]
    assert not [key for doc in docs for key in _walk_keys(doc) if key.startswith('_')]


# -- paging and sorting -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('params, name', [
    ({'PageSize': 0}, 'PageSize'), ({'PageSize': 101}, 'PageSize'), ({'PageSize': 'ten'}, 'PageSize'), ({'PageSize': '1.5'}, 'PageSize'),
    ({'PageSize': -1}, 'PageSize'), ({'PageNumber': 0}, 'PageNumber'), ({'PageNumber': -3}, 'PageNumber'), ({'PageNumber': 'x'}, 'PageNumber'),
    ({'SortBy': 'Name'}, 'SortBy'), ({'SortOrder': 'desc'}, 'SortOrder'), ({'SortOrder': 'Random'}, 'SortOrder'),
])
@pytest.mark.parametrize('action, base', [
    ('ListTasks', {'ProvisionedProductId': PP_ECS}), ('ListProvisionedProducts', {}), ('ListProvisionedProductPlans', {}),
])
def test_paging_and_sort_bounds(client, action, base, params, name):
    status, doc = client.error(action, {**base, **params})
    assert (status, doc['Code']) == (400, 'InvalidParameter')
    assert name in doc['Message']
    if name == 'PageSize':
        assert 'from 1 to 100' in doc['Message']


def test_paging_limits_accepted(client):
    assert client.ok('ListProvisionedProducts', {'PageSize': 100, 'AccessLevelFilter': 'Account'})['PageSize'] == 100
    assert client.ok('ListProvisionedProducts', {'PageSize': 1})['PageSize'] == 1


def test_page_past_the_end(client):
    doc = client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account', 'PageNumber': 7, 'PageSize': 2})
    assert (doc['ProvisionedProductDetails'], doc['TotalCount'], doc['PageNumber'], doc['PageSize']) == ([], 5, 7, 2)
    doc = client.ok('ListTasks', {'ProvisionedProductId': PP_ECS, 'PageNumber': 2})
    assert (doc['TaskDetails'], doc['TotalCount']) == ([], 2)
    doc = client.ok('ListProvisionedProductPlans', {'PageNumber': 99999999999})
    assert (doc['PlanDetails'], doc['TotalCount']) == ([], 6)


def _collect(client, action, field, key, params):
    items, page = [], 1
    while True:
        doc = client.ok(action, {**params, 'PageSize': 2, 'PageNumber': page})
        if not doc[field]:
            return items, doc['TotalCount']
        items.extend(item[key] for item in doc[field])
        page += 1


def test_paging_walk_matches_single_page(client):
    for action, field, key in (('ListProvisionedProducts', 'ProvisionedProductDetails', 'ProvisionedProductId'),
                               ('ListProvisionedProductPlans', 'PlanDetails', 'PlanId')):
        items, total = _collect(client, action, field, key, {'AccessLevelFilter': 'Account'})
        whole = client.ok(action, {'AccessLevelFilter': 'Account', 'PageSize': 100})
        assert items == [item[key] for item in whole[field]]
        assert total == len(items) == whole['TotalCount']


def test_sort_orders_and_tie_break(client):
    desc = client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})['ProvisionedProductDetails']
    asc = client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account', 'SortOrder': 'Asc', 'SortBy': 'CreateTime'})
    asc = asc['ProvisionedProductDetails']
    assert [i['ProvisionedProductId'] for i in asc] == [i['ProvisionedProductId'] for i in reversed(desc)]
    assert [i['ProvisionedProductId'] for i in asc] == [PP_OSS, PP_VPC, PP_ECS, PP_ECS_STAGING, PP_RDS]
    assert [(i['CreateTime'], i['ProvisionedProductId']) for i in asc] == sorted((i['CreateTime'], i['ProvisionedProductId']) for i in asc)
    tasks = client.ok('ListTasks', {'ProvisionedProductId': PP_OSS, 'SortOrder': 'Asc'})['TaskDetails']
    assert [t['TaskId'] for t in tasks] == ['task-bp1oss8d2m0d01', 'task-bp1oss8d2m0d02', 'task-bp1oss8d2m0d03']
    tasks = client.ok('ListTasks', {'ProvisionedProductId': PP_OSS})['TaskDetails']
    assert [t['TaskId'] for t in tasks] == ['task-bp1oss8d2m0d03', 'task-bp1oss8d2m0d02', 'task-bp1oss8d2m0d01']
    plans = client.ok('ListProvisionedProductPlans', {'AccessLevelFilter': 'ResourceDirectory', 'PageSize': 100, 'SortOrder': 'Asc'})
    times = [p['CreateTime'] for p in plans['PlanDetails']]
    assert times == sorted(times)


# -- filters -----------------------------------------------------------------------------------------------------------

def _ids(doc, field='ProvisionedProductDetails', key='ProvisionedProductId'):
    return sorted(item[key] for item in doc[field])


@pytest.mark.parametrize('pairs, expected', [
    ([('ProvisionedProductName', 'WEB-SERVER-PROD')], [PP_ECS]),
    ([('ProvisionedProductName', 'web-server')], []),
    ([('ProvisionedProductName', 'web-server-prod'), ('ProvisionedProductName', 'orders-db')], [PP_RDS, PP_ECS]),
    ([('FullTextSearch', 'WEB')], [PP_ECS, PP_ECS_STAGING]),
    ([('FullTextSearch', 'mysql')], [PP_RDS]),
    ([('FullTextSearch', '0e05')], [PP_ECS_STAGING]),
    ([('FullTextSearch', 'web'), ('ProvisionedProductName', 'web-server-staging')], [PP_ECS_STAGING]),
    ([('FullTextSearch', 'bucket')], []),
])
def test_instance_filters(client, pairs, expected):
    doc = client.ok('ListProvisionedProducts', filters(*pairs))
    assert _ids(doc) == sorted(expected)
    assert doc['TotalCount'] == len(expected)


def test_instance_filter_account_scope(client):
    doc = client.ok('ListProvisionedProducts', {**filters(('FullTextSearch', 'bucket')), 'AccessLevelFilter': 'Account'})
    assert _ids(doc) == [PP_OSS]


@pytest.mark.parametrize('query', [
    filters(('ProvisionedProductPlanName', 'x')), filters(('Name', 'x')), {'Filters.1.Value': 'x'}, filters(('FullTextSearch', '')),
    {'Filters.0.Key': 'FullTextSearch', 'Filters.0.Value': 'x'}, {'Filters.1.Name': 'FullTextSearch'}, {'Filters': '[]'},
])
def test_instance_filter_errors(client, query):
    status, doc = client.error('ListProvisionedProducts', query)
    assert (status, doc['Code']) == (400, 'InvalidParameter')
    assert 'Filters' in doc['Message']


def _plan_ids(client, query):
    doc = client.ok('ListProvisionedProductPlans', {'PageSize': 100, **query})
    assert doc['TotalCount'] == len(doc['PlanDetails'])
    return sorted(p['PlanId'][-3:] for p in doc['PlanDetails'])


ACCOUNT = {'AccessLevelFilter': 'Account'}


@pytest.mark.parametrize('pairs, expected', [
    ([('ProvisionedProductPlanName', 'WEB-SERVER-PROD-SCALE-UP')], ['f01']),
    ([('ProvisionedProductPlanName', 'web-server-prod')], []),
    ([('ProvisionedProductPlanApprover', 'RamUser:bob')], ['f01', 'f02', 'f04', 'f05', 'f06', 'f08', 'f11']),
    ([('ProvisionedProductPlanApprover', 'RamRole:sc-approver-role')], ['f02', 'f07', 'f13']),
    ([('ProvisionedProductPlanApprover', 'RamRole:bob')], []),
    ([('ProvisionedProductPlanApproverName', 'BOB')], ['f01', 'f02', 'f04', 'f05', 'f06', 'f08', 'f11']),
    ([('ProvisionedProductPlanApproverName', 'demo-user,sc-approver-role')], ['f02', 'f03', 'f04', 'f07', 'f09', 'f10', 'f13']),
    ([('ProvisionedProductPlanStatus', 'ApplicationInProgress')], ['f04', 'f08', 'f13']),
    ([('ProvisionedProductPlanOwnerUid', '1466115886170001')], [f'f{n:02d}' for n in range(1, 14) if n != 12]),
    ([('ProvisionedProductPlanOwnerUid', '1466115886170002')], []),
    ([('FullTextSearch', 'web-server')], ['f01', 'f08', 'f11']),
    ([('FullTextSearch', 'ecs')], ['f01', 'f06', 'f08', 'f11', 'f13']),
    ([('FullTextSearch', 'ecs'), ('ProvisionedProductPlanStatus', 'ApplicationInProgress')], ['f08', 'f13']),
    ([('ProvisionedProductPlanApprover', 'RamUser:bob'), ('ProvisionedProductPlanApproverName', 'sc-approver-role')], ['f02']),
])
def test_plan_filters(client, pairs, expected):
    assert _plan_ids(client, {**ACCOUNT, **filters(*pairs)}) == expected


@pytest.mark.parametrize('key, values, expected', [
    ('ProvisionedProductPlanApprover', ['RamUser:bob', 'RamRole:sc-approver-role'], ['f01', 'f02', 'f04', 'f05', 'f06', 'f07', 'f08', 'f11', 'f13']),
    ('ProvisionedProductPlanApproverName', ['demo-user', 'sc-approver-role'], ['f02', 'f03', 'f04', 'f07', 'f09', 'f10', 'f13']),
    ('ProvisionedProductPlanStatus', ['ApplicationInProgress', 'Canceled'], ['f04', 'f08', 'f11', 'f13']),
])
def test_plan_multi_value_filters_both_ways(client, key, values, expected):
    repeated = _plan_ids(client, {**ACCOUNT, **filters(*[(key, value) for value in values])})
    comma = _plan_ids(client, {**ACCOUNT, **filters((key, ','.join(values)))})
    spaced = _plan_ids(client, {**ACCOUNT, **filters((key, ' , '.join(values)))})
    assert repeated == comma == spaced == expected


def test_plan_owner_uid_with_resource_directory(client):
    query = {'AccessLevelFilter': 'ResourceDirectory', **filters(('ProvisionedProductPlanOwnerUid', '1466115886170002'))}
    assert _plan_ids(client, query) == ['f12']


def test_plan_instance_filter(client):
    assert _plan_ids(client, {**ACCOUNT, 'ProvisionedProductId': PP_ECS}) == ['f01', 'f08']
    assert _plan_ids(client, {**ACCOUNT, 'ProvisionedProductId': 'pp-unknown'}) == []


@pytest.mark.parametrize('pairs, word', [
    ([('ProvisionedProductPlanStatus', 'Running')], 'ProvisionedProductPlanStatus'),
    ([('ProvisionedProductPlanStatus', 'Canceled,Done')], 'ProvisionedProductPlanStatus'),
    ([('ProvisionedProductPlanApprover', 'bob')], 'RamUser:<name>'),
    ([('ProvisionedProductPlanApprover', 'User:bob')], 'RamUser:<name>'),
    ([('ProvisionedProductName', 'x')], 'Filters.1.Key'),
])
def test_plan_filter_errors(client, pairs, word):
    status, doc = client.error('ListProvisionedProductPlans', filters(*pairs))
    assert (status, doc['Code']) == (400, 'InvalidParameter')
    assert word in doc['Message']


# -- required parameters and not-found ---------------------------------------------------------------------------------

@pytest.mark.parametrize('action, code, name', [
    ('ListTasks', 'MissingProvisionedProductId', 'ProvisionedProductId'),
    ('GetTask', 'MissingTaskId', 'TaskId'),
    ('GetProvisionedProduct', 'MissingProvisionedProductId', 'ProvisionedProductId'),
    ('GetProvisionedProductPlan', 'MissingPlanId', 'PlanId'),
])
def test_missing_required(client, action, code, name):
    for params in ({}, {name: ''}):
        status, doc = client.error(action, params)
        assert (status, doc['Code'], doc['Message']) == (400, code, f'{name} is mandatory for this action.')


@pytest.mark.parametrize('action, param, code', [
    ('ListTasks', 'ProvisionedProductId', 'EntityNotExist.ProvisionedProduct'),
    ('GetProvisionedProduct', 'ProvisionedProductId', 'EntityNotExist.ProvisionedProduct'),
    ('GetTask', 'TaskId', 'EntityNotExist.Task'),
    ('GetProvisionedProductPlan', 'PlanId', 'EntityNotExist.ProvisionedProductPlan'),
])
def test_not_found(client, action, param, code):
    status, doc = client.error(action, body={param: 'x-bp1doesnotexist'})
    assert (status, doc['Code']) == (404, code)
    assert 'x-bp1doesnotexist' in doc['Message']


# -- consistency -------------------------------------------------------------------------------------------------------

def test_instances_consistent_with_tasks(client):
    for item in client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})['ProvisionedProductDetails']:
        tasks = client.ok('ListTasks', {'ProvisionedProductId': item['ProvisionedProductId'], 'SortOrder': 'Asc'})['TaskDetails']
        assert item['LastTaskId'] == item['LastProvisioningTaskId'] == tasks[-1]['TaskId']
        assert item['LastSuccessfulProvisioningTaskId'] == [t for t in tasks if t['Status'] == 'Succeeded'][-1]['TaskId']
        assert item['Status'] == {'Succeeded': 'Available', 'InProgress': 'UnderChange', 'Failed': 'Error'}[tasks[-1]['Status']]
        if item['Status'] == 'Error':
            assert item['StatusMessage'] == tasks[-1]['StatusMessage']
        last_ok = [t for t in tasks if t['Status'] == 'Succeeded' and t['TaskType'] != 'TerminateProvisionedProduct'][-1]
        assert (item['ProductVersionId'], item['ProductVersionName']) == (last_ok['ProductVersionId'], last_ok['ProductVersionName'])
        for task in tasks:
            for name in ('ProductId', 'ProductName', 'PortfolioId', 'ProvisionedProductName'):
                assert task[name] == item[name]


def test_plans_consistent_with_instances(client):
    instances = {i['ProvisionedProductId']: i for i in client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})['ProvisionedProductDetails']}
    plans = client.ok('ListProvisionedProductPlans', {'AccessLevelFilter': 'Account', 'PageSize': 100})['PlanDetails']
    linked = [p for p in plans if p['ProvisionedProductId'] in instances]
    assert len(linked) == 8
    for plan in linked:
        instance = instances[plan['ProvisionedProductId']]
        for name in ('ProductId', 'ProductName', 'PortfolioId', 'ProvisionedProductName', 'StackId'):
            assert plan[name] == instance[name]
