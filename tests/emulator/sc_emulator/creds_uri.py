"""A credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI, api/credentials.md section 7) on the emulator's port.

``GET /credentials-uri[?token=<t>]`` -> HTTP 200 JSON ``Code`` = ``Success``, ``AccessKeyId``, ``AccessKeySecret``,
``SecurityToken``, ``Expiration``, ``LastUpdated``: a new temporary key of the emulator's key ring (acting as the role given,
by default the first role of the emulator) at every request, so that renewal is visible in ``GET /_emulator/credentials``
(source ``uri``). With ``--credentials-uri-token`` set, the query must carry ``token=<that value>`` (403 otherwise), as a
CI system's or sidecar's URI often does. Other methods: 405; the lifetime is ``DEFAULT_LIFETIME`` capped by
``--credential-lifetime``.
"""
from __future__ import annotations

import hmac
import json
from typing import Callable
from urllib.parse import parse_qsl

from .model import iso
from .sts import CredentialIssuer, Role

CREDENTIALS_URI_PATH = '/credentials-uri'
DEFAULT_LIFETIME = 3600
JSON_TYPE = 'application/json;charset=utf-8'

Answer = tuple[int, str, bytes]  # (status, content type, body)


def _json(status: int, document: dict) -> Answer:
    return status, JSON_TYPE, json.dumps(document, separators=(',', ':')).encode('utf-8')


class CredentialsUri:
    """The URI's answers; thread-safe (the issuer is). ``role`` None: the URI is off (404)."""

    def __init__(self, issuer: CredentialIssuer, role: Role | None, token: str | None = None, lifetime: float = DEFAULT_LIFETIME,
                 clock: Callable[[], float] | None = None):
        self.issuer = issuer
        self.role = role
        self.token = token or None
        self.lifetime = lifetime
        self.clock = clock or issuer.clock

    def handle(self, method: str, query: str) -> Answer:
        """The answer to one request of ``CREDENTIALS_URI_PATH``."""
        if self.role is None:
            return _json(404, {'Code': 'NotFound', 'Message': 'The emulator serves no credentials URI (it has no role).'})
        if method != 'GET':
            return _json(405, {'Code': 'MethodNotAllowed', 'Message': f'{method} is not allowed; use GET.'})
        if self.token is not None:
            given = dict(parse_qsl(query, keep_blank_values=True)).get('token', '')
            if not hmac.compare_digest(given.encode('utf-8'), self.token.encode('utf-8')):
                return _json(403, {'Code': 'Forbidden', 'Message': 'The token query parameter is missing or wrong.'})
        issued = self.issuer.issue('uri', self.role, 'credentials-uri', self.lifetime)
        key = issued.key
        return _json(200, {'Code': 'Success', 'AccessKeyId': key.access_key_id, 'AccessKeySecret': key.secret,
                           'SecurityToken': key.security_token, 'Expiration': iso(issued.expiration), 'LastUpdated': iso(issued.issued_at)})
