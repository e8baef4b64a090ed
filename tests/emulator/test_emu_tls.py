"""HTTPS: --tls-cert / --tls-key (start_in_thread(tls_cert=, tls_key=)), with a throwaway CA made by make_test_certs.py."""
from __future__ import annotations

import os
import re
import socket
import ssl
import subprocess
import sys

import pytest
import requests

import make_test_certs
from emu_client import Client
from emu_support import DEMO_KEY_ID, DEMO_SECRET, demo_dataset
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store
from sc_emulator.sts import DEFAULT_ROLE_ARN

HERE = os.path.dirname(os.path.abspath(__file__))
SERVE = os.path.join(HERE, 'serve.py')
MAKE_CERTS = os.path.join(HERE, 'make_test_certs.py')
HTTPS_LINE_RE = re.compile(r'^listening on https://127\.0\.0\.1:(\d+)$')


@pytest.fixture(scope='module')
def certs(tmp_path_factory):
    if not make_test_certs.find_openssl():
        pytest.skip('the openssl command is not installed: cannot make test certificates')
    outdir = tmp_path_factory.mktemp('certs')
    result = subprocess.run([sys.executable, MAKE_CERTS, str(outdir)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    paths = {'ca': str(outdir / 'ca.pem'), 'cert': str(outdir / 'server.pem'), 'key': str(outdir / 'server-key.pem')}
    assert result.stdout.split() == [paths['ca'], paths['cert'], paths['key']]
    return paths


@pytest.fixture(scope='module')
def tls_emulator(certs):
    running = start_in_thread(Store(demo_dataset()), tls_cert=certs['cert'], tls_key=certs['key'])
    yield running
    running.stop()


def test_url_is_https(tls_emulator):
    assert re.match(r'^https://127\.0\.0\.1:\d+$', tls_emulator.url)


def test_trusted_ca_succeeds(tls_emulator, certs):
    assert requests.get(f'{tls_emulator.url}/_emulator/health', verify=certs['ca'], timeout=10).json() == {'ok': True}
    client = Client(tls_emulator.url, DEMO_KEY_ID, DEMO_SECRET, verify=certs['ca'])
    assert client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})['TotalCount'] == 5
    assert client.call_v1('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}).status_code == 200
    assert client.assume_role(DEFAULT_ROLE_ARN).status_code == 200
    localhost = requests.get(f'https://localhost:{tls_emulator.port}/_emulator/health', verify=certs['ca'], timeout=10)
    assert localhost.status_code == 200  # the certificate names localhost too


def test_system_trust_fails(tls_emulator):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f'{tls_emulator.url}/_emulator/health', verify=True, timeout=10)
    # the server shrugs the failed handshake off and keeps serving
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f'{tls_emulator.url}/_emulator/health', timeout=10)


def test_plain_http_to_the_tls_port_fails(tls_emulator, certs):
    with pytest.raises(requests.ConnectionError):
        requests.get(f'http://127.0.0.1:{tls_emulator.port}/_emulator/health', timeout=10)
    assert requests.get(f'{tls_emulator.url}/_emulator/health', verify=certs['ca'], timeout=10).status_code == 200


@pytest.mark.filterwarnings('ignore::DeprecationWarning')  # ssl.TLSVersion.TLSv1_1, on purpose
def test_tls_12_or_later(tls_emulator, certs):
    assert tls_emulator.server.socket.context.minimum_version == ssl.TLSVersion.TLSv1_2
    context = ssl.create_default_context(cafile=certs['ca'])
    with socket.create_connection(('127.0.0.1', tls_emulator.port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname='127.0.0.1') as tls:
            assert tls.version() in ('TLSv1.2', 'TLSv1.3')
    old = ssl.create_default_context(cafile=certs['ca'])
    old.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    old.maximum_version = ssl.TLSVersion.TLSv1_1
    with pytest.raises((ssl.SSLError, ConnectionError)):
        with socket.create_connection(('127.0.0.1', tls_emulator.port), timeout=10) as raw:
            with old.wrap_socket(raw, server_hostname='127.0.0.1'):
                pass


def test_metadata_over_tls(tls_emulator, certs):
    token = requests.put(f'{tls_emulator.url}/latest/api/token', headers={'X-aliyun-ecs-metadata-token-ttl-seconds': '60'},
                         verify=certs['ca'], timeout=10)
    assert token.status_code == 200 and token.text


def test_serve_py_https(certs):
    command = [sys.executable, SERVE, '--port', '0', '--tls-cert', certs['cert'], '--tls-key', certs['key']]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # pylint: disable=consider-using-with
    try:
        line = process.stdout.readline().rstrip('\n')
        match = HTTPS_LINE_RE.match(line)
        assert match, line
        url = f'https://127.0.0.1:{match.group(1)}'
        assert requests.get(f'{url}/_emulator/health', verify=certs['ca'], timeout=10).status_code == 200
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(f'{url}/_emulator/health', verify=True, timeout=10)
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        process.stdout.close()
        process.stderr.close()


@pytest.mark.parametrize('args, word', [
    (['--tls-cert', 'x.pem'], '--tls-key'),
    (['--tls-key', 'x.pem'], '--tls-key'),
])
def test_serve_py_tls_needs_both(args, word):
    result = subprocess.run([sys.executable, SERVE, *args], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and word in result.stderr and result.stdout == ''


def test_serve_py_unusable_certificate(tmp_path, certs):
    missing = subprocess.run([sys.executable, SERVE, '--tls-cert', str(tmp_path / 'none.pem'), '--tls-key', certs['key']],
                             capture_output=True, text=True, timeout=30, check=False)
    assert missing.returncode == 2 and 'cannot start' in missing.stderr and missing.stdout == ''
    wrong = subprocess.run([sys.executable, SERVE, '--tls-cert', certs['ca'], '--tls-key', certs['key']],  # key of another certificate
                           capture_output=True, text=True, timeout=30, check=False)
    assert wrong.returncode == 2 and 'cannot start' in wrong.stderr


def test_make_test_certs_without_openssl(tmp_path):
    env = dict(os.environ, OPENSSL=str(tmp_path / 'no-openssl'))
    result = subprocess.run([sys.executable, MAKE_CERTS, str(tmp_path / 'out')], capture_output=True, text=True, timeout=30, check=False, env=env)
    assert result.returncode == 2 and 'cannot run' in result.stderr
    env = {key: value for key, value in os.environ.items() if key != 'OPENSSL'}
    env['PATH'] = str(tmp_path)
    result = subprocess.run([sys.executable, MAKE_CERTS, str(tmp_path / 'out')], capture_output=True, text=True, timeout=30, check=False, env=env)
    assert result.returncode == 2 and 'openssl command is needed' in result.stderr
    usage = subprocess.run([sys.executable, MAKE_CERTS], capture_output=True, text=True, timeout=30, check=False)
    assert usage.returncode == 2 and 'usage' in usage.stderr


def test_sdk_ram_role_arn_provider(tls_emulator, certs, monkeypatch):
    """The official credentials SDK (RamRoleArn: V1, GET, always HTTPS) gets its STS credentials from the emulator."""
    provider_module = pytest.importorskip('alibabacloud_credentials.provider.ram_role_arn')
    monkeypatch.setenv('SSL_CERT_FILE', certs['ca'])  # the SDK's TLS context loads the default paths (certifi too): trust the test CA
    provider = provider_module.RamRoleArnCredentialsProvider(access_key_id=DEMO_KEY_ID, access_key_secret=DEMO_SECRET, role_arn=DEFAULT_ROLE_ARN,
                                                             role_session_name='sdk-session', duration_seconds=900,
                                                             sts_endpoint=f'127.0.0.1:{tls_emulator.port}')
    credentials = provider.get_credentials()
    assert credentials.get_access_key_id().startswith('STS.')
    entry = tls_emulator.server.request_log.entries()[-1]
    assert (entry['service'], entry['action'], entry['method'], entry['style'], entry['status']) == ('sts', 'AssumeRole', 'GET', 'V1', 200)
    client = Client(tls_emulator.url, credentials.get_access_key_id(), credentials.get_access_key_secret(), credentials.get_security_token(),
                    verify=certs['ca'])
    assert client.ok('ListProvisionedProducts')['TotalCount'] == 3
