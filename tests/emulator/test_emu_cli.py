"""serve.py as a process: the first stdout line, flags, and a clean exit on SIGTERM / SIGINT."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys

import pytest
import requests

from emu_support import DEMO_KEY_ID, DEMO_SECRET
from emu_client import Client

SERVE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'serve.py')
LINE_RE = re.compile(r'^listening on http://127\.0\.0\.1:(\d+)$')


class Served:
    """serve.py running with some arguments."""

    def __init__(self, *args: str):
        command = [sys.executable, SERVE, '--port', '0', *args]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # pylint: disable=consider-using-with
        self.line = self.process.stdout.readline().rstrip('\n')
        match = LINE_RE.match(self.line)
        if not match:
            self.process.kill()
            raise AssertionError(f'unexpected first line {self.line!r}: {self.process.stderr.read()}')
        self.url = f'http://127.0.0.1:{match.group(1)}'

    def stop(self, sig=signal.SIGTERM) -> int:
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=10)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()


def test_default_demo_and_sigterm():
    served = Served()
    try:
        assert requests.get(f'{served.url}/_emulator/health', timeout=10).json() == {'ok': True}
        doc = Client(served.url, DEMO_KEY_ID, DEMO_SECRET).ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})
        assert doc['TotalCount'] == 5
    finally:
        assert served.stop() == 0


def test_sigint_exits_cleanly():
    served = Served()
    assert served.stop(signal.SIGINT) == 0


def test_access_keys_and_generate(tmp_path):
    served = Served('--access-key', 'AK1:secret-one', '--access-key', 'STS.AK2:secret-two:token-two', '--generate', '25')
    try:
        assert Client(served.url, 'AK1', 'secret-one').ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})['TotalCount'] == 25
        assert Client(served.url, 'STS.AK2', 'secret-two', 'token-two').ok('ListProvisionedProducts')['TotalCount'] >= 0
        status, doc = Client(served.url, DEMO_KEY_ID, DEMO_SECRET).error('ListProvisionedProducts')
        assert (status, doc['Code']) == (404, 'InvalidAccessKeyId.NotFound')
    finally:
        assert served.stop() == 0


def test_data_file_and_latency(tmp_path):
    data = tmp_path / 'data.json'
    data.write_text(json.dumps({'provisioned_products': [{'ProvisionedProductId': 'pp-bp1fromfile0001', 'ProvisionedProductName': 'from-file'}]}))
    served = Served('--data', str(data), '--latency-ms', '10')
    try:
        doc = Client(served.url, DEMO_KEY_ID, DEMO_SECRET).ok('ListProvisionedProducts')
        assert [i['ProvisionedProductName'] for i in doc['ProvisionedProductDetails']] == ['from-file']
    finally:
        assert served.stop() == 0


@pytest.mark.parametrize('args, word', [
    (['--access-key', 'no-secret'], 'ID:SECRET'),
    (['--generate', '-1'], '>= 0'),
])
def test_bad_arguments(args, word):
    result = subprocess.run([sys.executable, SERVE, *args], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and word in result.stderr and result.stdout == ''


def test_bad_data_file(tmp_path):
    data = tmp_path / 'bad.json'
    data.write_text(json.dumps({'tasks': [{'TaskId': 'x'}]}))
    result = subprocess.run([sys.executable, SERVE, '--data', str(data)], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and 'tasks[0].ProvisionedProductId' in result.stderr
    result = subprocess.run([sys.executable, SERVE, '--data', str(tmp_path / 'missing.json')], capture_output=True, text=True, timeout=30,
                            check=False)
    assert result.returncode == 2 and 'missing.json' in result.stderr
