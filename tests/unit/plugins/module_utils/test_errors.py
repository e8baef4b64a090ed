# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Error documents, odd answers and transport failures become one-line ServiceCatalogError texts."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import warnings

import os

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import (
    answer, check_v3, closed_port, error_answer, make_client,
)

DENIED = {'AuthAction': 'servicecatalog:ListTasks', 'AuthPrincipalDisplayName': 'alice', 'PolicyType': 'AccountLevelIdentityBasedPolicy',
          'NoPermissionType': 'ImplicitDeny'}


def _fail(stub, *answers, **kwargs):
    stub.script(*answers)
    with make_client(stub.url, **kwargs) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {'ProvisionedProductId': 'pp-1'})
    return info.value


def _one_line(err):
    text = str(err)
    assert '\n' not in text and '\r' not in text
    return text


def test_json_error_document(stub):
    err = _fail(stub, answer(400, {'Code': 'InvalidParameter', 'Message': 'PageSize is out of range', 'RequestId': 'req-1',
                                   'HostId': 'servicecatalog.cn-hangzhou.aliyuncs.com',
                                   'Recommend': 'https://api.aliyun.com/troubleshoot?q=InvalidParameter'}))
    assert (err.action, err.status, err.code, err.message, err.request_id) == (
        'ListTasks', 400, 'InvalidParameter', 'PageSize is out of range', 'req-1')
    assert err.host_id == 'servicecatalog.cn-hangzhou.aliyuncs.com'
    assert err.recommend == 'https://api.aliyun.com/troubleshoot?q=InvalidParameter'
    assert err.access_denied_detail is None
    assert not err.retryable and not err.not_found and not err.access_denied
    assert err.attempts == 1
    text = _one_line(err)
    assert text == ('ListTasks failed: HTTP 400 InvalidParameter: PageSize is out of range; RequestId: req-1; '
                    'Recommend: https://api.aliyun.com/troubleshoot?q=InvalidParameter')
    assert err.to_dict() == {
        'action': 'ListTasks', 'http_status': 400, 'code': 'InvalidParameter', 'message': 'PageSize is out of range',
        'request_id': 'req-1', 'host_id': 'servicecatalog.cn-hangzhou.aliyuncs.com',
        'recommend': 'https://api.aliyun.com/troubleshoot?q=InvalidParameter', 'attempts': 1}
    assert len(stub.requests) == 1 and check_v3(stub.requests[0]) == []


def test_access_denied_detail_in_text_and_dict(stub):
    err = _fail(stub, error_answer(403, 'Forbidden.RAM', 'User not authorized to operate on the specified resource.',
                                   'req-403', AccessDeniedDetail=DENIED))
    assert err.status == 403 and err.code == 'Forbidden.RAM' and err.access_denied and not err.not_found
    assert err.access_denied_detail == DENIED
    text = _one_line(err)
    # the action denied first; the opaque EncodedDiagnosticMessage only in the error dict
    assert ('AccessDeniedDetail: AuthAction=servicecatalog:ListTasks, NoPermissionType=ImplicitDeny, '
            'PolicyType=AccountLevelIdentityBasedPolicy, AuthPrincipalDisplayName=alice') in text
    assert 'authorized to operate on the specified resource; RequestId: req-403' in text
    assert err.to_dict()['access_denied_detail'] == DENIED
    assert len(stub.requests) == 1


def test_request_id_from_header_when_body_lacks_it(stub):
    err = _fail(stub, answer(400, {'Code': 'MissingProvisionedProductId', 'Message': 'missing'},
                             headers={'x-acs-request-id': 'hdr-req-7'}))
    assert err.request_id == 'hdr-req-7'
    assert 'RequestId: hdr-req-7' in str(err)


def test_request_id_in_body_preferred(stub):
    err = _fail(stub, answer(400, {'Code': 'X', 'Message': 'm', 'RequestId': 'body-req'},
                             headers={'x-acs-request-id': 'hdr-req'}))
    assert err.request_id == 'body-req'


def test_error_without_code_gets_http_code(stub):
    err = _fail(stub, answer(400, {'Message': 'no code here'}))
    assert err.code == 'HTTP400' and err.message == 'no code here'


def test_html_502(stub):
    html = '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>\n'
    err = _fail(stub, answer(502, html, headers={'content-type': 'text/html', 'x-acs-request-id': 'gw-1'}))
    assert err.status == 502 and err.code == 'HTTP502' and err.request_id == 'gw-1'
    text = _one_line(err)
    assert 'text/html' in text and '502 Bad Gateway' in text and '<' not in text


def test_empty_body(stub):
    err = _fail(stub, answer(500, b''))
    assert err.code == 'HTTP500' and 'empty body' in _one_line(err)


def test_truncated_json(stub):
    err = _fail(stub, answer(400, '{"Code": "InvalidParameter", "Mess'))
    assert err.code == 'HTTP400'
    assert 'truncated or invalid JSON' in _one_line(err)


@pytest.mark.parametrize('body, content_type, words', [
    ('<html><body>Welcome to the captive portal</body></html>', 'text/html', ['non-JSON', 'captive portal']),
    ('', 'application/json', ['empty body']),
    ('[1, 2', 'application/json', ['truncated or invalid JSON']),
    ('["a", "list"]', 'application/json', ['JSON']),
    ('"just a string"', 'application/json', ['non-JSON']),
])
def test_non_json_200(stub, body, content_type, words):
    err = _fail(stub, answer(200, body, headers={'content-type': content_type}))
    assert err.status == 200 and err.code == 'InvalidResponse'
    text = _one_line(err)
    assert 'HTTP 200' in text and 'without a JSON document' in text
    for word in words:
        assert word in text


def test_multiline_api_message_is_still_one_line(stub):
    err = _fail(stub, error_answer(400, 'InvalidParameter', 'first line\nsecond line'))
    assert 'first line' in str(err) and 'second line' in str(err)
    # an API message with a newline must not break the one-line rule of module errors
    _one_line(err)


@pytest.mark.parametrize('status, code, expected', [
    (404, 'EntityNotExist.Task', True),
    (400, 'EntityNotExist.ProvisionedProduct', True),
    (404, 'InvalidTask.NotFound', True),
    (400, 'InvalidPlan.NotFound', True),
    (404, 'SomethingElse', True),
    (404, 'InvalidAccessKeyId.NotFound', False),
    (404, 'InvalidAction.NotFound', False),
    (400, 'InvalidParameter', False),
    (403, 'Forbidden.RAM', False),
])
def test_not_found(status, code, expected):
    err = ServiceCatalogError('GetTask', status, code, 'm')
    assert err.not_found is expected


def test_not_found_from_the_wire(stub):
    err = _fail(stub, error_answer(404, 'EntityNotExist.Task', 'The task does not exist.'))
    assert err.not_found and err.status == 404
    err = _fail(stub, error_answer(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'))
    assert not err.not_found


def test_to_dict_leaves_out_none():
    err = ServiceCatalogError('GetTask', None, 'ConnectionRefused', 'refused')
    assert err.to_dict() == {'action': 'GetTask', 'code': 'ConnectionRefused', 'message': 'refused', 'attempts': 1}
    assert str(err) == 'GetTask failed: ConnectionRefused: refused'


# -- transport failures --------------------------------------------------------------------------

def _transport(endpoint, **kwargs):
    with make_client(endpoint, **kwargs) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('ListTasks', {'ProvisionedProductId': 'pp-1'})
    err = info.value
    assert err.status is None
    _one_line(err)
    return err


def test_connection_refused():
    port = closed_port()
    err = _transport('http://127.0.0.1:%d' % port)
    assert err.code == 'ConnectionRefused'
    assert '127.0.0.1:%d' % port in str(err)


def test_name_resolution_failure():
    err = _transport('http://servicecatalog.no-such-host.invalid:8080', connect_timeout=2)
    assert err.code == 'NameResolutionError'
    assert 'servicecatalog.no-such-host.invalid' in str(err) and 'endpoint' in str(err)
    assert not err.retryable


def test_read_timeout(stub):
    stub.script(answer(200, {'RequestId': 'late'}, delay=1.0))
    err = _transport(stub.url, read_timeout=0.2)
    assert err.code == 'ReadTimeout'
    assert '0.2' in str(err)


def test_connection_dropped(stub):
    stub.script(answer(drop=True))
    err = _transport(stub.url)
    assert err.code == 'ConnectionError' and err.retryable


def test_https_to_a_plain_http_port_says_so(stub):
    err = _transport(stub.url.replace('http://', 'https://'))
    assert err.code == 'TLSError' and not err.retryable
    assert str(err) == ('ListTasks failed: TLSError: TLS handshake with %s failed: the server does not speak TLS on that port '
                        '(plain HTTP? then write http:// in the address)' % stub.url[len('http://'):])


def test_tls_failure_with_untrusted_certificate(tls_stub):
    tls_stub.script(answer(200, {'RequestId': 'never'}))
    err = _transport(tls_stub.url)
    assert err.code == 'TLSError' and not err.retryable
    assert 'validate_certs' in str(err) and 'ca_bundle' in str(err)
    assert tls_stub.requests == []


def test_tls_trusted_through_ca_bundle(tls_stub, tls_files):
    tls_stub.script(answer(200, {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}))
    with make_client(tls_stub.url, ca_bundle=tls_files[0]) as client:
        assert client.call('ListTasks', {}) == {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}
    assert check_v3(tls_stub.requests[0]) == []


def test_tls_without_validation(tls_stub):
    tls_stub.script(answer(200, {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        with make_client(tls_stub.url, validate_certs=False) as client:
            assert client.call('ListTasks', {}) == {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}


@pytest.fixture
def other_ca_in_env(monkeypatch, tmp_path):
    """REQUESTS_CA_BUNDLE naming a CA file that does not trust the stub's certificate."""
    import ssl
    paths = ssl.get_default_verify_paths()
    system = paths.cafile or paths.openssl_cafile
    if not system or not os.path.isfile(system):
        pytest.skip('no system CA file')
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', system)
    return system


def test_ca_bundle_wins_over_requests_ca_bundle(tls_stub, tls_files, other_ca_in_env):
    tls_stub.script(answer(200, {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}))
    with make_client(tls_stub.url, ca_bundle=tls_files[0]) as client:
        assert client.call('ListTasks', {}) == {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}


def test_validate_certs_false_wins_over_requests_ca_bundle(tls_stub, other_ca_in_env):
    tls_stub.script(answer(200, {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        with make_client(tls_stub.url, validate_certs=False) as client:
            assert client.call('ListTasks', {}) == {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}


def test_requests_ca_bundle_used_without_ca_bundle(tls_stub, tls_files, monkeypatch):
    tls_stub.script(answer(200, {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}))
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', tls_files[0])
    with make_client(tls_stub.url) as client:
        assert client.call('ListTasks', {}) == {'RequestId': 'ok', 'TaskDetails': [], 'TotalCount': 0}
