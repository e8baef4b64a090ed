# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Secrets never leak at the highest verbosity: every module's ``main()``, in this process, with a temporary (STS)
key whose secret and token are distinctive.

For every module: one item and a listing (as it has them), the API's not-found error, a spoiled secret and a
spoiled token; at verbosity 4 (``-vvvv``: the module adds its ``api_log``), without and with injected faults (30 %,
answers slower than the read time-out: retries are logged). Neither the secret nor the token may appear in what
the module prints (its result, ``invocation`` and ``api_log`` included), in anything written to the process's
stdout or stderr (the module's and the emulator's, which logs every request here), nor in the emulator's request
log. The same matrix ran as a nested ``ansible-playbook -vvvv`` per module in the ``secrets_verbose`` integration
target; what ansible-core itself does at -vvvv (printing the result, the lookup, keys from the environment) stays
there, with two modules and the lookup.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

import pytest

from ansible.module_utils.common.parameters import PASS_VARS

from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts
from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import ENTRIES, Emulator, entry_ids

from sc_emulator.data import load_demo  # pylint: disable=import-error
from sc_emulator.server import start_in_thread  # pylint: disable=import-error
from sc_emulator.signing import AccessKey  # pylint: disable=import-error
from sc_emulator.store import Store  # pylint: disable=import-error

LEAK_KEY_ID = 'STS.LeakTestKey0001'
LEAK_SECRET = 'LeakSecret-480213377-s3cr3t'
LEAK_TOKEN = 'LeakToken-771920845-t0k3n'
SCENARIOS = {
    'calm': {'rate': 0},
    'faulty': {'rate': 0.3, 'seed': 7, 'slow_seconds': 0.2},
}


@pytest.fixture(scope='module')
def leak_emulator():
    """A private emulator that knows only the distinctive STS key, seeded with the fixtures, verbose (it logs
    every request to stderr, as serve.py does for the integration targets)."""
    store = Store(load_demo())
    store.seed(module_facts.fixtures_dataset())
    running = start_in_thread(store, access_keys=[AccessKey(LEAK_KEY_ID, LEAK_SECRET, LEAK_TOKEN)], verbose=True)
    yield running
    running.stop()


def _cases(entry):
    """(label, args, expectation) of one module: what it reads, then its failures."""
    cases = [(kind, entry[kind], 'ok') for kind in ('one', 'listing') if kind in entry]
    some = entry.get('one', entry.get('listing'))
    if 'missing' in entry:
        cases.append(('missing', entry['missing'], entry['missing_code']))
    cases.append(('spoiled secret', dict(some, alicloud_secret_key=LEAK_SECRET + 'x'), 'SignatureDoesNotMatch'))
    cases.append(('spoiled token', dict(some, alicloud_security_token=LEAK_TOKEN + 'x'), 'InvalidSecurityToken'))
    return cases


def _control(running, path, body):
    return Emulator(running).control(path, body)


@pytest.mark.parametrize('scenario', sorted(SCENARIOS))
@pytest.mark.parametrize('entry', ENTRIES, ids=entry_ids(ENTRIES))
def test_no_secret_at_vvvv(leak_emulator, capfd, entry, scenario):
    conn = dict(alicloud_access_key=LEAK_KEY_ID, alicloud_secret_key=LEAK_SECRET, alicloud_security_token=LEAK_TOKEN,
                endpoint=leak_emulator.url, retries=8)
    # ansible-core 2.19+ adds the module's arguments (``invocation``) to the result only when asked (inject_invocation);
    # before, always
    if 'inject_invocation' in PASS_VARS:
        conn['_ansible_inject_invocation'] = True
    before = len(_control(leak_emulator, 'log', None))
    _control(leak_emulator, 'faults', SCENARIOS[scenario])
    try:
        runs = [(label, expected, run_module(entry['name'], dict(conn, **args), verbosity=4)) for label, args, expected in _cases(entry)]
    finally:
        _control(leak_emulator, 'faults', {'rate': 0})
    log = _control(leak_emulator, 'log', None)
    printed = capfd.readouterr()
    for label, expected, ran in runs:
        if expected == 'ok':
            assert ran.rc == 0 and entry['key'] in ran.result, (label, ran.result)
        else:
            assert ran.rc == 1 and expected in ran.stdout, (label, ran.result)
        assert 'api_log' in ran.result and 'invocation' in ran.result, (label, sorted(ran.result))
    assert len(log) > before
    if scenario == 'faulty':
        assert any(re.search(r'attempt \d+ failed with', line) for _l, _e, ran in runs for line in ran.result['api_log']), \
            [ran.result['api_log'] for _l, _e, ran in runs]
    everything = '\n'.join([ran.stdout for _l, _e, ran in runs] + [printed.out, printed.err, json.dumps(log)])
    assert LEAK_SECRET not in everything and LEAK_TOKEN not in everything
