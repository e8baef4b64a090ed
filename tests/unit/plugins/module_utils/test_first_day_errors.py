# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Errors a newcomer can act on: a wrong secret or clock says what to check, and a misspelt option is
named even when a required-one-of rule fails too."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json
import os
import sys
from unittest import mock

import pytest

from ansible.module_utils import basic

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.modules import task_info

try:  # ansible-core 2.19+
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19
    @contextlib.contextmanager
    def patch_module_args(args):
        with mock.patch.object(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')):
            yield

EMULATOR_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))), 'emulator')
if EMULATOR_DIR not in sys.path:
    sys.path.insert(0, EMULATOR_DIR)

from sc_emulator.server import start_in_thread  # noqa: E402  pylint: disable=import-error,wrong-import-position
from sc_emulator.signing import DEMO_ACCESS_KEY_ID  # noqa: E402  pylint: disable=import-error,wrong-import-position


def _error(code, status=400):
    return str(ServiceCatalogError(action='GetTask', status=status, code=code, message='The API said so.', request_id='RID-1'))


def test_signature_mismatch_says_to_check_the_secret():
    text = _error('SignatureDoesNotMatch')
    assert text.startswith('GetTask failed: HTTP 400 SignatureDoesNotMatch: The API said so; RequestId: RID-1; ')
    assert 'check the AccessKey secret' in text and 'clock' not in text


def test_time_skew_says_to_check_the_clock():
    assert "check this machine's clock" in _error('InvalidTimeStamp.Expired')
    assert "check this machine's clock" in _error('RequestTimeTooSkewed')


def test_unknown_key_says_to_check_the_id_and_other_codes_say_nothing_more():
    assert 'check the AccessKey ID' in _error('InvalidAccessKeyId.NotFound', 404)
    assert _error('EntityNotExist.Task', 404) == 'GetTask failed: HTTP 404 EntityNotExist.Task: The API said so; RequestId: RID-1'


def test_wrong_secret_against_the_emulator():
    running = start_in_thread()
    creds = StaticCredentialsProvider(Credentials(DEMO_ACCESS_KEY_ID, 'not-the-secret', None, 'test'))
    try:
        with ServiceCatalogClient(creds, endpoint=running.url, retries=0, connect_timeout=2, read_timeout=5) as client:
            with pytest.raises(ServiceCatalogError) as caught:
                client.get('GetTask', {'TaskId': 'task-x'})
    finally:
        running.stop()
    assert caught.value.code == 'SignatureDoesNotMatch'
    assert 'check the AccessKey secret' in str(caught.value) and 'not-the-secret' not in str(caught.value)


class Failed(Exception):
    pass


def _fail_message(args, monkeypatch):
    def fail_json(module, **kwargs):
        raise Failed(kwargs['msg'])
    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', fail_json)
    with patch_module_args(args):
        with pytest.raises(Failed) as caught:
            task_info.main()
    return str(caught.value)


def test_misspelt_option_named_before_the_required_one_of_rule(monkeypatch):
    msg = _fail_message({'task_idd': 'task-1'}, monkeypatch)
    assert msg.startswith('Unsupported parameters for ')
    assert ' module: task_idd. Supported parameters include: ' in msg
    assert msg.endswith('; and one of the following is required: task_id, task_ids, provisioned_product_id')


def test_other_argument_failures_unchanged(monkeypatch):
    assert _fail_message({}, monkeypatch) == 'one of the following is required: task_id, task_ids, provisioned_product_id'
    msg = _fail_message({'task_id': 'task-1', 'task_idd': 'x'}, monkeypatch)
    assert msg.startswith('Unsupported parameters for ') and '; and ' not in msg
