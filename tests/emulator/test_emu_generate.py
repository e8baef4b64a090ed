"""--generate tests: determinism, IDs, coverage of types and statuses, consistency, and a 100,000-instance page."""
from __future__ import annotations

import re
import time

from emu_support import DEMO_KEY_ID, DEMO_SECRET
from emu_client import Client, filters
from sc_emulator.generate import Generator
from sc_emulator.model import DEFAULT_PRINCIPALS, PLAN_STATUSES
from sc_emulator.server import start_in_thread
from sc_emulator.store import Store

ID_RE = {'pp': re.compile(r'^pp-bp1[0-9a-z]{11}$'), 'task': re.compile(r'^task-bp1[0-9a-z]{11}$'), 'plan': re.compile(r'^plan-bp1[0-9a-z]{11}$')}


def test_same_n_same_documents():
    first, second = Generator(300), Generator(300)
    for i in (0, 1, 2, 149, 299):
        assert first.instance(i) == second.instance(i)
        assert first.tasks(i) == second.tasks(i)
        assert first.plan(i) == second.plan(i)
    assert Generator(1000).instance(42) == first.instance(42)  # a larger N extends, it does not reshuffle
    one, two = Store({}, generate=300), Store({}, generate=300)
    caller = DEFAULT_PRINCIPALS[0]
    assert one.list_instances(caller, 'Account', [], [], True, 3, 50) == two.list_instances(caller, 'Account', [], [], True, 3, 50)
    assert one.list_plans(caller, 'Account', None, None, {}, False, 2, 50) == two.list_plans(caller, 'Account', None, None, {}, False, 2, 50)


def test_ids_are_unique_and_decode():
    gen = Generator(5000)
    instance_ids = {gen.instance_id(i) for i in range(5000)}
    plan_ids = {gen.plan_id(i) for i in range(5000)}
    assert len(instance_ids) == len(plan_ids) == 5000
    assert all(ID_RE['pp'].match(i) for i in instance_ids) and all(ID_RE['plan'].match(i) for i in plan_ids)
    for i in (0, 17, 4999):
        assert gen.instance_index(gen.instance_id(i)) == i
        assert gen.plan_index(gen.plan_id(i)) == i
        for j, task in enumerate(gen.tasks(i)):
            assert ID_RE['task'].match(task['TaskId']) and gen.task_index(task['TaskId']) == (i, j)
    assert gen.instance_index(Generator(6000).instance_id(5500)) is None
    assert gen.task_index(gen.task_id(0, 7)) is None
    for bad in ('pp-bp1ddg1n2a0e01x', 'pp-', 'pp-BP1AAAAAAAAAAA', 'plan-bp1!!!!!!!!!!!'):
        assert gen.instance_index(bad) is None and gen.plan_index(bad) is None and gen.task_index(bad) is None


def test_instance_state_matches_its_tasks():
    gen = Generator(50)
    for i in range(50):
        instance, tasks = gen.instance(i), gen.tasks(i)
        assert instance['LastTaskId'] == instance['LastProvisioningTaskId'] == tasks[-1]['TaskId']
        assert instance['LastSuccessfulProvisioningTaskId'] == [t for t in tasks if t['Status'] == 'Succeeded'][-1]['TaskId']
        assert instance['Status'] == {'Succeeded': 'Available', 'InProgress': 'UnderChange', 'Failed': 'Error'}[tasks[-1]['Status']]
        assert [t['CreateTime'] for t in tasks] == sorted(t['CreateTime'] for t in tasks)
        assert tasks[0]['CreateTime'] == instance['CreateTime']
        for task in tasks:
            assert (task['ProductId'], task['ProductName'], task['PortfolioId']) == (instance['ProductId'], instance['ProductName'], instance['PortfolioId'])
        plan = gen.plan(i)
        assert (plan['ProductId'], plan['ProductName'], plan['ProvisionedProductId']) == (
            instance['ProductId'], instance['ProductName'], instance['ProvisionedProductId'])


def _all(client, action, field, params):
    items, page = [], 1
    while True:
        doc = client.ok(action, {**params, 'PageSize': 100, 'PageNumber': page})
        items.extend(doc[field])
        if page * 100 >= doc['TotalCount']:
            return items
        page += 1


def test_generated_coverage_over_http(gen_client):
    instances = _all(gen_client, 'ListProvisionedProducts', 'ProvisionedProductDetails', {'AccessLevelFilter': 'Account', 'SortOrder': 'Asc'})
    assert len(instances) == 2000
    keys = [(i['CreateTime'], i['ProvisionedProductId']) for i in instances]
    assert keys == sorted(keys) and len({key[0] for key in keys}) == 1000  # pairs share a CreateTime: ties broken by ID
    assert {i['Status'] for i in instances} == {'Available', 'UnderChange', 'Error'}
    assert {i['OwnerPrincipalType'] for i in instances} == {'RamUser', 'RamRole'}
    mine = [i for i in instances if i['OwnerPrincipalId'] == '240000000000000001']
    assert 0 < len(mine) < 2000
    assert gen_client.ok('ListProvisionedProducts')['TotalCount'] == len(mine)
    seen = set()
    for instance in instances[:40]:
        tasks = gen_client.ok('ListTasks', {'ProvisionedProductId': instance['ProvisionedProductId'], 'SortOrder': 'Asc'})['TaskDetails']
        assert tasks[-1]['TaskId'] == instance['LastTaskId']
        seen.update((t['TaskType'], t['Status']) for t in tasks)
        detail = gen_client.ok('GetTask', body={'TaskId': tasks[-1]['TaskId']})['TaskDetail']
        assert detail['TaskTags'] and {k: v for k, v in detail.items() if k != 'TaskTags'} == tasks[-1]
    assert {pair[0] for pair in seen} == {'LaunchProduct', 'UpdateProvisionedProduct', 'TerminateProvisionedProduct'}
    assert {pair[1] for pair in seen} == {'Succeeded', 'InProgress', 'Failed'}


def test_generated_plans_over_http(gen_client):
    plans = _all(gen_client, 'ListProvisionedProductPlans', 'PlanDetails', {'AccessLevelFilter': 'Account'})
    assert len(plans) == 2000
    assert {p['Status'] for p in plans} == set(PLAN_STATUSES)
    assert {p['OperationType'] for p in plans} == {'LaunchProduct', 'UpdateProvisionedProduct', 'TerminateProvisionedProduct'}
    received = _all(gen_client, 'ListProvisionedProductPlans', 'PlanDetails', {'ApprovalFilter': 'ReceivedRequests'})
    assert received and all(p['Status'] == 'ApplicationInProgress' for p in received)
    assert all({'PrincipalType': 'RamUser', 'PrincipalName': 'demo-user'} in p['AssignedApprovers'] for p in received)
    assert any(p['OwnerPrincipalName'] != 'demo-user' for p in received)
    expected = sum(1 for p in plans if p['Status'] == 'ApplicationInProgress'
                   and {'PrincipalType': 'RamUser', 'PrincipalName': 'demo-user'} in p['AssignedApprovers'])
    assert len(received) == expected
    query = {'AccessLevelFilter': 'Account', **filters(('ProvisionedProductPlanStatus', 'Canceled,ExecuteFailed'))}
    by_status = gen_client.ok('ListProvisionedProductPlans', query)
    assert by_status['TotalCount'] == sum(1 for p in plans if p['Status'] in ('Canceled', 'ExecuteFailed'))
    detail = gen_client.ok('GetProvisionedProductPlan', body={'PlanId': plans[0]['PlanId']})
    assert detail['ProductDetail']['ProductName'] == plans[0]['ProductName']
    assert detail['ProductVersionDetail']['ProductVersionId'] == plans[0]['ProductVersionId']


def test_generated_not_found(gen_client):
    outside = Generator(3000)
    assert gen_client.error('GetProvisionedProduct', {'ProvisionedProductId': outside.instance_id(2500)})[0] == 404
    assert gen_client.error('GetTask', body={'TaskId': outside.task_id(2500, 0)})[0] == 404
    assert gen_client.error('GetProvisionedProductPlan', body={'PlanId': outside.plan_id(2500)})[0] == 404


def test_seed_over_generated(generated_emulator, gen_client):
    gen = Generator(2000)
    pp_id = gen.instance_id(10)
    try:
        generated_emulator.store.seed({'tasks': [{'TaskId': 'task-bp1extra00000x1', 'ProvisionedProductId': pp_id,
                                                  'TaskType': 'UpdateProvisionedProduct', 'Status': 'Failed', 'StatusMessage': 'boom',
                                                  'CreateTime': '2030-01-01T00:00:00Z'}]})
        item = gen_client.ok('GetProvisionedProduct', {'ProvisionedProductId': pp_id})['ProvisionedProductDetail']
        assert (item['LastTaskId'], item['Status'], item['StatusMessage']) == ('task-bp1extra00000x1', 'Error', 'boom')
        assert gen_client.ok('ListTasks', {'ProvisionedProductId': pp_id})['TotalCount'] == len(gen.tasks(10)) + 1
    finally:
        generated_emulator.store.reset()
    restored = gen_client.ok('GetProvisionedProduct', {'ProvisionedProductId': pp_id})['ProvisionedProductDetail']
    assert restored == {k: v for k, v in gen.instance(10).items() if not k.startswith('_')}


def test_100k_page():
    """Builds 100,000 instances and reads pages; timings are printed (run with -s), never asserted."""
    started = time.perf_counter()
    store = Store({}, generate=100000)
    built = time.perf_counter() - started
    running = start_in_thread(store)
    try:
        client = Client(running.url, DEMO_KEY_ID, DEMO_SECRET)
        timings = {}
        for label, params in (('first page', {}), ('page 400', {'PageNumber': 400}),
                              ('last page', {'AccessLevelFilter': 'Account', 'PageNumber': 1000}),
                              ('filtered page', {'AccessLevelFilter': 'Account', 'PageNumber': 20, **filters(('FullTextSearch', 'rds-mysql'))})):
            started = time.perf_counter()
            doc = client.ok('ListProvisionedProducts', {'PageSize': 100, **params})
            timings[label] = time.perf_counter() - started
            assert len(doc['ProvisionedProductDetails']) == 100
        assert doc['TotalCount'] == 25000
        started = time.perf_counter()
        doc = client.ok('ListProvisionedProductPlans', {'PageSize': 100, 'ApprovalFilter': 'ReceivedRequests', 'PageNumber': 30})
        timings['plans ReceivedRequests'] = time.perf_counter() - started
        assert len(doc['PlanDetails']) == 100
    finally:
        running.stop()
    print(f'\n100k: store built in {built:.2f}s; ' + ', '.join(f'{k} {v * 1000:.1f} ms' for k, v in timings.items()))
