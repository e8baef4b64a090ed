# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""provisioned_product: main() in-process against the real emulator (tests/emulator), provisioning quickly.

Every write is checked in the emulator's own request log: no write in check mode, none when nothing
changed, exactly one LaunchProduct when its answer is dropped after it was executed.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.provisioning import render_parameters
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import differences
from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules import conftest

# the emulator's package is on sys.path once conftest is imported
from sc_emulator.data import load_demo  # pylint: disable=import-error
from sc_emulator.server import start_in_thread  # pylint: disable=import-error
from sc_emulator.signing import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # pylint: disable=import-error
from sc_emulator.store import Store  # pylint: disable=import-error

ECS = 'DEMO-ECS instance'
ECS_ID, ECS_DEFAULT, ECS_11 = 'prod-bp18r7q127a001', 'pv-bp15e79d26a001', 'pv-bp15e79d26a002'
WRITES = ('LaunchProduct', 'UpdateProvisionedProduct', 'TerminateProvisionedProduct', 'CreateProvisionedProductPlan',
          'DeleteProvisionedProductPlan', 'ApproveProvisionedProductPlan', 'ExecuteProvisionedProductPlan',
          'CancelProvisionedProductPlan', 'UpdateProvisionedProductPlan')


class Emulator(conftest.Emulator):
    """conftest's emulator (control, log, auth), running provisioned_product with short waits."""

    def __init__(self, running):
        super(Emulator, self).__init__(running)
        self.auth.update(alicloud_region='cn-hangzhou', wait_interval=0.05, wait_timeout=30)

    def writes(self):
        """The write requests logged since the last call (the log is then cleared)."""
        entries = [entry for entry in self.control('log') if entry.get('action') in WRITES]
        self.control('log/clear', {})
        return entries

    def run(self, args, check_mode=False, verbosity=0):
        return run_module('provisioned_product', dict(self.auth, **args), check_mode=check_mode, verbosity=verbosity)


@pytest.fixture(scope='module')
def emulator():
    running = start_in_thread(Store(load_demo()), provision_seconds=0.2)
    emu = Emulator(running)
    emu.control('log/clear', {})
    yield emu
    running.stop()


def _client(emulator):
    creds = StaticCredentialsProvider(Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, None, 'test'))
    return ServiceCatalogClient(creds, endpoint=emulator.running.url)


def _ok(ran):
    assert ran.rc == 0, ran.result.get('msg')
    return ran.result


def _actions(entries):
    return [e['action'] for e in entries]


def test_launch_rerun_check_diff_update_absent(emulator):
    args = dict(name='unit-web', product_name=ECS, parameters={'instance_type': 'ecs.g7.large'}, tags={'env': 'dev'})
    # check mode: nothing written, says it would create
    ran = _ok(emulator.run(args, check_mode=True))
    assert ran['changed'] and ran['changes'] == ['create provisioned product'] and ran['provisioned_product'] == {}
    assert ran['diff']['after']['product_version_id'] == ECS_DEFAULT
    assert emulator.writes() == []
    # launch: the Default version, waited for, outputs read back
    ran = _ok(emulator.run(args))
    assert ran['changed'] and ran['task']['task_type'] == 'LaunchProduct' and ran['task']['status'] == 'Succeeded'
    instance = ran['provisioned_product']
    assert instance['status'] == 'Available' and instance['product_version_id'] == ECS_DEFAULT
    assert ran['parameters'] == {'instance_type': 'ecs.g7.large'} and ran['tags'] == {'env': 'dev'}
    assert set(ran['outputs']) == {'instance_id', 'PublicIP', 'private_ip'}
    writes = emulator.writes()
    assert _actions(writes) == ['LaunchProduct'] and writes[0]['params_in'] == 'form'
    # the same again: unchanged, no write
    ran = _ok(emulator.run(args))
    assert not ran['changed'] and ran['changes'] == [] and ran['task'] == {}
    assert emulator.writes() == []
    # check mode with a change: the diff, no write
    change = dict(args, parameters={'instance_type': 'ecs.g7.xlarge'}, product_version_name='1.1', tags={'env': 'prod'})
    ran = _ok(emulator.run(change, check_mode=True))
    assert ran['changed'] and sorted(ran['changes']) == [
        'parameters.instance_type: ecs.g7.large -> ecs.g7.xlarge', 'product_version_id: %s -> %s' % (ECS_DEFAULT, ECS_11),
        'tags.env: dev -> prod']
    assert ran['diff']['before']['parameters'] == {'instance_type': 'ecs.g7.large'}
    assert ran['diff']['after']['parameters'] == {'instance_type': 'ecs.g7.xlarge'}
    assert emulator.writes() == []
    # the update
    ran = _ok(emulator.run(change))
    assert ran['changed'] and ran['task']['task_type'] == 'UpdateProvisionedProduct'
    assert ran['provisioned_product']['product_version_id'] == ECS_11 and ran['tags'] == {'env': 'prod'}
    assert ran['parameters']['instance_type'] == 'ecs.g7.xlarge'
    assert _actions(emulator.writes()) == ['UpdateProvisionedProduct']
    # a parameter not given keeps its value and is sent again
    ran = _ok(emulator.run(dict(name='unit-web', parameters={'zone_id': 'cn-hangzhou-i'})))
    assert ran['changed'] and ran['parameters'] == {'instance_type': 'ecs.g7.xlarge', 'zone_id': 'cn-hangzhou-i'}
    assert ran['tags'] == {'env': 'prod'}
    emulator.writes()
    # absent: terminated and waited for; then absent again is unchanged
    ran = _ok(emulator.run(dict(name='unit-web', state='absent')))
    assert ran['changed'] and ran['provisioned_product'] == {} and ran['task']['task_type'] == 'TerminateProvisionedProduct'
    ran = _ok(emulator.run(dict(name='unit-web', state='absent')))
    assert not ran['changed']
    assert _actions(emulator.writes()) == ['TerminateProvisionedProduct']


def test_name_and_region_cannot_change(emulator):
    ran = _ok(emulator.run(dict(name='unit-fixed', product_id=ECS_ID)))
    pp_id = ran['provisioned_product']['provisioned_product_id']
    emulator.writes()
    ran = emulator.run(dict(provisioned_product_id=pp_id, name='unit-renamed'))
    assert ran.rc == 1 and ran.result['msg'].startswith('name: a provisioned product cannot be renamed')
    ran = emulator.run(dict(name='unit-fixed', stack_region_id='cn-shanghai'))
    assert ran.rc == 1 and ran.result['msg'].startswith('stack_region_id: ')
    assert emulator.writes() == []
    _ok(emulator.run(dict(provisioned_product_id=pp_id, state='absent')))


def test_failed_template_fails_with_message_and_stderr(emulator):
    ran = emulator.run(dict(name='unit-fail', product_name='DEMO-failing stack'))
    assert ran.rc == 1
    msg = ran.result['msg']
    assert 'launch of provisioned product' in msg and 'QuotaExceeded.Instance' in msg and 'terraform stderr' in msg
    assert ran.result['provisioned_product']['status'] == 'Error'
    _ok(emulator.run(dict(name='unit-fail', state='absent')))
    emulator.writes()


def test_several_instances_with_the_name_fail_listing_them(emulator):
    # LaunchProduct does not refuse a name in use (the emulator's reading of the API): two instances, one name
    ids = [_ok(run_module('provisioned_product', dict(emulator.auth, name='unit-twin-%d' % n, product_id=ECS_ID)))
           ['provisioned_product']['provisioned_product_id'] for n in (1, 2)]
    emulator.control('log/clear', {})
    with _client(emulator) as client:
        client.call('LaunchProduct', {'ProductId': ECS_ID, 'ProductVersionId': ECS_DEFAULT, 'ProvisionedProductName': 'unit-twin-1',
                                      'StackRegionId': 'cn-hangzhou'})
    ran = emulator.run(dict(name='unit-twin-1', state='absent'))
    assert ran.rc == 1 and ran.result['msg'].startswith("name: 2 provisioned products are named 'unit-twin-1' (")
    assert ids[0] in ran.result['msg']
    assert _actions(emulator.writes()) == ['LaunchProduct']


def test_dropped_launch_answer_leads_to_exactly_one_instance(emulator):
    emulator.control('drop', {'action': 'LaunchProduct', 'kind': 'close'})
    ran = _ok(emulator.run(dict(name='unit-dropped', product_id=ECS_ID), verbosity=3))
    assert ran['changed'] and ran['provisioned_product']['status'] == 'Available'
    assert any(line.startswith('LaunchProduct: ConnectionError; the request may have been executed, so it is not sent again')
               for line in ran['api_log'])
    writes = emulator.writes()
    assert [(e['action'], e.get('fault')) for e in writes] == [('LaunchProduct', 'dropped-after')]
    listed = run_module('provisioned_product_info', dict(
        {k: v for k, v in emulator.auth.items() if not k.startswith('wait')}, name='unit-dropped'))
    assert listed.result['total_count'] == 1
    _ok(emulator.run(dict(name='unit-dropped', state='absent')))
    emulator.writes()


@pytest.mark.parametrize('kind', ['internal', 'unavailable'])
def test_5xx_after_update_is_not_resent(emulator, kind):
    _ok(emulator.run(dict(name='unit-5xx', product_id=ECS_ID)))
    emulator.writes()
    emulator.control('drop', {'action': 'UpdateProvisionedProduct', 'kind': kind})
    ran = _ok(emulator.run(dict(name='unit-5xx', parameters={'instance_type': 'ecs.g7.2xlarge'})))
    assert ran['changed'] and ran['parameters']['instance_type'] == 'ecs.g7.2xlarge'
    assert _actions(emulator.writes()) == ['UpdateProvisionedProduct']
    _ok(emulator.run(dict(name='unit-5xx', state='absent')))
    emulator.writes()


def test_throttled_write_is_retried(emulator):
    emulator.control('respond', {'answers': [{'status': 400, 'content_type': 'application/json', 'headers': {'x-acs-retry-after': '10'},
                                              'body': json.dumps({'Code': 'Throttling.User', 'Message': 'slow down', 'RequestId': 'r-1'})}],
                                 'actions': ['LaunchProduct']})
    ran = _ok(emulator.run(dict(name='unit-throttled', product_id=ECS_ID)))
    assert ran['changed']
    writes = emulator.writes()
    assert [(e['action'], e.get('fault')) for e in writes] == [('LaunchProduct', 'canned'), ('LaunchProduct', None)]
    _ok(emulator.run(dict(name='unit-throttled', state='absent')))
    emulator.writes()


def test_preview_in_check_mode_returns_resource_changes_and_deletes_the_plan(emulator):
    _ok(emulator.run(dict(name='unit-preview', product_id=ECS_ID)))
    emulator.writes()
    ran = _ok(emulator.run(dict(name='unit-preview', parameters={'instance_type': 'ecs.g7.xlarge'}, preview=True), check_mode=True))
    assert ran['changed'] and [c['action'] for c in ran['resource_changes']] == ['Modify'] * 3
    assert _actions(emulator.writes()) == ['CreateProvisionedProductPlan', 'DeleteProvisionedProductPlan']
    ran = _ok(emulator.run(dict(name='unit-preview', product_id=ECS_ID, state='absent')))
    emulator.writes()


def test_launch_choices_fail_with_one_line(emulator):
    ran = emulator.run(dict(name='unit-vpc', product_name='VPC network'))
    assert ran.rc == 1 and ran.result['msg'].startswith('portfolio_id: product prod-bp1vpcnet2ca003 has no default launch option')
    assert 'port-bp1yt7582g0a01 (' in ran.result['msg']
    ran = emulator.run(dict(name='unit-x', product_id=ECS_ID, product_version_name='9.9'))
    assert ran.rc == 1 and '1.0 (pv-bp15e79d26a001, Default)' in ran.result['msg']
    ran = emulator.run(dict(name='unit-x'))
    assert ran.rc == 1 and ran.result['msg'].startswith('product_id: required')
    ran = emulator.run(dict(provisioned_product_id='pp-missing00000'))
    assert ran.rc == 1 and ran.result['msg'].startswith('provisioned_product_id: there is no provisioned product')
    assert emulator.writes() == []


def test_render_parameters_and_differences():
    assert render_parameters({'n': 3, 'f': 1.5, 'b': True, 'l': [1, 'a'], 'd': {'k': False}, 's': 'x', 'z': None}) == {
        'n': '3', 'f': '1.5', 'b': 'true', 'l': '[1,"a"]', 'd': '{"k":false}', 's': 'x', 'z': ''}
    assert differences({'v': 'a', 't': {'x': '1', 'y': '2'}}, {'v': 'b', 't': {'x': '1', 'z': '3'}}) == [
        'v: a -> b', 't.y: removed', 't.z: added (3)']


def test_lost_write_that_left_no_trace_fails_and_is_not_resent(emulator):
    emulator.control('respond', {'answers': [{'status': 500, 'content_type': 'application/json',
                                              'body': json.dumps({'Code': 'InternalError', 'Message': 'A system error occurred.',
                                                                  'RequestId': 'r-2'})}], 'actions': ['LaunchProduct']})
    ran = emulator.run(dict(name='unit-lost', product_id=ECS_ID))
    assert ran.rc == 1 and 'shows no trace of it, nothing was sent again' in ran.result['msg']
    assert ran.result['error']['code'] == 'InternalError'
    assert [(e['action'], e.get('fault')) for e in emulator.writes()] == [('LaunchProduct', 'canned')]


def test_the_nine_writes_are_declared_as_writes():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import operations as ops
    assert set(WRITES) <= set(ops.WRITE_OPERATIONS)
    for declared in ops.WRITE_OPERATIONS.values():
        assert (declared.kind, declared.method, declared.body) == (ops.WRITE, 'POST', True)
    assert not set(ops.WRITE_OPERATIONS) & set(ops.OPERATIONS)  # OPERATIONS: the reads only
    assert all(declared.kind == ops.READ for declared in ops.OPERATIONS.values())


def test_many_at_once_launch_without_waiting_then_one_wait(emulator):
    emulator.control('provisioning', {'seconds': 30})  # long enough that no launch settles before the wait, even on a busy host
    try:
        launched = [_ok(emulator.run(dict(name='unit-many-%d' % n, product_id=ECS_ID, wait=False))) for n in range(3)]
    finally:
        emulator.control('provisioning', {'seconds': 0.2})
    assert all(ran['task']['status'] == 'InProgress' and ran['provisioned_product']['status'] == 'UnderChange' for ran in launched)
    emulator.control('provisioning', {'advance': 29.9})  # as if the time had passed: they settle within the wait
    ids = [ran['provisioned_product']['provisioned_product_id'] for ran in launched]
    auth = dict((k, v) for k, v in emulator.auth.items() if not k.startswith('wait'))
    settled = _ok(run_module('provisioned_product_info', dict(auth, provisioned_product_ids=ids, wait=True, wait_interval=0.05)))
    assert [item['status'] for item in settled['provisioned_products']] == ['Available'] * 3
    for pp_id in ids:
        _ok(emulator.run(dict(provisioned_product_id=pp_id, state='absent', wait=False)))
    emulator.writes()


RDS_ID, RDS_DEFAULT = 'prod-bp1rtrnh2ca002', 'pv-bp19udk22va003'


def _plan_for_review(emulator, name):
    """A launch plan of the product with an approval constraint, its preview done: ApplicationInProgress."""
    with _client(emulator) as client:
        plan_id = client.call('CreateProvisionedProductPlan', {
            'PlanName': name, 'PlanType': 'Ros', 'ProductId': RDS_ID, 'ProductVersionId': RDS_DEFAULT,
            'ProvisionedProductName': name, 'StackRegionId': 'cn-hangzhou'})['PlanId']
    emulator.control('provisioning', {'finish': True})
    emulator.control('log/clear', {})
    return plan_id


def _approval(emulator, args, check_mode=False):
    auth = dict((k, v) for k, v in emulator.auth.items() if not k.startswith('wait'))
    return run_module('provisioned_product_plan_approval', dict(auth, **args), check_mode=check_mode)


def test_plan_approval_idempotent_check_mode_and_refusals(emulator):
    plan_id = _plan_for_review(emulator, 'unit-review-1')
    ran = _ok(_approval(emulator, dict(name='unit-review-1', action='approve', comment='ok'), check_mode=True))
    assert ran['changed'] and ran['changes'] == ['decision: pending -> approved'] and ran['plan']['status'] == 'ApplicationInProgress'
    assert emulator.writes() == []
    ran = _ok(_approval(emulator, dict(plan_id=plan_id, action='approve', comment='ok')))
    assert ran['changed'] and ran['plan']['status'] == 'ApplicationApproved'
    assert [(e['action'], e['params']['ApprovalAction']) for e in emulator.writes()] == [('ApproveProvisionedProductPlan', 'Approve')]
    ran = _ok(_approval(emulator, dict(plan_id=plan_id, action='approve')))
    assert not ran['changed'] and ran['changes'] == []
    ran = _approval(emulator, dict(plan_id=plan_id, action='reject'))
    assert ran.rc == 1 and ran.result['msg'] == (
        'action: plan %s cannot be reviewed: its status is ApplicationApproved (only ApplicationInProgress can)' % plan_id)
    assert emulator.writes() == []


def test_plan_rejection_answer_lost_is_not_resent(emulator):
    plan_id = _plan_for_review(emulator, 'unit-review-2')
    emulator.control('drop', {'action': 'ApproveProvisionedProductPlan', 'kind': 'unavailable'})
    ran = _ok(_approval(emulator, dict(plan_id=plan_id, action='reject')))
    assert ran['changed'] and ran['plan']['status'] == 'ApplicationRejected'
    assert [e.get('fault') for e in emulator.writes()] == ['unavailable-after']


def _plan(emulator, args, check_mode=False):
    return run_module('provisioned_product_plan', dict(emulator.auth, **args), check_mode=check_mode)


def test_plan_launch_present_update_executed_absent(emulator):
    args = dict(name='unit-plan-1', provisioned_product_name='unit-planned', product_id=ECS_ID,
                parameters={'instance_type': 'ecs.g7.large'}, description='first')
    ran = _ok(_plan(emulator, args, check_mode=True))
    assert ran['changed'] and ran['plan'] == {} and emulator.writes() == []
    ran = _ok(_plan(emulator, args))
    assert ran['changed'] and ran['plan']['status'] == 'PreviewSuccess'
    assert [c['action'] for c in ran['resource_changes']] == ['Add'] * 3
    ran = _ok(_plan(emulator, args))
    assert not ran['changed']
    assert _actions(emulator.writes()) == ['CreateProvisionedProductPlan']
    ran = _ok(_plan(emulator, dict(args, parameters={'instance_type': 'ecs.g7.xlarge'})))
    assert ran['changed'] and ran['changes'] == ['parameters.instance_type: ecs.g7.large -> ecs.g7.xlarge']
    assert ran['plan']['status'] == 'PreviewSuccess' and ran['plan']['parameter_values'] == {'instance_type': 'ecs.g7.xlarge'}
    ran = _plan(emulator, dict(args, operation='update'))
    assert ran.rc == 1 and ran.result['msg'].startswith('operation: a plan cannot change it')
    emulator.control('drop', {'action': 'ExecuteProvisionedProductPlan', 'kind': 'close'})  # executed, its answer lost
    ran = _ok(_plan(emulator, dict(name='unit-plan-1', state='executed')))
    assert ran['changed'] and ran['changes'] == ['execute plan'] and ran['plan']['status'] == 'ExecuteSuccess'
    assert ran['provisioned_product']['status'] == 'Available' and 'instance_id' in ran['outputs']
    ran = _ok(_plan(emulator, dict(name='unit-plan-1', state='executed')))
    assert not ran['changed']
    assert [(e['action'], e.get('fault')) for e in emulator.writes()] == [
        ('UpdateProvisionedProductPlan', None), ('ExecuteProvisionedProductPlan', 'dropped-after')]
    ran = _plan(emulator, dict(name='unit-plan-1', state='canceled'))
    assert ran.rc == 1 and 'an executed plan cannot be canceled' in ran.result['msg']
    assert _ok(_plan(emulator, dict(name='unit-plan-1', state='absent')))['changed']
    assert not _ok(_plan(emulator, dict(name='unit-plan-1', state='absent')))['changed']
    _ok(emulator.run(dict(name='unit-planned', state='absent')))
    emulator.writes()


def test_plan_waits_through_review_naming_the_approvers(emulator):
    args = dict(name='unit-plan-rds', provisioned_product_name='unit-rds', product_id=RDS_ID, state='executed')
    ran = _ok(_plan(emulator, dict(args, state='present')))
    assert ran['plan']['status'] == 'ApplicationInProgress'
    ran = _plan(emulator, dict(args, wait_timeout=0))
    assert ran.rc == 1 and ran.result['msg'].endswith('waiting for the review of: RamUser demo-user, RamUser bob')
    _ok(_approval(emulator, dict(name='unit-plan-rds', action='approve')))
    ran = _ok(_plan(emulator, args))
    assert ran['changed'] and ran['plan']['status'] == 'ExecuteSuccess' and ran['provisioned_product']['status'] == 'Available'
    assert _actions(emulator.writes()) == ['CreateProvisionedProductPlan', 'ApproveProvisionedProductPlan', 'ExecuteProvisionedProductPlan']


def test_plan_update_of_an_instance_canceled_and_lost_create_answer(emulator):
    _ok(emulator.run(dict(name='unit-target', product_id=ECS_ID, parameters={'zone_id': 'cn-hangzhou-h'})))
    emulator.writes()
    emulator.control('drop', {'action': 'CreateProvisionedProductPlan', 'kind': 'close'})
    ran = _ok(_plan(emulator, dict(name='unit-plan-upd', operation='update', provisioned_product_name='unit-target',
                                   parameters={'instance_type': 'ecs.g7.xlarge'})))
    assert ran['changed'] and ran['plan']['parameter_values'] == {'instance_type': 'ecs.g7.xlarge', 'zone_id': 'cn-hangzhou-h'}
    assert [c['action'] for c in ran['resource_changes']] == ['Modify'] * 3
    assert [(e['action'], e.get('fault')) for e in emulator.writes()] == [('CreateProvisionedProductPlan', 'dropped-after')]
    emulator.control('drop', {'action': 'CancelProvisionedProductPlan', 'kind': 'internal'})  # canceled, answered 500
    ran = _ok(_plan(emulator, dict(name='unit-plan-upd', state='canceled')))
    assert ran['changed'] and ran['plan']['status'] == 'Canceled'
    assert [(e['action'], e.get('fault')) for e in emulator.writes()] == [('CancelProvisionedProductPlan', 'internal-after')]
    assert not _ok(_plan(emulator, dict(name='unit-plan-upd', state='canceled')))['changed']
    ran = _plan(emulator, dict(name='unit-plan-upd', state='executed'))
    assert ran.rc == 1 and 'its status is Canceled' in ran.result['msg']
    _ok(_plan(emulator, dict(name='unit-plan-upd', state='absent')))
    _ok(emulator.run(dict(name='unit-target', state='absent')))
    emulator.writes()
