# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The order of the credential chain (plugins/module_utils/credentials/chain.py) for a module, end to end:
``task_info``'s ``main()`` in this process with its options and process environment, against a private emulator
where each source has its own key, so the request log says which one signed; in the pair tests the losing source
holds a wrong secret (or a role the instance lacks), so the call would fail if it were used.

1 options > 2 environment (2a ALIBABA_CLOUD_* > 2b ALICLOUD_*) > 3 profile > 4 ECS RAM role > 5 error; a source named
by the task's options (profile, ecs_role_name...) wins over all of them; assume role wraps the winner. These module
cases ran through ansible-test in the ``credentials_precedence`` target on both cores; the module reads its
environment itself. The target keeps one module case through ansible-core's ``environment:`` and the lookup's
cases (keyword arguments, variables and the controller's environment: option handling that ansible-core does).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_credential_sources import Setting, TASK, calls, issued, private_setting, probe

from sc_emulator.signing import AccessKey, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # pylint: disable=import-error

KEY_OPTIONS, SECRET_OPTIONS = DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
KEY_ENV, SECRET_ENV = 'LTAI5tCredPrecEnvKey02', 'CredPrecSecret-0000000000000002'
KEY_ENV2, SECRET_ENV2 = 'LTAI5tCredPrecEnvKey03', 'CredPrecSecret-0000000000000003'
KEY_PROFILE, SECRET_PROFILE = 'LTAI5tCredPrecProfKey04', 'CredPrecSecret-0000000000000004'
WRONG_SECRET = 'CredPrecWrongSecret-9999999999'
DEFAULT_ROLE = 'acs:ram::1466115886170001:role/servicecatalog-reader'
ECS_ROLE = 'servicecatalog-ecs-role'

OPTION_KEYS = {'alicloud_access_key': KEY_OPTIONS, 'alicloud_secret_key': SECRET_OPTIONS}
ENV_KEYS = {'ALIBABA_CLOUD_ACCESS_KEY_ID': KEY_ENV, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': SECRET_ENV}
ENV_BAD = {'ALIBABA_CLOUD_ACCESS_KEY_ID': KEY_ENV, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': WRONG_SECRET}


class Precedence(Setting):
    def prepare(self):
        os.makedirs(self.home, mode=0o700)
        good = {'name': 'main', 'mode': 'AK', 'access_key_id': KEY_PROFILE, 'access_key_secret': SECRET_PROFILE}
        bad = {'name': 'bad', 'mode': 'AK', 'access_key_id': KEY_PROFILE, 'access_key_secret': WRONG_SECRET}
        self.write('homes/profile/.aliyun/config.json', json.dumps({'current': 'main', 'profiles': [good, bad]}))
        self.write('homes/bad/.aliyun/config.json', json.dumps({'current': 'bad', 'profiles': [bad]}))

    def ecs(self, role=ECS_ROLE):
        return {'ALICLOUD_ECS_ROLE_NAME': role, 'ALICLOUD_ECS_METADATA_URL': self.url}


@pytest.fixture(scope='module')
def setting(tmp_path_factory):
    keys = [AccessKey(KEY_OPTIONS, SECRET_OPTIONS), AccessKey(KEY_ENV, SECRET_ENV), AccessKey(KEY_ENV2, SECRET_ENV2),
            AccessKey(KEY_PROFILE, SECRET_PROFILE)]
    yield from private_setting(Precedence, tmp_path_factory, keys)


def _run(setting, monkeypatch, args=None, env=None, home=None):
    """The target's probe: HOME and the given environment only (no STS or metadata endpoint unless given)."""
    return probe(setting, monkeypatch, args, env, home, endpoints=False)


def _signed_by(got, key):
    assert got.ran.rc == 0, got.ran.result
    assert got.ran.result['tasks'][0]['task_id'] == TASK
    assert got.keys == [key]


# name, args, env, home, the key that signs (None: one the emulator issued through the metadata service),
# whether the metadata service may be asked
PAIRS = [
    ('1 > 2: options beat environment keys', OPTION_KEYS, ENV_BAD, None, KEY_OPTIONS, True),
    ('2a > 2b: ALIBABA_CLOUD_* beat ALICLOUD_*', None, dict(ENV_KEYS, ALICLOUD_ACCESS_KEY=KEY_ENV2, ALICLOUD_SECRET_KEY=WRONG_SECRET), None,
     KEY_ENV, True),
    ('2b: ALICLOUD_ACCESS_KEY_ID / ALICLOUD_SECRET_ACCESS_KEY alone', None,
     {'ALICLOUD_ACCESS_KEY_ID': KEY_ENV2, 'ALICLOUD_SECRET_ACCESS_KEY': SECRET_ENV2}, None, KEY_ENV2, True),
    ('2 > 3: environment keys beat the current profile', None, ENV_KEYS, 'bad', KEY_ENV, True),
    ('Named: a profile named by the profile option beats the environment\'s keys (as AWX injects them)', {'profile': 'main'}, ENV_BAD,
     'profile', KEY_PROFILE, True),
    ('3 > 4: the current profile beats the ECS role', None, 'ecs-bad', 'profile', KEY_PROFILE, False),
    ('Chain: options, environment, profile and ECS role all configured', OPTION_KEYS, 'keys+ecs', 'profile', KEY_OPTIONS, False),
    ('Chain: without options', None, 'keys+ecs', 'profile', KEY_ENV, False),
    ('Chain: without options and environment keys', None, 'ecs', 'profile', KEY_PROFILE, False),
]


def _env(setting, env):
    return {'ecs-bad': lambda: setting.ecs('no-such-role'), 'keys+ecs': lambda: dict(ENV_KEYS, **setting.ecs()),
            'ecs': setting.ecs}[env]() if isinstance(env, str) else env


@pytest.mark.parametrize('name, args, env, home, key, metadata', PAIRS, ids=[pair[0] for pair in PAIRS])
def test_the_winner_signs(setting, monkeypatch, name, args, env, home, key, metadata):
    got = _run(setting, monkeypatch, args, _env(setting, env), home)
    _signed_by(got, key)
    if not metadata:
        assert calls(got.log, 'metadata') == []


def test_the_ecs_role_name_option_beats_the_current_profile(setting, monkeypatch):
    got = _run(setting, monkeypatch, {'ecs_role_name': ECS_ROLE, 'ecs_metadata_url': setting.url}, None, 'bad')
    assert got.ran.rc == 0, got.ran.result
    assert len(got.keys) == 1 and got.keys[0] in issued(setting, 'metadata')


def test_only_the_ecs_role(setting, monkeypatch):
    got = _run(setting, monkeypatch, None, setting.ecs())
    assert got.ran.rc == 0, got.ran.result
    assert len(calls(got.log, 'metadata')) >= 2
    assert len(got.keys) == 1 and got.keys[0] in issued(setting, 'metadata')


def test_assume_role_wraps_the_winner(setting, monkeypatch):
    env = dict(ENV_KEYS, ALICLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE, ALICLOUD_STS_ENDPOINT=setting.url, **setting.ecs())
    got = _run(setting, monkeypatch, None, env, 'profile')
    assert got.ran.rc == 0, got.ran.result
    sts = calls(got.log, 'sts')
    assert len(sts) == 1 and sts[0]['access_key_id'] == KEY_ENV
    assert len(got.keys) == 1 and got.keys[0] in issued(setting, 'sts')
    assert calls(got.log, 'metadata') == []


@pytest.mark.parametrize('name, args, env, home, msg', [
    ('a key of one family is never paired with the secret of the other', None,
     {'ALIBABA_CLOUD_ACCESS_KEY_ID': KEY_ENV, 'ALICLOUD_SECRET_KEY': SECRET_ENV}, None,
     'environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET must be set together'),
    ('options of two sources fail naming both', {'profile': 'main', 'ecs_role_name': ECS_ROLE, 'ecs_metadata_url': 'URL'}, 'keys', 'profile',
     'profile (profile) and ecs_role_name (ECS RAM role): options of 2 credential sources at once; give the options of one source only'),
], ids=['mixed families', 'two named sources'])
def test_refused_before_any_call(setting, monkeypatch, name, args, env, home, msg):
    if args and args.get('ecs_metadata_url') == 'URL':
        args = dict(args, ecs_metadata_url=setting.url)
    got = _run(setting, monkeypatch, args, ENV_KEYS if env == 'keys' else env, home)
    assert got.ran.rc == 1 and got.ran.result['msg'] == msg, (name, got.ran.result)
    assert got.log == []


def test_nothing_configured_lists_every_source(setting, monkeypatch):
    got = _run(setting, monkeypatch)
    assert got.ran.rc == 1
    msg = got.ran.result['msg']
    assert msg.startswith('no credentials found')
    for word in ('alicloud_access_key', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'ALIBABA_CLOUD_PROFILE', '~/.aliyun/config.json',
                 'ALICLOUD_ECS_ROLE_NAME'):
        assert word in msg, (word, msg)
    assert got.log == []
