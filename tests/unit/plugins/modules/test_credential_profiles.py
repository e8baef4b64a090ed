# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Profiles (source 3 of the chain) for a module, end to end: ``task_info``'s ``main()`` in this process with its
options and process environment against a private emulator that accepts four keys, so its request log tells which
profile signed. The aliyun CLI's ~/.aliyun/config.json (modes AK, StsToken, RamRoleArn, EcsRamRole; picked by
profile, ALIBABA_CLOUD_PROFILE, ALICLOUD_PROFILE or "current"; file from shared_credentials_file or
ALICLOUD_SHARED_CREDENTIALS_FILE) and the SDK's ~/.alibabacloud/credentials ini file. HOME is a temporary directory.

These cases ran through ansible-test in the ``credentials_profile`` target; the module reads its environment and
files itself. The target keeps the current profile and a variable through ansible-core's ``environment:``, and the
profiles that cannot be used (their one-line messages reaching the play).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_credential_sources import Setting, TASK, calls, issued, private_setting, probe

from sc_emulator.signing import AccessKey, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # pylint: disable=import-error

KEY2, SECRET2 = 'LTAI5tCredProfileKey02', 'CredProfileSecret-0000000000000002'
KEY4, SECRET4 = 'LTAI5tCredProfileKey04', 'CredProfileSecret-0000000000000004'
STS_KEY, STS_SECRET, STS_TOKEN = 'STS.CredProfileToken0003', 'CredProfileSecret-0000000000000003', 'CredProfileToken-0000000000000003'
DEFAULT_ROLE = 'acs:ram::1466115886170001:role/servicecatalog-reader'
ECS_ROLE = 'servicecatalog-ecs-role'
DEMO_OUTPUTS = {'instance_id': 'i-bp1g6zv0ce8oghu7k5n1', 'PublicIP': '47.98.123.45', 'private_ip': '10.0.1.23'}
INI = '''[default]
type = access_key                  # comments are stripped, as the SDK does
access_key_id = %s
access_key_secret = %s

[ini-role]
type = ram_role_arn
access_key_id = %s
access_key_secret = %s
role_arn = %s
role_session_name = itest-ini-profile

[ini-ecs]
type = ecs_ram_role
role_name = %s
''' % (KEY4, SECRET4, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEFAULT_ROLE, ECS_ROLE)


class Profiles(Setting):
    def prepare(self):
        profiles = [
            {'name': 'ak', 'mode': 'AK', 'access_key_id': DEMO_ACCESS_KEY_ID, 'access_key_secret': DEMO_ACCESS_KEY_SECRET, 'region_id': 'cn-hangzhou'},
            {'name': 'key2', 'mode': 'AK', 'access_key_id': KEY2, 'access_key_secret': SECRET2, 'region_id': 'cn-hangzhou'},
            {'name': 'sts', 'mode': 'StsToken', 'access_key_id': STS_KEY, 'access_key_secret': STS_SECRET, 'sts_token': STS_TOKEN},
            {'name': 'role', 'mode': 'RamRoleArn', 'access_key_id': DEMO_ACCESS_KEY_ID, 'access_key_secret': DEMO_ACCESS_KEY_SECRET,
             'ram_role_arn': DEFAULT_ROLE, 'ram_session_name': 'itest-cli-profile', 'expired_seconds': 900, 'sts_region': 'cn-shanghai'},
            {'name': 'ecs', 'mode': 'EcsRamRole', 'ram_role_name': ECS_ROLE},
            {'name': 'external', 'mode': 'External', 'process_command': 'echo no'},
        ]
        self.write('homes/home/.aliyun/config.json', json.dumps({'current': 'ak', 'profiles': profiles}, indent=2))
        self.write('other-config.json', json.dumps({'current': 'elsewhere', 'profiles': [
            {'name': 'elsewhere', 'mode': 'AK', 'access_key_id': KEY2, 'access_key_secret': SECRET2}]}))
        self.write('homes/home/.alibabacloud/credentials', INI)
        self.write('homes/home-ini/.alibabacloud/credentials', INI)
        self.other_file = os.path.join(self.dir, 'other-config.json')


@pytest.fixture(scope='module')
def setting(tmp_path_factory):
    keys = [AccessKey(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET), AccessKey(KEY2, SECRET2), AccessKey(KEY4, SECRET4),
            AccessKey(STS_KEY, STS_SECRET, STS_TOKEN)]
    yield from private_setting(Profiles, tmp_path_factory, keys)


def _run(setting, monkeypatch, args=None, env=None, home='home'):
    """The target's probe: HOME (homes/home unless given) and the given environment only."""
    return probe(setting, monkeypatch, args, env, home, endpoints=False)


def _ok(got):
    assert got.ran.rc == 0, got.ran.result
    assert got.ran.result['tasks'][0]['task_id'] == TASK


# name, args (a function of the setting), env (a function of the setting), home, the key that signs
SIGNERS = [
    ('no name given, the file\'s current profile (AK) signs', None, None, 'home', DEMO_ACCESS_KEY_ID),
    ('profile option, mode StsToken', lambda s: {'profile': 'sts'}, None, 'home', STS_KEY),
    ('ALIBABA_CLOUD_PROFILE names the profile, and wins over ALICLOUD_PROFILE', None,
     lambda s: {'ALIBABA_CLOUD_PROFILE': 'sts', 'ALICLOUD_PROFILE': 'key2'}, 'home', STS_KEY),
    ('ALICLOUD_PROFILE names the profile', None, lambda s: {'ALICLOUD_PROFILE': 'key2'}, 'home', KEY2),
    ('the profile option wins over the variables', lambda s: {'profile': 'key2'}, lambda s: {'ALIBABA_CLOUD_PROFILE': 'sts'}, 'home', KEY2),
    ('shared_credentials_file, its current profile', lambda s: {'shared_credentials_file': s.other_file}, None, 'home', KEY2),
    ('ALICLOUD_SHARED_CREDENTIALS_FILE', None, lambda s: {'ALICLOUD_SHARED_CREDENTIALS_FILE': s.other_file}, 'home', KEY2),
    ('without a CLI configuration, the ini file\'s [default] section', None, None, 'home-ini', KEY4),
    ('ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true skips ~/.aliyun/config.json', None,
     lambda s: {'ALIBABA_CLOUD_CLI_PROFILE_DISABLED': 'true'}, 'home', KEY4),
]


@pytest.mark.parametrize('name, args, env, home, key', SIGNERS, ids=[case[0] for case in SIGNERS])
def test_the_profile_signs(setting, monkeypatch, name, args, env, home, key):
    got = _run(setting, monkeypatch, args(setting) if args else None, env(setting) if env else None, home)
    _ok(got)
    assert got.keys == [key], name
    if name.startswith('no name'):
        assert got.ran.result['tasks'][0]['output_values'] == DEMO_OUTPUTS


@pytest.mark.parametrize('profile, session, duration', [('role', 'itest-cli-profile', '900'), ('ini-role', 'itest-ini-profile', '3600')],
                         ids=['CLI mode RamRoleArn (alias alicloud_profile; sts_endpoint wins over sts_region)', 'ini type ram_role_arn'])
def test_a_role_profile_assumes_its_role(setting, monkeypatch, profile, session, duration):
    option = 'alicloud_profile' if profile == 'role' else 'profile'
    got = _run(setting, monkeypatch, {option: profile, 'sts_endpoint': setting.url})
    _ok(got)
    sts = calls(got.log, 'sts')
    assert len(sts) == 1 and sts[0]['access_key_id'] == DEMO_ACCESS_KEY_ID and sts[0]['status'] == 200
    assert (sts[0]['params']['RoleArn'], sts[0]['params']['RoleSessionName'], sts[0]['params']['DurationSeconds']) == (DEFAULT_ROLE, session, duration)
    assert len(got.keys) == 1 and got.keys[0].startswith('STS.') and got.keys[0] in issued(setting, 'sts')


@pytest.mark.parametrize('profile', ['ecs', 'ini-ecs'], ids=['CLI mode EcsRamRole', 'ini type ecs_ram_role'])
def test_an_ecs_role_profile_asks_the_metadata_service(setting, monkeypatch, profile):
    got = _run(setting, monkeypatch, {'profile': profile, 'ecs_metadata_url': setting.url})
    _ok(got)
    if profile == 'ecs':  # IMDSv2: a session token first
        assert [entry['path'] for entry in calls(got.log, 'metadata')] == ['/latest/api/token', '/latest/meta-data/ram/security-credentials/' + ECS_ROLE]
    assert len(got.keys) == 1 and got.keys[0] in issued(setting, 'metadata')
