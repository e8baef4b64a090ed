# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Keys given directly: the options, then the environment (two steps of the chain).

When: options ``alicloud_access_key`` + ``alicloud_secret_key`` (+ ``alicloud_security_token``),
also through ``module_defaults``; else the environment, in two families tried in order:
ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN),
then ALICLOUD_ACCESS_KEY or ALICLOUD_ACCESS_KEY_ID + ALICLOUD_SECRET_KEY or
ALICLOUD_SECRET_ACCESS_KEY (+ ALICLOUD_SECURITY_TOKEN). Within a family the names are aliases (the
alibaba.alicloud collection reads ALICLOUD_ACCESS_KEY and ALICLOUD_ACCESS_KEY_ID alike); a key is
never paired with a secret of another family, nor an option key with a secret from the
environment. A key without its secret (or a token alone) is a ConfigError.

How: as given. Sources ``options`` and ``env:<key variable>``; static: nothing is fetched,
``refreshable`` is False and a given token is used as is.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, Source, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import clean

# Families of environment variables, in precedence order: (key ID names, secret names, token name).
ENV_CREDENTIAL_SETS = (
    (('ALIBABA_CLOUD_ACCESS_KEY_ID',), ('ALIBABA_CLOUD_ACCESS_KEY_SECRET',), 'ALIBABA_CLOUD_SECURITY_TOKEN'),
    (('ALICLOUD_ACCESS_KEY', 'ALICLOUD_ACCESS_KEY_ID'), ('ALICLOUD_SECRET_KEY', 'ALICLOUD_SECRET_ACCESS_KEY'), 'ALICLOUD_SECURITY_TOKEN'),
)


def from_options(settings):
    options = settings.options
    key = clean(options.get('alicloud_access_key'))
    secret = clean(options.get('alicloud_secret_key'))
    token = clean(options.get('alicloud_security_token'))
    if key or secret:
        if not key:
            raise ConfigError('alicloud_access_key: required when alicloud_secret_key is set (aliases access_key, access_key_id)')
        if not secret:
            raise ConfigError('alicloud_secret_key: required when alicloud_access_key is set (aliases secret_key, access_key_secret)')
        return StaticCredentialsProvider(Credentials(key, secret, token, 'options'))
    if token:
        raise ConfigError('alicloud_security_token: needs alicloud_access_key and alicloud_secret_key of the same STS session')
    return None


def from_environment(settings):
    environ = settings.environ
    for key_vars, secret_vars, token_var in ENV_CREDENTIAL_SETS:
        key_var = next((name for name in key_vars if clean(environ.get(name))), None)
        secret_var = next((name for name in secret_vars if clean(environ.get(name))), None)
        if key_var and secret_var:
            return StaticCredentialsProvider(Credentials(
                clean(environ[key_var]), clean(environ[secret_var]), clean(environ.get(token_var)), 'env:%s' % key_var))
        if key_var or secret_var:
            raise ConfigError('environment: %s and %s must be set together' % (' or '.join(key_vars), ' or '.join(secret_vars)))
    return None


def environment_key(settings):
    """The name of the first key variable set in the environment (None when none is): for messages."""
    return next((name for key_vars, _secrets, _token in ENV_CREDENTIAL_SETS for name in key_vars if settings.env(name)), None)


OPTIONS = Source('access key options', from_options,
                 'alicloud_access_key and alicloud_secret_key (optionally alicloud_security_token)',
                 options=('alicloud_access_key', 'alicloud_secret_key', 'alicloud_security_token'))
ENVIRONMENT = Source('environment', from_environment,
                     'the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET '
                     '(or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, alias ALICLOUD_ACCESS_KEY_ID and ALICLOUD_SECRET_ACCESS_KEY)')
