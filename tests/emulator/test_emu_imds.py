"""The ECS instance metadata service on the emulator's port: IMDSv2 tokens, the role, credentials, rotation, logs, the SDK."""
from __future__ import annotations

import re
import time
from datetime import datetime, timezone

import pytest
import requests

from emu_client import Client
from emu_support import DEMO_KEY_ID, DEMO_SECRET, TEST_KEYS, demo_dataset
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store

ROLE = 'servicecatalog-ecs-role'
TOKEN_PATH = '/latest/api/token'
ROLES_PATH = '/latest/meta-data/ram/security-credentials/'
TTL = 'X-aliyun-ecs-metadata-token-ttl-seconds'
TOKEN = 'X-aliyun-ecs-metadata-token'
TIME_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')


@pytest.fixture(scope='module')
def imds_server():
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS)
    yield running
    running.stop()


@pytest.fixture
def imds(imds_server):
    imds_server.server.request_log.clear()
    return imds_server


def _epoch(text: str) -> float:
    return datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc).timestamp()


def _token(running, ttl: str = '21600') -> str:
    response = requests.put(f'{running.url}{TOKEN_PATH}', headers={TTL: ttl}, timeout=10)
    assert response.status_code == 200 and response.headers['Content-Type'].startswith('text/plain'), response.text
    return response.text


def _get(running, path: str, token: str | None = None) -> requests.Response:
    return requests.get(f'{running.url}{path}', headers={TOKEN: token} if token is not None else {}, timeout=10)


def _credentials(running, token: str | None = None) -> dict:
    response = _get(running, ROLES_PATH + ROLE, _token(running) if token is None else token)
    assert response.status_code == 200, response.text
    return response.json()


def test_imdsv2_flow(imds):
    token = _token(imds)
    assert len(token) >= 20
    role = _get(imds, ROLES_PATH, token)
    assert (role.status_code, role.text) == (200, ROLE) and role.headers['Content-Type'].startswith('text/plain')
    assert _get(imds, ROLES_PATH.rstrip('/'), token).text == ROLE
    doc = _credentials(imds, token)
    assert list(doc) == ['Code', 'AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration', 'LastUpdated']
    assert doc['Code'] == 'Success' and doc['AccessKeyId'].startswith('STS.') and TIME_RE.match(doc['Expiration']) and TIME_RE.match(doc['LastUpdated'])
    assert _epoch(doc['Expiration']) - _epoch(doc['LastUpdated']) >= 6 * 3600 - 1
    # the credentials are keys of the same emulator, acting as demo-user
    client = Client(imds.url, doc['AccessKeyId'], doc['AccessKeySecret'], doc['SecurityToken'])
    assert client.ok('ListProvisionedProducts')['TotalCount'] == 3
    assert client.call('ListProvisionedProducts', token='').json()['Code'] == 'MissingSecurityToken'


def test_same_credentials_until_rotation_is_due(imds):
    first, second = _credentials(imds), _credentials(imds)
    assert first == second
    report = requests.get(f'{imds.url}/_emulator/credentials', timeout=10).json()
    assert report['metadata']['issued'] == 1 and report['ecs_role'] == ROLE and report['imds_v1'] is False
    assert report['metadata_tokens'] >= 2


@pytest.mark.parametrize('headers', [{}, {TOKEN: 'not-a-token'}, {TOKEN: ''}])
def test_missing_or_invalid_token_is_401(imds, headers):
    for path in (ROLES_PATH, ROLES_PATH + ROLE):
        response = requests.get(f'{imds.url}{path}', headers=headers, timeout=10)
        assert response.status_code == 401 and response.headers['Content-Type'].startswith('text/plain')


def test_expired_token_is_401(imds):
    token = _token(imds, '1')
    assert _get(imds, ROLES_PATH, token).status_code == 200
    time.sleep(1.05)
    assert _get(imds, ROLES_PATH, token).status_code == 401


@pytest.mark.parametrize('ttl', [None, '0', '21601', 'abc', '-5', ''])
def test_token_ttl_checked(imds, ttl):
    response = requests.put(f'{imds.url}{TOKEN_PATH}', headers={} if ttl is None else {TTL: ttl}, timeout=10)
    assert response.status_code == 400 and '21600' in response.text


def test_unknown_paths_and_methods(imds):
    token = _token(imds)
    assert _get(imds, ROLES_PATH + 'other-role', token).status_code == 404
    assert _get(imds, '/latest/meta-data/instance-id', token).status_code == 404
    assert _get(imds, '/latest/meta-data/ram/security-credentialsX', token).status_code == 404
    assert _get(imds, TOKEN_PATH).status_code == 405
    assert requests.post(f'{imds.url}{ROLES_PATH}{ROLE}', headers={TOKEN: token}, timeout=10).status_code == 405
    assert requests.put(f'{imds.url}/', timeout=10).status_code == 501  # PUT is for the metadata token only


def test_metadata_requests_are_logged_without_secrets(imds):
    token = _token(imds)
    doc = _credentials(imds, token)
    _get(imds, ROLES_PATH)
    entries = imds.server.request_log.entries()
    assert [(e['service'], e['method'], e['path'], e['status']) for e in entries] == [
        ('metadata', 'PUT', TOKEN_PATH, 200), ('metadata', 'GET', ROLES_PATH + ROLE, 200), ('metadata', 'GET', ROLES_PATH, 401)]
    text = requests.get(f'{imds.url}/_emulator/log', timeout=10).text
    for value in (token, doc['AccessKeySecret'], doc['SecurityToken']):
        assert value not in text
    assert imds.server.keyring.is_sensitive(doc['SecurityToken'])


def test_imds_v1_allowed():
    running = start_in_thread(Store(demo_dataset()), imds_v1=True)
    try:
        assert _get(running, ROLES_PATH).text == ROLE
        doc = _get(running, ROLES_PATH + ROLE).json()
        assert doc['Code'] == 'Success'
        assert _get(running, ROLES_PATH, 'bogus').status_code == 401  # a token that is sent must be valid
        assert requests.get(f'{running.url}/_emulator/credentials', timeout=10).json()['imds_v1'] is True
    finally:
        running.stop()


def test_disabled_and_renamed():
    running = start_in_thread(Store(demo_dataset()), ecs_role='')
    try:
        assert requests.put(f'{running.url}{TOKEN_PATH}', headers={TTL: '60'}, timeout=10).status_code == 404
        assert _get(running, ROLES_PATH, 'x').status_code == 404 and _get(running, ROLES_PATH + ROLE).status_code == 404
        assert requests.get(f'{running.url}/_emulator/credentials', timeout=10).json()['ecs_role'] is None
    finally:
        running.stop()
    running = start_in_thread(Store(demo_dataset()), ecs_role='my-instance-role')
    try:
        token = _token(running)
        assert _get(running, ROLES_PATH, token).text == 'my-instance-role'
        assert _get(running, ROLES_PATH + 'my-instance-role', token).json()['Code'] == 'Success'
        assert _get(running, ROLES_PATH + ROLE, token).status_code == 404
    finally:
        running.stop()


def test_rotation_and_expiry_with_a_lifetime_cap():
    """Lifetime 2 s: the same key until less than a fifth (0.4 s) remains, then a new one; the old one then expires."""
    running = start_in_thread(Store(demo_dataset()), credential_lifetime=2)
    try:
        token = _token(running)
        first = _credentials(running, token)
        expiration = _epoch(first['Expiration'])
        assert 2 <= expiration - _epoch(first['LastUpdated']) <= 3
        seen_old_at = []
        while True:
            now = time.time()
            doc = _credentials(running, token)
            if doc['AccessKeyId'] != first['AccessKeyId']:
                break
            seen_old_at.append(expiration - now)
            assert now < expiration + 0.5, 'no rotation before the expiration'
            time.sleep(0.05)
        assert min(seen_old_at) >= 0.4 - 0.1  # the old key was served only while more than a fifth of its lifetime remained
        assert expiration - now <= 0.4 + 0.1  # and replaced once less remained
        assert _epoch(doc['Expiration']) > expiration
        time.sleep(max(0.0, expiration - time.time()) + 0.05)
        old = Client(running.url, first['AccessKeyId'], first['AccessKeySecret'], first['SecurityToken'])
        assert old.error('ListProvisionedProducts')[1]['Code'] == 'InvalidSecurityToken.Expired'
        new = Client(running.url, doc['AccessKeyId'], doc['AccessKeySecret'], doc['SecurityToken'])
        assert new.ok('ListProvisionedProducts')['TotalCount'] == 3
        report = requests.get(f'{running.url}/_emulator/credentials', timeout=10).json()
        assert report['metadata']['issued'] == 2 and report['sts']['issued'] == 0
        assert [item['source'] for item in report['recent']] == ['metadata', 'metadata']
    finally:
        running.stop()


def test_metadata_and_sts_credentials_are_counted_apart(imds):
    before = requests.get(f'{imds.url}/_emulator/credentials', timeout=10).json()
    Client(imds.url, DEMO_KEY_ID, DEMO_SECRET).assume_role('acs:ram::1466115886170001:role/servicecatalog-reader')
    after = requests.get(f'{imds.url}/_emulator/credentials', timeout=10).json()
    assert after['sts']['issued'] == before['sts']['issued'] + 1 and after['metadata']['issued'] == before['metadata']['issued']


def test_sdk_ecs_ram_role_provider(imds):
    """The official credentials SDK's ECS RAM role provider (IMDSv2) against the emulator (its metadata host patched)."""
    provider_module = pytest.importorskip('alibabacloud_credentials.provider.ecs_ram_role')
    provider = provider_module.EcsRamRoleCredentialsProvider(disable_imds_v1=True, async_update_enabled=False)
    provider._EcsRamRoleCredentialsProvider__metadata_service_host = f'127.0.0.1:{imds.port}'  # pylint: disable=protected-access
    credentials = provider.get_credentials()
    assert credentials.get_access_key_id().startswith('STS.')
    assert [(e['method'], e['path'], e['status']) for e in imds.server.request_log.entries()][-4:] == [
        ('PUT', TOKEN_PATH, 200), ('GET', ROLES_PATH, 200), ('PUT', TOKEN_PATH, 200), ('GET', ROLES_PATH + ROLE, 200)]
    client = Client(imds.url, credentials.get_access_key_id(), credentials.get_access_key_secret(), credentials.get_security_token())
    assert client.ok('ListProvisionedProducts')['TotalCount'] == 3
