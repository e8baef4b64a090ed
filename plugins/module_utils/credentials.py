# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where the access key comes from.

Precedence: explicit options, then environment variables (the official SDK's names first, then
the alibaba.alicloud collection's). A key and its secret (and token) always come from the same
source: an option key is never paired with a secret from the environment.

A credentials provider has one method, ``get()``, returning ``Credentials``; the client asks for
them before every attempt, so a provider of temporary credentials can refresh them.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
from collections import namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError


class Credentials(namedtuple('Credentials', ['access_key_id', 'access_key_secret', 'security_token', 'source'])):
    """A key, its secret and optional STS token; the repr never shows the secret or the token."""

    __slots__ = ()

    def __repr__(self):
        return 'Credentials(access_key_id=%r, access_key_secret=%s, security_token=%s, source=%r)' % (
            self.access_key_id, '<hidden>' if self.access_key_secret else None,
            '<hidden>' if self.security_token else None, self.source)


# Families of environment variables, in precedence order: (key ID names, secret names, token name).
# Within a family the names are aliases (the alibaba.alicloud collection reads ALICLOUD_ACCESS_KEY
# and ALICLOUD_ACCESS_KEY_ID alike); a key is never paired with a secret of another family.
ENV_CREDENTIAL_SETS = (
    (('ALIBABA_CLOUD_ACCESS_KEY_ID',), ('ALIBABA_CLOUD_ACCESS_KEY_SECRET',), 'ALIBABA_CLOUD_SECURITY_TOKEN'),
    (('ALICLOUD_ACCESS_KEY', 'ALICLOUD_ACCESS_KEY_ID'), ('ALICLOUD_SECRET_KEY', 'ALICLOUD_SECRET_ACCESS_KEY'), 'ALICLOUD_SECURITY_TOKEN'),
)
ENV_REGION = ('ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION', 'ALICLOUD_REGION_ID')

MISSING_CREDENTIALS = (
    'no credentials found: set alicloud_access_key and alicloud_secret_key (optionally alicloud_security_token), '
    'or the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET '
    '(or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY)')


class StaticCredentialsProvider:
    """Long-lived keys, or an STS key with its token, given once."""

    def __init__(self, credentials):
        self._credentials = credentials

    def get(self):
        return self._credentials

    @property
    def source(self):
        return self._credentials.source


def _clean(value):
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def resolve_credentials(options, environ=None):
    """Return a credentials provider for ``options`` (a dict of this collection's option names)."""
    environ = os.environ if environ is None else environ
    key = _clean(options.get('alicloud_access_key'))
    secret = _clean(options.get('alicloud_secret_key'))
    token = _clean(options.get('alicloud_security_token'))
    if key or secret:
        if not key:
            raise ConfigError('alicloud_access_key: required when alicloud_secret_key is set (aliases access_key, access_key_id)')
        if not secret:
            raise ConfigError('alicloud_secret_key: required when alicloud_access_key is set (aliases secret_key, access_key_secret)')
        return StaticCredentialsProvider(Credentials(key, secret, token, 'options'))
    if token:
        raise ConfigError('alicloud_security_token: needs alicloud_access_key and alicloud_secret_key of the same STS session')
    for key_vars, secret_vars, token_var in ENV_CREDENTIAL_SETS:
        key_var = next((name for name in key_vars if _clean(environ.get(name))), None)
        secret_var = next((name for name in secret_vars if _clean(environ.get(name))), None)
        if key_var and secret_var:
            return StaticCredentialsProvider(Credentials(
                _clean(environ[key_var]), _clean(environ[secret_var]), _clean(environ.get(token_var)), 'env:%s' % key_var))
        if key_var or secret_var:
            raise ConfigError('environment: %s and %s must be set together' % (' or '.join(key_vars), ' or '.join(secret_vars)))
    raise ConfigError(MISSING_CREDENTIALS)


def resolve_region(options, environ=None):
    environ = os.environ if environ is None else environ
    region = _clean(options.get('alicloud_region'))
    if region:
        return region
    for name in ENV_REGION:
        region = _clean(environ.get(name))
        if region:
            return region
    return None
