# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The chain: the order of the sources, in one list, and the two functions callers use.

A source named by the task's own options (``Source.options``: ``profile``, ``ecs_role_name``,
``credentials_uri``, the ``oidc_*`` options, the key options) is what the user asked for: it is
used, and the environment and the rest of the chain are not consulted (as botocore does for an
explicit profile); options naming two sources at once are a ConfigError naming both. Otherwise the
first source of ``CHAIN`` that is configured wins. A source that is configured but incomplete or
malformed is an error (ConfigError naming the option, variable or file), never silently skipped.
Nothing configured is a ConfigError listing every source's options and variables
(``MISSING_CREDENTIALS``, built from the sources' ``wants``). The assume-role layer
(assume_role.py) then wraps whichever source won.

The package (its ``__init__.py`` stays empty, as ansible-test's empty-init check requires: callers import
from the files, ``credentials.chain`` for ``resolve_credentials``, ``resolve_region`` and ``CHAIN``,
``credentials.base`` for ``Credentials`` and the static provider, ``credentials.refreshing`` for the
refreshing one):

Where the access key comes from: the credential chain, one module per source.

``resolve_credentials(options)`` returns a provider; ``provider.get()`` returns ``Credentials``.
A source named by the task's own options (``profile``, ``ecs_role_name``, ``credentials_uri``, the
``oidc_*`` options, the key options) wins over the environment and the order below; options of two
sources at once are a ConfigError naming both (chain.py). Otherwise the first source that is
configured wins; a source that is configured but incomplete or malformed is an error (ConfigError
naming the option, variable or file), never silently skipped:

====  =======================  =====================================================================  ========================================
#     source                   read from                                                              Credentials.source (refreshable)
====  =======================  =====================================================================  ========================================
1     options                  alicloud_access_key + alicloud_secret_key (+ alicloud_security_token)  ``options`` (no)
2a    environment, SDK names   ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET          ``env:ALIBABA_CLOUD_ACCESS_KEY_ID`` (no)
                               (+ ALIBABA_CLOUD_SECURITY_TOKEN)
2b    environment, alicloud    ALICLOUD_ACCESS_KEY or ALICLOUD_ACCESS_KEY_ID                          ``env:ALICLOUD_ACCESS_KEY`` or
      names                    + ALICLOUD_SECRET_KEY or ALICLOUD_SECRET_ACCESS_KEY                    ``env:ALICLOUD_ACCESS_KEY_ID`` (no)
                               (+ ALICLOUD_SECURITY_TOKEN)
3     OIDC role (RRSA)         oidc_role_arn, else ALIBABA_CLOUD_ROLE_ARN; oidc_provider_arn, else    ``oidc-role:<role arn>`` (yes)
                               ALIBABA_CLOUD_OIDC_PROVIDER_ARN; oidc_token_file, else
                               ALIBABA_CLOUD_OIDC_TOKEN_FILE (configured by any of the options or
                               either of the last two variables; then all three are needed);
                               session ALIBABA_CLOUD_ROLE_SESSION_NAME; STS AssumeRoleWithOIDC
4a    aliyun CLI profile       name: profile, else ALIBABA_CLOUD_PROFILE, else ALICLOUD_PROFILE,      ``profile:<name> (<file>, mode <mode>)``
                               else the file's ``current``; file: shared_credentials_file, else       (all but AK, StsToken: yes)
                               ALICLOUD_SHARED_CREDENTIALS_FILE, else ~/.aliyun/config.json
                               (skipped when ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true and no file
                               is named); modes AK, StsToken, RamRoleArn, EcsRamRole, OIDC,
                               ChainableRamRoleArn (source_profile of the same file), CredentialsURI
4b    SDK credentials file     section: the same name, else ``default``; file:                        ``profile:<name> (<file>, type <type>)``
                               ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials,      (all but access_key, sts: yes)
                               then ~/.alibabacloud/credentials.ini; types access_key, sts,
                               ram_role_arn, ecs_ram_role, oidc_role_arn, credentials_uri
5     ECS RAM role             ecs_role_name, else ALICLOUD_ECS_ROLE_NAME, else                       ``ecs-role:<name>`` (yes)
                               ALIBABA_CLOUD_ECS_METADATA (both variables ignored when
                               ALIBABA_CLOUD_ECS_METADATA_DISABLED=true); metadata service:
                               ecs_metadata_url, else ALICLOUD_ECS_METADATA_URL, else
                               http://100.100.100.200
6     credentials URI          credentials_uri, else ALIBABA_CLOUD_CREDENTIALS_URI (GET, JSON with    ``credentials-uri:<scheme://host/path>``
                               Code=Success and the keys; the query is never shown)                   (yes)
7     nothing                  ConfigError listing every option and variable above
+     assume role, wrapping    alicloud_assume_role_arn, else ALICLOUD_ASSUME_ROLE_ARN; each other    ``assume-role:<arn> via <source>``
      the source of 1-6        alicloud_assume_role_* option, else its ALICLOUD_ASSUME_ROLE_*         (yes)
                               variable
====  =======================  =====================================================================  ========================================

Modules of this package (each source module says when it applies and how it gets keys):

- chain.py: ``CHAIN``, the order in one list; ``resolve_credentials``, ``resolve_region``.
- keys.py (1, 2a, 2b), oidc.py (3), profile.py (4a, 4b), ecs_role.py (5), uri.py (6),
  assume_role.py (+, and the STS endpoint and role fields every role request uses).
- base.py: ``Credentials``, ``StaticCredentialsProvider``, ``Source``; refreshing.py:
  ``RefreshingCredentialsProvider``; document.py: the one check of a credential document and the
  one expiry parser; peers.py: the lazy imports of _sts.py, _metadata.py and _uri.py.

Rules that hold for every source: a key and its secret (and token) always come from the same
source; temporary credentials are fetched on the first ``get()`` and renewed before they expire;
static ones (options, environment, StsToken / sts profiles) are never refreshed. ``log`` (a
callable taking one string) is told which source was chosen and of every fetch with the new
expiration; no secret or token ever reaches a log line, an error text or a repr. An ad hoc call
with keys imports none of the peers (nor configparser, nor a thread pool).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import assume_role, keys, oidc
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Source
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import Settings, clean


# profile.py, ecs_role.py and uri.py (about 400 lines, compiled anew by every module run: AnsiballZ
# ships sources, not bytecode) are imported only when the chain gets to them: a call with keys in the
# options or the environment never does. keys.py and oidc.py are imported here (oidc's check runs on
# every call), as is assume_role.py (its settings are read on every call). The imports stay written
# out in full: AnsiballZ ships what the import statements name, inside functions too.
def _profile():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import profile
    return profile


def _find_profile(settings):
    return _profile().find(settings)


def _find_ecs_role(settings):
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import ecs_role
    return ecs_role.find(settings)


def _find_uri(settings):
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import uri
    return uri.find(settings)


# The order of the official SDK's default chain. A new source: one module with its ``find`` (and a
# ``SOURCE`` there, or a Source here whose find imports the module), one line here.
CHAIN = (
    keys.OPTIONS,
    keys.ENVIRONMENT,
    oidc.SOURCE,
    Source('profile', _find_profile,
           'a profile (profile, ALIBABA_CLOUD_PROFILE or ALICLOUD_PROFILE) in ~/.aliyun/config.json '
           '(shared_credentials_file, ALICLOUD_SHARED_CREDENTIALS_FILE) or ~/.alibabacloud/credentials '
           '(ALIBABA_CLOUD_CREDENTIALS_FILE)',
           options=('profile',)),
    Source('ECS RAM role', _find_ecs_role, 'an ECS RAM role (ecs_role_name, ALICLOUD_ECS_ROLE_NAME or ALIBABA_CLOUD_ECS_METADATA)',
           options=('ecs_role_name',)),
    Source('credentials URI', _find_uri, 'a credentials URI (credentials_uri, ALIBABA_CLOUD_CREDENTIALS_URI)',
           options=('credentials_uri',)),
)

ENV_REGION = ('ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION', 'ALICLOUD_REGION_ID')

MISSING_CREDENTIALS = 'no credentials found: set %s' % ', or '.join(source.wants for source in CHAIN)


def named_sources(settings):
    """``[(source, [option, ...]), ...]``: the sources of CHAIN that options of the task name."""
    named = []
    for source in CHAIN:
        given = [option for option in source.options if clean(settings.options.get(option)) is not None]
        if given:
            named.append((source, given))
    return named


def base_provider(settings):
    """The provider of the source the options name, else of the first configured source of CHAIN; or ConfigError."""
    for source in CHAIN:
        if source.check is not None:
            source.check(settings)
    named = named_sources(settings)
    if len(named) > 1:
        raise ConfigError('%s: options of %d credential sources at once; give the options of one source only' % (
            ' and '.join('%s (%s)' % (' + '.join(given), source.name) for source, given in named), len(named)))
    if named:
        source, given = named[0]
        provider = source.find(settings)
        if provider is not None:
            unused = keys.environment_key(settings)
            if unused is not None and source is not keys.OPTIONS:
                settings.say('credentials: %s named by the %s option%s: the key in the environment (%s) is not used' % (
                    source.name, ' and '.join(given), 's' if len(given) > 1 else '', unused))
            return provider
    for source in CHAIN:
        provider = source.find(settings)
        if provider is not None:
            return provider
    raise ConfigError(MISSING_CREDENTIALS)


def resolve_credentials(options, environ=None, log=None, clock=None, sleep=None, settings=None):
    """Return the credentials provider for ``options`` (a dict of this collection's option names, None = unset).

    ``environ`` defaults to ``os.environ``; ``log`` is an optional callable taking one line of
    text; ``clock`` (default ``time.time``) and ``sleep`` (default ``time.sleep``) are for tests.
    The provider has ``get()``, ``refresh(stale=None)``, ``source``, ``refreshable`` and ``close()``.
    Raises ConfigError for missing, incomplete or malformed settings; nothing is fetched over the
    network before the first ``get()``.
    """
    if settings is None:  # malformed time-outs and the like fail here, not at the first fetch
        settings = Settings(options, environ, log=log, clock=clock, sleep=sleep)
    role = assume_role.settings_of(settings)
    sts_url = assume_role.sts_endpoint(settings) if role is not None else None
    base = base_provider(settings)
    if role is None:
        if not base.refreshable:
            settings.say('credentials: %s (access key ID %s)' % (base.source, base.get().access_key_id))
        return base
    return assume_role.provider(settings, base, role, sts_url, 'assume-role:%s via %s' % (role.arn, base.source),
                                'assume-role %s' % role.arn)


def resolve_region(options, environ=None):
    """The region: alicloud_region, else ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION / ALICLOUD_REGION_ID, else the profile's region_id.

    The profile is the one the chain would select (same names, files and rules, whichever source
    the credentials came from); a malformed profile file or a missing explicit profile is a
    ConfigError here too. None when no region is configured anywhere.
    """
    environ = os.environ if environ is None else environ
    region = clean(options.get('alicloud_region'))
    if region:
        return region
    for name in ENV_REGION:
        region = clean(environ.get(name))
        if region:
            return region
    return _profile().region_of(Settings(options, environ))
