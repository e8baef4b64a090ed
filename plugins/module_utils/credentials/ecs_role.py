# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ECS RAM role: the credentials of the role attached to the ECS instance the module runs on.

When: ecs_role_name, else ALICLOUD_ECS_ROLE_NAME, else ALIBABA_CLOUD_ECS_METADATA (both variables
ignored when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true). Also the EcsRamRole / ecs_ram_role
profiles (profile.py). Nothing is probed unless a role name is configured: with ecs_role_name
unset or empty the metadata service is never contacted, so a machine outside ECS never waits for
100.100.100.200 (the official SDK, by contrast, asks the metadata service for the role name).

How: the instance metadata service at ecs_metadata_url, else ALICLOUD_ECS_METADATA_URL, else
http://100.100.100.200 (see _metadata.py): IMDSv2 (IMDSv1 when the token request answers
403/404/405 and ALIBABA_CLOUD_IMDSV1_DISABLED is not ``true``), never through a proxy, time-outs
of at most 1 s (connect) / 5 s (read), retried on connection failures and 5xx answers. Source
``ecs-role:<name>``, refreshed before expiry.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import peers
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.refreshing import RefreshingCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import clean, need_requests, parse_url

ENV_ECS_ROLE_NAME = ('ALICLOUD_ECS_ROLE_NAME', 'ALIBABA_CLOUD_ECS_METADATA')
ENV_ECS_METADATA_DISABLED = 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'
ENV_ECS_METADATA_URL = 'ALICLOUD_ECS_METADATA_URL'
ENV_IMDSV1_DISABLED = 'ALIBABA_CLOUD_IMDSV1_DISABLED'
DEFAULT_ECS_METADATA_URL = 'http://100.100.100.200'


def role_name(settings):
    value = clean(settings.options.get('ecs_role_name'))
    if value is not None:
        return value
    if settings.flag(ENV_ECS_METADATA_DISABLED):
        return None
    return settings.setting(None, ENV_ECS_ROLE_NAME)[0]


def provider(settings, name, source):
    """The provider of the instance's RAM role ``name``."""
    need_requests('ECS RAM role credentials')
    url_value, url_label = settings.setting('ecs_metadata_url', (ENV_ECS_METADATA_URL,))
    base_url, host = parse_url(url_value or DEFAULT_ECS_METADATA_URL, url_label, 'http')
    imdsv1_disabled = settings.flag(ENV_IMDSV1_DISABLED)

    def fetch():
        return peers.metadata().role_credentials(settings, base_url, host, name, imdsv1_disabled=imdsv1_disabled)

    settings.say('credentials: %s from the ECS metadata service at %s%s' % (
        source, base_url, ' (IMDSv2 only)' if imdsv1_disabled else ''))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))


def find(settings):
    name = role_name(settings)
    if name is None:
        return None
    return provider(settings, name, 'ecs-role:%s' % name)
