# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The operations table, the answer shape checks and the transport core's retry policy."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import operations as ops
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import check_answer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import (
    CredentialError, ServiceCatalogError, redact_value,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import RetryPolicy
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import FakeClock
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import answer, make_client

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))), 'emulator')
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from sc_emulator import operations as emulator_ops  # noqa: E402  pylint: disable=import-error,wrong-import-position


def test_every_read_operation_is_declared_as_the_emulator_serves_it():
    """The two declarations of the API (shared/api/operations.md, the official SDK): the collection's, which the
    client reads, and the emulator's, which answers (tests/emulator/sc_emulator/operations.py, written from the
    same facts without importing plugin code). The same operations, each travelling and answering the same way."""
    assert sorted(ops.OPERATIONS) == sorted(emulator_ops.READ_OPERATIONS)
    paging = {None: None, emulator_ops.PAGES: ops.PAGES, emulator_ops.PAGES_AND_TOKEN: ops.PAGES}  # NextToken is not used
    filters = {None: None, emulator_ops.NUMBERED: ops.GROUPS, emulator_ops.JSON_TEXT: ops.JSON_TEXT}
    for name, served in emulator_ops.READ_OPERATIONS.items():
        declared = ops.operation(name)
        assert (declared.method, declared.body, declared.result_key) == (served.method, served.params_in == emulator_ops.FORM, served.result), name
        assert (declared.result_type == ops.LIST) == served.many, name
        assert (declared.paging, declared.filters, declared.filter_keys) == (paging[served.paging], filters[served.filters], served.filter_keys), name
        if declared.result_type != ops.LIST:
            assert declared.result_type == (ops.TEXT if declared.result_key == 'TemplateBody' else ops.OBJECT), name
    assert [name for name, op in ops.OPERATIONS.items() if op.filters == ops.JSON_TEXT] == ['ListTagOptions']


def test_every_declared_write_is_served_as_the_emulator_serves_it():
    """The writes the collection declares (all 32: the end-user lifecycle and the catalog) are the writes the emulator
    serves: POST, every parameter in a form body, the same first answer field (None where the answer holds only RequestId)."""
    assert set(ops.WRITE_OPERATIONS) == set(emulator_ops.WRITE_OPERATIONS) | set(emulator_ops.ADMIN_OPERATIONS)
    assert len(ops.WRITE_OPERATIONS) == 32
    for name, declared in ops.WRITE_OPERATIONS.items():
        served = emulator_ops.OPERATIONS[name]
        assert served.write and declared.kind == ops.WRITE, name
        assert (declared.method, declared.body) == (served.method, served.params_in == emulator_ops.FORM), name
        assert (declared.result_key or 'RequestId') == served.result, name
        assert name not in ops.OPERATIONS, name


def test_unknown_operation_is_named():
    with pytest.raises(KeyError) as info:
        ops.operation('DeleteEverything')
    assert 'DeleteEverything' in str(info.value)


def _valid(declared):
    doc = {'RequestId': 'req-1', declared.result_key: {ops.OBJECT: {}, ops.LIST: [], ops.TEXT: 'x'}[declared.result_type]}
    if declared.paging:
        doc['TotalCount'] = 0
    return doc


@pytest.mark.parametrize('name', sorted(ops.OPERATIONS))
def test_minimal_answers_pass(name):
    declared = ops.operation(name)
    assert check_answer(declared, _valid(declared)) == _valid(declared)


def _malformed(declared):
    """(label, answer, words the error must hold) for one operation."""
    key = declared.result_key
    cases = [('no result key', {'RequestId': 'req-1'}, '%s is missing' % key)]
    if declared.result_type == ops.TEXT:
        cases.append(('number', {'RequestId': 'req-1', key: 7}, '%s is a number (7), expected text' % key))
        return cases
    if declared.result_type == ops.OBJECT:
        cases.append(('text', {'RequestId': 'req-1', key: 'oops'}, "%s is text ('oops'), expected an object" % key))
        cases.append(('list', {'RequestId': 'req-1', key: []}, '%s is a list, expected an object' % key))
        for field, entry_key in declared.item_lists:
            cases.append(('%s not a list' % field, {'RequestId': 'req-1', key: {field: {'a': 1}}},
                          '%s.%s is an object, expected a list of objects with %s' % (key, field, entry_key)))
            cases.append(('%s entry without key' % field, {'RequestId': 'req-1', key: {field: [{'x': 1}]}},
                          '%s.%s[0] is an object, expected an object with %s' % (key, field, entry_key)))
        return cases
    total = {'TotalCount': 1} if declared.paging else {}
    cases.append(('object', dict(total, RequestId='req-1', **{key: {'a': 1}}), '%s is an object, expected a list of objects' % key))
    cases.append(('item text', dict(total, RequestId='req-1', **{key: ['oops']}), "%s[0] is text ('oops'), expected an object" % key))
    if declared.paging:
        cases.append(('total text', {'RequestId': 'req-1', key: [], 'TotalCount': 'abc'},
                      "TotalCount is text ('abc'), expected a whole number"))
        cases.append(('total missing', {'RequestId': 'req-1', key: []}, 'TotalCount is missing'))
    for field, entry_key in declared.item_lists:
        cases.append(('%s entry text' % field, dict(total, RequestId='req-1', **{key: [{field: ['x']}]}),
                      "%s[0].%s[0] is text ('x'), expected an object with %s" % (key, field, entry_key)))
    return cases


@pytest.mark.parametrize('name, label, doc, words', [
    (name, label, doc, words) for name in sorted(ops.OPERATIONS) for label, doc, words in _malformed(ops.operation(name))])
def test_malformed_answers_are_one_clear_error(name, label, doc, words):  # pylint: disable=unused-argument
    with pytest.raises(ServiceCatalogError) as info:
        check_answer(ops.operation(name), doc)
    err = info.value
    assert err.code == 'InvalidResponse' and err.action == name and err.request_id == 'req-1'
    assert words in str(err) and str(err).startswith('%s failed: HTTP 200 InvalidResponse' % name)


def test_optional_fields_may_be_missing():
    doc = {'RequestId': 'r', 'TaskDetail': {'TaskId': 't', 'Outputs': None}}
    assert check_answer(ops.operation('GetTask'), doc) is doc


def test_get_merges_the_declared_extra_keys(stub):
    stub.script(answer(200, {'RequestId': 'r', 'PlanDetail': {'PlanId': 'plan-1'}, 'ProductDetail': {'ProductId': 'prod-1'},
                             'ResourceChanges': [], 'Unrelated': 1}),
                answer(200, {'RequestId': 'r', 'TemplateBody': '{"ROSTemplateFormatVersion": "2015-09-01"}'}))
    with make_client(stub.url) as client:
        assert client.get('GetProvisionedProductPlan', {'PlanId': 'plan-1'}) == {
            'PlanId': 'plan-1', 'ProductDetail': {'ProductId': 'prod-1'}, 'ResourceChanges': []}
        assert client.get('GetTemplate', {'ProductId': 'p', 'ProductVersionId': 'v'}) == '{"ROSTemplateFormatVersion": "2015-09-01"}'
    assert [r.method for r in stub.requests] == ['POST', 'POST']


def test_get_operations_use_get(stub):
    stub.script(answer(200, {'RequestId': 'r', 'TagOptionDetail': {'TagOptionId': 'tag-1'}}))
    with make_client(stub.url) as client:
        assert client.get('GetTagOption', {'TagOptionId': 'tag-1'}) == {'TagOptionId': 'tag-1'}
    [request] = stub.requests
    assert request.method == 'GET' and request.query == {'TagOptionId': 'tag-1'} and request.body == b''


def test_unpaged_listing_is_one_call(stub):
    stub.script(answer(200, {'RequestId': 'r', 'Regions': [{'RegionId': 'cn-hangzhou'}, {'RegionId': 'cn-beijing'}]}))
    with make_client(stub.url) as client:
        result = client.list('ListRegions')
    assert result.items == [{'RegionId': 'cn-hangzhou'}, {'RegionId': 'cn-beijing'}] and result.total_count == 2
    assert len(stub.requests) == 1 and stub.requests[0].query == {}


# -- the retry policy -------------------------------------------------------------------------


def _failing(errors, result='done'):
    calls = []

    def attempt():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return result
    return attempt, calls


def _error(retryable=True, retry_after=None, cls=ServiceCatalogError):
    return cls('Op', 503, 'ServiceUnavailable', 'busy', retryable=retryable, retry_after=retry_after)


def test_policy_retries_retryable_errors_with_bounded_jittered_delays():
    clock, lines = FakeClock(0.0), []
    attempt, calls = _failing([_error(), _error(), _error()])
    assert RetryPolicy(5, 0.5, 20.0).run(attempt, 'Op', log=lines.append, sleep=clock.advance, clock=clock) == 'done'
    assert len(calls) == 4 and len(lines) == 3 and lines[0].startswith('Op: attempt 1 failed with HTTP 503 ServiceUnavailable')
    policy = RetryPolicy(5, 0.5, 20.0)
    for number in range(1, 8):
        for dummy in range(50):
            assert 0 <= policy.delay(number) <= min(20.0, 0.5 * 2 ** (number - 1))
            assert 7.0 <= policy.delay(number, 7.0) and policy.delay(1, 10 ** 6) <= 60.0


def test_policy_gives_up_with_the_attempts_counted():
    clock = FakeClock(0.0)
    attempt, calls = _failing([_error()] * 9)
    with pytest.raises(ServiceCatalogError) as info:
        RetryPolicy(2, 0.1, 1.0).run(attempt, 'Op', sleep=clock.advance, clock=clock)
    assert len(calls) == 3 and info.value.attempts == 3 and info.value.retryable
    assert 'after 3 attempts' in str(info.value)


def test_policy_never_retries_what_is_not_retryable():
    original = _error(retryable=False)
    attempt, calls = _failing([original])
    with pytest.raises(ServiceCatalogError) as info:
        RetryPolicy(5, 0.1, 1.0).run(attempt, 'Op', sleep=lambda s: None)
    assert len(calls) == 1 and info.value is original and info.value.attempts == 1


def test_policy_deadline_stops_retrying():
    clock = FakeClock(0.0)
    attempt, calls = _failing([_error(retry_after=4.0)] * 9)
    with pytest.raises(ServiceCatalogError) as info:
        RetryPolicy(10, 0.1, 2.0, max_seconds=10).run(attempt, 'Op', sleep=clock.advance, clock=clock)
    assert len(calls) == 3 and info.value.attempts == 3


def test_final_policy_marks_the_last_error_not_retryable():
    attempt, calls = _failing([_error(cls=CredentialError)] * 9)
    with pytest.raises(CredentialError) as info:
        RetryPolicy(1, 0.1, 1.0, final=True).run(attempt, 'AssumeRole', sleep=lambda s: None)
    assert len(calls) == 2 and not info.value.retryable and isinstance(info.value, CredentialError)
    attempt, calls = _failing([_error(cls=CredentialError)])
    with pytest.raises(CredentialError) as info:
        RetryPolicy(0, 0.1, 1.0, final=True).run(attempt, 'AssumeRole', sleep=lambda s: None)
    assert len(calls) == 1 and not info.value.retryable


def test_errors_are_replaced_not_changed():
    err = _error()
    other = err.replace(attempts=4)
    assert err.attempts == 1 and other.attempts == 4 and type(other) is type(err)
    assert 'after 4 attempts' in str(other) and 'after' not in str(err)


def test_redact_value_reaches_every_nested_string():
    value = {'AuthAction': 'x', 'Nested': [{'Deep': 'key=SeCrEt-1'}, 'SeCrEt-1'], 'SeCrEt-1': 3, 'n': 1}
    assert redact_value(value, ('SeCrEt-1',)) == {
        'AuthAction': 'x', 'Nested': [{'Deep': 'key=********'}, '********'], '********': 3, 'n': 1}
