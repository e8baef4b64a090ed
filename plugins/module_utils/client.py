# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one Service Catalog API client used by every module and lookup of this collection.

It owns the endpoint rule, the ``requests.Session`` (one per client, shared by parallel page
fetches), timeouts, the User-Agent, V3 signing of every attempt, retries with backoff, error
parsing and pagination. Callers pass API parameter names and get API documents back.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import random
import re
import sys
import threading
import time
import traceback
import warnings
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor

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

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, redact, transport_error

COLLECTION_NAME = 'alicloud.servicecatalog'
COLLECTION_VERSION = '0.1.0'
API_VERSION = '2021-09-01'
PRODUCT = 'servicecatalog'

DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 10.0
DEFAULT_RETRIES = 5
DEFAULT_RETRY_MAX_SECONDS = 120.0
DEFAULT_MAX_WORKERS = 4
BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
MAX_PAGE_SIZE = 100
LISTING_REREADS = 2
LISTING_GROWTH_ROUNDS = 10  # at most this many extra rounds of pages for a listing that grows while read

# Codes that mean "slow down / try again", whatever the HTTP status that carries them.
THROTTLING_CODES = frozenset([
    'Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Tenant', 'ServiceUnavailable',
    'InternalError', 'RequestTimeout', 'ServiceTimeout',
])


Operation = namedtuple('Operation', ['params_in_body', 'result_key', 'id_key'])

# Read operations this collection calls: where parameters travel, and for lists the key holding
# the items and the key identifying each item (for de-duplication across pages).
OPERATIONS = {
    'ListTasks': Operation(False, 'TaskDetails', 'TaskId'),
    'GetTask': Operation(True, 'TaskDetail', 'TaskId'),
    'ListProvisionedProducts': Operation(False, 'ProvisionedProductDetails', 'ProvisionedProductId'),
    'GetProvisionedProduct': Operation(False, 'ProvisionedProductDetail', 'ProvisionedProductId'),
    'ListProvisionedProductPlans': Operation(False, 'PlanDetails', 'PlanId'),
    'GetProvisionedProductPlan': Operation(True, 'PlanDetail', 'PlanId'),
}

ListResult = namedtuple('ListResult', ['items', 'total_count', 'warnings'])

_HOST_RE = re.compile(r'^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$')


def parse_endpoint(endpoint, region):
    """Return ``(base_url, host_header)`` for an endpoint option value, or the regional default.

    ``endpoint`` may be ``host``, ``host:port`` (HTTPS) or a full ``http://`` / ``https://`` URL
    without a path. Raises ConfigError naming the option when it is malformed.
    """
    if not endpoint:
        if not region:
            raise ConfigError('alicloud_region: a region ID such as cn-hangzhou is required when endpoint is not set '
                              '(also read from ALIBABA_CLOUD_REGION_ID, ALICLOUD_REGION, ALICLOUD_REGION_ID)')
        if not re.match(r'^[a-z]{2,}(-[a-z0-9]+)+$', region):
            raise ConfigError('alicloud_region: %r is not a region ID; expected the form cn-hangzhou or ap-southeast-1' % region)
        endpoint = 'https://%s.%s.aliyuncs.com' % (PRODUCT, region)
    return parse_url(endpoint, 'endpoint', 'https')


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


class ServiceCatalogClient:
    """Signed calls to one Service Catalog endpoint.

    ``credentials`` is a provider with a ``get()`` method returning an object with
    ``access_key_id``, ``access_key_secret`` and ``security_token`` (see credentials.py); it is
    asked again before every attempt, so temporary credentials may refresh during a long listing.
    ``log`` is an optional callable taking one message string (retries and re-reads are reported
    there; it never receives a secret).
    """

    def __init__(self, credentials, region=None, endpoint=None, connect_timeout=DEFAULT_CONNECT_TIMEOUT,
                 read_timeout=DEFAULT_READ_TIMEOUT, retries=DEFAULT_RETRIES, retry_max_seconds=DEFAULT_RETRY_MAX_SECONDS,
                 validate_certs=True, ca_bundle=None, max_workers=DEFAULT_MAX_WORKERS, log=None, sleep=time.sleep):
        if not HAS_REQUESTS:
            raise ConfigError('the python library requests is required by alicloud.servicecatalog; install it with pip install requests')
        self.credentials = credentials
        self.region = region
        self.base_url, self.host = parse_endpoint(endpoint, region)
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.retry_max_seconds = retry_max_seconds
        self.max_workers = max(1, int(max_workers))
        self._log = log
        self._sleep = sleep
        self._random = random.Random()
        self.session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=self.max_workers + 1)
        self.session.mount('http://', adapter)
        self.session.mount('https://', adapter)
        # Passed with every request too: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a
        # session's verify (even False), but not a request's explicit ca_bundle path or False.
        self.verify = ca_bundle if (ca_bundle and validate_certs) else bool(validate_certs)
        self.session.verify = self.verify
        if self.verify is False:
            # The user chose not to verify this endpoint: urllib3's per-request InsecureRequestWarning
            # would only repeat it on stderr (lookups: "errantly sent data directly to stderr").
            warnings.filterwarnings('ignore', message='Unverified HTTPS request is being made to host %s' % re.escape(
                "'%s'" % self.host.rsplit(':', 1)[0].strip('[]')))
        self.session.headers.update({'user-agent': user_agent(), 'accept': 'application/json'})
        self.attempts = 0
        self._lock = threading.Lock()

    def close(self):
        self.session.close()
        close = getattr(self.credentials, 'close', None)
        if close is not None:
            close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def log(self, message):
        if self._log is not None:
            self._log(message)

    # -- one call ---------------------------------------------------------------------------

    def call(self, action, params=None):
        """Call ``action`` with API ``params`` (None values dropped) and return the JSON document."""
        operation = OPERATIONS.get(action)
        params = dict((k, _wire_value(v)) for k, v in (params or {}).items() if v is not None)
        in_body = bool(operation and operation.params_in_body)
        query = {} if in_body else params
        body = signer.form_encode(params) if in_body and params else b''
        deadline = time.monotonic() + self.retry_max_seconds
        attempt = 0
        renewed = False
        while True:
            attempt += 1
            creds = self.credentials.get()
            try:
                return self._attempt(action, query, body, creds)
            except ServiceCatalogError as err:
                if err.code == 'InvalidSecurityToken.Expired' and not renewed and getattr(self.credentials, 'refreshable', False):
                    # Temporary credentials ran out between the provider's check and the server's
                    # (clock skew): fetch new ones once and try again at once.
                    renewed = True
                    self.log('%s: the security token has expired; renewing the temporary credentials' % action)
                    self.credentials.refresh(stale=creds)
                    attempt -= 1
                    continue
                if not err.retryable or attempt > self.retries:
                    if attempt > 1:
                        err.attempts = attempt
                    raise
                delay = self._backoff(attempt, err.retry_after)
                if time.monotonic() + delay > deadline:
                    err.attempts = attempt
                    raise
                self.log('%s: attempt %d failed with %s, retrying in %.2fs' % (action, attempt, err.short(), delay))
                self._sleep(delay)

    def _backoff(self, attempt, retry_after):
        """Full-jitter exponential backoff; a server's retry-after hint is a floor."""
        delay = self._random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (attempt - 1))))
        if retry_after:
            delay = max(delay, min(retry_after, BACKOFF_CAP * 3))
        return delay

    def _attempt(self, action, query, body, creds):
        headers = signer.sign_v3(
            'POST', self.host, action, API_VERSION, creds.access_key_id, creds.access_key_secret,
            query=query, body=body, security_token=creds.security_token,
            content_type=signer.FORM_CONTENT_TYPE if body else None)
        qs = signer.canonical_query_string(query)
        url = self.base_url + '/' + ('?' + qs if qs else '')
        with self._lock:
            self.attempts += 1
        try:
            response = self.session.post(url, data=body or None, headers=headers, timeout=self.timeout, verify=self.verify)
        except requests.exceptions.RequestException as exc:
            raise self._transport_error(action, exc, creds)
        return self._parse(action, response, creds)

    def _transport_error(self, action, exc, creds):
        return transport_error(action, exc, self.host, self.timeout, _secrets(creds))

    def _parse(self, action, response, creds):
        request_id = response.headers.get('x-acs-request-id')
        retry_after = retry_after_seconds(response.headers)
        raw = response.content or b''
        try:
            doc = json.loads(raw.decode('utf-8')) if raw else None
        except ValueError:
            doc = None
        if response.status_code < 400:
            if isinstance(doc, dict):
                return doc
            raise ServiceCatalogError(
                action=action, status=response.status_code, code='InvalidResponse', request_id=request_id,
                message='the endpoint answered HTTP %d without a JSON document: %s' % (
                    response.status_code, _describe_body(raw, response.headers.get('content-type'), creds)),
                retryable=True)
        if not isinstance(doc, dict):
            raise ServiceCatalogError(
                action=action, status=response.status_code, code='HTTP%d' % response.status_code, request_id=request_id,
                message='the endpoint answered HTTP %d with %s' % (
                    response.status_code, _describe_body(raw, response.headers.get('content-type'), creds)),
                retryable=response.status_code >= 500 or response.status_code == 429, retry_after=retry_after)
        code = str(doc.get('Code') or 'HTTP%d' % response.status_code)
        retryable = (response.status_code >= 500 or response.status_code == 429 or code in THROTTLING_CODES
                     or code.startswith('Throttling') or bool(retry_after))
        raise ServiceCatalogError(
            action=action, status=response.status_code, code=code,
            message=_redact(str(doc.get('Message') or ''), creds),
            request_id=doc.get('RequestId') or request_id, host_id=doc.get('HostId'),
            recommend=doc.get('Recommend'), access_denied_detail=doc.get('AccessDeniedDetail'),
            retryable=retryable, retry_after=retry_after)

    # -- lists --------------------------------------------------------------------------------

    def get(self, action, params):
        """Call a Get operation and return its single document (e.g. TaskDetail)."""
        doc = self.call(action, params)
        return doc.get(OPERATIONS[action].result_key) or {}

    def list(self, action, params=None, page_number=None, page_size=None):
        """List ``action``: one page when ``page_number`` is given, otherwise every page.

        Returns ListResult(items, total_count, warnings). Every page is fetched over the one
        session; pages after the first are fetched concurrently (``max_workers``). Items that move
        between pages while the listing runs are de-duplicated by ID; when TotalCount grows, the
        pages past the planned last one are read too (items pushed there are not lost); if
        TotalCount changes during the listing, the listing is read again page by page, in order
        (at most LISTING_REREADS times), and a warning is returned when it never settles.
        """
        operation = OPERATIONS[action]
        params = dict(params or {})
        if page_number is not None:
            doc = self.call(action, dict(params, PageNumber=page_number, PageSize=page_size))
            return ListResult(doc.get(operation.result_key) or [], doc.get('TotalCount'), [])
        size = page_size or MAX_PAGE_SIZE
        warnings = []
        seen = {}  # every item of every reading, by ID, latest document kept
        max_pages = None
        for reading in range(LISTING_REREADS + 1):
            # A re-read goes page by page, in order: items added at either end then only move towards
            # pages not read yet, so none can slip between two pages as with concurrent fetches.
            items, totals, planned = self._read_all(action, operation, params, size, self.max_workers if reading == 0 else 1,
                                                    max_pages)
            if max_pages is None:
                # Following growth reads at most as many extra pages as the first reading planned (10
                # at least), in every reading: a listing growing as fast as it is read is reported, not chased.
                max_pages = 2 * max(planned, 10)
            if len(set(totals)) == 1:
                return ListResult(items, totals[0], warnings)
            for item in items:
                key = item.get(operation.id_key) if isinstance(item, dict) else None
                seen[key if key is not None else ('#', len(seen))] = item
            if reading < LISTING_REREADS:
                self.log('%s: TotalCount changed during the listing (%s); reading it again' % (action, _span(totals)))
        warnings.append('%s: the number of items changed while listing (TotalCount %s, %d readings); the result holds '
                        'every item seen, de-duplicated by %s' % (action, _span(totals), LISTING_REREADS + 1, operation.id_key))
        return ListResult(list(seen.values()), totals[-1], warnings)

    def _read_all(self, action, operation, params, size, workers, max_pages=None):
        """One reading of every page: ``(items de-duplicated by ID, every TotalCount seen, pages planned)``."""
        first = self.call(action, dict(params, PageNumber=1, PageSize=size))
        total = int(first.get('TotalCount') or 0)
        pages = [first]

        def fetch(number):
            return self.call(action, dict(params, PageNumber=number, PageSize=size))

        fetched, last = 1, _page_count(total, size)
        planned = last
        limit = max_pages or 2 * max(last, 10)
        for _round in range(LISTING_GROWTH_ROUNDS):
            last = min(last, limit)
            numbers = list(range(fetched + 1, last + 1))
            if not numbers:
                break
            if workers > 1 and len(numbers) > 1:
                with ThreadPoolExecutor(max_workers=min(workers, len(numbers))) as pool:
                    pages.extend(pool.map(fetch, numbers))
            else:
                pages.extend(fetch(n) for n in numbers)
            # Items added while reading push older ones past the last page planned: follow them.
            fetched, last = last, max(last, _page_count(max(int(page.get('TotalCount') or 0) for page in pages), size))
        seen = set()
        items = []
        for page in pages:
            for item in page.get(operation.result_key) or []:
                key = item.get(operation.id_key) if isinstance(item, dict) else None
                if key is not None:
                    if key in seen:
                        continue
                    seen.add(key)
                items.append(item)
        totals = [int(page.get('TotalCount') or 0) for page in pages]
        if len(items) != total and len(set(totals)) == 1:
            # Items vanished or appeared between pages without TotalCount telling: count it as a change.
            totals.append(len(items))
        return items, totals, planned


def _span(totals):
    low, high = min(totals), max(totals)
    return 'from %d to %d' % (totals[0], totals[-1]) if low == totals[0] and high == totals[-1] else 'between %d and %d' % (low, high)


def _page_count(total, size):
    return (total + size - 1) // size


def _wire_value(value):
    """Parameter values as the SDK sends them: booleans as true / false, everything else as text."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


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


def _describe_body(raw, content_type, creds):
    if not raw:
        return 'an empty body'
    # redact before cutting, so that no part of a secret survives at the cut
    text = _redact(raw[:65536].decode('utf-8', 'replace'), creds)
    text = re.sub(r'\s+', ' ', re.sub(r'<[^>]*>', ' ', text)).strip()
    kind = (content_type or 'no content-type').split(';')[0]
    if raw.lstrip()[:1] in (b'{', b'['):
        try:
            json.loads(raw.decode('utf-8', 'replace'))
        except ValueError as exc:
            where = ' (%s)' % str(exc).split(':', 1)[0] if ':' in str(exc) else ''
            return 'truncated or invalid JSON%s, %d bytes, %s' % (where, len(raw), kind)
    title = re.search(br'(?is)<title[^>]*>(.*?)</title>', raw[:65536])
    if title:  # an HTML error page: its title says it all
        text = re.sub(r'\s+', ' ', _redact(title.group(1).decode('utf-8', 'replace'), creds)).strip() or text
    return 'a non-JSON body (%s, %d bytes): %r' % (kind, len(raw), text[:120])


def _secrets(creds):
    return (getattr(creds, 'access_key_secret', None), getattr(creds, 'security_token', None))


def _redact(text, creds):
    """Defence in depth: never let a secret or token (or a proxy's user:password) reach an error text."""
    return redact(text, _secrets(creds))
