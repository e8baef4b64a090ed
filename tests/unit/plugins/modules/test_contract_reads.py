# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The contract every module keeps when it reads, each module's ``main()`` run in this process against the emulator.

For every module (tests/unit/module_facts.py): one item and a listing, the same in check mode; the API's
not-found error; paging bounds; a RAM denial of each of its operations reported with the whole ``error`` dict;
503 answers retried and reported in ``api_log`` at -vvv only; under injected faults (500, 503, throttling,
dropped connections, slow answers) exactly the results of a fault-free run; a listing that grows while it is read.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import DEMO_ACCESS_KEY_ID, ENTRIES, entry_ids

# (entry, kind, action): every operation each module reads, with the options that make it read through it
CALLS = [(entry, kind, entry[action_key]) for entry in ENTRIES
         for kind, action_key in (('one', 'action'), ('listing', 'list_action')) if kind in entry]
CALL_IDS = ['%s %s' % (entry['name'], action) for entry, _kind, action in CALLS]
PAGED = [entry for entry in ENTRIES if entry.get('pages')]


def _missing():
    """(entry, options naming what does not exist): in each variant of a module that has several (view=...)."""
    out = []
    for entry in ENTRIES:
        if 'missing' not in entry:
            continue
        info = module_facts.info_of(entry['name'])
        variants = sorted(value for value, (get, _listing) in info.variants.items() if get is not None) if info.choose else [None]
        out.extend((entry, dict(entry['missing'], **({info.choose: value} if value else {})), entry['missing_code'])
                   for value in variants or [None])
        if 'missing_listing' in entry:
            out.append((entry, entry['missing_listing'], entry['missing_listing_code']))
    return out


MISSING = _missing()
MISSING_IDS = ['%s %s' % (entry['name'], ' '.join('%s=%s' % kv for kv in sorted(args.items()))) for entry, args, _code in MISSING]


def items_of(entry, result):
    """The items a result holds (template_info: its one text)."""
    value = result[entry['key']]
    return value if isinstance(value, list) else [value]


def ids_of(entry, items):
    return [item[entry['id_field']] for item in items] if entry.get('id_field') else items


def _one_line(ran):
    assert ran.rc == 1 and ran.result.get('failed') is True, ran.result
    assert '\n' not in ran.result['msg'] and 'Traceback' not in ran.stdout, ran.result['msg']
    return ran.result


@pytest.mark.parametrize('entry, kind, action', CALLS, ids=CALL_IDS)
def test_reads_and_check_mode_reads_the_same(emulator, entry, kind, action):  # pylint: disable=unused-argument
    ran = emulator.run(entry, entry[kind])
    assert ran.rc == 0 and ran.result['changed'] is False, ran.result
    items = items_of(entry, ran.result)
    assert len(items) == 1 if kind == 'one' else len(items) >= 1, ran.result
    if kind == 'one' and entry.get('id_field') in entry['one']:
        assert ids_of(entry, items) == [entry['one'][entry['id_field']]]
    if isinstance(ran.result[entry['key']], list):
        assert ran.result['total_count'] == (1 if kind == 'one' else ran.result['total_count']) >= len(items)
    checked = emulator.run(entry, entry[kind], check_mode=True)
    assert checked.rc == 0 and checked.result == ran.result


@pytest.mark.parametrize('entry, args, code', MISSING, ids=MISSING_IDS)
def test_not_found_is_the_api_error(emulator, entry, args, code):
    result = _one_line(emulator.run(entry, args))
    error = result['error']
    action = error['action']
    info = module_facts.info_of(entry['name'])
    assert action in [op.action for pair in info.variants.values() for op in pair if op is not None]
    assert (error['http_status'], error['code'], error['attempts']) == (404, code, 1)
    assert error['message'] and len(error['request_id']) == 36
    assert result['msg'].startswith('%s failed: HTTP 404 %s: %s' % (action, code, error['message'].rstrip('.')))
    assert 'RequestId: %s' % error['request_id'] in result['msg']
    assert entry['key'] not in result


@pytest.mark.parametrize('entry', PAGED, ids=entry_ids(PAGED))
def test_one_page_is_that_page_of_the_whole_listing(emulator, entry):
    whole = emulator.run(entry, entry['listing']).result
    assert whole['total_count'] == len(whole[entry['key']]) >= 1
    for number in range(1, min(whole['total_count'], 2) + 1):
        page = emulator.run(entry, dict(entry['listing'], page_size=1, page_number=number))
        assert page.rc == 0, page.result
        assert page.result[entry['key']] == whole[entry['key']][number - 1:number]
        assert page.result['total_count'] == whole['total_count']
    small = emulator.run(entry, dict(entry['listing'], page_size=1)).result
    largest = emulator.run(entry, dict(entry['listing'], page_size=100)).result
    assert small[entry['key']] == largest[entry['key']] == whole[entry['key']], 'every page is read without page_number'


@pytest.mark.parametrize('entry, kind, action', CALLS, ids=CALL_IDS)
def test_denied_reports_the_whole_error(emulator, entry, kind, action):
    emulator.control('deny', {'access_key_id': DEMO_ACCESS_KEY_ID, 'actions': [action]})
    try:
        result = _one_line(emulator.run(entry, entry[kind]))
    finally:
        emulator.control('deny', {'clear': True})
    error = result['error']
    detail = error['access_denied_detail']
    assert (error['action'], error['http_status'], error['code'], error['attempts']) == (action, 403, 'NoPermission', 1)
    assert error['message'] == 'You are not authorized to do this action. You should be authorized by RAM.'
    assert len(error['request_id']) == 36 and error['host_id'] == 'servicecatalog.cn-hangzhou.aliyuncs.com'
    assert error['recommend'] == 'https://api.aliyun.com/troubleshoot?q=NoPermission&product=servicecatalog&requestId=' + error['request_id']
    assert (detail['AuthAction'], detail['NoPermissionType'], detail['PolicyType']) == (
        'servicecatalog:' + action, 'ImplicitDeny', 'AccountLevelIdentityBasedPolicy')
    assert (detail['AuthPrincipalType'], detail['AuthPrincipalDisplayName'], detail['AuthPrincipalOwnerId']) == (
        'SubUser', '240000000000000001', '1466115886170001')
    assert detail['EncodedDiagnosticMessage'].startswith('AQEAAAAA')
    assert result['msg'].startswith('%s failed: HTTP 403 NoPermission: You are not authorized to do this action. '
                                    'You should be authorized by RAM; ' % action)
    assert ('RequestId: %s; Recommend: %s; AccessDeniedDetail: AuthAction=servicecatalog:%s, NoPermissionType=ImplicitDeny, '
            'PolicyType=AccountLevelIdentityBasedPolicy, AuthPrincipalType=SubUser, AuthPrincipalDisplayName=240000000000000001, '
            'AuthPrincipalOwnerId=1466115886170001 (EncodedDiagnosticMessage in error.access_denied_detail)'
            % (error['request_id'], error['recommend'], action)) in result['msg']
    assert 'attempts' not in result['msg']
    last = emulator.log()[-1]
    assert (last['action'], last['status'], last['code'], last['request_id']) == (action, 403, 'NoPermission', error['request_id'])


@pytest.mark.parametrize('entry, kind, action', CALLS, ids=CALL_IDS)
def test_retried_and_in_api_log_at_vvv(emulator, entry, kind, action):
    expected = emulator.run(entry, entry[kind]).result
    emulator.control('respond', {'clear': True, 'actions': [action], 'answers': [{'status': 503, 'body': ''}]})
    ran = emulator.run(entry, entry[kind], verbosity=3)
    assert ran.rc == 0, ran.result
    log = [line for line in ran.result.pop('api_log') if line.startswith(action + ':')]
    assert ran.result == expected
    assert len(log) == 1 and log[0].startswith('%s: attempt 1 failed with HTTP 503' % action), log
    assert emulator.control('respond')['queued'] == 0
    last = emulator.log()[-2:]
    assert [(e['action'], e['status'], e['fault']) for e in last] == [(action, 503, 'canned'), (action, 200, None)]


def test_no_api_log_below_vvv(emulator):
    """Two 503 answers in a row, retried with the default retries; nothing about it below -vvv."""
    entry, kind, action = CALLS[0]
    expected = emulator.run(entry, entry[kind]).result
    emulator.control('respond', {'clear': True, 'actions': [action], 'answers': [{'status': 503, 'body': ''}] * 2})
    ran = emulator.run(entry, entry[kind], verbosity=2)
    assert ran.rc == 0 and ran.result == expected and 'api_log' not in ran.result
    assert [(e['action'], e['status']) for e in emulator.log()[-3:]] == [(action, 503), (action, 503), (action, 200)]


def _all_reads(emulator, **extra):
    """Every module's listing (in pages of 2 when it pages: many requests) and one item: what each returned."""
    out = {}
    for entry, kind, action in CALLS:
        args = dict(entry[kind], **extra)
        if kind == 'listing' and entry.get('pages'):
            args['page_size'] = 2
        ran = emulator.run(entry, args)
        assert ran.rc == 0, (action, ran.result)
        result = ran.result
        if kind == 'listing':  # the IDs in order (whole items when they have none): statuses of the fixtures settle with time
            out[(entry['name'], action)] = (ids_of(entry, result[entry['key']]), result['total_count'], result.get('warnings'))
        else:
            out[(entry['name'], action)] = (result[entry['key']], result.get('total_count'), result.get('warnings'))
    return out


def _difference(got, expected):
    """A short account of how two results differ."""
    if isinstance(got, dict) and isinstance(expected, dict):
        return dict((k, _difference(got.get(k), expected.get(k))) for k in sorted(set(got) | set(expected)) if got.get(k) != expected.get(k))
    if isinstance(got, list) and isinstance(expected, list) and len(got) == len(expected):
        return dict((i, _difference(a, b)) for i, (a, b) in enumerate(zip(got, expected)) if a != b)
    return (str(got)[:200], str(expected)[:200])


def test_faults_lose_nothing(emulator):
    """20 % of the answers faulty: every module returns exactly what it returns without faults, with 3 seeds."""
    baseline = _all_reads(emulator)
    for seed in (11, 12, 13):
        emulator.control('faults', {'rate': 0.2, 'seed': seed, 'slow_seconds': 1.2, 'retry_after_ms': 20})
        try:
            faulty = _all_reads(emulator, retries=12, read_timeout=1)
            injected = emulator.control('faults')
        finally:
            emulator.control('faults', {'rate': 0})
        assert injected['faults'] >= 3 and injected['requests'] > 30, injected
        assert faulty == baseline, [(key, _difference(faulty[key], baseline[key])) for key in baseline if faulty[key] != baseline[key]]


def test_a_listing_that_grows_loses_nothing_and_says_so(emulator):
    entry = [e for e in ENTRIES if e['name'] == 'provisioned_product_info'][0]
    before = emulator.run(entry, dict(entry['listing'])).result[entry['key']]
    emulator.control('mutate', {'enabled': True, 'per_page': 1})
    try:
        # one request at a time: pages read at once could all come after the first arrival and agree on the new total
        ran = emulator.run(entry, dict(entry['listing'], page_size=3, concurrency=1), verbosity=3)
    finally:
        emulator.control('mutate', {'enabled': False})
        emulator.control('reset', {})
        emulator.control('seed', module_facts.fixtures_dataset())
    ids = ids_of(entry, ran.result[entry['key']])
    assert len(ids) == len(set(ids)) and set(ids_of(entry, before)) <= set(ids) and len(ids) > len(before)
    assert len([w for w in ran.result.get('warnings', []) if 'changed while listing' in str(w)]) == 1, ran.result.get('api_log')
