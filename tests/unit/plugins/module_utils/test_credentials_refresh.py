# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""When temporary credentials are fetched again: the refresh threshold, forced refreshes, threads, failures."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.refreshing import RefreshingCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    ARN, BASE_ID, BASE_SECRET, EPOCH, FakeClock, StsResponder, iso, temp_secret,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import StubServer, error_answer


class Fetcher:
    """A fetch function handing out numbered credentials valid for ``lifetime`` seconds from the clock."""

    def __init__(self, clock, lifetime=3600, fail=None):
        self.clock = clock
        self.lifetime = lifetime
        self.calls = 0
        self.fail = fail
        self.lock = threading.Lock()
        self.gate = None

    def __call__(self):
        if self.gate is not None:
            assert self.gate.wait(5)
        with self.lock:
            self.calls += 1
            n = self.calls
        if self.fail is not None:
            raise self.fail
        return 'STS.key-%d' % n, temp_secret(n), 'token-%d' % n, self.clock() + self.lifetime


def _provider(lifetime=3600, **kwargs):
    clock = FakeClock()
    fetch = Fetcher(clock, lifetime)
    lines = []
    provider = RefreshingCredentialsProvider('test-source', fetch, clock=clock, log=lines.append, **kwargs)
    return provider, fetch, clock, lines


@pytest.mark.parametrize('lifetime, margin', [
    (3600, 180),    # 20 % would be 720 s: capped at 180 s
    (43200, 180),
    (900, 180),     # exactly 20 %
    (600, 120),     # 20 % of a short lifetime
    (60, 12),
])
def test_threshold(lifetime, margin):
    provider, fetch, clock, _lines = _provider(lifetime)
    first = provider.get()
    assert first.access_key_id == 'STS.key-1' and fetch.calls == 1
    clock.advance(lifetime - margin - 1)  # margin + 1 s left: no refresh
    assert provider.get() is first and fetch.calls == 1
    clock.advance(1)  # exactly the margin left: refresh
    second = provider.get()
    assert second.access_key_id == 'STS.key-2' and fetch.calls == 2
    assert provider.get() is second and fetch.calls == 2
    assert provider.expiration == EPOCH + lifetime - margin + lifetime


def test_first_fetch_is_lazy_and_cached():
    provider, fetch, _clock, lines = _provider()
    assert fetch.calls == 0 and provider.expiration is None and lines == []
    creds = provider.get()
    assert provider.get() is creds and provider.get() is creds and fetch.calls == 1
    assert creds == Credentials('STS.key-1', temp_secret(1), 'token-1', 'test-source')
    assert provider.refreshable is True and provider.source == 'test-source'
    assert lines == ['credentials: test-source: fetched temporary access key STS.key-1, expires %s (in 3600 s)' % iso(EPOCH + 3600)]


def test_refresh_forces_a_fetch_and_logs_it():
    provider, fetch, clock, lines = _provider()
    provider.get()
    clock.advance(10)
    creds = provider.refresh()
    assert creds.access_key_id == 'STS.key-2' and provider.get() is creds and fetch.calls == 2
    assert lines[-1] == 'credentials: test-source: refreshed temporary access key STS.key-2, expires %s (in 3600 s)' % (
        iso(EPOCH + 3610))


def test_refresh_with_stale_credentials_fetches_once():
    provider, fetch, _clock, _lines = _provider()
    used = provider.get()
    renewed = provider.refresh(used)  # the first thread that saw the failure
    again = provider.refresh(used)    # another thread that used the same old credentials
    assert renewed is again and fetch.calls == 2
    assert provider.refresh(renewed).access_key_id == 'STS.key-3'


def test_refresh_before_first_get():
    provider, fetch, _clock, _lines = _provider()
    assert provider.refresh().access_key_id == 'STS.key-1' and fetch.calls == 1


def test_static_provider_never_refreshes():
    creds = Credentials('id', 'secret', 'token', 'options')
    provider = StaticCredentialsProvider(creds)
    assert provider.refreshable is False
    assert provider.refresh() is creds and provider.refresh(creds) is creds and provider.get() is creds
    provider.close()


@pytest.mark.parametrize('advance', [0, 3600 - 100])
def test_eight_threads_one_fetch(advance):
    provider, fetch, clock, _lines = _provider()
    if advance:
        provider.get()
        clock.advance(advance)
    before = fetch.calls
    fetch.gate = threading.Event()
    results, errors = [], []
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait(5)
            results.append(provider.get())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
    threads = [threading.Thread(target=worker) for dummy in range(8)]
    for thread in threads:
        thread.start()
    # let every thread reach get(): one fetching, held by the gate, seven waiting for its result
    threading.Event().wait(0.05)
    fetch.gate.set()
    for thread in threads:
        thread.join(5)
    assert errors == []
    assert len(results) == 8 and len(set(id(r) for r in results)) == 1
    assert fetch.calls == before + 1


def test_eight_threads_through_sts_one_call(tmp_path):
    clock = FakeClock()
    gate = threading.Event()
    server = StubServer(responder=StsResponder(clock, gate=gate)).start()
    try:
        provider = resolve_credentials({'alicloud_access_key': BASE_ID, 'alicloud_secret_key': BASE_SECRET,
                                        'alicloud_assume_role_arn': ARN, 'sts_endpoint': server.url}, {'HOME': str(tmp_path)}, clock=clock)
        results = []
        threads = [threading.Thread(target=lambda: results.append(provider.get())) for dummy in range(8)]
        for thread in threads:
            thread.start()
        threading.Event().wait(0.1)
        gate.set()
        for thread in threads:
            thread.join(5)
        assert len(results) == 8 and set(r.access_key_id for r in results) == {'STS.key-1'}
        clock.advance(3600 - 179)
        gate.clear()
        results[:] = []
        threads = [threading.Thread(target=lambda: results.append(provider.get())) for dummy in range(8)]
        for thread in threads:
            thread.start()
        threading.Event().wait(0.1)
        gate.set()
        for thread in threads:
            thread.join(5)
        assert set(r.access_key_id for r in results) == {'STS.key-2'}
    finally:
        server.stop()
    assert len(server.requests) == 2


def test_failed_early_refresh_keeps_valid_credentials():
    provider, fetch, clock, lines = _provider()
    first = provider.get()
    clock.advance(3600 - 100)  # inside the margin, not expired
    fetch.fail = ServiceCatalogError('AssumeRole', 503, 'ServiceUnavailable', 'busy', request_id='req-x')
    assert provider.get() is first
    assert fetch.calls == 2
    assert lines[-1] == ('credentials: refreshing test-source failed (AssumeRole failed: HTTP 503 ServiceUnavailable: busy; '
                         'RequestId: req-x); the current credentials stay in use until %s' % iso(EPOCH + 3600))
    # no new attempt for 10 s
    clock.advance(9)
    assert provider.get() is first and fetch.calls == 2
    clock.advance(1)
    assert provider.get() is first and fetch.calls == 3
    # once expired, the failure is raised
    clock.advance(100)
    with pytest.raises(ServiceCatalogError):
        provider.get()
    fetch.fail = None
    assert provider.get().access_key_id == 'STS.key-5'


def test_failed_first_fetch_and_forced_refresh_raise():
    provider, fetch, _clock, _lines = _provider()
    fetch.fail = ServiceCatalogError('AssumeRole', 403, 'NoPermission', 'denied')
    with pytest.raises(ServiceCatalogError):
        provider.get()
    fetch.fail = None
    provider.get()
    fetch.fail = ServiceCatalogError('AssumeRole', 403, 'NoPermission', 'denied')
    with pytest.raises(ServiceCatalogError):
        provider.refresh()


def test_already_expired_credentials_are_not_fetched_in_a_loop():
    provider, fetch, clock, lines = _provider(lifetime=-5)  # the local clock runs ahead of the service's
    first = provider.get()
    assert 'which the local clock says is past' in lines[0]
    clock.advance(29)
    assert provider.get() is first and fetch.calls == 1
    clock.advance(1)
    assert provider.get() is not first and fetch.calls == 2


def test_sts_refresh_end_to_end(tmp_path):
    clock = FakeClock()
    server = StubServer(responder=StsResponder(clock, lifetime=900)).start()
    lines = []
    try:
        provider = resolve_credentials({'alicloud_access_key': BASE_ID, 'alicloud_secret_key': BASE_SECRET,
                                        'alicloud_assume_role_arn': ARN, 'sts_endpoint': server.url,
                                        'alicloud_assume_role_session_expiration': 900}, {'HOME': str(tmp_path)},
                                       clock=clock, log=lines.append)
        assert provider.get().access_key_id == 'STS.key-1'
        clock.advance(900 - 181)
        assert provider.get().access_key_id == 'STS.key-1'
        clock.advance(2)
        assert provider.get().access_key_id == 'STS.key-2'
        server.script(error_answer(400, 'InvalidParameter', 'nope'))
        with pytest.raises(ServiceCatalogError):
            provider.refresh()
        assert provider.get().access_key_id == 'STS.key-2'
    finally:
        server.stop()
    assert len(server.requests) == 3
    assert [line.split(':')[0] for line in lines] == ['credentials'] * 3
    assert 'refreshed temporary access key STS.key-2, expires %s (in 900 s)' % iso(EPOCH + 900 - 179 + 900) in lines[2]
