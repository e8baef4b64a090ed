# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The OIDC role (AssumeRoleWithOIDC), the credentials URI, the new profile modes and STS endpoint selection."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import threading

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _uri
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.refreshing import RefreshingCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    ARN, BASE_ID, BASE_SECRET, config_error, OIDC_PROVIDER_ARN, OIDC_TOKEN, UriResponder, check_v1, temp_secret, temp_token,
    write_cli_config, write_ini, write_token,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import SleepRecorder, StubServer, answer, error_answer

OIDC_QUERY = {'Action', 'Format', 'Version', 'DurationSeconds', 'RoleArn', 'OIDCProviderArn', 'OIDCToken', 'RoleSessionName', 'Timestamp'}
URI_QUERY_TOKEN = 'uRi-QuErY-ToKeN-4d3c2b1a'
SECRETS = [OIDC_TOKEN, URI_QUERY_TOKEN, BASE_SECRET] + [temp_secret(n, p) for n in (1, 2, 3) for p in ('sts', 'uri')] + \
    [temp_token(n, p) for n in (1, 2, 3) for p in ('sts', 'uri')]


@pytest.fixture
def uri(clock):
    with StubServer(responder=UriResponder(clock)) as server:
        yield server


@pytest.fixture
def token_file(tmp_path):
    return write_token(tmp_path / 'token')


def _oidc_env(home, token_file, sts, **extra):
    env = {'HOME': str(home), 'ALIBABA_CLOUD_ROLE_ARN': ARN, 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN': OIDC_PROVIDER_ARN,
           'ALIBABA_CLOUD_OIDC_TOKEN_FILE': token_file}
    if sts is not None:
        env['ALICLOUD_STS_ENDPOINT'] = sts.url
    env.update(extra)
    return env


def _resolve(options, env, clock=None, lines=None):
    return resolve_credentials(options, env, clock=clock, sleep=SleepRecorder(), log=lines.append if lines is not None else None)


def _no_secret(*texts):
    for text in texts:
        for secret in SECRETS:
            assert secret not in str(text)


# -- OIDC role ----------------------------------------------------------------------------------

def test_oidc_from_the_three_variables_sends_what_the_sdk_sends(home, token_file, sts, clock):
    lines = []
    provider = _resolve({}, _oidc_env(home, token_file, sts), clock, lines)
    assert isinstance(provider, RefreshingCredentialsProvider) and provider.source == 'oidc-role:%s' % ARN
    assert sts.requests == []  # nothing before the first get()
    creds = provider.get()
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == ('STS.key-1', temp_secret(1), temp_token(1))
    request = sts.requests[0]
    assert request.method == 'GET' and request.path == '/'
    assert set(request.query) == OIDC_QUERY  # unsigned: no AccessKeyId, SignatureNonce, Signature
    assert request.query['Action'] == 'AssumeRoleWithOIDC' and request.query['Version'] == '2015-04-01'
    assert request.query['OIDCToken'] == OIDC_TOKEN and request.query['OIDCProviderArn'] == OIDC_PROVIDER_ARN
    assert (request.query['RoleArn'], request.query['RoleSessionName'], request.query['DurationSeconds']) == (
        ARN, 'ansible-servicecatalog', '3600')
    assert any(line.startswith('credentials: oidc-role:%s (provider %s, token file %s' % (ARN, OIDC_PROVIDER_ARN, token_file))
               for line in lines)
    _no_secret(lines, repr(provider), repr(creds))


def test_oidc_options_win_field_by_field(home, tmp_path, token_file, sts, clock):
    other = write_token(tmp_path / 'other-token', 'oPtIoN-ToKeN')
    other_arn = 'acs:ram::1234567890123456:role/from-option'
    options = {'oidc_role_arn': other_arn, 'oidc_token_file': other}
    provider = _resolve(options, _oidc_env(home, token_file, sts, ALIBABA_CLOUD_ROLE_SESSION_NAME='pod-session'), clock)
    provider.get()
    query = sts.requests[0].query
    assert (query['RoleArn'], query['OIDCToken'], query['OIDCProviderArn'], query['RoleSessionName']) == (
        other_arn, 'oPtIoN-ToKeN', OIDC_PROVIDER_ARN, 'pod-session')


def test_oidc_options_alone(home, token_file, sts, clock):
    options = {'oidc_role_arn': ARN, 'oidc_provider_arn': OIDC_PROVIDER_ARN, 'oidc_token_file': token_file, 'sts_endpoint': sts.url}
    provider = _resolve(options, {'HOME': str(home)}, clock)
    assert provider.get().access_key_id == 'STS.key-1'


def test_oidc_renewal_rereads_the_token_file(home, token_file, sts, clock):
    provider = _resolve({}, _oidc_env(home, token_file, sts), clock)
    assert provider.get().access_key_id == 'STS.key-1'
    write_token(token_file, 'rOtAtEd-ToKeN-2')  # kubelet rotates the projected token
    clock.advance(3600 - 100)  # inside the renewal margin (min(180 s, 20 %) before expiry)
    assert provider.get().access_key_id == 'STS.key-2'
    assert [r.query['OIDCToken'] for r in sts.requests] == [OIDC_TOKEN, 'rOtAtEd-ToKeN-2']
    assert provider.fetches == 2


def test_oidc_renewal_once_for_all_threads(home, token_file, sts, clock):
    provider = _resolve({}, _oidc_env(home, token_file, sts), clock)
    provider.get()
    clock.advance(3500)
    keys, threads = [], [threading.Thread(target=lambda: keys.append(provider.get().access_key_id)) for _n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert keys == ['STS.key-2'] * 8 and len(sts.requests) == 2


def test_oidc_token_file_kept_old_credentials_while_valid(home, token_file, sts, clock):
    lines = []
    provider = _resolve({}, _oidc_env(home, token_file, sts), clock, lines)
    provider.get()
    os.remove(token_file)
    clock.advance(3500)  # due for renewal, still valid: the old credentials stay in use
    assert provider.get().access_key_id == 'STS.key-1'
    assert any('refreshing oidc-role:%s failed' % ARN in line and 'cannot read' in line for line in lines)
    clock.advance(200)  # now expired: the failure is raised
    with pytest.raises(CredentialError) as info:
        provider.get()
    assert 'oidc_token_file (from ALIBABA_CLOUD_OIDC_TOKEN_FILE): cannot read %s' % token_file in str(info.value)


@pytest.mark.parametrize('content, problem', [(None, 'cannot read'), ('', 'is empty'), (' \n', 'is empty'), (b'\xff\xfe', 'is not UTF-8 text')])
def test_oidc_bad_token_file_one_line_naming_it(home, tmp_path, sts, content, problem):
    path = tmp_path / 'token'
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    provider = _resolve({}, _oidc_env(home, str(path), sts))
    with pytest.raises(CredentialError) as info:
        provider.get()
    message = str(info.value)
    assert message.startswith('AssumeRoleWithOIDC failed: OIDCTokenFile: oidc_token_file (from ALIBABA_CLOUD_OIDC_TOKEN_FILE): ')
    assert problem in message and str(path) in message and '\n' not in message
    assert sts.requests == []


def test_oidc_sts_refusal_names_the_action_without_the_token(home, token_file, sts):
    sts.script(error_answer(400, 'AuthenticationFail.OIDCToken.Invalid', 'The OIDCToken %s is invalid' % OIDC_TOKEN, 'req-oidc-1'))
    provider = _resolve({}, _oidc_env(home, token_file, sts))
    with pytest.raises(CredentialError) as info:
        provider.get()
    message = str(info.value)
    assert message.startswith('AssumeRoleWithOIDC failed: HTTP 400 AuthenticationFail.OIDCToken.Invalid: The OIDCToken ******** is invalid')
    assert 'req-oidc-1' in message
    _no_secret(message, info.value.to_dict())


def test_oidc_answer_without_credentials(home, token_file, sts):
    sts.script(answer(200, {'RequestId': 'req-2', 'AssumedRoleUser': {}}))
    with pytest.raises(CredentialError) as info:
        _resolve({}, _oidc_env(home, token_file, sts)).get()
    assert 'the AssumeRoleWithOIDC answer has no Credentials object' in str(info.value)


def test_oidc_sts_5xx_retried(home, token_file, sts):
    sts.script(error_answer(503, 'ServiceUnavailable'))
    assert _resolve({}, _oidc_env(home, token_file, sts)).get().access_key_id == 'STS.key-1'
    assert len(sts.requests) == 2


@pytest.mark.parametrize('env, options, expected', [
    ({'ALIBABA_CLOUD_OIDC_PROVIDER_ARN': OIDC_PROVIDER_ARN}, {},
     'oidc_provider_arn (from ALIBABA_CLOUD_OIDC_PROVIDER_ARN): an OIDC role also needs oidc_role_arn (or ALIBABA_CLOUD_ROLE_ARN) and '
     'oidc_token_file (or ALIBABA_CLOUD_OIDC_TOKEN_FILE)'),
    ({'ALIBABA_CLOUD_ROLE_ARN': ARN, 'ALIBABA_CLOUD_OIDC_TOKEN_FILE': '/x'}, {},
     'oidc_role_arn (from ALIBABA_CLOUD_ROLE_ARN), oidc_token_file (from ALIBABA_CLOUD_OIDC_TOKEN_FILE): an OIDC role also needs '
     'oidc_provider_arn (or ALIBABA_CLOUD_OIDC_PROVIDER_ARN)'),
    ({}, {'oidc_role_arn': ARN}, 'oidc_role_arn: an OIDC role also needs oidc_provider_arn'),
    ({}, {'oidc_role_arn': ARN, 'alicloud_access_key': 'a', 'alicloud_secret_key': 'b'}, 'oidc_role_arn: an OIDC role also needs'),
    ({}, {'oidc_role_arn': 'arn:role', 'oidc_provider_arn': OIDC_PROVIDER_ARN, 'oidc_token_file': '/x'},
     "oidc_role_arn: 'arn:role' is not a RAM role ARN"),
    ({}, {'oidc_role_arn': ARN, 'oidc_provider_arn': ARN, 'oidc_token_file': '/x'},
     "oidc_provider_arn: '%s' is not an OIDC provider ARN; expected acs:ram::<account ID>:oidc-provider/<provider name>" % ARN),
    ({'ALIBABA_CLOUD_ROLE_ARN': ARN, 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN': OIDC_PROVIDER_ARN, 'ALIBABA_CLOUD_OIDC_TOKEN_FILE': '/x',
      'ALIBABA_CLOUD_ROLE_SESSION_NAME': 'a b'}, {}, "ALIBABA_CLOUD_ROLE_SESSION_NAME: 'a b' is not a valid session name"),
])
def test_oidc_incomplete_or_malformed(home, env, options, expected):
    message = config_error(options, dict(env, HOME=str(home)))
    assert message.startswith(expected), message


def test_role_arn_variable_alone_is_not_an_oidc_source(home):
    message = config_error({}, {'HOME': str(home), 'ALIBABA_CLOUD_ROLE_ARN': ARN})
    assert message.startswith('no credentials found') and 'ALIBABA_CLOUD_OIDC_TOKEN_FILE' in message and 'ALIBABA_CLOUD_CREDENTIALS_URI' in message


def test_assume_role_on_top_of_oidc(home, token_file, sts, clock):
    provider = _resolve({'alicloud_assume_role_arn': 'acs:ram::1234567890123456:role/next'}, _oidc_env(home, token_file, sts), clock)
    assert provider.source == 'assume-role:acs:ram::1234567890123456:role/next via oidc-role:%s' % ARN
    assert provider.get().access_key_id == 'STS.key-2'
    assert [r.query['Action'] for r in sts.requests] == ['AssumeRoleWithOIDC', 'AssumeRole']
    assert sts.requests[1].query['AccessKeyId'] == 'STS.key-1' and check_v1(sts.requests[1], temp_secret(1)) == []


# -- precedence ---------------------------------------------------------------------------------

def test_environment_keys_beat_oidc(home, token_file, sts):
    env = _oidc_env(home, token_file, sts, ALIBABA_CLOUD_ACCESS_KEY_ID='env-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET='env-secret')
    assert resolve_credentials({}, env).source == 'env:ALIBABA_CLOUD_ACCESS_KEY_ID'


def test_option_keys_beat_oidc(home, token_file, sts):
    assert resolve_credentials({'alicloud_access_key': 'a', 'alicloud_secret_key': 'b'}, _oidc_env(home, token_file, sts)).source == 'options'


def test_oidc_beats_the_cli_profile_and_the_ecs_role(home, token_file, sts):
    write_cli_config(home, [{'name': 'p', 'mode': 'AK', 'access_key_id': 'cli', 'access_key_secret': 'cli-secret'}], current='p')
    env = _oidc_env(home, token_file, sts, ALICLOUD_ECS_ROLE_NAME='EcsRole', ALIBABA_CLOUD_CREDENTIALS_URI='http://127.0.0.1:9/c')
    assert resolve_credentials({}, env).source == 'oidc-role:%s' % ARN


def test_ecs_role_beats_the_uri_and_profile_beats_both(home):
    env = {'HOME': str(home), 'ALICLOUD_ECS_ROLE_NAME': 'EcsRole', 'ALIBABA_CLOUD_CREDENTIALS_URI': 'http://127.0.0.1:9/c'}
    assert resolve_credentials({}, env).source == 'ecs-role:EcsRole'
    write_ini(home, '[default]\ntype = access_key\naccess_key_id = ini\naccess_key_secret = ini-secret\n')
    assert resolve_credentials({}, env).source == 'profile:default (~/.alibabacloud/credentials, type access_key)'


# -- credentials URI ----------------------------------------------------------------------------

def test_uri_from_the_variable(home, uri, clock):
    lines = []
    url = '%s/creds/path?token=%s' % (uri.url, URI_QUERY_TOKEN)
    provider = _resolve({}, {'HOME': str(home), 'ALIBABA_CLOUD_CREDENTIALS_URI': url}, clock, lines)
    assert provider.source == 'credentials-uri:%s/creds/path?<query hidden>' % uri.url
    assert uri.requests == []
    creds = provider.get()
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == ('STS.uri-1', temp_secret(1, 'uri'), temp_token(1, 'uri'))
    assert (uri.requests[0].method, uri.requests[0].path, uri.requests[0].query) == ('GET', '/creds/path', {'token': URI_QUERY_TOKEN})
    assert any('(from ALIBABA_CLOUD_CREDENTIALS_URI)' in line for line in lines)
    _no_secret(lines, provider.source, repr(provider), repr(creds))


def test_uri_option_beats_the_variable_and_renews(home, uri, clock):
    provider = _resolve({'credentials_uri': uri.url + '/opt'}, {'HOME': str(home), 'ALIBABA_CLOUD_CREDENTIALS_URI': uri.url + '/env'}, clock)
    assert provider.get().access_key_id == 'STS.uri-1'
    clock.advance(3500)
    assert provider.get().access_key_id == 'STS.uri-2'
    assert [r.path for r in uri.requests] == ['/opt', '/opt']


@pytest.mark.parametrize('reply, expected', [
    (error_answer(403, 'Forbidden', 'token %s refused' % URI_QUERY_TOKEN),
     'answered HTTP 403 (200 with credentials expected): Forbidden: token ******** refused'),
    (answer(404, 'no such page'), 'answered HTTP 404 (200 with credentials expected)'),
    (answer(200, 'not json'), 'answered HTTP 200 with a 8-byte body instead of a JSON object'),
    (answer(200, {'Code': 'Failed', 'AccessKeyId': 'x'}), 'answered Code=Failed (Success expected)'),
    (answer(200, {'Code': 'Success', 'AccessKeyId': 'x', 'AccessKeySecret': temp_secret(1, 'uri')}), 'lacks SecurityToken, Expiration'),
    (answer(200, {'Code': 'Success', 'AccessKeyId': 'x', 'AccessKeySecret': temp_secret(1, 'uri'), 'SecurityToken': temp_token(1, 'uri'),
                  'Expiration': 'tomorrow'}), " gives Expiration 'tomorrow', which is not in the form YYYY-MM-DDThh:mm:ssZ"),
])
def test_uri_bad_answers_one_line_without_the_query(home, uri, reply, expected):
    uri.script(reply)
    url = '%s/c?token=%s' % (uri.url, URI_QUERY_TOKEN)
    with pytest.raises(CredentialError) as info:
        _resolve({}, {'HOME': str(home), 'ALIBABA_CLOUD_CREDENTIALS_URI': url}).get()
    message = str(info.value)
    assert message.startswith('CredentialsURI failed: ') and 'the credentials URI %s/c?<query hidden> ' % uri.url in message
    assert expected in message and '\n' not in message
    _no_secret(message, info.value.to_dict())


def test_uri_5xx_retried_then_reported(home, uri):
    uri.script(answer(502, 'bad gateway'))
    assert _resolve({}, {'HOME': str(home), 'ALIBABA_CLOUD_CREDENTIALS_URI': uri.url}).get().access_key_id == 'STS.uri-1'
    uri.script(*[answer(500, 'x')] * 4)
    with pytest.raises(CredentialError) as info:
        _resolve({'retries': 3}, {'HOME': str(home), 'ALIBABA_CLOUD_CREDENTIALS_URI': uri.url}).get()
    assert 'answered HTTP 500' in str(info.value) and 'after 4 attempts' in str(info.value) and not info.value.retryable


def test_uri_unreachable_names_the_host_not_the_query(home):
    url = 'http://127.0.0.1:1/c?token=%s' % URI_QUERY_TOKEN
    with pytest.raises(CredentialError) as info:
        _resolve({'connect_timeout': 1}, {'HOME': str(home), 'ALIBABA_CLOUD_CREDENTIALS_URI': url}).get()
    assert info.value.code in ('ConnectionRefused', 'ConnectionError') and '127.0.0.1:1' in str(info.value)
    _no_secret(str(info.value))


@pytest.mark.parametrize('value', ['ftp://host/c', 'host-only', 'http:///path', 'http://host:99999/c', 'http://h/c#frag'])
def test_uri_malformed(home, value):
    message = config_error({'credentials_uri': value}, {'HOME': str(home)})
    assert message.startswith('credentials_uri: must be an http:// or https:// URL with a host')


def test_shown_uri_hides_user_info_and_query():
    assert _uri.shown_uri('https://user:pw@h:8443/p?a=b') == 'https://h:8443/p?<query hidden>'
    assert _uri.shown_uri('http://h/p') == 'http://h/p'


# -- profiles: OIDC, ChainableRamRoleArn, CredentialsURI -----------------------------------------

def test_cli_oidc_mode(home, token_file, sts, clock):
    write_cli_config(home, [{'name': 'k8s', 'mode': 'OIDC', 'ram_role_arn': ARN, 'oidc_provider_arn': OIDC_PROVIDER_ARN,
                             'oidc_token_file': token_file, 'role_session_name': 'cli-oidc', 'expired_seconds': 1800}], current='k8s')
    provider = _resolve({'sts_endpoint': sts.url}, {'HOME': str(home)}, clock)
    assert provider.source == 'profile:k8s (~/.aliyun/config.json, mode OIDC)'
    provider.get()
    query = sts.requests[0].query
    assert (query['Action'], query['RoleSessionName'], query['DurationSeconds'], query['OIDCToken']) == (
        'AssumeRoleWithOIDC', 'cli-oidc', '1800', OIDC_TOKEN)


def test_ini_oidc_role_arn_type(home, token_file, sts, clock):
    write_ini(home, '[default]\ntype = oidc_role_arn\nrole_arn = %s\noidc_provider_arn = %s\noidc_token_file_path = %s\n' % (
        ARN, OIDC_PROVIDER_ARN, token_file))
    provider = _resolve({'sts_endpoint': sts.url}, {'HOME': str(home)}, clock)
    assert provider.source == 'profile:default (~/.alibabacloud/credentials, type oidc_role_arn)'
    assert provider.get().access_key_id == 'STS.key-1' and sts.requests[0].query['Action'] == 'AssumeRoleWithOIDC'


def test_cli_oidc_mode_missing_token_file_field(home):
    write_cli_config(home, [{'name': 'k8s', 'mode': 'OIDC', 'ram_role_arn': ARN, 'oidc_provider_arn': OIDC_PROVIDER_ARN}], current='k8s')
    assert config_error({}, {'HOME': str(home)}) == 'profile k8s in ~/.aliyun/config.json: mode OIDC needs oidc_token_file'


def test_chainable_ram_role_arn_signs_with_the_source_profile(home, sts, clock):
    write_cli_config(home, [
        {'name': 'base', 'mode': 'AK', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET},
        {'name': 'ops', 'mode': 'ChainableRamRoleArn', 'source_profile': 'base', 'ram_role_arn': ARN, 'ram_session_name': 'chained'},
    ], current='ops')
    lines = []
    provider = _resolve({'sts_endpoint': sts.url}, {'HOME': str(home)}, clock, lines)
    assert provider.source == 'profile:ops (~/.aliyun/config.json, mode ChainableRamRoleArn)'
    assert provider.get().access_key_id == 'STS.key-1'
    request = sts.requests[0]
    assert request.query['AccessKeyId'] == BASE_ID and request.query['RoleSessionName'] == 'chained'
    assert check_v1(request, BASE_SECRET) == []
    assert any('from profile:base (~/.aliyun/config.json, mode AK)' in line for line in lines)
    _no_secret(lines)


def test_chainable_over_a_role_profile_assumes_twice_and_renews_both(home, sts, clock):
    write_cli_config(home, [
        {'name': 'base', 'mode': 'RamRoleArn', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET, 'ram_role_arn': ARN},
        {'name': 'ops', 'mode': 'ChainableRamRoleArn', 'source_profile': 'base', 'ram_role_arn': 'acs:ram::1234567890123456:role/ops'},
    ], current='ops')
    provider = _resolve({'sts_endpoint': sts.url}, {'HOME': str(home)}, clock)
    assert provider.get().access_key_id == 'STS.key-2'
    assert [r.query['AccessKeyId'] for r in sts.requests] == [BASE_ID, 'STS.key-1']


@pytest.mark.parametrize('profiles, expected', [
    ([{'name': 'a', 'mode': 'ChainableRamRoleArn', 'source_profile': 'a', 'ram_role_arn': ARN}],
     'profile a in ~/.aliyun/config.json: source_profile a makes a loop (a -> a)'),
    ([{'name': 'a', 'mode': 'ChainableRamRoleArn', 'source_profile': 'b', 'ram_role_arn': ARN},
      {'name': 'b', 'mode': 'ChainableRamRoleArn', 'source_profile': 'a', 'ram_role_arn': ARN}],
     'profile b in ~/.aliyun/config.json: source_profile a makes a loop (a -> b -> a)'),
    ([{'name': 'a', 'mode': 'ChainableRamRoleArn', 'source_profile': 'zz', 'ram_role_arn': ARN}],
     'profile a in ~/.aliyun/config.json: source_profile zz is not among the profiles of that file (a)'),
    ([{'name': 'a', 'mode': 'ChainableRamRoleArn', 'ram_role_arn': ARN}],
     'profile a in ~/.aliyun/config.json: mode ChainableRamRoleArn needs source_profile'),
])
def test_chainable_errors(home, profiles, expected):
    write_cli_config(home, profiles, current='a')
    assert config_error({}, {'HOME': str(home)}) == expected


def test_cli_credentials_uri_mode_and_ini_type(home, uri, clock):
    write_cli_config(home, [{'name': 'ci', 'mode': 'CredentialsURI', 'credentials_uri': uri.url + '/cli?token=' + URI_QUERY_TOKEN}], current='ci')
    provider = _resolve({}, {'HOME': str(home)}, clock)
    assert provider.source == 'profile:ci (~/.aliyun/config.json, mode CredentialsURI)'
    assert provider.get().access_key_id == 'STS.uri-1' and uri.requests[0].path == '/cli'
    os.remove(str(home / '.aliyun' / 'config.json'))
    write_ini(home, '[default]\ntype = credentials_uri\ncredentials_uri = %s/ini\n' % uri.url)
    provider = _resolve({}, {'HOME': str(home)}, clock)
    assert provider.get().access_key_id == 'STS.uri-2' and uri.requests[1].path == '/ini'


def test_profile_uri_malformed_names_the_field(home):
    write_cli_config(home, [{'name': 'ci', 'mode': 'CredentialsURI', 'credentials_uri': 'nope'}], current='ci')
    assert config_error({}, {'HOME': str(home)}).startswith(
        'profile ci in ~/.aliyun/config.json: credentials_uri: must be an http:// or https:// URL')


# -- STS endpoint selection ---------------------------------------------------------------------

def _sts_host(options, env):
    lines = []
    resolve_credentials(options, env, log=lines.append)
    return [line.rsplit(' through ', 1)[1] for line in lines if ' through ' in line][-1]


@pytest.mark.parametrize('env, options, host', [
    ({}, {}, 'sts.aliyuncs.com'),
    ({'ALIBABA_CLOUD_STS_REGION': 'cn-shanghai'}, {}, 'sts.cn-shanghai.aliyuncs.com'),
    ({'ALIBABA_CLOUD_STS_REGION': 'cn-shanghai', 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED': 'TRUE'}, {}, 'sts-vpc.cn-shanghai.aliyuncs.com'),
    ({'ALIBABA_CLOUD_STS_REGION': 'cn-shanghai', 'ALICLOUD_STS_ENDPOINT': 'sts.example.test:8443'}, {}, 'sts.example.test:8443'),
    ({'ALIBABA_CLOUD_STS_REGION': 'cn-shanghai'}, {'sts_endpoint': 'https://127.0.0.1:9'}, '127.0.0.1:9'),
])
def test_sts_endpoint_for_oidc_and_assume_role(home, token_file, env, options, host):
    assert _sts_host(options, _oidc_env(home, token_file, None, **env)) == host
    keys = {'alicloud_access_key': 'a', 'alicloud_secret_key': 'b', 'alicloud_assume_role_arn': ARN}
    assert _sts_host(dict(keys, **options), dict(env, HOME=str(home))) == host


def test_sts_endpoint_profile_region_and_vpc_win_over_the_variables(home):
    write_cli_config(home, [{'name': 'r', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': 'b', 'ram_role_arn': ARN,
                             'sts_region': 'cn-beijing', 'enable_vpc': True}], current='r')
    env = {'HOME': str(home), 'ALIBABA_CLOUD_STS_REGION': 'cn-shanghai', 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED': 'false'}
    assert _sts_host({}, env) == 'sts-vpc.cn-beijing.aliyuncs.com'


@pytest.mark.parametrize('env, expected', [
    ({'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED': 'true'},
     'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true: the STS VPC endpoint needs a region; set ALIBABA_CLOUD_STS_REGION'),
    ({'ALIBABA_CLOUD_STS_REGION': 'Shanghai'}, "ALIBABA_CLOUD_STS_REGION: 'Shanghai' is not a region ID such as cn-hangzhou"),
])
def test_sts_endpoint_errors(home, token_file, env, expected):
    assert config_error({}, _oidc_env(home, token_file, None, **env)).startswith(expected)


def test_profile_enable_vpc_must_be_a_boolean(home):
    write_cli_config(home, [{'name': 'r', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': 'b', 'ram_role_arn': ARN,
                             'sts_region': 'cn-beijing', 'enable_vpc': 'yes'}], current='r')
    assert config_error({}, {'HOME': str(home)}) == "profile r in ~/.aliyun/config.json: enable_vpc: must be true or false, got 'yes'"
