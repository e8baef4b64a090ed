# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Neither the secret key nor the security token reaches an error text, a repr, to_dict() or a log line.

Several stub answers echo both values back (as a misbehaving proxy or gateway page might): the
client must still keep them out of everything it produces.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import warnings

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import common
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import (
    SECRET, TOKEN, answer, closed_port, error_answer, make_client,
)

ECHO = 'secret=%s token=%s' % (SECRET, TOKEN)

# name -> (list of answers (or None: no stub needed), endpoint kind, extra client kwargs)
SCENARIOS = {
    'json-403-echo': [error_answer(403, 'Forbidden.RAM', 'denied: ' + ECHO,
                                   AccessDeniedDetail={'AuthAction': 'servicecatalog:ListTasks'})],
    'json-403-denied-detail-echo': [error_answer(403, 'NoPermission', 'denied', Recommend='see ' + ECHO, HostId=SECRET,
                                                 AccessDeniedDetail={'AuthAction': 'servicecatalog:GetTask', 'Echo': ECHO,
                                                                     'Nested': {'Deeper': [ECHO, {'k': TOKEN}]}})],
    'json-400': [error_answer(400, 'InvalidParameter', 'bad value')],
    'json-404-not-found': [error_answer(404, 'EntityNotExist.Task', 'The task does not exist. ' + ECHO)],
    'throttled-exhausted-echo': [error_answer(400, 'Throttling.User', 'flow control ' + ECHO)] * 2,
    'html-502-echo': [answer(502, '<html><body><h1>502</h1><pre>%s</pre></body></html>' % ECHO, headers={'content-type': 'text/html'})] * 2,
    'html-400-echo': [answer(400, '<p>Header too large: x-acs-security-token: %s</p>' % TOKEN, headers={'content-type': 'text/html'})],
    'empty-500': [answer(500, b'')] * 2,
    'truncated-json-echo': [answer(400, '{"Code": "X", "Message": "%s' % ECHO)],
    'non-json-200-echo': [answer(200, 'debug echo: ' + ECHO, headers={'content-type': 'text/plain'})] * 2,
    'non-json-200-html-echo': [answer(200, '<html><title>portal %s</title><b>body</b></html>' % ECHO, headers={'content-type': 'text/html'})] * 2,
    'drop': [answer(drop=True)] * 2,
    'read-timeout': [answer(200, {'RequestId': 'late'}, delay=0.6)] * 2,
    'connection-refused': None,
    'name-resolution': None,
    'tls': 'tls',
}


def _assert_clean(*texts):
    for text in texts:
        assert SECRET not in text
        assert TOKEN not in text


def _run(request, name):
    script = SCENARIOS[name]
    lines = []
    kwargs = dict(token=TOKEN, retries=1, read_timeout=0.3, log=lines.append)
    if script == 'tls':
        server = request.getfixturevalue('tls_stub')
        endpoint = server.url
    elif script is None:
        endpoint = ('http://127.0.0.1:%d' % closed_port()) if name == 'connection-refused' else 'http://secret-test.invalid'
    else:
        server = request.getfixturevalue('stub')
        server.script(*script)
        endpoint = server.url
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        with make_client(endpoint, **kwargs) as client:
            with pytest.raises(ServiceCatalogError) as info:
                client.call('GetTask', {'TaskId': 'task-1'})
            client_repr = repr(client) + repr(vars(client))
    return info.value, lines, client_repr


@pytest.mark.parametrize('name', sorted(SCENARIOS))
def test_no_secret_in_errors_or_logs(request, name):
    err, lines, client_repr = _run(request, name)
    _assert_clean(str(err), repr(err), json.dumps(err.to_dict()), repr(err.to_dict()), repr(err.args), repr(vars(err)), client_repr)
    _assert_clean(*lines)
    assert all('\n' not in line for line in lines)
    if name.endswith('-echo'):
        assert '********' in str(err) or 'Throttling' in str(err) or err.code == 'HTTP400'


def test_echoed_text_is_redacted_not_dropped(stub):
    stub.script(answer(200, 'debug echo: ' + ECHO, headers={'content-type': 'text/plain'}))
    with make_client(stub.url, token=TOKEN) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert 'debug echo: secret=******** token=********' in str(info.value)


def test_credentials_repr_hides_secret_and_token():
    creds = Credentials('LTAI-id', SECRET, TOKEN, 'options')
    options = {'alicloud_access_key': 'LTAI-id', 'alicloud_secret_key': SECRET, 'alicloud_security_token': TOKEN}
    _assert_clean(repr(creds), str(creds), repr(resolve_credentials(options, {}).get()))
    assert 'LTAI-id' in repr(creds)
    # still a plain tuple for whoever unpacks it
    assert tuple(creds) == ('LTAI-id', SECRET, TOKEN, 'options')
    assert creds.access_key_secret == SECRET


@pytest.mark.parametrize('options, env', [
    ({'alicloud_secret_key': SECRET}, {}),
    ({'alicloud_secret_key': SECRET, 'alicloud_security_token': TOKEN}, {}),
    ({'alicloud_security_token': TOKEN}, {}),
    ({}, {'ALIBABA_CLOUD_ACCESS_KEY_SECRET': SECRET, 'ALIBABA_CLOUD_SECURITY_TOKEN': TOKEN}),
    ({}, {'ALICLOUD_SECRET_KEY': SECRET}),
    ({'alicloud_access_key': 'id', 'alicloud_secret_key': SECRET, 'alicloud_security_token': TOKEN, 'retries': 99}, {}),
    ({'alicloud_access_key': 'id', 'alicloud_secret_key': SECRET, 'alicloud_security_token': TOKEN, 'read_timeout': 0}, {}),
    ({'alicloud_access_key': 'id', 'alicloud_secret_key': SECRET, 'alicloud_security_token': TOKEN, 'endpoint': 'https://u:p@h'}, {}),
    ({'alicloud_access_key': 'id', 'alicloud_secret_key': SECRET, 'alicloud_security_token': TOKEN}, {}),
])
def test_no_secret_in_config_errors(options, env):
    with pytest.raises(ConfigError) as info:
        common.client_from_options(options, environ=env)
    _assert_clean(str(info.value), repr(info.value))


@pytest.mark.parametrize('status', [200, 400, 502])
@pytest.mark.parametrize('offset', [100, 110, 118, 119, 190, 195])
def test_no_partial_secret_at_the_cut(stub, status, offset):
    # a secret that straddles the point where the body is cut for the message must not leave a prefix behind
    body = 'x' * offset + SECRET + ' ' + TOKEN
    stub.script(answer(status, body, headers={'content-type': 'text/plain'}))
    with make_client(stub.url, token=TOKEN) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    text = str(info.value)
    assert SECRET[:6] not in text and TOKEN[:6] not in text
