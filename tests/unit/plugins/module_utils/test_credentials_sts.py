# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Assume role: the STS request (parameters, V1 signature), its settings, its errors and retries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import warnings

import pytest
import requests

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _sts, signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import MISSING_CREDENTIALS, resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import document
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, transport_error
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    ARN, BASE_ID, BASE_SECRET, BASE_TOKEN, EPOCH, FakeClock, MetadataResponder, MetadataStub, StsResponder, check_v1, iso, temp_secret,
    temp_token, write_cli_config, write_ini,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import SleepRecorder, StubServer, answer, closed_port, error_answer

BASE = {'alicloud_access_key': BASE_ID, 'alicloud_secret_key': BASE_SECRET}
SDK_QUERY = {'Action', 'Format', 'Version', 'DurationSeconds', 'RoleArn', 'RoleSessionName', 'SignatureMethod', 'SignatureVersion',
             'Timestamp', 'SignatureNonce', 'AccessKeyId', 'Signature'}


def _provider(endpoint, home, clock, options=None, env=None, **kwargs):
    # The tests below count attempts with retries=3: the option reaches STS (its default is 5).
    opts = dict(BASE, alicloud_assume_role_arn=ARN, sts_endpoint=endpoint, retries=3)
    opts.update(options or {})
    environ = {'HOME': str(home)}
    environ.update(env or {})
    kwargs.setdefault('sleep', SleepRecorder())
    return resolve_credentials(opts, environ, clock=clock, **kwargs)


def _fail(provider):
    with pytest.raises(ServiceCatalogError) as info:
        provider.get()
    err = info.value
    assert '\n' not in str(err)
    return err


# -- the request -----------------------------------------------------------------------------

def test_request_parameters_exactly_as_the_sdk(sts, home, clock):
    creds = _provider(sts.url, home, clock).get()
    assert creds[:3] == ('STS.key-1', temp_secret(1), temp_token(1))
    assert creds.source == 'assume-role:%s via options' % ARN
    (request,) = sts.requests
    assert request.method == 'GET' and request.path == '/'
    assert set(request.query) == SDK_QUERY
    assert request.query['Action'] == 'AssumeRole'
    assert request.query['Version'] == '2015-04-01'
    assert request.query['Format'] == 'JSON'
    assert request.query['RoleArn'] == ARN
    assert request.query['RoleSessionName'] == 'ansible-servicecatalog'
    assert request.query['DurationSeconds'] == '3600'
    assert request.query['SignatureMethod'] == 'HMAC-SHA1'
    assert request.query['SignatureVersion'] == '1.0'
    assert request.query['AccessKeyId'] == BASE_ID
    assert len(request.query['SignatureNonce']) >= 16
    assert document.parse_expiration(request.query['Timestamp']) is not None
    assert check_v1(request, BASE_SECRET) == []
    assert check_v1(request, 'wrong-secret') == ['signature mismatch']


def test_signature_matches_signer_functions(sts, home, clock):
    _provider(sts.url, home, clock, {'alicloud_assume_role_policy': '{"Statement": [{"Action": "servicecatalog:List*"}]}'}).get()
    params = dict(sts.requests[0].query)
    signature = params.pop('Signature')
    assert signature == signer.v1_signature(BASE_SECRET, signer.v1_string_to_sign('GET', params))


def test_signature_vector_is_stable():
    params = _sts.assume_role_params('testid', 'testsecret', None, 'acs:ram::123:role/x', 's-1', 900, timestamp='2026-01-01T00:00:00Z',
                                     nonce='nonce-1')
    unsigned = dict(params)
    unsigned.pop('Signature')
    assert params['Signature'] == signer.v1_signature('testsecret', signer.v1_string_to_sign('GET', unsigned))
    assert 'SignatureType' not in params and 'RegionId' not in params and 'SecurityToken' not in params


def test_optional_parameters(sts, home, clock):
    policy = '{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "servicecatalog:Get*", "Resource": "*"}]}'
    options = {'alicloud_assume_role_session_name': 'my.session@ci', 'alicloud_assume_role_session_expiration': 7200,
               'alicloud_assume_role_policy': policy, 'alicloud_assume_role_external_id': 'ext-42'}
    _provider(sts.url, home, clock, options).get()
    query = sts.requests[0].query
    assert set(query) == SDK_QUERY | {'Policy', 'ExternalId'}
    assert (query['RoleSessionName'], query['DurationSeconds'], query['Policy'], query['ExternalId']) == (
        'my.session@ci', '7200', policy, 'ext-42')
    assert check_v1(sts.requests[0], BASE_SECRET) == []


def test_temporary_base_sends_its_token(sts, home, clock):
    _provider(sts.url, home, clock, {'alicloud_security_token': BASE_TOKEN}).get()
    request = sts.requests[0]
    assert request.query['SecurityToken'] == BASE_TOKEN
    assert set(request.query) == SDK_QUERY | {'SecurityToken'}
    assert check_v1(request, BASE_SECRET) == []


def test_settings_from_environment(sts, home, clock):
    env = {'ALICLOUD_ASSUME_ROLE_ARN': 'acs:ram::42:role/from-env', 'ALICLOUD_ASSUME_ROLE_SESSION_NAME': 'env-session',
           'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION': '1800', 'ALICLOUD_ASSUME_ROLE_POLICY': '{"Statement": []}',
           'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID': 'env-ext', 'ALICLOUD_STS_ENDPOINT': sts.url}
    provider = resolve_credentials(dict(BASE), dict(env, HOME=str(home)), clock=clock)
    assert provider.source == 'assume-role:acs:ram::42:role/from-env via options'
    provider.get()
    query = sts.requests[0].query
    assert (query['RoleArn'], query['RoleSessionName'], query['DurationSeconds'], query['Policy'], query['ExternalId']) == (
        'acs:ram::42:role/from-env', 'env-session', '1800', '{"Statement": []}', 'env-ext')


def test_options_beat_environment(sts, home, clock):
    env = {'ALICLOUD_ASSUME_ROLE_ARN': 'acs:ram::42:role/from-env', 'ALICLOUD_ASSUME_ROLE_SESSION_NAME': 'env-session',
           'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION': '1800', 'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID': 'env-ext',
           'ALICLOUD_STS_ENDPOINT': 'http://127.0.0.1:%d' % closed_port()}
    options = {'alicloud_assume_role_session_name': 'opt-session', 'alicloud_assume_role_session_expiration': 900,
               'alicloud_assume_role_external_id': 'opt-ext'}
    _provider(sts.url, home, clock, options, env).get()
    query = sts.requests[0].query
    assert (query['RoleArn'], query['RoleSessionName'], query['DurationSeconds'], query['ExternalId']) == (
        ARN, 'opt-session', '900', 'opt-ext')


@pytest.mark.parametrize('setup, via', [
    ({'env': {'ALIBABA_CLOUD_ACCESS_KEY_ID': BASE_ID, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': BASE_SECRET}}, 'env:ALIBABA_CLOUD_ACCESS_KEY_ID'),
    ({'env': {'ALICLOUD_ACCESS_KEY_ID': BASE_ID, 'ALICLOUD_SECRET_ACCESS_KEY': BASE_SECRET}}, 'env:ALICLOUD_ACCESS_KEY_ID'),
    ({'cli': True}, 'profile:default (~/.aliyun/config.json, mode AK)'),
    ({'ini': True}, 'profile:default (~/.alibabacloud/credentials, type access_key)'),
])
def test_wraps_every_static_base(sts, home, clock, setup, via):
    if setup.get('cli'):
        write_cli_config(home, [{'name': 'default', 'mode': 'AK', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET}],
                         current='default')
    if setup.get('ini'):
        write_ini(home, '[default]\ntype = access_key\naccess_key_id = %s\naccess_key_secret = %s\n' % (BASE_ID, BASE_SECRET))
    lines = []
    env = dict(setup.get('env', {}), HOME=str(home))
    provider = resolve_credentials({'alicloud_assume_role_arn': ARN, 'sts_endpoint': sts.url}, env, clock=clock, log=lines.append)
    assert provider.source == 'assume-role:%s via %s' % (ARN, via)
    assert provider.get().access_key_id == 'STS.key-1'
    assert check_v1(sts.requests[0], BASE_SECRET) == []
    assert lines[0] == 'credentials: assume-role %s (session ansible-servicecatalog, 3600 s) from %s through %s' % (ARN, via, sts.host)
    assert lines[1] == 'credentials: assume-role:%s via %s: fetched temporary access key STS.key-1, expires %s (in 3600 s)' % (
        ARN, via, iso(EPOCH + 3600))


def test_wraps_an_ecs_role(sts, home, clock):
    metadata = MetadataStub(responder=MetadataResponder(clock)).start()
    try:
        provider = resolve_credentials({'ecs_role_name': 'EcsRole', 'ecs_metadata_url': metadata.url, 'alicloud_assume_role_arn': ARN,
                                        'sts_endpoint': sts.url}, {'HOME': str(home)}, clock=clock)
        assert provider.source == 'assume-role:%s via ecs-role:EcsRole' % ARN
        assert provider.get().access_key_id == 'STS.key-1'
    finally:
        metadata.stop()
    request = sts.requests[0]
    assert request.query['AccessKeyId'] == 'STS.ecs-1'
    assert request.query['SecurityToken'] == temp_token(1, 'ecs')
    assert check_v1(request, temp_secret(1, 'ecs')) == []


def test_cli_ram_role_arn_profile(sts, home, clock):
    write_cli_config(home, [{'name': 'role', 'mode': 'RamRoleArn', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET,
                             'ram_role_arn': ARN, 'ram_session_name': 'cli-session', 'expired_seconds': 900,
                             'policy': '{"Statement": []}', 'external_id': 'cli-ext'}], current='role')
    provider = resolve_credentials({'sts_endpoint': sts.url}, {'HOME': str(home)}, clock=clock)
    assert provider.source == 'profile:role (~/.aliyun/config.json, mode RamRoleArn)'
    creds = provider.get()
    assert creds.access_key_id == 'STS.key-1' and creds.source == provider.source
    query = sts.requests[0].query
    assert (query['RoleArn'], query['RoleSessionName'], query['DurationSeconds'], query['Policy'], query['ExternalId']) == (
        ARN, 'cli-session', '900', '{"Statement": []}', 'cli-ext')
    assert check_v1(sts.requests[0], BASE_SECRET) == []


def test_ini_ram_role_arn_section(sts, home, clock):
    write_ini(home, '[default]\ntype = ram_role_arn\naccess_key_id = %s\naccess_key_secret = %s\nrole_arn = %s\nrole_session_name = '
                    'ini-session\npolicy = {"Statement": []}\n' % (BASE_ID, BASE_SECRET, ARN))
    provider = resolve_credentials({}, {'HOME': str(home), 'ALICLOUD_STS_ENDPOINT': sts.url}, clock=clock)
    assert provider.get().access_key_id == 'STS.key-1'
    query = sts.requests[0].query
    assert (query['RoleSessionName'], query['DurationSeconds'], query['Policy']) == ('ini-session', '3600', '{"Statement": []}')
    assert 'ExternalId' not in query


def test_profile_role_then_option_role_chains_two_calls(sts, home, clock):
    write_cli_config(home, [{'name': 'role', 'mode': 'RamRoleArn', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET,
                             'ram_role_arn': 'acs:ram::1:role/first'}], current='role')
    provider = resolve_credentials({'alicloud_assume_role_arn': ARN, 'sts_endpoint': sts.url}, {'HOME': str(home)}, clock=clock)
    assert provider.source == 'assume-role:%s via profile:role (~/.aliyun/config.json, mode RamRoleArn)' % ARN
    assert provider.get().access_key_id == 'STS.key-2'
    first, second = sts.requests
    assert first.query['RoleArn'] == 'acs:ram::1:role/first' and 'SecurityToken' not in first.query
    assert second.query['RoleArn'] == ARN and second.query['AccessKeyId'] == 'STS.key-1'
    assert second.query['SecurityToken'] == temp_token(1)
    assert check_v1(second, temp_secret(1)) == []


@pytest.mark.parametrize('options, env, expected', [
    ({}, {}, 'https://sts.aliyuncs.com'),
    ({'sts_endpoint': 'sts.cn-hangzhou.aliyuncs.com'}, {}, 'https://sts.cn-hangzhou.aliyuncs.com'),
    ({'sts_endpoint': 'http://127.0.0.1:8080'}, {}, 'http://127.0.0.1:8080'),
    ({'sts_endpoint': 'https://sts-vpc.cn-beijing.aliyuncs.com/'}, {}, 'https://sts-vpc.cn-beijing.aliyuncs.com'),
    ({}, {'ALICLOUD_STS_ENDPOINT': 'localhost:9443'}, 'https://localhost:9443'),
    ({'sts_endpoint': 'a.example.com'}, {'ALICLOUD_STS_ENDPOINT': 'b.example.com'}, 'https://a.example.com'),
])
def test_sts_endpoint(monkeypatch, home, options, env, expected):
    seen = []

    def fake(**kwargs):
        seen.append(kwargs['base_url'])
        return 'STS.x', 'y', 'z', EPOCH + 3600
    monkeypatch.setattr(_sts, 'assume_role', fake)
    provider = resolve_credentials(dict(BASE, alicloud_assume_role_arn=ARN, **options), dict(env, HOME=str(home)), clock=FakeClock())
    provider.get()
    assert seen == [expected]


@pytest.mark.parametrize('options, env, expected', [
    ({}, {}, 'https://sts.cn-shanghai.aliyuncs.com'),
    ({'sts_endpoint': 'http://127.0.0.1:8080'}, {}, 'http://127.0.0.1:8080'),
    ({}, {'ALICLOUD_STS_ENDPOINT': 'http://127.0.0.1:8081'}, 'http://127.0.0.1:8081'),
])
def test_profile_sts_region(monkeypatch, home, options, env, expected):
    seen = []

    def fake(**kwargs):
        seen.append(kwargs['base_url'])
        return 'STS.x', 'y', 'z', EPOCH + 3600
    monkeypatch.setattr(_sts, 'assume_role', fake)
    write_cli_config(home, [{'name': 'role', 'mode': 'RamRoleArn', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET,
                             'ram_role_arn': ARN, 'sts_region': 'cn-shanghai'}], current='role')
    resolve_credentials(options, dict(env, HOME=str(home)), clock=FakeClock()).get()
    assert seen == [expected]


# -- settings validation ---------------------------------------------------------------------

@pytest.mark.parametrize('options, env, start', [
    ({'alicloud_assume_role_arn': 'arn:aws:iam::123:role/x'}, {}, 'alicloud_assume_role_arn: '),
    ({'alicloud_assume_role_arn': 'acs:ram::abc:role/x'}, {}, 'alicloud_assume_role_arn: '),
    ({'alicloud_assume_role_arn': 'acs:ram::123:user/x'}, {}, 'alicloud_assume_role_arn: '),
    ({'alicloud_assume_role_arn': None}, {'ALICLOUD_ASSUME_ROLE_ARN': 'acs:ram::123:role/'}, 'alicloud_assume_role_arn (from ALICLOUD_ASSUME_ROLE_ARN): '),
    ({'alicloud_assume_role_session_expiration': 899}, {}, 'alicloud_assume_role_session_expiration: must be between 900 and 43200'),
    ({'alicloud_assume_role_session_expiration': 43201}, {}, 'alicloud_assume_role_session_expiration: must be between 900 and 43200'),
    ({'alicloud_assume_role_session_expiration': 'soon'}, {}, 'alicloud_assume_role_session_expiration: must be a whole number'),
    ({}, {'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION': '60'},
     'alicloud_assume_role_session_expiration (from ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION): must be between'),
    ({'alicloud_assume_role_policy': '{"Statement": '}, {}, 'alicloud_assume_role_policy: must be a JSON policy document'),
    ({}, {'ALICLOUD_ASSUME_ROLE_POLICY': 'allow all'}, 'alicloud_assume_role_policy (from ALICLOUD_ASSUME_ROLE_POLICY): must be a JSON'),
    ({'alicloud_assume_role_session_name': 'has space'}, {}, 'alicloud_assume_role_session_name: '),
    ({'alicloud_assume_role_session_name': 'x' * 65}, {}, 'alicloud_assume_role_session_name: '),
    ({'sts_endpoint': 'ftp://sts.aliyuncs.com'}, {}, 'sts_endpoint: '),
    ({'sts_endpoint': 'sts.aliyuncs.com/path'}, {}, 'sts_endpoint: '),
    ({}, {'ALICLOUD_STS_ENDPOINT': 'user@host'}, 'sts_endpoint (from ALICLOUD_STS_ENDPOINT): '),
    ({'connect_timeout': 0}, {}, 'connect_timeout: '),
    ({'read_timeout': 'slow'}, {}, 'read_timeout: '),
])
def test_invalid_settings(home, options, env, start):
    opts = dict(BASE, alicloud_assume_role_arn=ARN)
    opts.update(options)
    with pytest.raises(ConfigError) as info:
        resolve_credentials(opts, dict(env, HOME=str(home)))
    assert str(info.value).startswith(start)
    assert '\n' not in str(info.value)


def test_role_settings_checked_before_the_base(home):
    with pytest.raises(ConfigError) as info:
        resolve_credentials({'alicloud_assume_role_arn': 'bad'}, {'HOME': str(home)})
    assert str(info.value).startswith('alicloud_assume_role_arn: ')
    with pytest.raises(ConfigError) as info:
        resolve_credentials({'alicloud_assume_role_arn': ARN}, {'HOME': str(home)})
    assert str(info.value) == MISSING_CREDENTIALS


def test_role_settings_without_arn_are_ignored(home):
    provider = resolve_credentials(dict(BASE, alicloud_assume_role_session_name='x', alicloud_assume_role_session_expiration=3600),
                                   {'HOME': str(home)})
    assert provider.source == 'options'


# -- errors and retries ----------------------------------------------------------------------

def test_error_document(stub, home, clock):
    detail = {'AuthAction': 'sts:AssumeRole', 'PolicyType': 'ResourceBasedPolicy'}
    stub.script(error_answer(403, 'NoPermission', 'You are not authorized to do this action.', request_id='req-denied',
                             HostId='sts.aliyuncs.com', Recommend='https://api.aliyun.com/troubleshoot?q=NoPermission',
                             AccessDeniedDetail=detail))
    err = _fail(_provider(stub.url, home, clock))
    assert (err.action, err.status, err.code, err.request_id) == ('AssumeRole', 403, 'NoPermission', 'req-denied')
    assert err.message == 'You are not authorized to do this action.'
    assert err.host_id == 'sts.aliyuncs.com' and err.access_denied_detail == detail
    assert err.recommend.endswith('NoPermission')
    assert err.retryable is False and err.attempts == 1
    assert str(err).startswith('AssumeRole failed: HTTP 403 NoPermission: You are not authorized to do this action; RequestId: req-denied')
    assert len(stub.requests) == 1


def test_request_id_from_header(stub, home, clock):
    stub.script(answer(404, {'Code': 'EntityNotExist.Role', 'Message': 'The role does not exist.'}, headers={'x-acs-request-id': 'hdr-1'}))
    err = _fail(_provider(stub.url, home, clock))
    assert (err.code, err.request_id) == ('EntityNotExist.Role', 'hdr-1')


def test_throttling_is_retried(stub, home, clock):
    stub.script(error_answer(400, 'Throttling.User', 'slow down'), error_answer(503, 'ServiceUnavailable', 'busy'))
    stub.responder = StsResponder(clock)
    sleep, lines = SleepRecorder(), []
    creds = _provider(stub.url, home, clock, sleep=sleep, log=lines.append).get()
    assert creds.access_key_id == 'STS.key-1'
    assert len(stub.requests) == 3 and len(sleep.delays) == 2
    assert all(0 < delay <= 2.0 for delay in sleep.delays)
    assert [r.query['SignatureNonce'] for r in stub.requests] == list(dict.fromkeys(r.query['SignatureNonce'] for r in stub.requests))
    assert any('AssumeRole: attempt 1 failed with HTTP 400 Throttling.User' in line for line in lines)


def test_retries_are_limited(stub, home, clock):
    stub.script(*[error_answer(500, 'InternalError', 'oops')] * 5)
    err = _fail(_provider(stub.url, home, clock))
    assert (err.code, err.status, err.attempts, err.retryable) == ('InternalError', 500, 4, False)
    assert len(stub.requests) == 4
    assert 'after 4 attempts' in str(err)


@pytest.mark.parametrize('reply, code, text', [
    (answer(502, '<html><body>Bad gateway</body></html>', headers={'content-type': 'text/html'}), 'HTTP502', 'Bad gateway'),
    (answer(200, 'not json', headers={'content-type': 'text/plain'}), 'InvalidResponse', 'instead of a JSON document'),
    (answer(200, {'RequestId': 'r-1'}), 'InvalidResponse', 'has no Credentials object'),
    (answer(200, {'RequestId': 'r-1', 'Credentials': {'AccessKeyId': 'STS.a', 'AccessKeySecret': temp_secret(9), 'Expiration': 'x'}}),
     'InvalidResponse', 'lacks Credentials.SecurityToken'),
    (answer(200, {'Credentials': {'AccessKeyId': 'STS.a', 'AccessKeySecret': temp_secret(9), 'SecurityToken': temp_token(9),
                                  'Expiration': '2026-01-01 01:00:00'}}), 'InvalidResponse', 'is not in the form YYYY-MM-DDThh:mm:ssZ'),
])
def test_odd_answers(stub, home, clock, reply, code, text):
    stub.script(*[reply] * 4)
    err = _fail(_provider(stub.url, home, clock))
    assert err.code == code and text in str(err)
    assert temp_secret(9) not in str(err) and temp_token(9) not in str(err)


def test_redirect_not_followed(stub, home, clock):
    stub.script(*[answer(302, '', headers={'location': '/elsewhere'})] * 4)
    err = _fail(_provider(stub.url, home, clock, {'alicloud_security_token': BASE_TOKEN}))
    assert (err.status, err.code, err.attempts) == (302, 'Redirect', 1)
    assert 'HTTP 302' in str(err) and 'within %s' % stub.host in str(err) and '/elsewhere' not in str(err)
    assert [r.path for r in stub.requests] == ['/']


def test_connection_refused(home, clock):
    options = {'sts_endpoint': 'http://127.0.0.1:%d' % closed_port(), 'alicloud_security_token': BASE_TOKEN}
    sleep = SleepRecorder()
    err = _fail(_provider(options['sts_endpoint'], home, clock, options, sleep=sleep))
    assert (err.code, err.status, err.attempts, err.retryable) == ('ConnectionRefused', None, 4, False)
    assert len(sleep.delays) == 3


def test_name_resolution(home, clock):
    err = _fail(_provider('http://sts-test.invalid', home, clock))
    assert err.code == 'NameResolutionError' and err.attempts == 1
    assert 'check sts_endpoint' in err.message


def test_read_timeout(stub, home, clock):
    stub.script(*[answer(200, {}, delay=0.6)] * 4)
    err = _fail(_provider(stub.url, home, clock, {'read_timeout': 0.15}))
    assert err.code == 'ReadTimeout' and err.attempts == 4
    assert 'within 0.15s' in err.message


def test_tls_verification(tls_stub, tls_files, home, clock):
    tls_stub.responder = StsResponder(clock)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        err = _fail(_provider(tls_stub.url, home, clock))
        assert err.code == 'TLSError'
        assert _provider(tls_stub.url, home, clock, {'validate_certs': False}).get().access_key_id == 'STS.key-1'
    assert _provider(tls_stub.url, home, clock, {'ca_bundle': tls_files[0]}).get().access_key_id == 'STS.key-2'
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        # validate_certs false wins over ca_bundle, as in the client
        assert _provider(tls_stub.url, home, clock, {'ca_bundle': '/nonexistent.pem', 'validate_certs': False}).get()


def test_sts_goes_through_the_environment_proxy(home, clock, monkeypatch):
    proxy = StubServer(responder=StsResponder(clock)).start()
    try:
        monkeypatch.setenv('HTTP_PROXY', proxy.url)
        creds = _provider('http://sts.proxied.invalid', home, clock).get()
    finally:
        proxy.stop()
    assert creds.access_key_id == 'STS.key-1'
    (request,) = proxy.requests
    assert request.headers['host'] == 'sts.proxied.invalid'
    assert check_v1(request, BASE_SECRET) == []


def test_expired_base_token_is_renewed_once(home, clock):
    # the base (a RamRoleArn profile) hands out a token STS then calls expired: the base refreshes and the call is made again
    answers = iter([None, error_answer(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'), None, None])
    responder = StsResponder(clock)

    def reply(request):
        scripted = next(answers)
        return scripted if scripted is not None else responder(request)
    server = StubServer(responder=reply).start()
    try:
        write_cli_config(home, [{'name': 'role', 'mode': 'RamRoleArn', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET,
                                 'ram_role_arn': 'acs:ram::1:role/first'}], current='role')
        provider = resolve_credentials({'alicloud_assume_role_arn': ARN, 'sts_endpoint': server.url}, {'HOME': str(home)}, clock=clock)
        creds = provider.get()
    finally:
        server.stop()
    assert [r.query['RoleArn'] for r in server.requests] == ['acs:ram::1:role/first', ARN, 'acs:ram::1:role/first', ARN]
    assert server.requests[3].query['AccessKeyId'] == 'STS.key-2'
    assert creds.access_key_id == 'STS.key-3'


def test_transport_error_matches_the_client(monkeypatch):
    client = ServiceCatalogClient(StaticCredentialsProvider(Credentials('id', 'sec', 'tok', 't')), endpoint='https://h.example',
                                  retries=0)
    for exc in (requests.exceptions.SSLError('bad cert sec'), requests.exceptions.ConnectTimeout('slow'),
                requests.exceptions.ReadTimeout('slow'), requests.exceptions.ConnectionError('Failed to resolve h'),
                requests.exceptions.ConnectionError('Connection refused'), requests.exceptions.ConnectionError('reset tok'),
                requests.exceptions.InvalidURL('bad url')):
        ours = transport_error('ListTasks', exc, client.host, client.timeout, ('sec', 'tok'))

        def fail(*args, **kwargs):
            raise exc  # pylint: disable=cell-var-from-loop
        monkeypatch.setattr(client.session, 'request', fail)
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
        theirs = info.value
        assert (str(ours), ours.code, ours.status) == (str(theirs), theirs.code, theirs.status)


def test_transport_error_can_hide_queries():
    exc = requests.exceptions.ConnectionError("HTTPSConnectionPool(host='h', port=443): Max retries exceeded with url: "
                                              "/?AccessKeyId=x&SecurityToken=abc%2B (Caused by boom)")
    err = transport_error('AssumeRole', exc, 'h', (5, 10), redact_query=True)
    assert 'SecurityToken' not in str(err) and 'url: /?<query>' in str(err)


def test_expiration_parsing():
    assert document.parse_expiration('2026-01-01T01:00:00Z') == EPOCH + 3600
    assert document.parse_expiration('2026-01-01T01:00:00.250Z') == EPOCH + 3600
    for bad in (None, '', '2026-01-01 01:00:00', '2026-01-01T01:00:00', '2026-13-01T00:00:00Z', '2026-01-01T01:00:00+08:00'):
        assert document.parse_expiration(bad) is None
    assert document.format_expiration(EPOCH) == '2026-01-01T00:00:00Z'


def test_sts_session_settings(monkeypatch, home, clock):
    seen = []

    def fake(**kwargs):
        seen.append(kwargs)
        return 'STS.x', 'y', 'z', EPOCH + 3600
    monkeypatch.setattr(_sts, 'assume_role', fake)
    ca_pem = str(home / 'ca.pem')
    with open(ca_pem, 'w') as handle:
        handle.write('-----BEGIN CERTIFICATE-----\n')
    resolve_credentials(dict(BASE, alicloud_assume_role_arn=ARN, ca_bundle=ca_pem, connect_timeout=2, read_timeout=3),
                        {'HOME': str(home)}, clock=clock).get()
    resolve_credentials(dict(BASE, alicloud_assume_role_arn=ARN, validate_certs=False, ca_bundle='/ca.pem'),
                        {'HOME': str(home)}, clock=clock).get()
    resolve_credentials(dict(BASE, alicloud_assume_role_arn=ARN), {'HOME': str(home)}, clock=clock).get()
    assert [call['settings'].session('sts').verify for call in seen] == [ca_pem, False, True]
    assert [call['settings'].timeout_for('credentials') for call in seen] == [(2.0, 3.0), (5.0, 10.0), (5.0, 10.0)]
    assert all(call['settings'].session('sts').trust_env for call in seen)  # STS honours the proxy variables
    assert seen[0]['settings'].session('sts').headers['user-agent'].startswith('alicloud.servicecatalog/')
