"""The ECS instance metadata service, as far as RAM role credentials go (``/latest/...`` on the emulator's port).

- ``PUT /latest/api/token`` with ``X-aliyun-ecs-metadata-token-ttl-seconds: 1..21600`` -> a session token (text/plain).
- ``GET /latest/meta-data/ram/security-credentials/`` -> the role name (text/plain).
- ``GET /latest/meta-data/ram/security-credentials/<role>`` -> the role's temporary credentials (JSON).
GETs need ``X-aliyun-ecs-metadata-token`` (IMDSv2) unless IMDSv1 is allowed; a token that is sent must be valid in
either mode. Credentials are temporary keys of the emulator's key ring, rotated (a new one issued) once less than a
fifth of their lifetime remains, like real ECS.
"""
from __future__ import annotations

import json
import re
import secrets
import threading
import time
from collections import OrderedDict
from typing import Callable, Mapping

from .model import DEFAULT_ACCOUNT_UID, iso
from .sts import CredentialIssuer, Issued, Role

DEFAULT_ECS_ROLE = 'servicecatalog-ecs-role'
DEFAULT_LIFETIME = 6 * 3600
TOKEN_TTL_MAX = 21600
TOKEN_TTL_HEADER = 'x-aliyun-ecs-metadata-token-ttl-seconds'
TOKEN_HEADER = 'x-aliyun-ecs-metadata-token'
TOKEN_PATH = '/latest/api/token'
CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials'
MAX_TOKENS = 10000
TEXT_TYPE = 'text/plain;charset=utf-8'
JSON_TYPE = 'application/json;charset=utf-8'
_ROLE_NAME_RE = re.compile(r'^[A-Za-z0-9.@_-]{1,64}$')

Answer = tuple[int, str, bytes]  # (status, content type, body)


def check_role_name(name: str) -> str:
    """A RAM role name (1-64 of A-Z a-z 0-9 . @ _ -) or '' (no metadata service); ValueError otherwise."""
    if name and not _ROLE_NAME_RE.match(name):
        raise ValueError('a role name is 1-64 characters among A-Z a-z 0-9 . @ _ -')
    return name


def _text(status: int, text: str) -> Answer:
    return status, TEXT_TYPE, text.encode('utf-8')


class MetadataService:
    """Tokens, the role and its current credentials; thread-safe. ``role_name`` empty: the service is off (every path 404)."""

    def __init__(self, issuer: CredentialIssuer, role_name: str = DEFAULT_ECS_ROLE, allow_v1: bool = False,
                 clock: Callable[[], float] = time.time):
        self.issuer = issuer
        self.role = Role(DEFAULT_ACCOUNT_UID, check_role_name(role_name)) if role_name else None
        self.allow_v1 = allow_v1
        self.clock = clock
        self._lock = threading.Lock()
        self._tokens: OrderedDict[str, float] = OrderedDict()  # token -> expiry, oldest first
        self._current: Issued | None = None

    @property
    def enabled(self) -> bool:
        return self.role is not None

    def active_tokens(self) -> int:
        """Session tokens not yet expired."""
        now = self.clock()
        with self._lock:
            return sum(1 for expiry in self._tokens.values() if expiry > now)

    def handle(self, method: str, path: str, headers: Mapping[str, str]) -> Answer:
        """The answer to one metadata request; ``headers`` maps lower-case names to values."""
        if self.role is None:
            return _text(404, 'Not Found')
        if path == TOKEN_PATH:
            if method != 'PUT':
                return _text(405, 'Method Not Allowed')
            return self._new_token(headers.get(TOKEN_TTL_HEADER))
        rest = path[len(CREDENTIALS_PATH):] if path.startswith(CREDENTIALS_PATH) else None
        if rest is None or (rest and not rest.startswith('/')):
            return _text(404, 'Not Found')
        if method != 'GET':
            return _text(405, 'Method Not Allowed')
        denied = self._check_token(headers.get(TOKEN_HEADER))
        if denied:
            return denied
        if rest in ('', '/'):
            return _text(200, self.role.name)
        if rest[1:] != self.role.name:
            return _text(404, 'Not Found')
        return 200, JSON_TYPE, json.dumps(self._document(), separators=(',', ':')).encode('utf-8')

    def _new_token(self, ttl_text: str | None) -> Answer:
        try:
            ttl = int(ttl_text or '')
        except ValueError:
            ttl = 0
        if not 1 <= ttl <= TOKEN_TTL_MAX:
            return _text(400, f'The header X-aliyun-ecs-metadata-token-ttl-seconds must be an integer from 1 to {TOKEN_TTL_MAX}.')
        token = secrets.token_urlsafe(40)
        now = self.clock()
        with self._lock:
            while self._tokens and (next(iter(self._tokens.values())) <= now or len(self._tokens) >= MAX_TOKENS):
                self._tokens.popitem(last=False)
            self._tokens[token] = now + ttl
        return _text(200, token)

    def _check_token(self, token: str | None) -> Answer | None:
        if token is None:
            return None if self.allow_v1 else _text(401, 'Unauthorized: the X-aliyun-ecs-metadata-token header is required (IMDSv2).')
        with self._lock:
            expiry = self._tokens.get(token)
        if expiry is None or expiry <= self.clock():
            return _text(401, 'Unauthorized: the metadata token is invalid or expired.')
        return None

    def _document(self) -> dict:
        with self._lock:
            current = self._current
            lifetime = self.issuer.lifetime(DEFAULT_LIFETIME)
            if current is None or current.expiration - self.clock() < lifetime / 5:
                current = self._current = self.issuer.issue('metadata', self.role, 'ecs', DEFAULT_LIFETIME)
        key = current.key
        return {'Code': 'Success', 'AccessKeyId': key.access_key_id, 'AccessKeySecret': key.secret, 'SecurityToken': key.security_token,
                'Expiration': iso(current.expiration), 'LastUpdated': iso(current.issued_at)}
