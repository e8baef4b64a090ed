# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""No secret key, STS token or metadata token reaches an exception text, a repr or a log line of the credential chain.

The fakes echo the secrets back wherever a misbehaving service or proxy might (messages, HTML
pages, the URL of a failed request); the files that fail to parse hold them too.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import warnings

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    ARN, BASE_ID, BASE_SECRET, BASE_TOKEN, FakeClock, MetadataResponder, MetadataStub, StsResponder, temp_secret, temp_token,
    write_cli_config, write_ini,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import SleepRecorder, StubServer, answer, closed_port

SECRETS = [BASE_SECRET, BASE_TOKEN, signer.percent_encode(BASE_TOKEN), MetadataResponder.TOKEN]
for _n in range(1, 10):
    SECRETS += [temp_secret(_n), temp_token(_n), temp_secret(_n, 'ecs'), temp_token(_n, 'ecs'),
                signer.percent_encode(temp_token(_n)), signer.percent_encode(temp_token(_n, 'ecs'))]
# what STS could echo (the signing key's secret and token) and what the metadata service could (the document's own)
ECHO = 'secret=%s token=%s' % (BASE_SECRET, BASE_TOKEN)
ECHO_NEW = 'secret=%s token=%s' % (temp_secret(9), temp_token(9))
LEAKY_CREDENTIALS = {'AccessKeyId': 'STS.leak', 'AccessKeySecret': temp_secret(9), 'SecurityToken': temp_token(9), 'Expiration': 'soon'}


def _assert_clean(*texts):
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, 'secret leaked into: %s' % text


def _base(endpoint, **extra):
    options = {'alicloud_access_key': BASE_ID, 'alicloud_secret_key': BASE_SECRET, 'alicloud_security_token': BASE_TOKEN,
               'alicloud_assume_role_arn': ARN, 'sts_endpoint': endpoint}
    options.update(extra)
    return options


# name -> (kind of server, scripted answers, extra options)
STS_SCENARIOS = {
    'json-403-echo': ('http', [answer(403, {'Code': 'NoPermission', 'Message': 'denied: ' + ECHO, 'RequestId': 'r'})], {}),
    'html-502-echo': ('http', [answer(502, '<html><pre>%s</pre></html>' % ECHO, headers={'content-type': 'text/html'})] * 4, {}),
    'text-400-echo': ('http', [answer(400, 'bad request ' + ECHO, headers={'content-type': 'text/plain'})], {}),
    '200-non-json-echo': ('http', [answer(200, 'debug %s %s' % (ECHO, ECHO_NEW), headers={'content-type': 'text/plain'})] * 4, {}),
    '200-bad-expiration': ('http', [answer(200, {'Credentials': LEAKY_CREDENTIALS})], {}),
    '200-truncated-json': ('http', [answer(200, '{"Credentials": {"AccessKeySecret": "%s"' % temp_secret(9))] * 4, {}),
    'read-timeout': ('http', [answer(200, {}, delay=0.5)] * 4, {'read_timeout': 0.1}),
    'drop': ('http', [answer(drop=True)] * 4, {}),
    'connection-refused': ('refused', None, {}),
    'name-resolution': ('invalid', None, {}),
    'tls': ('tls', None, {}),
}


@pytest.mark.parametrize('name', sorted(STS_SCENARIOS))
def test_sts_failures_leak_nothing(request, tmp_path, name):
    kind, script, extra = STS_SCENARIOS[name]
    if kind == 'http':
        server = request.getfixturevalue('stub')
        server.script(*script)
        endpoint = server.url
    elif kind == 'tls':
        endpoint = request.getfixturevalue('tls_stub').url
    elif kind == 'refused':
        endpoint = 'http://127.0.0.1:%d' % closed_port()
    else:
        endpoint = 'http://sts-secret-test.invalid'
    lines = []
    provider = resolve_credentials(_base(endpoint, **extra), {'HOME': str(tmp_path)}, log=lines.append, clock=FakeClock(),
                                   sleep=SleepRecorder())
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        with pytest.raises(ServiceCatalogError) as info:
            provider.get()
    err = info.value
    _assert_clean(str(err), repr(err), repr(err.args), json.dumps(err.to_dict()), repr(vars(err)), repr(provider), *lines)


METADATA_SCENARIOS = {
    'code-failed-echo': [answer(200, MetadataResponder.TOKEN), answer(200, dict(LEAKY_CREDENTIALS, Code='Failed', Message='no: ' + ECHO_NEW))],
    'bad-expiration': [answer(200, MetadataResponder.TOKEN), answer(200, dict(LEAKY_CREDENTIALS, Code='Success'))],
    'missing-token': [answer(200, MetadataResponder.TOKEN),
                      answer(200, {'Code': 'Success', 'AccessKeyId': 'a', 'AccessKeySecret': temp_secret(9, 'ecs')})],
    'html-500-echo': [answer(200, MetadataResponder.TOKEN)] + [answer(500, '<b>%s</b>' % ECHO_NEW)] * 4,
    'non-json-echo': [answer(200, MetadataResponder.TOKEN), answer(200, 'AccessKeySecret: ' + temp_secret(9, 'ecs'))],
    'token-refused-v1-disabled': [answer(403, 'no')],
}


@pytest.mark.parametrize('name', sorted(METADATA_SCENARIOS))
def test_metadata_failures_leak_nothing(tmp_path, name):
    server = MetadataStub().start()
    try:
        server.script(*METADATA_SCENARIOS[name])
        lines = []
        provider = resolve_credentials({'ecs_role_name': 'EcsRole', 'ecs_metadata_url': server.url},
                                       {'HOME': str(tmp_path), 'ALIBABA_CLOUD_IMDSV1_DISABLED': 'true'}, log=lines.append,
                                       clock=FakeClock(), sleep=SleepRecorder())
        with pytest.raises(ServiceCatalogError) as info:
            provider.get()
    finally:
        server.stop()
    err = info.value
    _assert_clean(str(err), repr(err), repr(err.args), json.dumps(err.to_dict()), repr(vars(err)), repr(provider), *lines)


def test_metadata_unreachable_leaks_nothing(tmp_path):
    provider = resolve_credentials({'ecs_role_name': 'EcsRole', 'ecs_metadata_url': 'http://127.0.0.1:%d' % closed_port()},
                                   {'HOME': str(tmp_path)}, sleep=SleepRecorder())
    with pytest.raises(ServiceCatalogError) as info:
        provider.get()
    _assert_clean(str(info.value), repr(info.value))


CONFIG_SCENARIOS = {
    'cli-json-syntax': ('cli', '{"current": "default", "profiles": [{"name": "default", "access_key_secret": "%s" "sts_token": "%s"}]}'
                        % (BASE_SECRET, BASE_TOKEN)),
    'cli-not-object': ('cli', '"%s"' % BASE_SECRET),
    'cli-unsupported-mode': ('cli', json.dumps({'current': 'p', 'profiles': [
        {'name': 'p', 'mode': 'OIDC', 'access_key_secret': BASE_SECRET, 'sts_token': BASE_TOKEN}]})),
    'cli-incomplete': ('cli', json.dumps({'current': 'p', 'profiles': [{'name': 'p', 'mode': 'StsToken', 'access_key_secret': BASE_SECRET}]})),
    'cli-bad-arn': ('cli', json.dumps({'current': 'p', 'profiles': [
        {'name': 'p', 'mode': 'RamRoleArn', 'access_key_id': 'a', 'access_key_secret': BASE_SECRET, 'ram_role_arn': 'nope'}]})),
    'ini-no-header': ('ini', 'access_key_secret = %s\nsecurity_token = %s\n' % (BASE_SECRET, BASE_TOKEN)),
    'ini-garbage-line': ('ini', '[default]\ntype = sts\n%s\n' % BASE_SECRET),
    'ini-duplicate-key': ('ini', '[default]\nsecurity_token = %s\nsecurity_token = %s\n' % (BASE_TOKEN, BASE_TOKEN)),
    'ini-incomplete': ('ini', '[default]\ntype = sts\naccess_key_id = a\naccess_key_secret = %s\n' % BASE_SECRET),
    'ini-unsupported-type': ('ini', '[default]\ntype = bearer\nbearer_token = %s\n' % BASE_TOKEN),
}


@pytest.mark.parametrize('name', sorted(CONFIG_SCENARIOS))
def test_file_errors_leak_nothing(tmp_path, name):
    kind, content = CONFIG_SCENARIOS[name]
    if kind == 'cli':
        path = tmp_path / '.aliyun' / 'config.json'
        path.parent.mkdir()
        path.write_text(content)
    else:
        write_ini(tmp_path, content)
    with pytest.raises(ConfigError) as info:
        resolve_credentials({}, {'HOME': str(tmp_path)})
    _assert_clean(str(info.value), repr(info.value))
    with pytest.raises(ConfigError) as info:
        resolve_credentials({'alicloud_region': None}, {'HOME': str(tmp_path)})
    _assert_clean(str(info.value))


@pytest.mark.parametrize('options', [
    {'alicloud_secret_key': BASE_SECRET},
    {'alicloud_security_token': BASE_TOKEN},
    {'alicloud_access_key': BASE_ID, 'alicloud_secret_key': BASE_SECRET, 'alicloud_assume_role_arn': BASE_SECRET},
    {'alicloud_access_key': BASE_ID, 'alicloud_secret_key': BASE_SECRET, 'alicloud_assume_role_arn': ARN,
     'alicloud_assume_role_policy': '{"x": "%s"' % BASE_SECRET},
])
def test_option_errors_leak_nothing(tmp_path, options):
    with pytest.raises(ConfigError) as info:
        resolve_credentials(options, {'HOME': str(tmp_path)})
    text = str(info.value)
    assert BASE_TOKEN not in text
    if 'alicloud_assume_role_arn' not in options:  # an ARN is shown as given: only a user who put a secret there sees it
        assert BASE_SECRET not in text


def test_success_paths_leak_nothing(tmp_path):
    clock = FakeClock()
    sts = StubServer(responder=StsResponder(clock)).start()
    metadata = MetadataStub(responder=MetadataResponder(clock)).start()
    lines = []
    try:
        write_cli_config(tmp_path, [{'name': 'role', 'mode': 'RamRoleArn', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET,
                                     'ram_role_arn': ARN},
                                    {'name': 'sts', 'mode': 'StsToken', 'access_key_id': BASE_ID, 'access_key_secret': BASE_SECRET,
                                     'sts_token': BASE_TOKEN}], current='role')
        providers = [
            resolve_credentials(_base(sts.url), {'HOME': str(tmp_path)}, log=lines.append, clock=clock),
            resolve_credentials({'sts_endpoint': sts.url}, {'HOME': str(tmp_path)}, log=lines.append, clock=clock),
            resolve_credentials({'profile': 'sts'}, {'HOME': str(tmp_path)}, log=lines.append, clock=clock),
            resolve_credentials({'ecs_role_name': 'EcsRole', 'ecs_metadata_url': metadata.url, 'alicloud_assume_role_arn': ARN,
                                 'sts_endpoint': sts.url}, {'HOME': str(tmp_path)}, log=lines.append, clock=clock),
            resolve_credentials({}, {'HOME': str(tmp_path), 'ALIBABA_CLOUD_ACCESS_KEY_ID': BASE_ID,
                                     'ALIBABA_CLOUD_ACCESS_KEY_SECRET': BASE_SECRET, 'ALIBABA_CLOUD_SECURITY_TOKEN': BASE_TOKEN},
                                log=lines.append, clock=clock),
        ]
        texts = []
        for provider in providers:
            creds = provider.get()
            clock.advance(3500)
            provider.refresh()
            texts += [repr(provider), repr(vars(provider)), repr(creds), str(creds), repr(provider.get())]
    finally:
        sts.stop()
        metadata.stop()
    assert len(lines) >= 10
    _assert_clean(*(texts + lines))
    assert any('STS.key-' in line for line in lines)  # key IDs are shown, secrets are not
