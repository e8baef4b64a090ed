"""Fixtures of the emulator tests: an in-process emulator on a free port (demo data) and signed clients."""
from __future__ import annotations

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from emu_client import Client  # noqa: E402  pylint: disable=wrong-import-position
from emu_support import ALICE_KEY, DEMO_KEY_ID, DEMO_SECRET, TEST_KEYS, demo_dataset  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.server import start_in_thread  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.store import Store  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope='session')
def emulator_server():
    running = start_in_thread(Store(demo_dataset()), access_keys=TEST_KEYS)
    yield running
    running.stop()


@pytest.fixture
def emulator(emulator_server):
    """The shared emulator, reset to the demo dataset and with an empty request log."""
    emulator_server.store.reset()
    emulator_server.server.request_log.clear()
    return emulator_server


@pytest.fixture
def client(emulator):
    return Client(emulator.url, DEMO_KEY_ID, DEMO_SECRET)


@pytest.fixture
def alice(emulator):
    return Client(emulator.url, ALICE_KEY.access_key_id, ALICE_KEY.secret)


@pytest.fixture(scope='session')
def generated_emulator():
    """An emulator over 2,000 generated instances (no demo data)."""
    running = start_in_thread(Store({}, generate=2000), access_keys=TEST_KEYS)
    yield running
    running.stop()


@pytest.fixture
def gen_client(generated_emulator):
    return Client(generated_emulator.url, DEMO_KEY_ID, DEMO_SECRET)
