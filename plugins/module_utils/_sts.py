# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""STS AssumeRole and AssumeRoleWithOIDC, as the official credentials SDK calls them.

AssumeRole: ``GET https://<sts endpoint>/?<query>`` with the V1 (HMAC-SHA1) signature; the query
holds exactly what alibabacloud_credentials sends: Action, Format, Version, DurationSeconds,
RoleArn, RoleSessionName, SignatureMethod, SignatureVersion, Timestamp, SignatureNonce, optional
Policy and ExternalId, AccessKeyId, SecurityToken (only when the signing key is temporary) and
Signature.

AssumeRoleWithOIDC (credentials.md section 6): the same GET to the same endpoint, unsigned (no
AccessKeyId, no nonce, no Signature): Action, Format, Version, DurationSeconds, RoleArn,
OIDCProviderArn, OIDCToken, RoleSessionName, Timestamp, optional Policy. The OIDC token is a
secret: it is removed from every error text, and the query of the URL (which holds it) never
appears in one.

Throttling, 5xx answers and connection failures are retried (fresh timestamp, and nonce for
AssumeRole, each time, through the transport core). Internal to the credentials package (assume_role.py, oidc.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

try:
    import requests
except ImportError:  # pragma: no cover - the credentials package refuses to build an STS provider without it
    requests = None

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.document import check_document
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError, transport_error
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import RetryPolicy, invalid_answer, parse_error, read_json

ACTION = 'AssumeRole'
OIDC_ACTION = 'AssumeRoleWithOIDC'
VERSION = '2015-04-01'
DEFAULT_RETRIES = 3
BACKOFF_BASE = 0.3
BACKOFF_CAP = 2.0


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
        return _parse(response, secrets, ACTION)

    return RetryPolicy(retries, BACKOFF_BASE, BACKOFF_CAP, final=True).run(attempt, ACTION, log=log, sleep=sleep)


def oidc_params(role_arn, provider_arn, token, session_name, duration, policy=None, timestamp=None):
    """The complete query parameters of one AssumeRoleWithOIDC request (unsigned, as the SDK sends it)."""
    params = {
        'Action': OIDC_ACTION,
        'Format': 'JSON',
        'Version': VERSION,
        'DurationSeconds': str(int(duration)),
        'RoleArn': role_arn,
        'OIDCProviderArn': provider_arn,
        'OIDCToken': token,
        'RoleSessionName': session_name,
        'Timestamp': timestamp or signer.utc_timestamp(),
    }
    if policy:
        params['Policy'] = policy
    return params


def assume_role_with_oidc(session, base_url, host, role_arn, provider_arn, token, session_name, duration, policy=None,
                          timeout=(5.0, 10.0), retries=DEFAULT_RETRIES, sleep=time.sleep, log=None):
    """Exchange the OIDC ``token`` for temporary credentials; return ``(key id, secret, token, expiration epoch)``.

    Raises CredentialError (action AssumeRoleWithOIDC) as ``assume_role`` does; the OIDC token never
    appears in it.
    """
    secrets = (token, signer.percent_encode(token))

    def attempt():
        params = oidc_params(role_arn, provider_arn, token, session_name, duration, policy)
        url = '%s/?%s' % (base_url, query_string(params))
        try:
            response = session.get(url, timeout=timeout, headers={'accept': 'application/json'}, allow_redirects=False,
                                   verify=session.verify)
        except requests.exceptions.RequestException as exc:
            raise transport_error(OIDC_ACTION, exc, host, timeout, secrets, hint='check sts_endpoint', redact_query=True,
                                  error_class=CredentialError)
        return _parse(response, secrets, OIDC_ACTION)

    return RetryPolicy(retries, BACKOFF_BASE, BACKOFF_CAP, final=True).run(attempt, OIDC_ACTION, log=log, sleep=sleep)


def credentials_from(doc, status, request_id, what):
    """``(key id, secret, token, expiration epoch)`` from a ``Credentials`` object of an STS answer.

    The object holds the new secret and token: nothing of it but field names ever goes into an error.
    """
    creds = doc.get('Credentials')
    request_id = doc.get('RequestId') or request_id
    if not isinstance(creds, dict):
        raise CredentialError(what, status, 'InvalidResponse', 'the %s answer has no Credentials object' % what,
                              request_id=request_id)
    return check_document(creds, what, status, 'the %s answer' % what, prefix='Credentials.', request_id=request_id)


def _parse(response, secrets, action):
    doc = read_json(response)
    if response.status_code >= 400:
        raise parse_error(action, response, doc, secrets, who='STS', error_class=CredentialError)
    if not isinstance(doc, dict):
        raise invalid_answer(action, response, secrets, who='STS', error_class=CredentialError, quote=False)
    return credentials_from(doc, response.status_code, response.headers.get('x-acs-request-id'), action)
