"""Fault injection: kinds, reproducibility for a seed, counters, what is never faulted, and that a faulted request changes nothing."""
from __future__ import annotations

import random
import time

import pytest
import requests

from emu_client import Client
from emu_support import DEMO_KEY_ID, DEMO_SECRET, TEST_KEYS, demo_dataset
from sc_emulator.faults import FAULT_KINDS, FaultInjector, parse_kinds
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store
from sc_emulator.sts import DEFAULT_ROLE_ARN

PP = 'pp-bp1ddg1n2a0e01'
OUTCOME_BY_ANSWER = {(500, 'InternalError'): 'internal', (503, 'ServiceUnavailable'): 'unavailable', (400, 'Throttling.User'): 'throttling'}


@pytest.fixture(scope='module')
def faulty_server():
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS, mutate_during_listing=False)
    yield running
    running.stop()


@pytest.fixture
def faulty(faulty_server):
    """The module's emulator with faults off, the demo data, an empty log and mutation off."""
    faulty_server.store.reset()
    faulty_server.server.request_log.clear()
    faulty_server.server.faults.configure({'rate': 0.0, 'seed': 0, 'kinds': list(FAULT_KINDS), 'slow_seconds': 3.0, 'retry_after_ms': 200})
    faulty_server.server.mutator.configure({'enabled': False, 'per_page': 1})
    yield faulty_server
    faulty_server.server.faults.configure({'rate': 0.0})


def _faults(running, **settings) -> dict:
    response = requests.post(f'{running.url}/_emulator/faults', json=settings, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _outcome(client: Client) -> str:
    """What the client saw: a fault kind, or 'ok' (a slow answer is 'ok' too)."""
    try:
        response = client.call('ListTasks', {'ProvisionedProductId': PP})
    except requests.ConnectionError:
        return 'close'
    if response.status_code == 200:
        return 'ok'
    return OUTCOME_BY_ANSWER[(response.status_code, response.json()['Code'])]


def _expected(seed: int, rate: float, kinds: tuple[str, ...], count: int) -> list[str | None]:
    """The documented draw: r = random(); if r < rate: choice(kinds), kinds in canonical order."""
    rng = random.Random(seed)
    return [rng.choice(kinds) if rng.random() < rate else None for _n in range(count)]


def _run(running, count: int) -> tuple[list[str], list[str | None]]:
    client = Client(running.url, DEMO_KEY_ID, DEMO_SECRET)
    running.server.request_log.clear()
    seen = [_outcome(client) for _n in range(count)]
    return seen, [entry['fault'] for entry in running.server.request_log.entries()]


def test_rate_counts_and_reproducible_sequence(faulty):
    state = _faults(faulty, rate=0.5, seed=1234, kinds=list(FAULT_KINDS), slow_seconds=0.005)
    assert state['counts'] == dict.fromkeys(FAULT_KINDS, 0) and state['requests'] == 0
    seen, logged = _run(faulty, 400)
    counts = requests.get(f'{faulty.url}/_emulator/faults', timeout=10).json()
    assert counts['requests'] == 400
    assert 160 <= counts['faults'] <= 240, counts
    for kind in FAULT_KINDS:
        assert 20 <= counts['counts'][kind] <= 65, counts
        assert counts['counts'][kind] == logged.count(kind)
    assert logged == _expected(1234, 0.5, FAULT_KINDS, 400)
    # what the client saw agrees with the log (a slow answer is a normal answer)
    assert seen == ['ok' if kind in (None, 'slow') else kind for kind in logged]
    # unfaulted requests (and slow ones) were really served
    statuses = [entry['status'] for entry in faulty.server.request_log.entries() if entry['fault'] in (None, 'slow')]
    assert statuses and set(statuses) == {200}
    # the same settings posted again: the generator restarts, the same sequence comes out
    _faults(faulty, rate=0.5, seed=1234, kinds=list(FAULT_KINDS), slow_seconds=0.005)
    assert _run(faulty, 400) == (seen, logged)
    # another seed, another sequence
    _faults(faulty, seed=99)
    assert _run(faulty, 400)[1] != logged


def test_kinds_subset_in_canonical_order(faulty):
    _faults(faulty, rate=0.3, seed=7, kinds=['throttling', 'internal'])
    assert requests.get(f'{faulty.url}/_emulator/faults', timeout=10).json()['kinds'] == ['internal', 'throttling']
    _seen, logged = _run(faulty, 200)
    assert logged == _expected(7, 0.3, ('internal', 'throttling'), 200)
    assert set(logged) == {None, 'internal', 'throttling'}


def test_internal_error_document(faulty):
    _faults(faulty, rate=1, kinds=['internal'])
    response = Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': PP})
    doc = response.json()
    assert response.status_code == 500
    assert (doc['Code'], doc['Message'], doc['HostId']) == ('InternalError', 'A system error occurred.', 'servicecatalog.cn-hangzhou.aliyuncs.com')
    assert response.headers['x-acs-request-id'] == doc['RequestId'] and 'x-acs-retry-after' not in response.headers


def test_unavailable(faulty):
    _faults(faulty, rate=1, kinds=['unavailable'])
    response = Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': PP})
    assert (response.status_code, response.json()['Code']) == (503, 'ServiceUnavailable')


def test_throttling_has_retry_after(faulty):
    _faults(faulty, rate=1, kinds=['throttling'], retry_after_ms=150)
    response = Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': PP})
    assert (response.status_code, response.json()['Code']) == (400, 'Throttling.User')
    assert response.headers['x-acs-retry-after'] == '150'


def test_close_drops_the_connection(faulty):
    _faults(faulty, rate=1, kinds=['close'])
    with pytest.raises(requests.ConnectionError):
        Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': PP})
    entry = faulty.server.request_log.entries()[-1]
    assert (entry['fault'], entry['status'], entry['action']) == ('close', None, 'ListTasks')
    _faults(faulty, rate=0)  # the server is fine afterwards
    assert Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': PP}).status_code == 200


def test_slow_is_delayed_then_normal(faulty):
    _faults(faulty, rate=1, kinds=['slow'], slow_seconds=0.3)
    started = time.monotonic()
    response = Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': PP})
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200 and response.json()['TotalCount'] == 2
    assert faulty.server.request_log.entries()[-1]['fault'] == 'slow'


def test_fault_comes_before_verification_so_the_nonce_is_not_used(faulty):
    client = Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET)
    _faults(faulty, rate=1, kinds=['internal'])
    assert client.call('ListTasks', {'ProvisionedProductId': PP}, nonce='nonce-fault-1').status_code == 500
    assert client.call('ListTasks', {'ProvisionedProductId': PP}, secret='wrong').status_code == 500  # not even verified
    _faults(faulty, rate=0)
    assert client.call('ListTasks', {'ProvisionedProductId': PP}, nonce='nonce-fault-1').status_code == 200
    assert client.call('ListTasks', {'ProvisionedProductId': PP}, nonce='nonce-fault-1').json()['Code'] == 'SignatureNonceUsed'
    entries = faulty.server.request_log.entries()
    assert [(e['fault'], e['status'], e['code']) for e in entries] == [('internal', 500, 'InternalError'), ('internal', 500, 'InternalError'),
                                                                       (None, 200, None), (None, 400, 'SignatureNonceUsed')]


def test_faulted_requests_change_no_state(faulty):
    client = Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET)
    requests.post(f'{faulty.url}/_emulator/mutate', json={'enabled': True}, timeout=10)
    _faults(faulty, rate=1, kinds=['internal', 'unavailable', 'throttling', 'close'])
    for _n in range(20):
        for call in (lambda: client.call('ListProvisionedProducts', {'PageNumber': 2}), lambda: client.assume_role(DEFAULT_ROLE_ARN)):
            try:
                assert call().status_code >= 400
            except requests.ConnectionError:
                pass
    report = requests.get(f'{faulty.url}/_emulator/credentials', timeout=10).json()
    assert report['sts']['issued'] == 0
    assert requests.get(f'{faulty.url}/_emulator/mutate', timeout=10).json()['inserted'] == 0
    _faults(faulty, rate=0)
    assert client.ok('ListProvisionedProducts')['TotalCount'] == 3


def test_sts_faults_use_the_sts_error_document(faulty):
    _faults(faulty, rate=1, kinds=['unavailable'])
    response = Client(faulty.url, DEMO_KEY_ID, DEMO_SECRET).assume_role(DEFAULT_ROLE_ARN)
    doc = response.json()
    assert (response.status_code, doc['Code'], doc['HostId']) == (503, 'ServiceUnavailable', 'sts.aliyuncs.com')
    assert 'product=Sts' in doc['Recommend']
    entry = faulty.server.request_log.entries()[-1]
    assert (entry['service'], entry['action'], entry['fault']) == ('sts', 'AssumeRole', 'unavailable')


def test_control_and_metadata_are_never_faulted(faulty):
    _faults(faulty, rate=1, kinds=['internal', 'close'])
    for _n in range(10):
        assert requests.get(f'{faulty.url}/_emulator/health', timeout=10).status_code == 200
        assert requests.get(f'{faulty.url}/_emulator/log', timeout=10).status_code == 200
    token = requests.put(f'{faulty.url}/latest/api/token', headers={'X-aliyun-ecs-metadata-token-ttl-seconds': '60'}, timeout=10)
    assert token.status_code == 200
    creds = requests.get(f'{faulty.url}/latest/meta-data/ram/security-credentials/servicecatalog-ecs-role',
                         headers={'X-aliyun-ecs-metadata-token': token.text}, timeout=10)
    assert creds.status_code == 200 and creds.json()['Code'] == 'Success'
    state = requests.get(f'{faulty.url}/_emulator/faults', timeout=10).json()
    assert (state['requests'], state['faults']) == (0, 0)
    # any other path is an API request: faulted
    try:
        assert requests.get(f'{faulty.url}/favicon.ico', timeout=10).status_code == 500
    except requests.ConnectionError:
        pass
    assert requests.get(f'{faulty.url}/_emulator/faults', timeout=10).json()['faults'] == 1


@pytest.mark.parametrize('body, word', [
    ({'rate': 1.5}, 'rate'),
    ({'rate': 'high'}, 'rate'),
    ({'seed': 'x'}, 'seed'),
    ({'seed': 1.5}, 'seed'),
    ({'kinds': ['nope']}, 'nope'),
    ({'kinds': []}, 'at least one'),
    ({'kinds': 7}, 'kinds'),
    ({'slow_seconds': -1}, 'slow_seconds'),
    ({'retry_after_ms': 0}, 'retry_after_ms'),
    ({'other': 1}, 'other'),
])
def test_faults_endpoint_refuses_bad_settings(faulty, body, word):
    before = requests.get(f'{faulty.url}/_emulator/faults', timeout=10).json()
    response = requests.post(f'{faulty.url}/_emulator/faults', json=body, timeout=10)
    assert response.status_code == 400 and response.json()['ok'] is False and word in response.json()['error']
    assert requests.get(f'{faulty.url}/_emulator/faults', timeout=10).json() == before


def test_faults_endpoint_methods(faulty):
    assert requests.put(f'{faulty.url}/_emulator/faults', timeout=10).status_code == 405
    assert requests.post(f'{faulty.url}/_emulator/faults', data=b'[1]', timeout=10).status_code == 400
    assert requests.post(f'{faulty.url}/_emulator/faults', data=b'{bad', timeout=10).status_code == 400


def test_start_in_thread_fault_arguments():
    running = start_in_thread(Store(demo_dataset()), fault_rate=1.0, fault_seed=5, fault_kinds='unavailable,throttling', fault_retry_after_ms=50)
    try:
        state = requests.get(f'{running.url}/_emulator/faults', timeout=10).json()
        assert (state['rate'], state['seed'], state['kinds'], state['retry_after_ms']) == (1.0, 5, ['unavailable', 'throttling'], 50)
        response = Client(running.url, DEMO_KEY_ID, DEMO_SECRET).call('ListTasks', {'ProvisionedProductId': PP})
        assert response.status_code in (503, 400)
    finally:
        running.stop()


def test_injector_unit():
    injector = FaultInjector(rate=0.0)
    assert [injector.draw() for _n in range(50)] == [None] * 50
    assert injector.snapshot()['requests'] == 50
    injector.configure({'rate': 1.0, 'kinds': 'slow'})
    assert {injector.draw() for _n in range(20)} == {'slow'}
    assert parse_kinds(' close , internal ') == ('internal', 'close')
    with pytest.raises(ValueError):
        FaultInjector(rate=-0.1)
