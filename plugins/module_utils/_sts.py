# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""STS AssumeRole, as the official credentials SDK calls it.

``GET https://<sts endpoint>/?<query>`` with the V1 (HMAC-SHA1) signature; the query holds
exactly what alibabacloud_credentials sends: Action, Format, Version, DurationSeconds, RoleArn,
RoleSessionName, SignatureMethod, SignatureVersion, Timestamp, SignatureNonce, optional Policy
and ExternalId, AccessKeyId, SecurityToken (only when the signing key is temporary) and
Signature. Throttling, 5xx answers and connection failures are retried (fresh nonce and
timestamp each time, through the transport core). Internal to credentials.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime
import re
import time

try:
    import requests
except ImportError:  # pragma: no cover - credentials.py refuses to build an STS provider without it
    requests = None

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError, transport_error
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import RetryPolicy, invalid_answer, parse_error, read_json

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

    Raises CredentialError (action AssumeRole): the API's Code / Message / RequestId, or a
    transport code (ConnectionRefused, NameResolutionError, TLSError, ReadTimeout...), after the
    transport core's retries (throttling, 5xx answers, connection failures; a fresh nonce and
    timestamp each time).
    """
    secrets = (base.access_key_secret, base.security_token, signer.percent_encode(base.security_token or ''))

    def attempt():
        params = assume_role_params(base.access_key_id, base.access_key_secret, base.security_token, role_arn,
                                    session_name, duration, policy, external_id)
        url = '%s/?%s' % (base_url, query_string(params))
        try:
            response = session.get(url, timeout=timeout, headers={'accept': 'application/json'}, allow_redirects=False,
                                   verify=session.verify)  # explicit: REQUESTS_CA_BUNDLE must not override it
        except requests.exceptions.RequestException as exc:
            raise transport_error(ACTION, exc, host, timeout, secrets, hint='check sts_endpoint', redact_query=True,
                                  error_class=CredentialError)
        return _parse(response, secrets)

    return RetryPolicy(retries, BACKOFF_BASE, BACKOFF_CAP, final=True).run(attempt, ACTION, log=log, sleep=sleep)


def credentials_from(doc, status, request_id, what):
    """``(key id, secret, token, expiration epoch)`` from a ``Credentials`` object of an STS answer.

    The object holds the new secret and token: nothing of it but field names ever goes into an error.
    """
    creds = doc.get('Credentials')
    request_id = doc.get('RequestId') or request_id
    if not isinstance(creds, dict):
        raise CredentialError(what, status, 'InvalidResponse', 'the %s answer has no Credentials object' % what,
                              request_id=request_id)
    missing = [name for name in ('AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration')
               if not isinstance(creds.get(name), str) or not creds.get(name)]
    if missing:
        raise CredentialError(what, status, 'InvalidResponse', 'the %s answer lacks Credentials.%s'
                              % (what, ', Credentials.'.join(missing)), request_id=request_id)
    expiration = parse_expiration(creds['Expiration'])
    if expiration is None:
        raise CredentialError(what, status, 'InvalidResponse', 'Credentials.Expiration %r is not in the form '
                              'YYYY-MM-DDThh:mm:ssZ' % creds['Expiration'][:40], request_id=request_id)
    return creds['AccessKeyId'], creds['AccessKeySecret'], creds['SecurityToken'], expiration


def _parse(response, secrets):
    doc = read_json(response)
    if response.status_code >= 400:
        raise parse_error(ACTION, response, doc, secrets, who='STS', error_class=CredentialError)
    if not isinstance(doc, dict):
        raise invalid_answer(ACTION, response, secrets, who='STS', error_class=CredentialError, quote=False)
    return credentials_from(doc, response.status_code, response.headers.get('x-acs-request-id'), ACTION)
