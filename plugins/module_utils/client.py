# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one Service Catalog API client used by every module and lookup of this collection.

It signs each attempt (V3), sends it as its operation's declaration says (operations.py: method,
query string or form body), retries through the transport core's policy, checks each answer's
shape against the declaration, and reads listings page by page. Callers pass API parameter names
and get API documents back; this module knows nothing about resources beyond the table.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import threading
import warnings
from collections import deque

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils._answer import MAX_FIELD_CHARS, json_document
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, quoted, quoted_repr
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.listing import (  # noqa: F401 pylint: disable=unused-import
    GROWTH_FACTOR, GROWTH_MIN_PAGES, LISTING_REREADS, MAX_LISTING_TOTAL, Listing, ListResult, read_listing,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.operations import KEYED_LISTS, NOTHING, OBJECT, PAGES, TEXT, operation
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import (
    REGION_RE, Request, Settings, Width, exchange, is_throttling, parse_url, peer,
)

API_VERSION = '2021-09-01'
PRODUCT = 'servicecatalog'

MAX_PAGE_SIZE = 100


def parse_endpoint(endpoint, region):
    """Return ``(base_url, host_header)`` for an endpoint option value, or the regional default.

    ``endpoint`` may be ``host``, ``host:port`` (HTTPS) or a full ``http://`` / ``https://`` URL
    without a path. Raises ConfigError naming the option when it is malformed.
    """
    if not endpoint:
        if not region:
            raise ConfigError('alicloud_region: a region ID such as cn-hangzhou is required when endpoint is not set '
                              '(also read from ALIBABA_CLOUD_REGION_ID, ALICLOUD_REGION, ALICLOUD_REGION_ID)')
        if not REGION_RE.match(region):
            raise ConfigError('alicloud_region: %r is not a region ID; expected the form cn-hangzhou or ap-southeast-1' % region)
        endpoint = 'https://%s.%s.aliyuncs.com' % (PRODUCT, region)
    return parse_url(endpoint, 'endpoint', 'https')


class ServiceCatalogClient:
    """Signed calls to one Service Catalog endpoint.

    ``credentials`` is a provider with a ``get()`` method returning an object with
    ``access_key_id``, ``access_key_secret`` and ``security_token`` (see credentials.py); it is
    asked again before every attempt, so temporary credentials may refresh during a long listing.
    ``settings`` is the transport core's Settings; without it, the keyword ``options`` (option
    names: endpoint, alicloud_region, retries, connect_timeout, validate_certs, max_workers...) and
    ``log`` / ``sleep`` build one. ``region`` overrides the settings' region (the adapter resolves it).
    """

    def __init__(self, credentials, settings=None, region=None, log=None, sleep=None, **options):
        if settings is None:
            settings = Settings(dict(options, alicloud_region=region), environ={}, log=log, sleep=sleep)
        self.settings = settings
        self.credentials = credentials
        self.region = region or settings.region
        self.base_url, self.host = parse_endpoint(settings.endpoint, self.region)
        self.timeout = settings.timeout
        self.retries = settings.retries
        self.max_workers = settings.max_workers
        self.verify = settings.verify
        self.policy = settings.policy('read')
        self.peer = peer(self.host)
        self.width = Width(settings.max_workers)
        self.session = settings.session('api')
        if self.verify is False:
            # The user chose not to verify this endpoint: urllib3's per-request InsecureRequestWarning
            # would only repeat it on stderr (lookups: "errantly sent data directly to stderr").
            warnings.filterwarnings('ignore', message='Unverified HTTPS request is being made to host %s' % re.escape(
                "'%s'" % self.host.rsplit(':', 1)[0].strip('[]')))
        self.attempts = 0
        self._lock = threading.Lock()

    def close(self):
        self.settings.close()
        close = getattr(self.credentials, 'close', None)
        if close is not None:
            close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def log(self, message):
        self.settings.say(message)

    # -- one call ---------------------------------------------------------------------------

    def call(self, action, params=None, profile=None):
        """Call ``action`` with API ``params`` (None values dropped); return the checked JSON document.

        ``profile`` names its retry profile (transport.PROFILES); by default the operation's kind:
        ``read``, or ``write`` for an operation that changes something (retried only when it cannot
        have been executed). A list of objects (``Parameters``, ``Tags``) travels flattened as the
        SDK sends it: ``Tags.1.Key``, ``Tags.1.Value``... (N from 1, list order).
        """
        declared = operation(action)
        profile = profile or declared.kind
        params = dict((k, _wire_value(v)) for k, v in _flatten(params or {}) if v is not None)
        query, body = ({}, signer.form_encode(params) if params else b'') if declared.body else (params, b'')
        used, renewed = [], []

        def prepare():
            creds = self.credentials.get()  # a CredentialError comes after the source's own retries, not retryable
            used.append(creds)
            return self._request(declared, query, body, creds)

        def on_error(err):
            if is_throttling(err):
                self.width.throttled()
            if err.code != 'InvalidSecurityToken.Expired' or renewed or not getattr(self.credentials, 'refreshable', False):
                return False
            # The token ran out between the provider's check and the server's (clock skew): renew
            # refreshable credentials once per call and send the request again at once.
            renewed.append(True)
            self.log('%s: the security token has expired; renewing the temporary credentials' % action)
            self.credentials.refresh(stale=used[-1])
            return True

        with self.width:
            doc = exchange(self.settings, self.peer, declared.name, prepare, lambda answer: json_document(declared.name, answer),
                           profile=profile, on_error=on_error)
        return check_answer(declared, doc)

    def _request(self, declared, query, body, creds):
        """The signed Request of one attempt."""
        headers = signer.sign_v3(
            declared.method, self.host, declared.name, API_VERSION, creds.access_key_id, creds.access_key_secret,
            query=query, body=body, security_token=creds.security_token,
            content_type=signer.FORM_CONTENT_TYPE if body else None)
        qs = signer.canonical_query_string(query)
        with self._lock:
            self.attempts += 1
        return Request(declared.method, self.base_url + '/' + ('?' + qs if qs else ''), headers, body, _secrets(creds))

    # -- Get and List -----------------------------------------------------------------------

    def get(self, action, params):
        """Call a Get operation and return its one document (e.g. TaskDetail), with the extra
        top-level keys its declaration names merged in; the text itself for GetTemplate."""
        declared = operation(action)
        doc = self.call(action, params)
        result = doc.get(declared.result_key)
        if declared.result_type != OBJECT:
            return result
        item = dict(result)
        item.update((key, doc[key]) for key in declared.extra_keys if key in doc)
        return item

    def list(self, action, params=None, page_number=None, page_size=None, convert=None):
        """List ``action``: one page when ``page_number`` is given (or the operation does not page),
        otherwise every page. Returns ListResult(items, total_count, warnings).

        ``convert`` (optional) is applied to each item as its page arrives; only converted items are
        kept (the lean path: no raw page outlives its conversion).
        Guarantees: pages after the first are read concurrently (``concurrency``, lowered for the
        rest of the run when the server throttles) over the one session; items are de-duplicated by
        their ID; when TotalCount grows while the listing is read, the pages past the planned last
        one are read too (bounded, see GROWTH_FACTOR); when TotalCount changes, the listing is read
        again page by page, in order (LISTING_REREADS times at most), and if it never settles every
        item seen is returned with a warning. Bounds (each ends the listing, no further page is asked
        for): a TotalCount over MAX_LISTING_TOTAL, a page over PageSize or bringing more items than
        TotalCount, and a page with no new item (an error when TotalCount is steady, a warning when
        TotalCount items were read, a re-read when TotalCount moves) are InvalidResponse errors
        naming the operation unless said otherwise.
        """
        declared = operation(action)
        convert = convert or _same
        params = dict(params or {})
        if declared.paging != PAGES:
            items = [convert(item) for item in self.call(action, params)[declared.result_key]]
            return ListResult(items, len(items), [])
        if page_number is not None:
            doc = self.call(action, dict(params, PageNumber=page_number, PageSize=page_size))
            return ListResult([convert(item) for item in doc[declared.result_key]], doc['TotalCount'], [])
        width = self.width.limit
        try:
            return read_listing(Listing(self, declared, params, page_size or MAX_PAGE_SIZE, convert), self.max_workers, self.log)
        finally:
            if self.width.limit < width:
                self.log('%s: throttled; read with at most %d request%s at once from then on' % (
                    action, self.width.limit, '' if self.width.limit == 1 else 's'))


def _same(item):
    return item


# -- answers ----------------------------------------------------------------------------------

def check_answer(declared, doc):
    """``doc`` when it has the shape ``declared`` says; else a ServiceCatalogError (InvalidResponse)
    naming the operation, the field, what was expected and the RequestId. Missing optional fields are fine."""
    request_id = quoted(doc['RequestId'], limit=MAX_FIELD_CHARS) if isinstance(doc.get('RequestId'), str) else None

    def wrong(field, expected, value):
        raise ServiceCatalogError(
            action=declared.name, status=200, code='InvalidResponse', request_id=request_id,
            message='the answer does not have the documented shape: %s is %s, expected %s' % (field, _kind(value), expected))

    if declared.result_type == NOTHING:
        return doc
    key = declared.result_key
    result = doc.get(key)
    if declared.result_type == TEXT:
        if not isinstance(result, str):
            wrong(key, 'text', result)
        return doc
    if declared.result_type == OBJECT:
        if not isinstance(result, dict):
            wrong(key, 'an object', result)
        _check_item(declared, key, result, wrong)
        for extra in declared.extra_keys:
            value = doc.get(extra)
            if value is not None and not isinstance(value, (dict, list)):
                wrong(extra, 'an object or a list', value)
        _check_keys(declared, doc, wrong)
        return doc
    if not isinstance(result, list):
        wrong(key, 'a list of objects', result)
    for index, item in enumerate(result):
        if not isinstance(item, dict):
            wrong('%s[%d]' % (key, index), 'an object', item)
        _check_item(declared, '%s[%d]' % (key, index), item, wrong)
    if declared.paging == PAGES:
        total = doc.get('TotalCount')
        if isinstance(total, bool) or not isinstance(total, int) or total < 0:
            wrong('TotalCount', 'a whole number of 0 or more', total)
    _check_keys(declared, doc, wrong)
    return doc


def _check_item(declared, where, item, wrong):
    for field, key in declared.item_lists:
        value = item.get(field)
        if value is None:
            continue
        if not isinstance(value, list):
            wrong('%s.%s' % (where, field), 'a list of objects with %s' % key, value)
        for index, entry in enumerate(value):
            if not isinstance(entry, dict) or not isinstance(entry.get(key), str):
                wrong('%s.%s[%d]' % (where, field, index), 'an object with %s (text)' % key, entry)


def _check_keys(declared, doc, wrong):
    """Values used as keys are never a list or an object: every ID (a field whose name ends in Id: items
    are told apart, de-duplicated and fetched by them) and the key of each entry of a list the plugins
    turn into a dict (operations.KEYED_LISTS: tags, parameters, outputs), anywhere in the result."""
    pending = deque((key, doc.get(key)) for key in (declared.result_key,) + declared.extra_keys)
    while pending:
        where, value = pending.popleft()
        if isinstance(value, list):
            pending.extend(('%s[%d]' % (where, index), entry) for index, entry in enumerate(value) if isinstance(entry, (dict, list)))
            continue
        if not isinstance(value, dict):
            continue
        for field, child in value.items():
            if not isinstance(child, (dict, list)):
                continue
            if field.endswith('Id'):
                wrong('%s.%s' % (where, field), 'text', child)
            entry_key = KEYED_LISTS.get(field)
            for index, entry in enumerate(child if entry_key and isinstance(child, list) else ()):
                if isinstance(entry, dict) and isinstance(entry.get(entry_key), (dict, list)):
                    wrong('%s.%s[%d].%s' % (where, field, index, entry_key), 'text', entry[entry_key])
            pending.append(('%s.%s' % (where, field), child))


def _kind(value):
    if value is None:
        return 'missing'
    names = {dict: 'an object', list: 'a list', str: 'text', bool: 'a boolean', int: 'a number', float: 'a number'}
    # a value echoed where a field belongs may be anything, a secret too: redacted, then cut
    shown = quoted_repr(value) if isinstance(value, (str, int, float, bool)) else ''
    return '%s%s' % (names.get(type(value), type(value).__name__), ' (%s)' % shown if shown else '')


def _flatten(params):
    """``(name, value)`` pairs of ``params``, a list of objects flattened to ``Name.N.Field`` (fields in
    the object's order, None left out: the SDK omits a missing field)."""
    for name, value in params.items():
        if isinstance(value, (list, tuple)) and all(isinstance(entry, dict) for entry in value):
            for index, entry in enumerate(value, 1):
                for field, item in entry.items():
                    yield '%s.%d.%s' % (name, index, field), item
        else:
            yield name, value


def _wire_value(value):
    """Parameter values as the SDK sends them: booleans as true / false, everything else as text."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def _secrets(creds):
    return (getattr(creds, 'access_key_secret', None), getattr(creds, 'security_token', None))
