"""Signature tests: the worked vectors of wire-protocol.md, and every rejection over HTTP."""
from __future__ import annotations

import hashlib
import json
import uuid

import pytest

import emu_client
from emu_support import ALICE_KEY, DEMO_KEY_ID, DEMO_SECRET, EXPIRED_STS_KEY, OTHER_STS_KEY, SECRETS_AND_TOKENS, STS_KEY
from emu_client import Client
from sc_emulator import signing
from sc_emulator.signing import AccessKey, KeyRing, Verifier

HOST = 'servicecatalog.cn-hangzhou.aliyuncs.com'
VECTOR_TIME = signing.parse_timestamp('2026-01-01T00:00:00Z')
EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

VECTORS_V3 = [
    pytest.param(
        {'ProvisionedProductId': 'pp-abc', 'PageSize': '10'}, b'',
        {'host': HOST, 'x-acs-action': 'ListTasks', 'x-acs-version': '2021-09-01', 'x-acs-date': '2026-01-01T00:00:00Z',
         'x-acs-signature-nonce': 'nonce-1'},
        'POST\n/\nPageSize=10&ProvisionedProductId=pp-abc\nhost:servicecatalog.cn-hangzhou.aliyuncs.com\nx-acs-action:ListTasks\n'
        f'x-acs-content-sha256:{EMPTY}\nx-acs-date:2026-01-01T00:00:00Z\nx-acs-signature-nonce:nonce-1\nx-acs-version:2021-09-01\n\n'
        f'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{EMPTY}',
        '7ce615280c868f05ccf9a32b8a504182d4d9779bb83b2480dc8167ade79dfb8f',
        '1a890c82d43dce4d51c18be49cbecf75c7b4a20d06b99b8d24c87083981d4048', id='V3-1'),
    pytest.param(
        {}, b'TaskId=task-abc',
        {'host': HOST, 'x-acs-action': 'GetTask', 'x-acs-version': '2021-09-01', 'x-acs-date': '2026-01-01T00:00:00Z',
         'x-acs-signature-nonce': 'nonce-2', 'content-type': 'application/x-www-form-urlencoded', 'x-acs-security-token': 'sts-token-xyz'},
        'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:servicecatalog.cn-hangzhou.aliyuncs.com\nx-acs-action:GetTask\n'
        'x-acs-content-sha256:607432fcd086a6347bd7a02c50876e8c4abd5e01acdbb05ca9af9cbd1ad13a5c\nx-acs-date:2026-01-01T00:00:00Z\n'
        'x-acs-security-token:sts-token-xyz\nx-acs-signature-nonce:nonce-2\nx-acs-version:2021-09-01\n\n'
        'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version\n'
        '607432fcd086a6347bd7a02c50876e8c4abd5e01acdbb05ca9af9cbd1ad13a5c',
        'a4318015cc89c170d7aeaf11a8ca7d01cdc991f6ebaa9a5834c4e3c3e81e283a',
        '65cf33d85dc527581edb7bc80ca1ec6d0ac47d627990aa3d24a472d4b8618673', id='V3-2'),
    pytest.param(
        {'Filters.1.Key': 'FullTextSearch', 'Filters.1.Value': 'DEMO ECS*~/é+&=', 'PageNumber': '2'}, b'',
        {'host': HOST, 'x-acs-action': 'ListProvisionedProducts', 'x-acs-version': '2021-09-01', 'x-acs-date': '2026-01-01T00:00:00Z',
         'x-acs-signature-nonce': 'nonce-3'},
        'POST\n/\nFilters.1.Key=FullTextSearch&Filters.1.Value=DEMO%20ECS%2A~%2F%C3%A9%2B%26%3D&PageNumber=2\n'
        'host:servicecatalog.cn-hangzhou.aliyuncs.com\nx-acs-action:ListProvisionedProducts\n'
        f'x-acs-content-sha256:{EMPTY}\nx-acs-date:2026-01-01T00:00:00Z\nx-acs-signature-nonce:nonce-3\nx-acs-version:2021-09-01\n\n'
        f'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{EMPTY}',
        '2aa668ce162a4d45beb1bb2941efb47cd26f993813edb615e523c3e34010bfe9',
        '5c6d196c793228564fc90c3ce04a94956549e0ce11d374aea7cfdea222c084e4', id='V3-3'),
]

V1_PARAMS = {'Action': 'ListTasks', 'Version': '2021-09-01', 'Format': 'JSON', 'AccessKeyId': 'testid', 'SignatureMethod': 'HMAC-SHA1',
             'SignatureVersion': '1.0', 'SignatureNonce': 'nonce-1', 'SignatureType': '', 'Timestamp': '2026-01-01T00:00:00Z',
             'ProvisionedProductId': 'pp-abc', 'PageSize': '10'}
V1_STRING_TO_SIGN = ('POST&%2F&AccessKeyId%3Dtestid%26Action%3DListTasks%26Format%3DJSON%26PageSize%3D10%26ProvisionedProductId%3Dpp-abc'
                     '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dnonce-1%26SignatureType%3D%26SignatureVersion%3D1.0'
                     '%26Timestamp%3D2026-01-01T00%253A00%253A00Z%26Version%3D2021-09-01')
V1_SIGNATURE = 'VjKspOKKgfDPFk6VlLSB1DCiM/c='


def _vector_verifier(token: str | None = None) -> Verifier:
    keys = KeyRing([AccessKey('testid', 'testsecret', token)])
    return Verifier(keys, clock=lambda: VECTOR_TIME)


def _with_hash(headers: dict, body: bytes) -> dict:
    result = dict(headers)
    result['x-acs-content-sha256'] = hashlib.sha256(body).hexdigest()
    return result


# -- worked vectors ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('query, body, headers, canonical, string_hash, signature', VECTORS_V3)
def test_v3_vector_emulator_canonicalisation(query, body, headers, canonical, string_hash, signature):
    headers = _with_hash(headers, body)
    signed = sorted(headers)
    got = signing.v3_canonical_request('POST', '/', list(query.items()), headers, signed, headers['x-acs-content-sha256'])
    assert got == canonical
    string_to_sign = signing.v3_string_to_sign(got)
    assert string_to_sign == f'ACS3-HMAC-SHA256\n{string_hash}'
    assert signing.v3_signature('testsecret', string_to_sign) == signature


@pytest.mark.parametrize('query, body, headers, canonical, string_hash, signature', VECTORS_V3)
def test_v3_vector_test_signer(query, body, headers, canonical, string_hash, signature):
    headers = _with_hash(headers, body)
    got = emu_client.canonical_request_v3('POST', query, headers, sorted(headers), headers['x-acs-content-sha256'])
    assert got == canonical
    assert emu_client.sign_v3('testsecret', got) == (f'ACS3-HMAC-SHA256\n{string_hash}', signature)


@pytest.mark.parametrize('query, body, headers, canonical, string_hash, signature', VECTORS_V3)
def test_v3_vector_passes_the_verifier(query, body, headers, canonical, string_hash, signature):
    headers = _with_hash(headers, body)
    headers['authorization'] = f'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders={";".join(sorted(headers))},Signature={signature}'
    form = [('TaskId', 'task-abc')] if body else []
    verified = _vector_verifier(headers.get('x-acs-security-token')).verify('POST', '/', list(query.items()), form, headers, body)
    assert (verified.access_key_id, verified.action, verified.version, verified.style) == ('testid', headers['x-acs-action'], '2021-09-01', 'V3')


def test_v1_vector():
    assert signing.v1_string_to_sign('POST', V1_PARAMS.items()) == V1_STRING_TO_SIGN
    assert signing.v1_signature('testsecret', V1_STRING_TO_SIGN) == V1_SIGNATURE
    assert emu_client.string_to_sign_v1('POST', V1_PARAMS) == V1_STRING_TO_SIGN
    assert emu_client.sign_v1('testsecret', V1_STRING_TO_SIGN) == V1_SIGNATURE
    params = list(V1_PARAMS.items()) + [('Signature', V1_SIGNATURE)]
    verified = _vector_verifier().verify('POST', '/', params, [], {}, b'')
    assert (verified.access_key_id, verified.action, verified.style) == ('testid', 'ListTasks', 'V1')


def test_v3_vector_with_changed_byte_is_rejected():
    body, headers = VECTORS_V3[0].values[1:3]
    headers = _with_hash(headers, body)
    signature = VECTORS_V3[0].values[5]
    headers['authorization'] = f'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders={";".join(sorted(headers))},Signature={signature}'
    with pytest.raises(signing.ApiError) as info:
        _vector_verifier().verify('POST', '/', [('ProvisionedProductId', 'pp-abd'), ('PageSize', '10')], [], headers, body)
    assert info.value.code == 'SignatureDoesNotMatch'
    assert 'testsecret' not in info.value.message


def test_access_key_parsing():
    assert AccessKey.parse('ID:SECRET') == AccessKey('ID', 'SECRET')
    key = AccessKey.parse('STS.x:sec:tok:2030-01-01T00:00:00Z')
    assert (key.security_token, key.token_expiration) == ('tok', signing.parse_timestamp('2030-01-01T00:00:00Z'))
    assert 's3cr3tvalue' not in repr(AccessKey.parse('ID:s3cr3tvalue'))
    for bad in ('ID', ':SECRET', 'ID:', 'ID:S::2030-01-01T00:00:00Z', 'ID:S:T:yesterday'):
        with pytest.raises(ValueError):
            AccessKey.parse(bad)


def test_nonce_cache_is_bounded():
    cache = signing.NonceCache(window=10, max_entries=3)
    assert all(cache.use('k', f'n{i}', 100.0) for i in range(5))
    assert len(cache) == 3
    assert not cache.use('k', 'n4', 101.0)
    assert cache.use('k', 'n4', 200.0)  # the window has passed


# -- success over HTTP --------------------------------------------------------------------------------------------------

def test_v3_get_and_post_and_body_params(client):
    assert client.ok('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'})['TaskDetail']['TaskId'] == 'task-bp1dmg242c0a01'
    assert client.ok('GetTask', query={'TaskId': 'task-bp1dmg242c0a01'})['TaskDetail']['TaskId'] == 'task-bp1dmg242c0a01'
    assert client.ok('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, method='GET')['TotalCount'] == 2


def test_v3_percent_encoded_filter_value(client):
    doc = client.ok('ListProvisionedProducts', emu_client.filters(('FullTextSearch', 'DEMO ECS*~/é+&=')))
    assert doc['TotalCount'] == 0


def test_v1_calls(emulator):
    v1 = Client(emulator.url, DEMO_KEY_ID, DEMO_SECRET)
    response = v1.call_v1('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01', 'PageSize': 1})
    assert response.status_code == 200, response.text
    assert response.json()['PageSize'] == 1
    response = v1.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}, in_body=True)
    assert response.status_code == 200, response.text
    response = v1.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}, method='GET')
    assert response.status_code == 200, response.text
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token)
    assert sts.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}).status_code == 200


def test_v1_rejections(emulator):
    v1 = Client(emulator.url, DEMO_KEY_ID, DEMO_SECRET)
    response = v1.call_v1('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, secret='wrong')
    assert (response.status_code, response.json()['Code']) == (400, 'SignatureDoesNotMatch')
    assert 'server string to sign is:POST&%2F&AccessKeyId' in response.json()['Message']
    nonce = uuid.uuid4().hex
    assert v1.call_v1('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, nonce=nonce).status_code == 200
    response = v1.call_v1('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, nonce=nonce)
    assert response.json()['Code'] == 'SignatureNonceUsed'
    response = v1.call_v1('ListTasks', {}, date=emu_client.utc_now(-16 * 60))
    assert response.json()['Code'] == 'InvalidTimeStamp.Expired'
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token)
    response = sts.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}, secret='wrong')
    assert response.json()['Code'] == 'SignatureDoesNotMatch'
    assert STS_KEY.security_token not in response.text and STS_KEY.secret not in response.text
    response = v1.session.post(f'{emulator.url}/?Action=ListTasks&Version=2021-09-01&Signature=abc')
    assert (response.status_code, response.json()['Code']) == (400, 'MissingAccessKeyId')


# -- rejections over HTTP -------------------------------------------------------------------------------------------

def _assert_error(response, status, code):
    assert response.status_code == status, response.text
    doc = response.json()
    assert doc['Code'] == code
    assert set(doc) == {'Code', 'Message', 'RequestId', 'HostId', 'Recommend'}
    assert response.headers['x-acs-request-id'] == doc['RequestId']
    assert response.headers['Content-Type'] == 'application/json;charset=utf-8'
    assert doc['Recommend'] == f'https://api.aliyun.com/troubleshoot?q={code}&product=servicecatalog&requestId={doc["RequestId"]}'
    for value in SECRETS_AND_TOKENS:
        assert value not in response.text
    return doc


def test_wrong_secret(client):
    doc = _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, secret='not-the-secret'),
                        400, 'SignatureDoesNotMatch')
    assert 'server string to sign is:ACS3-HMAC-SHA256\n' in doc['Message']


def test_unknown_key(client):
    _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'x'}, key_id='LTAI5tNoSuchKey'), 404, 'InvalidAccessKeyId.NotFound')


@pytest.mark.parametrize('offset', [-16 * 60, 16 * 60])
def test_date_16_minutes_off(client, offset):
    _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'x'}, date=emu_client.utc_now(offset)), 400, 'InvalidTimeStamp.Expired')


def test_date_14_minutes_off_is_accepted(client):
    assert client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, date=emu_client.utc_now(-14 * 60)).status_code == 200


@pytest.mark.parametrize('date', ['Thu, 01 Jan 2026 00:00:00 GMT', '2026-01-01 00:00:00', 'yesterday'])
def test_date_unparsable(client, date):
    _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'x'}, date=date), 400, 'InvalidTimeStamp.Format')


def test_reused_nonce(client):
    nonce = uuid.uuid4().hex
    assert client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, nonce=nonce).status_code == 200
    _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, nonce=nonce), 400, 'SignatureNonceUsed')


def test_rejected_signature_does_not_burn_the_nonce(client):
    nonce = uuid.uuid4().hex
    client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, nonce=nonce, secret='wrong')
    assert client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, nonce=nonce).status_code == 200


def test_tampered_body(client):
    response = client.call('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'}, send_body=b'TaskId=task-bp1dmg242c0a02')
    doc = _assert_error(response, 400, 'SignatureDoesNotMatch')
    assert 'x-acs-content-sha256' in doc['Message']


def test_tampered_query(client):
    response = client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'})
    assert response.status_code == 200
    url = response.request.url.replace('pp-bp1ddg1n2a0e01', 'pp-bp1c35162d0e02')
    headers = dict(response.request.headers)  # same nonce: the signature is checked before the nonce
    _assert_error(client.session.post(url, headers=headers), 400, 'SignatureDoesNotMatch')


@pytest.mark.parametrize('unsigned, extra', [
    (('x-acs-signature-nonce',), {}),
    (('host',), {}),
    (('x-acs-custom',), {'x-acs-custom': 'value'}),
])
def test_unsigned_header(client, unsigned, extra):
    doc = _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'x'}, unsigned=unsigned, extra_headers=extra), 400, 'IncompleteSignature')
    assert unsigned[0] in doc['Message']


def test_unsigned_content_type_with_body(client):
    doc = _assert_error(client.call('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'}, unsigned=('content-type',)), 400, 'IncompleteSignature')
    assert 'content-type' in doc['Message']


def test_accept_and_user_agent_may_stay_unsigned(client):
    assert client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, unsigned=('accept',)).status_code == 200


@pytest.mark.parametrize('authorization', [
    'ACS3-HMAC-SHA256 Credential=LTAI5tSCDemoAccessKey01',
    'ACS3-HMAC-SHA256 Credential=LTAI5tSCDemoAccessKey01,SignedHeaders=host,Signature=',
    'ACS3-HMAC-SM3 Credential=LTAI5tSCDemoAccessKey01,SignedHeaders=host,Signature=abc',
    'Bearer abc',
])
def test_malformed_authorization(client, authorization):
    _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'x'}, authorization=authorization), 400, 'IncompleteSignature')


def test_missing_authorization(emulator):
    import requests  # pylint: disable=import-outside-toplevel
    response = requests.post(f'{emulator.url}/?ProvisionedProductId=x', headers={'x-acs-action': 'ListTasks', 'x-acs-version': '2021-09-01'},
                             timeout=10)
    _assert_error(response, 400, 'MissingAuthorization')


def test_temporary_key_without_token(emulator):
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret)
    _assert_error(sts.call('ListTasks', {'ProvisionedProductId': 'x'}), 400, 'MissingSecurityToken')


def test_temporary_key_with_token(emulator):
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token)
    assert sts.ok('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'})['TaskDetail']['TaskId'] == 'task-bp1dmg242c0a01'


def test_token_of_another_key(emulator):
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, OTHER_STS_KEY.security_token)
    _assert_error(sts.call('ListTasks', {'ProvisionedProductId': 'x'}), 400, 'InvalidSecurityToken.MismatchWithAccessKey')


def test_token_sent_with_a_permanent_key(client):
    _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'x'}, token=STS_KEY.security_token), 400,
                  'InvalidSecurityToken.MismatchWithAccessKey')


def test_unknown_token(emulator):
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, 'CAIS-unknown-token')
    _assert_error(sts.call('ListTasks', {'ProvisionedProductId': 'x'}), 400, 'InvalidSecurityToken.Malformed')


def test_expired_token(emulator):
    sts = Client(emulator.url, EXPIRED_STS_KEY.access_key_id, EXPIRED_STS_KEY.secret, EXPIRED_STS_KEY.security_token)
    _assert_error(sts.call('ListTasks', {'ProvisionedProductId': 'x'}), 400, 'InvalidSecurityToken.Expired')


def test_sdk_style_accesskey_id_header(emulator):
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token)
    assert sts.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'},
                    extra_headers={'x-acs-accesskey-id': STS_KEY.access_key_id}).status_code == 200
    _assert_error(sts.call('ListTasks', {'ProvisionedProductId': 'x'}, extra_headers={'x-acs-accesskey-id': ALICE_KEY.access_key_id}),
                  400, 'IncompleteSignature')


def test_wrong_version(client):
    _assert_error(client.call('ListTasks', {'ProvisionedProductId': 'x'}, version='2019-01-01'), 400, 'InvalidVersion')


def test_unknown_action(client):
    _assert_error(client.call('DeleteEverything'), 404, 'InvalidAction.NotFound')
    # an action Terraform calls that the SDK (and so the emulator) does not have
    _assert_error(client.call('GetProvisionedProductForResourceSpec', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}), 404, 'InvalidAction.NotFound')
    _assert_error(client.call('CreatePortfolio', {'PortfolioName': 'x'}), 400, 'MissingProviderName')  # a write operation: served


def test_log_has_no_secret(client, emulator):
    client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'})
    client.call('ListTasks', {'ProvisionedProductId': 'pp-bp1ddg1n2a0e01'}, secret='wrong')
    sts = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token)
    sts.call('GetTask', body={'TaskId': 'task-bp1dmg242c0a01'})
    sts.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'})
    sts.call_v1('GetTask', {'TaskId': 'task-bp1dmg242c0a01'}, secret='wrong')
    entries = emulator.server.request_log.entries()
    text = json.dumps(entries)
    assert len(entries) == 5
    for value in SECRETS_AND_TOKENS:
        assert value not in text
    assert [e['access_key_id'] for e in entries] == [DEMO_KEY_ID] * 2 + [STS_KEY.access_key_id] * 3
    assert [e['code'] for e in entries] == [None, 'SignatureDoesNotMatch', None, None, 'SignatureDoesNotMatch']
    assert entries[2]['params'] == {'TaskId': 'task-bp1dmg242c0a01'}
    assert 'SecurityToken' not in entries[3]['params'] and 'Signature' not in entries[3]['params']
