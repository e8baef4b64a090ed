# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Assume role (the "+" row of the chain) and the ECS RAM role (source 5) for a module, end to end: ``task_info``'s
``main()`` in this process, with its options and process environment, against a private emulator that serves STS
(the default role and a role that requires an external ID) and the ECS metadata service, and issues short-lived
credentials. The emulator's request log says which key signed, and which of its sources issued that key.

Assume role: every ``alicloud_assume_role_*`` option, alias and variable as it reaches AssumeRole, options over
variables, the external ID, STS errors with their RequestId, the settings refused before any call, renewal before
expiry during a wait. ECS role: the options and the three variables, IMDSv2, an option over a variable, errors, the
metadata service never asked without a role name or when disabled, assume role on top of it, renewal.

These cases ran through ansible-test in the ``credentials_assume_role`` and ``credentials_ecs_role`` targets (one
ansible-core task run per probe); the module reads its environment itself. The targets keep one case each through
ansible-core's ``environment:`` and the lookup (in the play and in a nested run).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re

import pytest

from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_credential_sources import (
    Setting, TASK, calls, issued, private_setting, probe,
)

from sc_emulator.signing import AccessKey, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # pylint: disable=import-error

DEFAULT_ROLE = 'acs:ram::1466115886170001:role/servicecatalog-reader'
EXT_ROLE = 'acs:ram::1466115886170001:role/ext-role'
EXT_ID = 'ext-123'
ECS_ROLE = 'servicecatalog-ecs-role'
ECS_PATH = '/latest/meta-data/ram/security-credentials/%s' % ECS_ROLE
DEMO_OUTPUTS = {'instance_id': 'i-bp1g6zv0ce8oghu7k5n1', 'PublicIP': '47.98.123.45', 'private_ip': '10.0.1.23'}
POLICY = {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': ['servicecatalog:Get*', 'servicecatalog:List*'], 'Resource': '*'}]}
# compact on purpose: a dict would be serialised with spaces, so equality proves the text went as given
POLICY_TEXT = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"servicecatalog:GetTask","Resource":"*"}]}'
BASE = {'alicloud_access_key': DEMO_ACCESS_KEY_ID, 'alicloud_secret_key': DEMO_ACCESS_KEY_SECRET}
BASE_ENV = {'ALIBABA_CLOUD_ACCESS_KEY_ID': DEMO_ACCESS_KEY_ID, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': DEMO_ACCESS_KEY_SECRET}
# Credentials the emulator issues last this long; the collection renews them when a fifth of it remains.
LIFETIME = 4


class Roles(Setting):
    def prepare(self):
        os.makedirs(self.home, mode=0o700)


@pytest.fixture(scope='module')
def setting(tmp_path_factory):
    yield from private_setting(Roles, tmp_path_factory, [AccessKey(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)],
                               roles=[DEFAULT_ROLE, '%s#%s' % (EXT_ROLE, EXT_ID)], credential_lifetime=LIFETIME, ecs_role=ECS_ROLE)


def assume(setting, monkeypatch, args=None, env=None):
    """A probe with the emulator as the STS endpoint (from the option) and the base key from options unless ``env``
    names the keys; ``args``/``env`` are added."""
    full = dict(BASE, sts_endpoint=setting.url) if not env or 'ALIBABA_CLOUD_ACCESS_KEY_ID' not in env else {}
    full.update(args or {})
    return probe(setting, monkeypatch, full, env, endpoints=False)


def one_sts_call(got, setting):
    """The only AssumeRole call of a probe, after checking the call succeeded and the role's key signed."""
    assert got.ran.rc == 0, got.ran.result
    assert got.ran.result['tasks'][0]['task_id'] == TASK
    sts = calls(got.log, 'sts')
    assert len(sts) == 1, sts
    assert sts[0]['status'] == 200 and sts[0]['access_key_id'] == DEMO_ACCESS_KEY_ID
    assert len(got.keys) == 1 and got.keys[0].startswith('STS.') and got.keys[0] in issued(setting, 'sts')
    return sts[0]


# -- assume role: what reaches STS ----------------------------------------------------------------------------------
def test_assume_role_with_the_defaults(setting, monkeypatch):
    got = assume(setting, monkeypatch, {'alicloud_assume_role_arn': DEFAULT_ROLE})
    call = one_sts_call(got, setting)
    assert got.ran.result['tasks'][0]['output_values'] == DEMO_OUTPUTS
    assert call['method'] == 'GET' and call['style'] == 'V1'
    params = call['params']
    assert (params['Action'], params['Version'], params['RoleArn'], params['RoleSessionName'], params['DurationSeconds']) == \
        ('AssumeRole', '2015-04-01', DEFAULT_ROLE, 'ansible-servicecatalog', '3600')
    assert 'Policy' not in params and 'ExternalId' not in params


def test_assume_role_aliases_session_expiration_and_a_policy_dict(setting, monkeypatch):
    got = assume(setting, monkeypatch, {'assume_role_arn': DEFAULT_ROLE, 'assume_role_session_name': 'itest-session.1@x',
                                        'assume_role_session_expiration': 900, 'assume_role_policy': POLICY})
    params = one_sts_call(got, setting)['params']
    assert params['RoleSessionName'] == 'itest-session.1@x' and params['DurationSeconds'] == '900'
    assert json.loads(params['Policy']) == POLICY


def test_assume_role_policy_text_goes_as_given(setting, monkeypatch):
    got = assume(setting, monkeypatch, {'alicloud_assume_role_arn': DEFAULT_ROLE, 'alicloud_assume_role_policy': POLICY_TEXT,
                                        'alicloud_assume_role_session_expiration': 43200})
    params = one_sts_call(got, setting)['params']
    assert params['Policy'] == POLICY_TEXT and params['DurationSeconds'] == '43200'


def test_assume_role_everything_from_the_environment(setting, monkeypatch):
    env = dict(BASE_ENV, ALICLOUD_ASSUME_ROLE_ARN=DEFAULT_ROLE, ALICLOUD_STS_ENDPOINT=setting.url,
               ALICLOUD_ASSUME_ROLE_SESSION_NAME='itest-env-session', ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION='1200',
               ALICLOUD_ASSUME_ROLE_POLICY=' ' + POLICY_TEXT)  # the collection strips the space ansible-core 2.16 needs
    params = one_sts_call(assume(setting, monkeypatch, env=env), setting)['params']
    assert (params['RoleArn'], params['RoleSessionName'], params['DurationSeconds'], params['Policy']) == \
        (DEFAULT_ROLE, 'itest-env-session', '1200', POLICY_TEXT)


def test_assume_role_options_win_over_the_variables(setting, monkeypatch):
    env = dict(BASE_ENV, ALICLOUD_ASSUME_ROLE_ARN='acs:ram::1466115886170001:role/no-such-role', ALICLOUD_STS_ENDPOINT='http://127.0.0.1:9',
               ALICLOUD_ASSUME_ROLE_SESSION_NAME='itest-env-session', ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION='100')
    got = assume(setting, monkeypatch, {'alicloud_assume_role_arn': DEFAULT_ROLE, 'alicloud_assume_role_session_name': 'itest-option-session',
                                        'alicloud_assume_role_session_expiration': 1800, 'sts_endpoint': setting.url}, env)
    params = one_sts_call(got, setting)['params']
    assert (params['RoleArn'], params['RoleSessionName'], params['DurationSeconds']) == (DEFAULT_ROLE, 'itest-option-session', '1800')


# -- external ID ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize('external_id', [None, 'ext-999'], ids=['without', 'another'])
def test_a_role_requiring_an_external_id_refuses_without_the_right_one(setting, monkeypatch, external_id):
    args = {'alicloud_assume_role_arn': EXT_ROLE}
    if external_id:
        args['alicloud_assume_role_external_id'] = external_id
    got = assume(setting, monkeypatch, args)
    error = got.ran.result['error']
    assert got.ran.rc == 1 and (error['code'], error['http_status'], error['action']) == ('NoPermission', 403, 'AssumeRole')
    assert re.search(r'^AssumeRole failed: HTTP 403 NoPermission: .*ExternalId', got.ran.result['msg'])
    assert re.search(r'RequestId: [0-9A-F-]{36}', got.ran.result['msg'])
    assert got.keys == []


@pytest.mark.parametrize('where', ['option', 'variable'])
def test_the_right_external_id_is_accepted_and_never_logged(setting, monkeypatch, where):
    args, env = {'alicloud_assume_role_arn': EXT_ROLE}, None
    if where == 'option':
        args['alicloud_assume_role_external_id'] = EXT_ID
    else:
        env = {'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID': EXT_ID}
    params = one_sts_call(assume(setting, monkeypatch, args, env), setting)['params']
    assert params['RoleArn'] == EXT_ROLE and params['ExternalId'] == '<redacted>'


def test_an_unknown_role_is_sts_error_with_its_request_id(setting, monkeypatch):
    got = assume(setting, monkeypatch, {'alicloud_assume_role_arn': 'acs:ram::1466115886170001:role/no-such-role'})
    sts = calls(got.log, 'sts')
    error = got.ran.result['error']
    assert got.ran.rc == 1 and len(sts) == 1
    assert (error['action'], error['code'], error['http_status'], error['request_id']) == \
        ('AssumeRole', 'EntityNotExist.Role', 404, sts[0]['request_id'])
    assert re.search(r'^AssumeRole failed: HTTP 404 EntityNotExist.Role: ', got.ran.result['msg'])
    assert 'RequestId: %s' % sts[0]['request_id'] in got.ran.result['msg']
    assert got.keys == [] and calls(got.log, 'servicecatalog') == []
    assert DEMO_ACCESS_KEY_SECRET not in got.ran.stdout


# args, env, msg (a regular expression)
REFUSED = [
    ({'alicloud_assume_role_arn': 'arn:aws:iam::123456789012:role/x'}, None,
     r"^alicloud_assume_role_arn: 'arn:aws:iam::123456789012:role/x' is not a RAM role ARN; expected acs:ram::<account ID>:role/<role name>"),
    ({'alicloud_assume_role_arn': 'acs:ram::1466115886170001:user/bob'}, None, r'^alicloud_assume_role_arn: .* is not a RAM role ARN'),
    ({}, {'ALICLOUD_ASSUME_ROLE_ARN': 'acs:ram:: 1466:role/x'}, r'^alicloud_assume_role_arn \(from ALICLOUD_ASSUME_ROLE_ARN\): .* is not a RAM role ARN'),
    ({'alicloud_assume_role_arn': DEFAULT_ROLE, 'alicloud_assume_role_session_expiration': 100}, None,
     r'^alicloud_assume_role_session_expiration: must be between 900 and 43200 seconds, got 100$'),
    ({'alicloud_assume_role_arn': DEFAULT_ROLE, 'alicloud_assume_role_session_expiration': 43201}, None,
     r'^alicloud_assume_role_session_expiration: must be between 900 and 43200 seconds, got 43201$'),
    ({'alicloud_assume_role_arn': DEFAULT_ROLE}, {'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION': 'soon'},
     r'^alicloud_assume_role_session_expiration \(from ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION\): must be a whole number'),
    ({'alicloud_assume_role_arn': DEFAULT_ROLE, 'alicloud_assume_role_policy': 'not json'}, None,
     r'^alicloud_assume_role_policy: must be a JSON policy document'),
    ({'alicloud_assume_role_arn': DEFAULT_ROLE, 'alicloud_assume_role_session_name': 'x'}, None,
     r"^alicloud_assume_role_session_name: 'x' is not a valid session name"),
    ({'alicloud_assume_role_arn': DEFAULT_ROLE, 'sts_endpoint': 'ftp://sts.example.com'}, None, r"^sts_endpoint: 'ftp://sts.example.com' is not valid"),
    ({'alicloud_assume_role_arn': DEFAULT_ROLE, 'sts_endpoint': None}, {'ALICLOUD_STS_ENDPOINT': 'http://127.0.0.1:9/path'},
     r"^sts_endpoint \(from ALICLOUD_STS_ENDPOINT\): 'http://127.0.0.1:9/path' is not valid"),
]


@pytest.mark.parametrize('args, env, msg', REFUSED, ids=[case[2].split(':')[0].lstrip('^') + '-%d' % n for n, case in enumerate(REFUSED)])
def test_assume_role_settings_refused_before_any_call(setting, monkeypatch, args, env, msg):
    got = probe(setting, monkeypatch, dict(BASE, **args), env, endpoints=False)
    assert got.ran.rc == 1 and 'error' not in got.ran.result, got.ran.result
    assert re.search(msg, got.ran.result['msg']), got.ran.result['msg']
    assert '\n' not in got.ran.result['msg'] and 'Traceback' not in got.ran.stdout
    assert got.log == []


# -- ECS RAM role ---------------------------------------------------------------------------------------------------
def ecs(setting, monkeypatch, args=None, env=None):
    """A probe with no keys: the ECS role's options and variables as given (no metadata URL unless they name one)."""
    return probe(setting, monkeypatch, args, env, endpoints=False)


def signed_by_the_ecs_role(got, setting):
    assert got.ran.rc == 0, got.ran.result
    assert got.ran.result['tasks'][0]['task_id'] == TASK
    metadata = calls(got.log, 'metadata')
    assert [(call['method'], call['path']) for call in metadata[:2]] == [('PUT', '/latest/api/token'), ('GET', ECS_PATH)]
    assert set(call['status'] for call in metadata) == {200}
    assert len(got.keys) == 1 and got.keys[0].startswith('STS.') and got.sources == ['metadata']
    return metadata


def test_ecs_role_from_the_options_through_imdsv2(setting, monkeypatch):
    got = ecs(setting, monkeypatch, {'ecs_role_name': ECS_ROLE, 'ecs_metadata_url': setting.url})
    signed_by_the_ecs_role(got, setting)
    assert got.ran.result['tasks'][0]['output_values'] == DEMO_OUTPUTS


def test_ecs_role_from_the_variables(setting, monkeypatch):
    signed_by_the_ecs_role(ecs(setting, monkeypatch, env={'ALICLOUD_ECS_ROLE_NAME': ECS_ROLE, 'ALICLOUD_ECS_METADATA_URL': setting.url}), setting)


def test_ecs_role_from_the_sdk_variable_and_the_url_as_host_port(setting, monkeypatch):
    got = ecs(setting, monkeypatch, {'ecs_metadata_url': setting.url.replace('http://', '')}, {'ALIBABA_CLOUD_ECS_METADATA': ECS_ROLE})
    signed_by_the_ecs_role(got, setting)


def test_ecs_role_option_beats_the_variable(setting, monkeypatch):
    got = ecs(setting, monkeypatch, {'role_name': ECS_ROLE}, {'ALICLOUD_ECS_ROLE_NAME': 'no-such-role', 'ALICLOUD_ECS_METADATA_URL': setting.url})
    assert signed_by_the_ecs_role(got, setting)[-1]['path'] == ECS_PATH


def test_ecs_role_the_instance_does_not_have(setting, monkeypatch):
    got = ecs(setting, monkeypatch, {'ecs_role_name': 'no-such-role', 'ecs_metadata_url': setting.url})
    error = got.ran.result['error']
    assert got.ran.rc == 1 and (error['action'], error['http_status']) == ('EcsRamRole', 404)
    assert re.search(r'^EcsRamRole failed: HTTP 404: the ECS metadata service at 127.0.0.1:[0-9]+ has no RAM role no-such-role',
                     got.ran.result['msg'])
    assert 'ecs_role_name' in got.ran.result['msg']
    assert calls(got.log, 'metadata')[-1]['path'] == '/latest/meta-data/ram/security-credentials/no-such-role'
    assert got.keys == []


@pytest.mark.parametrize('disabled', [False, True], ids=['no role name', 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'])
def test_the_metadata_service_is_never_asked(setting, monkeypatch, disabled):
    env = {'ALICLOUD_ECS_METADATA_URL': setting.url}
    if disabled:
        env.update(ALICLOUD_ECS_ROLE_NAME=ECS_ROLE, ALIBABA_CLOUD_ECS_METADATA_DISABLED='true')
    got = ecs(setting, monkeypatch, env=env)
    assert got.ran.rc == 1 and got.ran.result['msg'].startswith('no credentials found')
    if not disabled:
        assert 'ecs_role_name, ALICLOUD_ECS_ROLE_NAME or ALIBABA_CLOUD_ECS_METADATA' in got.ran.result['msg']
    assert got.log == []


def test_a_metadata_service_that_does_not_answer(setting, monkeypatch):
    got = ecs(setting, monkeypatch, {'ecs_role_name': ECS_ROLE, 'ecs_metadata_url': 'http://127.0.0.1:9'})
    error = got.ran.result['error']
    assert got.ran.rc == 1 and (error['code'], error['action']) == ('ConnectionRefused', 'EcsRamRole')
    assert 'is this an ECS instance' in got.ran.result['msg']


def test_a_malformed_metadata_url(setting, monkeypatch):
    got = ecs(setting, monkeypatch, {'ecs_role_name': ECS_ROLE, 'ecs_metadata_url': 'ftp://100.100.100.200'})
    assert got.ran.rc == 1 and re.search(r"^ecs_metadata_url: .ftp://100.100.100.200. is not valid", got.ran.result['msg'])
    assert got.log == []


def test_the_ecs_role_assumes_another_role(setting, monkeypatch):
    got = ecs(setting, monkeypatch, {'ecs_role_name': ECS_ROLE, 'ecs_metadata_url': setting.url, 'alicloud_assume_role_arn': DEFAULT_ROLE,
                                     'sts_endpoint': setting.url})
    sts = calls(got.log, 'sts')
    assert got.ran.rc == 0, got.ran.result
    assert len(sts) == 1 and sts[0]['status'] == 200 and sts[0]['access_key_id'] in issued(setting, 'metadata')
    assert got.sources == ['sts']


# -- renewal during a wait ------------------------------------------------------------------------------------------
@pytest.mark.parametrize('source', ['sts', 'metadata'])
def test_renewed_before_expiry_during_a_wait(setting, monkeypatch, source):
    """A task settling after 2.5 lifetimes: the credentials are fetched again before each expires (while the one before
    is still valid, not after a refusal), and no call is refused."""
    task = 'task-renew%s01' % source
    setting.control('seed', {
        'provisioned_products': [{'ProvisionedProductId': 'pp-renew%s01' % source, 'ProvisionedProductName': 'renew-%s' % source,
                                  'ProductId': 'prod-bp18r7q127a001'}],
        'tasks': [{'TaskId': task, 'ProvisionedProductId': 'pp-renew%s01' % source, 'TaskType': 'UpdateProvisionedProduct',
                   'Status': 'InProgress', 'Outputs': [{'OutputKey': 'renewed', 'OutputValue': 'yes', 'Description': 'Settled.'}],
                   '_SettleAfterSeconds': LIFETIME * 2.5}]})
    before = setting.control('credentials')[source]['issued']
    args = {'task_id': task, 'wait': True, 'wait_timeout': 40, 'wait_interval': 0.1}
    if source == 'sts':
        got = assume(setting, monkeypatch, dict(args, alicloud_assume_role_arn=DEFAULT_ROLE))
    else:
        got = ecs(setting, monkeypatch, dict(args, ecs_role_name=ECS_ROLE, ecs_metadata_url=setting.url))
    assert got.ran.rc == 0, got.ran.result
    assert got.ran.result['tasks'][0]['status'] == 'Succeeded' and got.ran.result['tasks'][0]['output_values'] == {'renewed': 'yes'}
    recent = setting.control('credentials')
    assert recent[source]['issued'] - before >= 2
    assert len(got.keys) >= 2 and set(got.sources) == {source}
    service_catalog = calls(got.log, 'servicecatalog')
    assert set(call['status'] for call in service_catalog) == {200}
    by_key = dict((entry['access_key_id'], entry) for entry in recent['recent'])
    for old, new in zip(got.keys, got.keys[1:]):
        assert by_key[new]['issued'] < by_key[old]['expiration'], (by_key[old], by_key[new])
