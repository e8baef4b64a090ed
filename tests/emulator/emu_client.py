"""A small request signer for the emulator tests, written independently of the emulator's own code.

It signs like the official SDK (V3 ACS3-HMAC-SHA256, headers lower-case and all signed) and like the
legacy core SDK (V1 HMAC-SHA1), and lets a test break one thing at a time.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import requests

VERSION = '2021-09-01'
STS_VERSION = '2015-04-01'


def rfc3986(text: str) -> str:
    return quote(text, safe='-_.~', encoding='utf-8')


def utc_now(offset_seconds: float = 0) -> str:
    return (datetime.now(timezone.utc) + timedelta(seconds=offset_seconds)).strftime('%Y-%m-%dT%H:%M:%SZ')


def canonical_request_v3(method: str, query: dict, headers: dict, signed: list, payload_hash: str) -> str:
    lines = [method, '/', '&'.join(f'{k}={rfc3986(v)}' for k, v in sorted(query.items()))]
    lines.append(''.join(f'{name}:{headers[name].strip()}\n' for name in signed))
    lines.append(';'.join(signed))
    lines.append(payload_hash)
    return '\n'.join(lines)


def sign_v3(secret: str, canonical_request: str) -> tuple[str, str]:
    string_to_sign = 'ACS3-HMAC-SHA256\n' + hashlib.sha256(canonical_request.encode('utf-8')).hexdigest()
    return string_to_sign, hmac.new(secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()


def string_to_sign_v1(method: str, params: dict) -> str:
    pairs = '&'.join(f'{rfc3986(k)}={rfc3986(v)}' for k, v in sorted(params.items()) if k != 'Signature')
    return f'{method}&{rfc3986("/")}&{rfc3986(pairs)}'


def sign_v1(secret: str, string_to_sign: str) -> str:
    return base64.b64encode(hmac.new((secret + '&').encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha1).digest()).decode('ascii')


class Client:
    """Signed calls to one emulator with one key pair."""

    def __init__(self, base_url: str, key_id: str, secret: str, token: str | None = None, verify: bool | str = True):
        self.base_url = base_url.rstrip('/')
        self.host = self.base_url.split('://', 1)[1]
        self.key_id, self.secret, self.token = key_id, secret, token
        self.verify = verify  # HTTPS: a CA file (per request, so that $REQUESTS_CA_BUNDLE does not override it)
        self.session = requests.Session()

    def call(self, action: str, query: dict | None = None, body: dict | None = None, *, method: str = 'POST', version: str = VERSION,
             date: str | None = None, nonce: str | None = None, secret: str | None = None, key_id: str | None = None,
             token: str | None = None, unsigned: tuple = (), extra_headers: dict | None = None, send_body: bytes | None = None,
             authorization: str | None = None) -> requests.Response:
        """One V3 call; keyword arguments break the request on purpose (wrong secret, unsigned header, other body...)."""
        query = {k: str(v) for k, v in (query or {}).items()}
        payload = '&'.join(f'{rfc3986(k)}={rfc3986(str(v))}' for k, v in (body or {}).items()).encode('utf-8')
        headers = {'host': self.host, 'x-acs-action': action, 'x-acs-version': version, 'x-acs-date': date or utc_now(),
                   'x-acs-signature-nonce': nonce or uuid.uuid4().hex, 'x-acs-content-sha256': hashlib.sha256(payload).hexdigest(),
                   'accept': 'application/json'}
        if payload:
            headers['content-type'] = 'application/x-www-form-urlencoded'
        token = self.token if token is None else token
        if token:
            headers['x-acs-security-token'] = token
        headers.update(extra_headers or {})
        signed = sorted(name for name in headers if name not in unsigned)
        _string_to_sign, signature = sign_v3(secret or self.secret, canonical_request_v3(method, query, headers, signed, headers['x-acs-content-sha256']))
        headers['authorization'] = authorization or (
            f'ACS3-HMAC-SHA256 Credential={key_id or self.key_id},SignedHeaders={";".join(signed)},Signature={signature}')
        url = self.base_url + '/'
        if query:
            url += '?' + '&'.join(f'{rfc3986(k)}={rfc3986(v)}' for k, v in query.items())
        return self.session.request(method, url, headers=headers, data=payload if send_body is None else send_body, timeout=30, verify=self.verify)

    def call_v1(self, action: str, params: dict | None = None, *, method: str = 'POST', secret: str | None = None,
                token: str | None = None, nonce: str | None = None, date: str | None = None, in_body: bool = False,
                version: str = VERSION) -> requests.Response:
        """One V1 (HMAC-SHA1) call, parameters in the query (or, with in_body, in a form body)."""
        all_params = {'Action': action, 'Version': version, 'Format': 'JSON', 'AccessKeyId': self.key_id, 'SignatureMethod': 'HMAC-SHA1',
                      'SignatureVersion': '1.0', 'SignatureNonce': nonce or uuid.uuid4().hex, 'SignatureType': '',
                      'Timestamp': date or utc_now()}
        token = self.token if token is None else token
        if token:
            all_params['SecurityToken'] = token
        all_params.update({k: str(v) for k, v in (params or {}).items()})
        all_params['Signature'] = sign_v1(secret or self.secret, string_to_sign_v1(method, all_params))
        encoded = '&'.join(f'{rfc3986(k)}={rfc3986(v)}' for k, v in all_params.items())
        if in_body:
            return self.session.request(method, self.base_url + '/', data=encoded.encode('utf-8'),
                                        headers={'content-type': 'application/x-www-form-urlencoded'}, timeout=30, verify=self.verify)
        return self.session.request(method, f'{self.base_url}/?{encoded}', timeout=30, verify=self.verify)

    def assume_role(self, role_arn: str, session: str = 'emu-test', **params) -> requests.Response:
        """STS AssumeRole as the official credentials SDK sends it: V1, GET, every parameter in the query."""
        query = {'RoleArn': role_arn, 'RoleSessionName': session, 'DurationSeconds': '3600', **params}
        return self.call_v1('AssumeRole', {k: v for k, v in query.items() if v is not None}, method='GET', version=STS_VERSION)

    def ok(self, action: str, query: dict | None = None, body: dict | None = None, **kwargs) -> dict:
        """A call that must succeed; its JSON document."""
        response = self.call(action, query, body, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()

    def error(self, action: str, query: dict | None = None, body: dict | None = None, **kwargs) -> tuple[int, dict]:
        """A call that must fail; (status, error document)."""
        response = self.call(action, query, body, **kwargs)
        assert response.status_code >= 400, response.text
        return response.status_code, response.json()


def filters(*pairs: tuple[str, str]) -> dict:
    """Flatten (key, value) pairs into Filters.N.Key / Filters.N.Value query parameters."""
    query = {}
    for number, (key, value) in enumerate(pairs, start=1):
        query[f'Filters.{number}.Key'] = key
        query[f'Filters.{number}.Value'] = value
    return query
