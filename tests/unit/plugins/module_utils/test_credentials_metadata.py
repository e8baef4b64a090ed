# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ECS RAM role credentials from the instance metadata service: IMDSv2, IMDSv1 fallback, no proxy, retries."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import requests

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _metadata
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import MISSING_CREDENTIALS, resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    EPOCH, MetadataResponder, MetadataStub, iso, temp_secret, temp_token, write_cli_config, write_ini,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import SleepRecorder, answer, closed_port

TOKEN_PATH = '/latest/api/token'
ROLE_PATH = '/latest/meta-data/ram/security-credentials/EcsRole'


@pytest.fixture
def metadata():
    server = MetadataStub().start()
    try:
        yield server
    finally:
        server.stop()


def _provider(url, tmp_path, clock, options=None, env=None, **kwargs):
    # The tests below count attempts with retries=3: the option reaches the metadata service (its default is 5).
    opts = {'ecs_role_name': 'EcsRole', 'ecs_metadata_url': url, 'retries': 3}
    opts.update(options or {})
    environ = {'HOME': str(tmp_path)}
    environ.update(env or {})
    kwargs.setdefault('sleep', SleepRecorder())
    return resolve_credentials(opts, environ, clock=clock, **kwargs)


def _fail(provider):
    with pytest.raises(ServiceCatalogError) as info:
        provider.get()
    assert '\n' not in str(info.value)
    return info.value


def test_imdsv2_token_flow(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock, require_token=True)
    lines = []
    provider = _provider(metadata.url, tmp_path, clock, log=lines.append)
    assert provider.source == 'ecs-role:EcsRole' and provider.refreshable
    creds = provider.get()
    assert creds[:3] == ('STS.ecs-1', temp_secret(1, 'ecs'), temp_token(1, 'ecs'))
    assert creds.source == 'ecs-role:EcsRole'
    put, get = metadata.requests
    assert (put.method, put.path) == ('PUT', TOKEN_PATH)
    assert put.headers['x-aliyun-ecs-metadata-token-ttl-seconds'] == '21600'
    assert (get.method, get.path) == ('GET', ROLE_PATH)
    assert get.headers['x-aliyun-ecs-metadata-token'] == MetadataResponder.TOKEN
    assert lines == ['credentials: ecs-role:EcsRole from the ECS metadata service at %s' % metadata.url,
                     'credentials: ecs-role:EcsRole: fetched temporary access key STS.ecs-1, expires %s (in 21600 s)' % iso(EPOCH + 21600)]


@pytest.mark.parametrize('status', [403, 404, 405])
def test_imdsv1_fallback(metadata, tmp_path, clock, status):
    metadata.responder = MetadataResponder(clock, imdsv2=False, token_status=status)
    lines = []
    creds = _provider(metadata.url, tmp_path, clock, log=lines.append).get()
    assert creds.access_key_id == 'STS.ecs-1'
    put, get = metadata.requests
    assert put.method == 'PUT' and get.method == 'GET'
    assert 'x-aliyun-ecs-metadata-token' not in get.headers
    assert 'credentials: the ECS metadata token request answered HTTP %d; using IMDSv1 (no token)' % status in lines


@pytest.mark.parametrize('value', ['true', 'TRUE', 'True'])
def test_imdsv1_can_be_disabled(metadata, tmp_path, clock, value):
    metadata.responder = MetadataResponder(clock, imdsv2=False, token_status=404)
    provider = _provider(metadata.url, tmp_path, clock, env={'ALIBABA_CLOUD_IMDSV1_DISABLED': value})
    err = _fail(provider)
    assert (err.action, err.status, err.code) == ('EcsRamRole', 404, 'HTTP404')
    assert 'ALIBABA_CLOUD_IMDSV1_DISABLED=true' in err.message
    assert [r.method for r in metadata.requests] == ['PUT']


def test_imdsv1_disabled_but_imdsv2_works(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock)
    assert _provider(metadata.url, tmp_path, clock, env={'ALIBABA_CLOUD_IMDSV1_DISABLED': 'true'}).get().access_key_id == 'STS.ecs-1'


def test_token_request_other_failures_do_not_fall_back(metadata, tmp_path, clock):
    metadata.script(answer(400, 'bad'))
    err = _fail(_provider(metadata.url, tmp_path, clock))
    assert (err.status, err.code) == (400, 'HTTP400') and 'IMDSv2 token request' in err.message
    assert len(metadata.requests) == 1


def test_5xx_retried_three_times(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock)
    metadata.script(answer(500, 'x'), answer(503, 'x'))
    sleep = SleepRecorder()
    assert _provider(metadata.url, tmp_path, clock, sleep=sleep).get().access_key_id == 'STS.ecs-1'
    assert [r.method for r in metadata.requests] == ['PUT', 'PUT', 'PUT', 'GET']
    assert len(sleep.delays) == 2 and all(0 < d <= 1.0 for d in sleep.delays)


def test_5xx_gives_up_after_four_attempts(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock)
    metadata.script(answer(200, MetadataResponder.TOKEN, headers={'content-type': 'text/plain'}), *[answer(502, 'x')] * 4)
    err = _fail(_provider(metadata.url, tmp_path, clock))
    assert (err.status, err.code, err.attempts) == (502, 'HTTP502', 4)
    assert len(metadata.requests) == 5


def test_connection_refused_retried_then_explained(tmp_path, clock):
    sleep = SleepRecorder()
    err = _fail(_provider('http://127.0.0.1:%d' % closed_port(), tmp_path, clock, sleep=sleep))
    assert (err.code, err.attempts, err.retryable) == ('ConnectionRefused', 4, False)
    assert 'is this an ECS instance?' in str(err)
    assert len(sleep.delays) == 3


def test_code_not_success(metadata, tmp_path, clock):
    metadata.script(answer(200, MetadataResponder.TOKEN),
                    answer(200, {'Code': 'Failed', 'Message': 'role is being detached', 'AccessKeySecret': temp_secret(7, 'ecs')}))
    err = _fail(_provider(metadata.url, tmp_path, clock))
    assert (err.code, err.status) == ('Failed', 200)
    assert 'Code=Failed' in err.message and 'role is being detached' in err.message
    assert temp_secret(7, 'ecs') not in str(err)


def test_unknown_role(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock, role='OtherRole')
    err = _fail(_provider(metadata.url, tmp_path, clock))
    assert (err.status, err.code) == (404, 'HTTP404')
    assert 'no RAM role EcsRole' in err.message


@pytest.mark.parametrize('body, text', [
    ('<html>hello</html>', 'without a JSON document'),
    ({'Code': 'Success', 'AccessKeyId': 'STS.a', 'AccessKeySecret': temp_secret(8, 'ecs')}, 'lacks SecurityToken, Expiration'),
    ({'Code': 'Success', 'AccessKeyId': 'STS.a', 'AccessKeySecret': temp_secret(8, 'ecs'), 'SecurityToken': temp_token(8, 'ecs'),
      'Expiration': 'tomorrow'}, "Expiration 'tomorrow'"),
])
def test_odd_answers(metadata, tmp_path, clock, body, text):
    metadata.script(answer(200, MetadataResponder.TOKEN), answer(200, body))
    err = _fail(_provider(metadata.url, tmp_path, clock))
    assert err.code == 'InvalidResponse' and text in err.message
    assert temp_secret(8, 'ecs') not in str(err) and temp_token(8, 'ecs') not in str(err)


def test_empty_token_is_an_error(metadata, tmp_path, clock):
    metadata.script(answer(200, ''))
    assert _fail(_provider(metadata.url, tmp_path, clock)).code == 'InvalidResponse'


def test_never_through_a_proxy(metadata, tmp_path, clock, monkeypatch):
    metadata.responder = MetadataResponder(clock)
    proxy = MetadataStub(responder=lambda request: answer(502, 'proxied')).start()
    try:
        for name in ('HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'ALL_PROXY'):
            monkeypatch.setenv(name, proxy.url)
        # control: an ordinary requests call does go through the proxy
        assert requests.get(metadata.url + '/control', timeout=2).status_code == 502
        assert len(proxy.requests) == 1
        creds = _provider(metadata.url, tmp_path, clock, {'ecs_role_name': 'EcsRole'}).get()
    finally:
        proxy.stop()
    assert creds.access_key_id == 'STS.ecs-1'
    assert len(proxy.requests) == 1
    assert [r.method for r in metadata.requests] == ['PUT', 'GET']


@pytest.mark.parametrize('options, expected', [
    ({}, (1.0, 5.0)),
    ({'connect_timeout': 0.5, 'read_timeout': 2}, (0.5, 2.0)),
    ({'connect_timeout': 30, 'read_timeout': 60}, (1.0, 5.0)),
])
def test_short_timeouts(monkeypatch, tmp_path, clock, options, expected):
    seen = []

    def fake(settings, base_url, host, role_name, **kwargs):
        session = settings.session('metadata')
        seen.append((session.trust_env, session.proxies, base_url, host, role_name, settings.timeout_for('metadata'),
                     kwargs['imdsv1_disabled']))
        return 'STS.x', 'y', 'z', EPOCH + 3600
    monkeypatch.setattr(_metadata, 'role_credentials', fake)
    resolve_credentials(dict({'ecs_role_name': 'R'}, **options), {'HOME': str(tmp_path)}, clock=clock).get()
    assert seen == [(False, {}, 'http://100.100.100.200', '100.100.100.200', 'R', expected, False)]


@pytest.mark.parametrize('options, env, expected', [
    ({'ecs_role_name': 'Opt'}, {'ALICLOUD_ECS_ROLE_NAME': 'Alic', 'ALIBABA_CLOUD_ECS_METADATA': 'Sdk'}, 'Opt'),
    ({}, {'ALICLOUD_ECS_ROLE_NAME': 'Alic', 'ALIBABA_CLOUD_ECS_METADATA': 'Sdk'}, 'Alic'),
    ({'ecs_role_name': ''}, {'ALIBABA_CLOUD_ECS_METADATA': 'Sdk'}, 'Sdk'),
    ({'ecs_role_name': 'Opt'}, {'ALIBABA_CLOUD_ECS_METADATA_DISABLED': 'true'}, 'Opt'),
])
def test_role_name_order(tmp_path, options, env, expected):
    assert resolve_credentials(options, dict(env, HOME=str(tmp_path))).source == 'ecs-role:%s' % expected


@pytest.mark.parametrize('options, env', [
    ({}, {}),
    ({'ecs_role_name': ''}, {}),
    ({'ecs_role_name': None}, {'ALICLOUD_ECS_ROLE_NAME': ' '}),
    ({}, {'ALICLOUD_ECS_ROLE_NAME': 'Alic', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED': 'true'}),
    ({}, {'ALIBABA_CLOUD_ECS_METADATA': 'Sdk', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED': 'TRUE'}),
])
def test_no_role_name_no_probing(metadata, tmp_path, options, env):
    opts = dict(options, ecs_metadata_url=metadata.url)
    with pytest.raises(ConfigError) as info:
        resolve_credentials(opts, dict(env, HOME=str(tmp_path), ALICLOUD_ECS_METADATA_URL=metadata.url))
    assert str(info.value) == MISSING_CREDENTIALS
    assert metadata.requests == []


def test_metadata_url_option_env_default(monkeypatch, tmp_path, clock):
    seen = []

    def fake(settings, base_url, host, role_name, **kwargs):
        seen.append(base_url)
        return 'STS.x', 'y', 'z', EPOCH + 3600
    monkeypatch.setattr(_metadata, 'role_credentials', fake)
    env = {'HOME': str(tmp_path), 'ALICLOUD_ECS_METADATA_URL': '127.0.0.1:8100'}
    resolve_credentials({'ecs_role_name': 'R', 'ecs_metadata_url': 'http://127.0.0.1:8200/'}, env, clock=clock).get()
    resolve_credentials({'ecs_role_name': 'R'}, env, clock=clock).get()
    resolve_credentials({'ecs_role_name': 'R'}, {'HOME': str(tmp_path)}, clock=clock).get()
    resolve_credentials({'ecs_role_name': 'R', 'ecs_metadata_url': 'https://md.example:8443'}, env, clock=clock).get()
    assert seen == ['http://127.0.0.1:8200', 'http://127.0.0.1:8100', 'http://100.100.100.200', 'https://md.example:8443']


@pytest.mark.parametrize('options, env, start', [
    ({'ecs_metadata_url': 'ftp://100.100.100.200'}, {}, 'ecs_metadata_url: '),
    ({'ecs_metadata_url': 'http://100.100.100.200/latest'}, {}, 'ecs_metadata_url: '),
    ({}, {'ALICLOUD_ECS_METADATA_URL': 'http://:80'}, 'ecs_metadata_url (from ALICLOUD_ECS_METADATA_URL): '),
])
def test_invalid_metadata_url(tmp_path, options, env, start):
    with pytest.raises(ConfigError) as info:
        resolve_credentials(dict(options, ecs_role_name='R'), dict(env, HOME=str(tmp_path)))
    assert str(info.value).startswith(start)


def test_cli_ecs_ram_role_profile(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock, role='ProfileRole')
    write_cli_config(tmp_path, [{'name': 'ecs', 'mode': 'EcsRamRole', 'ram_role_name': 'ProfileRole'}], current='ecs')
    provider = resolve_credentials({'ecs_metadata_url': metadata.url}, {'HOME': str(tmp_path)}, clock=clock)
    assert provider.source == 'profile:ecs (~/.aliyun/config.json, mode EcsRamRole)'
    creds = provider.get()
    assert creds.access_key_id == 'STS.ecs-1' and creds.source == provider.source
    assert metadata.requests[1].path == '/latest/meta-data/ram/security-credentials/ProfileRole'


def test_ini_ecs_ram_role_section(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock, role='IniRole')
    write_ini(tmp_path, '[default]\ntype = ecs_ram_role\nrole_name = IniRole\n')
    provider = resolve_credentials({}, {'HOME': str(tmp_path), 'ALICLOUD_ECS_METADATA_URL': metadata.url}, clock=clock)
    assert provider.get().access_key_id == 'STS.ecs-1'


def test_refresh_fetches_a_new_token_and_credentials(metadata, tmp_path, clock):
    metadata.responder = MetadataResponder(clock, lifetime=3600)
    provider = _provider(metadata.url, tmp_path, clock)
    assert provider.get().access_key_id == 'STS.ecs-1'
    clock.advance(3600 - 181)
    assert provider.get().access_key_id == 'STS.ecs-1'
    clock.advance(2)
    assert provider.get().access_key_id == 'STS.ecs-2'
    assert provider.refresh().access_key_id == 'STS.ecs-3'
    assert [r.method for r in metadata.requests] == ['PUT', 'GET'] * 3


def test_role_name_is_quoted(metadata, tmp_path, clock):
    metadata.responder = lambda request: answer(404, 'nope')
    _fail(_provider(metadata.url, tmp_path, clock, {'ecs_role_name': 'a/b c'}))
    assert metadata.requests[-1].path == '/latest/meta-data/ram/security-credentials/a%2Fb%20c'
