"""Signature verification: ACS3-HMAC-SHA256 (V3, current SDKs) and HMAC-SHA1 (V1, older clients).

The pure functions (percent_encode, v3_*, v1_*) reproduce the canonicalisation of the official SDKs
byte for byte; ``Verifier`` applies them to an incoming request and raises ``ApiError`` with the
Alibaba Cloud error code of each failure. No message built here ever contains a secret or a token.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Mapping, Sequence
from urllib.parse import quote

from .errors import ApiError

V3_ALGORITHM = 'ACS3-HMAC-SHA256'
V1_METHOD = 'HMAC-SHA1'
MAX_CLOCK_SKEW = 15 * 60
EMPTY_SHA256 = hashlib.sha256(b'').hexdigest()

DEMO_ACCESS_KEY_ID = 'LTAI5tSCDemoAccessKey01'
DEMO_ACCESS_KEY_SECRET = 'SCDemoSecret-not-a-real-key-0123456789'

_TIME_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$')
_REDACTED = '<redacted>'


# ---------------------------------------------------------------------------------------------------------------------
# Pure canonicalisation functions
# ---------------------------------------------------------------------------------------------------------------------

def percent_encode(value: str) -> str:
    """RFC 3986 encoding: unreserved characters stay, everything else (UTF-8 bytes) becomes %XX upper-case."""
    return quote(value, safe='~', encoding='utf-8')


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def v3_canonical_query(params: Iterable[tuple[str, str]]) -> str:
    """Canonical query string: sorted by name, values RFC 3986 encoded, names as they are."""
    return '&'.join(f'{name}={percent_encode(value)}' for name, value in sorted(params))


def v3_canonical_request(method: str, path: str, params: Iterable[tuple[str, str]], headers: Mapping[str, str],
                         signed_headers: Sequence[str], payload_hash: str) -> str:
    """The V3 canonical request; ``headers`` maps lower-case names to values, ``signed_headers`` in signing order."""
    canonical_headers = ''.join(f'{name}:{headers[name].strip()}\n' for name in signed_headers)
    return '\n'.join([method, path or '/', v3_canonical_query(params), canonical_headers, ';'.join(signed_headers), payload_hash])


def v3_string_to_sign(canonical_request: str) -> str:
    """``ACS3-HMAC-SHA256\\n`` + hex SHA-256 of the canonical request."""
    return f'{V3_ALGORITHM}\n{sha256_hex(canonical_request.encode("utf-8"))}'


def v3_signature(secret: str, string_to_sign: str) -> str:
    """Lower-case hex HMAC-SHA256 keyed with the access key secret."""
    return hmac.new(secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()


def v1_string_to_sign(method: str, params: Iterable[tuple[str, str]]) -> str:
    """``METHOD&%2F&`` + encode(sorted ``k=v`` pairs joined with ``&``), the Signature parameter excluded."""
    pairs = sorted((name, value) for name, value in params if name != 'Signature')
    joined = '&'.join(f'{percent_encode(name)}={percent_encode(value)}' for name, value in pairs)
    return f'{method}&%2F&{percent_encode(joined)}'


def v1_signature(secret: str, string_to_sign: str) -> str:
    """Base64 HMAC-SHA1 keyed with ``secret + '&'``."""
    digest = hmac.new(f'{secret}&'.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


def parse_authorization(value: str) -> dict[str, str]:
    """Split ``ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..``; raise IncompleteSignature if malformed."""
    algorithm, _space, rest = value.strip().partition(' ')
    if algorithm != V3_ALGORITHM:
        raise ApiError(400, 'IncompleteSignature', f'Unsupported signature algorithm {algorithm[:40]!r}: only {V3_ALGORITHM} is supported.')
    fields = {}
    for part in rest.split(','):
        name, sep, val = part.strip().partition('=')
        if sep and name:
            fields[name] = val.strip()
    missing = [name for name in ('Credential', 'SignedHeaders', 'Signature') if not fields.get(name)]
    if missing:
        raise ApiError(400, 'IncompleteSignature', f'The Authorization header is missing {", ".join(missing)}.')
    return fields


def parse_timestamp(value: str) -> float:
    """Epoch seconds of ``YYYY-MM-DDThh:mm:ssZ`` (fractional seconds tolerated); ValueError otherwise."""
    if not _TIME_RE.match(value):
        raise ValueError(value)
    stamp = datetime.strptime(value[:19], '%Y-%m-%dT%H:%M:%S').replace(tzinfo=timezone.utc)
    return stamp.timestamp()


def claimed_access_key_id(headers: Mapping[str, str], params: Mapping[str, str]) -> str | None:
    """The access key ID a request claims (before any check), for the request log."""
    match = re.search(r'Credential=([^,\s]*)', headers.get('authorization', ''))
    return (match.group(1) if match else params.get('AccessKeyId')) or None


# ---------------------------------------------------------------------------------------------------------------------
# Keys, nonces and the verifier
# ---------------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AccessKey:
    """A configured key pair; a temporary (STS) key also has a token and maybe an expiration (epoch seconds)."""

    access_key_id: str
    secret: str
    security_token: str | None = None
    token_expiration: float | None = None

    @classmethod
    def parse(cls, spec: str) -> AccessKey:
        """``ID:SECRET`` or ``ID:SECRET:TOKEN`` or ``ID:SECRET:TOKEN:EXPIRATION`` (ISO time or epoch seconds)."""
        parts = spec.split(':', 3)
        if len(parts) < 2 or not parts[0] or not parts[1]:
            raise ValueError('an access key is ID:SECRET[:TOKEN[:EXPIRATION]]')
        token = parts[2] if len(parts) > 2 and parts[2] else None
        expiration = None
        if len(parts) > 3 and parts[3]:
            text = parts[3]
            try:
                expiration = float(text) if re.match(r'^\d+(\.\d+)?$', text) else parse_timestamp(text)
            except ValueError:
                raise ValueError('the token expiration is YYYY-MM-DDThh:mm:ssZ or epoch seconds') from None
        if expiration is not None and token is None:
            raise ValueError('an expiration needs a token')
        return cls(parts[0], parts[1], token, expiration)

    def __repr__(self) -> str:
        return f'AccessKey({self.access_key_id!r}, secret=<redacted>, temporary={self.security_token is not None})'


DEMO_ACCESS_KEY = AccessKey(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)


class KeyRing:
    """The accepted access keys, looked up by ID and by security token; thread-safe, and temporary keys can be added at run time.

    ``sensitive_values`` (every secret and token ever configured or added) is what logs redact.
    """

    def __init__(self, keys: Iterable[AccessKey]):
        self._lock = threading.Lock()
        self._by_id: dict[str, AccessKey] = {}
        self._by_token: dict[str, AccessKey] = {}
        self._sensitive: set[str] = set()
        for key in keys:
            self._put(key)

    def _put(self, key: AccessKey) -> None:
        old = self._by_id.get(key.access_key_id)
        if old is not None and old.security_token:
            self._by_token.pop(old.security_token, None)
        self._by_id[key.access_key_id] = key
        self._sensitive.add(key.secret)
        if key.security_token:
            self._by_token[key.security_token] = key
            self._sensitive.add(key.security_token)

    def add(self, key: AccessKey) -> None:
        """Accept one more key (a temporary key issued by STS or the metadata service); its secret and token are redacted at once."""
        with self._lock:
            self._put(key)

    def remove(self, access_key_id: str) -> None:
        """Forget a key (its secret and token stay redacted)."""
        with self._lock:
            key = self._by_id.pop(access_key_id, None)
            if key is not None and key.security_token:
                self._by_token.pop(key.security_token, None)

    @property
    def sensitive_values(self) -> frozenset[str]:
        """Every secret and security token the ring has held."""
        with self._lock:
            return frozenset(self._sensitive)

    def is_sensitive(self, value: str) -> bool:
        """True when ``value`` is a secret or a security token (so it must not be logged)."""
        with self._lock:
            return value in self._sensitive

    def get(self, access_key_id: str) -> AccessKey | None:
        """The key with this ID, if any."""
        with self._lock:
            return self._by_id.get(access_key_id)

    def by_token(self, token: str) -> AccessKey | None:
        """The key this security token was issued with, if any."""
        with self._lock:
            return self._by_token.get(token)

    def ids(self) -> list[str]:
        """Accepted access key IDs."""
        with self._lock:
            return list(self._by_id)


class NonceCache:
    """Nonces seen within the replay window, bounded in size (oldest dropped first)."""

    def __init__(self, window: float = 2 * MAX_CLOCK_SKEW, max_entries: int = 100000):
        self._window = window
        self._max = max_entries
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._lock = threading.Lock()

    def use(self, access_key_id: str, nonce: str, now: float) -> bool:
        """Record the nonce; False when it was already used within the window."""
        key = (access_key_id, nonce)
        with self._lock:
            while self._seen:
                oldest_key, expires = next(iter(self._seen.items()))
                if expires > now and len(self._seen) < self._max:
                    break
                del self._seen[oldest_key]
            if key in self._seen:
                return False
            self._seen[key] = now + self._window
            return True

    def __len__(self) -> int:
        return len(self._seen)


@dataclass(frozen=True)
class VerifiedRequest:
    """What a verified signature tells: who signed, which action and version, which style."""

    access_key_id: str
    action: str | None
    version: str | None
    style: str


class Verifier:
    """Checks V3 and V1 signatures, dates, nonces and security tokens of incoming requests."""

    def __init__(self, keyring: KeyRing, clock=time.time, nonces: NonceCache | None = None):
        self.keyring = keyring
        self.clock = clock
        self.nonces = nonces or NonceCache()

    def verify(self, method: str, path: str, query: list[tuple[str, str]], form: list[tuple[str, str]],
               headers: Mapping[str, str], body: bytes) -> VerifiedRequest:
        """Verify a request; ``headers`` maps lower-case names to values. Raises ApiError on any failure."""
        authorization = headers.get('authorization')
        if authorization:
            return self._verify_v3(method, path, query, headers, body, authorization)
        names = {pair[0] for pair in query + form}
        if names & {'Signature', 'AccessKeyId', 'SignatureNonce', 'SignatureMethod'}:
            return self._verify_v1(method, query + form)
        raise ApiError(400, 'MissingAuthorization',
                       'The request is not signed: send an ACS3-HMAC-SHA256 Authorization header (or the V1 Signature parameters).')

    # -- V3 ----------------------------------------------------------------------------------------------------------

    def _verify_v3(self, method, path, query, headers, body, authorization) -> VerifiedRequest:
        fields = parse_authorization(authorization)
        key = self._key(fields['Credential'])
        declared_id = headers.get('x-acs-accesskey-id')
        if declared_id is not None and declared_id != key.access_key_id:
            raise ApiError(400, 'IncompleteSignature', 'The x-acs-accesskey-id header does not match the Credential of the Authorization header.')
        signed = [name.strip().lower() for name in fields['SignedHeaders'].split(';') if name.strip()]
        required = {'host'} | {name for name in headers if name.startswith('x-acs-')}
        if body:
            required.add('content-type')
        unsigned = sorted(required - set(signed))
        if unsigned:
            raise ApiError(400, 'IncompleteSignature', f'SignedHeaders must include {", ".join(unsigned)}.')
        absent = [name for name in signed if name not in headers]
        if absent:
            raise ApiError(400, 'IncompleteSignature', f'Headers listed in SignedHeaders are missing: {", ".join(absent)}.')
        self._check_token(key, headers.get('x-acs-security-token'))
        now = self.clock()
        self._check_date(headers.get('x-acs-date'), 'x-acs-date', now)
        nonce = headers.get('x-acs-signature-nonce')
        if not nonce:
            raise ApiError(400, 'IncompleteSignature', 'The x-acs-signature-nonce header is required.')
        payload_hash = headers.get('x-acs-content-sha256')
        if not payload_hash:
            raise ApiError(400, 'IncompleteSignature', 'The x-acs-content-sha256 header is required.')
        if payload_hash != sha256_hex(body):
            raise ApiError(400, 'SignatureDoesNotMatch', 'The x-acs-content-sha256 header does not match the SHA-256 of the request body.')
        canonical = v3_canonical_request(method, path, query, headers, signed, payload_hash)
        string_to_sign = v3_string_to_sign(canonical)
        expected = v3_signature(key.secret, string_to_sign)
        if not hmac.compare_digest(expected, fields['Signature']):
            raise ApiError(400, 'SignatureDoesNotMatch',
                           f'Specified signature does not match our calculation. server string to sign is:{string_to_sign}')
        self._check_nonce(key, nonce, now)
        return VerifiedRequest(key.access_key_id, headers.get('x-acs-action'), headers.get('x-acs-version'), 'V3')

    # -- V1 ----------------------------------------------------------------------------------------------------------

    def _verify_v1(self, method, params) -> VerifiedRequest:
        values = dict(params)
        for name in ('AccessKeyId', 'Signature', 'SignatureNonce', 'Timestamp'):
            if not values.get(name):
                raise ApiError(400, f'Missing{name}', f'{name} is mandatory for this action.')
        if values.get('SignatureMethod', V1_METHOD) != V1_METHOD or values.get('SignatureVersion', '1.0') != '1.0':
            raise ApiError(400, 'IncompleteSignature', 'V1 requests must use SignatureMethod HMAC-SHA1 and SignatureVersion 1.0.')
        key = self._key(values['AccessKeyId'])
        self._check_token(key, values.get('SecurityToken'))
        now = self.clock()
        self._check_date(values['Timestamp'], 'Timestamp', now)
        string_to_sign = v1_string_to_sign(method, params)
        expected = v1_signature(key.secret, string_to_sign)
        if not hmac.compare_digest(expected, values['Signature']):
            shown = v1_string_to_sign(method, [(n, _REDACTED if n == 'SecurityToken' else v) for n, v in params])
            raise ApiError(400, 'SignatureDoesNotMatch',
                           f'Specified signature does not match our calculation. server string to sign is:{shown}')
        self._check_nonce(key, values['SignatureNonce'], now)
        return VerifiedRequest(key.access_key_id, values.get('Action'), values.get('Version'), 'V1')

    # -- shared checks -------------------------------------------------------------------------------------------------

    def _key(self, access_key_id: str) -> AccessKey:
        key = self.keyring.get(access_key_id)
        if key is None:
            raise ApiError(404, 'InvalidAccessKeyId.NotFound', f'Specified access key is not found: {access_key_id[:64]}')
        return key

    def _check_token(self, key: AccessKey, token: str | None) -> None:
        if not token:
            if key.security_token:
                raise ApiError(400, 'MissingSecurityToken', 'This access key is temporary: the request must carry its security token.')
            return
        owner = self.keyring.by_token(token)
        if owner is None:
            raise ApiError(400, 'InvalidSecurityToken.Malformed', 'The security token is malformed or unknown.')
        if owner.access_key_id != key.access_key_id:
            raise ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'The security token does not belong to this access key.')
        if owner.token_expiration is not None and self.clock() >= owner.token_expiration:
            raise ApiError(400, 'InvalidSecurityToken.Expired', 'The security token has expired.')

    @staticmethod
    def _check_date(value: str | None, name: str, now: float) -> None:
        if not value:
            raise ApiError(400, 'InvalidTimeStamp.Format', f'The {name} is missing; it must be UTC YYYY-MM-DDThh:mm:ssZ.')
        try:
            stamp = parse_timestamp(value)
        except ValueError:
            raise ApiError(400, 'InvalidTimeStamp.Format', f'The {name} {value[:40]!r} is not UTC YYYY-MM-DDThh:mm:ssZ.') from None
        if abs(now - stamp) > MAX_CLOCK_SKEW:
            server = datetime.fromtimestamp(now, timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
            raise ApiError(400, 'InvalidTimeStamp.Expired',
                           f'Specified time stamp or date value is expired: {name} {value} is more than 15 minutes from the server time {server}.')

    def _check_nonce(self, key: AccessKey, nonce: str, now: float) -> None:
        if not self.nonces.use(key.access_key_id, nonce, now):
            raise ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.')
