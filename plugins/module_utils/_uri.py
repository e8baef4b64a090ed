# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Temporary credentials from a credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI), as the official
credentials SDK reads them (credentials.md section 7).

``GET <uri>`` (its own scheme, host, port, path and query); the answer must be HTTP 200 with a JSON
object holding ``Code`` = ``Success``, ``AccessKeyId``, ``AccessKeySecret``, ``SecurityToken`` and
``Expiration`` (``YYYY-MM-DDThh:mm:ssZ``). The query string may carry a token of its own: only
``shown_uri`` (scheme, host, port and path) ever appears in a message. Connection failures and 5xx
answers are retried (transport.exchange, ``credentials`` profile); no redirect is followed. Internal
to credentials.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:
    from urllib.parse import parse_qsl, urlsplit
except ImportError:  # pragma: no cover
    from urlparse import parse_qsl, urlsplit  # type: ignore

from ansible_collections.alicloud.servicecatalog.plugins.module_utils._answer import read_json, retry_5xx
from ansible_collections.alicloud.servicecatalog.plugins.module_utils._sts import parse_expiration
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, CredentialError, quoted
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import Request, exchange, peer

ACTION = 'CredentialsURI'


def check_uri(value, label):
    """``(uri, shown, host)`` for a credentials URI: http or https with a host; ``shown`` has no user
    info and no query (either may hold a token). ConfigError naming ``label`` otherwise."""
    text = str(value).strip()
    try:
        parts = urlsplit(text)
        parts.port  # pylint: disable=pointless-statement  # raises ValueError for a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ('http', 'https') or not parts.hostname or parts.fragment:
        raise ConfigError('%s: must be an http:// or https:// URL with a host (and no #fragment), for example '
                          'http://127.0.0.1:8080/credentials; got %s' % (label, shown_uri(text)))
    host = parts.netloc.rsplit('@', 1)[-1]
    return text, shown_uri(text), host


def shown_uri(uri):
    """The URI as messages show it: without user info, and with ``?<query hidden>`` for a query."""
    try:
        parts = urlsplit(str(uri))
    except ValueError:
        return '<a malformed URL>'
    if not parts.scheme or not parts.netloc:
        return '<not a URL: %d characters>' % len(str(uri))
    netloc = parts.netloc.rsplit('@', 1)[-1]
    return '%s://%s%s%s' % (parts.scheme, netloc, parts.path, '?<query hidden>' if parts.query else '')


def uri_credentials(settings, uri, shown, host):
    """GET the credentials URI; return ``(key id, secret, token, expiration epoch)`` or raise CredentialError.

    ``settings``: the transport's Settings (the ``sts`` session: proxies apply; time-outs, retries, log).
    """
    parts = urlsplit(uri)
    # its query, each query value and the user info may hold a token (values too short to be one are
    # left, so that "?v=1" does not blank every 1 of a message)
    values = [v for _k, v in parse_qsl(parts.query) if len(v) >= 6]
    secrets = tuple(part for part in [parts.query, parts.password] + values if part)
    where = 'the credentials URI %s' % shown

    classify = retry_5xx(ACTION, where, CredentialError)
    to = peer(host, session='sts', who=where, hint='check credentials_uri', redact_query=True, error_class=CredentialError)
    response = exchange(settings, to, ACTION, lambda: Request('GET', uri, {'accept': 'application/json'}, None, secrets), classify,
                        profile='credentials')
    status = response.status_code
    doc = read_json(response)
    if status != 200:
        message = '%s answered HTTP %d (200 with credentials expected)' % (where, status)
        if isinstance(doc, dict) and (doc.get('Code') or doc.get('Message')):
            # an error document: its Code and Message help, and hold no credentials
            message += ': %s' % quoted(': '.join('%s' % doc.get(k) for k in ('Code', 'Message') if doc.get(k)), secrets, 300)
        raise CredentialError(ACTION, status, 'HTTP%d' % status, ' '.join(message.split()))
    # The document holds the secret and the token: nothing of it but Code and field names goes into an error.
    if not isinstance(doc, dict):
        raw = response.content or b''
        raise CredentialError(ACTION, status, 'InvalidResponse', '%s answered HTTP 200 with %s instead of a JSON object' % (
            where, 'a %d-byte body' % len(raw) if raw else 'an empty body'))
    code = doc.get('Code')
    if code != 'Success':
        raise CredentialError(ACTION, status, 'InvalidResponse', '%s answered Code=%s (Success expected)' % (
            where, quoted(str(code), secrets, 60) if code is not None else '(none)'))
    missing = [name for name in ('AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration')
               if not isinstance(doc.get(name), str) or not doc.get(name)]
    if missing:
        raise CredentialError(ACTION, status, 'InvalidResponse', '%s answered without %s' % (where, ', '.join(missing)))
    expiration = parse_expiration(doc['Expiration'])
    if expiration is None:
        raise CredentialError(ACTION, status, 'InvalidResponse', '%s answered an Expiration not in the form '
                              'YYYY-MM-DDThh:mm:ssZ' % where)
    return doc['AccessKeyId'], doc['AccessKeySecret'], doc['SecurityToken'], expiration
