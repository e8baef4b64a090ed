# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The worked vectors of the official SDKs (docs: /work/shared/api/wire-protocol.md), byte for byte."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import hashlib
import re

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer

HOST = 'servicecatalog.cn-hangzhou.aliyuncs.com'
DATE = '2026-01-01T00:00:00Z'
EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
PLAIN_SIGNED = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version'
STS_SIGNED = ('content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;'
              'x-acs-signature-nonce;x-acs-version')

V3_VECTORS = {
    'V3-1': dict(
        action='ListTasks', nonce='nonce-1', query={'ProvisionedProductId': 'pp-abc', 'PageSize': '10'}, body=b'',
        token=None, content_type=None, payload_hash=EMPTY,
        canonical=('POST\n/\nPageSize=10&ProvisionedProductId=pp-abc\n'
                   'host:servicecatalog.cn-hangzhou.aliyuncs.com\n'
                   'x-acs-action:ListTasks\n'
                   'x-acs-content-sha256:' + EMPTY + '\n'
                   'x-acs-date:2026-01-01T00:00:00Z\n'
                   'x-acs-signature-nonce:nonce-1\n'
                   'x-acs-version:2021-09-01\n'
                   '\n' + PLAIN_SIGNED + '\n' + EMPTY),
        string_to_sign='ACS3-HMAC-SHA256\n7ce615280c868f05ccf9a32b8a504182d4d9779bb83b2480dc8167ade79dfb8f',
        authorization=('ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=' + PLAIN_SIGNED
                       + ',Signature=1a890c82d43dce4d51c18be49cbecf75c7b4a20d06b99b8d24c87083981d4048'),
    ),
    'V3-2': dict(
        action='GetTask', nonce='nonce-2', query={}, body=b'TaskId=task-abc', token='sts-token-xyz',
        content_type='application/x-www-form-urlencoded',
        payload_hash='607432fcd086a6347bd7a02c50876e8c4abd5e01acdbb05ca9af9cbd1ad13a5c',
        canonical=('POST\n/\n\n'
                   'content-type:application/x-www-form-urlencoded\n'
                   'host:servicecatalog.cn-hangzhou.aliyuncs.com\n'
                   'x-acs-action:GetTask\n'
                   'x-acs-content-sha256:607432fcd086a6347bd7a02c50876e8c4abd5e01acdbb05ca9af9cbd1ad13a5c\n'
                   'x-acs-date:2026-01-01T00:00:00Z\n'
                   'x-acs-security-token:sts-token-xyz\n'
                   'x-acs-signature-nonce:nonce-2\n'
                   'x-acs-version:2021-09-01\n'
                   '\n' + STS_SIGNED + '\n'
                   '607432fcd086a6347bd7a02c50876e8c4abd5e01acdbb05ca9af9cbd1ad13a5c'),
        string_to_sign='ACS3-HMAC-SHA256\na4318015cc89c170d7aeaf11a8ca7d01cdc991f6ebaa9a5834c4e3c3e81e283a',
        authorization=('ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=' + STS_SIGNED
                       + ',Signature=65cf33d85dc527581edb7bc80ca1ec6d0ac47d627990aa3d24a472d4b8618673'),
    ),
    'V3-3': dict(
        action='ListProvisionedProducts', nonce='nonce-3',
        query={'Filters.1.Key': 'FullTextSearch', 'Filters.1.Value': u'DEMO ECS*~/\u00e9+&=', 'PageNumber': '2'},
        body=b'', token=None, content_type=None, payload_hash=EMPTY,
        canonical=('POST\n/\nFilters.1.Key=FullTextSearch&Filters.1.Value=DEMO%20ECS%2A~%2F%C3%A9%2B%26%3D&PageNumber=2\n'
                   'host:servicecatalog.cn-hangzhou.aliyuncs.com\n'
                   'x-acs-action:ListProvisionedProducts\n'
                   'x-acs-content-sha256:' + EMPTY + '\n'
                   'x-acs-date:2026-01-01T00:00:00Z\n'
                   'x-acs-signature-nonce:nonce-3\n'
                   'x-acs-version:2021-09-01\n'
                   '\n' + PLAIN_SIGNED + '\n' + EMPTY),
        string_to_sign='ACS3-HMAC-SHA256\n2aa668ce162a4d45beb1bb2941efb47cd26f993813edb615e523c3e34010bfe9',
        authorization=('ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=' + PLAIN_SIGNED
                       + ',Signature=5c6d196c793228564fc90c3ce04a94956549e0ce11d374aea7cfdea222c084e4'),
    ),
}


def _vector_headers(vector):
    headers = {'host': HOST, 'x-acs-action': vector['action'], 'x-acs-version': '2021-09-01', 'x-acs-date': DATE,
               'x-acs-signature-nonce': vector['nonce'], 'x-acs-content-sha256': vector['payload_hash']}
    if vector['content_type']:
        headers['content-type'] = vector['content_type']
    if vector['token']:
        headers['x-acs-security-token'] = vector['token']
    return headers


@pytest.mark.parametrize('name', sorted(V3_VECTORS))
def test_v3_vector_steps(name):
    vector = V3_VECTORS[name]
    assert hashlib.sha256(vector['body']).hexdigest() == vector['payload_hash']
    headers = _vector_headers(vector)
    canonical = signer.v3_canonical_request('POST', vector['query'], headers, list(headers), vector['payload_hash'])
    assert canonical == vector['canonical']
    string_to_sign = signer.v3_string_to_sign(canonical)
    assert string_to_sign == vector['string_to_sign']
    assert vector['authorization'].endswith('Signature=' + signer.v3_signature('testsecret', string_to_sign))


@pytest.mark.parametrize('name', sorted(V3_VECTORS))
def test_v3_vector_sign(name):
    vector = V3_VECTORS[name]
    headers = signer.sign_v3('POST', HOST, vector['action'], '2021-09-01', 'testid', 'testsecret', query=vector['query'],
                             body=vector['body'], security_token=vector['token'], content_type=vector['content_type'],
                             date=DATE, nonce=vector['nonce'])
    assert headers['authorization'] == vector['authorization']
    expected = _vector_headers(vector)
    expected['authorization'] = vector['authorization']
    assert headers == expected


def test_v3_2_form_body_bytes():
    assert signer.form_encode({'TaskId': 'task-abc'}) == V3_VECTORS['V3-2']['body']


def test_v3_signature_depends_on_secret_and_nonce():
    base = dict(query={'A': '1'}, date=DATE, nonce='n1')
    one = signer.sign_v3('POST', HOST, 'ListTasks', '2021-09-01', 'id', 'secret-1', **base)['authorization']
    other_secret = signer.sign_v3('POST', HOST, 'ListTasks', '2021-09-01', 'id', 'secret-2', **base)['authorization']
    base['nonce'] = 'n2'
    other_nonce = signer.sign_v3('POST', HOST, 'ListTasks', '2021-09-01', 'id', 'secret-1', **base)['authorization']
    assert len(set([one, other_secret, other_nonce])) == 3


def test_v3_fresh_date_and_nonce_when_not_given():
    first = signer.sign_v3('POST', HOST, 'ListTasks', '2021-09-01', 'id', 'secret')
    second = signer.sign_v3('POST', HOST, 'ListTasks', '2021-09-01', 'id', 'secret')
    assert first['x-acs-signature-nonce'] != second['x-acs-signature-nonce']
    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', first['x-acs-date'])
    assert first['authorization'] != second['authorization']


def test_v3_no_token_header_without_token():
    headers = signer.sign_v3('POST', HOST, 'ListTasks', '2021-09-01', 'id', 'secret', security_token=None)
    assert 'x-acs-security-token' not in headers
    assert 'x-acs-security-token' not in headers['authorization']


def test_v3_extra_headers_signed_lowercased_and_trimmed():
    headers = signer.sign_v3('POST', HOST, 'ListTasks', '2021-09-01', 'id', 'secret', date=DATE, nonce='n',
                             extra_headers={'X-Acs-Extra': '  padded value  '})
    assert 'x-acs-extra' in headers['authorization']
    canonical = signer.v3_canonical_request('POST', {}, headers, [h for h in headers if h != 'authorization'], EMPTY)
    assert '\nx-acs-extra:padded value\n' in canonical


def test_v1_1_vector():
    params = {'ProvisionedProductId': 'pp-abc', 'PageSize': '10'}
    signed = signer.sign_v1('POST', 'ListTasks', '2021-09-01', 'testid', 'testsecret', params=params,
                            timestamp=DATE, nonce='nonce-1')
    expected_sts = (
        'POST&%2F&AccessKeyId%3Dtestid%26Action%3DListTasks%26Format%3DJSON%26PageSize%3D10%26ProvisionedProductId'
        '%3Dpp-abc%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dnonce-1%26SignatureType%3D%26SignatureVersion'
        '%3D1.0%26Timestamp%3D2026-01-01T00%253A00%253A00Z%26Version%3D2021-09-01')
    unsigned = dict((k, v) for k, v in signed.items() if k != 'Signature')
    assert signer.v1_string_to_sign('POST', unsigned) == expected_sts
    assert signer.v1_signature('testsecret', expected_sts) == 'VjKspOKKgfDPFk6VlLSB1DCiM/c='
    assert signed['Signature'] == 'VjKspOKKgfDPFk6VlLSB1DCiM/c='
    assert unsigned == {
        'Action': 'ListTasks', 'Version': '2021-09-01', 'Format': 'JSON', 'AccessKeyId': 'testid',
        'SignatureMethod': 'HMAC-SHA1', 'SignatureVersion': '1.0', 'SignatureNonce': 'nonce-1', 'SignatureType': '',
        'Timestamp': DATE, 'ProvisionedProductId': 'pp-abc', 'PageSize': '10'}


def test_v1_security_token_is_signed():
    plain = signer.sign_v1('GET', 'AssumeRole', '2015-04-01', 'id', 's', timestamp=DATE, nonce='n')
    sts = signer.sign_v1('GET', 'AssumeRole', '2015-04-01', 'id', 's', security_token='tok', timestamp=DATE, nonce='n')
    assert 'SecurityToken' not in plain
    assert sts['SecurityToken'] == 'tok'
    assert sts['Signature'] != plain['Signature']


@pytest.mark.parametrize('value, encoded', [
    ('', ''),
    (None, ''),
    ('AZaz09-_.~', 'AZaz09-_.~'),
    (' ', '%20'),
    ('*', '%2A'),
    ('/', '%2F'),
    ('+', '%2B'),
    ('=&?#', '%3D%26%3F%23'),
    ('%', '%25'),
    ('%20', '%2520'),
    (':', '%3A'),
    ('!\'()', '%21%27%28%29'),
    (u'\u00e9', '%C3%A9'),
    (u'\u4e2d\u6587', '%E4%B8%AD%E6%96%87'),
    (u'\U0001F600', '%F0%9F%98%80'),
    ('\n\t', '%0A%09'),
    (10, '10'),
])
def test_percent_encode(value, encoded):
    assert signer.percent_encode(value) == encoded


def test_canonical_query_string_rules():
    params = {'b': 'x y', 'B': '1', 'a': None, 'Filters.10.Key': 'k', 'Filters.2.Key': 'k2', 'Empty': ''}
    # byte order (upper case before lower case, '1' before '2'), None dropped, empty kept, names not encoded
    assert signer.canonical_query_string(params) == 'B=1&Empty=&Filters.10.Key=k&Filters.2.Key=k2&b=x%20y'
    assert signer.canonical_query_string({}) == ''
    assert signer.canonical_query_string(None) == ''


def test_utc_timestamp_format():
    when = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc)
    assert signer.utc_timestamp(when) == '2026-03-04T05:06:07Z'
