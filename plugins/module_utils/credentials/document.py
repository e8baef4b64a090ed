# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one check of a credential document and the one expiry parser.

Every peer that hands out temporary credentials (STS AssumeRole and AssumeRoleWithOIDC in
``Credentials``, the ECS metadata service and a credentials URI at the top level) answers the
same four fields: AccessKeyId, AccessKeySecret, SecurityToken and Expiration
(``YYYY-MM-DDThh:mm:ssZ``, UTC, optional fraction). ``check_document`` turns such a document into
``(key id, secret, token, expiration epoch)`` or a CredentialError naming what is missing; the
document holds the new secret and token, so nothing of it but field names (and an Expiration
with the secrets blanked) goes into a message.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime
import re

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError, quoted_repr

FIELDS = ('AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration')
EXPIRATION_FORM = 'YYYY-MM-DDThh:mm:ssZ'

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


def check_document(doc, action, status, what, prefix='', request_id=None, secrets=()):
    """``(key id, secret, token, expiration epoch)`` from ``doc`` (a dict), else CredentialError.

    ``what`` names the answer in messages (``the AssumeRole answer``, ``the credentials URI
    http://host/path``); ``prefix`` is put before the field names (``Credentials.`` for the
    object of an STS answer); ``secrets`` are blanked in the Expiration a message quotes, beside the
    document's own secret and token.
    """
    missing = [prefix + name for name in FIELDS if not isinstance(doc.get(name), str) or not doc.get(name)]
    if missing:
        raise CredentialError(action, status, 'InvalidResponse', '%s lacks %s' % (what, ', '.join(missing)), request_id=request_id)
    expiration = parse_expiration(doc['Expiration'])
    if expiration is None:
        shown = quoted_repr(doc['Expiration'], (doc['AccessKeySecret'], doc['SecurityToken']) + tuple(secrets))
        raise CredentialError(action, status, 'InvalidResponse', '%s gives %sExpiration %s, which is not in the form %s' % (
            what, prefix, shown, EXPIRATION_FORM), request_id=request_id)
    return doc['AccessKeyId'], doc['AccessKeySecret'], doc['SecurityToken'], expiration
