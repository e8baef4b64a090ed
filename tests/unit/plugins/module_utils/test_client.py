# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the client puts on the wire, checked against an in-thread stub server."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import transport as transport_mod
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.operations import OPERATIONS
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import (
    ACCESS_KEY_ID, SECRET, TOKEN, answer, check_v3, make_client,
)

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))

# A valid answer to every declared operation: each result key with an empty value of its type.
OK = dict([('RequestId', 'req-ok'), ('TotalCount', 0)] + [
    (op.result_key, {'object': {}, 'list': [], 'text': ''}[op.result_type]) for op in OPERATIONS.values()])


def test_query_operation_request(stub):
    stub.script(answer(200, {'RequestId': 'r1', 'TaskDetails': [], 'TotalCount': 0}))
    with make_client(stub.url) as client:
        doc = client.call('ListTasks', {'ProvisionedProductId': 'pp-1', 'PageSize': 10, 'SortBy': None,
                                        'Filter': u'a b*~/\u00e9'})
    assert doc == {'RequestId': 'r1', 'TaskDetails': [], 'TotalCount': 0}
    [req] = stub.requests
    assert req.method == 'POST' and req.path == '/'
    assert req.query == {'ProvisionedProductId': 'pp-1', 'PageSize': '10', 'Filter': u'a b*~/\u00e9'}
    assert req.raw_query == 'Filter=a%20b%2A~%2F%C3%A9&PageSize=10&ProvisionedProductId=pp-1'
    assert req.body == b''
    assert 'content-type' not in req.headers
    assert req.headers['host'] == stub.host
    assert req.headers['x-acs-action'] == 'ListTasks'
    assert req.headers['x-acs-version'] == '2021-09-01'
    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', req.headers['x-acs-date'])
    assert req.headers['x-acs-signature-nonce']
    assert req.headers['accept'] == 'application/json'
    assert check_v3(req) == []


@pytest.mark.parametrize('action, params', [
    ('GetTask', {'TaskId': 'task-abc'}),
    ('GetProvisionedProductPlan', {'PlanId': 'plan-1', 'Extra': 'x y&z'}),
])
def test_body_operation_request(stub, action, params):
    assert OPERATIONS[action].body
    stub.script(answer(200, OK))
    with make_client(stub.url) as client:
        client.call(action, params)
    [req] = stub.requests
    assert req.method == 'POST' and req.path == '/' and req.raw_query == ''
    assert req.headers['content-type'] == 'application/x-www-form-urlencoded'
    assert req.form == params
    assert 'content-type' in req.headers['authorization'].split('SignedHeaders=')[1].split(',')[0].split(';')
    assert check_v3(req) == []


def test_parameter_values_on_the_wire(stub):
    stub.script(answer(200, OK), answer(200, OK))
    with make_client(stub.url) as client:
        client.call('ListTasks', {'PageNumber': 2, 'Active': True, 'Other': False, 'Ratio': 0.5, 'Skipped': None})
        client.call('GetTask', {'TaskId': 't', 'Active': False})
    assert stub.requests[0].query == {'PageNumber': '2', 'Active': 'true', 'Other': 'false', 'Ratio': '0.5'}
    assert stub.requests[1].form == {'TaskId': 't', 'Active': 'false'}


def test_get_task_body_bytes(stub):
    stub.script(answer(200, {'TaskDetail': {'TaskId': 'task-abc'}}))
    with make_client(stub.url) as client:
        assert client.get('GetTask', {'TaskId': 'task-abc'}) == {'TaskId': 'task-abc'}
    assert stub.requests[0].body == b'TaskId=task-abc'


@pytest.mark.parametrize('action', sorted(a for a in OPERATIONS if not OPERATIONS[a].body))
def test_query_operations_have_no_body(stub, action):
    stub.script(answer(200, OK))
    with make_client(stub.url) as client:
        client.call(action, {'Id': 'x'})
    [req] = stub.requests
    assert req.method == OPERATIONS[action].method
    assert req.query == {'Id': 'x'} and req.body == b'' and check_v3(req) == []


def test_body_operation_without_params_sends_no_body(stub):
    stub.script(answer(200, OK))
    with make_client(stub.url) as client:
        client.call('GetTask', {})
    [req] = stub.requests
    assert req.body == b'' and 'content-type' not in req.headers and check_v3(req) == []


def test_security_token_only_with_token(stub):
    stub.script(answer(200, OK), answer(200, OK))
    with make_client(stub.url) as client:
        client.call('ListTasks', {'ProvisionedProductId': 'pp'})
    with make_client(stub.url, token=TOKEN) as client:
        client.call('ListTasks', {'ProvisionedProductId': 'pp'})
    plain, sts = stub.requests
    assert 'x-acs-security-token' not in plain.headers
    assert 'x-acs-security-token' not in plain.headers['authorization']
    assert sts.headers['x-acs-security-token'] == TOKEN
    assert 'x-acs-security-token' in sts.headers['authorization']
    assert check_v3(plain) == [] and check_v3(sts) == []


def test_secret_never_on_the_wire(stub):
    stub.script(answer(200, OK))
    with make_client(stub.url, token=TOKEN) as client:
        client.call('GetTask', {'TaskId': 't'})
    [req] = stub.requests
    wire = json.dumps([req.path, req.raw_query, req.headers, req.body.decode('utf-8')])
    assert SECRET not in wire
    assert 'Credential=%s,' % ACCESS_KEY_ID in req.headers['authorization']


def test_wrong_secret_is_detected_by_the_checker(stub):
    # the independent checker really checks: a request signed with another secret fails it
    stub.script(answer(200, OK))
    with make_client(stub.url, secret='another-secret') as client:
        client.call('ListTasks', {'ProvisionedProductId': 'pp'})
    assert check_v3(stub.requests[0]) == ['signature mismatch']


def test_user_agent(stub):
    stub.script(answer(200, OK))
    with make_client(stub.url) as client:
        client.call('ListTasks', {})
    agent = stub.requests[0].headers['user-agent']
    assert agent.startswith('alicloud.servicecatalog/%s ' % transport_mod.COLLECTION_VERSION)
    assert 'ansible-core/' in agent and 'python/' in agent and 'requests/' in agent


def test_one_session_keeps_connections_alive(stub):
    stub.script(*[answer(200, OK) for dummy in range(3)])
    with make_client(stub.url) as client:
        sessions = set()
        for dummy in range(3):
            client.call('ListTasks', {})
            sessions.add(id(client.session))
        assert len(sessions) == 1
        assert client.attempts == 3


def _manifest_version():
    galaxy = os.path.join(COLLECTION_ROOT, 'galaxy.yml')
    if os.path.isfile(galaxy):
        import yaml
        with open(galaxy) as handle:
            return yaml.safe_load(handle)['version']
    manifest = os.path.join(COLLECTION_ROOT, 'MANIFEST.json')
    if os.path.isfile(manifest):
        with open(manifest) as handle:
            return json.load(handle)['collection_info']['version']
    return None


def test_collection_version_matches_galaxy_yml():
    version = _manifest_version()
    if version is None:
        pytest.skip('neither galaxy.yml nor MANIFEST.json next to the tests')
    assert transport_mod.COLLECTION_VERSION == str(version)
