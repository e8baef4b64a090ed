# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""parse_endpoint: the endpoint rule and the option validation messages."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import parse_endpoint
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError


@pytest.mark.parametrize('region', ['cn-hangzhou', 'ap-southeast-1', 'us-west-1', 'cn-shanghai-finance-1'])
def test_default_regional_endpoint(region):
    host = 'servicecatalog.%s.aliyuncs.com' % region
    assert parse_endpoint(None, region) == ('https://' + host, host)
    assert parse_endpoint('', region) == ('https://' + host, host)


@pytest.mark.parametrize('endpoint, expected', [
    ('servicecatalog.cn-hangzhou.aliyuncs.com', ('https://servicecatalog.cn-hangzhou.aliyuncs.com', 'servicecatalog.cn-hangzhou.aliyuncs.com')),
    ('example.com:8443', ('https://example.com:8443', 'example.com:8443')),
    ('127.0.0.1:8080', ('https://127.0.0.1:8080', '127.0.0.1:8080')),
    ('http://127.0.0.1:8080', ('http://127.0.0.1:8080', '127.0.0.1:8080')),
    ('http://127.0.0.1:8080/', ('http://127.0.0.1:8080', '127.0.0.1:8080')),
    ('https://example.com', ('https://example.com', 'example.com')),
    ('http://localhost', ('http://localhost', 'localhost')),
    ('  http://localhost:1234  ', ('http://localhost:1234', 'localhost:1234')),
    ('[::1]', ('https://[::1]', '[::1]')),
    ('http://[::1]:8080', ('http://[::1]:8080', '[::1]:8080')),
    ('https://[2001:db8::1]:443', ('https://[2001:db8::1]:443', '[2001:db8::1]:443')),
])
def test_explicit_endpoints(endpoint, expected):
    # the region is irrelevant (and not validated) once an endpoint is given
    assert parse_endpoint(endpoint, None) == expected
    assert parse_endpoint(endpoint, 'not a region') == expected


@pytest.mark.parametrize('endpoint', [
    'example.com/path',
    'https://example.com/v1/',
    'https://example.com/?a=1',
    'example.com?Action=ListTasks',
    'https://example.com#fragment',
    'user@example.com',
    'https://user:pass@example.com',
    'https://@example.com',
    'ftp://example.com',
    'file:///etc/passwd',
    'ws://example.com',
    'https://',
    'http://:8080',
    '   ',
    'example.com:notaport',
    'example.com:99999',
    'example.com:-1',
    'example.com:0',
    'example.com:',
    'exa mple.com',
    'exa_mple.com',
    '-example.com',
    '[::1',
    'http://[not-ipv6]:80',
])
def test_bad_endpoints_rejected_naming_the_option(endpoint):
    with pytest.raises(ConfigError) as info:
        parse_endpoint(endpoint, 'cn-hangzhou')
    message = str(info.value)
    assert message.startswith('endpoint: ')
    assert '\n' not in message


def test_missing_region_names_option_and_env():
    with pytest.raises(ConfigError) as info:
        parse_endpoint(None, None)
    message = str(info.value)
    assert message.startswith('alicloud_region: ')
    for name in ('ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION'):
        assert name in message
    assert '\n' not in message


@pytest.mark.parametrize('region', ['hangzhou', 'CN-HANGZHOU', 'cn_hangzhou', 'cn-hangzhou.evil.com', 'cn-hangzhou/x',
                                    'cn-', 'c-hangzhou', 'cn-hangzhou:443', 'cn hangzhou'])
def test_bad_region_rejected(region):
    with pytest.raises(ConfigError) as info:
        parse_endpoint(None, region)
    assert str(info.value).startswith('alicloud_region: ')
    assert repr(region) in str(info.value)
