# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""provisioned_product_info ``name``: a product's name given instead of an instance's says so (against the
emulator's demo data, in-process), and the module's examples name real instances."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest
import yaml

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.modules import provisioned_product_info

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))), 'emulator')
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from sc_emulator.data import load_demo  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.server import start_in_thread  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.signing import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.store import Store  # noqa: E402  pylint: disable=import-error,wrong-import-position

INFO = provisioned_product_info.INFO
DEMO_NAMES = [item['ProvisionedProductName'] for item in load_demo()['provisioned_products']]


@pytest.fixture(scope='module')
def client():
    running = start_in_thread(Store(load_demo()))
    creds = StaticCredentialsProvider(Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, None, 'test'))
    try:
        with ServiceCatalogClient(creds, endpoint=running.url, retries=0, connect_timeout=2, read_timeout=5) as api:
            yield api
    finally:
        running.stop()


def _run(client, **options):
    params = dict((name, None) for name in INFO.spec)
    params.update(options)
    return INFO.execute(INFO.plan(params), client, params)


def test_product_name_as_name_warns_naming_its_instances(client):
    result, warnings = _run(client, name='DEMO-ECS instance', access_level_filter='Account')
    assert result['provisioned_products'] == [] and result['total_count'] == 0
    assert warnings == ["name: no provisioned product is named 'DEMO-ECS instance', but a product is: its provisioned products here "
                        "are web-server-prod, web-server-staging; name is a provisioned product's own name "
                        "(full_text_search also finds product names)"]


def test_no_warning_when_the_name_matches_or_is_nobody_s(client):
    result, warnings = _run(client, name='WEB-SERVER-PROD', access_level_filter='Account')
    assert [item['provisioned_product_name'] for item in result['provisioned_products']] == ['web-server-prod'] and warnings == []
    result, warnings = _run(client, name='no-such-thing', access_level_filter='Account')
    assert result['provisioned_products'] == [] and warnings == []


def test_example_names_a_provisioned_product():
    names = [task['alicloud.servicecatalog.provisioned_product_info']['name'] for task in yaml.safe_load(provisioned_product_info.EXAMPLES)
             if 'name' in (task.get('alicloud.servicecatalog.provisioned_product_info') or {})]
    assert names and all(name in DEMO_NAMES for name in names)
