# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The transport core shared by the Service Catalog client, STS and the ECS metadata service.

- ``Settings``: built once from the options and the environment (time-outs, TLS verification and
  CA bundle, endpoint, retries, parallel reads, proxies through ``requests``' own environment
  handling), with the HTTP sessions, one per kind of peer.
- ``RetryPolicy``: attempts, full-jitter exponential backoff, a server's ``x-acs-retry-after`` /
  ``Retry-After`` as a floor, an overall deadline; an error retries when its ``retryable`` says so.
- ``parse_error``: the one reader of ACS error documents (and of answers that are not one).
- ``parse_url``, ``user_agent``, ``retry_after_seconds``: small shared helpers.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import random
import re
import sys
import threading
import time
import traceback

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover
    from urlparse import urlsplit  # type: ignore

try:
    import requests
    import requests.adapters
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - reported through missing_required_lib
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, redact, redact_value

COLLECTION_NAME = 'alicloud.servicecatalog'
COLLECTION_VERSION = '0.2.0'

ENV_ENDPOINT = 'ALICLOUD_SERVICECATALOG_ENDPOINT'
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 10.0
DEFAULT_RETRIES = 5
MAX_RETRIES = 50
DEFAULT_RETRY_MAX_SECONDS = 120.0
DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 64

REGION_RE = re.compile(r'^[a-z]{2,}(-[a-z0-9]+)+$')
_HOST_RE = re.compile(r'^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$')

# Codes that mean "slow down / try again", whatever the HTTP status that carries them.
THROTTLING_CODES = frozenset([
    'Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Tenant', 'ServiceUnavailable',
    'InternalError', 'RequestTimeout', 'ServiceTimeout',
])


def need_requests(what='alicloud.servicecatalog'):
    if not HAS_REQUESTS:
        raise ConfigError('the python library requests is required by %s; install it with pip install requests' % what)


def clean(value):
    """A setting's value stripped, or None when unset or blank."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


class Settings:
    """Option values with their environment fallbacks, validated once, and the HTTP sessions.

    ``options`` is a dict of this collection's option names (None = unset); ``environ`` defaults
    to ``os.environ``; ``log`` is an optional callable taking one line; ``clock`` (``time.time``)
    and ``sleep`` (``time.sleep``) are for tests. Raises ConfigError naming the option for a bad value.
    """

    def __init__(self, options=None, environ=None, log=None, clock=None, sleep=None):
        self.options = dict(options or {})
        self.environ = os.environ if environ is None else environ
        self.log = log
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep
        self.home = self.env('HOME') or os.path.expanduser('~')
        self.retries = self._number('retries', DEFAULT_RETRIES, int)
        if not 0 <= self.retries <= MAX_RETRIES:
            raise ConfigError('retries: must be between 0 and %d, got %s' % (MAX_RETRIES, self.retries))
        self.retry_max_seconds = self._number('retry_max_seconds', DEFAULT_RETRY_MAX_SECONDS, float)
        name = 'concurrency' if self.options.get('concurrency') is not None else 'max_workers'
        self.max_workers = self._number(name, DEFAULT_CONCURRENCY, int)
        if not 1 <= self.max_workers <= MAX_CONCURRENCY:
            raise ConfigError('concurrency: must be between 1 and %d, got %s' % (MAX_CONCURRENCY, self.max_workers))
        self.timeout = tuple(self._positive(name, default) for name, default in (
            ('connect_timeout', DEFAULT_CONNECT_TIMEOUT), ('read_timeout', DEFAULT_READ_TIMEOUT)))
        ca_bundle = self.options.get('ca_bundle')
        validate = self.options.get('validate_certs')
        validate = True if validate is None else bool(validate)
        if ca_bundle and validate and not os.path.isfile(ca_bundle):
            raise ConfigError('ca_bundle: %s is not a readable file of PEM certificates' % ca_bundle)
        # Passed with every request too: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a
        # session's verify (even False), but not a request's explicit ca_bundle path or False.
        self.verify = ca_bundle if (ca_bundle and validate) else validate
        self.endpoint = clean(self.options.get('endpoint')) or self.env(ENV_ENDPOINT)
        self.region = clean(self.options.get('alicloud_region'))
        self._sessions = {}
        self._lock = threading.Lock()

    # -- values ---------------------------------------------------------------------------------

    def _number(self, name, default, kind):
        value = self.options.get(name)
        if value is None:
            return default
        try:
            if isinstance(value, bool):
                raise ValueError()
            return kind(value)
        except (TypeError, ValueError):
            raise ConfigError('%s: must be a number, got %r' % (name, value))

    def _positive(self, name, default):
        value = self._number(name, default, float)
        if value <= 0:
            raise ConfigError('%s: must be a positive number of seconds, got %s' % (name, value))
        return value

    def say(self, message):
        if self.log is not None:
            self.log(message)

    def env(self, name):
        return clean(self.environ.get(name))

    def flag(self, name):
        return (self.env(name) or '').lower() == 'true'

    def setting(self, option, env_names=()):
        """``(value, label)``: the option, else the first variable set; label names where it came from."""
        value = clean(self.options.get(option)) if option else None
        if value is not None:
            return value, option
        for name in env_names:
            value = self.env(name)
            if value is not None:
                return value, ('%s (from %s)' % (option, name)) if option else name
        return None, option

    def path(self, path):
        path = str(path)
        if path == '~' or path.startswith('~' + os.sep) or path.startswith('~/'):
            path = os.path.join(self.home, path[2:]) if len(path) > 1 else self.home
        return os.path.expanduser(path)

    def show(self, path):
        """A path as shown to the user: under the home directory as ~/..."""
        home = self.home.rstrip(os.sep)
        if home and path.startswith(home + os.sep):
            return '~' + path[len(home):]
        return path

    # -- sessions -------------------------------------------------------------------------------

    def session(self, kind):
        """One ``requests.Session`` per kind of peer: ``api`` (a pool as wide as ``max_workers``),
        ``sts`` (proxies from the environment) or ``metadata`` (no proxy: the service is link-local)."""
        need_requests()
        with self._lock:
            session = self._sessions.get(kind)
            if session is None:
                session = requests.Session()
                session.headers.update({'user-agent': user_agent()})
                if kind == 'api':
                    adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=self.max_workers + 1)
                    session.mount('http://', adapter)
                    session.mount('https://', adapter)
                    session.headers['accept'] = 'application/json'
                if kind == 'metadata':
                    session.trust_env = False  # no proxy variables, no .netrc
                    session.proxies = {}
                session.verify = self.verify
                self._sessions[kind] = session
            return session

    def close(self):
        with self._lock:
            for session in self._sessions.values():
                session.close()
            self._sessions.clear()


class Width:
    """How many requests of one client may be under way at once: ``limit`` at first, halved (down to
    1) each time the server throttles, for the rest of the run, so that a throttled listing slows
    down instead of retrying at full width."""

    def __init__(self, limit):
        self.limit = limit
        self._active = 0
        self._cond = threading.Condition()

    def __enter__(self):
        with self._cond:
            while self._active >= self.limit:
                self._cond.wait()
            self._active += 1
        return self

    def __exit__(self, *exc):
        with self._cond:
            self._active -= 1
            self._cond.notify_all()

    def throttled(self):
        with self._cond:
            self.limit = max(1, self.limit // 2)


def is_throttling(err):
    """True for an answer that asks the caller to slow down."""
    code = err.code or ''
    return err.status == 429 or code.startswith('Throttling') or (err.status is not None and bool(err.retry_after))


class RetryPolicy:
    """How one kind of call is retried: at most ``retries`` more attempts after the first, full-jitter
    exponential backoff from ``base`` up to ``cap`` seconds, a server's retry-after as a floor (up to
    3 x cap), and no retry that would end past ``max_seconds`` from the first attempt. ``final``:
    the error raised in the end is marked not retryable, so that no caller retries it again (the
    credential sources, whose failures surface inside a Service Catalog call)."""

    def __init__(self, retries, base, cap, max_seconds=None, final=False):
        self.retries = retries
        self.final = final
        self.base = base
        self.cap = cap
        self.max_seconds = max_seconds
        self._random = random.Random()

    def delay(self, attempt, retry_after=None):
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        delay = self._random.uniform(0, min(self.cap, self.base * (2 ** (attempt - 1))))
        if retry_after:
            delay = max(delay, min(retry_after, self.cap * 3))
        return delay

    def run(self, attempt, label, log=None, sleep=time.sleep, clock=None):
        """Return ``attempt()``, calling it again while it raises a retryable ServiceCatalogError.

        The error raised in the end carries the number of attempts made.
        """
        clock = clock or time.monotonic
        deadline = None if self.max_seconds is None else clock() + self.max_seconds
        number = 0
        while True:
            number += 1
            try:
                return attempt()
            except ServiceCatalogError as err:
                delay = self.delay(number, err.retry_after) if err.retryable and number <= self.retries else None
                if delay is None or (deadline is not None and clock() + delay > deadline):
                    if number == 1 and not (self.final and err.retryable):
                        raise
                    raise err.replace(attempts=number, retryable=err.retryable and not self.final)
                if log is not None:
                    log('%s: attempt %d failed with %s, retrying in %.2fs' % (label, number, err.short(), delay))
                sleep(delay)


# -- answers ------------------------------------------------------------------------------------

def read_json(response):
    """The answer's JSON value, or None when the body is empty or not JSON."""
    raw = response.content or b''
    try:
        return json.loads(raw.decode('utf-8')) if raw else None
    except ValueError:
        return None


def parse_error(action, response, doc, secrets, who='the endpoint', error_class=ServiceCatalogError):
    """The error for an answer of HTTP 400 or more: the ACS error document's Code, Message,
    RequestId, HostId, Recommend and AccessDeniedDetail (every string redacted), or a description
    of a body that is not one. Throttling codes, 5xx, 429 and a retry-after header make it retryable."""
    status = response.status_code
    request_id = response.headers.get('x-acs-request-id')
    retry_after = retry_after_seconds(response.headers)
    if not isinstance(doc, dict):
        return error_class(
            action=action, status=status, code='HTTP%d' % status, request_id=request_id,
            message='%s answered HTTP %d with %s' % (who, status, describe_body(response, secrets)),
            retryable=status >= 500 or status == 429, retry_after=retry_after)
    code = str(doc.get('Code') or 'HTTP%d' % status)
    retryable = (status >= 500 or status == 429 or code in THROTTLING_CODES or code.startswith('Throttling')
                 or bool(retry_after))
    return error_class(
        action=action, status=status, code=redact(code, secrets),
        message=redact(str(doc.get('Message') or ''), secrets),
        request_id=redact_value(doc.get('RequestId'), secrets) or request_id, host_id=redact_value(doc.get('HostId'), secrets),
        recommend=redact_value(doc.get('Recommend'), secrets),
        access_denied_detail=redact_value(doc.get('AccessDeniedDetail'), secrets),
        retryable=retryable, retry_after=retry_after)


def invalid_answer(action, response, secrets, who='the endpoint', error_class=ServiceCatalogError, quote=True):
    """The error for a success status without a JSON object (retryable: a proxy or a cut connection).
    ``quote=False`` for an answer that may hold new secrets (STS): only its size and type are told."""
    if quote:
        message = '%s answered HTTP %d without a JSON document: %s' % (who, response.status_code, describe_body(response, secrets))
    else:
        raw = response.content or b''
        kind = (response.headers.get('content-type') or 'no content-type').split(';')[0]
        shown = 'a %d-byte body (%s)' % (len(raw), kind) if raw else 'an empty body'
        message = '%s answered HTTP %d with %s instead of a JSON document' % (who, response.status_code, shown)
    return error_class(action=action, status=response.status_code, code='InvalidResponse',
                       request_id=response.headers.get('x-acs-request-id'), message=message, retryable=True)


def describe_body(response, secrets):
    """A short, redacted description of a body that is not the expected JSON document."""
    raw = response.content or b''
    if not raw:
        return 'an empty body'
    # redact before cutting, so that no part of a secret survives at the cut
    text = redact(raw[:65536].decode('utf-8', 'replace'), secrets)
    text = re.sub(r'\s+', ' ', re.sub(r'<[^>]*>', ' ', text)).strip()
    kind = (response.headers.get('content-type') or 'no content-type').split(';')[0]
    if raw.lstrip()[:1] in (b'{', b'['):
        try:
            json.loads(raw.decode('utf-8', 'replace'))
        except ValueError as exc:
            where = ' (%s)' % str(exc).split(':', 1)[0] if ':' in str(exc) else ''
            return 'truncated or invalid JSON%s, %d bytes, %s' % (where, len(raw), kind)
        return 'a JSON %s, %d bytes, %s' % ('list' if raw.lstrip()[:1] == b'[' else 'document', len(raw), kind)
    title = re.search(br'(?is)<title[^>]*>(.*?)</title>', raw[:65536])
    if title:  # an HTML error page: its title says it all
        text = re.sub(r'\s+', ' ', redact(title.group(1).decode('utf-8', 'replace'), secrets)).strip() or text
    return 'a non-JSON body (%s, %d bytes): %r' % (kind, len(raw), text[:120])


def retry_after_seconds(headers):
    """Seconds to wait from ``x-acs-retry-after`` (milliseconds) or ``Retry-After`` (seconds)."""
    value = headers.get('x-acs-retry-after')
    try:
        if value is not None and int(value) > 0:
            return int(value) / 1000.0
    except ValueError:
        pass
    value = headers.get('retry-after')
    try:
        if value is not None and float(value) > 0:
            return float(value)
    except ValueError:
        pass
    return None


# -- addresses ----------------------------------------------------------------------------------

def parse_url(value, label, default_scheme):
    """``(base_url, host)`` for ``host``, ``host:port`` or ``http(s)://host[:port]`` (no path, no user
    info); ConfigError naming ``label`` otherwise. Serves the endpoint, sts_endpoint and ecs_metadata_url."""
    text = value.strip()
    if '://' not in text:
        text = '%s://%s' % (default_scheme, text)
    problem = '%s: %r is not valid; use host, host:port, http://host[:port] or https://host[:port]' % (label, value)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ConfigError(problem)
    if parts.scheme not in ('http', 'https') or not parts.hostname or '@' in parts.netloc or port == 0:
        raise ConfigError(problem)
    if parts.path not in ('', '/') or parts.query or parts.fragment:
        raise ConfigError(problem)
    host = parts.netloc
    hostname = host.rsplit(':', 1)[0] if port is not None else host
    if not _HOST_RE.match(hostname):
        raise ConfigError(problem)
    return '%s://%s' % (parts.scheme, host), host


def user_agent():
    try:
        from ansible.module_utils.ansible_release import __version__ as ansible_version
    except ImportError:  # pragma: no cover
        ansible_version = 'unknown'
    return '%s/%s (ansible-core/%s; python/%d.%d.%d) requests/%s' % (
        COLLECTION_NAME, COLLECTION_VERSION, ansible_version, sys.version_info[0], sys.version_info[1],
        sys.version_info[2], getattr(requests, '__version__', 'unknown'))
