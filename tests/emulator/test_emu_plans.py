"""The six plan operations: preview, review, execution, cancel, delete; what the plan reads show at each step."""
from __future__ import annotations

import pytest
import requests

from emu_client import filters
from emu_support import changed, provisioning_time
from test_emu_writes import COMPUTE, ECS, ECS_V10, ECS_V11, FAILING, RDS, VPC, code_of, control, finish, instance, launch, task

RDS_V10 = 'pv-bp19udk22va003'


@pytest.fixture
def timed(emulator):
    """Writes and previews take 5 s (moved by the tests); the emulator's setting is restored afterwards."""
    with provisioning_time(emulator, 5):
        yield emulator


def plan_body(name='plan-01', product=ECS, version=ECS_V10, instance_name='planned-01', **extra):
    body = {'PlanName': name, 'PlanType': 'Ros', 'ProductId': product, 'ProductVersionId': version, 'ProvisionedProductName': instance_name,
            'StackRegionId': 'cn-hangzhou'}
    body.update(extra)
    return body


def create(client, **kwargs) -> dict:
    return client.ok('CreateProvisionedProductPlan', body=plan_body(**kwargs))


def plan(client, plan_id) -> dict:
    return client.ok('GetProvisionedProductPlan', body={'PlanId': plan_id})


def status(client, plan_id) -> str:
    return plan(client, plan_id)['PlanDetail']['Status']


def test_launch_plan_preview_then_execute(timed, client):
    created = create(client, Description='first web server', **{
        'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.xlarge', 'Tags.1.Key': 'env', 'Tags.1.Value': 'dev'})
    plan_id, pp_id = created['PlanId'], created['ProvisionedProductId']
    assert plan_id.startswith('plan-') and pp_id.startswith('pp-')
    previewing = plan(client, plan_id)
    detail = previewing['PlanDetail']
    assert (detail['Status'], detail['OperationType'], detail['PlanType'], detail['ProvisionedProductId']) == (
        'PreviewInProgress', 'LaunchProduct', 'Ros', pp_id)
    assert (detail['Description'], detail['PortfolioId'], detail['AssignedApprovers']) == ('first web server', COMPUTE, [])
    assert detail['Parameters'] == [{'ParameterKey': 'instance_type', 'ParameterValue': 'ecs.g7.xlarge'}]
    assert detail['Tags'] == [{'Key': 'env', 'Value': 'dev'}] and previewing['ResourceChanges'] == []
    assert previewing['ProductDetail']['ProductName'] == 'DEMO-ECS instance' and previewing['ProductVersionDetail']['ProductVersionName'] == '1.0'
    assert client.error('GetProvisionedProduct', {'ProvisionedProductId': pp_id})[0] == 404  # no instance before execution
    assert code_of(client, 'ExecuteProvisionedProductPlan', {'PlanId': plan_id})[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')
    control(timed, {'advance': 5})
    previewed = plan(client, plan_id)
    assert previewed['PlanDetail']['Status'] == 'PreviewSuccess'
    assert [(c['Action'], c['LogicalResourceId'], c['PhysicalResourceId'], c['Replacement'], c['ResourceType']) for c in previewed['ResourceChanges']] == [
        ('Add', 'alicloud_instance.web', '', 'False', 'ALIYUN::ECS::Instance'),
        ('Add', 'alicloud_security_group.web', '', 'False', 'ALIYUN::ECS::SecurityGroup'),
        ('Add', 'alicloud_eip_address.web', '', 'False', 'ALIYUN::VPC::EIP')]
    assert client.ok('ExecuteProvisionedProductPlan', body={'PlanId': plan_id})['PlanId'] == plan_id
    assert status(client, plan_id) == 'ExecuteInProgress'
    running = instance(client, pp_id)
    assert (running['Status'], running['ProvisionedProductName']) == ('UnderChange', 'planned-01')
    finish(timed)
    assert status(client, plan_id) == 'ExecuteSuccess'
    done = instance(client, pp_id)
    launched = task(client, done['LastTaskId'])
    assert (done['Status'], launched['TaskType'], launched['TaskTags']) == ('Available', 'LaunchProduct', [{'Key': 'env', 'Value': 'dev'}])
    assert code_of(client, 'ExecuteProvisionedProductPlan', {'PlanId': plan_id})[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')


def test_written_plans_are_listed_and_filtered(timed, client):
    plan_id = create(client, name='listed-plan')['PlanId']
    listed = client.ok('ListProvisionedProductPlans', filters(('ProvisionedProductPlanName', 'LISTED-PLAN')))
    assert [p['PlanId'] for p in listed['PlanDetails']] == [plan_id] and listed['PlanDetails'][0]['ProductName'] == 'DEMO-ECS instance'
    in_preview = client.ok('ListProvisionedProductPlans', filters(('ProvisionedProductPlanStatus', 'PreviewInProgress')))
    assert plan_id in [p['PlanId'] for p in in_preview['PlanDetails']]
    finish(timed)
    succeeded = client.ok('ListProvisionedProductPlans', filters(('ProvisionedProductPlanStatus', 'PreviewSuccess')))
    assert plan_id in [p['PlanId'] for p in succeeded['PlanDetails']]
    assert client.ok('ListProvisionedProductPlans', {'PageSize': 1})['PlanDetails'][0]['PlanId'] == plan_id  # newest first


def test_a_plan_under_approval_constraint_is_reviewed(timed, client, alice):
    created = create(client, name='orders-db-2', product=RDS, version=RDS_V10, instance_name='orders-db-2', Description='Please review.')
    plan_id = created['PlanId']
    finish(timed)
    pending = plan(client, plan_id)['PlanDetail']
    assert pending['Status'] == 'ApplicationInProgress'
    assert pending['AssignedApprovers'] == [{'PrincipalType': 'RamUser', 'PrincipalName': 'demo-user'},
                                            {'PrincipalType': 'RamUser', 'PrincipalName': 'bob'}]
    records = pending['ApprovalDetail']['OperationRecords']
    assert [(r['ApprovalAction'], r['Comment'], r['Operator']['PrincipalName']) for r in records] == [('Submit', 'Please review.', 'demo-user')]
    todo = pending['ApprovalDetail']['TodoTaskActivities'][0]['Tasks']
    assert [t['Operator']['PrincipalName'] for t in todo] == ['demo-user', 'bob']
    received = client.ok('ListProvisionedProductPlans', {'ApprovalFilter': 'ReceivedRequests'})
    assert plan_id in [p['PlanId'] for p in received['PlanDetails']]
    approvers = client.ok('ListProvisionedProductPlanApprovers', {}, method='GET')['Approvers']
    assert {'PrincipalName': 'bob', 'PrincipalType': 'RamUser'} in approvers
    status_code, code, message = code_of(client, 'ExecuteProvisionedProductPlan', {'PlanId': plan_id})
    assert (status_code, code) == (400, 'InvalidStatus.ProvisionedProductPlan') and 'RamUser:bob' in message
    assert code_of(alice, 'ApproveProvisionedProductPlan', {'PlanId': plan_id, 'ApprovalAction': 'Approve'})[:2] == (403, 'NoPermission')
    client.ok('ApproveProvisionedProductPlan', body={'PlanId': plan_id, 'ApprovalAction': 'Reject', 'Comment': 'Too big.'})
    rejected = plan(client, plan_id)['PlanDetail']
    assert rejected['Status'] == 'ApplicationRejected' and rejected['ApprovalDetail']['TodoTaskActivities'] == []
    assert [r['ApprovalAction'] for r in rejected['ApprovalDetail']['OperationRecords']] == ['Submit', 'reject']
    assert code_of(client, 'ExecuteProvisionedProductPlan', {'PlanId': plan_id})[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')
    assert code_of(client, 'ApproveProvisionedProductPlan', {'PlanId': plan_id, 'ApprovalAction': 'Approve'})[:2] == (
        400, 'InvalidStatus.ProvisionedProductPlan')
    history = client.ok('ListProvisionedProductPlans', {'ApprovalFilter': 'ApprovalHistory'})
    assert plan_id in [p['PlanId'] for p in history['PlanDetails']]
    # a rejected plan can be changed: it is previewed and submitted again
    client.ok('UpdateProvisionedProductPlan', body={'PlanId': plan_id, 'ProductId': RDS, 'ProductVersionId': RDS_V10,
                                                    'Parameters.1.ParameterKey': 'storage_gb', 'Parameters.1.ParameterValue': '50'})
    assert status(client, plan_id) == 'PreviewInProgress'
    finish(timed)
    assert status(client, plan_id) == 'ApplicationInProgress'
    client.ok('ApproveProvisionedProductPlan', body={'PlanId': plan_id, 'ApprovalAction': 'Approve', 'Comment': 'OK.'})
    approved = plan(client, plan_id)['PlanDetail']
    assert approved['Status'] == 'ApplicationApproved'
    assert [r['ApprovalAction'] for r in approved['ApprovalDetail']['OperationRecords']] == ['Submit', 'reject', 'Submit', 'Approve']
    client.ok('ExecuteProvisionedProductPlan', body={'PlanId': plan_id})
    finish(timed)
    assert status(client, plan_id) == 'ExecuteSuccess'
    assert instance(client, created['ProvisionedProductId'])['Status'] == 'Available'


def test_update_and_terminate_plans_name_their_instance(timed, client):
    pp_id = launch(client, 'plan-target')
    finish(timed)
    update = create(client, name='resize', instance_name='plan-target', version=ECS_V11, OperationType='UpdateProvisionedProduct',
                    **{'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.2xlarge'})
    assert update['ProvisionedProductId'] == pp_id
    finish(timed)
    changes = plan(client, update['PlanId'])['ResourceChanges']
    assert {(c['Action'], c['Replacement']) for c in changes} == {('Modify', 'Conditional')}
    assert all(c['PhysicalResourceId'] for c in changes)
    client.ok('ExecuteProvisionedProductPlan', body={'PlanId': update['PlanId']})
    assert instance(client, pp_id)['Status'] == 'UnderChange'
    finish(timed)
    assert (status(client, update['PlanId']), instance(client, pp_id)['ProductVersionId']) == ('ExecuteSuccess', ECS_V11)
    remove = create(client, name='remove', instance_name='plan-target', version=ECS_V11, OperationType='TerminateProvisionedProduct')
    finish(timed)
    assert {c['Action'] for c in plan(client, remove['PlanId'])['ResourceChanges']} == {'Remove'}
    client.ok('ExecuteProvisionedProductPlan', body={'PlanId': remove['PlanId']})
    finish(timed)
    assert status(client, remove['PlanId']) == 'ExecuteSuccess'
    assert client.error('GetProvisionedProduct', {'ProvisionedProductId': pp_id})[0] == 404


def test_a_plan_with_nothing_to_change_previews_no_change(timed, client):
    launch(client, 'steady')
    finish(timed)
    same = create(client, name='same', instance_name='steady', OperationType='UpdateProvisionedProduct')
    finish(timed)
    assert {c['Action'] for c in plan(client, same['PlanId'])['ResourceChanges']} == {'None'}


def test_a_failing_template_fails_the_execution(timed, client):
    created = create(client, name='fleet', product=FAILING, version='pv-bp1fail0001a016', instance_name='fleet')
    finish(timed)
    assert status(client, created['PlanId']) == 'PreviewSuccess'  # the failure is at apply, not at plan
    client.ok('ExecuteProvisionedProductPlan', body={'PlanId': created['PlanId']})
    finish(timed)
    failed = plan(client, created['PlanId'])['PlanDetail']
    assert failed['Status'] == 'ExecuteFailed' and 'QuotaExceeded.Instance' in failed['StatusMessage']
    assert instance(client, created['ProvisionedProductId'])['Status'] == 'Error'


def test_a_failure_at_plan_time_fails_the_preview(timed, client):
    failure = {'Phase': 'plan', 'Stderr': 'Error: Unsupported argument'}
    product = {'ProductId': 'prod-bp1badplan00001', 'PortfolioIds': [COMPUTE],
               'Versions': [{'ProductVersionId': 'pv-bp1badplan00001', '_ProvisionFailure': failure}]}
    requests.post(f'{timed.url}/_emulator/seed', timeout=10, json={'products': [product]}).raise_for_status()
    created = create(client, name='bad', product='prod-bp1badplan00001', version='pv-bp1badplan00001', instance_name='bad')
    finish(timed)
    failed = plan(client, created['PlanId'])['PlanDetail']
    assert failed['Status'] == 'PreviewFailed' and failed['StatusMessage'].endswith('Error: Unsupported argument')
    assert code_of(client, 'ExecuteProvisionedProductPlan', {'PlanId': created['PlanId']})[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')
    client.ok('DeleteProvisionedProductPlan', body={'PlanId': created['PlanId']})


def test_cancel_and_delete(timed, client):
    plan_id = create(client, name='spare')['PlanId']
    client.ok('CancelProvisionedProductPlan', body={'PlanId': plan_id})  # while previewing
    canceled = plan(client, plan_id)['PlanDetail']
    assert canceled['Status'] == 'Canceled'
    assert [(r['ApprovalAction'], r['Operator']['PrincipalName']) for r in canceled['ApprovalDetail']['OperationRecords']] == [
        ('Cancel', 'demo-user')]
    finish(timed)
    assert status(client, plan_id) == 'Canceled'  # the preview that was running does not bring it back
    for action in ('CancelProvisionedProductPlan', 'ExecuteProvisionedProductPlan'):
        assert code_of(client, action, {'PlanId': plan_id})[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')
    client.ok('DeleteProvisionedProductPlan', body={'PlanId': plan_id})
    for action in ('GetProvisionedProductPlan', 'DeleteProvisionedProductPlan', 'CancelProvisionedProductPlan'):
        assert code_of(client, action, {'PlanId': plan_id})[:2] == (404, 'EntityNotExist.ProvisionedProductPlan')
    assert client.ok('ListProvisionedProductPlans', filters(('ProvisionedProductPlanName', 'spare')))['TotalCount'] == 0


def test_a_running_execution_cannot_be_deleted(timed, client):
    created = create(client, name='busy')
    finish(timed)
    client.ok('ExecuteProvisionedProductPlan', body={'PlanId': created['PlanId']})
    assert code_of(client, 'DeleteProvisionedProductPlan', {'PlanId': created['PlanId']})[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')
    assert code_of(client, 'CancelProvisionedProductPlan', {'PlanId': created['PlanId']})[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')
    finish(timed)
    client.ok('DeleteProvisionedProductPlan', body={'PlanId': created['PlanId']})
    assert instance(client, created['ProvisionedProductId'])['Status'] == 'Available'  # deleting the record leaves the instance


def test_update_plan_rules(timed, client):
    plan_id = create(client, name='edit-me')['PlanId']
    edit = {'PlanId': plan_id, 'ProductId': ECS, 'ProductVersionId': ECS_V11, 'Description': 'on 1.1'}
    assert code_of(client, 'UpdateProvisionedProductPlan', edit)[:2] == (400, 'InvalidStatus.ProvisionedProductPlan')  # still previewing
    finish(timed)
    answer = client.ok('UpdateProvisionedProductPlan', body=edit)
    assert answer['PlanId'] == plan_id and answer['ProvisionedProductId']
    edited = plan(client, plan_id)
    assert (edited['PlanDetail']['Status'], edited['PlanDetail']['ProductVersionId'], edited['PlanDetail']['Description']) == (
        'PreviewInProgress', ECS_V11, 'on 1.1')
    assert edited['ProductVersionDetail']['ProductVersionName'] == '1.1'
    finish(timed)
    assert code_of(client, 'UpdateProvisionedProductPlan', dict(edit, ProductId=VPC))[:2] == (400, 'InvalidParameter.ProductId')
    bad_parameter = dict(edit, **{'Parameters.1.ParameterKey': 'colour', 'Parameters.1.ParameterValue': 'blue'})
    assert code_of(client, 'UpdateProvisionedProductPlan', bad_parameter)[:2] == (400, 'InvalidParameter.Parameters')
    assert status(client, plan_id) == 'PreviewSuccess'  # a refused update changes nothing


@pytest.mark.parametrize('change, status_code, code', [
    ({'PlanName': None}, 400, 'MissingPlanName'),
    ({'PlanType': None}, 400, 'MissingPlanType'),
    ({'PlanType': 'Validate'}, 400, 'InvalidParameter.PlanType'),
    ({'OperationType': 'CopyProduct'}, 400, 'InvalidParameter.OperationType'),
    ({'ProvisionedProductName': None}, 400, 'MissingProvisionedProductName'),
    ({'StackRegionId': None}, 400, 'MissingStackRegionId'),
    ({'Description': 'd' * 129}, 400, 'InvalidParameter.Description'),
    ({'ProductId': 'prod-bp1nosuch00000'}, 404, 'EntityNotExist.Product'),
    ({'OperationType': 'UpdateProvisionedProduct', 'ProvisionedProductName': 'no-such-instance'}, 404, 'EntityNotExist.ProvisionedProduct'),
    ({'OperationType': 'UpdateProvisionedProduct', 'ProvisionedProductName': 'web-server-prod', 'StackRegionId': 'cn-beijing'}, 400,
     'InvalidParameter.StackRegionId'),
    ({'OperationType': 'TerminateProvisionedProduct', 'ProvisionedProductName': 'orders-db'}, 400, 'InvalidParameter.ProductId'),
])
def test_create_plan_errors(timed, client, change, status_code, code):
    assert code_of(client, 'CreateProvisionedProductPlan', changed(plan_body('bad-plan'), change))[:2] == (status_code, code)
    assert client.ok('ListProvisionedProductPlans', filters(('ProvisionedProductPlanName', 'bad-plan')))['TotalCount'] == 0


def test_an_ambiguous_instance_name_is_refused(timed, client):
    launch(client, 'twin-plan')
    launch(client, 'twin-plan')
    finish(timed)
    body = plan_body('twin', instance_name='twin-plan', OperationType='TerminateProvisionedProduct')
    assert code_of(client, 'CreateProvisionedProductPlan', body)[:2] == (400, 'InvalidParameter.ProvisionedProductName')


def test_approve_errors(timed, client):
    assert code_of(client, 'ApproveProvisionedProductPlan', {'PlanId': 'plan-bp18mmdh2u0f13'})[:2] == (400, 'MissingApprovalAction')
    assert code_of(client, 'ApproveProvisionedProductPlan', {'PlanId': 'plan-bp18mmdh2u0f13', 'ApprovalAction': 'approve'})[:2] == (
        400, 'InvalidParameter.ApprovalAction')
    assert code_of(client, 'ApproveProvisionedProductPlan', {'PlanId': 'plan-bp1nosuch000000', 'ApprovalAction': 'Approve'})[:2] == (
        404, 'EntityNotExist.ProvisionedProductPlan')
    assert code_of(client, 'ApproveProvisionedProductPlan', {'PlanId': 'plan-bp18mmdh2u0f08', 'ApprovalAction': 'Approve'})[:2] == (
        403, 'NoPermission')  # bob's to review, not demo-user's


def test_a_demo_plan_can_be_approved_and_executed(timed, client):
    client.ok('ApproveProvisionedProductPlan', body={'PlanId': 'plan-bp18mmdh2u0f13', 'ApprovalAction': 'Approve', 'Comment': 'Go.'})
    approved = plan(client, 'plan-bp18mmdh2u0f13')['PlanDetail']
    assert approved['Status'] == 'ApplicationApproved'
    assert [r['ApprovalAction'] for r in approved['ApprovalDetail']['OperationRecords']] == ['Submit', 'Approve']  # the derived Submit kept
    client.ok('ExecuteProvisionedProductPlan', body={'PlanId': 'plan-bp18mmdh2u0f13'})
    finish(timed)
    done = plan(client, 'plan-bp18mmdh2u0f13')['PlanDetail']
    assert done['Status'] == 'ExecuteSuccess'
    assert instance(client, done['ProvisionedProductId'])['Status'] == 'Available'
