# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Retries: what is retried, how often, how long the client waits, and what it logs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import client as client_mod
from ansible_collections.alicloud.servicecatalog.plugins.module_utils import transport as transport_mod
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import (
    SECRET, TOKEN, SleepRecorder, answer, check_v3, closed_port, error_answer, make_client,
)

READ = transport_mod.PROFILES['read']
OK = answer(200, {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0})

TRANSIENT = {
    'throttling-400': lambda: error_answer(400, 'Throttling.User', 'Request was denied due to user flow control.'),
    'throttling-api': lambda: error_answer(400, 'Throttling.Api', 'Request was denied due to api flow control.'),
    '429-json': lambda: error_answer(429, 'Throttling', 'Too many requests'),
    '429-text': lambda: answer(429, 'slow down', headers={'content-type': 'text/plain'}),
    '503': lambda: error_answer(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'),
    '500': lambda: error_answer(500, 'InternalError', 'A system error occurred.'),
    '502-html': lambda: answer(502, '<html><body>Bad Gateway</body></html>', headers={'content-type': 'text/html'}),
    'drop': lambda: answer(drop=True),
    'read-timeout': lambda: answer(200, {'RequestId': 'late'}, delay=0.6),
}
EXPECTED_CODE = {
    'throttling-400': 'Throttling.User', 'throttling-api': 'Throttling.Api', '429-json': 'Throttling', '429-text': 'HTTP 429',
    '503': 'ServiceUnavailable', '500': 'InternalError', '502-html': 'HTTP 502', 'drop': 'ConnectionError',
    'read-timeout': 'ReadTimeout',
}


def _client(stub, retries, token=TOKEN, **kwargs):
    kwargs.setdefault('read_timeout', 0.3)
    lines = []
    client = make_client(stub.url, token=token, retries=retries, log=lines.append, **kwargs)
    return client, lines


@pytest.mark.parametrize('kind', sorted(TRANSIENT))
def test_transient_failure_then_success(stub, kind):
    stub.script(TRANSIENT[kind](), TRANSIENT[kind](), OK)
    client, lines = _client(stub, retries=3)
    with client:
        assert client.call('ListTasks', {'ProvisionedProductId': 'pp-1'})['RequestId'] == 'ok'
    assert len(stub.requests) == 3
    assert len(client.settings.sleep.delays) == 2
    assert len(lines) == 2
    for number, line in enumerate(lines, 1):
        assert '\n' not in line
        assert line.startswith('ListTasks: attempt %d failed with ' % number)
        assert EXPECTED_CODE[kind] in line


@pytest.mark.parametrize('kind', sorted(TRANSIENT))
def test_transient_failure_exhausts_retries(stub, kind):
    stub.script(*[TRANSIENT[kind]() for dummy in range(3)])
    client, lines = _client(stub, retries=2)
    with client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {'ProvisionedProductId': 'pp-1'})
    err = info.value
    assert err.code == EXPECTED_CODE[kind].replace(' ', '')
    assert err.attempts == 3 and err.to_dict()['attempts'] == 3
    assert str(err).endswith('after 3 attempts')
    assert len(stub.requests) == 3 and client.attempts == 3
    assert len(client.settings.sleep.delays) == 2 and len(lines) == 2


def test_retries_zero_means_one_attempt(stub):
    stub.script(error_answer(503, 'ServiceUnavailable'))
    client, lines = _client(stub, retries=0)
    with client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert info.value.attempts == 1 and 'attempts' not in str(info.value)
    assert len(stub.requests) == 1 and lines == [] and client.settings.sleep.delays == []


def test_connection_refused_is_retried():
    client = make_client('http://127.0.0.1:%d' % closed_port(), retries=2)
    with client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert info.value.code == 'ConnectionRefused' and info.value.attempts == 3
    assert len(client.settings.sleep.delays) == 2


@pytest.mark.parametrize('status, code', [
    (400, 'InvalidParameter'),
    (400, 'SignatureDoesNotMatch'),
    (400, 'InvalidTimeStamp.Expired'),
    (400, 'SignatureNonceUsed'),
    (403, 'Forbidden.RAM'),
    (404, 'EntityNotExist.Task'),
    (404, 'InvalidAccessKeyId.NotFound'),
    (409, 'Conflict'),
])
def test_client_errors_never_retried(stub, status, code):
    stub.script(*[error_answer(status, code, 'no') for dummy in range(4)])
    client, lines = _client(stub, retries=3)
    with client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert info.value.code == code and info.value.attempts == 1
    assert len(stub.requests) == 1 and lines == [] and client.settings.sleep.delays == []


def test_name_resolution_not_retried():
    client = make_client('http://servicecatalog.retry-test.invalid', retries=3)
    with client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert info.value.code == 'NameResolutionError' and info.value.attempts == 1
    assert client.settings.sleep.delays == []


def test_each_retry_is_signed_afresh(stub):
    stub.script(error_answer(503, 'ServiceUnavailable'), error_answer(400, 'Throttling.User'), answer(drop=True),
                answer(200, {'RequestId': 'ok', 'TaskDetail': {'TaskId': 'task-1'}}))
    client, lines = _client(stub, retries=5)
    with client:
        client.call('GetTask', {'TaskId': 'task-1'})
    assert len(stub.requests) == 4
    nonces = [r.headers['x-acs-signature-nonce'] for r in stub.requests]
    assert len(set(nonces)) == 4
    for req in stub.requests:
        assert req.headers.get('x-acs-date')
        assert req.body == b'TaskId=task-1'
        assert check_v3(req) == []
    assert len(set(r.headers['authorization'] for r in stub.requests)) == 4


def test_credentials_asked_before_every_attempt(stub):
    class Rotating:
        def __init__(self):
            self.calls = 0

        def get(self):
            from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials
            self.calls += 1
            return Credentials('LTAI-unit-test-key-id', SECRET, 'token-%d' % self.calls, 'test')

    stub.script(error_answer(503, 'ServiceUnavailable'), OK)
    provider = Rotating()
    with client_mod.ServiceCatalogClient(provider, endpoint=stub.url, retries=2, sleep=SleepRecorder()) as client:
        client.call('ListTasks', {})
    assert [r.headers['x-acs-security-token'] for r in stub.requests] == ['token-1', 'token-2']


@pytest.mark.parametrize('headers, floor', [
    ({'x-acs-retry-after': '1500'}, 1.5),
    ({'Retry-After': '2'}, 2.0),
    ({'Retry-After': '0.75'}, 0.75),
    ({'x-acs-retry-after': '3000', 'Retry-After': '1'}, 3.0),
    ({'x-acs-retry-after': '0', 'Retry-After': '2'}, 2.0),
])
def test_retry_after_is_a_floor(stub, headers, floor):
    stub.script(*([answer(503, {'Code': 'ServiceUnavailable', 'Message': 'busy'}, headers=headers)] * 3 + [OK]))
    client, lines = _client(stub, retries=3)
    with client:
        client.call('ListTasks', {})
    assert len(client.settings.sleep.delays) == 3
    for delay in client.settings.sleep.delays:
        assert floor <= delay <= READ.cap * 3
    assert all(('%.2fs' % d) in line for d, line in zip(client.settings.sleep.delays, lines))


def test_x_acs_retry_after_makes_a_4xx_retryable(stub):
    # the SDK's rule: a positive x-acs-retry-after turns a client error into a throttling error
    stub.script(answer(400, {'Code': 'Flow.Control', 'Message': 'wait'}, headers={'x-acs-retry-after': '250'}), OK)
    client, lines = _client(stub, retries=1)
    with client:
        client.call('ListTasks', {})
    assert len(stub.requests) == 2 and client.settings.sleep.delays[0] >= 0.25


@pytest.mark.parametrize('value', ['abc', '-5', '', 'Wed, 21 Oct 2015 07:28:00 GMT'])
def test_unusable_retry_after_ignored(stub, value):
    stub.script(answer(503, {'Code': 'ServiceUnavailable'}, headers={'Retry-After': value}), OK)
    client, lines = _client(stub, retries=1)
    with client:
        client.call('ListTasks', {})
    assert 0 <= client.settings.sleep.delays[0] <= READ.base


def test_huge_retry_after_is_capped(stub):
    stub.script(answer(503, {'Code': 'ServiceUnavailable'}, headers={'x-acs-retry-after': '100000000'}), OK)
    client, lines = _client(stub, retries=1, retry_max_seconds=10 ** 6)
    with client:
        client.call('ListTasks', {})
    assert client.settings.sleep.delays == [READ.cap * 3]


def test_backoff_bounded_and_growing_ceiling(stub):
    retries = 12
    stub.script(*([error_answer(503, 'ServiceUnavailable')] * retries + [OK]))
    client, lines = _client(stub, retries=retries, retry_max_seconds=10 ** 6)
    with client:
        client.call('ListTasks', {})
    delays = client.settings.sleep.delays
    assert len(delays) == retries and len(lines) == retries
    for attempt, delay in enumerate(delays, 1):
        assert 0 <= delay <= min(READ.cap, READ.base * 2 ** (attempt - 1))


def test_backoff_function_bounds():
    with make_client('http://127.0.0.1:9') as client:
        for attempt in range(1, 40):
            for dummy in range(20):
                delay = client.policy.delay(attempt, None)
                assert 0 <= delay <= READ.cap
                assert client.policy.delay(attempt, 5.0) >= 5.0
                assert client.policy.delay(attempt, 10 ** 9) <= READ.cap * 3


def test_retry_max_seconds_stops_retrying(stub):
    stub.script(*[answer(503, {'Code': 'ServiceUnavailable'}, headers={'x-acs-retry-after': '5000'}) for dummy in range(5)])
    client, lines = _client(stub, retries=5, retry_max_seconds=2)
    with client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert len(stub.requests) == 1 and client.settings.sleep.delays == [] and lines == []
    assert info.value.code == 'ServiceUnavailable'


def test_retry_max_seconds_counts_real_time(stub, monkeypatch):
    now = [100.0]
    monkeypatch.setattr(transport_mod.time, 'monotonic', lambda: now[0])

    def sleep(seconds):
        now[0] += seconds

    stub.script(*[answer(503, {'Code': 'ServiceUnavailable'}, headers={'Retry-After': '4'}) for dummy in range(10)])
    with make_client(stub.url, retries=10, retry_max_seconds=10, sleep=sleep) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    # waits of at least 4 s each: the third would end past the 10 s budget
    assert len(stub.requests) == 3
    assert info.value.attempts == 3 and 'after 3 attempts' in str(info.value)


def test_log_lines_never_hold_secrets(stub):
    stub.script(error_answer(503, 'ServiceUnavailable', 'token %s secret %s' % (TOKEN, SECRET)),
                answer(502, '<p>%s %s</p>' % (TOKEN, SECRET), headers={'content-type': 'text/html'}),
                answer(drop=True), OK)
    client, lines = _client(stub, retries=3)
    with client:
        client.call('ListTasks', {})
    assert len(lines) == 3
    for line in lines:
        assert SECRET not in line and TOKEN not in line


class _RenewableProvider:
    """Temporary credentials that the server has already expired once; refresh() issues new ones."""

    refreshable = True

    def __init__(self):
        self.generation = 1
        self.refreshes = 0

    def get(self):
        from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials
        return Credentials('STS.key-%d' % self.generation, SECRET, '%s-%d' % (TOKEN, self.generation), 'test')

    def refresh(self, stale=None):
        assert stale is not None and stale.access_key_id == 'STS.key-%d' % self.generation
        self.refreshes += 1
        self.generation += 1


def test_expired_token_renews_credentials_once(stub):
    stub.script(error_answer(400, 'InvalidSecurityToken.Expired', 'The security token has expired.'), OK)
    client, lines = _client(stub, retries=0)
    provider = client.credentials = _RenewableProvider()
    with client:
        assert client.call('ListTasks', {})['RequestId'] == 'ok'
    assert provider.refreshes == 1
    assert [r.headers['x-acs-security-token'] for r in stub.requests] == [TOKEN + '-1', TOKEN + '-2']
    assert client.settings.sleep.delays == []
    assert any('renewing the temporary credentials' in line for line in lines)


def test_expired_token_twice_is_an_error(stub):
    expired = error_answer(400, 'InvalidSecurityToken.Expired', 'The security token has expired.')
    stub.script(expired, dict(expired))
    client, _lines = _client(stub, retries=3)
    provider = client.credentials = _RenewableProvider()
    with client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert info.value.code == 'InvalidSecurityToken.Expired'
    assert provider.refreshes == 1 and len(stub.requests) == 2


def test_expired_static_token_is_not_retried(stub):
    stub.script(error_answer(400, 'InvalidSecurityToken.Expired', 'The security token has expired.'))
    client, _lines = _client(stub, retries=3)
    with client:
        with pytest.raises(ServiceCatalogError):
            client.call('ListTasks', {})
    assert len(stub.requests) == 1
