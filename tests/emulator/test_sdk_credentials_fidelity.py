"""The official credentials SDK's default chain and the collection's chain, run with the same environment against the emulator,
choose the same source (OIDC role, credentials URI, and their neighbours in the precedence order).

Each side runs in its own process: the SDK reads ``ALIBABA_CLOUD_*`` once, at import, and the emulator itself never imports
collection code (the collection side runs from a throw-away ``ansible_collections`` tree pointing at this checkout).
The SDK always calls STS over HTTPS at a host of its own choosing, so STS is a TLS emulator and, in the SDK's process, the OIDC
provider's endpoint and the ECS provider's metadata host are pointed at the emulators (as test_emu_imds.py does); the collection is
pointed there with ALICLOUD_STS_ENDPOINT and ALICLOUD_ECS_METADATA_URL. The integration target credentials_oidc_uri checks the same
pairs through the modules and the lookup.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import requests

pytest.importorskip('alibabacloud_credentials.provider.default')

import make_test_certs  # noqa: E402  pylint: disable=wrong-import-position
from emu_support import DEMO_KEY_ID, DEMO_SECRET, TEST_KEYS, demo_dataset  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.server import start_in_thread  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.store import Store  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.sts import DEFAULT_OIDC_PROVIDER_ARN, DEFAULT_ROLE_ARN  # noqa: E402  pylint: disable=wrong-import-position

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MAKE_CERTS = os.path.join(HERE, 'make_test_certs.py')
ECS_ROLE = 'servicecatalog-ecs-role'

SDK_SCRIPT = r'''
import json, os
from alibabacloud_credentials.provider.default import DefaultCredentialsProvider
provider = DefaultCredentialsProvider()
for inner in provider._DefaultCredentialsProvider__providers_chain:
    name = type(inner).__name__
    if name == 'OIDCRoleArnCredentialsProvider':
        inner._sts_endpoint = os.environ['EMU_STS_HOST']
    elif name == 'EcsRamRoleCredentialsProvider':
        inner._EcsRamRoleCredentialsProvider__metadata_service_host = os.environ['EMU_METADATA_HOST']
creds = provider.get_credentials()
print(json.dumps({'source': creds.get_provider_name(), 'key': creds.get_access_key_id()}))
'''

COLLECTION_SCRIPT = r'''
import json
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
provider = resolve_credentials({})
print(json.dumps({'source': provider.source, 'key': provider.get().access_key_id}))
'''


def _kind_of_sdk(source: str) -> str:
    for prefix, kind in (('default/env', 'env'), ('default/oidc_role_arn', 'oidc'), ('default/cli_profile', 'cli'), ('default/profile', 'ini'),
                         ('default/ecs_ram_role', 'ecs'), ('default/credential_uri', 'uri')):
        if source.startswith(prefix):
            return kind
    return source


def _kind_of_collection(source: str) -> str:
    for prefix, kind in (('env:', 'env'), ('oidc-role:', 'oidc'), ('ecs-role:', 'ecs'), ('credentials-uri:', 'uri')):
        if source.startswith(prefix):
            return kind
    if source.startswith('profile:'):
        return 'cli' if ', mode ' in source else 'ini'
    return source


@pytest.fixture(scope='module')
def certs(tmp_path_factory):
    if not make_test_certs.find_openssl():
        pytest.skip('the openssl command is not installed: cannot make test certificates')
    outdir = tmp_path_factory.mktemp('certs')
    result = subprocess.run([sys.executable, MAKE_CERTS, str(outdir)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return {'ca': str(outdir / 'ca.pem'), 'cert': str(outdir / 'server.pem'), 'key': str(outdir / 'server-key.pem')}


@pytest.fixture(scope='module')
def emulators(certs):
    sts = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS, tls_cert=certs['cert'], tls_key=certs['key'])
    plain = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS, ecs_role=ECS_ROLE)
    yield sts, plain
    sts.stop()
    plain.stop()


@pytest.fixture(scope='module')
def collections_root(tmp_path_factory):
    root = tmp_path_factory.mktemp('collections')
    (root / 'ansible_collections' / 'alicloud').mkdir(parents=True)
    os.symlink(ROOT, str(root / 'ansible_collections' / 'alicloud' / 'servicecatalog'))
    return str(root)


def _token(emulator, ca: str) -> str:
    return requests.post(f'{emulator.url}/_emulator/oidc-token', json={}, timeout=10, verify=ca).json()['token']


def _run(script: str, env: dict, pythonpath: str | None = None) -> dict:
    full = {'PATH': os.environ.get('PATH', ''), 'LANG': 'C.UTF-8'}
    full.update(env)
    if pythonpath:
        full['PYTHONPATH'] = pythonpath
    result = subprocess.run([sys.executable, '-c', script], env=full, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# (case, environment parts, expected source): each new source alone, and each adjacent pair of the order
# env > OIDC > CLI profile > ini profile > ECS role > credentials URI
CASES = [
    ('oidc only (RRSA)', ['oidc'], 'oidc'),
    ('uri only', ['uri'], 'uri'),
    ('env > oidc', ['env', 'oidc'], 'env'),
    ('oidc > cli profile', ['oidc', 'cli'], 'oidc'),
    ('oidc > uri', ['oidc', 'uri'], 'oidc'),
    ('ini profile > uri', ['ini', 'uri'], 'ini'),
    ('ecs role > uri', ['ecs', 'uri'], 'ecs'),
]


@pytest.mark.parametrize('case, parts, expected', CASES, ids=[c[0] for c in CASES])
def test_same_source_as_the_sdk(tmp_path, emulators, certs, collections_root, case, parts, expected):  # pylint: disable=unused-argument
    sts, plain = emulators
    home = tmp_path / 'home'
    home.mkdir()
    token_file = tmp_path / 'token'
    token_file.write_text(_token(sts, certs['ca']))
    env = {'HOME': str(home), 'SSL_CERT_FILE': certs['ca'], 'REQUESTS_CA_BUNDLE': certs['ca'],
           'EMU_STS_HOST': sts.url.split('://', 1)[1], 'EMU_METADATA_HOST': plain.url.split('://', 1)[1],
           'ALICLOUD_STS_ENDPOINT': sts.url, 'ALICLOUD_ECS_METADATA_URL': plain.url}
    if 'ecs' in parts:
        env['ALIBABA_CLOUD_ECS_METADATA'] = ECS_ROLE
    else:
        env['ALIBABA_CLOUD_ECS_METADATA_DISABLED'] = 'true'
    if 'env' in parts:
        env.update(ALIBABA_CLOUD_ACCESS_KEY_ID=DEMO_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET=DEMO_SECRET)
    if 'oidc' in parts:
        env.update(ALIBABA_CLOUD_ROLE_ARN=DEFAULT_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN=DEFAULT_OIDC_PROVIDER_ARN,
                   ALIBABA_CLOUD_OIDC_TOKEN_FILE=str(token_file), ALIBABA_CLOUD_ROLE_SESSION_NAME='fidelity')
    if 'uri' in parts:
        env['ALIBABA_CLOUD_CREDENTIALS_URI'] = f'{plain.url}/credentials-uri'
    if 'cli' in parts:
        (home / '.aliyun').mkdir()
        (home / '.aliyun' / 'config.json').write_text(json.dumps({'current': 'main', 'profiles': [
            {'name': 'main', 'mode': 'AK', 'access_key_id': DEMO_KEY_ID, 'access_key_secret': DEMO_SECRET}]}))
    if 'ini' in parts:
        (home / '.alibabacloud').mkdir()
        text = f'[default]\ntype = access_key\naccess_key_id = {DEMO_KEY_ID}\naccess_key_secret = {DEMO_SECRET}\n'
        (home / '.alibabacloud' / 'credentials.ini').write_text(text)
    sts.server.request_log.clear()
    sdk = _run(SDK_SCRIPT, env)
    sdk_exchanges = [e for e in sts.server.request_log.entries() if e['action'] == 'AssumeRoleWithOIDC']
    sts.server.request_log.clear()
    ours = _run(COLLECTION_SCRIPT, env, collections_root)
    our_exchanges = [e for e in sts.server.request_log.entries() if e['action'] == 'AssumeRoleWithOIDC']
    assert bool(sdk_exchanges) == bool(our_exchanges) == (expected == 'oidc')
    # the same AssumeRoleWithOIDC request: method, parameter names, every value but the timestamp
    assert [(e['method'], sorted(e['params']), e['status']) for e in sdk_exchanges] == \
        [(e['method'], sorted(e['params']), e['status']) for e in our_exchanges]
    for mine, theirs in zip(our_exchanges, sdk_exchanges):
        assert {k: v for k, v in mine['params'].items() if k != 'Timestamp'} == {k: v for k, v in theirs['params'].items() if k != 'Timestamp'}
    assert (_kind_of_sdk(sdk['source']), _kind_of_collection(ours['source'])) == (expected, expected), (sdk, ours)
    issued = {}
    for emulator in (sts, plain):
        for item in requests.get(f'{emulator.url}/_emulator/credentials', timeout=10, verify=certs['ca']).json()['recent']:
            issued[item['access_key_id']] = item['source']
    for side in (sdk, ours):  # the key came from the emulator's matching source (or is the static demo key)
        assert issued.get(side['key'], 'static') == {'oidc': 'oidc', 'uri': 'uri', 'ecs': 'metadata'}.get(expected, 'static'), side
