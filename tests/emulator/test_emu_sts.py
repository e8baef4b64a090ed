"""STS AssumeRole (2015-04-01) on the emulator's port: signatures, parameters, roles, ExternalId, issued keys, expiry, logs."""
from __future__ import annotations

import json
import logging
import re
import threading
import time
from datetime import datetime, timezone

import pytest
import requests

from emu_client import STS_VERSION, Client
from emu_support import ALICE_KEY, DEMO_KEY_ID, DEMO_SECRET, SECRETS_AND_TOKENS, STS_KEY, TEST_KEYS, demo_dataset
from sc_emulator.server import start_in_thread
from sc_emulator.signing import AccessKey, KeyRing
from sc_emulator.store import Store
from sc_emulator.sts import DEFAULT_ROLE_ARN, Role

TIME_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')
EXT_ROLE = 'acs:ram::1466115886170001:role/ext-role'
OPS_ROLE = 'acs:ram::1466115886170001:role/sc-ops-role'
OTHER_ACCOUNT_ROLE = 'acs:ram::1466115886170002:role/auditor'
ROLES = [DEFAULT_ROLE_ARN, f'{EXT_ROLE}#ext-id-0042', OPS_ROLE, OTHER_ACCOUNT_ROLE]


@pytest.fixture(scope='module')
def sts_server():
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS, roles=ROLES)
    yield running
    running.stop()


@pytest.fixture
def sts(sts_server):
    sts_server.store.reset()
    sts_server.server.request_log.clear()
    return sts_server


@pytest.fixture
def demo(sts):
    return Client(sts.url, DEMO_KEY_ID, DEMO_SECRET)


def _epoch(text: str) -> float:
    return datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc).timestamp()


def _assume(client: Client, role_arn: str = DEFAULT_ROLE_ARN, session: str = 'emu-test', **params) -> dict:
    response = client.assume_role(role_arn, session, **params)
    assert response.status_code == 200, response.text
    return response.json()


def _as_client(url: str, doc: dict, **kwargs) -> Client:
    creds = doc['Credentials']
    return Client(url, creds['AccessKeyId'], creds['AccessKeySecret'], creds['SecurityToken'], **kwargs)


def test_answer_shape(sts, demo):
    response = demo.assume_role(DEFAULT_ROLE_ARN, 'deploy@ci.example-01')
    doc = response.json()
    assert response.status_code == 200 and response.headers['x-acs-request-id'] == doc['RequestId']
    assert list(doc) == ['RequestId', 'Credentials', 'AssumedRoleUser']
    creds = doc['Credentials']
    assert list(creds) == ['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration']
    assert re.match(r'^STS\.[A-Za-z0-9]{20,}$', creds['AccessKeyId']) and len(creds['AccessKeySecret']) >= 30
    assert len(creds['SecurityToken']) > 100 and TIME_RE.match(creds['Expiration'])
    assert 3590 <= _epoch(creds['Expiration']) - time.time() <= 3602
    user = doc['AssumedRoleUser']
    assert user['Arn'] == f'{DEFAULT_ROLE_ARN}/deploy@ci.example-01'
    assert re.match(r'^\d{18}:deploy@ci\.example-01$', user['AssumedRoleId'])
    assert _assume(demo, session='another')['AssumedRoleUser']['AssumedRoleId'].split(':')[0] == user['AssumedRoleId'].split(':')[0]
    assert _assume(demo, session='another')['Credentials']['AccessKeyId'] != creds['AccessKeyId']


def test_issued_key_works_for_service_catalog_as_demo_user(sts, demo):
    assumed = _as_client(sts.url, _assume(demo))
    doc = assumed.ok('ListProvisionedProducts')
    assert doc['TotalCount'] == demo.ok('ListProvisionedProducts')['TotalCount'] == 3  # same caller: demo-user
    assert assumed.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}).status_code == 200
    assert assumed.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}, in_body=True).status_code == 200
    # a temporary key needs its token; another key's token is refused
    assert assumed.error('ListProvisionedProducts', token='')[1]['Code'] == 'MissingSecurityToken'
    assert assumed.error('ListProvisionedProducts', token=STS_KEY.security_token)[1]['Code'] == 'InvalidSecurityToken.MismatchWithAccessKey'
    assert assumed.error('ListProvisionedProducts', secret='wrong')[1]['Code'] == 'SignatureDoesNotMatch'


def test_post_form_and_v3_are_accepted(sts, demo):
    query = {'RoleArn': DEFAULT_ROLE_ARN, 'RoleSessionName': 'form-session'}
    form = demo.call_v1('AssumeRole', query, method='POST', in_body=True, version=STS_VERSION)
    assert form.status_code == 200 and form.json()['AssumedRoleUser']['Arn'].endswith('/form-session')
    v3 = demo.call('AssumeRole', {'RoleArn': DEFAULT_ROLE_ARN, 'RoleSessionName': 'v3-session'}, version=STS_VERSION)
    assert v3.status_code == 200 and v3.json()['AssumedRoleUser']['Arn'].endswith('/v3-session')
    v3_body = demo.call('AssumeRole', body={'RoleArn': DEFAULT_ROLE_ARN, 'RoleSessionName': 'v3-body'}, version=STS_VERSION)
    assert v3_body.status_code == 200
    assert [e['style'] for e in sts.server.request_log.entries()] == ['V1', 'V3', 'V3']


def test_callers_with_temporary_keys(sts, demo):
    assert _assume(Client(sts.url, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token))['Credentials']
    chained = _as_client(sts.url, _assume(demo))
    second = _assume(chained, session='chained')
    assert _as_client(sts.url, second).ok('ListProvisionedProducts')['TotalCount'] == 3
    assert _assume(Client(sts.url, ALICE_KEY.access_key_id, ALICE_KEY.secret))['Credentials']


def test_signature_errors_are_sts_documents(sts, demo):
    response = demo.call_v1('AssumeRole', {'RoleArn': DEFAULT_ROLE_ARN, 'RoleSessionName': 'x1'}, method='GET', version=STS_VERSION,
                            secret='wrong')
    doc = response.json()
    assert (response.status_code, doc['Code'], doc['HostId']) == (400, 'SignatureDoesNotMatch', 'sts.aliyuncs.com')
    assert doc['Recommend'].startswith('https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Sts&requestId=')
    unknown = Client(sts.url, 'LTAI5tNobody', 'nothing').assume_role(DEFAULT_ROLE_ARN)
    assert (unknown.status_code, unknown.json()['Code']) == (404, 'InvalidAccessKeyId.NotFound')
    unsigned = requests.get(f'{sts.url}/', params={'Action': 'AssumeRole', 'Version': STS_VERSION, 'RoleArn': DEFAULT_ROLE_ARN}, timeout=10)
    assert (unsigned.status_code, unsigned.json()['Code'], unsigned.json()['HostId']) == (400, 'MissingAuthorization', 'sts.aliyuncs.com')


@pytest.mark.parametrize('params, status, code', [
    ({'RoleArn': None}, 400, 'MissingRoleArn'),
    ({'RoleArn': ''}, 400, 'MissingRoleArn'),
    ({'RoleArn': 'arn:aws:iam::123:role/x'}, 400, 'InvalidParameter.RoleArn'),
    ({'RoleArn': 'acs:ram::1466115886170001:user/bob'}, 400, 'InvalidParameter.RoleArn'),
    ({'RoleArn': 'acs:ram::1466115886170001:role/'}, 400, 'InvalidParameter.RoleArn'),
    ({'RoleArn': 'acs:ram::1466115886170001:role/nobody'}, 404, 'EntityNotExist.Role'),
    ({'RoleArn': 'acs:ram::1466115886179999:role/servicecatalog-reader'}, 404, 'EntityNotExist.Role'),
    ({'RoleSessionName': None}, 400, 'MissingRoleSessionName'),
    ({'RoleSessionName': 'a'}, 400, 'InvalidParameter.RoleSessionName'),
    ({'RoleSessionName': 'with space'}, 400, 'InvalidParameter.RoleSessionName'),
    ({'RoleSessionName': 'star*'}, 400, 'InvalidParameter.RoleSessionName'),
    ({'RoleSessionName': 'x' * 65}, 400, 'InvalidParameter.RoleSessionName'),
    ({'DurationSeconds': '899'}, 400, 'InvalidParameter.DurationSeconds'),
    ({'DurationSeconds': '43201'}, 400, 'InvalidParameter.DurationSeconds'),
    ({'DurationSeconds': 'hour'}, 400, 'InvalidParameter.DurationSeconds'),
    ({'DurationSeconds': '-900'}, 400, 'InvalidParameter.DurationSeconds'),
    ({'Policy': '{not json'}, 400, 'InvalidParameter.PolicyGrammar'),
    ({'Policy': '[1, 2]'}, 400, 'InvalidParameter.PolicyGrammar'),
])
def test_parameter_errors(sts, demo, params, status, code):
    issued = requests.get(f'{sts.url}/_emulator/credentials', timeout=10).json()['sts']['issued']
    query = {'RoleArn': DEFAULT_ROLE_ARN, 'RoleSessionName': 'emu-test', 'DurationSeconds': '3600', **params}
    response = demo.call_v1('AssumeRole', {k: v for k, v in query.items() if v is not None}, method='GET', version=STS_VERSION)
    doc = response.json()
    assert (response.status_code, doc['Code']) == (status, code), doc
    assert doc['HostId'] == 'sts.aliyuncs.com' and doc['Message']
    assert requests.get(f'{sts.url}/_emulator/credentials', timeout=10).json()['sts']['issued'] == issued


@pytest.mark.parametrize('params, seconds', [
    ({'DurationSeconds': '900'}, 900),
    ({'DurationSeconds': '43200'}, 43200),
    ({'DurationSeconds': None}, 3600),
    ({'Policy': json.dumps({'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': 'servicecatalog:List*', 'Resource': '*'}]})}, 3600),
    ({'RoleSessionName': 'x' * 64}, 3600),
    ({'RoleArn': 'acs:ram::1466115886170001:role/ServiceCatalog-Reader'}, 3600),  # role names compare case-insensitively
])
def test_accepted_parameters(sts, demo, params, seconds):
    params = dict(params)
    doc = _assume(demo, params.pop('RoleArn', DEFAULT_ROLE_ARN), **params)
    assert abs(_epoch(doc['Credentials']['Expiration']) - time.time() - seconds) <= 2


def test_external_id(sts, demo):
    for params in ({}, {'ExternalId': 'wrong-one'}):
        response = demo.assume_role(EXT_ROLE, **params)
        doc = response.json()
        assert (response.status_code, doc['Code']) == (403, 'NoPermission')
        assert 'ExternalId' in doc['Message'] and doc['AccessDeniedDetail']['AuthAction'] == 'sts:AssumeRole'
    doc = _assume(demo, EXT_ROLE, ExternalId='ext-id-0042')
    assert doc['AssumedRoleUser']['Arn'] == f'{EXT_ROLE}/emu-test'
    entries = sts.server.request_log.entries()
    assert [e['code'] for e in entries] == ['NoPermission', 'NoPermission', None]
    assert entries[1]['params']['ExternalId'] == entries[2]['params']['ExternalId'] == '<redacted>'
    assert 'ext-id-0042' not in requests.get(f'{sts.url}/_emulator/log', timeout=10).text
    report = requests.get(f'{sts.url}/_emulator/credentials', timeout=10)
    assert 'ext-id-0042' not in report.text
    assert {'arn': EXT_ROLE, 'external_id_required': True} in report.json()['roles']


def test_version_and_action_routing(sts, demo):
    other = demo.call_v1('GetCallerIdentity', method='GET', version=STS_VERSION)
    assert (other.status_code, other.json()['Code'], other.json()['HostId']) == (404, 'InvalidAction.NotFound', 'sts.aliyuncs.com')
    wrong_product = demo.call_v1('AssumeRole', {'RoleArn': DEFAULT_ROLE_ARN, 'RoleSessionName': 'x1'}, method='GET')
    assert (wrong_product.status_code, wrong_product.json()['Code']) == (404, 'InvalidAction.NotFound')
    old = demo.call_v1('AssumeRole', {'RoleArn': DEFAULT_ROLE_ARN, 'RoleSessionName': 'x1'}, method='GET', version='2014-01-01')
    assert (old.status_code, old.json()['Code']) == (400, 'InvalidVersion') and STS_VERSION in old.json()['Message']


def test_role_mapping_of_issued_keys(sts, demo):
    ops = _as_client(sts.url, _assume(demo, OPS_ROLE))
    assert [i['ProvisionedProductId'] for i in ops.ok('ListProvisionedProducts')['ProvisionedProductDetails']] == ['pp-bp1oss4q8z0e04']
    outsider = _as_client(sts.url, _assume(demo, OTHER_ACCOUNT_ROLE))
    assert outsider.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})['TotalCount'] == 0
    plans = outsider.ok('ListProvisionedProductPlans', {'AccessLevelFilter': 'Account'})['PlanDetails']
    assert [p['PlanId'] for p in plans] == ['plan-bp18mmdh2u0f12']  # carol's account


def test_lifetime_cap_expiry():
    running = start_in_thread(Store(demo_dataset()), credential_lifetime=1)
    try:
        demo = Client(running.url, DEMO_KEY_ID, DEMO_SECRET)
        assert demo.assume_role(DEFAULT_ROLE_ARN, DurationSeconds='899').json()['Code'] == 'InvalidParameter.DurationSeconds'  # still checked
        doc = _assume(demo)
        expiration = _epoch(doc['Credentials']['Expiration'])
        assert 1 <= expiration - time.time() <= 2.1
        assumed = _as_client(running.url, doc)
        assert assumed.ok('ListProvisionedProducts')['TotalCount'] == 3
        time.sleep(max(0.0, expiration - time.time()) + 0.05)
        status, error = assumed.error('ListProvisionedProducts')
        assert (status, error['Code']) == (400, 'InvalidSecurityToken.Expired')
        assert assumed.assume_role(DEFAULT_ROLE_ARN).json()['Code'] == 'InvalidSecurityToken.Expired'
        report = requests.get(f'{running.url}/_emulator/credentials', timeout=10).json()
        assert report['sts'] == {'issued': 1, 'active': 0} and report['credential_lifetime'] == 1
    finally:
        running.stop()


def test_credentials_report_and_no_secret_anywhere(sts, demo):
    docs = [_assume(demo, session=f's-{n}') for n in range(3)]
    report = requests.get(f'{sts.url}/_emulator/credentials', timeout=10)
    body = report.json()
    assert body['sts']['issued'] >= 3 and body['sts']['active'] >= 3
    assert [item['session'] for item in body['recent'][-3:]] == ['s-0', 's-1', 's-2']
    assert body['recent'][-1]['access_key_id'] == docs[-1]['Credentials']['AccessKeyId']
    for client in (_as_client(sts.url, doc) for doc in docs):
        client.call_v1('ListProvisionedProducts', method='GET')  # the token travels in the query string
        client.call('ListProvisionedProducts', secret='wrong')
    log_text = requests.get(f'{sts.url}/_emulator/log', timeout=10).text
    secrets = SECRETS_AND_TOKENS + [v for doc in docs for v in (doc['Credentials']['AccessKeySecret'], doc['Credentials']['SecurityToken'])]
    for value in secrets:
        assert value not in log_text and value not in report.text
    assert sts.server.keyring.is_sensitive(docs[0]['Credentials']['SecurityToken'])
    entries = sts.server.request_log.entries()
    assert [e['service'] for e in entries[:3]] == ['sts'] * 3 and {e['action'] for e in entries[:3]} == {'AssumeRole'}
    assert entries[0]['params']['RoleArn'] == DEFAULT_ROLE_ARN and entries[0]['access_key_id'] == DEMO_KEY_ID


def test_verbose_log_redacts_tokens(caplog):
    running = start_in_thread(Store(demo_dataset()), verbose=True)
    try:
        demo = Client(running.url, DEMO_KEY_ID, DEMO_SECRET)
        with caplog.at_level(logging.INFO, logger='sc_emulator'):
            doc = _assume(demo)
            _as_client(running.url, doc).call_v1('ListProvisionedProducts', method='GET')
        text = caplog.text
        assert 'AssumeRole' in text and 'SecurityToken=<redacted>' in text and 'Signature=<redacted>' in text
        token = doc['Credentials']['SecurityToken']
        for value in (token, requests.utils.quote(token, safe=''), doc['Credentials']['AccessKeySecret'], DEMO_SECRET):
            assert value not in text
    finally:
        running.stop()


def test_concurrent_issuing(sts):
    results: list[dict] = []
    lock = threading.Lock()

    def worker(number: int):
        client = Client(sts.url, DEMO_KEY_ID, DEMO_SECRET)
        for index in range(5):
            doc = _assume(client, session=f'w{number}-{index}')
            ok = _as_client(sts.url, doc).call('ListProvisionedProducts').status_code == 200
            with lock:
                results.append({'id': doc['Credentials']['AccessKeyId'], 'ok': ok})

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 40 and len({r['id'] for r in results}) == 40 and all(r['ok'] for r in results)


def test_no_roles():
    running = start_in_thread(Store(demo_dataset()), roles=[])
    try:
        response = Client(running.url, DEMO_KEY_ID, DEMO_SECRET).assume_role(DEFAULT_ROLE_ARN)
        assert (response.status_code, response.json()['Code']) == (404, 'EntityNotExist.Role')
    finally:
        running.stop()


def test_role_parse():
    role = Role.parse('acs:ram::1466115886170001:role/x.y@z_w-1#xyzzy')
    assert (role.uid, role.name, role.external_id, role.arn) == ('1466115886170001', 'x.y@z_w-1', 'xyzzy', 'acs:ram::1466115886170001:role/x.y@z_w-1')
    assert 'xyzzy' not in repr(role)
    for bad in ('acs:ram::abc:role/x', 'acs:ram::1:role/', 'acs:ram::1:role/x#', 'arn:aws:iam::1:role/x', 'acs:ram::1:role/a/b'):
        with pytest.raises(ValueError):
            Role.parse(bad)


def test_keyring_is_mutable_and_redacts():
    ring = KeyRing([AccessKey('AK1', 'secret-1')])
    assert ring.sensitive_values == frozenset(['secret-1'])
    ring.add(AccessKey('STS.K2', 'secret-2', 'token-2', 1.0))
    assert ring.get('STS.K2').secret == 'secret-2' and ring.by_token('token-2').access_key_id == 'STS.K2'
    assert ring.is_sensitive('token-2') and ring.is_sensitive('secret-2') and not ring.is_sensitive('STS.K2')
    ring.remove('STS.K2')
    assert ring.get('STS.K2') is None and ring.by_token('token-2') is None and ring.is_sensitive('token-2')
    assert sorted(ring.ids()) == ['AK1']
