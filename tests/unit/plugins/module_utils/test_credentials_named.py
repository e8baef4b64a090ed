# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A source named by the task's own options wins over the environment and the chain's order;
options naming two sources at once fail naming both; layering and the chain without named
sources stay as they were."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials, resolve_region
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    ARN, OIDC_PROVIDER_ARN, config_error, write_cli_config, write_ini, write_token,
)

SECRET = 'named-SeCrEt-51a2b3c4d5e6'
# as AWX injects an AccessKey credential
AWX_KEYS = {'ALIBABA_CLOUD_ACCESS_KEY_ID': 'awx-id', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'awx-secret'}
ALICLOUD_KEYS = {'ALICLOUD_ACCESS_KEY': 'alic-id', 'ALICLOUD_SECRET_KEY': 'alic-secret'}
OPTION_KEYS = {'alicloud_access_key': 'opt-id', 'alicloud_secret_key': 'opt-secret'}
URI = 'http://127.0.0.1:9/credentials'


def _ak(name, key, **extra):
    profile = {'name': name, 'mode': 'AK', 'access_key_id': key, 'access_key_secret': SECRET}
    profile.update(extra)
    return profile


@pytest.fixture
def home(tmp_path):
    """A home with a CLI config whose current profile is ``dev`` and which also holds ``prod``."""
    write_cli_config(tmp_path, [_ak('dev', 'dev-id', region_id='cn-beijing'), _ak('prod', 'prod-id', region_id='cn-shanghai')],
                     current='dev')
    return tmp_path


def _env(home, *parts, **extra):
    env = {'HOME': str(home)}
    for part in parts:
        env.update(part)
    env.update(extra)
    return env


# -- a named source wins ----------------------------------------------------------------------

@pytest.mark.parametrize('keys', [AWX_KEYS, ALICLOUD_KEYS], ids=['ALIBABA_CLOUD', 'ALICLOUD'])
def test_profile_option_wins_over_environment_keys(home, keys):
    lines = []
    provider = resolve_credentials({'profile': 'prod'}, _env(home, keys), log=lines.append)
    assert provider.source == 'profile:prod (~/.aliyun/config.json, mode AK)'
    assert provider.get().access_key_id == 'prod-id'
    key_var = sorted(keys)[0] if keys is AWX_KEYS else 'ALICLOUD_ACCESS_KEY'
    assert lines == ['credentials: profile named by the profile option: the key in the environment (%s) is not used' % key_var,
                     'credentials: profile:prod (~/.aliyun/config.json, mode AK) (access key ID prod-id)']
    assert 'awx-secret' not in ' '.join(lines) and SECRET not in ' '.join(lines)


def test_profile_option_in_the_ini_file_wins_over_environment_keys(tmp_path):
    write_ini(tmp_path, '[ops]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = %s\n' % SECRET)
    provider = resolve_credentials({'profile': 'ops'}, _env(tmp_path, AWX_KEYS))
    assert provider.get().access_key_id == 'ini-id'


def test_profile_option_that_no_file_holds_is_an_error_not_the_environment(home):
    message = config_error({'profile': 'ghost'}, _env(home, AWX_KEYS))
    assert message.startswith("profile: profile 'ghost' not found; looked in ~/.aliyun/config.json")


def test_ecs_role_name_option_wins_over_the_current_profile(home):
    provider = resolve_credentials({'ecs_role_name': 'EcsRole', 'ecs_metadata_url': 'http://127.0.0.1:9'}, _env(home))
    assert provider.source == 'ecs-role:EcsRole'
    assert provider.refreshable


def test_ecs_role_name_option_wins_over_environment_keys_and_profile_variable(home):
    env = _env(home, AWX_KEYS, ALIBABA_CLOUD_PROFILE='prod')
    assert resolve_credentials({'ecs_role_name': 'EcsRole'}, env).source == 'ecs-role:EcsRole'


def test_credentials_uri_option_wins_over_environment_keys_and_profile(home):
    provider = resolve_credentials({'credentials_uri': URI}, _env(home, AWX_KEYS))
    assert provider.source == 'credentials-uri:%s' % URI


def test_oidc_options_win_over_environment_keys(home):
    token = write_token(home / 'token')
    options = {'oidc_role_arn': ARN, 'oidc_provider_arn': OIDC_PROVIDER_ARN, 'oidc_token_file': token}
    assert resolve_credentials(options, _env(home, AWX_KEYS)).source == 'oidc-role:%s' % ARN


# -- two named sources fail, naming both ------------------------------------------------------

@pytest.mark.parametrize('options, expected', [
    ({'profile': 'prod', 'ecs_role_name': 'EcsRole'},
     'profile (profile) and ecs_role_name (ECS RAM role): options of 2 credential sources at once; give the options of one source only'),
    (dict(OPTION_KEYS, profile='prod'),
     'alicloud_access_key + alicloud_secret_key (access key options) and profile (profile): options of 2 credential sources at once; '
     'give the options of one source only'),
    ({'alicloud_access_key': 'opt-id', 'alicloud_secret_key': 'opt-secret', 'alicloud_security_token': 'tok', 'credentials_uri': URI},
     'alicloud_access_key + alicloud_secret_key + alicloud_security_token (access key options) and credentials_uri (credentials URI): '
     'options of 2 credential sources at once; give the options of one source only'),
    ({'profile': 'prod', 'ecs_role_name': 'EcsRole', 'credentials_uri': URI},
     'profile (profile) and ecs_role_name (ECS RAM role) and credentials_uri (credentials URI): options of 3 credential sources at once; '
     'give the options of one source only'),
])
def test_two_named_sources_fail_naming_both(home, options, expected):
    assert config_error(options, _env(home)) == expected
    assert config_error(options, _env(home, AWX_KEYS)) == expected


def test_oidc_options_and_key_options_fail_naming_both(home):
    token = write_token(home / 'token')
    options = dict(OPTION_KEYS, oidc_role_arn=ARN, oidc_provider_arn=OIDC_PROVIDER_ARN, oidc_token_file=token)
    message = config_error(options, _env(home))
    assert message.startswith('alicloud_access_key + alicloud_secret_key (access key options) and '
                              'oidc_role_arn + oidc_provider_arn + oidc_token_file (OIDC role): options of 2 credential sources')


def test_a_secret_option_is_never_in_the_message(home):
    message = config_error(dict(OPTION_KEYS, ecs_role_name='EcsRole'), _env(home))
    assert 'opt-secret' not in message and 'opt-id' not in message


# -- what is not two sources keeps working ----------------------------------------------------

def test_assume_role_on_a_named_profile_is_layering(home):
    provider = resolve_credentials({'profile': 'prod', 'alicloud_assume_role_arn': ARN}, _env(home, AWX_KEYS))
    assert provider.source == 'assume-role:%s via profile:prod (~/.aliyun/config.json, mode AK)' % ARN


def test_assume_role_on_option_keys_and_on_environment_keys(home):
    assert resolve_credentials(dict(OPTION_KEYS, alicloud_assume_role_arn=ARN), _env(home, AWX_KEYS)).source == \
        'assume-role:%s via options' % ARN
    assert resolve_credentials({'alicloud_assume_role_arn': ARN}, _env(home, AWX_KEYS)).source == \
        'assume-role:%s via env:ALIBABA_CLOUD_ACCESS_KEY_ID' % ARN


def test_option_keys_with_environment_keys_and_the_files_of_a_source(home, tmp_path):
    # shared_credentials_file and ecs_metadata_url say where a source reads, they do not name one
    options = dict(OPTION_KEYS, shared_credentials_file=str(home / '.aliyun' / 'config.json'), ecs_metadata_url='http://127.0.0.1:9')
    provider = resolve_credentials(options, _env(home, AWX_KEYS))
    assert provider.source == 'options' and provider.get().access_key_id == 'opt-id'
    assert resolve_credentials({'shared_credentials_file': str(home / '.aliyun' / 'config.json')}, _env(home, AWX_KEYS)).source == \
        'env:ALIBABA_CLOUD_ACCESS_KEY_ID'


def test_profile_and_its_file_name_one_source(home, tmp_path):
    other = write_cli_config(home, [_ak('prod', 'other-prod-id')], current='prod', path=str(tmp_path / 'other.json'))
    provider = resolve_credentials({'profile': 'prod', 'shared_credentials_file': other}, _env(home, AWX_KEYS))
    assert provider.get().access_key_id == 'other-prod-id'


def test_variables_that_name_a_source_keep_the_chain_order(home):
    # only the task's options name a source: a profile or role from the environment stays in its place in the chain
    assert resolve_credentials({}, _env(home, AWX_KEYS, ALIBABA_CLOUD_PROFILE='prod')).source == 'env:ALIBABA_CLOUD_ACCESS_KEY_ID'
    assert resolve_credentials({}, _env(home, ALICLOUD_ECS_ROLE_NAME='EcsRole')).source == 'profile:dev (~/.aliyun/config.json, mode AK)'
    assert resolve_credentials({}, _env(home, ALIBABA_CLOUD_CREDENTIALS_URI=URI)).source == 'profile:dev (~/.aliyun/config.json, mode AK)'


@pytest.mark.parametrize('options', [{'profile': ''}, {'ecs_role_name': ' '}, {'credentials_uri': None}])
def test_blank_options_name_nothing(home, options):
    assert resolve_credentials(options, _env(home, AWX_KEYS)).source == 'env:ALIBABA_CLOUD_ACCESS_KEY_ID'


def test_option_keys_say_nothing_more(home):
    lines = []
    resolve_credentials(OPTION_KEYS, _env(home, AWX_KEYS), log=lines.append)
    assert lines == ['credentials: options (access key ID opt-id)']


def test_region_still_from_the_named_profile(home):
    assert resolve_region({'profile': 'prod'}, _env(home, AWX_KEYS)) == 'cn-shanghai'
    assert resolve_region({}, _env(home, AWX_KEYS)) == 'cn-beijing'
