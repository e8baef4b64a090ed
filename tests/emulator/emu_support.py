"""Keys and datasets shared by the emulator tests (imported by conftest.py and the test modules)."""
from __future__ import annotations

import contextlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from sc_emulator.data import load_demo  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.signing import DEMO_ACCESS_KEY, AccessKey  # noqa: E402  pylint: disable=wrong-import-position

DEMO_KEY_ID = DEMO_ACCESS_KEY.access_key_id
DEMO_SECRET = DEMO_ACCESS_KEY.secret
ALICE_KEY = AccessKey('LTAI5tAliceKey000001', 'alice-secret-0001')
STS_KEY = AccessKey('STS.NTestTemporaryKey01', 'sts-secret-0001', 'sts-token-0001-CAIS')
OTHER_STS_KEY = AccessKey('STS.NTestTemporaryKey02', 'sts-secret-0002', 'sts-token-0002-CAIS')
EXPIRED_STS_KEY = AccessKey('STS.NTestExpiredKey03', 'sts-secret-0003', 'sts-token-0003-CAIS', token_expiration=1577836800.0)
TEST_KEYS = (DEMO_ACCESS_KEY, ALICE_KEY, STS_KEY, OTHER_STS_KEY, EXPIRED_STS_KEY)
SECRETS_AND_TOKENS = [DEMO_SECRET] + [k.secret for k in TEST_KEYS] + [k.security_token for k in TEST_KEYS if k.security_token]


def demo_dataset() -> dict:
    """The demo dataset, plus alice's access key so tests can call as another principal."""
    raw = load_demo()
    raw['principals'] = {'240000000000000002': {'PrincipalName': 'alice', 'PrincipalType': 'RamUser', 'Uid': '1466115886170001',
                                                'AccessKeyIds': [ALICE_KEY.access_key_id]}}
    return raw


@contextlib.contextmanager
def provisioning_time(running, seconds: float):
    """Writes of a running emulator take ``seconds`` (0: they settle at once) inside the block; its setting is restored
    afterwards, and queued answer drops are cleared before and after."""
    before = running.store.provision_seconds
    running.store.provisioning_settings({'seconds': seconds})
    running.server.drops.configure({'clear': True})
    try:
        yield running
    finally:
        running.server.drops.configure({'clear': True})
        running.store.provisioning_settings({'seconds': before})


def changed(body: dict, change: dict) -> dict:
    """A copy of a request body with a change applied (a None value removes that parameter)."""
    result = dict(body)
    for name, value in change.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result
