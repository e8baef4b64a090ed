# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ServiceCatalogClient.list(): one page, every page, concurrency, de-duplication, moving totals."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import client as client_mod
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import answer, check_v3, error_answer, make_client


def _tasks(count, prefix='task'):
    return [{'TaskId': '%s-%03d' % (prefix, n), 'Status': 'Succeeded'} for n in range(1, count + 1)]


def _ids(items, key='TaskId'):
    return [item[key] for item in items]


class Pager:
    """Answers ListTasks pages from a list; ``view(reading, page)`` may change what a page sees."""

    def __init__(self, items, delay=0, view=None, result_key='TaskDetails'):
        self.items = items
        self.delay = delay
        self.view = view
        self.result_key = result_key
        self.first_pages = 0
        self._lock = threading.Lock()

    def __call__(self, req):
        number = int(req.query['PageNumber'])
        size = int(req.query.get('PageSize', 10))
        with self._lock:
            if number == 1:
                self.first_pages += 1
            reading = self.first_pages
        items, total = self.items, len(self.items)
        if self.view:
            items, total = self.view(reading, number)
        page = items[(number - 1) * size:number * size]
        return answer(200, {'RequestId': 'r-%d' % number, self.result_key: page, 'TotalCount': total,
                            'PageNumber': number, 'PageSize': size}, delay=self.delay)


def _pages_sent(stub):
    return sorted((int(r.query['PageNumber']), int(r.query['PageSize'])) for r in stub.requests)


def test_one_page_when_page_number_given(stub):
    stub.responder = Pager(_tasks(25))
    with make_client(stub.url) as client:
        result = client.list('ListTasks', {'ProvisionedProductId': 'pp-1'}, page_number=2, page_size=10)
    assert _ids(result.items) == _ids(_tasks(25)[10:20])
    assert result.total_count == 25 and result.warnings == []
    [req] = stub.requests
    assert req.query == {'ProvisionedProductId': 'pp-1', 'PageNumber': '2', 'PageSize': '10'}
    assert check_v3(req) == []


def test_one_page_without_page_size_sends_no_page_size(stub):
    stub.responder = Pager(_tasks(3))
    with make_client(stub.url) as client:
        result = client.list('ListTasks', {}, page_number=1)
    assert len(result.items) == 3
    assert 'PageSize' not in stub.requests[0].query


@pytest.mark.parametrize('count, size, pages', [
    (25, 10, [1, 2, 3]),
    (20, 10, [1, 2]),
    (1, 10, [1]),
    (100, None, [1]),
    (101, None, [1, 2]),
    (7, 1, [1, 2, 3, 4, 5, 6, 7]),
])
def test_all_pages(stub, count, size, pages):
    stub.responder = Pager(_tasks(count))
    with make_client(stub.url, max_workers=1) as client:
        result = client.list('ListTasks', {'ProvisionedProductId': 'pp-1'}, page_size=size)
    assert _ids(result.items) == _ids(_tasks(count))
    assert result.total_count == count and result.warnings == []
    expected_size = size or client_mod.MAX_PAGE_SIZE
    assert _pages_sent(stub) == [(n, expected_size) for n in pages]
    assert all(r.query['ProvisionedProductId'] == 'pp-1' for r in stub.requests)


def test_concurrent_fetch_same_result_as_sequential(stub):
    stub.responder = Pager(_tasks(57), delay=0.05)
    with make_client(stub.url, max_workers=1) as client:
        sequential = client.list('ListTasks', {}, page_size=5)
    assert stub.max_in_flight == 1
    stub.requests[:] = []
    stub.max_in_flight = 0
    with make_client(stub.url, max_workers=4) as client:
        parallel = client.list('ListTasks', {}, page_size=5)
    assert parallel == sequential
    assert _ids(parallel.items) == _ids(_tasks(57))
    assert _pages_sent(stub) == [(n, 5) for n in range(1, 13)]
    assert 1 < stub.max_in_flight <= 4
    assert all(check_v3(r) == [] for r in stub.requests)
    assert len(set(r.headers['x-acs-signature-nonce'] for r in stub.requests)) == 12


def test_concurrent_fetch_error_propagates(stub):
    pager = Pager(_tasks(30))

    def respond(req):
        if req.query['PageNumber'] == '3':
            return error_answer(403, 'Forbidden.RAM', 'denied')
        return pager(req)

    stub.responder = respond
    with make_client(stub.url, max_workers=4) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.list('ListTasks', {}, page_size=5)
    assert info.value.code == 'Forbidden.RAM'


def test_items_deduplicated_when_they_move_between_pages(stub):
    # an item was inserted at the front after page 1 was read: page 2 repeats task-002, the last
    # page catches up, every item is seen once and nothing needs reading again
    items = _tasks(5)
    shifted = [{'TaskId': 'task-000', 'Status': 'Running'}] + items

    def view(reading, number):
        return (shifted if number > 1 else items), 5

    stub.responder = Pager(items, view=view)
    lines = []
    with make_client(stub.url, max_workers=1, log=lines.append) as client:
        result = client.list('ListTasks', {}, page_size=2)
    assert _ids(result.items) == _ids(items)
    assert result.warnings == [] and result.total_count == 5
    assert stub.responder.first_pages == 1 and lines == []


def test_item_vanishing_between_pages_triggers_a_reread(stub):
    # first reading: task-001 was deleted after page 1 was read, so task-003 slid onto page 1's
    # range and was never seen; TotalCount did not say so (still 5): the listing is read again
    items = _tasks(5)

    def view(reading, number):
        if reading == 1 and number > 1:
            return items[1:], 5
        return items, 5

    stub.responder = Pager(items, view=view)
    lines = []
    with make_client(stub.url, max_workers=1, log=lines.append) as client:
        result = client.list('ListTasks', {}, page_size=2)
    assert _ids(result.items) == _ids(items)
    assert result.warnings == [] and result.total_count == 5
    assert stub.responder.first_pages == 2
    assert len(lines) == 1 and 'reading it again' in lines[0]


def test_duplicates_never_returned_even_when_unsettled(stub):
    def view(reading, number):
        # every page after the first repeats the last item of the page before it
        return _tasks(2) + _tasks(10)[1:], 10

    stub.responder = Pager(_tasks(10), view=view)
    with make_client(stub.url, max_workers=2) as client:
        result = client.list('ListTasks', {}, page_size=2)
    ids = _ids(result.items)
    assert len(ids) == len(set(ids))
    assert len(result.warnings) == 1


def test_total_count_change_rereads_then_settles(stub):
    def view(reading, number):
        if reading == 1 and number == 2:
            return _tasks(7), 7  # an item appeared while page 2 was being read
        return _tasks(7), 7 if reading > 1 else (6 if number == 1 else 7)

    stub.responder = Pager(_tasks(7), view=view)
    lines = []
    with make_client(stub.url, max_workers=1, log=lines.append) as client:
        result = client.list('ListTasks', {}, page_size=3)
    assert _ids(result.items) == _ids(_tasks(7))
    assert result.total_count == 7 and result.warnings == []
    assert stub.responder.first_pages == 2
    assert len(lines) == 1 and 'TotalCount changed' in lines[0] and 'from 6 to 7' in lines[0]


def test_total_count_never_settles_gives_warning(stub):
    counter = {'n': 0}
    lock = threading.Lock()

    def view(reading, number):
        with lock:
            counter['n'] += 1
            total = 6 + counter['n']
        return _tasks(total), total

    stub.responder = Pager(_tasks(6), view=view)
    lines = []
    with make_client(stub.url, max_workers=1, log=lines.append) as client:
        result = client.list('ListTasks', {}, page_size=5)
    readings = client_mod.LISTING_REREADS + 1
    assert stub.responder.first_pages == readings
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.startswith('ListTasks: the number of items changed while listing') and 'TaskId' in warning
    assert '\n' not in warning
    ids = _ids(result.items)
    assert len(ids) == len(set(ids)) and len(ids) >= 7
    # one "reading it again" line per re-read actually made
    assert len(lines) == client_mod.LISTING_REREADS
    assert all('reading it again' in line for line in lines)


def test_empty_list(stub):
    stub.responder = Pager([])
    with make_client(stub.url) as client:
        result = client.list('ListTasks', {'ProvisionedProductId': 'pp-1'})
    assert result == client_mod.ListResult([], 0, [])
    assert _pages_sent(stub) == [(1, 100)]


def test_missing_result_key_is_an_error(stub):
    # An answer without its result key is not an empty listing: it is an answer we cannot trust.
    stub.script(answer(200, {'RequestId': 'r', 'TotalCount': 0}), answer(200, {'RequestId': 'r', 'TaskDetails': None}))
    with make_client(stub.url) as client:
        for page_number in (None, 1):
            with pytest.raises(ServiceCatalogError) as info:
                client.list('ListTasks', {}, page_number=page_number)
            assert info.value.code == 'InvalidResponse' and info.value.request_id == 'r'
            assert 'ListTasks' in str(info.value) and 'TaskDetails is missing, expected a list of objects' in str(info.value)


def test_other_list_operations_use_their_keys(stub):
    products = [{'ProvisionedProductId': 'pp-%d' % n} for n in range(1, 8)]
    stub.responder = Pager(products, result_key='ProvisionedProductDetails')
    with make_client(stub.url, max_workers=3) as client:
        result = client.list('ListProvisionedProducts', {'Filters.1.Key': 'FullTextSearch', 'Filters.1.Value': 'x y'}, page_size=3)
    assert _ids(result.items, 'ProvisionedProductId') == ['pp-%d' % n for n in range(1, 8)]
    assert all(r.query['Filters.1.Value'] == 'x y' for r in stub.requests)
    assert all(r.headers['x-acs-action'] == 'ListProvisionedProducts' for r in stub.requests)


def test_items_without_id_are_kept(stub):
    stub.responder = Pager([{'Status': 'A'}, {'Status': 'B'}, {'Status': 'C'}])
    with make_client(stub.url) as client:
        result = client.list('ListTasks', {}, page_size=2)
    assert result.items == [{'Status': 'A'}, {'Status': 'B'}, {'Status': 'C'}]
    assert result.warnings == []


class Throttler:
    """Wraps a responder: throttles page ``page`` once, then notes how many requests were under way
    at the stub whenever a request arrives after that answer went out."""

    def __init__(self, stub, inner, page):
        self.stub = stub
        self.inner = inner
        self.page = page
        self.after = []
        self.sent = False
        self._lock = threading.Lock()

    def __call__(self, req):
        with self._lock:
            if self.sent:
                self.after.append(self.stub.in_flight)
            throttle = int(req.query['PageNumber']) == self.page and not self.sent
            self.sent = self.sent or throttle
        if throttle:
            return error_answer(400, 'Throttling.User', 'Request was denied due to user flow control.')
        return self.inner(req)


def test_default_concurrency_is_eight(stub):
    stub.responder = Pager(_tasks(2000), delay=0.05)
    lines = []
    with make_client(stub.url, log=lines.append, retries=3) as client:
        assert client.max_workers == 8
        assert len(client.list('ListTasks', {}).items) == 2000
    assert 4 < stub.max_in_flight <= 8 and lines == []


def test_throttling_lowers_the_width_for_the_rest_of_the_run(stub):
    stub.responder = throttler = Throttler(stub, Pager(_tasks(3000), delay=0.05), page=2)
    lines = []
    with make_client(stub.url, log=lines.append, retries=3, max_workers=8) as client:
        assert _ids(client.list('ListTasks', {}).items) == _ids(_tasks(3000))
        assert client.width.limit == 4
    # requests already under way when the throttling answer came still finish; later ones stay within 4
    assert max(throttler.after[10:]) <= 4 and len(throttler.after) > 20
    assert any('throttled; read with at most 4 requests at once' in line for line in lines)


def test_concurrency_one_is_sequential(stub):
    stub.responder = Pager(_tasks(500), delay=0.01)
    with make_client(stub.url, concurrency=1) as client:
        assert len(client.list('ListTasks', {}).items) == 500
    assert stub.max_in_flight == 1


@pytest.mark.parametrize('value', [0, 65, 'many', -1])
def test_concurrency_is_checked(value):
    with pytest.raises(ConfigError) as info:
        make_client('http://127.0.0.1:9', concurrency=value)
    assert str(info.value).startswith('concurrency: must be')


def test_items_are_converted_as_pages_arrive(stub):
    stub.responder = Pager(_tasks(250))
    converted = []

    def convert(item):
        converted.append(item['TaskId'])
        return {'id': item['TaskId']}
    with make_client(stub.url) as client:
        result = client.list('ListTasks', {}, convert=convert)
        one = client.list('ListTasks', {}, page_number=2, page_size=10, convert=convert)
    assert result.items == [{'id': i} for i in _ids(_tasks(250))] and len(converted) == 260
    assert one.items == [{'id': i} for i in _ids(_tasks(250)[10:20])]
