# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The exception types of the collection.

``ConfigError``: something the user can fix in their options (one line, names the option).
``ServiceCatalogError``: a call that failed, from the API (HTTP status, Code, Message, RequestId)
or on the way to it (connection refused, TLS, time-outs: status None, a descriptive Code).
``CredentialError``: a ServiceCatalogError raised while getting credentials (STS, the ECS metadata
service), never a statement about the resource asked for.
Errors are built with their final fields: ``replace()`` returns a new one instead of changing it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import threading

try:
    import requests
except ImportError:  # pragma: no cover - reported by the client through missing_required_lib
    requests = None


class ConfigError(Exception):
    """Bad or missing input; the message is one line naming the option and what is allowed."""


class ServiceCatalogError(Exception):
    """A failed API call, with everything the API said about it."""

    def __init__(self, action, status, code, message, request_id=None, host_id=None, recommend=None,
                 access_denied_detail=None, retryable=False, retry_after=None, attempts=1):
        # Every text field passes the redaction of known secrets once more, whatever built it.
        self.action = action
        self.status = status
        self.code = redact_value(code, ())
        self.message = redact_value(message, ())
        self.request_id = redact_value(request_id, ())
        self.host_id = redact_value(host_id, ())
        self.recommend = redact_value(recommend, ())
        self.access_denied_detail = redact_value(access_denied_detail, ())
        self.retryable = retryable
        self.retry_after = retry_after
        self.attempts = attempts
        super(ServiceCatalogError, self).__init__(self.__str__())

    _FIELDS = ('action', 'status', 'code', 'message', 'request_id', 'host_id', 'recommend', 'access_denied_detail',
               'retryable', 'retry_after', 'attempts')

    def replace(self, **changes):
        """A new error of the same class with ``changes`` applied (e.g. ``attempts``)."""
        fields = dict((name, getattr(self, name)) for name in self._FIELDS)
        fields.update(changes)
        return type(self)(**fields)

    @property
    def not_found(self):
        code = self.code or ''
        if code.startswith(('InvalidAccessKeyId', 'InvalidAction')):
            return False
        return self.status == 404 or code.startswith('EntityNotExist') or code.endswith('.NotFound')

    @property
    def access_denied(self):
        code = self.code or ''
        return self.status == 403 or code.startswith(('Forbidden', 'NoPermission'))

    def short(self):
        if self.status and self.code == 'HTTP%s' % self.status:  # a code we made up from the status
            return 'HTTP %s' % self.status
        status = 'HTTP %s ' % self.status if self.status else ''
        return '%s%s' % (status, self.code)

    def __str__(self):
        message = (self.message or '(no message)').strip().rstrip('.')
        parts = ['%s failed: %s: %s' % (self.action, self.short(), message)]
        if self.request_id:
            parts.append('RequestId: %s' % self.request_id)
        if self.recommend:
            parts.append('Recommend: %s' % self.recommend)
        if self.access_denied_detail:
            parts.append('AccessDeniedDetail: %s' % _flat(self.access_denied_detail))
        if self.attempts > 1:
            parts.append('after %d attempts' % self.attempts)
        parts.extend(hint for codes, hint in _HINTS if self.code in codes)
        # one line, whatever the API put in its Message
        return ' '.join('; '.join(parts).split())

    def to_dict(self):
        """The ``error`` value modules return: snake_case keys, None values left out.

        ``access_denied_detail`` is the API's object as sent (its keys keep the API's CamelCase).
        """
        data = {
            'action': self.action,
            'http_status': self.status,
            'code': self.code,
            'message': self.message,
            'request_id': self.request_id,
            'host_id': self.host_id,
            'recommend': self.recommend,
            'access_denied_detail': self.access_denied_detail,
            'attempts': self.attempts,
        }
        return dict((k, v) for k, v in data.items() if v is not None)


# What to check, for the codes whose Message does not say what a newcomer should do.
_HINTS = (
    (('SignatureDoesNotMatch',), 'check the AccessKey secret: it is not the secret of this AccessKey ID (or it was copied with extra characters)'),
    (('InvalidAccessKeyId.NotFound', 'InvalidAccessKeyId'), 'check the AccessKey ID: no such key exists (or it was deleted)'),
    (('InvalidTimeStamp.Expired', 'RequestTimeTooSkewed'),
     "check this machine's clock: a request whose time is more than 15 minutes off the service's is refused"),
)


class CredentialError(ServiceCatalogError):
    """Getting credentials failed (STS AssumeRole, the ECS metadata service): a setup problem, not
    an answer about the resource asked for; lookups never take it for "missing" or "denied"."""


# AccessDeniedDetail keys shown first, in this order; EncodedDiagnosticMessage (long, opaque: decode
# it with RAM DecodeDiagnosticMessage) stays in the error dict only.
_DENIED_FIRST = ('AuthAction', 'NoPermissionType', 'PolicyType', 'AuthPrincipalType', 'AuthPrincipalDisplayName',
                 'AuthPrincipalOwnerId')
_DENIED_HIDDEN = ('EncodedDiagnosticMessage',)


def _flat(value):
    if isinstance(value, dict):
        keys = [k for k in _DENIED_FIRST if k in value] + sorted(k for k in value if k not in _DENIED_FIRST + _DENIED_HIDDEN)
        text = ', '.join('%s=%s' % (k, value[k]) for k in keys)
        if any(k in value for k in _DENIED_HIDDEN):
            text += ' (EncodedDiagnosticMessage in error.access_denied_detail)'
        return text
    return str(value)


class WaitTimeout(Exception):
    """``wait`` ran out of ``wait_timeout`` before the resource settled; ``item`` is its last state."""

    def __init__(self, message, item=None):
        self.item = item
        super(WaitTimeout, self).__init__(message)


class WaitFailed(WaitTimeout):
    """``wait`` ended with items that timed out or settled badly; the module fails with ``result``
    (ServiceCatalogModule.errors). Here rather than in info.py, so that a resource module raising it
    does not import the _info modules' machinery."""

    def __init__(self, message, result, warnings=()):
        super(WaitFailed, self).__init__(message)
        self.result = result
        self.warnings = list(warnings)


# The scheme is bounded (no real one is longer): an unbounded one made a long text without "://"
# quadratic to scan (100,000 letters took minutes).
_URL_USERINFO_RE = re.compile(r'(?i)\b([a-z][a-z0-9+.-]{0,30}://)[^/@\s]+@')

# Every secret this process sends or receives (an access key secret, a security token, an OIDC
# token, the query of a credentials URI, an ECS metadata token) is remembered here by the code that
# sends it, so that ``redact`` removes it from any text, whichever path builds that text: a value a
# malformed answer echoes where a field belongs is quoted through ``redact`` too. Values shorter than
# MIN_SECRET_CHARS are not remembered (they would blank ordinary words; no real secret is that
# short); the MAX_REMEMBERED most recent are kept (a long-lived controller renews tokens for hours).
MIN_SECRET_CHARS = 6
MAX_REMEMBERED = 256
_remembered = []
_remembered_lock = threading.Lock()


def remember_secrets(*values):
    """Add every string of ``values`` (long enough to be a secret) to the secrets ``redact`` always removes."""
    new = [v for v in values if isinstance(v, str) and len(v) >= MIN_SECRET_CHARS]
    if not new:
        return
    with _remembered_lock:
        for value in new:
            if value in _remembered:
                _remembered.remove(value)
            _remembered.append(value)
        del _remembered[:-MAX_REMEMBERED]


def redact(text, secrets):
    """Defence in depth: replace every non-empty string of ``secrets`` and every remembered secret
    (``remember_secrets``) found in ``text`` by ``********``, and the ``user:password@`` of any URL
    (a proxy's, for instance). The longest first, so that no part of a longer secret survives."""
    text = _URL_USERINFO_RE.sub(r'\1********@', text)
    with _remembered_lock:
        known = list(_remembered)
    for secret in sorted(set(s for s in list(secrets) + known if s), key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, '********')
    return text


def quoted(value, secrets=(), limit=200):
    """``value`` as text fit to quote in an error or a warning: redacted first (no part of a secret
    survives the cut), then cut to ``limit`` characters with a note saying how long it was."""
    text = redact(value if isinstance(value, str) else str(value), secrets)
    if len(text) > limit:
        text = '%s... [cut: %d characters in all]' % (text[:limit], len(text))
    return text


def quoted_repr(value, secrets=(), limit=40):
    """``repr(value)`` fit to quote: a text redacted before its repr (which could escape part of a
    secret) and the repr cut as ``quoted`` cuts."""
    return quoted(repr(redact(value, secrets) if isinstance(value, str) else value), secrets, limit)


def redact_value(value, secrets):
    """``redact`` applied to every string inside ``value`` (dicts and lists, nested); other values as they are."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return dict((redact_value(k, secrets), redact_value(v, secrets)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [redact_value(v, secrets) for v in value]
    return value


_QUERY_RE = re.compile(r'\?[^\s\'")]+')


def transport_error(action, exc, host, timeout, secrets=(), hint='check endpoint and alicloud_region',
                    redact_query=False, error_class=ServiceCatalogError):
    """The ServiceCatalogError for a ``requests`` exception raised on the way to ``host``.

    ``timeout`` is the ``(connect, read)`` pair used; ``secrets`` are removed from any text taken
    from the exception; ``hint`` ends the name-resolution message; ``redact_query`` replaces every
    URL query in the exception text (for requests that carry credentials in their query string).
    Codes: TLSError, ConnectTimeout, ReadTimeout, ProxyError, NameResolutionError, ConnectionRefused,
    ConnectionError, RequestError; ``retryable`` is set for the transient ones.
    """
    text = redact(str(exc), secrets)
    if redact_query:
        text = _QUERY_RE.sub('?<query>', text)
    exceptions = getattr(requests, 'exceptions', None)
    if exceptions is not None and isinstance(exc, exceptions.SSLError):
        code, retryable = 'TLSError', False
        low = text.lower()
        if 'wrong version number' in low or 'record layer failure' in low or 'unknown protocol' in low or 'packet length too long' in low:
            message = ('TLS handshake with %s failed: the server does not speak TLS on that port (plain HTTP? then write '
                       'http:// in the address)' % host)
        else:
            message = 'TLS handshake with %s failed (certificate not trusted? see validate_certs and ca_bundle): %s' % (host, text)
    elif exceptions is not None and isinstance(exc, exceptions.ConnectTimeout):
        code, retryable, message = 'ConnectTimeout', True, 'connecting to %s timed out after %ss' % (host, timeout[0])
    elif exceptions is not None and isinstance(exc, exceptions.ReadTimeout):
        code, retryable, message = 'ReadTimeout', True, 'no answer from %s within %ss' % (host, timeout[1])
    elif exceptions is not None and isinstance(exc, exceptions.ProxyError):
        code, retryable = 'ProxyError', True
        message = 'cannot reach %s through the proxy from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (set NO_PROXY to bypass it): %s' % (
            host, text)
    elif exceptions is not None and isinstance(exc, exceptions.ConnectionError):
        low = text.lower()
        if 'name or service not known' in low or 'nodename nor servname' in low or 'failed to resolve' in low \
                or 'name resolution' in low or 'getaddrinfo failed' in low:
            code, retryable = 'NameResolutionError', False
            message = 'cannot resolve the endpoint host %s; %s' % (host, hint)
        elif 'refused' in low:
            code, retryable, message = 'ConnectionRefused', True, 'connection to %s refused' % host
        else:
            code, retryable, message = 'ConnectionError', True, 'connection to %s failed: %s' % (host, text)
    else:
        code, retryable, message = 'RequestError', False, 'request to %s failed: %s' % (host, text)
    return error_class(action=action, status=None, code=code, message=message, retryable=retryable)
