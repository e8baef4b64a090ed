"""STS AssumeRoleWithOIDC and the credentials URI on the emulator's port: tokens, providers, answers, expiry, logs, counts."""
from __future__ import annotations

import logging
import subprocess
import sys
import time
from datetime import datetime, timezone
from urllib.parse import urlencode

import pytest
import requests

from emu_client import Client
from emu_support import TEST_KEYS, demo_dataset
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store
from sc_emulator.sts import DEFAULT_OIDC_PROVIDER_ARN, DEFAULT_ROLE_ARN, OIDC_ISSUER, OidcTokens

OTHER_PROVIDER = 'acs:ram::1466115886170001:oidc-provider/other-cluster'
FIXED_TOKEN = 'fixed-oidc-token-for-the-sdk-0123456789'
URI_TOKEN = 'uri-query-token-abcdef'


@pytest.fixture(scope='module')
def emu():
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS, oidc_providers=[DEFAULT_OIDC_PROVIDER_ARN, OTHER_PROVIDER],
                              oidc_tokens=[FIXED_TOKEN], credentials_uri_token=URI_TOKEN)
    yield running
    running.stop()


@pytest.fixture
def server(emu):
    emu.server.request_log.clear()
    return emu


def _token(server, **options) -> str:
    response = requests.post(f'{server.url}/_emulator/oidc-token', json=options, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()['token']


def _oidc(server, token, **overrides) -> requests.Response:
    params = {'Action': 'AssumeRoleWithOIDC', 'Format': 'JSON', 'Version': '2015-04-01', 'DurationSeconds': '900', 'RoleArn': DEFAULT_ROLE_ARN,
              'OIDCProviderArn': DEFAULT_OIDC_PROVIDER_ARN, 'OIDCToken': token, 'RoleSessionName': 'pod-session',
              'Timestamp': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}
    params.update(overrides)
    params = {k: v for k, v in params.items() if v is not None}
    return requests.get(f'{server.url}/?{urlencode(params)}', timeout=10)


def _epoch(text: str) -> float:
    return datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc).timestamp()


# -- AssumeRoleWithOIDC -------------------------------------------------------------------------

def test_oidc_answer_shape_and_the_key_works(server):
    token = _token(server, subject='system:serviceaccount:awx:runner', lifetime=600)
    response = _oidc(server, token)
    assert response.status_code == 200, response.text
    doc = response.json()
    assert sorted(doc) == ['AssumedRoleUser', 'Credentials', 'OIDCTokenInfo', 'RequestId']
    creds = doc['Credentials']
    assert creds['AccessKeyId'].startswith('STS.') and creds['SecurityToken'].startswith('CAIS')
    assert 850 <= _epoch(creds['Expiration']) - time.time() <= 905
    assert doc['AssumedRoleUser']['Arn'] == DEFAULT_ROLE_ARN + '/pod-session'
    assert doc['AssumedRoleUser']['AssumedRoleId'].endswith(':pod-session')
    info = doc['OIDCTokenInfo']
    assert (info['Subject'], info['Issuer'], info['ClientIds']) == ('system:serviceaccount:awx:runner', OIDC_ISSUER, 'sts.aliyuncs.com')
    assert set(info) == {'Subject', 'Issuer', 'ClientIds', 'IssuanceTime', 'ExpirationTime', 'VerificationInfo'}
    client = Client(server.url, creds['AccessKeyId'], creds['AccessKeySecret'], creds['SecurityToken'])
    assert client.ok('ListProvisionedProducts')['TotalCount'] >= 1
    entry = [e for e in server.server.request_log.entries() if e['action'] == 'AssumeRoleWithOIDC'][-1]
    assert (entry['service'], entry['style'], entry['status'], entry['params']['OIDCToken']) == ('sts', 'OIDC', 200, '<redacted>')
    assert token not in str(server.server.request_log.entries())


def test_oidc_fixed_token_and_second_provider(server):
    assert _oidc(server, FIXED_TOKEN, OIDCProviderArn=OTHER_PROVIDER).status_code == 200


@pytest.mark.parametrize('overrides, status, code', [
    ({'OIDCToken': None}, 400, 'MissingOIDCToken'),
    ({'OIDCProviderArn': None}, 400, 'MissingOIDCProviderArn'),
    ({'RoleArn': None}, 400, 'MissingRoleArn'),
    ({'OIDCToken': 'not.a.token'}, 400, 'AuthenticationFail.OIDCToken.Invalid'),
    ({'OIDCProviderArn': 'acs:ram::1466115886170001:oidc-provider/unknown'}, 404, 'EntityNotExist.OIDCProvider'),
    ({'OIDCProviderArn': DEFAULT_ROLE_ARN}, 400, 'InvalidParameter.OIDCProviderArn'),
    ({'RoleArn': 'acs:ram::1466115886170001:role/nobody'}, 404, 'EntityNotExist.Role'),
    ({'DurationSeconds': '600'}, 400, 'InvalidParameter.DurationSeconds'),
    ({'RoleSessionName': 'a b'}, 400, 'InvalidParameter.RoleSessionName'),
])
def test_oidc_refusals(server, overrides, status, code):
    token = _token(server)
    response = _oidc(server, token, **overrides)
    assert (response.status_code, response.json()['Code']) == (status, code), response.text
    assert response.json()['HostId'] == 'sts.aliyuncs.com' and token not in response.text


def test_oidc_token_expiry_and_tampering():
    clock = [1000.0]
    tokens = OidcTokens(clock=lambda: clock[0])
    token = tokens.issue(lifetime=60)['token']
    assert tokens.verify(token)['exp'] == 1060
    head, body, signature = token.split('.')
    with pytest.raises(Exception) as info:
        tokens.verify(f'{head}.{body}x.{signature}')
    assert info.value.code == 'AuthenticationFail.OIDCToken.Invalid'
    clock[0] = 1061
    with pytest.raises(Exception) as info:
        tokens.verify(token)
    assert info.value.code == 'AuthenticationFail.OIDCToken.Expired'
    with pytest.raises(ValueError):
        tokens.issue(lifetime=0)


def test_oidc_token_of_another_emulator_is_refused(server):
    other = OidcTokens().issue()['token']
    assert _oidc(server, other).json()['Code'] == 'AuthenticationFail.OIDCToken.Invalid'


def test_oidc_credentials_expire_with_the_lifetime_cap():
    running = start_in_thread(Store(demo_dataset()), credential_lifetime=2)
    try:
        doc = _oidc(running, _token(running)).json()
        creds = doc['Credentials']
        client = Client(running.url, creds['AccessKeyId'], creds['AccessKeySecret'], creds['SecurityToken'])
        assert client.call('ListProvisionedProducts').status_code == 200
        time.sleep(_epoch(creds['Expiration']) - time.time() + 0.2)
        expired = client.call('ListProvisionedProducts')
        assert (expired.status_code, expired.json()['Code']) == (400, 'InvalidSecurityToken.Expired')
        report = requests.get(f'{running.url}/_emulator/credentials', timeout=10).json()
        assert report['oidc']['issued'] == 1 and report['oidc']['active'] == 0
    finally:
        running.stop()


def test_verbose_log_redacts_the_oidc_token_and_the_uri_token(caplog):
    running = start_in_thread(Store(demo_dataset()), verbose=True, credentials_uri_token=URI_TOKEN)
    try:
        with caplog.at_level(logging.INFO):
            token = _token(running)
            assert _oidc(running, token).status_code == 200
            assert requests.get(f'{running.url}/credentials-uri?token={URI_TOKEN}', timeout=10).status_code == 200
        text = caplog.text
        assert 'OIDCToken=<redacted>' in text and 'token=<redacted>' in text
        assert token not in text and URI_TOKEN not in text
    finally:
        running.stop()


# -- credentials URI ----------------------------------------------------------------------------

def test_uri_answer_and_a_new_key_each_time(server):
    before = requests.get(f'{server.url}/_emulator/credentials', timeout=10).json()['uri']['issued']
    first = requests.get(f'{server.url}/credentials-uri?token={URI_TOKEN}', timeout=10)
    second = requests.get(f'{server.url}/credentials-uri?token={URI_TOKEN}', timeout=10)
    assert first.status_code == second.status_code == 200
    doc = first.json()
    assert sorted(doc) == ['AccessKeyId', 'AccessKeySecret', 'Code', 'Expiration', 'LastUpdated', 'SecurityToken']
    assert doc['Code'] == 'Success' and doc['AccessKeyId'] != second.json()['AccessKeyId']
    report = requests.get(f'{server.url}/_emulator/credentials', timeout=10).json()
    assert report['uri']['issued'] == before + 2
    assert [r['source'] for r in report['recent'][-2:]] == ['uri', 'uri']
    client = Client(server.url, doc['AccessKeyId'], doc['AccessKeySecret'], doc['SecurityToken'])
    assert client.ok('ListProvisionedProducts')['TotalCount'] >= 1
    entries = [e for e in server.server.request_log.entries() if e['service'] == 'credentials-uri']
    assert [(e['method'], e['path'], e['status']) for e in entries] == [('GET', '/credentials-uri', 200)] * 2
    assert URI_TOKEN not in str(server.server.request_log.entries())


@pytest.mark.parametrize('method, query, status, code', [
    ('GET', '', 403, 'Forbidden'),
    ('GET', 'token=wrong', 403, 'Forbidden'),
    ('POST', f'token={URI_TOKEN}', 405, 'MethodNotAllowed'),
])
def test_uri_refusals(server, method, query, status, code):
    response = requests.request(method, f'{server.url}/credentials-uri?{query}', timeout=10)
    assert (response.status_code, response.json()['Code']) == (status, code)


def test_uri_without_token_needed_and_without_roles():
    running = start_in_thread(Store(demo_dataset()))
    try:
        assert requests.get(f'{running.url}/credentials-uri', timeout=10).json()['Code'] == 'Success'
    finally:
        running.stop()
    running = start_in_thread(Store(demo_dataset()), roles=[])
    try:
        assert requests.get(f'{running.url}/credentials-uri', timeout=10).status_code == 404
    finally:
        running.stop()


def test_serve_py_flags():
    import os
    serve = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'serve.py')
    bad = subprocess.run([sys.executable, serve, '--oidc-provider', 'acs:ram::1:role/x'], capture_output=True, text=True, timeout=30, check=False)
    assert bad.returncode == 2 and 'oidc-provider' in bad.stderr
    usage = subprocess.run([sys.executable, serve, '--help'], capture_output=True, text=True, timeout=30, check=False)
    assert '--oidc-token' in usage.stdout and '--credentials-uri-token' in usage.stdout
