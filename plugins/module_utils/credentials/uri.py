# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Credentials URI: an HTTP endpoint (a CI system, a sidecar) that answers temporary keys.

When: credentials_uri, else ALIBABA_CLOUD_CREDENTIALS_URI (http or https with a host). Also the
CredentialsURI / credentials_uri profiles (profile.py).

How: ``GET <uri>`` (see _uri.py); the answer must be HTTP 200 with a JSON object holding
Code=Success, AccessKeyId, AccessKeySecret, SecurityToken and Expiration; anything else is a
CredentialError naming the URI without its query (which may hold a token, as may the user info:
neither is ever shown). Connection failures and 5xx answers are retried. Source
``credentials-uri:<scheme://host/path>``, refreshed before expiry.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import peers
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.refreshing import RefreshingCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import need_requests

ENV_CREDENTIALS_URI = 'ALIBABA_CLOUD_CREDENTIALS_URI'


def provider(settings, value, label, source=None):
    """The provider of the credentials URI ``value`` (``label``: where it was set, for messages)."""
    need_requests('credentials URI')
    uri, shown, host = peers.uri().check_uri(value, label)
    source = source or 'credentials-uri:%s' % shown

    def fetch():
        return peers.uri().uri_credentials(settings, uri, shown, host)

    settings.say('credentials: %s (from %s)' % (source, label))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))


def find(settings):
    value, label = settings.setting('credentials_uri', (ENV_CREDENTIALS_URI,))
    if value is None:
        return None
    return provider(settings, value, label)
