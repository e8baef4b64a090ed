"""Control endpoint tests: health, seed, reset, log, loopback only; settle-after timers; latency."""
from __future__ import annotations

import json
import time

import pytest
import requests

from emu_support import DEMO_KEY_ID, DEMO_SECRET, SECRETS_AND_TOKENS
from emu_client import Client
from sc_emulator import server as server_module
from sc_emulator.data import DataError
from sc_emulator.model import DEFAULT_PRINCIPALS, iso
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store

PP_NEW = 'pp-bp1settle00t001'


def _post(emulator, path, body=None):
    return requests.post(f'{emulator.url}/_emulator/{path}', data=json.dumps({} if body is None else body), timeout=10)


def test_health(emulator):
    response = requests.get(f'{emulator.url}/_emulator/health', timeout=10)
    assert (response.status_code, response.json()) == (200, {'ok': True})


def test_unknown_and_wrong_method(emulator):
    assert requests.get(f'{emulator.url}/_emulator/nothing', timeout=10).status_code == 404
    assert requests.get(f'{emulator.url}/_emulator/seed', timeout=10).status_code == 405
    assert requests.post(f'{emulator.url}/_emulator/health', timeout=10).status_code == 405


def test_control_refused_to_non_loopback(emulator, monkeypatch):
    monkeypatch.setattr(server_module, 'is_loopback', lambda address: False)
    response = requests.get(f'{emulator.url}/_emulator/health', timeout=10)
    assert response.status_code == 403
    assert _post(emulator, 'reset').status_code == 403


def test_is_loopback():
    assert server_module.is_loopback('127.0.0.1') and server_module.is_loopback('127.8.0.2') and server_module.is_loopback('::1')
    assert server_module.is_loopback('::ffff:127.0.0.1')
    assert not server_module.is_loopback('10.0.0.1') and not server_module.is_loopback('192.168.1.5') and not server_module.is_loopback('junk')


def test_seed_and_reset(emulator, client):
    seed = {'provisioned_products': [{'ProvisionedProductId': PP_NEW, 'ProvisionedProductName': 'seeded-one', 'ProductId': 'prod-bp18r7q127a001',
                                      'ProductName': 'DEMO-ECS instance', 'CreateTime': '2025-01-01T00:00:00Z'}],
            'tasks': [{'TaskId': 'task-bp1seeded0t001', 'ProvisionedProductId': PP_NEW, 'CreateTime': '2025-01-01T00:00:00Z',
                       'Outputs': [{'OutputKey': 'Mixed_Case', 'OutputValue': 'v'}]}],
            'plans': [{'PlanId': 'plan-bp1seeded0p001', 'ProvisionedProductId': PP_NEW, 'Status': 'PreviewSuccess'}]}
    response = _post(emulator, 'seed', seed)
    assert response.status_code == 200, response.text
    assert response.json()['seeded'] == {
        'provisioned_products': 1, 'tasks': 1, 'plans': 1, 'products': 0, 'principals': 0, 'portfolios': 0, 'constraints': 0,
        'tag_options': 0}
    assert response.json()['totals']['provisioned_products'] == 6
    item = client.ok('GetProvisionedProduct', {'ProvisionedProductId': PP_NEW})['ProvisionedProductDetail']
    assert (item['Status'], item['LastTaskId'], item['OwnerPrincipalId']) == ('Available', 'task-bp1seeded0t001', '240000000000000001')
    task = client.ok('GetTask', body={'TaskId': 'task-bp1seeded0t001'})['TaskDetail']
    assert (task['ProductName'], task['ProvisionedProductName']) == ('DEMO-ECS instance', 'seeded-one')  # filled from the instance
    assert task['Outputs'] == [{'OutputKey': 'Mixed_Case', 'OutputValue': 'v', 'Description': ''}]
    plan = client.ok('ListProvisionedProductPlans', {'ProvisionedProductId': PP_NEW})['PlanDetails'][0]
    assert (plan['ProductName'], plan['ProvisionedProductName'], plan['OwnerPrincipalName']) == ('DEMO-ECS instance', 'seeded-one', 'demo-user')
    assert client.ok('ListProvisionedProducts')['TotalCount'] == 4
    # replace an item
    assert _post(emulator, 'seed', {'provisioned_products': [{'ProvisionedProductId': PP_NEW, 'ProvisionedProductName': 'renamed',
                                                              'OwnerPrincipalId': '240000000000000002'}]}).status_code == 200
    assert client.ok('ListProvisionedProducts')['TotalCount'] == 3
    assert client.ok('GetProvisionedProduct', {'ProvisionedProductId': PP_NEW})['ProvisionedProductDetail']['ProvisionedProductName'] == 'renamed'
    response = _post(emulator, 'reset')
    assert response.status_code == 200 and response.json()['totals']['provisioned_products'] == 5
    assert client.error('GetProvisionedProduct', {'ProvisionedProductId': PP_NEW})[0] == 404


@pytest.mark.parametrize('body, words', [
    ({'tasks': [{'TaskId': 't'}]}, 'tasks[0].ProvisionedProductId'),
    ({'tasks': [{'TaskId': 't', 'ProvisionedProductId': 'p', 'Status': 'Done'}]}, 'tasks[0].Status'),
    ({'plans': [{'PlanId': 'p', 'Status': 'Approved'}]}, 'plans[0].Status'),
    ({'plans': [{'PlanId': 'p', 'CreateTime': 'yesterday'}]}, 'plans[0].CreateTime'),
    ({'provisioned_products': {}}, 'provisioned_products'),
    ({'instances': []}, 'unknown dataset keys'),
    ({'tasks': [{'TaskId': 't', 'ProvisionedProductId': 'p', '_SettleAfterSeconds': -1}]}, '_SettleAfterSeconds'),
    ({'tasks': [{'TaskId': 't', 'ProvisionedProductId': 'p', '_SettleAfterSeconds': 1, '_SettleStatus': 'InProgress'}]}, '_SettleStatus'),
    ({'principals': {'1': {'PrincipalType': 'RamUser'}}}, 'PrincipalName'),
    ([], 'JSON object'),
])
def test_seed_errors(emulator, body, words):
    response = _post(emulator, 'seed', body)
    assert response.status_code == 400
    assert words in response.json()['error']


def test_seed_invalid_json(emulator):
    response = requests.post(f'{emulator.url}/_emulator/seed', data=b'{not json', timeout=10)
    assert response.status_code == 400 and response.json()['ok'] is False


def test_log_endpoint(emulator, client):
    client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'})
    client.call('GetTask', body={'TaskId': 'task-nope'})
    Client(emulator.url, DEMO_KEY_ID, 'bad').call('ListTasks', {'ProvisionedProductId': 'x'})
    response = requests.get(f'{emulator.url}/_emulator/log', timeout=10)
    entries = response.json()
    assert [(e['action'], e['status'], e['code']) for e in entries] == [
        ('ListTasks', 200, None), ('GetTask', 404, 'EntityNotExist.Task'), ('ListTasks', 400, 'SignatureDoesNotMatch')]
    assert all(e['access_key_id'] == DEMO_KEY_ID for e in entries)
    assert entries[1]['params'] == {'TaskId': 'task-nope'}
    for value in SECRETS_AND_TOKENS + ['bad']:
        assert f'"{value}"' not in response.text
    assert _post(emulator, 'log/clear').status_code == 200
    assert requests.get(f'{emulator.url}/_emulator/log', timeout=10).json() == []


def _settle_seed(after, status='Succeeded', task_type='UpdateProvisionedProduct'):
    return {'provisioned_products': [{'ProvisionedProductId': PP_NEW, 'ProvisionedProductName': 'settling', 'ProductId': 'prod-bp18r7q127a001',
                                      'ProductName': 'DEMO-ECS instance', 'CreateTime': '2025-01-01T00:00:00Z'}],
            'tasks': [{'TaskId': 'task-bp1settle0t001', 'ProvisionedProductId': PP_NEW, 'TaskType': 'LaunchProduct',
                       'ProductVersionId': 'pv-bp15e79d26a001', 'ProductVersionName': '1.0', 'CreateTime': '2025-01-01T00:00:00Z'},
                      {'TaskId': 'task-bp1settle0t002', 'ProvisionedProductId': PP_NEW, 'TaskType': task_type, 'Status': 'Succeeded',
                       'ProductVersionId': 'pv-bp15e79d26a002', 'ProductVersionName': '1.1',
                       'Outputs': [{'OutputKey': 'PublicIP', 'OutputValue': '47.98.1.2', 'Description': 'ip'}],
                       'Log': {'TerraformLogs': [{'Command': 'plan', 'Stream': 'stdout', 'Content': 'Plan: 1 to change.'},
                                                 {'Command': 'apply', 'Stream': 'stdout', 'Content': 'Apply complete!'}]},
                       '_SettleAfterSeconds': after, '_SettleStatus': status}]}


class _Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


def test_settle_after_with_a_controlled_clock():
    clock = _Clock()
    store = Store({}, clock=clock)
    store.seed(_settle_seed(30))
    caller = DEFAULT_PRINCIPALS[0]
    task = store.get_task('task-bp1settle0t002')
    assert (task['Status'], task['Outputs'], task['UpdateTime']) == ('InProgress', [], task['CreateTime'])
    assert [log['Command'] for log in task['Log']['TerraformLogs']] == ['plan']
    instance = store.get_instance(PP_NEW)
    assert (instance['Status'], instance['LastTaskId'], instance['LastSuccessfulProvisioningTaskId']) == (
        'UnderChange', 'task-bp1settle0t002', 'task-bp1settle0t001')
    assert instance['ProductVersionName'] == '1.0'
    clock.now += 30
    task = store.get_task('task-bp1settle0t002')
    assert (task['Status'], task['Outputs'][0]['OutputKey'], task['UpdateTime']) == ('Succeeded', 'PublicIP', iso(clock.now))
    instance = store.get_instance(PP_NEW)
    assert (instance['Status'], instance['LastSuccessfulProvisioningTaskId'], instance['ProductVersionName']) == (
        'Available', 'task-bp1settle0t002', '1.1')
    assert store.list_instances(caller, 'User', [], [], True, 1, 10)[1][0]['Status'] == 'Available'


def test_settle_to_failed_and_terminated():
    clock = _Clock()
    store = Store({}, clock=clock)
    store.seed(_settle_seed(5, 'Failed'))
    clock.now += 5
    task = store.get_task('task-bp1settle0t002')
    assert task['Status'] == 'Failed' and task['StatusMessage']
    instance = store.get_instance(PP_NEW)
    assert (instance['Status'], instance['StatusMessage'], instance['LastSuccessfulProvisioningTaskId']) == (
        'Error', task['StatusMessage'], 'task-bp1settle0t001')
    store.seed(_settle_seed(5, 'Succeeded', 'TerminateProvisionedProduct'))
    caller = DEFAULT_PRINCIPALS[0]
    assert store.get_instance(PP_NEW)['Status'] == 'UnderChange'
    assert store.list_instances(caller, 'User', [], [], True, 1, 10)[0] == 1
    clock.now += 5
    assert store.get_instance(PP_NEW) is None  # terminated: gone from Get and List, its tasks stay readable
    assert store.list_instances(caller, 'User', [], [], True, 1, 10)[0] == 0
    assert store.get_task('task-bp1settle0t002')['Status'] == 'Succeeded'
    assert store.list_tasks(PP_NEW, True, 1, 10)[0] == 2


def test_settle_after_over_http(emulator, client):
    assert _post(emulator, 'seed', _settle_seed(1)).status_code == 200
    assert client.ok('GetTask', body={'TaskId': 'task-bp1settle0t002'})['TaskDetail']['Status'] == 'InProgress'
    assert client.ok('GetProvisionedProduct', {'ProvisionedProductId': PP_NEW})['ProvisionedProductDetail']['Status'] == 'UnderChange'
    time.sleep(1.2)
    assert client.ok('GetTask', body={'TaskId': 'task-bp1settle0t002'})['TaskDetail']['Status'] == 'Succeeded'
    item = client.ok('GetProvisionedProduct', {'ProvisionedProductId': PP_NEW})['ProvisionedProductDetail']
    assert (item['Status'], item['LastSuccessfulProvisioningTaskId']) == ('Available', 'task-bp1settle0t002')
    # reset restarts the start dataset (the seeded item is gone)
    _post(emulator, 'reset')
    assert client.error('GetTask', body={'TaskId': 'task-bp1settle0t002'})[0] == 404


def test_settle_timer_of_start_dataset_restarts_on_reset():
    clock = _Clock()
    store = Store(_settle_seed(10), clock=clock)
    clock.now += 10
    assert store.get_task('task-bp1settle0t002')['Status'] == 'Succeeded'
    store.reset()
    assert store.get_task('task-bp1settle0t002')['Status'] == 'InProgress'


def test_data_error_at_start():
    with pytest.raises(DataError):
        Store({'tasks': [{'TaskId': 'x'}]})


def test_latency():
    running = start_in_thread(latency_ms=300)
    try:
        started = time.monotonic()
        response = Client(running.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'})
        assert response.status_code == 200
        assert time.monotonic() - started >= 0.3
    finally:
        running.stop()
