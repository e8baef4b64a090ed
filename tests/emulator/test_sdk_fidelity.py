"""The official SDK (alibabacloud_servicecatalog20210901) against the emulator; skipped when it is not installed."""
from __future__ import annotations

import uuid

import pytest
import requests

sc_client = pytest.importorskip('alibabacloud_servicecatalog20210901.client')
sc_models = pytest.importorskip('alibabacloud_servicecatalog20210901.models')
openapi_models = pytest.importorskip('alibabacloud_tea_openapi.models')
openapi_utils = pytest.importorskip('alibabacloud_tea_openapi.utils')

from emu_support import DEMO_KEY_ID, DEMO_SECRET, STS_KEY, provisioning_time  # noqa: E402  pylint: disable=wrong-import-position
from emu_client import Client, utc_now  # noqa: E402  pylint: disable=wrong-import-position


def _sdk(emulator, key_id=DEMO_KEY_ID, secret=DEMO_SECRET, token=None):
    config = openapi_models.Config(access_key_id=key_id, access_key_secret=secret, security_token=token, endpoint=f'127.0.0.1:{emulator.port}',
                                   protocol='http', region_id='cn-hangzhou', read_timeout=30000, connect_timeout=5000)
    return sc_client.Client(config)


@pytest.fixture
def sdk(emulator):
    return _sdk(emulator)


def _same_as_wire(model, raw: dict) -> None:
    """Every field the emulator sent is a field of the SDK model (to_map() only gives known fields back)."""
    parsed = model.to_map()
    raw = dict(raw)
    parsed.pop('RequestId', None)
    raw.pop('RequestId', None)
    assert parsed == raw


def test_list_tasks_paging(sdk, client):
    request = sc_models.ListTasksRequest(provisioned_product_id='pp-bp1oss4q8z0e04', page_size=1, page_number=2, sort_by='CreateTime',
                                         sort_order='Asc')
    body = sdk.list_tasks(request).body
    assert (body.total_count, body.page_number, body.page_size) == (3, 2, 1)
    task = body.task_details[0]
    assert (task.task_id, task.task_type, task.status) == ('task-bp1oss8d2m0d02', 'TerminateProvisionedProduct', 'Failed')
    assert task.status_message.startswith('Resource DELETE failed')
    assert task.log.terraform_logs[-1].stream == 'stderr'
    assert body.request_id
    _same_as_wire(body, client.ok('ListTasks', {'ProvisionedProductId': 'pp-bp1oss4q8z0e04', 'PageSize': 1, 'PageNumber': 2, 'SortOrder': 'Asc'}))


def test_get_task_form_body(sdk, client):
    body = sdk.get_task(sc_models.GetTaskRequest(task_id='task-bp1dmg242c0a01')).body
    detail = body.task_detail
    assert [o.output_key for o in detail.outputs] == ['instance_id', 'PublicIP', 'private_ip']
    assert detail.outputs[1].output_value == '47.98.123.45' and detail.outputs[0].description == 'The ECS instance ID.'
    assert [(t.key, t.value) for t in detail.task_tags] == [('env', 'prod'), ('team', 'web')]
    assert detail.parameters[0].parameter_key == 'instance_type'
    assert (detail.product_version_name, detail.create_time, detail.update_time) == ('1.0', '2024-03-04T08:15:27Z', '2024-03-04T08:18:45Z')
    _same_as_wire(body, client.ok('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'}))


def test_list_provisioned_products_filters(sdk, client):
    request = sc_models.ListProvisionedProductsRequest(
        access_level_filter='Account', page_size=1, page_number=1, sort_order='Asc',
        filters=[sc_models.ListProvisionedProductsRequestFilters(key='FullTextSearch', value='web')])
    body = sdk.list_provisioned_products(request).body
    assert (body.total_count, body.page_size) == (2, 1)
    item = body.provisioned_product_details[0]
    assert (item.provisioned_product_id, item.status, item.owner_principal_type) == ('pp-bp1ddg1n2a0e01', 'Available', 'RamUser')
    assert item.provisioned_product_type == 'RosStack' and item.stack_region_id == 'cn-hangzhou'
    _same_as_wire(body, client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account', 'PageSize': 1, 'PageNumber': 1, 'SortOrder': 'Asc',
                                                              'Filters.1.Key': 'FullTextSearch', 'Filters.1.Value': 'web'}))
    exact = sdk.list_provisioned_products(sc_models.ListProvisionedProductsRequest(
        filters=[sc_models.ListProvisionedProductsRequestFilters(key='ProvisionedProductName', value='ORDERS-DB')])).body
    assert [i.provisioned_product_name for i in exact.provisioned_product_details] == ['orders-db']


def test_get_provisioned_product(sdk, client):
    body = sdk.get_provisioned_product(sc_models.GetProvisionedProductRequest(provisioned_product_id='pp-bp1c35162d0e02')).body
    detail = body.provisioned_product_detail
    assert (detail.status, detail.last_task_id, detail.last_successful_provisioning_task_id) == ('Error', 'task-bp1rds5x9k0b02', 'task-bp1rds5x9k0b01')
    assert detail.status_message.startswith('Resource UPDATE failed')
    _same_as_wire(body, client.ok('GetProvisionedProduct', {'ProvisionedProductId': 'pp-bp1c35162d0e02'}))


def test_list_plans_filters_and_paging(sdk, client):
    Filter = sc_models.ListProvisionedProductPlansRequestFilters
    request = sc_models.ListProvisionedProductPlansRequest(
        access_level_filter='Account', page_size=2, page_number=2, sort_by='CreateTime', sort_order='Desc',
        filters=[Filter(key='ProvisionedProductPlanApprover', value='RamUser:bob'),
                 Filter(key='ProvisionedProductPlanApprover', value='RamRole:sc-approver-role'),
                 Filter(key='ProvisionedProductPlanStatus', value='ApplicationInProgress,Canceled,ExecuteSuccess,ExecuteFailed')])
    body = sdk.list_provisioned_product_plans(request).body
    assert (body.total_count, body.page_number, body.page_size, len(body.plan_details)) == (6, 2, 2, 2)
    plan = body.plan_details[0]
    assert plan.assigned_approvers[0].principal_type in ('RamUser', 'RamRole') and plan.owner_principal_name and plan.uid
    raw = client.ok('ListProvisionedProductPlans', {
        'AccessLevelFilter': 'Account', 'PageSize': 2, 'PageNumber': 2, 'SortBy': 'CreateTime', 'SortOrder': 'Desc',
        'Filters.1.Key': 'ProvisionedProductPlanApprover', 'Filters.1.Value': 'RamUser:bob', 'Filters.2.Key': 'ProvisionedProductPlanApprover',
        'Filters.2.Value': 'RamRole:sc-approver-role', 'Filters.3.Key': 'ProvisionedProductPlanStatus',
        'Filters.3.Value': 'ApplicationInProgress,Canceled,ExecuteSuccess,ExecuteFailed'})
    _same_as_wire(body, raw)
    received = sdk.list_provisioned_product_plans(sc_models.ListProvisionedProductPlansRequest(approval_filter='ReceivedRequests')).body
    assert sorted(p.plan_id for p in received.plan_details) == ['plan-bp18mmdh2u0f04', 'plan-bp18mmdh2u0f13']


def test_get_provisioned_product_plan(sdk, client):
    body = sdk.get_provisioned_product_plan(sc_models.GetProvisionedProductPlanRequest(plan_id='plan-bp18mmdh2u0f01')).body
    records = body.plan_detail.approval_detail.operation_records
    assert [(r.approval_action, r.operator.principal_name) for r in records] == [('Submit', 'demo-user'), ('Approve', 'bob')]
    assert body.product_detail.product_name == 'DEMO-ECS instance' and body.product_version_detail.guidance == 'Recommended'
    assert body.product_version_detail.active is True
    assert body.resource_changes[0].action == 'Modify'
    _same_as_wire(body, client.ok('GetProvisionedProductPlan', body={'PlanId': 'plan-bp18mmdh2u0f01'}))
    pending = sdk.get_provisioned_product_plan(sc_models.GetProvisionedProductPlanRequest(plan_id='plan-bp18mmdh2u0f13')).body
    tasks = pending.plan_detail.approval_detail.todo_task_activities[0].tasks
    assert [t.operator.principal_name for t in tasks] == ['demo-user', 'sc-approver-role']


def test_errors_as_the_sdk_sees_them(emulator, sdk):
    tea_exceptions = pytest.importorskip('alibabacloud_tea_openapi.exceptions')
    with pytest.raises(tea_exceptions.ClientException) as info:
        sdk.get_task(sc_models.GetTaskRequest(task_id='task-bp1nosuchtask00'))
    assert (info.value.status_code, info.value.code) == (404, 'EntityNotExist.Task')
    assert info.value.request_id and info.value.data['Recommend'].startswith('https://api.aliyun.com/troubleshoot?q=EntityNotExist.Task')
    with pytest.raises(tea_exceptions.ClientException) as info:
        _sdk(emulator, secret='wrong').list_provisioned_products(sc_models.ListProvisionedProductsRequest())
    assert (info.value.status_code, info.value.code) == (400, 'SignatureDoesNotMatch')
    with pytest.raises(tea_exceptions.ClientException) as info:
        sdk.list_provisioned_products(sc_models.ListProvisionedProductsRequest(page_size=101))
    assert (info.value.status_code, info.value.code) == (400, 'InvalidParameter')


def test_sts_credentials(emulator):
    sts = _sdk(emulator, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token)
    assert sts.get_task(sc_models.GetTaskRequest(task_id='task-bp1dmg242c0a02')).body.task_detail.status == 'Succeeded'
    entry = emulator.server.request_log.entries()[-1]
    assert entry['access_key_id'] == STS_KEY.access_key_id and STS_KEY.security_token not in str(entry)


def test_v1_signed_with_the_sdk_rpc_signer(emulator):
    """A V1 (HMAC-SHA1) request signed by the SDK's own RPC signature function, sent by hand."""
    params = {'Action': 'ListTasks', 'Version': '2021-09-01', 'Format': 'JSON', 'AccessKeyId': DEMO_KEY_ID, 'SignatureMethod': 'HMAC-SHA1',
              'SignatureVersion': '1.0', 'SignatureNonce': uuid.uuid4().hex, 'SignatureType': '', 'Timestamp': utc_now(),
              'ProvisionedProductId': 'pp-bp1ddg1n2a0e01', 'PageSize': '1'}
    params['Signature'] = openapi_utils.Utils.get_rpcsignature(params, 'POST', DEMO_SECRET)
    response = requests.post(f'{emulator.url}/', params=params, timeout=30)
    assert response.status_code == 200, response.text
    assert (response.json()['TotalCount'], len(response.json()['TaskDetails'])) == (2, 1)
    independent = Client(emulator.url, DEMO_KEY_ID, DEMO_SECRET)
    assert independent.call_v1('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}).status_code == 200


# -- all 23 operations through the SDK: every answer parses, every response field is populated in at least one answer --

def _paths(model, prefix=''):
    """(every attribute path, the paths whose value is set) of an SDK model, lists walked item by item."""
    every, populated = set(), set()
    for name, value in vars(model).items():
        if name.startswith('_'):
            continue
        path = f'{prefix}.{name}' if prefix else name
        every.add(path)
        if value is None or value == []:
            continue
        populated.add(path)
        for item in value if isinstance(value, list) else [value]:
            if hasattr(item, 'to_map'):
                sub_every, sub_populated = _paths(item, path)
                every |= sub_every
                populated |= sub_populated
    return every, populated


CON_ECS, CON_RDS, CON_VPC = 'prod-bp18r7q127a001', 'prod-bp1rtrnh2ca002', 'prod-bp1vpcnet2ca003'
SDK_CALLS = {  # operation -> SDK calls (method name, request), together covering every response field
    'ListTasks': [('list_tasks', sc_models.ListTasksRequest(provisioned_product_id='pp-bp1c35162d0e02'))],
    'GetTask': [('get_task', sc_models.GetTaskRequest(task_id='task-bp1dmg242c0a01')),
                ('get_task', sc_models.GetTaskRequest(task_id='task-bp1rds5x9k0b02'))],
    'ListProvisionedProducts': [('list_provisioned_products', sc_models.ListProvisionedProductsRequest(access_level_filter='Account'))],
    'GetProvisionedProduct': [('get_provisioned_product', sc_models.GetProvisionedProductRequest(provisioned_product_id='pp-bp1c35162d0e02'))],
    'ListProvisionedProductPlans': [('list_provisioned_product_plans', sc_models.ListProvisionedProductPlansRequest(
        access_level_filter='Account', page_size=100))],
    'GetProvisionedProductPlan': [('get_provisioned_product_plan', sc_models.GetProvisionedProductPlanRequest(plan_id=plan_id))
                                  for plan_id in ('plan-bp18mmdh2u0f01', 'plan-bp18mmdh2u0f13', 'plan-bp18mmdh2u0f02', 'plan-bp18mmdh2u0f05')],
    'GetConstraint': [('get_constraint', sc_models.GetConstraintRequest(constraint_id='cons-bp1launch00a01'))],
    'GetPortfolio': [('get_portfolio', sc_models.GetPortfolioRequest(portfolio_id='port-bp1yt7582g0a01'))],
    'GetProductAsAdmin': [('get_product_as_admin', sc_models.GetProductAsAdminRequest(product_id=CON_ECS))],
    'GetProductAsEndUser': [('get_product_as_end_user', sc_models.GetProductAsEndUserRequest(product_id=CON_ECS))],
    'GetProductVersion': [('get_product_version', sc_models.GetProductVersionRequest(product_version_id='pv-bp15e79d26a002'))],
    'GetTagOption': [('get_tag_option', sc_models.GetTagOptionRequest(tag_option_id='tag-bp1env0prod0a01'))],
    'GetTemplate': [('get_template', sc_models.GetTemplateRequest(product_id=CON_ECS, product_version_id='pv-bp15e79d26a002'))],
    'ListLaunchOptions': [('list_launch_options', sc_models.ListLaunchOptionsRequest(product_id=product_id))
                          for product_id in (CON_ECS, CON_RDS, CON_VPC)],
    'ListPortfolios': [('list_portfolios', sc_models.ListPortfoliosRequest(
        scope='All', page_size=2, sort_order='Asc', filters=[sc_models.ListPortfoliosRequestFilters(key='FullTextSearch', value='o')]))],
    'ListPrincipals': [('list_principals', sc_models.ListPrincipalsRequest(portfolio_id='port-bp1438kf2j0a02'))],
    'ListProductVersions': [('list_product_versions', sc_models.ListProductVersionsRequest(product_id=CON_RDS))],
    'ListProductsAsAdmin': [('list_products_as_admin', sc_models.ListProductsAsAdminRequest(
        scope='All', page_size=3, page_number=2, sort_by='CreateTime', sort_order='Asc',
        filters=[sc_models.ListProductsAsAdminRequestFilters(key='FullTextSearch', value='a')]))],
    'ListProductsAsEndUser': [
        ('list_products_as_end_user', sc_models.ListProductsAsEndUserRequest(
            page_size=10, filters=[sc_models.ListProductsAsEndUserRequestFilters(key='ProductName', value='VPC network')])),
        ('list_products_as_end_user', sc_models.ListProductsAsEndUserRequest(page_size=10))],
    'ListProvisionedProductPlanApprovers': [('list_provisioned_product_plan_approvers', sc_models.ListProvisionedProductPlanApproversRequest(
        access_level_filter='Account', filters=[sc_models.ListProvisionedProductPlanApproversRequestFilters(
            key='ProvisionedProductPlanApproverName', value='bob')]))],
    'ListRegions': [('list_regions', None)],
    'ListResourcesForTagOption': [('list_resources_for_tag_option', sc_models.ListResourcesForTagOptionRequest(
        tag_option_id='tag-bp1env0prod0a01', resource_type='Portfolio', page_size=1, page_number=2))],
    'ListTagOptions': [
        ('list_tag_options', sc_models.ListTagOptionsRequest(
            filters=sc_models.ListTagOptionsRequestFilters(active=True, key='env'), page_size=2, sort_order='Asc')),
        ('list_tag_options', sc_models.ListTagOptionsRequest(max_results=2))],
}


def test_sdk_calls_every_operation(emulator, sdk):
    from sc_emulator.operations import OPERATIONS, READ_OPERATIONS
    assert sorted(SDK_CALLS) == sorted(READ_OPERATIONS) and len(SDK_CALLS) == 23
    for operation, calls in SDK_CALLS.items():
        every, populated = set(), set()
        for method, request in calls:
            response = getattr(sdk, method)(request) if request is not None else getattr(sdk, method)()
            assert response.status_code == 200
            body = response.body
            assert body.request_id, operation
            entry = emulator.server.request_log.entries()[-1]
            assert (entry['action'], entry['method'], entry['params_in'].split('+')[0]) == (
                operation, OPERATIONS[operation].method, OPERATIONS[operation].params_in), entry
            sub_every, sub_populated = _paths(body)
            every |= sub_every
            populated |= sub_populated
        assert every - populated == set(), f'{operation}: fields never populated: {sorted(every - populated)}'


def test_sdk_catalog_answers_match_the_wire(sdk, client):
    body = sdk.list_tag_options(sc_models.ListTagOptionsRequest(
        filters=sc_models.ListTagOptionsRequestFilters(active=True, key='env'), page_size=2, sort_order='Asc')).body
    assert [t.value for t in body.tag_option_details] == ['prod', 'dev'] and body.next_token and body.total_count == 3
    _same_as_wire(body, client.ok('ListTagOptions', {'Filters': '{"Active":true,"Key":"env"}', 'PageSize': 2, 'SortOrder': 'Asc'}, method='GET'))
    options = sdk.list_launch_options(sc_models.ListLaunchOptionsRequest(product_id=CON_RDS)).body
    approval = [c for c in options.launch_option_summaries[0].constraint_summaries if c.constraint_type == 'Approval'][0]
    assert approval.operation_types == ['LaunchProduct', 'UpdateProvisionedProduct']
    _same_as_wire(options, client.ok('ListLaunchOptions', {'ProductId': CON_RDS}))
    portfolio = sdk.get_portfolio(sc_models.GetPortfolioRequest(portfolio_id='port-bp1yt7582g0a01')).body
    assert portfolio.tag_options[0].active is True and portfolio.portfolio_detail.portfolio_name == 'Compute and network'
    _same_as_wire(portfolio, client.ok('GetPortfolio', {'PortfolioId': 'port-bp1yt7582g0a01'}))
    summary = sdk.get_product_as_end_user(sc_models.GetProductAsEndUserRequest(product_id=CON_VPC)).body.product_summary
    assert summary.has_default_launch_option is False


# -- the nine end-user writes through the SDK: one provisioning story, every answer parsed, every response field populated --

@pytest.fixture
def instant(emulator):
    """Writes settle at once (provisioning time 0) for the test; the emulator's setting is restored afterwards."""
    with provisioning_time(emulator, 0):
        yield emulator


def _write(emulator, sdk, seen, operation, method, request):
    """One write through the SDK: answered 200, sent as the operation table declares (POST, form body), every field set."""
    from sc_emulator.operations import OPERATIONS
    response = getattr(sdk, method)(request)
    assert response.status_code == 200 and response.body.request_id, operation
    entry = emulator.server.request_log.entries()[-1]
    assert (entry['action'], entry['method'], entry['params_in']) == (operation, 'POST', 'form'), entry
    assert OPERATIONS[operation].write and (OPERATIONS[operation].method, OPERATIONS[operation].params_in) == ('POST', 'form')
    every, populated = _paths(response.body)
    assert every - populated == set(), f'{operation}: fields never populated: {sorted(every - populated)}'
    seen.add(operation)
    return response.body


def test_sdk_calls_every_write_operation(instant, sdk):
    from sc_emulator.operations import WRITE_OPERATIONS
    emulator, seen, m = instant, set(), sc_models
    launched = _write(emulator, sdk, seen, 'LaunchProduct', 'launch_product', m.LaunchProductRequest(
        product_id=CON_ECS, product_version_id='pv-bp15e79d26a001', provisioned_product_name='sdk-web', stack_region_id='cn-hangzhou',
        parameters=[m.LaunchProductRequestParameters(parameter_key='instance_type', parameter_value='ecs.g7.xlarge'),
                    m.LaunchProductRequestParameters(parameter_key='zone_id', parameter_value='cn-hangzhou-i')],
        tags=[m.LaunchProductRequestTags(key='env', value='dev'), m.LaunchProductRequestTags(key='team', value='web ops')]))
    pp_id = launched.provisioned_product_id
    detail = sdk.get_provisioned_product(m.GetProvisionedProductRequest(provisioned_product_id=pp_id)).body.provisioned_product_detail
    assert (detail.status, detail.provisioned_product_name, detail.portfolio_id) == ('Available', 'sdk-web', 'port-bp1yt7582g0a01')
    task = sdk.get_task(m.GetTaskRequest(task_id=detail.last_task_id)).body.task_detail
    assert (task.task_type, task.status) == ('LaunchProduct', 'Succeeded')
    assert [(t.key, t.value) for t in task.task_tags] == [('env', 'dev'), ('team', 'web ops')]
    assert [(o.output_key, o.output_value.startswith('i-')) for o in task.outputs][0] == ('instance_id', True)

    updated = _write(emulator, sdk, seen, 'UpdateProvisionedProduct', 'update_provisioned_product', m.UpdateProvisionedProductRequest(
        provisioned_product_id=pp_id, product_id=CON_ECS, product_version_id='pv-bp15e79d26a002',
        parameters=[m.UpdateProvisionedProductRequestParameters(parameter_key='system_disk_size', parameter_value='80')],
        tags=[m.UpdateProvisionedProductRequestTags(key='env', value='dev')]))
    assert updated.provisioned_product_id == pp_id
    detail = sdk.get_provisioned_product(m.GetProvisionedProductRequest(provisioned_product_id=pp_id)).body.provisioned_product_detail
    assert (detail.status, detail.product_version_id) == ('Available', 'pv-bp15e79d26a002')

    plan = _write(emulator, sdk, seen, 'CreateProvisionedProductPlan', 'create_provisioned_product_plan', m.CreateProvisionedProductPlanRequest(
        plan_name='sdk-scale-up', plan_type='Ros', operation_type='UpdateProvisionedProduct', product_id=CON_ECS,
        product_version_id='pv-bp15e79d26a002', provisioned_product_name='sdk-web', stack_region_id='cn-hangzhou', description='scale up',
        parameters=[m.CreateProvisionedProductPlanRequestParameters(parameter_key='instance_type', parameter_value='ecs.g7.2xlarge')],
        tags=[m.CreateProvisionedProductPlanRequestTags(key='change', value='CHG-1')]))
    assert plan.provisioned_product_id == pp_id
    replanned = _write(emulator, sdk, seen, 'UpdateProvisionedProductPlan', 'update_provisioned_product_plan', m.UpdateProvisionedProductPlanRequest(
        plan_id=plan.plan_id, product_id=CON_ECS, product_version_id='pv-bp15e79d26a008', description='scale up, on 2.0',
        parameters=[m.UpdateProvisionedProductPlanRequestParameters(parameter_key='instance_type', parameter_value='ecs.g8i.xlarge')],
        tags=[m.UpdateProvisionedProductPlanRequestTags(key='change', value='CHG-2')]))
    assert (replanned.plan_id, replanned.provisioned_product_id) == (plan.plan_id, pp_id)
    previewed = sdk.get_provisioned_product_plan(m.GetProvisionedProductPlanRequest(plan_id=plan.plan_id)).body
    assert previewed.plan_detail.status == 'PreviewSuccess' and previewed.plan_detail.description == 'scale up, on 2.0'
    assert {(c.action, c.replacement) for c in previewed.resource_changes} == {('Modify', 'Conditional')}
    executed = _write(emulator, sdk, seen, 'ExecuteProvisionedProductPlan', 'execute_provisioned_product_plan',
                      m.ExecuteProvisionedProductPlanRequest(plan_id=plan.plan_id))
    assert executed.plan_id == plan.plan_id
    done = sdk.get_provisioned_product_plan(m.GetProvisionedProductPlanRequest(plan_id=plan.plan_id)).body.plan_detail
    assert done.status == 'ExecuteSuccess'

    review = sdk.create_provisioned_product_plan(m.CreateProvisionedProductPlanRequest(
        plan_name='sdk-db', plan_type='Ros', product_id=CON_RDS, product_version_id='pv-bp19udk22va003', provisioned_product_name='sdk-db',
        stack_region_id='cn-hangzhou')).body
    pending = sdk.get_provisioned_product_plan(m.GetProvisionedProductPlanRequest(plan_id=review.plan_id)).body.plan_detail
    assert pending.status == 'ApplicationInProgress'
    assert [t.operator.principal_name for t in pending.approval_detail.todo_task_activities[0].tasks] == ['demo-user', 'bob']
    approvers = sdk.list_provisioned_product_plan_approvers(m.ListProvisionedProductPlanApproversRequest()).body.approvers
    assert {a.principal_name for a in approvers} >= {'demo-user', 'bob'}
    _write(emulator, sdk, seen, 'ApproveProvisionedProductPlan', 'approve_provisioned_product_plan', m.ApproveProvisionedProductPlanRequest(
        plan_id=review.plan_id, approval_action='Approve', comment='looks good'))
    records = sdk.get_provisioned_product_plan(m.GetProvisionedProductPlanRequest(plan_id=review.plan_id)).body.plan_detail.approval_detail
    assert [(r.approval_action, r.comment) for r in records.operation_records] == [('Submit', ''), ('Approve', 'looks good')]
    sdk.execute_provisioned_product_plan(m.ExecuteProvisionedProductPlanRequest(plan_id=review.plan_id))
    assert sdk.get_provisioned_product(m.GetProvisionedProductRequest(
        provisioned_product_id=review.provisioned_product_id)).body.provisioned_product_detail.status == 'Available'

    spare = sdk.create_provisioned_product_plan(m.CreateProvisionedProductPlanRequest(
        plan_name='sdk-spare', plan_type='Ros', product_id=CON_VPC, product_version_id='pv-bp1vpc0001a005', provisioned_product_name='sdk-vpc',
        stack_region_id='cn-hangzhou', portfolio_id='port-bp1yt7582g0a01')).body
    _write(emulator, sdk, seen, 'CancelProvisionedProductPlan', 'cancel_provisioned_product_plan',
           m.CancelProvisionedProductPlanRequest(plan_id=spare.plan_id))
    assert sdk.get_provisioned_product_plan(m.GetProvisionedProductPlanRequest(plan_id=spare.plan_id)).body.plan_detail.status == 'Canceled'
    _write(emulator, sdk, seen, 'DeleteProvisionedProductPlan', 'delete_provisioned_product_plan',
           m.DeleteProvisionedProductPlanRequest(plan_id=spare.plan_id))
    _write(emulator, sdk, seen, 'TerminateProvisionedProduct', 'terminate_provisioned_product',
           m.TerminateProvisionedProductRequest(provisioned_product_id=pp_id))
    tea_exceptions = pytest.importorskip('alibabacloud_tea_openapi.exceptions')
    with pytest.raises(tea_exceptions.ClientException) as info:
        sdk.get_provisioned_product(m.GetProvisionedProductRequest(provisioned_product_id=pp_id))
    assert (info.value.status_code, info.value.code) == (404, 'EntityNotExist.ProvisionedProduct')
    assert sorted(seen) == sorted(WRITE_OPERATIONS) and len(seen) == 9


def test_sdk_write_errors(instant, sdk):
    """Refused writes as the SDK raises them: code, HTTP status and request ID."""
    tea_exceptions = pytest.importorskip('alibabacloud_tea_openapi.exceptions')
    m = sc_models
    cases = [
        (m.LaunchProductRequest(product_id=CON_ECS, product_version_id='pv-bp15e79d26a001', stack_region_id='cn-hangzhou'),
         'launch_product', 400, 'MissingProvisionedProductName'),
        (m.LaunchProductRequest(product_id='prod-bp1nosuch00000', product_version_id='pv-x', provisioned_product_name='x',
                                stack_region_id='cn-hangzhou'), 'launch_product', 404, 'EntityNotExist.Product'),
        (m.LaunchProductRequest(product_id=CON_RDS, product_version_id='pv-bp19udk22va003', provisioned_product_name='x',
                                stack_region_id='cn-hangzhou'), 'launch_product', 400, 'InvalidOperation.ApprovalRequired'),
        (m.TerminateProvisionedProductRequest(), 'terminate_provisioned_product', 400, 'MissingProvisionedProductId'),
        (m.ApproveProvisionedProductPlanRequest(plan_id='plan-bp18mmdh2u0f13', approval_action='Maybe'), 'approve_provisioned_product_plan',
         400, 'InvalidParameter.ApprovalAction'),
    ]
    for request, method, status, code in cases:
        with pytest.raises(tea_exceptions.ClientException) as info:
            getattr(sdk, method)(request)
        assert (info.value.status_code, info.value.code) == (status, code) and info.value.request_id


# -- the 23 administration writes through the SDK: a catalog built and taken apart again --

def test_sdk_calls_every_administration_write(emulator, sdk):
    from sc_emulator.operations import ADMIN_OPERATIONS, OPERATIONS
    assert len(OPERATIONS) == 55 and len(ADMIN_OPERATIONS) == 23  # the 55 *_with_options methods of the SDK client
    seen, m = set(), sc_models

    def call(operation, method, request):
        return _write(emulator, sdk, seen, operation, method, request)

    portfolio_id = call('CreatePortfolio', 'create_portfolio', m.CreatePortfolioRequest(
        portfolio_name='sdk-portfolio', provider_name='IT', description='from the SDK')).portfolio_id
    assert call('UpdatePortfolio', 'update_portfolio', m.UpdatePortfolioRequest(
        portfolio_id=portfolio_id, portfolio_name='sdk-portfolio-2', provider_name='IT', description='renamed')).portfolio_id == portfolio_id
    template = ('{"ROSTemplateFormatVersion":"2015-09-01","Transform":"Aliyun::Terraform-v1.2",'
                '"Workspace":{"main.tf":"variable \\"size\\" {}\\noutput \\"vm_id\\" { value = \\"\\" }\\n"},'
                '"Parameters":{"size":{"Type":"String","Default":"small"}},"Outputs":{"vm_id":{"Description":"VM ID"}}}')
    url = call('CreateTemplate', 'create_template', m.CreateTemplateRequest(
        template_body=template, template_type='RosTerraformTemplate',
        terraform_variables=[m.CreateTemplateRequestTerraformVariables(variable_name='size', description='{"Label":"Size"}')])).template_url
    product = call('CreateProduct', 'create_product', m.CreateProductRequest(
        product_name='sdk-product', product_type='Ros', provider_name='IT', description='made by the SDK', template_type='RosTerraformTemplate',
        product_version_parameters=m.CreateProductRequestProductVersionParameters(
            product_version_name='v1', template_url=url, template_type='RosTerraformTemplate', active=True, guidance='Default')))
    assert sdk.get_template(m.GetTemplateRequest(product_id=product.product_id, product_version_id=product.product_version_id)).body.template_body == template
    call('UpdateProduct', 'update_product', m.UpdateProductRequest(product_id=product.product_id, product_name='sdk-product-2', provider_name='IT'))
    version_id = call('CreateProductVersion', 'create_product_version', m.CreateProductVersionRequest(
        product_id=product.product_id, product_version_name='v2', template_type='RosTerraformTemplate', template_url=url, active=False,
        guidance='Latest', description='second')).product_version_id
    assert sdk.get_product_version(m.GetProductVersionRequest(product_version_id=version_id)).body.product_version_detail.active is False
    call('UpdateProductVersion', 'update_product_version', m.UpdateProductVersionRequest(
        product_version_id=version_id, product_version_name='v2.1', active=True, guidance='Recommended'))  # Active goes as True (str())
    detail = sdk.get_product_version(m.GetProductVersionRequest(product_version_id=version_id)).body.product_version_detail
    assert (detail.product_version_name, detail.active, detail.guidance) == ('v2.1', True, 'Recommended')
    call('AssociateProductWithPortfolio', 'associate_product_with_portfolio', m.AssociateProductWithPortfolioRequest(
        product_id=product.product_id, portfolio_id=portfolio_id))
    call('AssociatePrincipalWithPortfolio', 'associate_principal_with_portfolio', m.AssociatePrincipalWithPortfolioRequest(
        portfolio_id=portfolio_id, principal_id='240000000000000001', principal_type='RamUser'))
    principals = sdk.list_principals(m.ListPrincipalsRequest(portfolio_id=portfolio_id)).body.principals
    assert [(p.principal_id, p.principal_type) for p in principals] == [('240000000000000001', 'RamUser')]
    constraint_id = call('CreateConstraint', 'create_constraint', m.CreateConstraintRequest(
        constraint_type='Launch', config='{"LocalRoleName":"SCLaunchRole"}', portfolio_id=portfolio_id, product_id=product.product_id,
        description='launch as role')).constraint_id
    call('UpdateConstraint', 'update_constraint', m.UpdateConstraintRequest(
        constraint_id=constraint_id, config='{"LocalRoleName":"SCLaunchRole2"}', description='new role'))
    options = sdk.list_launch_options(m.ListLaunchOptionsRequest(product_id=product.product_id)).body.launch_option_summaries
    assert [(o.portfolio_id, [c.constraint_type for c in o.constraint_summaries]) for o in options] == [(portfolio_id, ['Launch'])]
    created = call('CreateTagOption', 'create_tag_option', m.CreateTagOptionRequest(key='sdk-env', value='dev')).tag_option_detail
    assert (created.key, created.value, created.active, created.owner) == ('sdk-env', 'dev', True, '1466115886170001')
    updated = call('UpdateTagOption', 'update_tag_option', m.UpdateTagOptionRequest(
        tag_option_id=created.tag_option_id, value='qa', active=True)).tag_option_detail
    assert (updated.tag_option_id, updated.value) == (created.tag_option_id, 'qa')
    call('AssociateTagOptionWithResource', 'associate_tag_option_with_resource', m.AssociateTagOptionWithResourceRequest(
        tag_option_id=created.tag_option_id, resource_id=product.product_id))
    resources = sdk.list_resources_for_tag_option(m.ListResourcesForTagOptionRequest(
        tag_option_id=created.tag_option_id, resource_type='product')).body.resource_details
    assert [r.resource_id for r in resources] == [product.product_id]
    arn = sdk.get_product_as_admin(m.GetProductAsAdminRequest(product_id=product.product_id)).body.product_detail.product_arn
    call('CopyProduct', 'copy_product', m.CopyProductRequest(source_product_arn=arn, target_product_name='sdk-copy'))
    copies = sdk.list_products_as_admin(m.ListProductsAsAdminRequest(
        filters=[m.ListProductsAsAdminRequestFilters(key='ProductName', value='sdk-copy')])).body.product_details
    assert len(copies) == 1
    # and taken apart again
    call('DisAssociateTagOptionFromResource', 'dis_associate_tag_option_from_resource', m.DisAssociateTagOptionFromResourceRequest(
        tag_option_id=created.tag_option_id, resource_id=product.product_id))
    call('DeleteTagOption', 'delete_tag_option', m.DeleteTagOptionRequest(tag_option_id=created.tag_option_id))
    call('DeleteConstraint', 'delete_constraint', m.DeleteConstraintRequest(constraint_id=constraint_id))
    call('DisassociatePrincipalFromPortfolio', 'disassociate_principal_from_portfolio', m.DisassociatePrincipalFromPortfolioRequest(
        portfolio_id=portfolio_id, principal_id='240000000000000001', principal_type='RamUser'))
    call('DisassociateProductFromPortfolio', 'disassociate_product_from_portfolio', m.DisassociateProductFromPortfolioRequest(
        product_id=product.product_id, portfolio_id=portfolio_id))
    call('DeleteProductVersion', 'delete_product_version', m.DeleteProductVersionRequest(product_version_id=version_id))
    call('DeleteProduct', 'delete_product', m.DeleteProductRequest(product_id=product.product_id))
    call('DeletePortfolio', 'delete_portfolio', m.DeletePortfolioRequest(portfolio_id=portfolio_id))
    tea_exceptions = pytest.importorskip('alibabacloud_tea_openapi.exceptions')
    with pytest.raises(tea_exceptions.ClientException) as info:
        sdk.get_portfolio(m.GetPortfolioRequest(portfolio_id=portfolio_id))
    assert (info.value.status_code, info.value.code) == (404, 'EntityNotExist.Portfolio')
    with pytest.raises(tea_exceptions.ClientException) as info:
        sdk.delete_portfolio(m.DeletePortfolioRequest(portfolio_id='port-bp1yt7582g0a01'))
    assert (info.value.status_code, info.value.code) == (409, 'DeleteConflict.Portfolio.Product')
    assert sorted(seen) == sorted(ADMIN_OPERATIONS)
