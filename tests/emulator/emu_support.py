"""Keys and datasets shared by the emulator tests (imported by conftest.py and the test modules)."""
from __future__ import annotations

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
