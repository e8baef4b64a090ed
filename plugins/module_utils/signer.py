# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Request signing for Alibaba Cloud RPC APIs.

Pure functions, no I/O. ``sign_v3`` produces the ACS3-HMAC-SHA256 headers that the current
official SDK sends; ``sign_v1`` produces the HMAC-SHA1 ``Signature`` parameter of the older
protocol (STS AssumeRole is still signed that way by the SDK). Both reproduce the worked vectors
of the official SDKs byte for byte (see tests/unit/plugins/module_utils/test_signer.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import datetime
import hashlib
import hmac
import uuid

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover - Python 2 is not supported, kept for the import test
    from urllib import quote  # type: ignore

V3_ALGORITHM = 'ACS3-HMAC-SHA256'
EMPTY_SHA256 = hashlib.sha256(b'').hexdigest()
FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded'


def percent_encode(value):
    """RFC 3986 encoding as the SDK does it: only A-Z a-z 0-9 - _ . ~ stay as they are."""
    if value is None:
        return ''
    if not isinstance(value, str):
        value = str(value)
    return quote(value.encode('utf-8'), safe='-_.~')


def utc_timestamp(now=None):
    """Time in the ``YYYY-MM-DDThh:mm:ssZ`` form both signatures use."""
    if now is None:
        now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime('%Y-%m-%dT%H:%M:%SZ')


def new_nonce():
    return uuid.uuid4().hex


def canonical_query_string(params):
    """Sorted ``name=value`` pairs; names as they are, values percent-encoded, nulls dropped."""
    if not params:
        return ''
    items = sorted((k, v) for k, v in params.items() if v is not None)
    return '&'.join('%s=%s' % (k, percent_encode(v)) for k, v in items)


def form_encode(params):
    """Form body in the byte form the SDK sends (same encoding as the canonical query)."""
    return canonical_query_string(params).encode('utf-8')


def v3_canonical_request(method, query, headers, signed_header_names, payload_hash):
    """The canonical request text (step 4 of the V3 algorithm)."""
    lowered = dict((k.lower(), v) for k, v in headers.items())
    names = sorted(n.lower() for n in signed_header_names)
    canonical_headers = ''.join('%s:%s\n' % (n, str(lowered[n]).strip()) for n in names)
    return '\n'.join([
        method.upper(),
        '/',
        canonical_query_string(query),
        canonical_headers,
        ';'.join(names),
        payload_hash,
    ])


def v3_string_to_sign(canonical_request):
    return '%s\n%s' % (V3_ALGORITHM, hashlib.sha256(canonical_request.encode('utf-8')).hexdigest())


def v3_signature(secret, string_to_sign):
    return hmac.new(secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()


def sign_v3(method, host, action, version, access_key_id, access_key_secret, query=None, body=b'',
            security_token=None, content_type=None, date=None, nonce=None, extra_headers=None):
    """Return the full header set (authorization included) for one V3-signed request.

    Every header that is sent is signed, as the SDK does. ``date`` and ``nonce`` are fresh for each
    call unless given (tests pass them to reproduce vectors); a retry must call this again.
    """
    if body is None:
        body = b''
    payload_hash = hashlib.sha256(body).hexdigest()
    headers = {
        'host': host,
        'x-acs-action': action,
        'x-acs-version': version,
        'x-acs-date': date or utc_timestamp(),
        'x-acs-signature-nonce': nonce or new_nonce(),
        'x-acs-content-sha256': payload_hash,
    }
    if content_type:
        headers['content-type'] = content_type
    if security_token:
        headers['x-acs-security-token'] = security_token
    for name, value in (extra_headers or {}).items():
        headers[name.lower()] = value
    signed = sorted(headers)
    canonical = v3_canonical_request(method, query or {}, headers, signed, payload_hash)
    signature = v3_signature(access_key_secret, v3_string_to_sign(canonical))
    headers['authorization'] = '%s Credential=%s,SignedHeaders=%s,Signature=%s' % (
        V3_ALGORITHM, access_key_id, ';'.join(signed), signature)
    return headers


def v1_string_to_sign(method, params):
    joined = '&'.join('%s=%s' % (percent_encode(k), percent_encode(v))
                      for k, v in sorted(params.items()) if v is not None)
    return '%s&%s&%s' % (method.upper(), percent_encode('/'), percent_encode(joined))


def v1_signature(secret, string_to_sign):
    digest = hmac.new((secret + '&').encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


def sign_v1(method, action, version, access_key_id, access_key_secret, params=None, security_token=None,
            timestamp=None, nonce=None):
    """Return the complete parameter dict (``Signature`` included) of a V1-signed request."""
    signed = {
        'Action': action,
        'Version': version,
        'Format': 'JSON',
        'AccessKeyId': access_key_id,
        'SignatureMethod': 'HMAC-SHA1',
        'SignatureVersion': '1.0',
        'SignatureNonce': nonce or new_nonce(),
        'SignatureType': '',
        'Timestamp': timestamp or utc_timestamp(),
    }
    if security_token:
        signed['SecurityToken'] = security_token
    for key, value in (params or {}).items():
        if value is not None:
            signed[key] = str(value)
    signed['Signature'] = v1_signature(access_key_secret, v1_string_to_sign(method, signed))
    return signed
