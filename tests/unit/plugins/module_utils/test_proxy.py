# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Proxies come from the standard environment variables (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.proxy_server import ProxyServer
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import answer, check_v3, closed_port, make_client

OK = answer(200, {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0})


@pytest.mark.parametrize('variable', ['HTTP_PROXY', 'http_proxy', 'ALL_PROXY'])
def test_http_endpoint_through_proxy(stub, monkeypatch, variable):
    stub.script(OK)
    with ProxyServer() as proxy:
        monkeypatch.setenv(variable, proxy.url)
        with make_client(stub.url) as client:
            assert client.call('ListTasks', {'ProvisionedProductId': 'pp-1'})['RequestId'] == 'ok'
    assert [method for method, _target in proxy.seen] == ['POST']
    assert proxy.seen[0][1].startswith(stub.url + '/?')
    # the signature covers the Host the endpoint names, which the proxy keeps
    assert check_v3(stub.requests[0]) == []


def test_https_endpoint_tunnels_through_proxy(tls_stub, tls_files, monkeypatch):
    tls_stub.script(OK)
    with ProxyServer() as proxy:
        monkeypatch.setenv('HTTPS_PROXY', proxy.url)
        with make_client(tls_stub.url, ca_bundle=tls_files[0]) as client:
            assert client.call('ListTasks', {'ProvisionedProductId': 'pp-1'})['RequestId'] == 'ok'
    assert proxy.seen == [('CONNECT', tls_stub.host)]
    assert check_v3(tls_stub.requests[0]) == []


def test_no_proxy_bypasses_the_proxy(stub, monkeypatch):
    stub.script(OK)
    with ProxyServer() as proxy:
        monkeypatch.setenv('HTTP_PROXY', proxy.url)
        monkeypatch.setenv('NO_PROXY', '127.0.0.1')
        with make_client(stub.url) as client:
            client.call('ListTasks', {})
    assert proxy.seen == []
    assert len(stub.requests) == 1


def test_unreachable_proxy_is_a_clear_error(stub, monkeypatch):
    monkeypatch.setenv('HTTP_PROXY', 'http://127.0.0.1:%d' % closed_port())
    with make_client(stub.url) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert info.value.code in ('ProxyError', 'ConnectionRefused')
    assert 'proxy' in str(info.value).lower()
    assert '\n' not in str(info.value)
    assert stub.requests == []


def test_proxy_password_never_in_the_error(stub, monkeypatch):
    monkeypatch.setenv('HTTP_PROXY', 'http://proxyuser:Pr0xyPassw0rd@127.0.0.1:%d' % closed_port())
    with make_client(stub.url) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {})
    assert 'Pr0xyPassw0rd' not in str(info.value)
    assert 'Pr0xyPassw0rd' not in repr(info.value.to_dict())
