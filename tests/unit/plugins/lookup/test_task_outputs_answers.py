# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Trust nothing the server says, for the task_outputs lookup: the lookup as ansible-core's lookup loader gives it
(its options read by ansible-core's configuration), in this process, against the contract suite's emulator, whose
/_emulator/respond queue answers one action with what a broken server or a proxy may send.

Each of the lookup's three operations (GetTask by task, GetProvisionedProduct by provisioned product,
ListProvisionedProducts by name) gets every wrong shape for its declared result (the contract suite's ``shapes``)
and a 403 whose fields echo the secret key; GetTask gets the raw answers too (an HTML page, non-JSON, an empty or
truncated body, a bare 503). Each fails in one line naming the operation, the field and what was expected (or what
came back) and the RequestId, with no Python message and no secret, and reads exactly the queued answer.

These ran through ansible-test in the ``server_errors`` target (a debug task with the lookup and an assert per case,
on both cores); the target keeps what ansible-core does with a failing lookup and with a module's failure (the
error dict reaching the play), the on_denied modes and the retried 503s.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

import pytest

from ansible.errors import AnsibleError

from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import SECRET, with_fixtures
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_contract_answers import (
    PYTHON_WORDS, RAW, _echoing_denial, shapes,
)

# (target, action, terms, options): the lookup's three ways to its task
TARGETS = [
    ('by task', 'GetTask', ['task-itest00001'], {}),
    ('by provisioned product', 'GetProvisionedProduct', [], {'provisioned_product_id': 'pp-itest00001'}),
    ('by name', 'ListProvisionedProducts', [], {'provisioned_product_name': 'itest-web-01'}),
]
MALFORMED = [target + case for target in TARGETS for case in shapes(target[1])]


@pytest.fixture(scope='module')
def served():
    """The emulator with the demo data and the integration fixtures, as the contract suite's."""
    emulator = with_fixtures()
    yield emulator
    emulator.running.stop()


def answered(served, task_outputs, action, terms, options, answer):
    """The lookup's error for ``answer`` queued for ``action`` (no retries); checks that exactly that answer was read."""
    served.control('respond', {'clear': True, 'actions': [action], 'answers': [answer]})
    try:
        with pytest.raises(AnsibleError) as raised:
            task_outputs.run(terms, variables={}, retries=0, **dict(served.auth, **options))
        assert served.control('respond')['queued'] == 0, 'the lookup did not read the answer for %s' % action
    finally:
        served.control('respond', {'clear': True})
    msg = str(raised.value)
    assert '\n' not in msg.strip() and not PYTHON_WORDS.search(msg), msg
    assert ('%s failed: ' % action) in msg, msg
    assert SECRET not in msg
    return msg


@pytest.mark.parametrize('target, action, terms, options, label, body, field, expected', MALFORMED,
                         ids=['%s: %s' % (case[0], case[4]) for case in MALFORMED])
def test_a_malformed_answer_is_one_line_naming_the_field(served, task_outputs, target, action, terms, options, label, body, field,
                                                         expected):  # pylint: disable=unused-argument
    msg = answered(served, task_outputs, action, terms, options, {'status': 200, 'body': json.dumps(body)})
    assert 'InvalidResponse' in msg and 'RequestId: abc' in msg, msg
    assert ('%s is ' % field) in msg, msg
    assert expected is None or (', expected %s' % expected) in msg, msg


@pytest.mark.parametrize('target, action, terms, options', TARGETS, ids=[target[0] for target in TARGETS])
def test_a_denial_echoing_the_secret_shows_it_nowhere(served, task_outputs, target, action, terms, options):  # pylint: disable=unused-argument
    msg = answered(served, task_outputs, action, terms, options, {'status': 403, 'body': json.dumps(_echoing_denial(action))})
    assert 'NoPermission' in msg and '********' in msg and 'RequestId: abc' in msg, msg


@pytest.mark.parametrize('label, answer, status, code, words', RAW, ids=[raw[0] for raw in RAW])
def test_what_a_proxy_or_a_broken_server_answers_is_said_in_one_line(served, task_outputs, label, answer, status, code,
                                                                     words):  # pylint: disable=unused-argument
    msg = answered(served, task_outputs, 'GetTask', ['task-itest00001'], {}, answer)
    assert re.search('GetTask failed: ' + words, msg), msg
