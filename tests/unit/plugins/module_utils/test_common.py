# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""common.py: document conversion, option validation helpers, client_from_options, wait_for."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import common
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import DEFAULT_RETRIES
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, WaitTimeout


# -- snake_case ----------------------------------------------------------------------------------

@pytest.mark.parametrize('name, expected', [
    ('RequestId', 'request_id'),
    ('TotalCount', 'total_count'),
    ('TaskId', 'task_id'),
    ('ProvisionedProductId', 'provisioned_product_id'),
    ('LastSuccessfulProvisioningTaskId', 'last_successful_provisioning_task_id'),
    ('ProvisionedProductArn', 'provisioned_product_arn'),
    ('TemplateUrl', 'template_url'),
    ('Uid', 'uid'),
    ('Log', 'log'),
    ('RAMRoleName', 'ram_role_name'),
    ('Status', 'status'),
])
def test_camel_to_snake(name, expected):
    assert common.camel_to_snake(name) == expected


TASK = {
    'TaskId': 'task-1',
    'Status': 'Succeeded',
    'TaskTags': [{'Key': 'CostCenter', 'Value': 'cc-1'}, {'Key': 'owner_Name', 'Value': 'Ops Team'}],
    'Parameters': [{'ParameterKey': 'InstanceType', 'ParameterValue': 'ecs.g6.large'},
                   {'ParameterKey': 'my_param-Key', 'ParameterValue': 'KeepMe'}],
    'Outputs': [{'OutputKey': 'VpcId', 'OutputValue': 'vpc-123', 'Description': 'The VPC'},
                {'OutputKey': 'DB_Endpoint', 'OutputValue': 'rm-1.mysql.rds.aliyuncs.com'}],
    'Log': {'TerraformLogs': [{'Command': 'apply', 'Content': 'Apply complete! Resources: 1 added.', 'Stream': 'stdout'}]},
}


def test_snake_case_task_document():
    assert common.snake_case(TASK) == {
        'task_id': 'task-1',
        'status': 'Succeeded',
        'task_tags': {'CostCenter': 'cc-1', 'owner_Name': 'Ops Team'},
        'parameters': [{'parameter_key': 'InstanceType', 'parameter_value': 'ecs.g6.large'},
                       {'parameter_key': 'my_param-Key', 'parameter_value': 'KeepMe'}],
        'parameter_values': {'InstanceType': 'ecs.g6.large', 'my_param-Key': 'KeepMe'},
        'outputs': [{'output_key': 'VpcId', 'output_value': 'vpc-123', 'description': 'The VPC'},
                    {'output_key': 'DB_Endpoint', 'output_value': 'rm-1.mysql.rds.aliyuncs.com'}],
        'output_values': {'VpcId': 'vpc-123', 'DB_Endpoint': 'rm-1.mysql.rds.aliyuncs.com'},
        'log': {'terraform_logs': [{'command': 'apply', 'content': 'Apply complete! Resources: 1 added.', 'stream': 'stdout'}]},
    }


def test_snake_case_lists_nested_and_tags():
    doc = {'RequestId': 'r', 'TotalCount': 1, 'ProvisionedProductDetails': [
        {'ProvisionedProductId': 'pp-1', 'Tags': [{'Key': 'Env', 'Value': 'Prod'}], 'Parameters': [], 'Outputs': None}]}
    assert common.snake_case(doc) == {'request_id': 'r', 'total_count': 1, 'provisioned_product_details': [
        {'provisioned_product_id': 'pp-1', 'tags': {'Env': 'Prod'}, 'parameters': [], 'parameter_values': {}, 'outputs': None}]}
    assert common.snake_case([1, 'x', None]) == [1, 'x', None]
    assert common.snake_case({'Tags': []}) == {'tags': {}}


def test_snake_case_does_not_change_its_input():
    import copy
    original = copy.deepcopy(TASK)
    common.snake_case(TASK)
    assert TASK == original


def test_outputs_dict_keeps_case_and_skips_non_dicts():
    assert common.outputs_dict([{'OutputKey': 'MixedCase_Key', 'OutputValue': 'V'}, 'junk']) == {'MixedCase_Key': 'V'}
    assert common.outputs_dict(None) == {}


# -- filter_params, sort_params, paging, require_text -------------------------------------------

def test_filter_params_numbering_multi_values_and_none():
    params = common.filter_params([('FullTextSearch', None), ('ProductId', 'prod-1'), ('Status', []),
                                   ('Status', ['Available', 'Error']), ('Name', ('a', 'b', 'c'))])
    assert params == {
        'Filters.1.Key': 'ProductId', 'Filters.1.Value': 'prod-1',
        'Filters.2.Key': 'Status', 'Filters.2.Value': 'Available,Error',
        'Filters.3.Key': 'Name', 'Filters.3.Value': 'a,b,c',
    }
    assert common.filter_params([]) == {}
    assert common.filter_params([('A', None)]) == {}


@pytest.mark.parametrize('options, expected', [
    ({}, {'SortBy': None}),
    ({'sort_by': 'CreateTime'}, {'SortBy': 'CreateTime'}),
    ({'sort_order': 'asc'}, {'SortBy': 'CreateTime', 'SortOrder': 'Asc'}),
    ({'sort_by': 'CreateTime', 'sort_order': 'desc'}, {'SortBy': 'CreateTime', 'SortOrder': 'Desc'}),
])
def test_sort_params(options, expected):
    assert common.sort_params(options) == expected


def test_sort_order_rejected_naming_option():
    with pytest.raises(ConfigError) as info:
        common.sort_params({'sort_order': 'sideways'})
    assert str(info.value).startswith('sort_order: ')


@pytest.mark.parametrize('options, expected', [
    ({}, (None, None)),
    ({'page_number': 1, 'page_size': 1}, (1, 1)),
    ({'page_number': 7, 'page_size': 100}, (7, 100)),
    ({'page_size': 50}, (None, 50)),
])
def test_paging_accepted(options, expected):
    assert common.paging(options) == expected


@pytest.mark.parametrize('options, option', [
    ({'page_size': 0}, 'page_size'),
    ({'page_size': 101}, 'page_size'),
    ({'page_size': -5}, 'page_size'),
    ({'page_number': 0}, 'page_number'),
    ({'page_number': -1, 'page_size': 10}, 'page_number'),
])
def test_paging_bounds(options, option):
    with pytest.raises(ConfigError) as info:
        common.paging(options)
    message = str(info.value)
    assert message.startswith(option + ': ')
    assert str(options[option]) in message


def test_require_text():
    assert common.require_text({'task_id': ' task-1 '}, 'task_id') == 'task-1'
    assert common.require_text({}, 'task_id') is None
    assert common.require_text({'task_id': None}, 'task_id') is None
    for blank in ('', '   ', '\t\n'):
        with pytest.raises(ConfigError) as info:
            common.require_text({'task_id': blank}, 'task_id')
        assert str(info.value) == 'task_id: must not be empty'


# -- client_from_options -------------------------------------------------------------------------

BASE = {'alicloud_access_key': 'id', 'alicloud_secret_key': 'secret', 'endpoint': 'http://127.0.0.1:9'}


def _build(options, environ=None):
    client = common.client_from_options(options, environ={} if environ is None else environ)
    client.close()
    return client


def test_client_from_options_defaults():
    client = _build(dict(BASE))
    assert client.retries == DEFAULT_RETRIES
    assert client.timeout == (common.DEFAULT_CONNECT_TIMEOUT, common.DEFAULT_READ_TIMEOUT)
    assert client.session.verify is True
    assert (client.base_url, client.host) == ('http://127.0.0.1:9', '127.0.0.1:9')


@pytest.mark.parametrize('retries', [0, 50])
def test_client_from_options_retries_bounds_accepted(retries):
    assert _build(dict(BASE, retries=retries)).retries == retries


@pytest.mark.parametrize('retries', [-1, 51, 1000])
def test_client_from_options_retries_bounds_rejected(retries):
    with pytest.raises(ConfigError) as info:
        _build(dict(BASE, retries=retries))
    assert str(info.value).startswith('retries: ')


@pytest.mark.parametrize('name', ['connect_timeout', 'read_timeout'])
@pytest.mark.parametrize('value', [0, -1, -0.5])
def test_client_from_options_timeouts_rejected(name, value):
    with pytest.raises(ConfigError) as info:
        _build(dict(BASE, **{name: value}))
    assert str(info.value).startswith(name + ': ')


def test_client_from_options_timeouts_used():
    assert _build(dict(BASE, connect_timeout=1.5, read_timeout=7)).timeout == (1.5, 7.0)


def test_client_from_options_ca_bundle(tmp_path):
    missing = str(tmp_path / 'missing.pem')
    with pytest.raises(ConfigError) as info:
        _build(dict(BASE, ca_bundle=missing))
    assert str(info.value).startswith('ca_bundle: ') and missing in str(info.value)
    bundle = tmp_path / 'ca.pem'
    bundle.write_text(u'-----BEGIN CERTIFICATE-----\n')
    assert _build(dict(BASE, ca_bundle=str(bundle))).session.verify == str(bundle)
    assert _build(dict(BASE, ca_bundle=str(bundle), validate_certs=False)).session.verify is False
    assert _build(dict(BASE, validate_certs=False)).session.verify is False


def test_client_from_options_endpoint_and_region_from_environment():
    env = {'ALICLOUD_SERVICECATALOG_ENDPOINT': 'http://127.0.0.1:8', 'ALIBABA_CLOUD_ACCESS_KEY_ID': 'i',
           'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 's'}
    assert _build({}, env).host == '127.0.0.1:8'
    # the option beats the environment
    assert _build({'endpoint': 'http://127.0.0.1:7'}, env).host == '127.0.0.1:7'
    client = _build({'alicloud_access_key': 'i', 'alicloud_secret_key': 's'}, {'ALICLOUD_REGION': 'cn-beijing'})
    assert client.base_url == 'https://servicecatalog.cn-beijing.aliyuncs.com'
    assert client.region == 'cn-beijing'


def test_client_from_options_reports_credential_and_region_problems():
    with pytest.raises(ConfigError) as info:
        _build({'endpoint': 'http://127.0.0.1:9'})
    assert 'no credentials found' in str(info.value)
    with pytest.raises(ConfigError) as info:
        _build({'alicloud_access_key': 'i', 'alicloud_secret_key': 's'})
    assert str(info.value).startswith('alicloud_region: ')


# -- wait_for ------------------------------------------------------------------------------------

class FakeTime:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def _pending(item):
    return item['Status'] == 'InProgress'


def test_wait_for_returns_when_settled():
    fake = FakeTime()
    states = iter([{'Status': 'InProgress'}, {'Status': 'InProgress'}, {'Status': 'Succeeded', 'n': 3}])
    item = common.wait_for(lambda: next(states), _pending, {'wait_timeout': 60, 'wait_interval': 5}, 'task t',
                           clock=fake.clock, sleep=fake.sleep)
    assert item == {'Status': 'Succeeded', 'n': 3}
    assert fake.sleeps == [5, 5]


def test_wait_for_settled_at_once_does_not_sleep():
    fake = FakeTime()
    item = common.wait_for(lambda: {'Status': 'Failed'}, _pending, {'wait_timeout': 0, 'wait_interval': 5}, 'task t',
                           clock=fake.clock, sleep=fake.sleep)
    assert item == {'Status': 'Failed'} and fake.sleeps == []


def test_wait_for_timeout_raises_with_last_item():
    fake = FakeTime()
    calls = []

    def fetch():
        calls.append(1)
        return {'Status': 'InProgress', 'call': len(calls)}

    with pytest.raises(WaitTimeout) as info:
        common.wait_for(fetch, _pending, {'wait_timeout': 12, 'wait_interval': 5}, 'task task-9',
                        clock=fake.clock, sleep=fake.sleep)
    assert info.value.item == {'Status': 'InProgress', 'call': len(calls)}
    assert 'task task-9' in str(info.value) and 'InProgress' in str(info.value)
    assert str(info.value).startswith('wait_timeout: ')
    assert fake.sleeps == [5, 5, 2]  # never sleeps past the deadline
    assert len(calls) == 4


@pytest.mark.parametrize('options, option', [
    ({'wait_timeout': -1, 'wait_interval': 5}, 'wait_timeout'),
    ({'wait_timeout': None, 'wait_interval': 5}, 'wait_timeout'),
    ({'wait_timeout': 10, 'wait_interval': 0}, 'wait_interval'),
])
def test_wait_for_validates_options(options, option):
    with pytest.raises(ConfigError) as info:
        common.wait_for(lambda: {'Status': 'x'}, _pending, options, 'x')
    assert str(info.value).startswith(option + ': ')
