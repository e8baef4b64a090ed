# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where keys and the region come from, and the messages when they are incomplete."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials, resolve_region
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError

OPTS = {'alicloud_access_key': 'opt-id', 'alicloud_secret_key': 'opt-secret'}
ALIBABA = {'ALIBABA_CLOUD_ACCESS_KEY_ID': 'aliba-id', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'aliba-secret'}
ALICLOUD = {'ALICLOUD_ACCESS_KEY': 'alic-id', 'ALICLOUD_SECRET_KEY': 'alic-secret'}
ALICLOUD_LONG = {'ALICLOUD_ACCESS_KEY_ID': 'alicl-id', 'ALICLOUD_SECRET_ACCESS_KEY': 'alicl-secret'}


@pytest.fixture(autouse=True)
def empty_home(tmp_path, monkeypatch):
    """No ~/.aliyun/config.json or ~/.alibabacloud/credentials of the person running the tests."""
    monkeypatch.setenv('HOME', str(tmp_path))


def _get(options, environ):
    creds = resolve_credentials(options, environ).get()
    return creds.access_key_id, creds.access_key_secret, creds.security_token, creds.source


def _env(*parts):
    env = {}
    for part in parts:
        env.update(part)
    return env


def test_options_beat_environment():
    env = _env(ALIBABA, ALICLOUD, {'ALIBABA_CLOUD_SECURITY_TOKEN': 'env-token'})
    assert _get(dict(OPTS), env) == ('opt-id', 'opt-secret', None, 'options')


def test_option_token_goes_with_option_keys():
    assert _get(dict(OPTS, alicloud_security_token='opt-token'), {})[2] == 'opt-token'


def test_alibaba_cloud_names_beat_alicloud_names():
    env = _env(ALICLOUD, ALICLOUD_LONG, ALIBABA)
    assert _get({}, env) == ('aliba-id', 'aliba-secret', None, 'env:ALIBABA_CLOUD_ACCESS_KEY_ID')


def test_alicloud_names():
    assert _get({}, _env(ALICLOUD))[:2] == ('alic-id', 'alic-secret')
    assert _get({}, _env(ALICLOUD_LONG))[:2] == ('alicl-id', 'alicl-secret')
    assert _get({}, _env(ALICLOUD, {'ALICLOUD_SECURITY_TOKEN': 'alic-token'}))[2] == 'alic-token'


def test_env_token_used_with_its_own_pair_only():
    env = _env(ALIBABA, {'ALIBABA_CLOUD_SECURITY_TOKEN': 'sts'}, {'ALICLOUD_SECURITY_TOKEN': 'other'})
    assert _get({}, env)[2] == 'sts'
    # a token of the ALICLOUD family never goes with the ALIBABA_CLOUD pair
    assert _get({}, _env(ALIBABA, {'ALICLOUD_SECURITY_TOKEN': 'other'}))[2] is None


def test_blank_values_count_as_unset():
    env = _env(ALICLOUD, {'ALIBABA_CLOUD_ACCESS_KEY_ID': '  ', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': ''})
    assert _get({'alicloud_access_key': ' ', 'alicloud_secret_key': None}, env)[:2] == ('alic-id', 'alic-secret')
    assert _get({'alicloud_access_key': ' opt-id ', 'alicloud_secret_key': '\topt-secret\n'}, {})[:2] == ('opt-id', 'opt-secret')


@pytest.mark.parametrize('options, option', [
    ({'alicloud_access_key': 'opt-id'}, 'alicloud_secret_key'),
    ({'alicloud_secret_key': 'opt-secret'}, 'alicloud_access_key'),
    ({'alicloud_access_key': 'opt-id', 'alicloud_security_token': 'tok'}, 'alicloud_secret_key'),
])
def test_half_set_options_never_completed_from_env(options, option):
    # even with a complete pair in the environment, an option key is not paired with an env secret
    with pytest.raises(ConfigError) as info:
        resolve_credentials(options, _env(ALIBABA, ALICLOUD))
    message = str(info.value)
    assert message.startswith(option + ': ')
    assert '\n' not in message
    assert 'opt-secret' not in message and 'aliba-secret' not in message


def test_token_alone_rejected():
    with pytest.raises(ConfigError) as info:
        resolve_credentials({'alicloud_security_token': 'tok-XYZ-123'}, _env(ALIBABA))
    assert str(info.value).startswith('alicloud_security_token: ')
    assert 'alicloud_access_key' in str(info.value) and 'alicloud_secret_key' in str(info.value)
    assert 'tok-XYZ-123' not in str(info.value)


@pytest.mark.parametrize('env, names', [
    ({'ALIBABA_CLOUD_ACCESS_KEY_ID': 'x'}, ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET')),
    ({'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'env-secret'}, ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET')),
    ({'ALICLOUD_ACCESS_KEY': 'x'}, ('ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY')),
    ({'ALICLOUD_SECRET_ACCESS_KEY': 'env-secret'}, ('ALICLOUD_ACCESS_KEY_ID', 'ALICLOUD_SECRET_ACCESS_KEY')),
    # half an ALIBABA_CLOUD pair is an error even when an ALICLOUD pair is complete: no silent mixing
    (_env({'ALIBABA_CLOUD_ACCESS_KEY_ID': 'x'}, ALICLOUD), ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET')),
    ({'ALIBABA_CLOUD_ACCESS_KEY_ID': 'x', 'ALICLOUD_SECRET_KEY': 'env-secret'},
     ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET')),
])
def test_half_set_env_pair(env, names):
    with pytest.raises(ConfigError) as info:
        resolve_credentials({}, env)
    message = str(info.value)
    assert '\n' not in message
    for name in names:
        assert name in message
    assert 'env-secret' not in message


@pytest.mark.parametrize('env', [{}, {'ALIBABA_CLOUD_SECURITY_TOKEN': 'tok'}, {'ALICLOUD_SECURITY_TOKEN': 'tok'}])
def test_missing_credentials_message(env):
    with pytest.raises(ConfigError) as info:
        resolve_credentials({'alicloud_access_key': None, 'alicloud_secret_key': ''}, env)
    message = str(info.value)
    assert '\n' not in message
    for name in ('alicloud_access_key', 'alicloud_secret_key', 'ALIBABA_CLOUD_ACCESS_KEY_ID',
                 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY'):
        assert name in message


def test_provider_returns_same_credentials_each_time():
    provider = resolve_credentials(dict(OPTS), {})
    assert provider.get() is provider.get()
    assert provider.source == 'options'


def test_reads_os_environ_by_default(monkeypatch):
    monkeypatch.setenv('ALICLOUD_ACCESS_KEY', 'from-os-id')
    monkeypatch.setenv('ALICLOUD_SECRET_KEY', 'from-os-secret')
    monkeypatch.setenv('ALICLOUD_REGION', 'cn-beijing')
    assert resolve_credentials({}).get()[:2] == ('from-os-id', 'from-os-secret')
    assert resolve_region({}) == 'cn-beijing'


@pytest.mark.parametrize('options, env, expected', [
    ({'alicloud_region': 'cn-hangzhou'}, {'ALIBABA_CLOUD_REGION_ID': 'a', 'ALICLOUD_REGION': 'b', 'ALICLOUD_REGION_ID': 'c'}, 'cn-hangzhou'),
    ({}, {'ALIBABA_CLOUD_REGION_ID': 'a', 'ALICLOUD_REGION': 'b', 'ALICLOUD_REGION_ID': 'c'}, 'a'),
    ({'alicloud_region': ' '}, {'ALICLOUD_REGION': 'b', 'ALICLOUD_REGION_ID': 'c'}, 'b'),
    ({'alicloud_region': None}, {'ALIBABA_CLOUD_REGION_ID': '', 'ALICLOUD_REGION_ID': 'c'}, 'c'),
    ({'alicloud_region': ' cn-beijing '}, {}, 'cn-beijing'),
    ({}, {}, None),
])
def test_region_resolution_order(options, env, expected):
    assert resolve_region(options, env) == expected


def test_alicloud_family_names_are_aliases():
    provider = resolve_credentials({}, {'ALICLOUD_ACCESS_KEY': 'mixed-id', 'ALICLOUD_SECRET_ACCESS_KEY': 'mixed-secret'})
    creds = provider.get()
    assert (creds.access_key_id, creds.access_key_secret) == ('mixed-id', 'mixed-secret')
    assert creds.source == 'env:ALICLOUD_ACCESS_KEY'
