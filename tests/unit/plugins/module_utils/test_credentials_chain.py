# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The credential chain: every row of the precedence table, every pair of rows, profiles and their files."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import itertools
import os

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import profile as profile_mod
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import (
    MISSING_CREDENTIALS, resolve_credentials, resolve_region,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.refreshing import RefreshingCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import config_error, write_cli_config, write_ini

CLI_SECRET = 'cli-SeCrEt-31a2b3c4d5e6'
INI_SECRET = 'ini-SeCrEt-41a2b3c4d5e6'


def _env(home, **extra):
    env = {'HOME': str(home)}
    env.update(extra)
    return env


def _ak(name, key='cli-id', secret=CLI_SECRET, **extra):
    profile = {'name': name, 'mode': 'AK', 'access_key_id': key, 'access_key_secret': secret, 'region_id': 'cn-hangzhou'}
    profile.update(extra)
    return profile


def _source(options, env, **kwargs):
    return resolve_credentials(options, env, **kwargs).source


# -- the precedence table, row by row and pairwise -------------------------------------------

def _set_options(options, env, home):
    options.update(alicloud_access_key='opt-id', alicloud_secret_key='opt-secret')


def _set_env_sdk(options, env, home):
    env.update(ALIBABA_CLOUD_ACCESS_KEY_ID='sdk-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET='sdk-secret')


def _set_env_alicloud(options, env, home):
    env.update(ALICLOUD_ACCESS_KEY='alic-id', ALICLOUD_SECRET_KEY='alic-secret')


def _set_cli_profile(options, env, home):
    write_cli_config(home, [_ak('default')], current='default')


def _set_ini_profile(options, env, home):
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = %s\n' % INI_SECRET)


def _set_ecs(options, env, home):
    # from the environment: an ecs_role_name option would name the source and win (test_credentials_named.py)
    env.update(ALICLOUD_ECS_ROLE_NAME='EcsRole', ALICLOUD_ECS_METADATA_URL='http://127.0.0.1:9')


ROWS = [
    ('1 options', _set_options, 'options', 'opt-id'),
    ('2a env SDK names', _set_env_sdk, 'env:ALIBABA_CLOUD_ACCESS_KEY_ID', 'sdk-id'),
    ('2b env alicloud names', _set_env_alicloud, 'env:ALICLOUD_ACCESS_KEY', 'alic-id'),
    ('3a CLI profile', _set_cli_profile, 'profile:default (~/.aliyun/config.json, mode AK)', 'cli-id'),
    ('3b ini profile', _set_ini_profile, 'profile:default (~/.alibabacloud/credentials, type access_key)', 'ini-id'),
    ('4 ECS role', _set_ecs, 'ecs-role:EcsRole', None),
]


@pytest.mark.parametrize('row', ROWS, ids=[r[0] for r in ROWS])
def test_each_row_alone(home, row):
    options, env = {}, _env(home)
    row[1](options, env, home)
    provider = resolve_credentials(options, env)
    assert provider.source == row[2]
    if row[3] is not None:
        creds = provider.get()
        assert creds.access_key_id == row[3]
        assert creds.source == row[2]
        assert provider.refreshable is False
    else:
        assert provider.refreshable is True


PAIRS = list(itertools.combinations(range(len(ROWS)), 2))


@pytest.mark.parametrize('pair', PAIRS, ids=['%s > %s' % (ROWS[a][0], ROWS[b][0]) for a, b in PAIRS])
def test_pairwise_precedence(home, pair):
    winner, loser = ROWS[pair[0]], ROWS[pair[1]]
    options, env = {}, _env(home)
    loser[1](options, env, home)
    winner[1](options, env, home)
    assert _source(options, env) == winner[2]


def test_whole_table_top_down(home):
    options, env = {}, _env(home)
    for row in ROWS:
        row[1](options, env, home)
    # remove the winner each time: the next row takes over
    expected = [r[2] for r in ROWS]
    assert _source(dict(options), dict(env)) == expected[0]
    for key in ('alicloud_access_key', 'alicloud_secret_key'):
        options.pop(key)
    assert _source(options, env) == expected[1]
    for key in ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'):
        env.pop(key)
    assert _source(options, env) == expected[2]
    for key in ('ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY'):
        env.pop(key)
    assert _source(options, env) == expected[3]
    os.remove(str(home / '.aliyun' / 'config.json'))
    assert _source(options, env) == expected[4]
    os.remove(str(home / '.alibabacloud' / 'credentials'))
    assert _source(options, env) == expected[5]
    env.pop('ALICLOUD_ECS_ROLE_NAME')
    assert config_error(options, env) == MISSING_CREDENTIALS


def test_nothing_configured_lists_every_source(home):
    message = config_error({}, _env(home))
    assert message == MISSING_CREDENTIALS
    for name in ('alicloud_access_key', 'alicloud_secret_key', 'alicloud_security_token', 'ALIBABA_CLOUD_ACCESS_KEY_ID',
                 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY', 'ALICLOUD_ACCESS_KEY_ID',
                 'ALICLOUD_SECRET_ACCESS_KEY', 'profile', 'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE', '~/.aliyun/config.json',
                 'shared_credentials_file', 'ALICLOUD_SHARED_CREDENTIALS_FILE', '~/.alibabacloud/credentials',
                 'ALIBABA_CLOUD_CREDENTIALS_FILE', 'ecs_role_name', 'ALICLOUD_ECS_ROLE_NAME', 'ALIBABA_CLOUD_ECS_METADATA'):
        assert name in message


def test_chosen_source_is_logged_without_secret(home):
    lines = []
    resolve_credentials({'alicloud_access_key': 'opt-id', 'alicloud_secret_key': 'opt-secret'}, _env(home), log=lines.append)
    assert lines == ['credentials: options (access key ID opt-id)']
    lines = []
    write_cli_config(home, [_ak('default')], current='default')
    resolve_credentials({}, _env(home), log=lines.append)
    assert lines == ['credentials: profile:default (~/.aliyun/config.json, mode AK) (access key ID cli-id)']
    assert CLI_SECRET not in ' '.join(lines)


def test_home_from_environ_else_user_home(home, tmp_path, monkeypatch):
    write_cli_config(home, [_ak('default')], current='default')
    other = tmp_path / 'other'
    other.mkdir()
    monkeypatch.setenv('HOME', str(other))
    assert _source({}, {'HOME': str(home)}).startswith('profile:default')
    with pytest.raises(ConfigError):
        resolve_credentials({}, {})  # HOME not in environ: the user's home (here the empty `other`)
    monkeypatch.setenv('HOME', str(home))
    assert _source({}, {}).startswith('profile:default')


# -- profile selection -----------------------------------------------------------------------

def test_cli_current_profile_by_default(home):
    write_cli_config(home, [_ak('default', key='d-id'), _ak('prod', key='p-id')], current='prod')
    provider = resolve_credentials({}, _env(home))
    assert provider.source == 'profile:prod (~/.aliyun/config.json, mode AK)'
    assert provider.get().access_key_id == 'p-id'
    assert provider.get().access_key_secret == CLI_SECRET


@pytest.mark.parametrize('options, env, expected', [
    ({'profile': 'opt'}, {'ALIBABA_CLOUD_PROFILE': 'sdk', 'ALICLOUD_PROFILE': 'alic'}, 'opt'),
    ({}, {'ALIBABA_CLOUD_PROFILE': 'sdk', 'ALICLOUD_PROFILE': 'alic'}, 'sdk'),
    ({'profile': ' '}, {'ALICLOUD_PROFILE': 'alic'}, 'alic'),
    ({'profile': None}, {'ALIBABA_CLOUD_PROFILE': '', 'ALICLOUD_PROFILE': 'alic'}, 'alic'),
    ({}, {}, 'cur'),
])
def test_profile_name_order(home, options, env, expected):
    write_cli_config(home, [_ak(name, key=name + '-id') for name in ('opt', 'sdk', 'alic', 'cur')], current='cur')
    assert resolve_credentials(options, _env(home, **env)).get().access_key_id == expected + '-id'


def test_ini_default_section_when_no_cli_config(home):
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = %s\n[other]\ntype = access_key\n'
                    'access_key_id = other-id\naccess_key_secret = x\n' % INI_SECRET)
    provider = resolve_credentials({}, _env(home))
    assert provider.get()[:3] == ('ini-id', INI_SECRET, None)
    assert resolve_credentials({'profile': 'other'}, _env(home)).get().access_key_id == 'other-id'


def test_cli_config_without_current_falls_to_ini(home):
    write_cli_config(home, [_ak('prod')])
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = s\n')
    assert _source({}, _env(home)) == 'profile:default (~/.alibabacloud/credentials, type access_key)'
    assert _source({'profile': 'prod'}, _env(home)) == 'profile:prod (~/.aliyun/config.json, mode AK)'


def test_explicit_name_not_in_cli_config_found_in_ini(home):
    write_cli_config(home, [_ak('default')], current='default')
    write_ini(home, '[ci]\ntype = access_key\naccess_key_id = ci-id\naccess_key_secret = s\n')
    assert _source({}, _env(home, ALIBABA_CLOUD_PROFILE='ci')) == 'profile:ci (~/.alibabacloud/credentials, type access_key)'


def test_credentials_ini_tried_after_credentials(home):
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = dotini-id\naccess_key_secret = s\n', name='credentials.ini')
    assert resolve_credentials({}, _env(home)).get().access_key_id == 'dotini-id'
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = plain-id\naccess_key_secret = s\n')
    assert resolve_credentials({}, _env(home)).get().access_key_id == 'plain-id'
    # a name only in the second file is found there
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = dotini-id\naccess_key_secret = s\n[two]\ntype = access_key\n'
                    'access_key_id = two-id\naccess_key_secret = s\n', name='credentials.ini')
    assert _source({'profile': 'two'}, _env(home)) == 'profile:two (~/.alibabacloud/credentials.ini, type access_key)'


def test_ini_without_default_section_goes_on(home):
    write_ini(home, '[prod]\ntype = access_key\naccess_key_id = p\naccess_key_secret = s\n')
    assert config_error({}, _env(home)) == MISSING_CREDENTIALS
    assert _source({'ecs_role_name': 'R'}, _env(home)) == 'ecs-role:R'


@pytest.mark.parametrize('options, env, label', [
    ({'profile': 'ghost'}, {}, 'profile: '),
    ({}, {'ALIBABA_CLOUD_PROFILE': 'ghost'}, 'profile (from ALIBABA_CLOUD_PROFILE): '),
    ({}, {'ALICLOUD_PROFILE': 'ghost'}, 'profile (from ALICLOUD_PROFILE): '),
])
def test_explicit_profile_missing_everywhere(home, options, env, label):
    write_cli_config(home, [_ak('default')], current='default')
    message = config_error(options, _env(home, **env))
    assert message.startswith(label)
    assert "'ghost'" in message
    assert '~/.aliyun/config.json' in message
    assert '~/.alibabacloud/credentials (missing)' in message
    assert '~/.alibabacloud/credentials.ini (missing)' in message


def test_explicit_profile_and_no_files(home):
    message = config_error({'profile': 'ghost'}, _env(home, ALICLOUD_ECS_ROLE_NAME='R'))
    assert message.startswith("profile: profile 'ghost' not found; looked in ~/.aliyun/config.json (missing)")


def test_cli_current_names_a_missing_profile(home):
    write_cli_config(home, [_ak('default')], current='gone')
    message = config_error({}, _env(home))
    assert '~/.aliyun/config.json' in message and "'gone'" in message and 'default' in message


def test_shared_credentials_file_option_and_env(home, tmp_path):
    opt = write_cli_config(home, [_ak('default', key='opt-file-id')], current='default', path=str(tmp_path / 'opt.json'))
    env_file = write_cli_config(home, [_ak('default', key='env-file-id')], current='default', path=str(tmp_path / 'env.json'))
    write_cli_config(home, [_ak('default', key='home-id')], current='default')
    env = _env(home, ALICLOUD_SHARED_CREDENTIALS_FILE=env_file)
    provider = resolve_credentials({'shared_credentials_file': opt}, env)
    assert provider.get().access_key_id == 'opt-file-id'
    assert provider.source == 'profile:default (%s, mode AK)' % opt
    assert resolve_credentials({}, env).get().access_key_id == 'env-file-id'
    assert resolve_credentials({}, _env(home)).get().access_key_id == 'home-id'


def test_shared_credentials_file_under_home_shown_with_tilde(home):
    path = write_cli_config(home, [_ak('default')], current='default', path=str(home / 'conf' / 'aliyun.json'))
    assert _source({'shared_credentials_file': path}, _env(home)) == 'profile:default (~/conf/aliyun.json, mode AK)'
    assert _source({'shared_credentials_file': '~/conf/aliyun.json'}, _env(home)) == 'profile:default (~/conf/aliyun.json, mode AK)'


@pytest.mark.parametrize('options, env, label', [
    ({'shared_credentials_file': '/nonexistent/config.json'}, {}, 'shared_credentials_file: '),
    ({}, {'ALICLOUD_SHARED_CREDENTIALS_FILE': '/nonexistent/config.json'},
     'shared_credentials_file (from ALICLOUD_SHARED_CREDENTIALS_FILE): '),
    ({}, {'ALIBABA_CLOUD_CREDENTIALS_FILE': '/nonexistent/credentials'}, 'ALIBABA_CLOUD_CREDENTIALS_FILE: '),
])
def test_named_file_must_exist(home, options, env, label):
    message = config_error(options, _env(home, **env))
    assert message.startswith(label) and '/nonexistent/' in message and 'does not exist' in message


def test_credentials_file_variable_replaces_ini_paths(home, tmp_path):
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = home-id\naccess_key_secret = s\n')
    path = write_ini(home, '[default]\ntype = access_key\naccess_key_id = var-id\naccess_key_secret = s\n', path=str(tmp_path / 'c.ini'))
    assert resolve_credentials({}, _env(home, ALIBABA_CLOUD_CREDENTIALS_FILE=path)).get().access_key_id == 'var-id'


def test_cli_profile_disabled_variable(home):
    write_cli_config(home, [_ak('default')], current='default')
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = s\n')
    env = _env(home, ALIBABA_CLOUD_CLI_PROFILE_DISABLED='true')
    assert resolve_credentials({}, env).get().access_key_id == 'ini-id'
    # a file named explicitly is read all the same
    path = str(home / '.aliyun' / 'config.json')
    assert resolve_credentials({'shared_credentials_file': path}, env).get().access_key_id == 'cli-id'


# -- modes and types -------------------------------------------------------------------------

def test_cli_sts_token_mode_is_static(home):
    write_cli_config(home, [{'name': 'tmp', 'mode': 'StsToken', 'access_key_id': 'STS.x', 'access_key_secret': 's',
                             'sts_token': 'tok-cli'}], current='tmp')
    provider = resolve_credentials({}, _env(home))
    assert isinstance(provider, StaticCredentialsProvider) and not provider.refreshable
    assert provider.get()[:3] == ('STS.x', 's', 'tok-cli')
    assert provider.source == 'profile:tmp (~/.aliyun/config.json, mode StsToken)'


def test_ini_sts_type_is_static(home):
    write_ini(home, '[default]\ntype = sts\naccess_key_id = STS.y\naccess_key_secret = s # a comment\nsecurity_token = tok-ini\n')
    provider = resolve_credentials({}, _env(home))
    assert provider.get()[:3] == ('STS.y', 's', 'tok-ini')
    assert provider.source == 'profile:default (~/.alibabacloud/credentials, type sts)'


@pytest.mark.parametrize('profile, source', [
    ({'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': 'b', 'ram_role_arn': 'acs:ram::123:role/x'}, 'mode RamRoleArn'),
    ({'mode': 'EcsRamRole', 'ram_role_name': 'EcsRole'}, 'mode EcsRamRole'),
])
def test_cli_temporary_modes_are_refreshable(home, profile, source):
    write_cli_config(home, [dict(profile, name='p')], current='p')
    provider = resolve_credentials({}, _env(home))
    assert isinstance(provider, RefreshingCredentialsProvider) and provider.refreshable
    assert provider.source == 'profile:p (~/.aliyun/config.json, %s)' % source


@pytest.mark.parametrize('text, source', [
    ('type = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\nrole_arn = acs:ram::123:role/x\n', 'type ram_role_arn'),
    ('type = ecs_ram_role\nrole_name = EcsRole\n', 'type ecs_ram_role'),
])
def test_ini_temporary_types_are_refreshable(home, text, source):
    write_ini(home, '[default]\n' + text)
    provider = resolve_credentials({}, _env(home))
    assert provider.refreshable
    assert provider.source == 'profile:default (~/.alibabacloud/credentials, %s)' % source


@pytest.mark.parametrize('mode', ['External', 'CloudSSO', 'OAuth', 'RsaKeyPair'])
def test_unsupported_cli_modes(home, mode):
    write_cli_config(home, [{'name': 'p', 'mode': mode, 'access_key_secret': CLI_SECRET}], current='p')
    message = config_error({}, _env(home))
    assert message.startswith('profile p in ~/.aliyun/config.json: mode %s is not supported' % mode)
    assert 'AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CredentialsURI' in message
    assert CLI_SECRET not in message


@pytest.mark.parametrize('kind', ['rsa_key_pair', 'bearer'])
def test_unsupported_ini_types(home, kind):
    write_ini(home, '[default]\ntype = %s\naccess_key_secret = %s\n' % (kind, INI_SECRET))
    message = config_error({}, _env(home))
    assert message.startswith('profile default in ~/.alibabacloud/credentials: type %s is not supported' % kind)
    assert 'access_key, sts, ram_role_arn, ecs_ram_role, oidc_role_arn, credentials_uri' in message
    assert INI_SECRET not in message


def test_missing_mode_and_type(home):
    write_cli_config(home, [{'name': 'p', 'access_key_id': 'a'}], current='p')
    assert 'has no mode; supported: AK' in config_error({}, _env(home))
    os.remove(str(home / '.aliyun' / 'config.json'))
    write_ini(home, '[default]\naccess_key_id = a\n')
    assert 'has no type; supported: access_key' in config_error({}, _env(home))


@pytest.mark.parametrize('profile, field', [
    ({'mode': 'AK', 'access_key_id': 'a'}, 'access_key_secret'),
    ({'mode': 'AK', 'access_key_secret': CLI_SECRET}, 'access_key_id'),
    ({'mode': 'StsToken', 'access_key_id': 'a', 'access_key_secret': CLI_SECRET}, 'sts_token'),
    ({'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': CLI_SECRET}, 'ram_role_arn'),
    ({'mode': 'EcsRamRole', 'ram_role_name': ''}, 'ram_role_name'),
])
def test_incomplete_cli_profile(home, profile, field):
    write_cli_config(home, [dict(profile, name='p')], current='p')
    message = config_error({}, _env(home))
    assert message.startswith('profile p in ~/.aliyun/config.json: mode %s needs %s' % (profile['mode'], field))
    assert CLI_SECRET not in message


@pytest.mark.parametrize('text, field', [
    ('type = access_key\naccess_key_id = a\n', 'access_key_secret'),
    ('type = sts\naccess_key_id = a\naccess_key_secret = %s\n' % INI_SECRET, 'security_token'),
    ('type = ram_role_arn\naccess_key_id = a\naccess_key_secret = %s\n' % INI_SECRET, 'role_arn'),
    ('type = ecs_ram_role\n', 'role_name'),
])
def test_incomplete_ini_section(home, text, field):
    write_ini(home, '[default]\n' + text)
    message = config_error({}, _env(home))
    assert message.endswith('needs %s' % field)
    assert INI_SECRET not in message


def test_profile_role_fields_validated(home):
    write_cli_config(home, [{'name': 'p', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': 'b',
                             'ram_role_arn': 'arn:aws:iam::1:role/x'}], current='p')
    assert config_error({}, _env(home)).startswith('profile p in ~/.aliyun/config.json: ram_role_arn: ')
    write_cli_config(home, [{'name': 'p', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': 'b',
                             'ram_role_arn': 'acs:ram::1:role/x', 'expired_seconds': 100}], current='p')
    assert config_error({}, _env(home)).startswith('profile p in ~/.aliyun/config.json: expired_seconds: must be between 900 and 43200')
    write_cli_config(home, [{'name': 'p', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': 'b',
                             'ram_role_arn': 'acs:ram::1:role/x', 'sts_region': 'Not A Region'}], current='p')
    assert config_error({}, _env(home)).startswith('profile p in ~/.aliyun/config.json: sts_region: ')
    write_cli_config(home, [{'name': 'p', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': 'b',
                             'ram_role_arn': 'acs:ram::1:role/x', 'ram_session_name': 'a b'}], current='p')
    assert config_error({}, _env(home)).startswith('profile p in ~/.aliyun/config.json: ram_session_name: ')
    write_ini(home, '[default]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\nrole_arn = acs:ram::1:role/x\n'
                    'policy = {"Statement":\n')
    assert config_error({}, _env(home, ALIBABA_CLOUD_CLI_PROFILE_DISABLED='true')).startswith(
        'profile default in ~/.alibabacloud/credentials: policy: must be a JSON policy document')


def test_profile_role_is_logged_once(home):
    write_cli_config(home, [{'name': 'p', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': CLI_SECRET,
                             'ram_role_arn': 'acs:ram::1:role/x', 'sts_region': 'cn-beijing'}], current='p')
    lines = []
    resolve_credentials({}, _env(home), log=lines.append)
    assert lines == ['credentials: profile:p (~/.aliyun/config.json, mode RamRoleArn): assume-role acs:ram::1:role/x '
                     '(session ansible-servicecatalog, 3600 s) through sts.cn-beijing.aliyuncs.com']


# -- malformed files -------------------------------------------------------------------------

@pytest.mark.parametrize('content, problem', [
    ('{"current": "default", "profiles": [{"name": "default", "access_key_secret": "%s",}]}' % CLI_SECRET, 'is not valid JSON'),
    ('["%s"]' % CLI_SECRET, 'must hold a JSON object'),
    ('{"profiles": {"name": "%s"}}' % CLI_SECRET, '"profiles" in ~/.aliyun/config.json must be a list'),
    ('{"profiles": ["%s"]}' % CLI_SECRET, 'profile #1 in ~/.aliyun/config.json is not an object with a "name"'),
    ('{"current": ["%s"], "profiles": []}' % CLI_SECRET, '"current" in ~/.aliyun/config.json must be a profile name'),
    ('', 'is not valid JSON'),
])
def test_malformed_cli_config(home, content, problem):
    path = home / '.aliyun' / 'config.json'
    path.parent.mkdir()
    path.write_text(content)
    message = config_error({}, _env(home))
    assert problem in message
    assert '~/.aliyun/config.json' in message
    assert CLI_SECRET not in message


def test_malformed_cli_config_even_with_explicit_profile(home):
    path = home / '.aliyun' / 'config.json'
    path.parent.mkdir()
    path.write_text('{oops %s' % CLI_SECRET)
    message = config_error({'profile': 'prod'}, _env(home))
    assert message.startswith('profile: ~/.aliyun/config.json is not valid JSON (')
    assert 'line 1 column 2' in message and CLI_SECRET not in message


@pytest.mark.parametrize('content, problem', [
    ('access_key_secret = %s\n[default]\n' % INI_SECRET, 'line 1 comes before any [section] header'),
    ('[default]\ntype = access_key\n[default]\naccess_key_secret = %s\n' % INI_SECRET, 'section [default] appears twice'),
    ('[default]\naccess_key_secret = %s\naccess_key_secret = %s\n' % (INI_SECRET, INI_SECRET), 'key access_key_secret appears twice'),
    ('[default]\ntype = access_key\n%s\n' % INI_SECRET, 'cannot parse line 3'),
])
def test_malformed_ini(home, content, problem):
    write_ini(home, content)
    message = config_error({}, _env(home))
    assert problem in message
    assert '~/.alibabacloud/credentials' in message
    assert INI_SECRET not in message


def test_non_utf8_file(home):
    path = home / '.aliyun' / 'config.json'
    path.parent.mkdir()
    path.write_bytes(b'{"current": "\xff\xfe"}')
    assert 'is not UTF-8 text' in config_error({}, _env(home))


def test_unreadable_file(home, monkeypatch):
    write_cli_config(home, [_ak('default')], current='default')

    def refuse(*args, **kwargs):
        raise PermissionError(13, 'Permission denied')
    monkeypatch.setattr(profile_mod, 'open', refuse, raising=False)
    message = config_error({}, _env(home))
    assert message == 'profile: cannot read ~/.aliyun/config.json (Permission denied)'


# -- region ----------------------------------------------------------------------------------

def test_region_falls_back_to_the_selected_profile(home):
    write_cli_config(home, [_ak('default', region_id='cn-shanghai'), _ak('prod', region_id='ap-southeast-1')], current='default')
    assert resolve_region({}, _env(home)) == 'cn-shanghai'
    assert resolve_region({'profile': 'prod'}, _env(home)) == 'ap-southeast-1'
    assert resolve_region({}, _env(home, ALIBABA_CLOUD_PROFILE='prod')) == 'ap-southeast-1'
    assert resolve_region({}, _env(home, ALICLOUD_REGION='eu-central-1')) == 'eu-central-1'
    assert resolve_region({'alicloud_region': 'us-west-1'}, _env(home, ALICLOUD_REGION='eu-central-1')) == 'us-west-1'


def test_region_from_ini_section_and_none(home):
    assert resolve_region({}, _env(home)) is None
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = a\naccess_key_secret = s\nregion_id = cn-beijing\n')
    assert resolve_region({}, _env(home)) == 'cn-beijing'
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = a\naccess_key_secret = s\n')
    assert resolve_region({}, _env(home)) is None


def test_region_profile_missing_is_an_error(home):
    with pytest.raises(ConfigError) as info:
        resolve_region({'profile': 'ghost'}, _env(home))
    assert "'ghost'" in str(info.value)
