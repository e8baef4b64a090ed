# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one HTTP exchange of the collection: every request (Service Catalog, STS, the ECS metadata
service, a credentials URI) is sent, read, classified and retried by ``exchange``.

- ``Settings``: built once from the options and the environment (time-outs, TLS verification and
  CA bundle, endpoint, retries, parallel reads, proxies through ``requests``' own environment
  handling), with the HTTP sessions, one per kind of peer, and the retry policy of each profile.
- ``PROFILES``: the named retry profiles (read, write, credentials, metadata), declared in one place.
- ``exchange``: one request under a profile: no redirect followed, the answer read within its
  deadline and size limit (_answer.py), transport failures classified (errors.transport_error),
  the answer classified by the caller's function, retried as the profile says.
- ``RetryPolicy``: attempts, full-jitter exponential backoff, a server's ``x-acs-retry-after`` /
  ``Retry-After`` as a floor, an overall deadline.
- ``parse_url``, ``user_agent``: small shared helpers.

Longer than most files here (about 480 lines) because the settings, the profile table, the retry
policy and the exchange are one mechanism read together; reading an answer lives in _answer.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math
import os
import random
import re
import sys
import threading
import time
import traceback
from collections import namedtuple

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

from ansible_collections.alicloud.servicecatalog.plugins.module_utils._answer import (
    ATTEMPT_DEADLINE_READS, Answer, BodyError, read_body,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import (
    ConfigError, ServiceCatalogError, quoted, redact, remember_secrets, transport_error,
)

COLLECTION_NAME = 'alicloud.servicecatalog'
COLLECTION_VERSION = '0.2.0'

ENV_ENDPOINT = 'ALICLOUD_SERVICECATALOG_ENDPOINT'
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 10.0
# The longest connect_timeout / read_timeout accepted: an hour is more than any answer of these
# services needs, and far larger values (or inf) overflow the platform's time limits in the socket layer.
MAX_TIMEOUT_SECONDS = 3600
DEFAULT_RETRIES = 5
MAX_RETRIES = 50
DEFAULT_RETRY_MAX_SECONDS = 120.0
DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 64
# Asked of every peer: the encodings _answer.read_body decodes itself, within its size limit.
ACCEPT_ENCODING = 'gzip, deflate'

REGION_RE = re.compile(r'^[a-z]{2,}(-[a-z0-9]+)+$')
_HOST_RE = re.compile(r'^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$')


# -- retry profiles: how each kind of request is retried, declared once ---------------------------

def is_throttling(err):
    """True for an answer that asks the caller to slow down."""
    code = err.code or ''
    return err.status == 429 or code.startswith('Throttling') or (err.status is not None and bool(err.retry_after))


# Failures of a request that never left this host: no connection was made, or none could be.
NOT_SENT_CODES = frozenset(['ConnectionRefused', 'ConnectTimeout', 'NameResolutionError'])


def transient(err):
    """Retry every failure that may heal: throttling, 5xx, 429, time-outs, dropped connections."""
    return err.retryable


def not_executed(err):
    """Retry only a transient failure that proves the request was not executed: it was never sent
    (NOT_SENT_CODES), or the server refused it before executing it (throttling: a ``Throttling*``
    code or HTTP 429)."""
    return err.retryable and (err.code in NOT_SENT_CODES or err.status == 429 or (err.code or '').startswith('Throttling'))


RetryProfile = namedtuple('RetryProfile', ['base', 'cap', 'final', 'timeout_cap', 'retry_if'])

# Every request is sent by ``exchange`` under one of these profiles. The ``retries`` option (at most
# that many attempts after the first) and ``retry_max_seconds`` apply to all of them; a profile sets
# the backoff (full jitter from ``base`` seconds, doubling, up to ``cap``), whether the error it
# finally raises is marked not retryable (``final``: credential sources fail inside a Service Catalog
# call, which must not retry them again), an upper bound on (connect, read) time-outs, and which
# failures it retries:
#
# read         Service Catalog read operations: every transient failure.
# write        Service Catalog operations that change something. No write operation of this API takes
#              an idempotency token, so a request that may have reached the server is never sent
#              again: only what cannot have been executed is retried - a connection refused or timed
#              out while connecting (nothing was sent), and throttling (a Throttling* code or HTTP 429,
#              answered before execution). Never a read time-out, a 5xx answer or a connection dropped
#              after sending: the change may have been made. (A name that does not resolve was not
#              sent either, but no profile retries it: it does not heal by itself.)
# credentials  STS AssumeRole / AssumeRoleWithOIDC and the credentials URI: every transient failure.
# metadata     The ECS metadata service: link-local and quick, so a short backoff and time-outs of at
#              most 1 s to connect and 5 s to read.
PROFILES = {
    'read': RetryProfile(base=0.5, cap=20.0, final=False, timeout_cap=None, retry_if=transient),
    'write': RetryProfile(base=0.5, cap=20.0, final=False, timeout_cap=None, retry_if=not_executed),
    'credentials': RetryProfile(base=0.3, cap=2.0, final=True, timeout_cap=None, retry_if=transient),
    'metadata': RetryProfile(base=0.1, cap=1.0, final=True, timeout_cap=(1.0, 5.0), retry_if=transient),
}


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
        self.timeout = tuple(self._seconds(name, default) for name, default in (
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
        self._policies = {}
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

    def _seconds(self, name, default):
        value = self._number(name, default, float)
        if not (0 < value <= MAX_TIMEOUT_SECONDS) or not math.isfinite(value):  # nan fails every comparison
            raise ConfigError('%s: must be a positive number of seconds up to %d, got %s' % (name, MAX_TIMEOUT_SECONDS, value))
        return value

    def say(self, message):
        if self.log is not None:
            self.log(redact(message, ()))

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

    # -- profiles ---------------------------------------------------------------------------------

    def policy(self, profile):
        """The RetryPolicy of ``profile`` (a name of PROFILES) under this run's retries and retry_max_seconds."""
        with self._lock:
            policy = self._policies.get(profile)
            if policy is None:
                declared = PROFILES[profile]
                policy = self._policies[profile] = RetryPolicy(self.retries, declared.base, declared.cap, self.retry_max_seconds,
                                                               declared.final, declared.retry_if)
            return policy

    def timeout_for(self, profile):
        """``(connect, read)`` seconds for a request of ``profile``: the options', within the profile's bound."""
        cap = PROFILES[profile].timeout_cap
        return self.timeout if cap is None else tuple(min(value, bound) for value, bound in zip(self.timeout, cap))

    # -- sessions -------------------------------------------------------------------------------

    def session(self, kind):
        """One ``requests.Session`` per kind of peer: ``api`` (a pool as wide as ``max_workers``),
        ``sts`` (proxies from the environment) or ``metadata`` (no proxy: the service is link-local)."""
        need_requests()
        with self._lock:
            session = self._sessions.get(kind)
            if session is None:
                session = requests.Session()
                session.headers.update({'user-agent': user_agent(), 'accept-encoding': ACCEPT_ENCODING})
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


class RetryPolicy:
    """How one kind of call is retried: at most ``retries`` more attempts after the first, full-jitter
    exponential backoff from ``base`` up to ``cap`` seconds, a server's retry-after as a floor (up to
    3 x cap), and no retry that would end past ``max_seconds`` from the first attempt. ``final``:
    the error raised in the end is marked not retryable, so that no caller retries it again (the
    credential sources, whose failures surface inside a Service Catalog call). ``retry_if(err)``
    says which failures are retried (default: those marked ``retryable``)."""

    def __init__(self, retries, base, cap, max_seconds=None, final=False, retry_if=transient):
        self.retries = retries
        self.final = final
        self.retry_if = retry_if
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
                delay = self.delay(number, err.retry_after) if self.retry_if(err) and number <= self.retries else None
                if delay is None or (deadline is not None and clock() + delay > deadline):
                    if number == 1 and not (self.final and err.retryable):
                        raise
                    raise err.replace(attempts=number, retryable=err.retryable and not self.final)
                if log is not None:
                    log('%s: attempt %d failed with %s, retrying in %.2fs' % (label, number, err.short(), delay))
                sleep(delay)


# -- the exchange ------------------------------------------------------------------------------

# What one attempt sends; built anew for every attempt (fresh signature, timestamp, nonce, credentials).
# ``secrets``: every secret the request carries, removed from any text made of its failure.
Request = namedtuple('Request', ['method', 'url', 'headers', 'body', 'secrets'])
# Who a request goes to, for its errors: ``host`` as shown, ``session`` (the kind of Settings.session),
# ``who`` (how a message names the peer), ``hint`` (ends a name-resolution failure), ``redact_query``
# (the URL's query may hold a secret: never quoted) and ``error_class``.
Peer = namedtuple('Peer', ['host', 'session', 'who', 'hint', 'redact_query', 'error_class'])


def peer(host, session='api', who='the endpoint', hint='check endpoint and alicloud_region', redact_query=False,
         error_class=ServiceCatalogError):
    return Peer(host, session, who, hint, redact_query, error_class)


def exchange(settings, to, action, prepare, classify, profile='read', label=None, on_error=None):
    """Send one request to the Peer ``to`` under ``profile`` (a name of PROFILES); return ``classify(answer)``.

    ``prepare()`` gives the Request of each attempt; ``classify(Answer)`` returns the result or raises
    the ServiceCatalogError the answer means (its ``retryable`` is read by the profile). Every attempt:
    no redirect is followed (a 3xx answer fails naming the Location host, never its query), the answer
    is read within the deadline and size limit of _answer.py, transport failures are classified by
    errors.transport_error. ``on_error(err)`` may return True to send the request once more at once
    (credentials renewed); ``label`` names the call in retry log lines (default ``action``).
    """
    policy = settings.policy(profile)
    timeout = settings.timeout_for(profile)

    def attempt():
        request = prepare()
        try:
            return classify(_send(settings, to, action, request, timeout))
        except ServiceCatalogError as err:
            if on_error is None or not on_error(err):
                raise
        return classify(_send(settings, to, action, prepare(), timeout))

    return policy.run(attempt, label or action, log=settings.log, sleep=settings.sleep)


def _send(settings, to, action, request, timeout):
    """One attempt: the Answer, or the ServiceCatalogError of a transport failure, a redirect or a body out of bounds."""
    remember_secrets(*request.secrets)
    seconds = timeout[0] + ATTEMPT_DEADLINE_READS * timeout[1]
    deadline = time.monotonic() + seconds
    try:
        response = settings.session(to.session).request(
            request.method, request.url, data=request.body or None, headers=request.headers, timeout=timeout,
            verify=settings.verify,  # explicit: REQUESTS_CA_BUNDLE must not override it
            allow_redirects=False, stream=True)
    except requests.exceptions.RequestException as exc:
        raise transport_error(action, exc, to.host, timeout, request.secrets, hint=to.hint, redact_query=to.redact_query,
                              error_class=to.error_class)
    done = False
    try:
        if 300 <= response.status_code < 400:
            raise _redirect(to, action, response, request.secrets)
        content = read_body(response, 'the answer from %s' % to.host, deadline, time.monotonic, seconds)
        done = True
    except BodyError as exc:
        raise to.error_class(action=action, status=None if exc.code == 'ReadTimeout' else response.status_code, code=exc.code,
                             message=str(exc), retryable=exc.retryable)
    except requests.exceptions.RequestException as exc:
        raise transport_error(action, exc, to.host, timeout, request.secrets, hint=to.hint, redact_query=to.redact_query,
                              error_class=to.error_class)
    finally:
        if done:
            response.raw.release_conn()  # read to its end: the connection serves the next request
        else:
            response.close()  # never reused half read
    return Answer(response.status_code, response.headers, content, request.secrets)


def _redirect(to, action, response, secrets):
    """The error for a 3xx answer: its status and the host of its Location (never a path or query)."""
    location = (response.headers.get('location') or '').strip()
    try:
        netloc = urlsplit(location).netloc if location else ''
    except ValueError:
        netloc = '<a malformed URL>'
    if netloc:
        target = 'to %s' % quoted(netloc.rsplit('@', 1)[-1], secrets, 100)
    else:
        target = 'within %s' % to.host if location else 'without a Location'
    return to.error_class(
        action=action, status=response.status_code, code='Redirect', retryable=False,
        message='%s answered HTTP %d, a redirect %s, which is not followed: credentials go only to the endpoint they '
                'were signed for' % (to.who, response.status_code, target))


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
