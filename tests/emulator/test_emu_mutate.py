"""--mutate-during-listing: instances appear while a client pages through ListProvisionedProducts."""
from __future__ import annotations

import threading

import pytest
import requests

from emu_client import Client
from emu_support import DEMO_KEY_ID, DEMO_SECRET, TEST_KEYS, demo_dataset
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store

DEMO_USER_IDS_DESC = ['pp-bp1c35162d0e02', 'pp-bp1ddg1n2a0e05', 'pp-bp1ddg1n2a0e01']  # demo-user's instances, newest first


@pytest.fixture(scope='module')
def mutating_server():
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS)
    yield running
    running.stop()


@pytest.fixture
def mutating(mutating_server):
    mutating_server.store.reset()
    mutating_server.server.request_log.clear()
    _mutate(mutating_server, enabled=True, per_page=1)
    yield mutating_server
    _mutate(mutating_server, enabled=False, per_page=1)


@pytest.fixture
def demo(mutating):
    return Client(mutating.url, DEMO_KEY_ID, DEMO_SECRET)


def _mutate(running, **settings) -> dict:
    response = requests.post(f'{running.url}/_emulator/mutate', json=settings, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _page(client: Client, number: int, size: int = 2, **query) -> dict:
    return client.ok('ListProvisionedProducts', {'PageNumber': number, 'PageSize': size, **query})


def _ids(doc: dict) -> list[str]:
    return [item['ProvisionedProductId'] for item in doc['ProvisionedProductDetails']]


def test_items_shift_across_pages_and_total_grows(mutating, demo):
    first = _page(demo, 1)
    assert (first['TotalCount'], _ids(first)) == (3, DEMO_USER_IDS_DESC[:2])
    second = _page(demo, 2)
    assert second['TotalCount'] == 4
    assert _ids(second) == DEMO_USER_IDS_DESC[1:]  # the last item of page 1 shows up again on page 2
    third = _page(demo, 3)
    assert (third['TotalCount'], _ids(third)) == (5, DEMO_USER_IDS_DESC[2:])
    front = _page(demo, 1)  # page 1 inserts nothing
    assert front['TotalCount'] == 5
    arrivals = _ids(front)
    assert all(item.startswith('pp-bp1mu') for item in arrivals) and arrivals[0] > arrivals[1]  # the newest first
    assert requests.get(f'{mutating.url}/_emulator/mutate', timeout=10).json() == {'ok': True, 'enabled': True, 'per_page': 1, 'inserted': 2}


def test_arrivals_are_complete_objects(mutating, demo):
    _page(demo, 2)
    newest = _page(demo, 1, 1)['ProvisionedProductDetails'][0]
    pp_id = newest['ProvisionedProductId']
    assert (newest['OwnerPrincipalId'], newest['OwnerPrincipalType'], newest['Status']) == ('240000000000000001', 'RamUser', 'Available')
    assert newest['LastTaskId'] == newest['LastSuccessfulProvisioningTaskId'] == newest['LastProvisioningTaskId'] != ''
    assert (newest['ProductId'], newest['ProductName']) == ('prod-bp18r7q127a001', 'DEMO-ECS instance')
    assert newest['ProductVersionId'] and newest['ProvisionedProductArn'].endswith(pp_id)
    detail = demo.ok('GetProvisionedProduct', {'ProvisionedProductId': pp_id})['ProvisionedProductDetail']
    assert detail['ProvisionedProductName'].startswith('arrival-')
    tasks = demo.ok('ListTasks', {'ProvisionedProductId': pp_id})
    assert tasks['TotalCount'] == 1
    task = demo.ok('GetTask', body={'TaskId': newest['LastTaskId']})['TaskDetail']
    assert (task['TaskType'], task['Status'], task['ProvisionedProductId']) == ('LaunchProduct', 'Succeeded', pp_id)
    assert task['Outputs'] and task['TaskTags'] == [{'Key': 'source', 'Value': 'mutate-during-listing'}]
    assert task['CreateTime'] == newest['CreateTime']


def test_per_page_and_account_scope(mutating, demo):
    _mutate(mutating, per_page=3)
    account = demo.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})['TotalCount']
    doc = _page(demo, 2, 10, AccessLevelFilter='Account')
    assert doc['TotalCount'] == account + 3
    assert _page(demo, 5, 1)['TotalCount'] == 3 + 6


def test_off_by_default_and_when_disabled(demo, mutating):
    _mutate(mutating, enabled=False)
    assert _page(demo, 2)['TotalCount'] == 3
    running = start_in_thread(Store(demo_dataset()))
    try:
        client = Client(running.url, DEMO_KEY_ID, DEMO_SECRET)
        assert _page(client, 2)['TotalCount'] == _page(client, 3)['TotalCount'] == 3
        assert requests.get(f'{running.url}/_emulator/mutate', timeout=10).json()['enabled'] is False
    finally:
        running.stop()


def test_invalid_listing_and_other_operations_insert_nothing(mutating, demo):
    assert demo.call('ListProvisionedProducts', {'PageNumber': 2, 'PageSize': 0}).status_code == 400
    assert demo.call('ListProvisionedProducts', {'PageNumber': 2, 'SortOrder': 'Up'}).status_code == 400
    demo.ok('ListProvisionedProductPlans', {'PageNumber': 2})
    demo.ok('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01', 'PageNumber': 2})
    assert _page(demo, 1)['TotalCount'] == 3


def test_reset_drops_arrivals_and_ids_are_never_reused(mutating, demo):
    _page(demo, 2)
    first_arrival = _ids(_page(demo, 1, 1))[0]
    assert requests.post(f'{mutating.url}/_emulator/reset', timeout=10).json()['totals']['provisioned_products'] == 5
    assert _page(demo, 1)['TotalCount'] == 3
    assert requests.get(f'{mutating.url}/_emulator/mutate', timeout=10).json()['enabled'] is True  # the setting survives a reset
    _page(demo, 2)
    assert _ids(_page(demo, 1, 1))[0] > first_arrival


def test_concurrent_pages(mutating):
    errors: list[str] = []

    def worker():
        client = Client(mutating.url, DEMO_KEY_ID, DEMO_SECRET)
        for _n in range(10):
            response = client.call('ListProvisionedProducts', {'PageNumber': 2, 'PageSize': 100})
            if response.status_code != 200:
                errors.append(response.text)

    threads = [threading.Thread(target=worker) for _n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    demo = Client(mutating.url, DEMO_KEY_ID, DEMO_SECRET)
    listing = _page(demo, 1, 100)
    assert listing['TotalCount'] == 3 + 80 and len(set(_ids(listing))) == 83


@pytest.mark.parametrize('body, word', [
    ({'enabled': 'yes'}, 'enabled'),
    ({'per_page': 0}, 'per_page'),
    ({'per_page': 1001}, 'per_page'),
    ({'per_page': True}, 'per_page'),
    ({'rate': 1}, 'rate'),
])
def test_mutate_endpoint_refuses_bad_settings(mutating, body, word):
    response = requests.post(f'{mutating.url}/_emulator/mutate', json=body, timeout=10)
    assert response.status_code == 400 and word in response.json()['error']
    assert requests.get(f'{mutating.url}/_emulator/mutate', timeout=10).json()['per_page'] == 1


def test_start_in_thread_arguments():
    running = start_in_thread(Store(demo_dataset()), mutate_during_listing=True, mutate_per_page=2)
    try:
        client = Client(running.url, DEMO_KEY_ID, DEMO_SECRET)
        assert _page(client, 2)['TotalCount'] == 5
    finally:
        running.stop()


def test_generated_store(generated_emulator, gen_client):
    before = gen_client.ok('ListProvisionedProducts')['TotalCount']
    running = generated_emulator
    try:
        _mutate(running, enabled=True, per_page=2)
        doc = gen_client.ok('ListProvisionedProducts', {'PageNumber': 2})
        assert doc['TotalCount'] == before + 2
        newest = gen_client.ok('ListProvisionedProducts', {'PageSize': 2})['ProvisionedProductDetails']
        assert [item['ProvisionedProductId'][:8] for item in newest] == ['pp-bp1mu'] * 2 and newest[0]['Status'] == 'Available'
        assert newest[0]['ProductId'] in {p['ProductId'] for p in running.store.catalog.values()}
    finally:
        _mutate(running, enabled=False)
        running.store.reset()
