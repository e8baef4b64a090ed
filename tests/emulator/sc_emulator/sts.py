"""STS AssumeRole and AssumeRoleWithOIDC (2015-04-01) and the temporary credentials the emulator issues (STS, OIDC, the ECS
metadata service and the credentials URI).

AssumeRoleWithOIDC (api/credentials.md section 6) is unsigned: the caller proves itself with ``OIDCToken``, which must be a token
this emulator issued (``POST /_emulator/oidc-token``: JWT-shaped, HS256 with a key of this process, with ``iss``, ``sub``, ``aud``,
``iat``, ``exp``) and not expired, or one given with ``--oidc-token``; ``OIDCProviderArn`` must be one of the emulator's OIDC
providers (``--oidc-provider``, default ``DEFAULT_OIDC_PROVIDER_ARN``) and ``RoleArn`` one of its roles. The answer has
``Credentials``, ``AssumedRoleUser`` and ``OIDCTokenInfo`` as the STS SDK models them. The error codes of a refused token
(``AuthenticationFail.OIDCToken.*``, ``EntityNotExist.OIDCProvider``) follow Alibaba's naming pattern; they are not confirmed
by the facts in api/ (unsure).

Issued keys go into the server's KeyRing at once (with their token and expiration), so the same emulator accepts them
for Service Catalog calls and answers ``InvalidSecurityToken.Expired`` once they have expired. Their secrets and tokens
are registered as sensitive values, so no log shows them.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import string
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from .errors import ApiError, invalid_parameter, missing_parameter
from .model import DEFAULT_ACCOUNT_UID, iso
from .signing import AccessKey, KeyRing

STS_VERSION = '2015-04-01'
STS_PRODUCT_CODE = 'Sts'
STS_HOST_ID = 'sts.aliyuncs.com'
DEFAULT_ROLE_ARN = f'acs:ram::{DEFAULT_ACCOUNT_UID}:role/servicecatalog-reader'
DEFAULT_OIDC_PROVIDER_ARN = f'acs:ram::{DEFAULT_ACCOUNT_UID}:oidc-provider/ack-rrsa-emulator'
OIDC_ISSUER = 'https://oidc-ack.emulator.invalid/ack-rrsa-emulator'
OIDC_AUDIENCE = 'sts.aliyuncs.com'
DEFAULT_OIDC_SUBJECT = 'system:serviceaccount:awx:awx-ee'
SOURCES = ('sts', 'oidc', 'metadata', 'uri')
DURATION_DEFAULT, DURATION_MIN, DURATION_MAX = 3600, 900, 43200
MAX_ISSUED = 10000  # issued keys kept in the ring; older ones are forgotten (then: InvalidAccessKeyId.NotFound)

_ROLE_ARN_RE = re.compile(r'^acs:ram::(\d{1,32}):role/([A-Za-z0-9.@_-]{1,64})$')
_OIDC_PROVIDER_RE = re.compile(r'^acs:ram::(\d{1,32}):oidc-provider/([A-Za-z0-9.@_-]{1,128})$')
_SESSION_RE = re.compile(r'^[A-Za-z0-9.@_-]{2,64}$')
_INT_RE = re.compile(r'^\s*\+?\d{1,9}\s*$')
_ID_ALPHABET = string.ascii_letters + string.digits


def role_id(uid: str, name: str) -> str:
    """A stable 18-digit role ID (the first part of AssumedRoleId), derived from the account and the lower-case name."""
    digest = hashlib.sha256(f'{uid}:{name.lower()}'.encode('utf-8')).hexdigest()
    return f'3{int(digest[:16], 16) % 10 ** 17:017d}'


@dataclass(frozen=True)
class Role:
    """A RAM role that AssumeRole accepts; ``external_id`` set means the role's trust policy requires that ExternalId."""

    uid: str
    name: str
    external_id: str | None = None

    @property
    def arn(self) -> str:
        return f'acs:ram::{self.uid}:role/{self.name}'

    @property
    def role_id(self) -> str:
        return role_id(self.uid, self.name)

    @classmethod
    def parse(cls, spec: str) -> Role:
        """``acs:ram::<uid>:role/<name>[#EXTERNAL_ID]``; ValueError otherwise."""
        arn, sep, external_id = spec.partition('#')
        match = _ROLE_ARN_RE.match(arn)
        if not match:
            raise ValueError('a role is acs:ram::<uid>:role/<name>[#EXTERNAL_ID] (name: 1-64 of A-Z a-z 0-9 . @ _ -)')
        if sep and not external_id:
            raise ValueError('the ExternalId after # must not be empty')
        return cls(match.group(1), match.group(2), external_id or None)

    def __repr__(self) -> str:
        return f'Role({self.arn!r}, external_id={"<set>" if self.external_id else None})'


@dataclass(frozen=True)
class Issued:
    """One temporary key the emulator issued (its AccessKey holds the secret and the token)."""

    key: AccessKey
    source: str  # one of SOURCES
    role: Role
    session: str
    issued_at: float
    expiration: float

    def public(self) -> dict:
        """What ``GET /_emulator/credentials`` shows: no secret, no token."""
        return {'access_key_id': self.key.access_key_id, 'source': self.source, 'role_arn': self.role.arn, 'session': self.session,
                'issued': iso(self.issued_at), 'expiration': iso(self.expiration)}


def _random_id(length: int) -> str:
    return ''.join(secrets.choice(_ID_ALPHABET) for _n in range(length))


class CredentialIssuer:
    """Makes temporary keys (``STS.`` + random ID, random secret, ``CAIS`` token), adds them to the key ring, counts them."""

    def __init__(self, keyring: KeyRing, lifetime_cap: float = 0.0, clock: Callable[[], float] = time.time):
        if lifetime_cap < 0:
            raise ValueError('the credential lifetime cap is >= 0 seconds (0: no cap)')
        self.keyring = keyring
        self.lifetime_cap = float(lifetime_cap)
        self.clock = clock
        self._lock = threading.Lock()
        self._issued: OrderedDict[str, Issued] = OrderedDict()
        self._counts = dict.fromkeys(SOURCES, 0)

    def lifetime(self, requested: float) -> float:
        """The lifetime a credential gets: the requested one, capped by ``--credential-lifetime`` when set."""
        return min(requested, self.lifetime_cap) if self.lifetime_cap > 0 else requested

    def issue(self, source: str, role: Role, session: str, requested_lifetime: float) -> Issued:
        """A new temporary key, accepted at once; it expires at a whole second, no sooner than the (capped) lifetime."""
        now = self.clock()
        expiration = float(math.ceil(now + self.lifetime(requested_lifetime)))
        token = 'CAIS' + base64.b64encode(os.urandom(180)).decode('ascii')  # '+', '/' and '=' as in real tokens
        key = AccessKey('STS.N' + _random_id(27), _random_id(44), token, expiration)
        issued = Issued(key, source, role, session, now, expiration)
        with self._lock:
            self.keyring.add(key)
            self._issued[key.access_key_id] = issued
            self._counts[source] = self._counts.get(source, 0) + 1
            while len(self._issued) > MAX_ISSUED:
                old_id, _old = self._issued.popitem(last=False)
                self.keyring.remove(old_id)
        return issued

    def issued(self, access_key_id: str) -> Issued | None:
        """The record of an issued key (role, session...; None for configured keys)."""
        with self._lock:
            return self._issued.get(access_key_id)

    def role_of(self, access_key_id: str) -> Role | None:
        """The role an issued key belongs to (None for configured keys)."""
        with self._lock:
            issued = self._issued.get(access_key_id)
            return issued.role if issued else None

    def snapshot(self, recent: int = 20) -> dict:
        """Counts per source (issued since start, still valid now) and the most recent issued keys, without secrets."""
        now = self.clock()
        with self._lock:
            items = list(self._issued.values())
            counts = dict(self._counts)
        active: dict[str, int] = {}
        for item in items:
            if item.expiration > now:
                active[item.source] = active.get(item.source, 0) + 1
        return {source: {'issued': counts.get(source, 0), 'active': active.get(source, 0)} for source in SOURCES} | {
            'recent': [item.public() for item in items[-recent:]]}


class AssumeRole:
    """The AssumeRole action: parameter checks, the role's trust (ExternalId), and the answer with fresh credentials."""

    def __init__(self, issuer: CredentialIssuer, roles: Iterable[Role]):
        self.issuer = issuer
        self.roles = {role.arn.lower(): role for role in roles}

    def call(self, params: Mapping[str, str], request_id: str) -> dict:
        """The AssumeRole answer; raises ApiError with the STS error codes."""
        arn = (params.get('RoleArn') or '').strip()
        if not arn:
            raise missing_parameter('RoleArn')
        if not _ROLE_ARN_RE.match(arn):
            raise invalid_parameter(f'The parameter RoleArn is wrongly formed: {arn[:100]!r} (expected acs:ram::<uid>:role/<name>).',
                                    'InvalidParameter.RoleArn')
        session = params.get('RoleSessionName') or ''
        if not session:
            raise missing_parameter('RoleSessionName')
        if not _SESSION_RE.match(session):
            raise invalid_parameter('The parameter RoleSessionName is wrongly formed: 2-64 characters among A-Z a-z 0-9 . @ _ -.',
                                    'InvalidParameter.RoleSessionName')
        duration = self._duration(params.get('DurationSeconds'))
        policy = params.get('Policy')
        if policy:
            try:
                document = json.loads(policy)
            except ValueError:
                document = None
            if not isinstance(document, dict):
                raise invalid_parameter('The parameter Policy has not passed grammar check: a JSON policy document (object) is expected.',
                                        'InvalidParameter.PolicyGrammar')
        role = self.roles.get(arn.lower())
        if role is None:
            raise ApiError(404, 'EntityNotExist.Role', f'The specified Role not exists: {arn[:100]}')
        if role.external_id is not None and params.get('ExternalId') != role.external_id:
            raise ApiError(403, 'NoPermission', 'No permission perform sts:AssumeRole on this Role. Maybe you should check the role\'s '
                                                'trust policy: it requires an ExternalId, and the request has none or another one.',
                           {'AccessDeniedDetail': {'AuthAction': 'sts:AssumeRole', 'AuthPrincipalOwnerId': role.uid, 'AuthPrincipalType': 'SubUser',
                                                   'NoPermissionType': 'ImplicitDeny', 'PolicyType': 'AssumeRolePolicy'}})
        issued = self.issuer.issue('sts', role, session, duration)
        key = issued.key
        return {'RequestId': request_id,
                'Credentials': {'AccessKeyId': key.access_key_id, 'AccessKeySecret': key.secret, 'SecurityToken': key.security_token,
                                'Expiration': iso(issued.expiration)},
                'AssumedRoleUser': {'Arn': f'{role.arn}/{session}', 'AssumedRoleId': f'{role.role_id}:{session}'}}

    @staticmethod
    def _duration(raw: str | None) -> int:
        if raw in (None, ''):
            return DURATION_DEFAULT
        value = int(raw) if _INT_RE.match(raw) else None
        if value is None or not DURATION_MIN <= value <= DURATION_MAX:
            raise invalid_parameter(f'The Min/Max value of DurationSeconds is {DURATION_MIN}/{DURATION_MAX} seconds; got {raw[:40]!r}.',
                                    'InvalidParameter.DurationSeconds')
        return value


# -- AssumeRoleWithOIDC ----------------------------------------------------------------------------------------------------

def check_oidc_provider_arn(arn: str) -> str:
    """``acs:ram::<uid>:oidc-provider/<name>``; ValueError otherwise."""
    if not _OIDC_PROVIDER_RE.match(arn):
        raise ValueError('an OIDC provider is acs:ram::<uid>:oidc-provider/<name> (name: 1-128 of A-Z a-z 0-9 . @ _ -)')
    return arn


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode('ascii').rstrip('=')


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


class OidcTokens:
    """The OIDC tokens AssumeRoleWithOIDC accepts: those it issued (signed with a key of this process) and fixed ones."""

    def __init__(self, accepted: Iterable[str] = (), clock: Callable[[], float] = time.time):
        self._key = os.urandom(32)
        self.accepted = frozenset(token for token in accepted if token)
        self.clock = clock

    def issue(self, subject: str = DEFAULT_OIDC_SUBJECT, lifetime: float = 3600.0) -> dict:
        """A new token (``POST /_emulator/oidc-token``): ``{'token', 'subject', 'expiration'}``."""
        if not isinstance(subject, str) or not 1 <= len(subject) <= 256:
            raise ValueError('subject: a string of 1 to 256 characters')
        if isinstance(lifetime, bool) or not isinstance(lifetime, (int, float)) or not 1 <= lifetime <= 86400:
            raise ValueError('lifetime: seconds between 1 and 86400')
        now = int(self.clock())
        claims = {'iss': OIDC_ISSUER, 'sub': subject, 'aud': OIDC_AUDIENCE, 'iat': now, 'exp': now + int(lifetime), 'jti': _random_id(16)}
        head = _b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
        body = _b64(json.dumps(claims, separators=(',', ':')).encode())
        signature = _b64(hmac.new(self._key, f'{head}.{body}'.encode(), hashlib.sha256).digest())
        return {'token': f'{head}.{body}.{signature}', 'subject': subject, 'expiration': iso(claims['exp'])}

    def verify(self, token: str) -> dict:
        """The token's claims; ApiError when it is neither issued here (and unexpired) nor accepted as given."""
        now = int(self.clock())
        if token in self.accepted:
            return {'iss': OIDC_ISSUER, 'sub': 'emulator-accepted-token', 'aud': OIDC_AUDIENCE, 'iat': now, 'exp': now + 3600}
        parts = token.split('.')
        claims = None
        if len(parts) == 3:
            expected = _b64(hmac.new(self._key, f'{parts[0]}.{parts[1]}'.encode(), hashlib.sha256).digest())
            if hmac.compare_digest(expected, parts[2]):
                try:
                    claims = json.loads(_unb64(parts[1]))
                except ValueError:
                    claims = None
        if not isinstance(claims, dict):
            raise ApiError(400, 'AuthenticationFail.OIDCToken.Invalid',
                           'The OIDC token is invalid: its signature cannot be verified with the keys of the OIDC provider.')
        if claims.get('iss') != OIDC_ISSUER:
            raise ApiError(400, 'AuthenticationFail.OIDCToken.IssuerError', 'The issuer of the OIDC token is not the issuer of the OIDC provider.')
        if not isinstance(claims.get('exp'), int) or claims['exp'] <= now:
            raise ApiError(400, 'AuthenticationFail.OIDCToken.Expired', 'The OIDC token has expired.')
        return claims


class AssumeRoleWithOidc:
    """The AssumeRoleWithOIDC action: the provider, the token, the role, and the answer with fresh credentials."""

    def __init__(self, issuer: CredentialIssuer, roles: Iterable[Role], providers: Iterable[str], tokens: OidcTokens):
        self.issuer = issuer
        self.roles = {role.arn.lower(): role for role in roles}
        self.providers = {check_oidc_provider_arn(arn).lower(): arn for arn in providers}
        self.tokens = tokens

    def call(self, params: Mapping[str, str], request_id: str) -> dict:
        """The AssumeRoleWithOIDC answer; raises ApiError with STS error codes. Nothing of the token goes into an error."""
        for name in ('OIDCProviderArn', 'RoleArn', 'OIDCToken'):
            if not (params.get(name) or '').strip():
                raise missing_parameter(name)
        provider, arn, token = params['OIDCProviderArn'].strip(), params['RoleArn'].strip(), params['OIDCToken'].strip()
        if not _OIDC_PROVIDER_RE.match(provider):
            raise invalid_parameter(f'The parameter OIDCProviderArn is wrongly formed: {provider[:100]!r}.', 'InvalidParameter.OIDCProviderArn')
        if not _ROLE_ARN_RE.match(arn):
            raise invalid_parameter(f'The parameter RoleArn is wrongly formed: {arn[:100]!r} (expected acs:ram::<uid>:role/<name>).',
                                    'InvalidParameter.RoleArn')
        session = params.get('RoleSessionName') or ''
        if session and not _SESSION_RE.match(session):
            raise invalid_parameter('The parameter RoleSessionName is wrongly formed: 2-64 characters among A-Z a-z 0-9 . @ _ -.',
                                    'InvalidParameter.RoleSessionName')
        duration = AssumeRole._duration(params.get('DurationSeconds'))  # pylint: disable=protected-access
        if provider.lower() not in self.providers:
            raise ApiError(404, 'EntityNotExist.OIDCProvider', f'The specified OIDC provider does not exist: {provider[:100]}')
        claims = self.tokens.verify(token)
        role = self.roles.get(arn.lower())
        if role is None:
            raise ApiError(404, 'EntityNotExist.Role', f'The specified Role not exists: {arn[:100]}')
        session = session or f'oidc-{_random_id(8)}'
        issued = self.issuer.issue('oidc', role, session, duration)
        key = issued.key
        return {'RequestId': request_id,
                'Credentials': {'AccessKeyId': key.access_key_id, 'AccessKeySecret': key.secret, 'SecurityToken': key.security_token,
                                'Expiration': iso(issued.expiration)},
                'AssumedRoleUser': {'Arn': f'{role.arn}/{session}', 'AssumedRoleId': f'{role.role_id}:{session}'},
                'OIDCTokenInfo': {'Subject': claims.get('sub'), 'Issuer': claims.get('iss'), 'ClientIds': claims.get('aud'),
                                  'IssuanceTime': iso(claims.get('iat', 0)), 'ExpirationTime': iso(claims.get('exp', 0)),
                                  'VerificationInfo': 'Success: The OIDC token is verified.'}}
