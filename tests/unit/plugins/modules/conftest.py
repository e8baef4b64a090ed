# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The contract suite's emulator: the real one (tests/emulator), in this process, with the integration fixtures.

One emulator serves the whole session (demo data plus templates/fixtures.json.j2 of setup_sc_fixtures, as
the integration targets see it). A test that changes it through its control endpoints (deny rules, canned
answers, faults, mutation) uses ``emulator.control`` and leaves it clean: the ``emulator`` fixture checks that
no deny rule, canned answer or fault is left after each test.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json
import os
import sys

import pytest

try:
    from urllib.request import ProxyHandler, Request, build_opener
except ImportError:  # pragma: no cover - Python 2 is not supported
    raise

from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts
from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module

EMULATOR_DIR = os.path.join(module_facts.ROOT, 'tests', 'emulator')
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from sc_emulator.data import load_demo  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.server import start_in_thread  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.signing import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.store import Store  # noqa: E402  pylint: disable=import-error,wrong-import-position

ENTRIES = module_facts.entries()
SECRET = DEMO_ACCESS_KEY_SECRET


def entry_ids(entries):
    return [entry['name'] for entry in entries]


class Emulator:
    """The running emulator: ``url``, ``auth`` (options every call needs), ``control(path, body)``, ``run(...)``."""

    def __init__(self, running):
        self.running = running
        self.url = running.url
        self.auth = dict(alicloud_access_key=DEMO_ACCESS_KEY_ID, alicloud_secret_key=DEMO_ACCESS_KEY_SECRET, endpoint=self.url)
        self._opener = build_opener(ProxyHandler({}))

    def control(self, path, body=None):
        """GET (no body) or POST JSON to /_emulator/<path>; the decoded answer."""
        data = None if body is None else json.dumps(body).encode('utf-8')
        request = Request('%s/_emulator/%s' % (self.url, path), data=data, headers={'Content-Type': 'application/json'})
        with self._opener.open(request, timeout=10) as answer:
            return json.loads(answer.read().decode('utf-8'))

    def log(self):
        return self.control('log')

    def run(self, entry, args, check_mode=False, verbosity=0, auth=True, diff=False):
        """The module of ``entry`` with ``args`` (plus the connection options unless auth=False)."""
        return run_module(entry['name'], dict(self.auth, **args) if auth else dict(args), check_mode=check_mode, verbosity=verbosity,
                          diff=diff)


@contextlib.contextmanager
def on_demo_data(make=Emulator, store=None):
    """A private emulator on the demo data (or on ``store``), as ``make(running)``, its request log empty; stopped
    when the block ends."""
    running = start_in_thread(store if store is not None else Store(load_demo()))
    try:
        made = make(running)
        made.control('log/clear', {})
        yield made
    finally:
        running.stop()


def with_fixtures():
    """A running emulator with the demo data and the integration fixtures (``stop()`` it when done)."""
    store = Store(load_demo())
    store.seed(module_facts.fixtures_dataset())
    return Emulator(start_in_thread(store))


@pytest.fixture(scope='session')
def _running():
    served = with_fixtures()
    yield served
    served.running.stop()


@pytest.fixture
def emulator(_running):
    yield _running
    left = (_running.control('deny')['rules'], _running.control('respond')['queued'], _running.control('faults')['rate'])
    if left != ([], 0, 0):
        _running.control('deny', {'clear': True})
        _running.control('respond', {'clear': True})
        _running.control('faults', {'rate': 0})
        pytest.fail('the test left deny rules, canned answers or faults behind: %r' % (left,))
