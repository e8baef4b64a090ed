"""RAM deny rules (403 NoPermission) and canned raw answers: shapes, order of checks, filters, control endpoints, serve.py --deny."""
from __future__ import annotations

import base64
import json
import subprocess
import sys
import uuid

import pytest
import requests

from emu_client import Client
from emu_support import ALICE_KEY, DEMO_KEY_ID, DEMO_SECRET, TEST_KEYS, demo_dataset
from sc_emulator.ram import DENY_MESSAGE, DenyRules, parse_spec
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store
from sc_emulator.sts import DEFAULT_ROLE_ARN, role_id
from test_emu_cli import SERVE, Served

PP = 'pp-bp1ddg1n2a0e01'
TASK = 'task-bp1dmg242c0a01'
PLAN = 'plan-bp18mmdh2u0f01'
DETAIL_KEYS = ['PolicyType', 'AuthPrincipalOwnerId', 'EncodedDiagnosticMessage', 'AuthPrincipalType', 'AuthPrincipalDisplayName',
               'NoPermissionType', 'AuthAction']
# one valid call of each operation (parameters as the client sends them)
CALLS = {'ListTasks': ({'ProvisionedProductId': PP}, None), 'GetTask': (None, {'TaskId': TASK}),
         'ListProvisionedProducts': (None, None), 'GetProvisionedProduct': ({'ProvisionedProductId': PP}, None),
         'ListProvisionedProductPlans': (None, None), 'GetProvisionedProductPlan': (None, {'PlanId': PLAN})}


@pytest.fixture(scope='module')
def server():
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS)
    yield running
    running.stop()


@pytest.fixture
def emu(server):
    """The module's emulator with no deny rule, no queued answer, the demo data and an empty log."""
    server.store.reset()
    server.server.request_log.clear()
    _post(server, 'deny', clear=True)
    _post(server, 'respond', clear=True)
    yield server
    _post(server, 'deny', clear=True)
    _post(server, 'respond', clear=True)


@pytest.fixture
def demo(emu):
    return Client(emu.url, DEMO_KEY_ID, DEMO_SECRET)


def _post(running, endpoint: str, expect: int = 200, **body) -> dict:
    response = requests.post(f'{running.url}/_emulator/{endpoint}', json=body, timeout=10)
    assert response.status_code == expect, response.text
    return response.json()


def _get(running, endpoint: str):
    response = requests.get(f'{running.url}/_emulator/{endpoint}', timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _call(client: Client, action: str, **kwargs) -> requests.Response:
    query, body = CALLS[action]
    return client.call(action, query, body, **kwargs)


def _log(running) -> list[dict]:
    return _get(running, 'log')


# -- deny --------------------------------------------------------------------------------------------------------------

def test_denied_call_answers_ram_no_permission(emu, demo):
    state = _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['ListTasks'])
    assert state == {'ok': True, 'rules': [{'access_key_id': DEMO_KEY_ID, 'actions': ['ListTasks']}], 'denied': 0}
    response = _call(demo, 'ListTasks')
    doc = response.json()
    assert response.status_code == 403
    assert list(doc) == ['Code', 'Message', 'RequestId', 'HostId', 'Recommend', 'AccessDeniedDetail']
    assert (doc['Code'], doc['Message'], doc['HostId']) == ('NoPermission', DENY_MESSAGE, 'servicecatalog.cn-hangzhou.aliyuncs.com')
    assert response.headers['x-acs-request-id'] == doc['RequestId']
    assert doc['Recommend'] == f'https://api.aliyun.com/troubleshoot?q=NoPermission&product=servicecatalog&requestId={doc["RequestId"]}'
    detail = doc['AccessDeniedDetail']
    assert list(detail) == DETAIL_KEYS
    assert detail['PolicyType'] == 'AccountLevelIdentityBasedPolicy'
    assert (detail['AuthPrincipalOwnerId'], detail['AuthPrincipalType'], detail['AuthPrincipalDisplayName']) == (
        '1466115886170001', 'SubUser', '240000000000000001')
    assert (detail['NoPermissionType'], detail['AuthAction']) == ('ImplicitDeny', 'servicecatalog:ListTasks')
    assert detail['EncodedDiagnosticMessage'].startswith('AQEAAAAA') and base64.b64decode(detail['EncodedDiagnosticMessage'])
    assert DEMO_SECRET not in response.text
    entry = _log(emu)[-1]
    assert (entry['action'], entry['status'], entry['code'], entry['style'], entry['fault']) == ('ListTasks', 403, 'NoPermission', 'V3', None)
    assert _get(emu, 'deny')['denied'] == 1


def test_only_the_listed_actions_of_the_listed_key(emu, demo):
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['GetTask', 'ListProvisionedProducts'])
    statuses = {action: _call(demo, action).status_code for action in CALLS}
    assert statuses == {'ListTasks': 200, 'GetTask': 403, 'ListProvisionedProducts': 403, 'GetProvisionedProduct': 200,
                        'ListProvisionedProductPlans': 200, 'GetProvisionedProductPlan': 200}
    alice = Client(emu.url, ALICE_KEY.access_key_id, ALICE_KEY.secret)
    assert all(_call(alice, action).status_code == 200 for action in CALLS)
    assert demo.call_v1('GetTask', {'TaskId': TASK}).status_code == 403  # V1 signatures too


@pytest.mark.parametrize('actions, denied', [
    (['*'], set(CALLS)),
    (['List*'], {'ListTasks', 'ListProvisionedProducts', 'ListProvisionedProductPlans'}),
    (['servicecatalog:GetTask', 'getprovisionedproduct'], {'GetTask', 'GetProvisionedProduct'}),
    ('GetProvisionedProductPlan,ListTasks', {'GetProvisionedProductPlan', 'ListTasks'}),
    (['Get*Plan'], {'GetProvisionedProductPlan'}),
])
def test_action_patterns(emu, demo, actions, denied):
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=actions)
    assert {action for action in CALLS if _call(demo, action).status_code == 403} == denied


def test_signature_errors_come_first_then_version_and_action(emu, demo):
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['*'])
    assert _call(demo, 'ListTasks', secret='wrong').json()['Code'] == 'SignatureDoesNotMatch'
    assert _call(demo, 'ListTasks', authorization='Bearer nothing').json()['Code'] == 'IncompleteSignature'
    assert _call(demo, 'ListTasks', date='2001-01-01T00:00:00Z').json()['Code'] == 'InvalidTimeStamp.Expired'
    assert demo.call('DeleteEverything').json()['Code'] == 'InvalidAction.NotFound'
    assert demo.call('ListTasks', version='2099-01-01').json()['Code'] == 'InvalidVersion'
    # authorised before the parameters are checked
    assert demo.call('ListTasks').json()['Code'] == 'NoPermission'
    assert demo.call('GetTask', body={'TaskId': 'task-nope'}).json()['Code'] == 'NoPermission'
    # a denied request was correctly signed: its nonce is used up
    nonce = uuid.uuid4().hex
    assert _call(demo, 'ListTasks', nonce=nonce).status_code == 403
    assert _call(demo, 'ListTasks', nonce=nonce).json()['Code'] == 'SignatureNonceUsed'
    codes = [entry['code'] for entry in _log(emu)]
    assert codes == ['SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidTimeStamp.Expired', 'InvalidAction.NotFound', 'InvalidVersion',
                     'NoPermission', 'NoPermission', 'NoPermission', 'SignatureNonceUsed']


def test_sts_is_never_denied_and_issued_keys_show_their_role_session(emu, demo):
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['*'])
    issued = demo.assume_role(DEFAULT_ROLE_ARN, 'ci-run-7').json()
    assert 'Credentials' in issued
    creds = issued['Credentials']
    role_client = Client(emu.url, creds['AccessKeyId'], creds['AccessKeySecret'], creds['SecurityToken'])
    assert _call(role_client, 'ListTasks').status_code == 200  # rules are per access key
    _post(emu, 'deny', access_key_id=creds['AccessKeyId'], actions=['ListTasks'])
    doc = _call(role_client, 'ListTasks').json()
    detail = doc['AccessDeniedDetail']
    assert (doc['Code'], detail['AuthPrincipalType']) == ('NoPermission', 'AssumedRoleUser')
    assert detail['AuthPrincipalDisplayName'] == f'{role_id("1466115886170001", "servicecatalog-reader")}:ci-run-7'
    assert creds['SecurityToken'] not in json.dumps(doc) and creds['AccessKeySecret'] not in json.dumps(doc)


def test_alice_is_her_own_principal(emu):
    _post(emu, 'deny', access_key_id=ALICE_KEY.access_key_id, actions=['ListProvisionedProducts'])
    alice = Client(emu.url, ALICE_KEY.access_key_id, ALICE_KEY.secret)
    detail = _call(alice, 'ListProvisionedProducts').json()['AccessDeniedDetail']
    assert (detail['AuthPrincipalDisplayName'], detail['AuthPrincipalType'], detail['AuthAction']) == (
        '240000000000000002', 'SubUser', 'servicecatalog:ListProvisionedProducts')


def test_rules_add_replace_and_clear(emu, demo):
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['ListTasks'])
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['GetTask', 'listtasks'])
    state = _post(emu, 'deny', access_key_id=ALICE_KEY.access_key_id, actions=['*'])
    assert state['rules'] == [{'access_key_id': ALICE_KEY.access_key_id, 'actions': ['*']},
                              {'access_key_id': DEMO_KEY_ID, 'actions': ['ListTasks', 'GetTask']}]
    assert _get(emu, 'deny')['rules'] == state['rules']
    state = _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['GetProvisionedProduct'], clear=True)  # replaces that key's rule
    assert state['rules'][1] == {'access_key_id': DEMO_KEY_ID, 'actions': ['GetProvisionedProduct']}
    assert _call(demo, 'ListTasks').status_code == 200 and _call(demo, 'GetProvisionedProduct').status_code == 403
    assert _post(emu, 'deny', access_key_id=ALICE_KEY.access_key_id, clear=True)['rules'] == [state['rules'][1]]
    assert _post(emu, 'deny', clear=True)['rules'] == []
    assert all(_call(demo, action).status_code == 200 for action in CALLS)
    _post(emu, 'log/clear')
    assert _post(emu, 'reset')['ok'] is True  # a reset keeps the rules, like faults
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['ListTasks'])
    _post(emu, 'reset')
    assert _call(demo, 'ListTasks').status_code == 403


@pytest.mark.parametrize('body, words', [
    ({'access_key_id': DEMO_KEY_ID}, 'needs actions'),
    ({'actions': ['ListTasks']}, 'needs access_key_id'),
    ({'access_key_id': DEMO_KEY_ID, 'actions': []}, 'at least one action'),
    ({'access_key_id': DEMO_KEY_ID, 'actions': ['List Tasks']}, 'is not an action'),
    ({'access_key_id': DEMO_KEY_ID, 'actions': [3]}, 'is a string'),
    ({'access_key_id': DEMO_KEY_ID, 'actions': {'ListTasks': True}}, 'is a list'),
    ({'access_key_id': 'bad key!', 'actions': ['*']}, 'access key ID'),
    ({'access_key_id': DEMO_KEY_ID, 'actions': ['*'], 'effect': 'Deny'}, 'unknown deny settings: effect'),
    ({'clear': 'yes'}, 'clear is true or false'),
    ({}, 'clear: true'),
])
def test_bad_deny_settings_change_nothing(emu, body, words):
    _post(emu, 'deny', access_key_id=DEMO_KEY_ID, actions=['GetTask'])
    response = requests.post(f'{emu.url}/_emulator/deny', json=body, timeout=10)
    assert response.status_code == 400 and response.json()['ok'] is False
    assert words in response.json()['error']
    assert _get(emu, 'deny')['rules'] == [{'access_key_id': DEMO_KEY_ID, 'actions': ['GetTask']}]


def test_deny_rules_in_code():
    assert parse_spec('AK1:ListTasks,servicecatalog:GetTask') == ('AK1', ('ListTasks', 'GetTask'))
    with pytest.raises(ValueError):
        parse_spec('AK1')
    with pytest.raises(ValueError):
        parse_spec('AK1:')
    rules = DenyRules({'AK1': ['List*']})
    assert rules.matches('AK1', 'ListTasks') and not rules.matches('AK1', 'GetTask') and not rules.matches('AK2', 'ListTasks')
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS,
                              deny=[f'{DEMO_KEY_ID}:GetTask', (ALICE_KEY.access_key_id, ['ListTasks'])])
    try:
        assert _call(Client(running.url, DEMO_KEY_ID, DEMO_SECRET), 'GetTask').status_code == 403
        assert _call(Client(running.url, ALICE_KEY.access_key_id, ALICE_KEY.secret), 'ListTasks').status_code == 403
        assert _call(Client(running.url, DEMO_KEY_ID, DEMO_SECRET), 'ListTasks').status_code == 200
    finally:
        running.stop()


def test_deny_flag():
    served = Served('--deny', f'{DEMO_KEY_ID}:ListTasks,GetTask', '--deny', 'LTAI5tOtherKey:*', '--deny', f'{DEMO_KEY_ID}:GetProvisionedProduct')
    try:
        state = requests.get(f'{served.url}/_emulator/deny', timeout=10).json()
        assert state['rules'] == [{'access_key_id': 'LTAI5tOtherKey', 'actions': ['*']},
                                  {'access_key_id': DEMO_KEY_ID, 'actions': ['ListTasks', 'GetTask', 'GetProvisionedProduct']}]
        demo = Client(served.url, DEMO_KEY_ID, DEMO_SECRET)
        assert _call(demo, 'GetTask').json()['Code'] == 'NoPermission'
        assert _call(demo, 'ListProvisionedProducts').status_code == 200
    finally:
        assert served.stop() == 0
    result = subprocess.run([sys.executable, SERVE, '--deny', 'no-colon'], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and 'KEYID:ACTION' in result.stderr
    result = subprocess.run([sys.executable, SERVE, '--help'], capture_output=True, text=True, timeout=30, check=False)
    assert '--deny' in result.stdout


# -- canned answers ----------------------------------------------------------------------------------------------------

def test_answers_are_given_verbatim_in_order_then_normal_service(emu, demo):
    html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>'
    state = _post(emu, 'respond', answers=[
        {'status': 502, 'content_type': 'text/html', 'body': html, 'headers': {'X-Proxy': 'edge-7', 'Retry-After': '1'}},
        {'status': 200, 'content_type': 'text/plain', 'body': 'OK'},
        {'status': 200, 'body': ''},
        {'status': 503, 'content_type': None, 'body': ''},
    ])
    assert (state['ok'], state['queued'], state['answered']) == (True, 4, 0)
    assert state['answers'][0] == {'status': 502, 'content_type': 'text/html', 'bytes': len(html), 'truncated_json': False,
                                   'headers': {'X-Proxy': 'edge-7', 'Retry-After': '1'}, 'actions': None}
    first = _call(demo, 'ListTasks')
    assert (first.status_code, first.headers['Content-Type'], first.text) == (502, 'text/html', html)
    assert (first.headers['X-Proxy'], first.headers['Retry-After']) == ('edge-7', '1')
    assert 'x-acs-request-id' not in first.headers
    second = _call(demo, 'GetTask')
    assert (second.status_code, second.headers['Content-Type'], second.content) == (200, 'text/plain', b'OK')
    third = _call(demo, 'ListProvisionedProducts')
    assert (third.status_code, third.headers['Content-Type'], third.content, third.headers['Content-Length']) == (
        200, 'application/json;charset=utf-8', b'', '0')
    fourth = _call(demo, 'ListTasks')
    assert (fourth.status_code, fourth.content, fourth.headers.get('Content-Type')) == (503, b'', None)
    assert _call(demo, 'ListTasks').status_code == 200  # the queue is empty: normal service, same connection
    assert _get(emu, 'respond') == {'ok': True, 'queued': 0, 'answered': 4, 'answers': []}
    entries = _log(emu)
    assert [(e['action'], e['status'], e['fault'], e['style']) for e in entries] == [
        ('ListTasks', 502, 'canned', None), ('GetTask', 200, 'canned', None), ('ListProvisionedProducts', 200, 'canned', None),
        ('ListTasks', 503, 'canned', None), ('ListTasks', 200, None, 'V3')]


def test_actions_filter(emu, demo):
    _post(emu, 'respond', answers=[{'status': 503, 'body': ''}, {'status': 502, 'body': ''}], actions=['GetTask'])
    _post(emu, 'respond', answers=[{'status': 500, 'body': ''}], actions='List*')
    assert _get(emu, 'respond')['answers'][2]['actions'] == ['List*']
    assert _call(demo, 'GetProvisionedProduct').status_code == 200  # matches no filter
    assert _call(demo, 'ListTasks').status_code == 500  # the first *matching* answer, though queued last
    assert _call(demo, 'ListTasks').status_code == 200
    assert demo.assume_role(DEFAULT_ROLE_ARN).status_code == 200
    assert [_call(demo, 'GetTask').status_code for _n in range(3)] == [503, 502, 200]
    assert _post(emu, 'respond', answers=[{'status': 504, 'body': 'x'}])['answers'][0]['actions'] is None
    assert demo.assume_role(DEFAULT_ROLE_ARN).status_code == 504  # no filter: any API request, STS included


def test_answered_before_verification_so_nothing_changes(emu, demo):
    _post(emu, 'faults', rate=1.0, kinds=['internal'])
    try:
        _post(emu, 'respond', answers=[{'status': 200, 'body': '{"fine": true}'}, {'status': 429, 'body': ''}])
        nonce = uuid.uuid4().hex
        assert _call(demo, 'ListTasks', nonce=nonce).json() == {'fine': True}  # not faulted either
        assert _call(demo, 'ListTasks', secret='wrong').status_code == 429  # a bad signature is never looked at
        assert _get(emu, 'faults')['requests'] == 0
    finally:
        _post(emu, 'faults', rate=0.0)
    assert _call(demo, 'ListTasks', nonce=nonce).status_code == 200  # the nonce was not used
    _post(emu, 'respond', answers=[{'status': 500, 'body': ''}])
    assert requests.get(f'{emu.url}/_emulator/health', timeout=10).json() == {'ok': True}
    assert requests.get(f'{emu.url}/latest/meta-data/ram/security-credentials/', timeout=10).status_code == 401  # metadata as usual
    assert _get(emu, 'respond')['queued'] == 1  # control endpoints and the metadata service never take answers


def test_truncated_json_and_binary_bodies(emu, demo):
    raw = bytes(range(256))
    _post(emu, 'respond', answers=[{'status': 200, 'truncated_json': True},
                                   {'status': 200, 'truncated_json': True, 'content_type': 'application/json'},
                                   {'status': 500, 'content_type': 'application/octet-stream', 'body_base64': base64.b64encode(raw).decode()}])
    first = _call(demo, 'GetTask')
    assert first.status_code == 200 and first.headers['Content-Type'] == 'application/json;charset=utf-8'
    assert first.content.startswith(b'{"RequestId":"') and b'"TaskDetail":{' in first.content
    with pytest.raises(ValueError):
        json.loads(first.content)
    second = _call(demo, 'ListProvisionedProducts')
    assert second.headers['Content-Type'] == 'application/json' and b'"TotalCount":1' in second.content
    with pytest.raises(ValueError):
        json.loads(second.content)
    third = _call(demo, 'ListTasks')
    assert (third.status_code, third.content) == (500, raw)


def test_json_error_answers_are_logged_with_their_code(emu, demo):
    error = {'Code': 'Throttling.User', 'Message': 'Request was denied due to user flow control.', 'RequestId': 'CANNED-1'}
    _post(emu, 'respond', answers=[{'status': 400, 'body': json.dumps(error), 'headers': {'x-acs-retry-after': '50'}}])
    response = _call(demo, 'ListTasks')
    assert (response.status_code, response.json(), response.headers['x-acs-retry-after']) == (400, error, '50')
    assert (_log(emu)[-1]['code'], _log(emu)[-1]['fault']) == ('Throttling.User', 'canned')


def test_connection_close_header(emu, demo):
    _post(emu, 'respond', answers=[{'status': 502, 'body': 'bye', 'headers': {'Connection': 'close'}}])
    response = _call(demo, 'ListTasks')
    assert (response.status_code, response.text, response.headers['Connection']) == (502, 'bye', 'close')
    assert _call(demo, 'ListTasks').status_code == 200  # the client reconnects


def test_clear_and_replace(emu, demo):
    _post(emu, 'respond', answers=[{'status': 500, 'body': ''}] * 3)
    state = _post(emu, 'respond', clear=True, answers=[{'status': 502, 'body': ''}])
    assert (state['queued'], [a['status'] for a in state['answers']]) == (1, [502])
    assert _post(emu, 'respond', clear=True)['queued'] == 0
    assert _call(demo, 'ListTasks').status_code == 200


@pytest.mark.parametrize('body, words', [
    ({'answers': [{'status': 99}]}, 'answers[0].status'),
    ({'answers': [{'status': 600}]}, 'answers[0].status'),
    ({'answers': [{'status': True}]}, 'answers[0].status'),
    ({'answers': [{'status': 200}, {'body': 'a', 'body_base64': 'YQ=='}]}, 'answers[1]: give one of'),
    ({'answers': [{'body': 'a', 'truncated_json': True}]}, 'give one of'),
    ({'answers': [{'body_base64': 'not base64!'}]}, 'body_base64'),
    ({'answers': [{'body': 7}]}, 'answers[0].body'),
    ({'answers': [{'headers': {'Content-Length': '5'}}]}, 'cannot be set'),
    ({'answers': [{'headers': {'Content-Type': 'text/html'}}]}, 'use content_type'),
    ({'answers': [{'headers': {'X-A': 'one\r\nX-B: two'}}]}, 'one-line'),
    ({'answers': [{'headers': ['X-A']}]}, 'headers'),
    ({'answers': [{'content_type': ''}]}, 'content_type'),
    ({'answers': [{'status': 204, 'body': 'x'}]}, 'has no body'),
    ({'answers': [{'stauts': 502}]}, 'unknown keys stauts'),
    ({'answers': ['502']}, 'JSON object'),
    ({'answers': {'status': 502}}, 'answers is a list'),
    ({'answers': []}, 'non-empty'),
    ({'answers': [{'status': 502}], 'actions': []}, 'at least one action'),
    ({'answers': [{'status': 502}], 'delay': 3}, 'unknown respond settings: delay'),
    ({'clear': 1}, 'clear is true or false'),
])
def test_bad_answers_queue_nothing(emu, body, words):
    _post(emu, 'respond', answers=[{'status': 500}])
    response = requests.post(f'{emu.url}/_emulator/respond', json=body, timeout=10)
    assert response.status_code == 400 and response.json()['ok'] is False
    assert words in response.json()['error']
    assert _get(emu, 'respond')['queued'] == 1


def test_methods_and_bodies_of_the_endpoints(emu):
    response = requests.put(f'{emu.url}/_emulator/deny', timeout=10)
    assert response.status_code == 405 and 'PUT is not allowed on /_emulator/deny' in response.json()['error']
    assert requests.delete(f'{emu.url}/_emulator/respond', timeout=10).status_code == 501
    response = requests.post(f'{emu.url}/_emulator/respond', data=b'[1, 2]', timeout=10)
    assert response.status_code == 400 and 'JSON object' in response.json()['error']
