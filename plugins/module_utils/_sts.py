# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""STS AssumeRole, as the official credentials SDK calls it.

``GET https://<sts endpoint>/?<query>`` with the V1 (HMAC-SHA1) signature; the query holds
exactly what alibabacloud_credentials sends: Action, Format, Version, DurationSeconds, RoleArn,
RoleSessionName, SignatureMethod, SignatureVersion, Timestamp, SignatureNonce, optional Policy
and ExternalId, AccessKeyId, SecurityToken (only when the signing key is temporary) and
Signature. Throttling, 5xx answers and connection failures are retried (fresh nonce and
timestamp each time). Internal to credentials.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime
import json
import random
import re
import time

try:
    import requests
except ImportError:  # pragma: no cover - credentials.py refuses to build an STS provider without it
    requests = None

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import THROTTLING_CODES, retry_after_seconds
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError, redact, transport_error

ACTION = 'AssumeRole'
VERSION = '2015-04-01'
DEFAULT_RETRIES = 3
BACKOFF_BASE = 0.3
BACKOFF_CAP = 2.0

_EXPIRATION_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$')


def parse_expiration(value):
    """Seconds since the epoch for ``YYYY-MM-DDThh:mm:ssZ`` (UTC), or None when it is not that."""
    match = _EXPIRATION_RE.match(str(value or '').strip())
    if not match:
        return None
    try:
        moment = datetime.datetime(*(int(part) for part in match.groups()[:6]))
    except ValueError:
        return None
    return float(calendar.timegm(moment.timetuple()))


def format_expiration(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def assume_role_params(access_key_id, access_key_secret, security_token, role_arn, session_name, duration,
                       policy=None, external_id=None, timestamp=None, nonce=None):
    """The complete, signed query parameters of one AssumeRole request."""
    params = {
        'Action': ACTION,
        'Format': 'JSON',
        'Version': VERSION,
        'DurationSeconds': str(int(duration)),
        'RoleArn': role_arn,
        'RoleSessionName': session_name,
        'SignatureMethod': 'HMAC-SHA1',
        'SignatureVersion': '1.0',
        'Timestamp': timestamp or signer.utc_timestamp(),
        'SignatureNonce': nonce or signer.new_nonce(),
        'AccessKeyId': access_key_id,
    }
    if policy:
        params['Policy'] = policy
    if external_id:
        params['ExternalId'] = external_id
    if security_token:
        params['SecurityToken'] = security_token
    params['Signature'] = signer.v1_signature(access_key_secret, signer.v1_string_to_sign('GET', params))
    return params


def query_string(params):
    return '&'.join('%s=%s' % (signer.percent_encode(k), signer.percent_encode(v)) for k, v in sorted(params.items()))


def assume_role(session, base_url, host, base, role_arn, session_name, duration, policy=None, external_id=None,
                timeout=(5.0, 10.0), retries=DEFAULT_RETRIES, sleep=time.sleep, log=None):
    """Call AssumeRole signed with ``base`` (a Credentials); return ``(key id, secret, token, expiration epoch)``.

    Raises ServiceCatalogError (action AssumeRole): the API's Code / Message / RequestId, or a
    transport code (ConnectionRefused, NameResolutionError, TLSError, ReadTimeout...). The error
    raised after the retries is marked not retryable (the retries have been made here).
    """
    secrets = (base.access_key_secret, base.security_token, signer.percent_encode(base.security_token or ''))
    attempt = 0
    while True:
        attempt += 1
        params = assume_role_params(base.access_key_id, base.access_key_secret, base.security_token, role_arn,
                                    session_name, duration, policy, external_id)
        url = '%s/?%s' % (base_url, query_string(params))
        try:
            response = session.get(url, timeout=timeout, headers={'accept': 'application/json'}, allow_redirects=False,
                                   verify=session.verify)  # explicit: REQUESTS_CA_BUNDLE must not override it
        except requests.exceptions.RequestException as exc:
            err = transport_error(ACTION, exc, host, timeout, secrets, hint='check sts_endpoint', redact_query=True)
        else:
            try:
                return _parse(response, secrets)
            except ServiceCatalogError as exc:
                err = exc
        if not err.retryable or attempt > retries:
            err.attempts = attempt
            err.retryable = False
            raise err
        delay = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (attempt - 1))) * random.uniform(0.5, 1.0)
        if err.retry_after:
            delay = max(delay, min(err.retry_after, BACKOFF_CAP * 3))
        if log is not None:
            log('AssumeRole: attempt %d failed with %s, retrying in %.2fs' % (attempt, err.short(), delay))
        sleep(delay)


def _parse(response, secrets):
    status = response.status_code
    request_id = response.headers.get('x-acs-request-id')
    raw = response.content or b''
    try:
        doc = json.loads(raw.decode('utf-8')) if raw else None
    except ValueError:
        doc = None
    if status < 400:
        # The body holds the new secret and token: nothing of it ever goes into an error text.
        if not isinstance(doc, dict):
            raise ServiceCatalogError(ACTION, status, 'InvalidResponse', 'STS answered HTTP %d with %s instead of a JSON document'
                                      % (status, _kind(raw, response.headers)), request_id=request_id, retryable=True)
        creds = doc.get('Credentials')
        request_id = doc.get('RequestId') or request_id
        if not isinstance(creds, dict):
            raise ServiceCatalogError(ACTION, status, 'InvalidResponse', 'the AssumeRole answer has no Credentials object',
                                      request_id=request_id)
        missing = [name for name in ('AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration')
                   if not isinstance(creds.get(name), str) or not creds.get(name)]
        if missing:
            raise ServiceCatalogError(ACTION, status, 'InvalidResponse', 'the AssumeRole answer lacks Credentials.%s'
                                      % ', Credentials.'.join(missing), request_id=request_id)
        expiration = parse_expiration(creds['Expiration'])
        if expiration is None:
            raise ServiceCatalogError(ACTION, status, 'InvalidResponse', 'Credentials.Expiration %r is not in the form '
                                      'YYYY-MM-DDThh:mm:ssZ' % creds['Expiration'][:40], request_id=request_id)
        return creds['AccessKeyId'], creds['AccessKeySecret'], creds['SecurityToken'], expiration
    retry_after = retry_after_seconds(response.headers)
    if not isinstance(doc, dict):
        text = re.sub(r'\s+', ' ', re.sub(r'<[^>]*>', ' ', redact(raw[:4096].decode('utf-8', 'replace'), secrets))).strip()
        message = 'STS answered HTTP %d with %s' % (status, _kind(raw, response.headers))
        if text and raw.lstrip()[:1] not in (b'{', b'['):
            message += ': %s' % text[:120]
        raise ServiceCatalogError(ACTION, status, 'HTTP%d' % status, message, request_id=request_id,
                                  retryable=status >= 500 or status == 429, retry_after=retry_after)
    code = str(doc.get('Code') or 'HTTP%d' % status)
    retryable = status >= 500 or status == 429 or code in THROTTLING_CODES or code.startswith('Throttling')
    raise ServiceCatalogError(
        ACTION, status, code, redact(str(doc.get('Message') or ''), secrets),
        request_id=doc.get('RequestId') or request_id, host_id=doc.get('HostId'), recommend=doc.get('Recommend'),
        access_denied_detail=doc.get('AccessDeniedDetail'), retryable=retryable, retry_after=retry_after)


def _kind(raw, headers):
    kind = (headers.get('content-type') or 'no content-type').split(';')[0]
    if not raw:
        return 'an empty body'
    return 'a %d-byte body (%s)' % (len(raw), kind)
