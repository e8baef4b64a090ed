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

Both are sent by transport.exchange under the ``credentials`` retry profile (the ``retries`` and
time-out options apply; throttling, 5xx answers and connection failures are retried with a fresh
timestamp, and nonce for AssumeRole, each time; no redirect is followed). Internal to the credentials package (assume_role.py, oidc.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.document import check_document
from ansible_collections.alicloud.servicecatalog.plugins.module_utils._answer import MAX_FIELD_CHARS, json_document
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError, quoted
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import Request, exchange, peer

ACTION = 'AssumeRole'
OIDC_ACTION = 'AssumeRoleWithOIDC'
VERSION = '2015-04-01'
HEADERS = {'accept': 'application/json'}


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


def assume_role(settings, base_url, host, base, role_arn, session_name, duration, policy=None, external_id=None):
    """Call AssumeRole signed with ``base`` (a Credentials); return ``(key id, secret, token, expiration epoch)``.

    ``settings``: the transport's Settings (session, time-outs, retries). Raises CredentialError
    (action AssumeRole): the API's Code / Message / RequestId, or a transport code (ConnectionRefused,
    NameResolutionError, TLSError, ReadTimeout, Redirect...), after the retries of the
    ``credentials`` profile (a fresh nonce and timestamp each time).
    """
    secrets = (base.access_key_secret, base.security_token, signer.percent_encode(base.security_token or ''))

    def prepare():
        params = assume_role_params(base.access_key_id, base.access_key_secret, base.security_token, role_arn,
                                    session_name, duration, policy, external_id)
        return Request('GET', '%s/?%s' % (base_url, query_string(params)), HEADERS, None, secrets)

    return exchange(settings, _sts(host), ACTION, prepare, lambda answer: _parse(answer, ACTION), profile='credentials')


def _sts(host):
    return peer(host, session='sts', who='STS', hint='check sts_endpoint', redact_query=True, error_class=CredentialError)


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


def assume_role_with_oidc(settings, base_url, host, role_arn, provider_arn, token, session_name, duration, policy=None):
    """Exchange the OIDC ``token`` for temporary credentials; return ``(key id, secret, token, expiration epoch)``.

    Raises CredentialError (action AssumeRoleWithOIDC) as ``assume_role`` does; the OIDC token never
    appears in it.
    """
    secrets = (token, signer.percent_encode(token))

    def prepare():
        params = oidc_params(role_arn, provider_arn, token, session_name, duration, policy)
        return Request('GET', '%s/?%s' % (base_url, query_string(params)), HEADERS, None, secrets)

    return exchange(settings, _sts(host), OIDC_ACTION, prepare, lambda answer: _parse(answer, OIDC_ACTION), profile='credentials')


def credentials_from(doc, status, request_id, what):
    """``(key id, secret, token, expiration epoch)`` from a ``Credentials`` object of an STS answer.

    The object holds the new secret and token: nothing of it but field names ever goes into an error.
    """
    creds = doc.get('Credentials')
    if isinstance(doc.get('RequestId'), str) and doc['RequestId']:
        request_id = quoted(doc['RequestId'], limit=MAX_FIELD_CHARS)
    if not isinstance(creds, dict):
        raise CredentialError(what, status, 'InvalidResponse', 'the %s answer has no Credentials object' % what,
                              request_id=request_id)
    return check_document(creds, what, status, 'the %s answer' % what, prefix='Credentials.', request_id=request_id)


def _parse(answer, action):
    doc = json_document(action, answer, who='STS', error_class=CredentialError, quote=False)
    return credentials_from(doc, answer.status_code, answer.headers.get('x-acs-request-id'), action)
