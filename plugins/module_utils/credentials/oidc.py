# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OIDC role (ACK RRSA): a Kubernetes service account token exchanged for a role's credentials.

When: oidc_role_arn, else ALIBABA_CLOUD_ROLE_ARN; oidc_provider_arn, else
ALIBABA_CLOUD_OIDC_PROVIDER_ARN; oidc_token_file, else ALIBABA_CLOUD_OIDC_TOKEN_FILE. The source is
configured by any of the three options, or by either of the last two variables
(ALIBABA_CLOUD_ROLE_ARN alone is not enough: the SDK also reads it for other purposes); it must
then be complete, whichever source wins (deviation from the SDK, which skips an incomplete OIDC
environment: a lone role_arn meant for AssumeRole must not be silently dropped). Also the OIDC /
oidc_role_arn profiles (profile.py).

How: STS AssumeRoleWithOIDC (unsigned, as the SDK sends it; endpoint as in assume_role.py), session
ALIBABA_CLOUD_ROLE_SESSION_NAME (default ansible-servicecatalog), 3600 s. The token file is read at
every fetch (Kubernetes rotates it); a missing, unreadable or empty file is a CredentialError
naming the file and the option or variable it came from. The token is a secret: it never appears
in any message. Source ``oidc-role:<role arn>``, refreshed before expiry.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from collections import namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import assume_role, peers
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Source
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.refreshing import RefreshingCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, CredentialError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import clean, need_requests

ENV_OIDC_ROLE_ARN = 'ALIBABA_CLOUD_ROLE_ARN'
ENV_OIDC_PROVIDER_ARN = 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN'
ENV_OIDC_TOKEN_FILE = 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'
ENV_ROLE_SESSION_NAME = 'ALIBABA_CLOUD_ROLE_SESSION_NAME'
OPTIONS = (('oidc_role_arn', ENV_OIDC_ROLE_ARN), ('oidc_provider_arn', ENV_OIDC_PROVIDER_ARN), ('oidc_token_file', ENV_OIDC_TOKEN_FILE))

_OIDC_PROVIDER_ARN_RE = re.compile(r'^acs:ram::[0-9]+:oidc-provider/[A-Za-z0-9._@+=,/-]+$')

Oidc = namedtuple('Oidc', ['role_arn', 'provider_arn', 'token_file', 'token_label', 'session_name', 'duration', 'policy'])


def provider_arn(value, label):
    if not _OIDC_PROVIDER_ARN_RE.match(value):
        raise ConfigError('%s: %r is not an OIDC provider ARN; expected acs:ram::<account ID>:oidc-provider/<provider name>' % (
            label, value))
    return value


def settings_of(settings):
    """The OIDC role of options / environment (None when not configured); ConfigError when incomplete."""
    found = [settings.setting(option, (env_name,)) for option, env_name in OPTIONS]
    options_given = any(clean(settings.options.get(option)) for option, _env in OPTIONS)
    if not options_given and settings.env(ENV_OIDC_PROVIDER_ARN) is None and settings.env(ENV_OIDC_TOKEN_FILE) is None:
        return None
    missing = ['%s (or %s)' % (option, env_name) for (option, env_name), (value, _label) in zip(OPTIONS, found) if value is None]
    if missing:
        given = ', '.join(label for value, label in found if value is not None)
        raise ConfigError('%s: an OIDC role also needs %s' % (given, ' and '.join(missing)))
    (role_arn, role_label), (provider, provider_label), (token_file, token_label) = found
    session, session_label = settings.setting(None, (ENV_ROLE_SESSION_NAME,))
    return Oidc(assume_role.role_arn(role_arn, role_label), provider_arn(provider, provider_label), settings.path(token_file),
                token_label, assume_role.session_name(session, session_label) if session else assume_role.DEFAULT_ROLE_SESSION_NAME,
                assume_role.DEFAULT_ROLE_SESSION_EXPIRATION, None)


def read_token(settings, oidc):
    """The token file's content, read anew for every exchange (Kubernetes rotates it); CredentialError naming the file."""
    shown = settings.show(oidc.token_file)
    action = peers.sts().OIDC_ACTION
    try:
        with open(oidc.token_file, 'rb') as handle:
            data = handle.read()
    except (IOError, OSError) as exc:
        raise CredentialError(action, None, 'OIDCTokenFile', '%s: cannot read %s (%s)' % (
            oidc.token_label, shown, exc.strerror or type(exc).__name__))
    try:
        token = data.decode('utf-8').strip()
    except UnicodeDecodeError as exc:
        raise CredentialError(action, None, 'OIDCTokenFile', '%s: %s is not UTF-8 text (byte %d)' % (
            oidc.token_label, shown, exc.start))
    if not token:
        raise CredentialError(action, None, 'OIDCTokenFile', '%s: %s is empty' % (oidc.token_label, shown))
    return token


def provider(settings, oidc, sts_url, source):
    """The provider of the role ``oidc`` (an Oidc) through ``sts_url``."""
    need_requests('OIDC role credentials')
    base_url, host = sts_url

    def fetch():
        token = read_token(settings, oidc)
        return peers.sts().assume_role_with_oidc(settings, base_url, host, oidc.role_arn, oidc.provider_arn, token,
                                                 oidc.session_name, oidc.duration, oidc.policy)

    settings.say('credentials: %s (provider %s, token file %s, session %s, %d s) through %s' % (
        source, oidc.provider_arn, settings.show(oidc.token_file), oidc.session_name, oidc.duration, host))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))


def find(settings):
    oidc = settings_of(settings)
    if oidc is None:
        return None
    return provider(settings, oidc, assume_role.sts_endpoint(settings), 'oidc-role:%s' % oidc.role_arn)


SOURCE = Source('OIDC role', find,
                'an OIDC role (oidc_role_arn, oidc_provider_arn and oidc_token_file, or ALIBABA_CLOUD_ROLE_ARN, '
                'ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE)',
                options=[option for option, _env in OPTIONS], check=settings_of)
