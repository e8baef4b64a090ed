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
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import assume_role, ecs_role, keys, oidc, profile, uri
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import Settings, clean

# The order of the official SDK's default chain. A new source: one module declaring SOURCE, one line here.
CHAIN = (
    keys.OPTIONS,
    keys.ENVIRONMENT,
    oidc.SOURCE,
    profile.SOURCE,
    ecs_role.SOURCE,
    uri.SOURCE,
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
    return profile.region_of(Settings(options, environ))
