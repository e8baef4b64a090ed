"""LaunchProduct, UpdateProvisionedProduct and TerminateProvisionedProduct: wire, state machine, outputs, errors, drops.

Writes take the store's provisioning time; the fixture sets 5 s and the tests move time with the provisioning control
endpoint (``advance`` / ``finish``), so nothing sleeps.
"""
from __future__ import annotations

import pytest
import requests

from emu_client import filters
from emu_support import DEMO_KEY_ID, changed, provisioning_time

ECS, RDS, VPC, OSS, FAILING = 'prod-bp18r7q127a001', 'prod-bp1rtrnh2ca002', 'prod-bp1vpcnet2ca003', 'prod-bp1ossbkt2ca004', 'prod-bp1fail02ca007'
ECS_V10, ECS_V11, ECS_V20 = 'pv-bp15e79d26a001', 'pv-bp15e79d26a002', 'pv-bp15e79d26a008'
COMPUTE, DATA, SHARED = 'port-bp1yt7582g0a01', 'port-bp1438kf2j0a02', 'port-bp1shared0a03'


@pytest.fixture
def slow(emulator):
    """Writes take 5 s (time is moved by the tests); the emulator's setting is restored afterwards."""
    with provisioning_time(emulator, 5):
        yield emulator


def control(emulator, body=None):
    if body is None:
        return requests.get(f'{emulator.url}/_emulator/provisioning', timeout=10)
    return requests.post(f'{emulator.url}/_emulator/provisioning', json=body, timeout=10)


def finish(emulator):
    assert control(emulator, {'finish': True}).json()['pending'] == {'tasks': 0, 'plans': 0}


def launch_body(name='web-01', product=ECS, version=ECS_V10, **extra):
    body = {'ProductId': product, 'ProductVersionId': version, 'ProvisionedProductName': name, 'StackRegionId': 'cn-hangzhou'}
    body.update(extra)
    return body


def launch(client, name='web-01', **extra) -> str:
    return client.ok('LaunchProduct', body=launch_body(name, **extra))['ProvisionedProductId']


def instance(client, pp_id):
    return client.ok('GetProvisionedProduct', {'ProvisionedProductId': pp_id})['ProvisionedProductDetail']


def task(client, task_id):
    return client.ok('GetTask', body={'TaskId': task_id})['TaskDetail']


def code_of(client, action, body):
    status, error = client.error(action, body=body)
    return status, error['Code'], error['Message']


# -- launch ------------------------------------------------------------------------------------------------------------------

def test_launch_goes_under_change_then_available(slow, client):
    pp_id = launch(client, 'web-01', **{'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.xlarge',
                                        'Tags.1.Key': 'env', 'Tags.1.Value': 'dev'})
    assert pp_id.startswith('pp-')
    running = instance(client, pp_id)
    assert (running['Status'], running['ProvisionedProductName'], running['PortfolioId'], running['StackRegionId']) == (
        'UnderChange', 'web-01', COMPUTE, 'cn-hangzhou')
    assert running['LastSuccessfulProvisioningTaskId'] == '' and 'StatusMessage' not in running
    first = task(client, running['LastTaskId'])
    assert (first['TaskType'], first['Status'], first['Outputs']) == ('LaunchProduct', 'InProgress', [])
    assert [log['Command'] for log in first['Log']['TerraformLogs']] == ['version', 'plan']
    assert control(slow, {'advance': 4}).json()['pending']['tasks'] == 1
    assert instance(client, pp_id)['Status'] == 'UnderChange'
    control(slow, {'advance': 1})
    done = instance(client, pp_id)
    assert (done['Status'], done['LastSuccessfulProvisioningTaskId'], done['ProductVersionId']) == ('Available', running['LastTaskId'], ECS_V10)
    result = task(client, running['LastTaskId'])
    assert result['Status'] == 'Succeeded' and result['ProvisionedProductName'] == 'web-01'
    assert result['Parameters'] == [{'ParameterKey': 'instance_type', 'ParameterValue': 'ecs.g7.xlarge'}]
    assert result['TaskTags'] == [{'Key': 'env', 'Value': 'dev'}]
    assert [log['Command'] for log in result['Log']['TerraformLogs']] == ['version', 'plan', 'apply']
    assert 'Apply complete! Resources: 3 added' in result['Log']['TerraformLogs'][-1]['Content']


def test_launched_instance_is_listed_with_its_task(slow, client):
    pp_id = launch(client, 'listed-01')
    named = client.ok('ListProvisionedProducts', filters(('ProvisionedProductName', 'LISTED-01')))
    assert [(i['ProvisionedProductId'], i['Status']) for i in named['ProvisionedProductDetails']] == [(pp_id, 'UnderChange')]
    assert client.ok('ListProvisionedProducts')['ProvisionedProductDetails'][0]['ProvisionedProductId'] == pp_id  # newest first
    tasks = client.ok('ListTasks', {'ProvisionedProductId': pp_id})
    assert tasks['TotalCount'] == 1 and tasks['TaskDetails'][0]['Status'] == 'InProgress'
    finish(slow)
    assert client.ok('ListTasks', {'ProvisionedProductId': pp_id})['TaskDetails'][0]['Status'] == 'Succeeded'


def test_outputs_follow_the_documented_rules(slow, client):
    pp_id = launch(client, 'outputs-01', **{'Parameters.1.ParameterKey': 'zone_id', 'Parameters.1.ParameterValue': 'cn-hangzhou-k'})
    finish(slow)
    outputs = {o['OutputKey']: o for o in task(client, instance(client, pp_id)['LastTaskId'])['Outputs']}
    assert list(outputs) == ['instance_id', 'PublicIP', 'private_ip']  # the template's outputs, in its order
    assert outputs['instance_id']['OutputValue'].startswith('i-bp1') and outputs['instance_id']['Description'] == 'The ECS instance ID.'
    assert outputs['PublicIP']['OutputValue'].startswith('47.') and outputs['private_ip']['OutputValue'].startswith('172.16.')
    again = launch(client, 'outputs-02')
    finish(slow)
    other = {o['OutputKey']: o['OutputValue'] for o in task(client, instance(client, again)['LastTaskId'])['Outputs']}
    assert other['instance_id'] != outputs['instance_id']['OutputValue']  # per instance
    client.ok('UpdateProvisionedProduct', body={'ProvisionedProductId': pp_id, 'ProductId': ECS, 'ProductVersionId': ECS_V11})
    finish(slow)
    updated = {o['OutputKey']: o['OutputValue'] for o in task(client, instance(client, pp_id)['LastTaskId'])['Outputs']}
    assert updated['instance_id'] == outputs['instance_id']['OutputValue']  # an update keeps the resource IDs


def test_a_template_without_outputs_echoes_its_parameters(slow, client):
    seeded = requests.post(f'{slow.url}/_emulator/seed', timeout=10, json={'products': [{
        'ProductId': 'prod-bp1echo0000001', 'PortfolioIds': [COMPUTE], 'Versions': [{
            'ProductVersionId': 'pv-bp1echo0000001', 'Template': {'Parameters': {'size': {'Type': 'String', 'Default': 'small'}}}}]}]})
    assert seeded.status_code == 200
    pp_id = launch(client, 'echo-01', product='prod-bp1echo0000001', version='pv-bp1echo0000001')
    finish(slow)
    outputs = task(client, instance(client, pp_id)['LastTaskId'])['Outputs']
    assert outputs == [{'OutputKey': 'size', 'OutputValue': 'small', 'Description': 'The size parameter.'}]


def test_flattened_entries_are_read_by_index_not_by_order(slow, client):
    names = [f'p{n}' for n in range(1, 12)]
    seeded = requests.post(f'{slow.url}/_emulator/seed', timeout=10, json={'products': [{
        'ProductId': 'prod-bp1eleven00001', 'PortfolioIds': [COMPUTE], 'Versions': [{
            'ProductVersionId': 'pv-bp1eleven00001', 'Template': {'Parameters': {name: {'Type': 'String'} for name in names}}}]}]})
    assert seeded.status_code == 200
    body = launch_body('eleven', product='prod-bp1eleven00001', version='pv-bp1eleven00001')
    for n, name in enumerate(names, start=1):
        body[f'Parameters.{n}.ParameterKey'] = name
        body[f'Parameters.{n}.ParameterValue'] = f'value {n}'
    ordered = dict(sorted(body.items()))  # as the SDK sends them: Parameters.10.* before Parameters.2.*
    assert list(ordered).index('Parameters.10.ParameterKey') < list(ordered).index('Parameters.2.ParameterKey')
    pp_id = client.ok('LaunchProduct', body=ordered)['ProvisionedProductId']
    entry = slow.server.request_log.entries()[-1]
    assert (entry['method'], entry['params_in'], entry['declared_params_in']) == ('POST', 'form', 'form')
    given = task(client, instance(client, pp_id)['LastTaskId'])['Parameters']
    assert [p['ParameterKey'] for p in given] == names and given[9]['ParameterValue'] == 'value 10'


def test_names_are_not_unique(slow, client):
    first, second = launch(client, 'twin'), launch(client, 'twin')
    assert first != second
    listed = client.ok('ListProvisionedProducts', filters(('ProvisionedProductName', 'twin')))
    assert sorted(i['ProvisionedProductId'] for i in listed['ProvisionedProductDetails']) == sorted([first, second])


def test_a_failing_template_leaves_the_instance_in_error(slow, client):
    pp_id = launch(client, 'fleet', product=FAILING, version='pv-bp1fail0001a016')
    assert instance(client, pp_id)['Status'] == 'UnderChange'
    finish(slow)
    failed = instance(client, pp_id)
    assert failed['Status'] == 'Error' and failed['LastSuccessfulProvisioningTaskId'] == ''
    assert failed['StatusMessage'].startswith(f'Resource CREATE failed: terraform stack sc-1466115886170001-{pp_id} failure: Error: creating')
    result = task(client, failed['LastTaskId'])
    assert (result['Status'], result['Outputs'], result['StatusMessage']) == ('Failed', [], failed['StatusMessage'])
    stderr = [log for log in result['Log']['TerraformLogs'] if log['Stream'] == 'stderr']
    assert [log['Command'] for log in stderr] == ['apply'] and 'QuotaExceeded.Instance' in stderr[0]['Content']
    client.ok('TerminateProvisionedProduct', body={'ProvisionedProductId': pp_id})  # an instance in Error can be terminated
    finish(slow)
    assert client.error('GetProvisionedProduct', {'ProvisionedProductId': pp_id})[0] == 404


# -- update ------------------------------------------------------------------------------------------------------------------

def test_update_keeps_the_instance_and_adds_a_task(slow, client):
    pp_id = launch(client, 'upd-01', **{'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.large',
                                        'Parameters.2.ParameterKey': 'zone_id', 'Parameters.2.ParameterValue': 'cn-hangzhou-k'})
    finish(slow)
    launched = instance(client, pp_id)
    answer = client.ok('UpdateProvisionedProduct', body={
        'ProvisionedProductId': pp_id, 'ProductId': ECS, 'ProductVersionId': ECS_V10, 'Tags.1.Key': 'env', 'Tags.1.Value': 'prod',
        'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.xlarge',
        'Parameters.2.ParameterKey': 'zone_id', 'Parameters.2.ParameterValue': 'cn-hangzhou-k'})
    assert answer['ProvisionedProductId'] == pp_id
    running = instance(client, pp_id)
    assert running['Status'] == 'UnderChange' and running['LastTaskId'] != launched['LastTaskId']
    assert running['LastSuccessfulProvisioningTaskId'] == launched['LastTaskId'] and running['CreateTime'] == launched['CreateTime']
    finish(slow)
    done = instance(client, pp_id)
    assert (done['Status'], done['LastSuccessfulProvisioningTaskId']) == ('Available', running['LastTaskId'])
    update = task(client, done['LastTaskId'])
    assert (update['TaskType'], update['TaskTags']) == ('UpdateProvisionedProduct', [{'Key': 'env', 'Value': 'prod'}])
    assert 'Plan: 0 to add, 3 to change, 0 to destroy.' in [log['Content'] for log in update['Log']['TerraformLogs']]
    assert client.ok('ListTasks', {'ProvisionedProductId': pp_id})['TotalCount'] == 2


def test_update_changes_the_version_and_keeps_parameters_not_sent(slow, client):
    pp_id = launch(client, 'upd-02', **{'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.xlarge'})
    finish(slow)
    client.ok('UpdateProvisionedProduct', body={'ProvisionedProductId': pp_id, 'ProductId': ECS, 'ProductVersionId': ECS_V11})
    finish(slow)
    done = instance(client, pp_id)
    assert (done['ProductVersionId'], done['ProductVersionName']) == (ECS_V11, '1.1')
    assert task(client, done['LastTaskId'])['Parameters'] == [{'ParameterKey': 'instance_type', 'ParameterValue': 'ecs.g7.xlarge'}]


def test_an_update_that_changes_nothing_is_refused(slow, client):
    pp_id = launch(client, 'upd-03', **{'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.xlarge'})
    finish(slow)
    same = {'ProvisionedProductId': pp_id, 'ProductId': ECS, 'ProductVersionId': ECS_V10}
    assert code_of(client, 'UpdateProvisionedProduct', same)[:2] == (400, 'InvalidOperation.NoChange')
    explicit = dict(same, **{'Parameters.1.ParameterKey': 'instance_type', 'Parameters.1.ParameterValue': 'ecs.g7.xlarge',
                             'Parameters.2.ParameterKey': 'image_id', 'Parameters.2.ParameterValue': 'aliyun_3_x64_20G_alibase_20240819.vhd'})
    assert code_of(client, 'UpdateProvisionedProduct', explicit)[:2] == (400, 'InvalidOperation.NoChange')  # the default, spelled out
    tags_only = dict(same, **{'Tags.1.Key': 'env', 'Tags.1.Value': 'prod'})
    assert code_of(client, 'UpdateProvisionedProduct', tags_only)[:2] == (400, 'InvalidOperation.NoChange')
    back_to_default = dict(same, **{'Parameters.1.ParameterKey': 'zone_id', 'Parameters.1.ParameterValue': 'cn-hangzhou-h'})
    client.ok('UpdateProvisionedProduct', body=back_to_default)  # instance_type, not sent, goes back to its template default
    assert client.ok('ListTasks', {'ProvisionedProductId': pp_id})['TotalCount'] == 2


def test_a_changing_instance_refuses_another_change(slow, client):
    pp_id = launch(client, 'busy-01')
    update = {'ProvisionedProductId': pp_id, 'ProductId': ECS, 'ProductVersionId': ECS_V11}
    status, code, message = code_of(client, 'UpdateProvisionedProduct', update)
    assert (status, code) == (400, 'InvalidStatus.ProvisionedProduct') and 'UnderChange' in message
    assert code_of(client, 'TerminateProvisionedProduct', {'ProvisionedProductId': pp_id})[:2] == (400, 'InvalidStatus.ProvisionedProduct')
    assert client.ok('ListTasks', {'ProvisionedProductId': pp_id})['TotalCount'] == 1
    finish(slow)
    client.ok('UpdateProvisionedProduct', body=update)


def test_update_errors(slow, client):
    pp_id = launch(client, 'upd-04')
    finish(slow)
    base = {'ProvisionedProductId': pp_id, 'ProductId': ECS, 'ProductVersionId': ECS_V11}
    assert code_of(client, 'UpdateProvisionedProduct', dict(base, ProvisionedProductId='pp-bp1nosuch000001'))[:2] == (
        404, 'EntityNotExist.ProvisionedProduct')
    assert code_of(client, 'UpdateProvisionedProduct', dict(base, ProductId=VPC, ProductVersionId='pv-bp1vpc0001a005'))[:2] == (
        400, 'InvalidParameter.ProductId')
    assert code_of(client, 'UpdateProvisionedProduct', dict(base, ProductVersionId='pv-bp1vpc0001a005'))[:2] == (
        404, 'EntityNotExist.ProductVersion')
    assert code_of(client, 'UpdateProvisionedProduct', {'ProvisionedProductId': pp_id, 'ProductId': ECS})[:2] == (
        400, 'MissingProductVersionId')
    assert code_of(client, 'UpdateProvisionedProduct', dict(base, PortfolioId=DATA))[:2] == (400, 'InvalidParameter.PortfolioId')
    # the demo RDS instance is in Error; its product needs an approval for updates: only a plan can change it
    rds = {'ProvisionedProductId': 'pp-bp1c35162d0e02', 'ProductId': RDS, 'ProductVersionId': 'pv-bp19udk22va004'}
    assert code_of(client, 'UpdateProvisionedProduct', rds)[:2] == (400, 'InvalidOperation.ApprovalRequired')


# -- terminate ---------------------------------------------------------------------------------------------------------------

def test_terminate_goes_under_change_then_gone(slow, client):
    pp_id = launch(client, 'term-01', **{'Tags.1.Key': 'env', 'Tags.1.Value': 'dev'})
    finish(slow)
    assert client.ok('TerminateProvisionedProduct', body={'ProvisionedProductId': pp_id}).keys() == {'RequestId'}
    going = instance(client, pp_id)
    assert going['Status'] == 'UnderChange'
    terminating = task(client, going['LastTaskId'])
    assert (terminating['TaskType'], terminating['Status'], terminating['TaskTags']) == (
        'TerminateProvisionedProduct', 'InProgress', [{'Key': 'env', 'Value': 'dev'}])
    finish(slow)
    status, error = client.error('GetProvisionedProduct', {'ProvisionedProductId': pp_id})
    assert (status, error['Code']) == (404, 'EntityNotExist.ProvisionedProduct')
    assert client.ok('ListProvisionedProducts', filters(('ProvisionedProductName', 'term-01')))['TotalCount'] == 0
    done = task(client, going['LastTaskId'])  # the tasks stay readable
    assert done['Status'] == 'Succeeded' and done['Log']['TerraformLogs'][-1]['Command'] == 'destroy'
    assert client.ok('ListTasks', {'ProvisionedProductId': pp_id})['TotalCount'] == 2
    assert code_of(client, 'TerminateProvisionedProduct', {'ProvisionedProductId': pp_id})[:2] == (404, 'EntityNotExist.ProvisionedProduct')


def test_demo_instances_can_be_changed_too(slow, client):
    client.ok('UpdateProvisionedProduct', body={'ProvisionedProductId': 'pp-bp1ddg1n2a0e05', 'ProductId': ECS, 'ProductVersionId': ECS_V20})
    finish(slow)
    assert instance(client, 'pp-bp1ddg1n2a0e05')['ProductVersionId'] == ECS_V20
    client.ok('TerminateProvisionedProduct', body={'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'})
    finish(slow)
    assert client.error('GetProvisionedProduct', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'})[0] == 404
    slow.store.reset()  # a reset brings the demo data back and drops what was written
    assert instance(client, 'pp-bp1ddg1n2a0e01')['Status'] == 'Available'
    assert instance(client, 'pp-bp1ddg1n2a0e05')['ProductVersionId'] == ECS_V10


# -- errors --------------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('change, status, code', [
    ({'ProductId': None}, 400, 'MissingProductId'),
    ({'ProductVersionId': None}, 400, 'MissingProductVersionId'),
    ({'ProvisionedProductName': None}, 400, 'MissingProvisionedProductName'),
    ({'StackRegionId': None}, 400, 'MissingStackRegionId'),
    ({'ProvisionedProductName': 'x' * 129}, 400, 'InvalidParameter.ProvisionedProductName'),
    ({'ProductId': 'prod-bp1nosuch00000'}, 404, 'EntityNotExist.Product'),
    ({'ProductVersionId': 'pv-bp1nosuch000000'}, 404, 'EntityNotExist.ProductVersion'),
    ({'ProductVersionId': 'pv-bp1vpc0001a005'}, 404, 'EntityNotExist.ProductVersion'),  # a version of another product
    ({'PortfolioId': 'port-bp1nosuch0000'}, 404, 'EntityNotExist.Portfolio'),
    ({'PortfolioId': DATA}, 400, 'InvalidParameter.PortfolioId'),
    ({'StackRegionId': 'mars-north-1'}, 400, 'InvalidParameter.StackRegionId'),
    ({'Parameters.1.ParameterKey': 'colour', 'Parameters.1.ParameterValue': 'blue'}, 400, 'InvalidParameter.Parameters'),
    ({'Parameters.1.ParameterKey': 'zone_id'}, 400, 'InvalidParameter'),
    ({'Parameters.1.ParameterValue': 'x'}, 400, 'InvalidParameter'),
    ({'Parameters.0.ParameterKey': 'zone_id', 'Parameters.0.ParameterValue': 'x'}, 400, 'InvalidParameter'),
    ({'Parameters.1.Name': 'zone_id'}, 400, 'InvalidParameter'),
    ({'Parameters.1.ParameterKey': 'zone_id', 'Parameters.1.ParameterValue': 'a', 'Parameters.2.ParameterKey': 'zone_id',
      'Parameters.2.ParameterValue': 'b'}, 400, 'InvalidParameter'),
    ({'Tags.1.Value': 'x'}, 400, 'InvalidParameter.Tags'),
    ({'Tags.1.Key': 'acs:env', 'Tags.1.Value': 'x'}, 400, 'InvalidParameter.Tags'),
    ({'Tags.1.Key': 'aliyun-env', 'Tags.1.Value': 'x'}, 400, 'InvalidParameter.Tags'),
    ({'Tags.1.Key': 'env', 'Tags.1.Value': 'see https://example.com'}, 400, 'InvalidParameter.Tags'),
    ({'Tags.1.Key': 'k' * 129, 'Tags.1.Value': 'x'}, 400, 'InvalidParameter.Tags'),
    ({'Tags.21.Key': 'too-many', **{f'Tags.{n}.Key': f'k{n}' for n in range(1, 21)}}, 400, 'InvalidParameter'),
])
def test_launch_errors(slow, client, change, status, code):
    assert code_of(client, 'LaunchProduct', changed(launch_body('bad'), change))[:2] == (status, code)
    assert client.ok('ListProvisionedProducts', filters(('ProvisionedProductName', 'bad')))['TotalCount'] == 0  # nothing written


def test_launch_errors_of_the_catalog(slow, client, alice):
    status, code, message = code_of(client, 'LaunchProduct', launch_body('net', product=VPC, version='pv-bp1vpc0001a005'))
    assert (status, code) == (400, 'MissingPortfolioId') and COMPUTE in message and SHARED in message  # no default launch option
    client.ok('LaunchProduct', body=launch_body('net', product=VPC, version='pv-bp1vpc0001a005', PortfolioId=COMPUTE))
    in_shared = launch_body('net', product=VPC, version='pv-bp1vpc0001a005', PortfolioId=SHARED, StackRegionId='ap-southeast-1')
    status, code, message = code_of(client, 'LaunchProduct', in_shared)
    assert (status, code) == (400, 'InvalidParameter.StackRegionId') and 'cn-beijing' in message  # the region constraint
    assert code_of(client, 'LaunchProduct', launch_body('db', product=RDS, version='pv-bp19udk22va009'))[:2] == (
        400, 'InvalidStatus.ProductVersion')  # an inactive version
    status, code, message = code_of(client, 'LaunchProduct', launch_body('db', product=RDS, version='pv-bp19udk22va003'))
    assert (status, code) == (400, 'InvalidOperation.ApprovalRequired') and 'CreateProvisionedProductPlan' in message
    assert code_of(alice, 'LaunchProduct', launch_body('bucket', product=OSS, version='pv-bp1oss0001a007'))[:2] == (403, 'NoPermission')
    number = launch_body('fleet', product=FAILING, version='pv-bp1fail0001a016',
                         **{'Parameters.1.ParameterKey': 'instance_count', 'Parameters.1.ParameterValue': 'many'})
    assert code_of(client, 'LaunchProduct', number)[:2] == (400, 'InvalidParameter.Parameters')


def test_a_template_parameter_without_default_must_be_given(slow, client):
    requests.post(f'{slow.url}/_emulator/seed', timeout=10, json={'products': [{
        'ProductId': 'prod-bp1nodefault001', 'PortfolioIds': [COMPUTE], 'Versions': [{
            'ProductVersionId': 'pv-bp1nodefault001', 'Template': {'Parameters': {'name': {'Type': 'String'}}}}]}]}).raise_for_status()
    body = launch_body('nd', product='prod-bp1nodefault001', version='pv-bp1nodefault001')
    status, code, message = code_of(client, 'LaunchProduct', body)
    assert (status, code) == (400, 'InvalidParameter.Parameters') and 'name' in message
    body.update({'Parameters.1.ParameterKey': 'name', 'Parameters.1.ParameterValue': ''})  # an empty value is a value
    client.ok('LaunchProduct', body=body)


def test_writes_are_signed_like_reads(slow, client):
    response = client.call('LaunchProduct', body=launch_body('unsigned'), secret='wrong-secret')
    assert (response.status_code, response.json()['Code']) == (400, 'SignatureDoesNotMatch')
    response = client.call('LaunchProduct', body=launch_body('tampered'), send_body=b'ProductId=prod-bp18r7q127a001')
    assert (response.status_code, response.json()['Code']) == (400, 'SignatureDoesNotMatch')
    assert client.ok('ListProvisionedProducts', filters(('FullTextSearch', 'unsigned')))['TotalCount'] == 0
    v1 = client.call_v1('LaunchProduct', launch_body('v1-signed'), in_body=True)
    assert v1.status_code == 200, v1.text


# -- provisioning time, faults, dropped answers --------------------------------------------------------------------------

def test_provisioning_control(slow, client):
    assert control(slow).json() == {'ok': True, 'seconds': 5.0, 'pending': {'tasks': 0, 'plans': 0}}
    launch(client, 'ctl-01')
    assert control(slow).json()['pending'] == {'tasks': 1, 'plans': 0}
    for bad in ({'seconds': -1}, {'seconds': 'fast'}, {'advance': True}, {'finish': 'yes'}, {'speed': 2}):
        response = control(slow, bad)
        assert response.status_code == 400 and response.json()['ok'] is False
    assert control(slow, {'seconds': 0}).json()['seconds'] == 0.0
    pp_id = launch(client, 'ctl-02')
    assert instance(client, pp_id)['Status'] == 'Available'  # provisioning time 0: settled at once


def test_a_fault_before_execution_changes_nothing(slow, client):
    requests.post(f'{slow.url}/_emulator/faults', json={'rate': 1, 'kinds': ['internal']}, timeout=10).raise_for_status()
    try:
        assert client.call('LaunchProduct', body=launch_body('faulted')).status_code == 500
    finally:
        requests.post(f'{slow.url}/_emulator/faults', json={'rate': 0, 'kinds': ['internal', 'unavailable', 'throttling', 'close', 'slow']},
                      timeout=10).raise_for_status()
    assert client.ok('ListProvisionedProducts', filters(('ProvisionedProductName', 'faulted')))['TotalCount'] == 0


def test_a_dropped_answer_still_launched_exactly_once(slow, client):
    state = requests.post(f'{slow.url}/_emulator/drop', json={'action': 'LaunchProduct'}, timeout=10).json()
    assert state == {'ok': True, 'rules': [{'action': 'LaunchProduct', 'count': 1, 'kind': 'close'}], 'dropped': 0}
    client.ok('GetProvisionedProduct', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'})  # other actions are answered
    with pytest.raises(requests.exceptions.ConnectionError):
        client.call('LaunchProduct', body=launch_body('dropped-01'))
    entry = slow.server.request_log.entries()[-1]
    assert (entry['action'], entry['fault'], entry['status']) == ('LaunchProduct', 'dropped-after', None)
    listed = client.ok('ListProvisionedProducts', filters(('ProvisionedProductName', 'dropped-01')))
    assert listed['TotalCount'] == 1  # it was executed
    assert requests.get(f'{slow.url}/_emulator/drop', timeout=10).json() == {'ok': True, 'rules': [], 'dropped': 1}
    launch(client, 'dropped-02')  # the next one is answered


@pytest.mark.parametrize('kind, status, code', [('unavailable', 503, 'ServiceUnavailable'), ('internal', 500, 'InternalError')])
def test_a_5xx_after_execution(slow, client, kind, status, code):
    requests.post(f'{slow.url}/_emulator/drop', json={'action': '*', 'kind': kind}, timeout=10).raise_for_status()
    response = client.call('LaunchProduct', body=launch_body(f'after-{status}'))
    assert (response.status_code, response.json()['Code']) == (status, code)
    assert slow.server.request_log.entries()[-1]['fault'] == f'{kind}-after'
    listed = client.ok('ListProvisionedProducts', filters(('ProvisionedProductName', f'after-{status}')))
    assert listed['TotalCount'] == 1  # executed all the same; the rule was used up, so this listing is answered


def test_drop_control_errors(slow):
    for bad in ({}, {'action': ''}, {'action': 'LaunchProduct', 'count': 0}, {'action': 'LaunchProduct', 'kind': 'slow'}, {'when': 'now'},
                {'clear': 'yes'}):
        response = requests.post(f'{slow.url}/_emulator/drop', json=bad, timeout=10)
        assert response.status_code == 400 and response.json()['ok'] is False, bad
    assert requests.post(f'{slow.url}/_emulator/drop', json={'clear': True}, timeout=10).json()['rules'] == []


def test_write_requests_are_logged_without_secrets(slow, client):
    launch(client, 'logged')
    entry = slow.server.request_log.entries()[-1]
    assert (entry['action'], entry['declared_method'], entry['declared_params_in'], entry['access_key_id']) == (
        'LaunchProduct', 'POST', 'form', DEMO_KEY_ID)
    assert entry['params']['ProvisionedProductName'] == 'logged'
