# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials of an ECS instance's RAM role from the instance metadata service.

IMDSv2 first: ``PUT /latest/api/token`` (header ``X-aliyun-ecs-metadata-token-ttl-seconds``),
then ``GET /latest/meta-data/ram/security-credentials/<role>`` with the token in
``X-aliyun-ecs-metadata-token``. When the token request answers 403, 404 or 405 (a metadata
service without IMDSv2), the GET is made without a token (IMDSv1) unless
``ALIBABA_CLOUD_IMDSV1_DISABLED=true``. Both are sent by transport.exchange under the ``metadata``
retry profile (time-outs of at most 1 s to connect and 5 s to read), over the ``metadata`` session
(no proxy variables: the service is link-local):
connection failures and 5xx answers are retried, no redirect is followed. Internal to credentials.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    from urllib import quote  # type: ignore

from ansible_collections.alicloud.servicecatalog.plugins.module_utils._answer import MAX_MESSAGE_CHARS, read_json, retry_5xx
from ansible_collections.alicloud.servicecatalog.plugins.module_utils._sts import parse_expiration
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError, quoted, quoted_repr
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import Request, exchange, peer

ACTION = 'EcsRamRole'
TOKEN_PATH = '/latest/api/token'
CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/'
TOKEN_TTL_HEADER = 'X-aliyun-ecs-metadata-token-ttl-seconds'
TOKEN_HEADER = 'X-aliyun-ecs-metadata-token'
TOKEN_TTL_SECONDS = 21600
NO_IMDSV2 = (403, 404, 405)


def role_credentials(settings, base_url, host, role_name, imdsv1_disabled=False):
    """Return ``(key id, secret, token, expiration epoch)`` of ``role_name``; raise ServiceCatalogError.

    ``settings``: the transport's Settings (the ``metadata`` session, time-outs, retries, log).
    """
    token = _token(settings, base_url, host, imdsv1_disabled)
    headers = {TOKEN_HEADER: token} if token else {}
    response = _request(settings, 'GET', base_url + CREDENTIALS_PATH + quote(role_name, safe=''), headers, host, (token,))
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
        secrets = (doc.get('AccessKeySecret'), doc.get('SecurityToken'), token)
        code = quoted(code, secrets, 60)
        message = 'the ECS metadata service at %s answered Code=%s for RAM role %s' % (host, code or '(none)', role_name)
        if doc.get('Message'):
            message += ': %s' % quoted(str(doc['Message']), secrets, MAX_MESSAGE_CHARS)
        raise CredentialError(ACTION, status, code or 'MetadataError', message)
    missing = [name for name in ('AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration')
               if not isinstance(doc.get(name), str) or not doc.get(name)]
    if missing:
        raise CredentialError(ACTION, status, 'InvalidResponse', 'the ECS metadata answer for RAM role %s lacks %s'
                              % (role_name, ', '.join(missing)))
    expiration = parse_expiration(doc['Expiration'])
    if expiration is None:
        raise CredentialError(ACTION, status, 'InvalidResponse', 'Expiration %s of RAM role %s is not in the form '
                              'YYYY-MM-DDThh:mm:ssZ' % (quoted_repr(doc['Expiration']), role_name))
    return doc['AccessKeyId'], doc['AccessKeySecret'], doc['SecurityToken'], expiration


def _token(settings, base_url, host, imdsv1_disabled):
    response = _request(settings, 'PUT', base_url + TOKEN_PATH, {TOKEN_TTL_HEADER: str(TOKEN_TTL_SECONDS)}, host, ())
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
        settings.say('credentials: the ECS metadata token request answered HTTP %d; using IMDSv1 (no token)' % status)
        return None
    raise CredentialError(ACTION, status, 'HTTP%d' % status, 'the ECS metadata service at %s answered HTTP %d to the '
                          'IMDSv2 token request' % (host, status))


def _request(settings, method, url, headers, host, secrets):
    """One metadata request through the exchange (``metadata`` profile: connection failures and 5xx
    answers retried); returns the answer of any other status."""
    who = 'the ECS metadata service at %s' % host

    classify = retry_5xx(ACTION, who, CredentialError)
    to = peer(host, session='metadata', who=who, hint='check ecs_metadata_url', error_class=CredentialError)
    label = 'ECS metadata: %s %s' % (method, url[len(host_url(url)):])
    try:
        return exchange(settings, to, ACTION, lambda: Request(method, url, headers, None, secrets), classify, profile='metadata',
                        label=label)
    except CredentialError as err:
        if err.status is not None:
            raise
        raise err.replace(message='%s (is this an ECS instance? the metadata service answers only there)' % err.message)


def host_url(url):
    """The ``scheme://host[:port]`` part of ``url``."""
    scheme, _sep, rest = url.partition('://')
    return '%s://%s' % (scheme, rest.split('/', 1)[0])
