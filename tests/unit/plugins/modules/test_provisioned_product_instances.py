# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""provisioned_product with ``instances``: many instances in one run, main() in-process against the real emulator.

Every write is checked in the emulator's own request log, as in test_provisioned_product.py: each instance behaves
as the single-instance module does (no write in check mode, none when nothing changed, one per instance that
changes, exactly one LaunchProduct when its answer is dropped), and one instance failing does not stop the others.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.batch import MAX_INSTANCES, failures_message
from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module
# emulator: that file's fixture (the real emulator in this process, provisioning in 0.2 s), one for this module
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_provisioned_product import (  # noqa: F401 pylint: disable=unused-import
    ECS, ECS_DEFAULT, _ok, emulator,
)


def _actions(entries):
    return sorted(e['action'] for e in entries)


def _by_name(result):
    return dict((entry['name'], entry) for entry in result['provisioned_products'])


def _count(emulator, name):
    listed = run_module('provisioned_product_info', dict(
        dict((k, v) for k, v in emulator.auth.items() if not k.startswith('wait')), name=name))
    return listed.result['total_count']


def _absent(emulator, names):
    _ok(emulator.run(dict(instances=[dict(name=name) for name in names], state='absent')))
    emulator.writes()


def test_launch_rerun_update_one_check_and_absent(emulator):
    names = ['unit-many-a', 'unit-many-b', 'unit-many-c']
    instances = [dict(name=names[0]), dict(name=names[1], parameters={'zone_id': 'cn-hangzhou-i'}, tags={'team': 'b'}),
                 dict(name=names[2])]
    args = dict(instances=instances, product_name=ECS, parameters={'instance_type': 'ecs.g7.large'}, tags={'env': 'dev'})
    # check mode, with a preview each: nothing written, a diff per instance (a list, with the names as headers)
    ran = _ok(emulator.run(dict(args, preview=True), check_mode=True))
    assert ran['changed'] and ran['changes'] == ['%s: create provisioned product' % name for name in names]
    assert [d['before_header'] for d in ran['diff']] == names and [d['after_header'] for d in ran['diff']] == names
    assert [d['after']['product_version_id'] for d in ran['diff']] == [ECS_DEFAULT] * 3
    assert ran['diff'][1]['after']['parameters'] == {'instance_type': 'ecs.g7.large', 'zone_id': 'cn-hangzhou-i'}
    assert ran['diff'][1]['after']['tags'] == {'env': 'dev', 'team': 'b'} and ran['diff'][0]['after']['tags'] == {'env': 'dev'}
    assert [p['name'] for p in ran['provisioned_products']] == names
    assert all(p['changed'] and p['provisioned_product'] == {} and p['resource_changes'] for p in ran['provisioned_products'])
    # the previews' plans only, no launch
    assert _actions(emulator.writes()) == ['CreateProvisionedProductPlan'] * 3 + ['DeleteProvisionedProductPlan'] * 3
    # launch: all three, waited for, each read back with its outputs
    ran = _ok(emulator.run(args))
    assert ran['changed'] and len(ran['diff']) == 3
    each = _by_name(ran)
    for name in names:
        assert each[name]['changed'] and each[name]['changes'] == ['create provisioned product']
        assert each[name]['provisioned_product']['status'] == 'Available'
        assert each[name]['provisioned_product']['provisioned_product_name'] == name
        assert each[name]['task']['task_type'] == 'LaunchProduct' and each[name]['task']['status'] == 'Succeeded'
        assert set(each[name]['outputs']) == {'instance_id', 'PublicIP', 'private_ip'}
    assert each[names[1]]['parameters'] == {'instance_type': 'ecs.g7.large', 'zone_id': 'cn-hangzhou-i'}
    assert each[names[1]]['tags'] == {'env': 'dev', 'team': 'b'} and each[names[2]]['tags'] == {'env': 'dev'}
    assert _actions(emulator.writes()) == ['LaunchProduct'] * 3
    # the same again: unchanged, no write
    ran = _ok(emulator.run(args))
    assert not ran['changed'] and ran['changes'] == [] and all(not p['changed'] and p['task'] == {} for p in ran['provisioned_products'])
    assert emulator.writes() == []
    # one entry's parameter changes: only that instance is updated
    instances[2] = dict(name=names[2], parameters={'instance_type': 'ecs.g7.xlarge'})
    ran = _ok(emulator.run(args, check_mode=True))
    assert ran['changes'] == ['%s: parameters.instance_type: ecs.g7.large -> ecs.g7.xlarge' % names[2]]
    assert emulator.writes() == []
    ran = _ok(emulator.run(args))
    each = _by_name(ran)
    assert ran['changed'] and [name for name in names if each[name]['changed']] == [names[2]]
    assert each[names[2]]['task']['task_type'] == 'UpdateProvisionedProduct' and each[names[2]]['parameters']['instance_type'] == 'ecs.g7.xlarge'
    assert [w['action'] for w in emulator.writes()] == ['UpdateProvisionedProduct']
    # absent: all three terminated and waited for; again: unchanged
    ran = _ok(emulator.run(dict(instances=[dict(name=name) for name in names], state='absent')))
    assert ran['changed'] and all(p['provisioned_product'] == {} and p['task']['task_type'] == 'TerminateProvisionedProduct'
                                  for p in ran['provisioned_products'])
    assert ran['changes'] == ['%s: delete provisioned product' % name for name in names]
    ran = _ok(emulator.run(dict(instances=[dict(name=name) for name in names], state='absent')))
    assert not ran['changed'] and ran['diff'] == [dict(before={}, after={}, before_header=n, after_header=n) for n in names]
    assert _actions(emulator.writes()) == ['TerminateProvisionedProduct'] * 3
    assert all(_count(emulator, name) == 0 for name in names)


def test_dropped_launch_answer_leads_to_exactly_one_instance_of_that_name(emulator):
    names = ['unit-drop-a', 'unit-drop-b', 'unit-drop-c']
    emulator.control('drop', {'action': 'LaunchProduct', 'kind': 'close'})
    ran = _ok(emulator.run(dict(instances=[dict(name=name) for name in names], product_name=ECS), verbosity=3))
    assert all(p['changed'] and p['provisioned_product']['status'] == 'Available' for p in ran['provisioned_products'])
    writes = emulator.writes()
    assert sorted((e['action'], e.get('fault') or '') for e in writes) == [('LaunchProduct', '')] * 2 + [('LaunchProduct', 'dropped-after')]
    dropped = writes[[e.get('fault') for e in writes].index('dropped-after')]['params']['ProvisionedProductName']
    recovered = [line for line in ran['api_log'] if 'the request may have been executed, so it is not sent again' in line]
    assert len(recovered) == 1 and recovered[0].startswith('%s: LaunchProduct: ConnectionError' % dropped), ran['api_log']
    assert any(('%s: LaunchProduct: the answer was lost' % dropped) in str(warning) for warning in ran['warnings'])
    assert [_count(emulator, name) for name in names] == [1, 1, 1]
    _absent(emulator, names)


def test_one_failing_template_among_several_fails_naming_it(emulator):
    names = ['unit-mixed-a', 'unit-mixed-b', 'unit-mixed-c', 'unit-mixed-fail']
    _ok(emulator.run(dict(instances=[dict(name=name) for name in names[:3]], product_name=ECS)))
    assert emulator.run(dict(name='unit-mixed-fail', product_name='DEMO-failing stack')).rc == 1
    emulator.writes()
    # one task updates all four: the template of the last one fails, the service refuses the parameter given to c,
    # a and b are updated
    xlarge = {'instance_type': 'ecs.g7.xlarge'}
    ran = emulator.run(dict(instances=[
        dict(name='unit-mixed-a', parameters=xlarge), dict(name='unit-mixed-b', parameters=xlarge),
        dict(name='unit-mixed-c', parameters={'no_such_parameter': 1}), dict(name='unit-mixed-fail', parameters={'instance_count': 3})]))
    assert ran.rc == 1
    msg = ran.result['msg']
    assert msg.startswith('instances: 2 of 4 instances failed: unit-mixed-c: UpdateProvisionedProduct failed: HTTP 400 '), msg
    assert '; unit-mixed-fail: update of provisioned product pp-' in msg and 'QuotaExceeded.Instance' in msg and '\n' not in msg
    each = _by_name(ran.result)
    for name in names[:2]:
        assert each[name]['changed'] and not each[name].get('failed') and each[name]['parameters']['instance_type'] == 'ecs.g7.xlarge'
        assert each[name]['provisioned_product']['status'] == 'Available' and each[name]['task']['status'] == 'Succeeded'
    refused = each['unit-mixed-c']
    assert refused['failed'] and refused['error']['code'] == 'InvalidParameter.Parameters' and refused['error']['request_id']
    assert 'provisioned_product' not in refused  # nothing was read back: the update did not happen
    failed = each['unit-mixed-fail']
    assert failed['failed'] and failed['changed'] and 'terraform stderr' in failed['msg'] and 'error' not in failed
    assert failed['provisioned_product']['status'] == 'Error' and failed['task']['status'] == 'Failed'
    assert not refused['changed'] and refused['changes'] == []
    assert ran.result['changed'] and sorted(set(line.split(':')[0] for line in ran.result['changes'])) == ['unit-mixed-a', 'unit-mixed-b', 'unit-mixed-fail']
    assert _actions(emulator.writes()) == ['UpdateProvisionedProduct'] * 4
    _absent(emulator, names)


def test_an_instance_not_ended_in_time_fails_and_the_others_do_not_wait_in_turn(emulator):
    names = ['unit-slow-a', 'unit-slow-b']
    before = emulator.control('provisioning')['seconds']
    emulator.control('provisioning', {'seconds': 2})
    try:
        ran = emulator.run(dict(instances=[dict(name=name) for name in names], product_name=ECS, wait_timeout=1))
    finally:
        emulator.control('provisioning', {'seconds': before})
    assert ran.rc == 1 and ran.result['msg'].startswith('instances: 2 of 2 instances failed: unit-slow-a: wait_timeout: provisioned product pp-')
    assert all(p['failed'] and p['changed'] and p['provisioned_product']['status'] == 'UnderChange' and p['task']['status'] == 'InProgress'
               for p in ran.result['provisioned_products'])
    assert _actions(emulator.writes()) == ['LaunchProduct'] * 2
    _absent(emulator, names)  # each found UnderChange is waited for first, then terminated


def test_an_empty_list_does_nothing(emulator):
    ran = _ok(emulator.run(dict(instances=[], product_name=ECS)))
    assert ran == dict(ran, changed=False, changes=[], diff=[], provisioned_products=[])
    assert emulator.writes() == []


@pytest.mark.parametrize('instances, expect', [
    ([dict(name='unit-twice'), dict(name='unit-other'), dict(name=' unit-twice ')],
     r"^instances: the name 'unit-twice' is given twice \(entries 1 and 3\)"),
    ([dict(name='unit-ok'), dict(parameters={'a': 1})], r'^missing required arguments: name found in instances$'),
    ([dict(name='unit-ok'), dict(name='  ')], r'^instances: entry 2 has an empty name$'),
    ([dict(name='unit-ok'), 'unit-text'], r"^Elements value for option 'instances' is of type"),
    ([dict(name='unit-ok', tags='a text')], r"^argument 'tags' is of type .* found in 'instances'"),
    ([dict(name='unit-ok', zones=1)], r'^Unsupported parameters for .*instances\.zones'),
    ([dict(name='unit-%03d' % n) for n in range(MAX_INSTANCES + 1)],
     r'^instances: at most %d instances in one task, got %d; ' % (MAX_INSTANCES, MAX_INSTANCES + 1)),
], ids=['name twice', 'no name', 'blank name', 'not a dict', 'tags not a dict', 'unknown key', 'too many'])
def test_bad_entries_fail_in_one_line_naming_instances_with_no_request(emulator, instances, expect):
    emulator.control('log/clear', {})
    ran = emulator.run(dict(instances=instances, product_name=ECS))
    msg = ran.result['msg']
    assert ran.rc == 1 and '\n' not in msg and 'Traceback' not in ran.stdout, msg
    assert re.search(expect, msg), msg
    assert emulator.control('log') == []


@pytest.mark.parametrize('other', [dict(name='unit-x'), dict(provisioned_product_id='pp-bp1wr000000001')])
def test_instances_exclude_name_and_id(emulator, other):
    ran = emulator.run(dict(other, instances=[dict(name='unit-y')], product_name=ECS))
    assert ran.rc == 1 and ran.result['msg'] == 'parameters are mutually exclusive: %s|instances' % list(other)[0]


def test_the_failure_message_stays_one_bounded_line():
    failed = [dict(name='unit-%d' % n, msg='reason %d %s' % (n, 'x' * 1000)) for n in range(7)]
    msg = failures_message(failed, 9)
    assert msg.startswith('instances: 7 of 9 instances failed: unit-0: reason 0 xxx') and msg.endswith('; and 2 more (see provisioned_products)')
    assert msg.count('[cut: ') == 5 and 'unit-4: ' in msg and 'unit-5' not in msg and len(msg) < 5 * 400
