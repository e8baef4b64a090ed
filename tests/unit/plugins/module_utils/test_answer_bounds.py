# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Hostile answers and absurd options end soon, in bounded memory, in one line; no quoted value leaks a secret."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import gzip
import json
import time
import zlib

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _answer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import client_from_options, wait_for
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import (
    ConfigError, CredentialError, ServiceCatalogError, WaitTimeout, remember_secrets,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import Settings
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    ARN, OIDC_PROVIDER_ARN, OIDC_TOKEN, MetadataResponder, MetadataStub, StsResponder, UriResponder, write_token,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import (
    SECRET, TOKEN, SleepRecorder, StubServer, answer, error_answer, make_client,
)


def _fail(stub, *answers, **kwargs):
    stub.script(*answers)
    with make_client(stub.url, **kwargs) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('GetTask', {'TaskId': 'task-1'})
    text = str(info.value)
    assert '\n' not in text and 'recursion' not in text and 'Traceback' not in text
    return info.value


# -- a body that trickles --------------------------------------------------------------------

def test_a_trickling_body_ends_at_the_attempt_deadline(stub):
    body = json.dumps({'RequestId': 'slow', 'TaskDetail': {'TaskId': 'task-1', 'Pad': 'x' * 80}})
    stub.script(answer(200, body, trickle=0.05))  # about 6 s in all, each byte well within read_timeout
    started = time.monotonic()
    err = _fail(stub, connect_timeout=0.1, read_timeout=0.2)
    elapsed = time.monotonic() - started
    # the deadline: connect_timeout + 3 x read_timeout = 0.7 s; one more read may take read_timeout
    assert elapsed < 0.7 + 0.2 + 0.5
    assert (err.code, err.status, err.retryable) == ('ReadTimeout', None, True)
    assert 'the answer from %s did not arrive in full within 0.7s (connect_timeout + 3 x read_timeout)' % stub.host in str(err)


def test_a_trickling_body_is_retried_as_a_read_timeout(stub):
    slow = answer(200, json.dumps({'RequestId': 'slow', 'TaskDetail': {}, 'Pad': 'x' * 60}), trickle=0.05)
    stub.script(slow, answer(200, {'RequestId': 'ok', 'TaskDetail': {'TaskId': 'task-1'}}))
    with make_client(stub.url, retries=1, connect_timeout=0.1, read_timeout=0.2) as client:
        assert client.call('GetTask', {'TaskId': 'task-1'})['RequestId'] == 'ok'
    assert len(stub.requests) == 2


# -- the size of an answer -------------------------------------------------------------------------

def test_an_answer_larger_than_the_limit_is_not_read(stub):
    big = b'{"RequestId": "big", "Pad": "' + b'x' * (_answer.MAX_ANSWER_BYTES + 10) + b'"}'
    err = _fail(stub, answer(200, big), retries=2)
    assert (err.code, err.status, err.attempts) == ('AnswerTooLarge', 200, 1)
    assert 'is larger than 16 MiB (the limit of one answer)' in str(err)


def test_the_limit_counts_decoded_bytes(stub, monkeypatch):
    monkeypatch.setattr(_answer, 'MAX_ANSWER_BYTES', 10000)
    bomb = gzip.compress(json.dumps({'RequestId': 'bomb', 'Pad': '0' * 200000}).encode('utf-8'))
    assert len(bomb) < 10000
    err = _fail(stub, answer(200, bomb, headers={'content-encoding': 'gzip'}))
    assert err.code == 'AnswerTooLarge' and 'larger than 10000 bytes' in str(err)


@pytest.mark.parametrize('encoding, encode', [
    ('gzip', gzip.compress),
    ('deflate', zlib.compress),
    ('deflate', lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send it
])
def test_compressed_answers_are_decoded(stub, encoding, encode):
    doc = {'RequestId': 'zipped', 'TaskDetail': {'TaskId': 'task-1', 'Pad': 'z' * 5000}}
    stub.script(answer(200, encode(json.dumps(doc).encode('utf-8')), headers={'content-encoding': encoding}))
    with make_client(stub.url) as client:
        assert client.call('GetTask', {'TaskId': 'task-1'}) == doc
    assert 'gzip' in stub.requests[0].headers['accept-encoding'] and 'br' not in stub.requests[0].headers['accept-encoding']


def test_an_encoding_not_asked_for_is_refused(stub):
    err = _fail(stub, answer(200, b'\x00\x01', headers={'content-encoding': 'br'}))
    assert err.code == 'InvalidResponse' and 'is encoded as br, which was not asked for' in str(err)


# -- JSON nested too deep ------------------------------------------------------------------------

@pytest.mark.parametrize('depth', [101, 100000])
@pytest.mark.parametrize('status, code', [(200, 'InvalidResponse'), (400, 'HTTP400'), (503, 'HTTP503')])
def test_deeply_nested_json_is_one_line(stub, depth, status, code):
    body = '{"RequestId": "deep", "TaskDetail": %s%s}' % ('[' * (depth - 1), ']' * (depth - 1))
    err = _fail(stub, answer(status, body))
    assert err.code == code
    assert 'JSON nested deeper than 100 levels' in str(err)


def test_json_at_the_depth_limit_is_read(stub):
    detail = {'TaskId': 'task-1', 'Deep': json.loads('[' * 98 + ']' * 98)}
    stub.script(answer(200, {'RequestId': 'ok', 'TaskDetail': detail}))
    with make_client(stub.url) as client:
        assert client.call('GetTask', {'TaskId': 'task-1'})['TaskDetail'] == detail


# -- sizes of quoted values ------------------------------------------------------------------------

def test_a_huge_error_message_is_cut(stub):
    started = time.monotonic()
    err = _fail(stub, error_answer(400, 'InvalidParameter', 'm' * 100000, request_id='r' * 5000))
    assert time.monotonic() - started < 5  # redacting it is linear too
    assert err.message.startswith('m' * _answer.MAX_MESSAGE_CHARS + '... [cut: 100000 characters in all]')
    assert len(err.message) < _answer.MAX_MESSAGE_CHARS + 50
    assert len(err.request_id) < _answer.MAX_FIELD_CHARS + 50
    assert len(str(err)) < _answer.MAX_MESSAGE_CHARS + _answer.MAX_FIELD_CHARS + 200


# -- absurd time-outs ----------------------------------------------------------------------------

@pytest.mark.parametrize('name', ['connect_timeout', 'read_timeout'])
@pytest.mark.parametrize('value', [float('nan'), 'nan', float('inf'), float('-inf'), -1, 0, 1e300])
def test_absurd_timeouts_are_one_line_naming_the_option(name, value):
    with pytest.raises(ConfigError) as info:
        Settings({name: value}, environ={})
    assert str(info.value).startswith('%s: must be a positive number of seconds up to 3600, got ' % name)


# -- every value quoted from an answer is redacted -----------------------------------------------

URI_QUERY_SECRET = 'uRi-QuErY-sEcReT-77aa88bb'


def _leaks(text, secret):
    """True when any 10 characters in a row of ``secret`` appear in ``text``."""
    return any(secret[i:i + 10] in text for i in range(len(secret) - 9))


def _shape_error(stub, client, echoed):
    stub.script(answer(200, {'RequestId': 'r-1', 'TaskDetail': echoed}),
                answer(200, {'RequestId': 'r-2', 'TaskDetail': {'TaskId': 'task-1', 'Parameters': echoed}}),
                answer(200, {'RequestId': 'r-3', 'TaskDetails': [echoed], 'TotalCount': echoed}))
    errors = []
    for action, params in (('GetTask', {'TaskId': 'task-1'}), ('GetTask', {'TaskId': 'task-1'}), ('ListTasks', {})):
        with pytest.raises(ServiceCatalogError) as info:
            client.call(action, params)
        assert info.value.code == 'InvalidResponse' and 'expected' in str(info.value)
        errors.append(str(info.value) + repr(info.value.to_dict()))
    return errors


@pytest.mark.parametrize('echoed', ['SECRET', 'TOKEN'])
def test_shape_errors_never_quote_the_key_secret_or_token(stub, echoed):
    secret = {'SECRET': SECRET, 'TOKEN': TOKEN}[echoed]
    with make_client(stub.url, token=TOKEN) as client:
        for text in _shape_error(stub, client, secret):
            assert not _leaks(text, secret), text
            assert '********' in text


def test_shape_errors_never_quote_the_oidc_token(stub, home, tmp_path, clock):
    with StubServer(responder=StsResponder(clock)) as sts:
        options = {'oidc_role_arn': ARN, 'oidc_provider_arn': OIDC_PROVIDER_ARN, 'oidc_token_file': write_token(tmp_path / 't'),
                   'sts_endpoint': sts.url, 'endpoint': stub.url, 'retries': 0}
        with client_from_options(options, environ={'HOME': str(home)}) as client:
            for text in _shape_error(stub, client, OIDC_TOKEN):
                assert not _leaks(text, OIDC_TOKEN), text


def test_shape_errors_never_quote_the_credentials_uri_query(stub, home, clock):
    with StubServer(responder=UriResponder(clock)) as uri:
        options = {'credentials_uri': '%s/c?token=%s' % (uri.url, URI_QUERY_SECRET), 'endpoint': stub.url, 'retries': 0}
        with client_from_options(options, environ={'HOME': str(home)}) as client:
            for text in _shape_error(stub, client, URI_QUERY_SECRET):
                assert not _leaks(text, URI_QUERY_SECRET), text


def test_credential_answers_never_quote_a_secret_they_echo(home, tmp_path, clock):
    token_file = write_token(tmp_path / 't')
    with StubServer() as sts:
        sts.script(answer(200, {'RequestId': OIDC_TOKEN, 'Credentials': {
            'AccessKeyId': 'STS.a', 'AccessKeySecret': 'n-e-w-secret', 'SecurityToken': 'n-e-w-token', 'Expiration': OIDC_TOKEN}}))
        options = {'oidc_role_arn': ARN, 'oidc_provider_arn': OIDC_PROVIDER_ARN, 'oidc_token_file': token_file, 'sts_endpoint': sts.url}
        with pytest.raises(CredentialError) as info:
            resolve_credentials(options, {'HOME': str(home)}, clock=clock, sleep=SleepRecorder()).get()
    assert 'Expiration' in str(info.value) and not _leaks(str(info.value) + repr(info.value.to_dict()), OIDC_TOKEN)
    with MetadataStub(responder=MetadataResponder(clock)) as metadata:
        metadata.script(answer(200, MetadataResponder.TOKEN, headers={'content-type': 'text/plain'}),
                        answer(200, {'Code': 'Success', 'AccessKeyId': 'STS.e', 'AccessKeySecret': 'n-e-w-secret', 'SecurityToken': 't-o-k-e-n',
                                     'Expiration': MetadataResponder.TOKEN}))
        with pytest.raises(CredentialError) as info:
            resolve_credentials({'ecs_role_name': 'EcsRole', 'ecs_metadata_url': metadata.url}, {'HOME': str(home)}, clock=clock,
                                sleep=SleepRecorder()).get()
    assert 'Expiration' in str(info.value) and not _leaks(str(info.value), MetadataResponder.TOKEN)


def test_wait_timeout_quotes_a_status_redacted_and_cut():
    remember_secrets(SECRET)  # as the exchange does for every secret it sends
    item = {'Status': 'Running ' + SECRET + ' x' * 500}
    with pytest.raises(WaitTimeout) as info:
        wait_for(lambda: item, lambda doc: True, {'wait_timeout': 0, 'wait_interval': 1}, 'task task-1')
    text = str(info.value)
    assert SECRET not in text and 'Running ********' in text
    assert len(text) < 200 and 'cut: 1016 characters in all' in text
    assert info.value.item is item
