# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one HTTP exchange: the write profile's rule, the retries option at every peer, no redirect followed."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import transport
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import (
    ARN, BASE_ID, BASE_SECRET, OIDC_PROVIDER_ARN, MetadataResponder, MetadataStub, StsResponder, UriResponder, write_token,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import (
    TOKEN, SleepRecorder, StubServer, answer, closed_port, error_answer, make_client,
)

OK_TASK = answer(200, {'RequestId': 'ok', 'TaskDetail': {'TaskId': 'task-1'}})


# -- the write profile: sent again only when it cannot have been executed -------------------------

@pytest.mark.parametrize('failure, code', [
    (lambda: answer(200, {'RequestId': 'late'}, delay=1.6), 'ReadTimeout'),
    (lambda: error_answer(500, 'InternalError'), 'InternalError'),
    (lambda: error_answer(503, 'ServiceUnavailable'), 'ServiceUnavailable'),
    (lambda: answer(502, '<html>Bad Gateway</html>', headers={'content-type': 'text/html'}), 'HTTP502'),
    (lambda: answer(drop=True), 'ConnectionError'),
])
@pytest.mark.parametrize('profile, sent', [('read', 2), ('write', 1)])
def test_a_write_that_may_have_reached_the_server_is_not_sent_again(stub, failure, code, profile, sent):
    stub.script(failure(), OK_TASK)
    # read_timeout 1 s: a loaded machine must not let the first request reach the stub after the second
    with make_client(stub.url, retries=3, read_timeout=1.0) as client:
        if sent == 1:
            with pytest.raises(ServiceCatalogError) as info:
                client.call('GetTask', {'TaskId': 'task-1'}, profile=profile)
            assert (info.value.code, info.value.attempts) == (code, 1)
            assert client.settings.sleep.delays == []
        else:
            assert client.call('GetTask', {'TaskId': 'task-1'}, profile=profile)['RequestId'] == 'ok'
    assert len(stub.requests) == sent


@pytest.mark.parametrize('failure', [
    error_answer(400, 'Throttling.User', 'Request was denied due to user flow control.'),
    error_answer(429, 'Throttling', 'Too many requests'),
    answer(429, 'slow down', headers={'content-type': 'text/plain'}),
])
def test_a_throttled_write_is_sent_again(stub, failure):
    stub.script(failure, OK_TASK)
    with make_client(stub.url, retries=3) as client:
        assert client.call('GetTask', {'TaskId': 'task-1'}, profile='write')['RequestId'] == 'ok'
    assert len(stub.requests) == 2


def test_a_refused_write_is_sent_again():
    with make_client('http://127.0.0.1:%d' % closed_port(), retries=2) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('GetTask', {'TaskId': 'task-1'}, profile='write')
    assert (info.value.code, info.value.attempts, client.attempts) == ('ConnectionRefused', 3, 3)


@pytest.mark.parametrize('code, status, retryable, retried', [
    ('ConnectionRefused', None, True, True),
    ('ConnectTimeout', None, True, True),
    ('NameResolutionError', None, False, False),  # not sent, but it does not heal by itself
    ('Throttling.User', 400, True, True),
    ('Throttling', 503, True, True),
    ('HTTP429', 429, True, True),
    ('ReadTimeout', None, True, False),
    ('ConnectionError', None, True, False),
    ('ProxyError', None, True, False),
    ('InternalError', 500, True, False),
    ('ServiceUnavailable', 503, True, False),
    ('InvalidResponse', 200, True, False),
    ('InvalidParameter', 400, False, False),
])
def test_the_write_rule(code, status, retryable, retried):
    err = ServiceCatalogError('CreateSomething', status, code, 'm', retryable=retryable)
    assert transport.PROFILES['write'].retry_if(err) is retried
    assert transport.PROFILES['read'].retry_if(err) is retryable


# -- the retries option reaches STS, the metadata service and the credentials URI ---------------

def _fails(status=503):
    return error_answer(status, 'ServiceUnavailable', 'busy') if status != 500 else answer(500, 'oops')


PEERS = ('sts', 'oidc', 'metadata', 'uri')


@pytest.fixture
def peer_setup(request, home, tmp_path, clock):
    """``(server, provider factory taking options, answer that fails)`` for the peer named by the parameter."""
    kind = request.param
    server = (MetadataStub if kind == 'metadata' else StubServer)().start()
    request.addfinalizer(server.stop)
    environ = {'HOME': str(home)}
    if kind == 'sts':
        options = {'alicloud_access_key': BASE_ID, 'alicloud_secret_key': BASE_SECRET, 'alicloud_assume_role_arn': ARN,
                   'sts_endpoint': server.url}
        server.responder = StsResponder(clock)
    elif kind == 'oidc':
        options = {'oidc_role_arn': ARN, 'oidc_provider_arn': OIDC_PROVIDER_ARN, 'oidc_token_file': write_token(tmp_path / 'token'),
                   'sts_endpoint': server.url}
        server.responder = StsResponder(clock)
    elif kind == 'metadata':
        options = {'ecs_role_name': 'EcsRole', 'ecs_metadata_url': server.url}
        server.responder = MetadataResponder(clock)
    else:
        options = {'credentials_uri': server.url + '/credentials'}
        server.responder = UriResponder(clock)

    def provider(extra):
        return resolve_credentials(dict(options, **extra), environ, clock=clock, sleep=SleepRecorder())
    return server, provider, kind


def _first_path(server):
    return server.requests[0].path


@pytest.mark.parametrize('peer_setup', PEERS, indirect=True)
@pytest.mark.parametrize('retries', [0, 3])
def test_retries_option_reaches_every_peer(peer_setup, retries):
    server, provider, kind = peer_setup
    server.script(*[_fails(500 if kind in ('metadata', 'uri') else 503)] * 8)
    with pytest.raises(CredentialError) as info:
        provider({'retries': retries}).get()
    assert info.value.attempts == retries + 1
    assert len(server.requests) == retries + 1
    assert len(set(r.path for r in server.requests)) == 1  # the same request each time (the token PUT for metadata)


@pytest.mark.parametrize('peer_setup', PEERS, indirect=True)
def test_retries_option_lets_every_peer_recover(peer_setup):
    server, provider, kind = peer_setup
    server.script(*[_fails(500 if kind in ('metadata', 'uri') else 503)] * 3)
    creds = provider({'retries': 3}).get()
    assert creds.access_key_id.startswith('STS.')
    assert len(server.requests) == 4 + (1 if kind == 'metadata' else 0)  # metadata: PUT x 4, then the GET


# -- no redirect is followed, by any request -----------------------------------------------------

QUERY_SECRET = 'qUeRy-SeCrEt-0a1b2c3d'


@pytest.fixture
def capture():
    """Where the redirects point: it must receive nothing."""
    with StubServer() as server:
        yield server


def _redirect(capture, status=302):
    return answer(status, '', headers={'Location': '%s/steal?token=%s' % (capture.url, QUERY_SECRET)})


def _check_redirect(err, capture, action, status=302):
    text = str(err)
    assert '\n' not in text
    assert text.startswith('%s failed: HTTP %d Redirect: ' % (action, status))
    assert 'a redirect to %s,' % capture.host in text
    assert QUERY_SECRET not in text and '/steal' not in text and TOKEN not in text
    assert (err.status, err.code, err.attempts, err.retryable) == (status, 'Redirect', 1, False)
    assert capture.requests == []


@pytest.mark.parametrize('status', [301, 302, 303, 307, 308])
@pytest.mark.parametrize('action, params', [('GetTask', {'TaskId': 'task-1'}), ('ListProvisionedProducts', {})])
def test_service_catalog_redirect_not_followed(stub, capture, status, action, params):
    stub.script(_redirect(capture, status))
    with make_client(stub.url, token=TOKEN, retries=3) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call(action, params)
    _check_redirect(info.value, capture, action, status)
    assert len(stub.requests) == 1


@pytest.mark.parametrize('peer_setup', PEERS, indirect=True)
def test_peer_redirect_not_followed(peer_setup, capture):
    server, provider, kind = peer_setup
    server.script(_redirect(capture, 307))
    with pytest.raises(CredentialError) as info:
        provider({'retries': 3, 'alicloud_security_token': TOKEN} if kind == 'sts' else {'retries': 3}).get()
    action = {'sts': 'AssumeRole', 'oidc': 'AssumeRoleWithOIDC', 'metadata': 'EcsRamRole', 'uri': 'CredentialsURI'}[kind]
    _check_redirect(info.value, capture, action, 307)
    assert len(server.requests) == 1


def test_redirect_without_a_host_names_the_endpoint(stub):
    stub.script(answer(302, '', headers={'Location': '/elsewhere?token=%s' % QUERY_SECRET}))
    with make_client(stub.url) as client:
        with pytest.raises(ServiceCatalogError) as info:
            client.call('GetTask', {'TaskId': 'task-1'})
    assert 'a redirect within %s,' % stub.host in str(info.value) and QUERY_SECRET not in str(info.value)
    assert len(stub.requests) == 1
