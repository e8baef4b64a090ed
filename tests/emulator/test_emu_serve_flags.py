"""serve.py flags of fault injection, listing mutation, STS roles, credential lifetime and the metadata service."""
from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from emu_client import Client
from emu_support import DEMO_KEY_ID, DEMO_SECRET
from test_emu_cli import SERVE, Served

EXT_ROLE = 'acs:ram::1466115886170001:role/ext-role'


def test_help_lists_every_flag():
    result = subprocess.run([sys.executable, SERVE, '--help'], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0
    for flag in ('--fault-rate', '--fault-seed', '--fault-kinds', '--fault-slow-seconds', '--fault-retry-after-ms', '--mutate-during-listing',
                 '--mutate-per-page', '--tls-cert', '--tls-key', '--role', '--credential-lifetime', '--ecs-role', '--imds-v1',
                 '--provision-seconds'):
        assert flag in result.stdout


def test_fault_flags():
    served = Served('--fault-rate', '1', '--fault-seed', '11', '--fault-kinds', 'throttling', '--fault-retry-after-ms', '75',
                    '--fault-slow-seconds', '0.5')
    try:
        state = requests.get(f'{served.url}/_emulator/faults', timeout=10).json()
        assert (state['rate'], state['seed'], state['kinds'], state['retry_after_ms'], state['slow_seconds']) == (1.0, 11, ['throttling'], 75, 0.5)
        response = Client(served.url, DEMO_KEY_ID, DEMO_SECRET).call('ListProvisionedProducts')
        assert (response.status_code, response.json()['Code'], response.headers['x-acs-retry-after']) == (400, 'Throttling.User', '75')
        assert requests.post(f'{served.url}/_emulator/faults', json={'rate': 0}, timeout=10).status_code == 200
        assert Client(served.url, DEMO_KEY_ID, DEMO_SECRET).call('ListProvisionedProducts').status_code == 200
    finally:
        assert served.stop() == 0


def test_provision_seconds_flag():
    served = Served('--provision-seconds', '0')
    try:
        assert requests.get(f'{served.url}/_emulator/provisioning', timeout=10).json() == {
            'ok': True, 'seconds': 0.0, 'pending': {'tasks': 0, 'plans': 0}}
        client = Client(served.url, DEMO_KEY_ID, DEMO_SECRET)
        pp_id = client.ok('LaunchProduct', body={'ProductId': 'prod-bp18r7q127a001', 'ProductVersionId': 'pv-bp15e79d26a001',
                                                 'ProvisionedProductName': 'flag', 'StackRegionId': 'cn-hangzhou'})['ProvisionedProductId']
        detail = client.ok('GetProvisionedProduct', {'ProvisionedProductId': pp_id})['ProvisionedProductDetail']
        assert detail['Status'] == 'Available'
    finally:
        assert served.stop() == 0
    default = Served()
    try:
        assert requests.get(f'{default.url}/_emulator/provisioning', timeout=10).json()['seconds'] == 2.0
    finally:
        assert default.stop() == 0


@pytest.mark.parametrize('value', ['-1', 'soon', '86401'])
def test_provision_seconds_flag_refuses_bad_values(value):
    result = subprocess.run([sys.executable, SERVE, '--provision-seconds', value], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and '--provision-seconds' in result.stderr


def test_mutate_flags():
    served = Served('--mutate-during-listing', '--mutate-per-page', '2')
    try:
        assert requests.get(f'{served.url}/_emulator/mutate', timeout=10).json() == {'ok': True, 'enabled': True, 'per_page': 2, 'inserted': 0}
        client = Client(served.url, DEMO_KEY_ID, DEMO_SECRET)
        assert client.ok('ListProvisionedProducts', {'PageNumber': 2})['TotalCount'] == 5
    finally:
        assert served.stop() == 0


def test_credential_flags():
    served = Served('--role', f'{EXT_ROLE}#ext-secret-9', '--credential-lifetime', '30', '--ecs-role', 'my-role', '--imds-v1')
    try:
        report = requests.get(f'{served.url}/_emulator/credentials', timeout=10).json()
        assert report['roles'] == [{'arn': EXT_ROLE, 'external_id_required': True}]
        assert (report['credential_lifetime'], report['ecs_role'], report['imds_v1']) == (30, 'my-role', True)
        client = Client(served.url, DEMO_KEY_ID, DEMO_SECRET)
        assert client.assume_role(EXT_ROLE).json()['Code'] == 'NoPermission'
        doc = client.assume_role(EXT_ROLE, ExternalId='ext-secret-9').json()
        assert doc['AssumedRoleUser']['Arn'] == f'{EXT_ROLE}/emu-test'
        assert client.assume_role('acs:ram::1466115886170001:role/servicecatalog-reader').json()['Code'] == 'EntityNotExist.Role'
        creds = requests.get(f'{served.url}/latest/meta-data/ram/security-credentials/my-role', timeout=10).json()  # IMDSv1: no token
        assert creds['Code'] == 'Success'
        for document in (doc['Credentials'], creds):
            temporary = Client(served.url, document['AccessKeyId'], document['AccessKeySecret'], document['SecurityToken'])
            assert temporary.ok('ListProvisionedProducts')['TotalCount'] == 3
    finally:
        assert served.stop() == 0


def test_default_role_and_metadata_off():
    served = Served('--ecs-role', '')
    try:
        client = Client(served.url, DEMO_KEY_ID, DEMO_SECRET)
        assert client.assume_role('acs:ram::1466115886170001:role/servicecatalog-reader').status_code == 200
        assert requests.put(f'{served.url}/latest/api/token', headers={'X-aliyun-ecs-metadata-token-ttl-seconds': '60'}, timeout=10).status_code == 404
    finally:
        assert served.stop() == 0


@pytest.mark.parametrize('args, word', [
    (['--fault-rate', '1.5'], 'fault rate'),
    (['--fault-rate', 'nan'], 'fault rate'),
    (['--fault-kinds', 'internal,boom'], 'boom'),
    (['--fault-kinds', ','], 'at least one'),
    (['--fault-seed', 'x'], '--fault-seed'),
    (['--fault-slow-seconds', '-1'], 'slow_seconds'),
    (['--fault-retry-after-ms', '0'], '>= 1'),
    (['--mutate-per-page', '0'], 'from 1 to'),
    (['--role', 'acs:ram::1:user/x'], 'acs:ram::<uid>:role/<name>'),
    (['--role', 'acs:ram::1:role/x#'], 'ExternalId'),
    (['--credential-lifetime', '-1'], '>= 0'),
    (['--credential-lifetime', 'inf'], '>= 0'),
    (['--ecs-role', 'bad/name'], 'role name'),
])
def test_bad_flags(args, word):
    result = subprocess.run([sys.executable, SERVE, *args], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and word in result.stderr and result.stdout == ''
