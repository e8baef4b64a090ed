# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Several instances and tasks at once: order kept, concurrency, waiting for all, outputs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import instances
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import FakeClock
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import answer, error_answer, make_client


class Catalog:
    """Answers GetProvisionedProduct and GetTask from dicts; a product's status may change per read."""

    def __init__(self, products, tasks, delay=0.0):
        self.products = products
        self.tasks = tasks
        self.delay = delay
        self.reads = {}
        self._lock = threading.Lock()

    def __call__(self, req):
        action = req.headers['x-acs-action']
        if action == 'GetTask':
            task = self.tasks.get(req.form.get('TaskId'))
            if task is None:
                return error_answer(404, 'EntityNotExist.Task', 'no such task')
            return answer(200, {'RequestId': 'r', 'TaskDetail': task}, delay=self.delay)
        pp_id = req.query.get('ProvisionedProductId')
        with self._lock:
            self.reads[pp_id] = self.reads.get(pp_id, 0) + 1
            count = self.reads[pp_id]
        states = self.products.get(pp_id)
        if states is None:
            return error_answer(404, 'EntityNotExist.ProvisionedProduct', 'no such instance')
        state = states[min(count, len(states)) - 1]
        return answer(200, {'RequestId': 'r', 'ProvisionedProductDetail': state}, delay=self.delay)


def _pp(pp_id, status='Available', task='task-1', name=None):
    return {'ProvisionedProductId': pp_id, 'ProvisionedProductName': name or pp_id, 'Status': status,
            'LastSuccessfulProvisioningTaskId': task}


def _get_instance(client):
    return lambda pp_id: client.get('GetProvisionedProduct', {'ProvisionedProductId': pp_id})


def test_each_keeps_order_and_runs_concurrently(stub):
    tasks = dict(('task-%02d' % n, {'TaskId': 'task-%02d' % n}) for n in range(20))
    stub.responder = Catalog({}, tasks, delay=0.05)
    with make_client(stub.url, concurrency=8) as client:
        docs = instances.each(client, lambda task_id: client.get('GetTask', {'TaskId': task_id}), sorted(tasks, reverse=True))
    assert [d['TaskId'] for d in docs] == sorted(tasks, reverse=True)
    assert 1 < stub.max_in_flight <= 8


def test_each_raises_the_api_error(stub):
    stub.responder = Catalog({}, {'task-1': {'TaskId': 'task-1'}})
    with make_client(stub.url) as client:
        with pytest.raises(ServiceCatalogError) as info:
            instances.each(client, lambda task_id: client.get('GetTask', {'TaskId': task_id}), ['task-1', 'task-nope'])
    assert info.value.not_found and info.value.code == 'EntityNotExist.Task'


def test_wait_many_polls_only_the_pending_ones_together(stub):
    stub.responder = catalog = Catalog({
        'pp-a': [_pp('pp-a', 'UnderChange'), _pp('pp-a', 'UnderChange'), _pp('pp-a')],
        'pp-b': [_pp('pp-b')],
        'pp-c': [_pp('pp-c', 'UnderChange'), _pp('pp-c', 'Error')],
    }, {})
    clock = FakeClock(0.0)
    with make_client(stub.url) as client:
        docs, timed_out = instances.wait_many(client, _get_instance(client), ['pp-a', 'pp-b', 'pp-c'],
                                              lambda d: d['Status'] == 'UnderChange', timeout=60, interval=5, clock=clock,
                                              sleep=clock.advance)
    assert [d['Status'] for d in docs] == ['Available', 'Available', 'Error'] and timed_out == []
    assert catalog.reads == {'pp-a': 3, 'pp-b': 1, 'pp-c': 2} and clock.now == 10


def test_wait_many_reports_every_one_that_timed_out(stub):
    stub.responder = Catalog({'pp-a': [_pp('pp-a', 'UnderChange')], 'pp-b': [_pp('pp-b', 'UnderChange')],
                              'pp-c': [_pp('pp-c')]}, {})
    clock = FakeClock(0.0)
    with make_client(stub.url) as client:
        docs, timed_out = instances.wait_many(client, _get_instance(client), ['pp-a', 'pp-b', 'pp-c'],
                                              lambda d: d['Status'] == 'UnderChange', timeout=12, interval=5, clock=clock,
                                              sleep=clock.advance)
    assert timed_out == ['pp-a', 'pp-b'] and len(docs) == 3 and clock.now == 12


def test_outputs_of_each_instance(stub):
    stub.responder = Catalog({}, {
        'task-1': {'TaskId': 'task-1', 'Outputs': [{'OutputKey': 'PublicIp', 'OutputValue': '1.2.3.4'},
                                                   {'OutputKey': 'Mixed_Case', 'OutputValue': 'x'}],
                   'Parameters': [{'ParameterKey': 'InstanceType', 'ParameterValue': 'ecs.g7.large'}]},
        'task-2': {'TaskId': 'task-2', 'Outputs': [{'OutputKey': 'k', 'OutputValue': '1'}, {'OutputKey': 'k', 'OutputValue': '2'}]},
    })
    products = [_pp('pp-1', task='task-1'), _pp('pp-2', task=None, status='UnderChange'), _pp('pp-3', task='task-gone'),
                _pp('pp-4', task='task-2')]
    with make_client(stub.url) as client:
        found = instances.outputs_of(client, products)
    assert found[0] == ({'PublicIp': '1.2.3.4', 'Mixed_Case': 'x'}, {'InstanceType': 'ecs.g7.large'}, None)
    assert found[1][:2] == ({}, {}) and 'no successful provisioning task yet (status UnderChange)' in found[1][2]
    assert found[2][:2] == ({}, {}) and 'task-gone does not exist' in found[2][2]
    assert found[3][0] == {'k': '2'} and 'output k more than once' in found[3][2]
