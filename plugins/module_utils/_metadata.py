# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials of an ECS instance's RAM role from the instance metadata service.

IMDSv2 first: ``PUT /latest/api/token`` (header ``X-aliyun-ecs-metadata-token-ttl-seconds``),
then ``GET /latest/meta-data/ram/security-credentials/<role>`` with the token in
``X-aliyun-ecs-metadata-token``. When the token request answers 403, 404 or 405 (a metadata
service without IMDSv2), the GET is made without a token (IMDSv1) unless
``ALIBABA_CLOUD_IMDSV1_DISABLED=true``. The caller gives a session that ignores proxy variables
(the metadata service is link-local); connection failures and 5xx answers are retried.
Internal to the credentials package (ecs_role.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    from urllib import quote  # type: ignore

try:
    import requests
except ImportError:  # pragma: no cover - the credentials package refuses to build a metadata provider without it
    requests = None

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.document import check_document
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError, redact, transport_error
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import RetryPolicy, read_json

ACTION = 'EcsRamRole'
TOKEN_PATH = '/latest/api/token'
CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/'
TOKEN_TTL_HEADER = 'X-aliyun-ecs-metadata-token-ttl-seconds'
TOKEN_HEADER = 'X-aliyun-ecs-metadata-token'
TOKEN_TTL_SECONDS = 21600
DEFAULT_RETRIES = 3
BACKOFF_BASE = 0.1
BACKOFF_CAP = 1.0
CONNECT_TIMEOUT = 1.0
READ_TIMEOUT = 5.0
NO_IMDSV2 = (403, 404, 405)


def metadata_timeout(connect_timeout=None, read_timeout=None):
    """Connect 1 s and read 5 s, or the configured time-outs when they are shorter."""
    connect = CONNECT_TIMEOUT if not connect_timeout else min(CONNECT_TIMEOUT, float(connect_timeout))
    read = READ_TIMEOUT if not read_timeout else min(READ_TIMEOUT, float(read_timeout))
    return connect, read


def role_credentials(session, base_url, host, role_name, timeout, imdsv1_disabled=False, retries=DEFAULT_RETRIES,
                     sleep=time.sleep, log=None):
    """Return ``(key id, secret, token, expiration epoch)`` of ``role_name``; raise ServiceCatalogError."""
    token = _token(session, base_url, host, timeout, imdsv1_disabled, retries, sleep, log)
    headers = {TOKEN_HEADER: token} if token else {}
    secrets = (token,)
    response = _request(session, 'GET', base_url + CREDENTIALS_PATH + quote(role_name, safe=''), headers, host, timeout,
                        retries, sleep, log, secrets)
    status = response.status_code
    if status == 404:
        raise CredentialError(ACTION, status, 'HTTP404', 'the ECS metadata service at %s has no RAM role %s: is the role '
                              'attached to this instance (ecs_role_name)?' % (host, role_name))
    if status != 200:
        raise CredentialError(ACTION, status, 'HTTP%d' % status, 'the ECS metadata service at %s answered HTTP %d for RAM role %s'
                              % (host, status, role_name))
    doc = read_json(response)
    # The document holds the secret and the token: nothing of it but Code and Message goes into an error.
    if not isinstance(doc, dict):
        raise CredentialError(ACTION, status, 'InvalidResponse', 'the ECS metadata service at %s answered without a JSON '
                              'document for RAM role %s' % (host, role_name))
    code = str(doc.get('Code') or '')
    if code != 'Success':
        message = 'the ECS metadata service at %s answered Code=%s for RAM role %s' % (host, code or '(none)', role_name)
        if doc.get('Message'):
            message += ': %s' % redact(str(doc['Message']), (doc.get('AccessKeySecret'), doc.get('SecurityToken'), token))
        raise CredentialError(ACTION, status, code or 'MetadataError', message)
    return check_document(doc, ACTION, status, 'the ECS metadata answer for RAM role %s' % role_name, secrets=secrets)


def _token(session, base_url, host, timeout, imdsv1_disabled, retries, sleep, log):
    response = _request(session, 'PUT', base_url + TOKEN_PATH, {TOKEN_TTL_HEADER: str(TOKEN_TTL_SECONDS)}, host, timeout,
                        retries, sleep, log, ())
    status = response.status_code
    if status == 200:
        token = (response.content or b'').decode('utf-8', 'replace').strip()
        if token:
            return token
        raise CredentialError(ACTION, status, 'InvalidResponse', 'the ECS metadata service at %s answered the token request '
                              'with an empty body' % host)
    if status in NO_IMDSV2:
        if imdsv1_disabled:
            raise CredentialError(ACTION, status, 'HTTP%d' % status, 'the ECS metadata service at %s refused the IMDSv2 '
                                  'token request (HTTP %d) and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids IMDSv1' % (host, status))
        if log is not None:
            log('credentials: the ECS metadata token request answered HTTP %d; using IMDSv1 (no token)' % status)
        return None
    raise CredentialError(ACTION, status, 'HTTP%d' % status, 'the ECS metadata service at %s answered HTTP %d to the '
                          'IMDSv2 token request' % (host, status))


def _request(session, method, url, headers, host, timeout, retries, sleep, log, secrets):
    """One metadata request through the transport core's retries (connection failures and 5xx
    answers); returns the response of any other status."""
    def attempt():
        try:
            response = session.request(method, url, headers=headers, timeout=timeout, allow_redirects=False)
        except requests.exceptions.RequestException as exc:
            raise transport_error(ACTION, exc, host, timeout, secrets, hint='check ecs_metadata_url', error_class=CredentialError)
        if response.status_code >= 500:
            raise CredentialError(ACTION, response.status_code, 'HTTP%d' % response.status_code,
                                  'the ECS metadata service at %s answered HTTP %d' % (host, response.status_code), retryable=True)
        return response

    label = 'ECS metadata: %s %s' % (method, url[len(host_url(url)):])
    try:
        return RetryPolicy(retries, BACKOFF_BASE, BACKOFF_CAP, final=True).run(attempt, label, log=log, sleep=sleep)
    except CredentialError as err:
        if err.status is not None:
            raise
        raise err.replace(message='%s (is this an ECS instance? the metadata service answers only there)' % err.message)


def host_url(url):
    """The ``scheme://host[:port]`` part of ``url``."""
    scheme, _sep, rest = url.partition('://')
    return '%s://%s' % (scheme, rest.split('/', 1)[0])
