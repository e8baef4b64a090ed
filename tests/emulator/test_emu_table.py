"""The operation table: every declared operation is served, over GET and POST alike, and the log says how it came."""
from __future__ import annotations

import pytest

from sc_emulator.operations import ACCEPTED_METHODS, FORM, NONE, OPERATIONS, QUERY


def _last_entry(emulator) -> dict:
    return emulator.server.request_log.entries()[-1]


def test_declarations_are_complete():
    for name, operation in OPERATIONS.items():
        assert operation.name == name and operation.method in ACCEPTED_METHODS
        assert operation.params_in in (QUERY, FORM, NONE) and operation.result
        assert not operation.paging or operation.many
        assert bool(operation.filter_keys) == bool(operation.filters)


def test_handler_names_follow_the_operation_names():
    assert OPERATIONS['ListProvisionedProductPlans'].handler_name == 'list_provisioned_product_plans'
    assert OPERATIONS['GetTask'].handler_name == 'get_task'


@pytest.mark.parametrize('method', ['GET', 'POST'])
def test_both_methods_are_accepted_and_logged(emulator, client, method):
    document = client.ok('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}, method=method)
    assert document['TaskDetail']['TaskId'] == 'task-bp1dmg242c0a01'
    entry = _last_entry(emulator)
    assert (entry['method'], entry['declared_method'], entry['params_in'], entry['declared_params_in']) == (method, 'POST', QUERY, FORM)


def test_form_body_is_logged_as_form(emulator, client):
    client.ok('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'})
    entry = _last_entry(emulator)
    assert (entry['method'], entry['params_in'], entry['declared_params_in']) == ('POST', FORM, FORM)
    assert entry['params']['TaskId'] == 'task-bp1dmg242c0a01'


def test_query_and_form_together(emulator, client):
    client.ok('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, body={'PageSize': '1'})
    assert _last_entry(emulator)['params_in'] == 'query+form'


def test_unknown_action_has_no_declaration(emulator, client):
    status, error = client.error('DeleteEverything', {})
    assert (status, error['Code']) == (404, 'InvalidAction.NotFound')
    entry = _last_entry(emulator)
    assert entry['declared_method'] is None and entry['params_in'] == NONE


def test_sts_requests_have_no_declaration(emulator, client):
    response = client.assume_role('acs:ram::1466115886170001:role/servicecatalog-reader')
    assert response.status_code == 200, response.text
    entry = _last_entry(emulator)
    assert (entry['service'], entry['method'], entry['declared_method']) == ('sts', 'GET', None)
