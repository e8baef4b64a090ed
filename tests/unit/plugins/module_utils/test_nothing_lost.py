# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Nothing lost: the client against the real emulator (in-process), with faults and with a listing
that grows while it is read.

Under ``fault_rate=0.2`` (500s, 503s, Throttling.User, dropped connections and answers slower than
the read timeout) every listing must return exactly the items a fault-free listing returns, for
every seed tried; when products appear during a listing, no item is returned twice, no item that
existed before is missing, and the change is reported.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import SleepRecorder

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))), 'emulator')
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from sc_emulator.server import start_in_thread  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.signing import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.store import Store  # noqa: E402  pylint: disable=import-error,wrong-import-position

GENERATED = 300
SEEDS = (1, 2, 3, 4, 5)
FAULT_RATE = 0.2
LISTINGS = (
    # action, params, result key, id key
    ('ListProvisionedProducts', {}, 'ProvisionedProductDetails', 'ProvisionedProductId'),
    ('ListProvisionedProducts', {'AccessLevelFilter': 'Account', 'SortOrder': 'Asc', 'SortBy': 'CreateTime'},
     'ProvisionedProductDetails', 'ProvisionedProductId'),
    ('ListProvisionedProductPlans', {'AccessLevelFilter': 'Account'}, 'PlanDetails', 'PlanId'),
)


def _client(url, log=None, retries=12, read_timeout=0.5, max_workers=4):
    creds = StaticCredentialsProvider(Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, None, 'test'))
    # No real sleeping between retries: the faults are drawn per request, not per second.
    return ServiceCatalogClient(creds, endpoint=url, retries=retries, retry_max_seconds=600, connect_timeout=2,
                                read_timeout=read_timeout, max_workers=max_workers, log=log, sleep=SleepRecorder())


@pytest.fixture(scope='module')
def baseline():
    """Every listing without faults (small pages, so a listing is many requests)."""
    running = start_in_thread(Store({}, generate=GENERATED))
    try:
        with _client(running.url, retries=0) as client:
            result = {}
            for action, params, _key, id_key in LISTINGS:
                listing = client.list(action, params, page_size=5)
                assert listing.warnings == []
                result[(action, tuple(sorted(params.items())))] = (listing.items, listing.total_count)
            tasks = client.list('ListTasks', {'ProvisionedProductId': _first_product(result)}, page_size=3)
            result['tasks'] = (tasks.items, tasks.total_count)
        return result
    finally:
        running.stop()


def _first_product(result):
    items, _total = result[('ListProvisionedProducts', ())]
    return items[0]['ProvisionedProductId']


@pytest.mark.parametrize('seed', SEEDS)
def test_every_listing_identical_under_faults(baseline, seed):
    running = start_in_thread(Store({}, generate=GENERATED), fault_rate=FAULT_RATE, fault_seed=seed,
                              fault_slow_seconds=1.0, fault_retry_after_ms=10)
    lines = []
    try:
        with _client(running.url, log=lines.append) as client:
            for action, params, _key, id_key in LISTINGS:
                expected_items, expected_total = baseline[(action, tuple(sorted(params.items())))]
                listing = client.list(action, params, page_size=5)
                ids = [item[id_key] for item in listing.items]
                assert len(ids) == len(set(ids)), 'an item was returned twice'
                assert ids == [item[id_key] for item in expected_items], 'the same IDs in the same order'
                assert listing.items == expected_items, 'and the same documents'
                assert listing.total_count == expected_total
                assert listing.warnings == []
            tasks = client.list('ListTasks', {'ProvisionedProductId': _first_product(baseline)}, page_size=3)
            assert tasks.items == baseline['tasks'][0]
        faults = running.server.faults.snapshot()
    finally:
        running.stop()
    # The faults really happened, every kind of them, and each one was retried (one log line each).
    retried = [line for line in lines if 'retrying in' in line]
    assert faults['faults'] >= 10, faults
    assert len(retried) == faults['faults'], (faults, retried)
    assert len([kind for kind, count in faults['counts'].items() if count]) >= 4, faults
    codes = {'internal': 'InternalError', 'unavailable': 'ServiceUnavailable', 'throttling': 'Throttling.User',
             'slow': 'ReadTimeout', 'close': 'ConnectionError'}
    for kind, count in faults['counts'].items():
        assert len([line for line in retried if codes[kind] in line]) == count, (kind, faults, retried)


def test_listing_that_grows_is_deduplicated_and_reported(baseline):
    running = start_in_thread(Store({}, generate=GENERATED), mutate_during_listing=True, mutate_per_page=2)
    lines = []
    try:
        with _client(running.url, log=lines.append, retries=0, max_workers=1) as client:
            before, _total = baseline[('ListProvisionedProducts', ())]
            listing = client.list('ListProvisionedProducts', {}, page_size=7)
    finally:
        running.stop()
    ids = [item['ProvisionedProductId'] for item in listing.items]
    assert len(ids) == len(set(ids)), 'items that shifted between pages appear once'
    assert set(item['ProvisionedProductId'] for item in before) <= set(ids), 'nothing that existed before is lost'
    assert len(ids) > len(before), 'the new products are there too'
    assert any('TotalCount changed during the listing' in line for line in lines), 're-read'
    assert len(listing.warnings) == 1 and 'changed while listing' in listing.warnings[0]


def test_listing_that_grows_under_faults_loses_nothing(baseline):
    running = start_in_thread(Store({}, generate=GENERATED), mutate_during_listing=True, fault_rate=FAULT_RATE, fault_seed=11,
                              fault_slow_seconds=1.0, fault_retry_after_ms=10)
    try:
        with _client(running.url) as client:
            before, _total = baseline[('ListProvisionedProducts', ())]
            listing = client.list('ListProvisionedProducts', {}, page_size=7)
    finally:
        running.stop()
    ids = [item['ProvisionedProductId'] for item in listing.items]
    assert len(ids) == len(set(ids))
    assert set(item['ProvisionedProductId'] for item in before) <= set(ids)


def test_one_page_is_exactly_that_page_under_faults(baseline):
    expected, _total = baseline[('ListProvisionedProducts', ())]
    running = start_in_thread(Store({}, generate=GENERATED), fault_rate=FAULT_RATE, fault_seed=3,
                              fault_slow_seconds=1.0, fault_retry_after_ms=10)
    try:
        with _client(running.url) as client:
            pages = [client.list('ListProvisionedProducts', {}, page_number=n, page_size=7).items for n in range(1, 4)]
    finally:
        running.stop()
    assert pages == [expected[0:7], expected[7:14], expected[14:21]]


def test_listing_that_grows_as_fast_as_it_is_read_is_bounded_and_reported(baseline):
    """5 new products per page of 5: every page shows the same newest items; reading is bounded."""
    running = start_in_thread(Store({}, generate=GENERATED), mutate_during_listing=True, mutate_per_page=5)
    try:
        with _client(running.url, retries=0, max_workers=1) as client:
            listing = client.list('ListProvisionedProducts', {}, page_size=5)
        entries = running.server.request_log.entries()
    finally:
        running.stop()
    ids = [item['ProvisionedProductId'] for item in listing.items]
    assert len(ids) == len(set(ids))
    assert len(listing.warnings) == 1 and len(listing.warnings[0]) < 300
    assert '3 readings' in listing.warnings[0]
    # 3 readings of at most 2 x the pages the first reading planned
    planned = (baseline[('ListProvisionedProducts', ())][1] + 4) // 5
    assert len(entries) <= 3 * 2 * max(planned, 10)
