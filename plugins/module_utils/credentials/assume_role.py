# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Assume role: a layer on top of whichever source gave the key, and what every role request needs.

When: ``alicloud_assume_role_arn`` (else ALICLOUD_ASSUME_ROLE_ARN) is set; each other
``alicloud_assume_role_*`` option falls back to its ALICLOUD_ASSUME_ROLE_* variable and means
nothing without a role. Also the RamRoleArn / ChainableRamRoleArn profiles (profile.py).

How: STS AssumeRole (GET, V1 HMAC-SHA1 signature, the query parameters of the official credentials
SDK: see _sts.py), signed with the base source's credentials; when STS refuses the base's own
temporary token (InvalidSecurityToken*), the base is renewed once and the call made again. The
session name defaults to ``ansible-servicecatalog``, the duration to 3600 s (900..43200); the
policy must be JSON; the ARN must look like ``acs:ram::<digits>:role/<name>``. Source
``assume-role:<arn> via <base source>``, refreshed before expiry.

The STS endpoint (here for AssumeRole and AssumeRoleWithOIDC alike): sts_endpoint, else
ALICLOUD_STS_ENDPOINT, else ``sts[-vpc].<region>.aliyuncs.com`` with the profile's sts_region /
enable_vpc, else ALIBABA_CLOUD_STS_REGION / ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED, else
sts.aliyuncs.com (VPC without a region is a ConfigError). The call honours validate_certs,
ca_bundle, connect_timeout, read_timeout and the proxy variables.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
from collections import namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import peers
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.refreshing import RefreshingCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import REGION_RE, need_requests, parse_url

ENV_ASSUME_ROLE = {
    'alicloud_assume_role_arn': 'ALICLOUD_ASSUME_ROLE_ARN',
    'alicloud_assume_role_session_name': 'ALICLOUD_ASSUME_ROLE_SESSION_NAME',
    'alicloud_assume_role_session_expiration': 'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION',
    'alicloud_assume_role_policy': 'ALICLOUD_ASSUME_ROLE_POLICY',
    'alicloud_assume_role_external_id': 'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID',
}
ENV_STS_ENDPOINT = 'ALICLOUD_STS_ENDPOINT'
ENV_STS_REGION = 'ALIBABA_CLOUD_STS_REGION'
ENV_VPC_ENDPOINT_ENABLED = 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED'

DEFAULT_ROLE_SESSION_NAME = 'ansible-servicecatalog'
DEFAULT_ROLE_SESSION_EXPIRATION = 3600
MIN_ROLE_SESSION_EXPIRATION = 900
MAX_ROLE_SESSION_EXPIRATION = 43200
DEFAULT_STS_ENDPOINT = 'sts.aliyuncs.com'

_ARN_RE = re.compile(r'^acs:ram::[0-9]+:role/[A-Za-z0-9._@+=,/-]+$')
_SESSION_NAME_RE = re.compile(r'^[A-Za-z0-9.@_-]{2,64}$')

Role = namedtuple('Role', ['arn', 'session_name', 'duration', 'policy', 'external_id'])


# -- the fields of a role request, checked ------------------------------------------------------

def role_arn(value, label):
    if not _ARN_RE.match(value):
        raise ConfigError('%s: %r is not a RAM role ARN; expected acs:ram::<account ID>:role/<role name>' % (label, value))
    return value


def session_name(value, label):
    if not _SESSION_NAME_RE.match(value):
        raise ConfigError('%s: %r is not a valid session name; use 2 to 64 of the characters A-Z a-z 0-9 . @ - _' % (label, value))
    return value


def duration(value, label):
    try:
        if isinstance(value, bool):
            raise ValueError()
        number = int(str(value).strip())
    except ValueError:
        raise ConfigError('%s: must be a whole number of seconds between %d and %d, got %r' % (
            label, MIN_ROLE_SESSION_EXPIRATION, MAX_ROLE_SESSION_EXPIRATION, value))
    if not MIN_ROLE_SESSION_EXPIRATION <= number <= MAX_ROLE_SESSION_EXPIRATION:
        raise ConfigError('%s: must be between %d and %d seconds, got %d' % (
            label, MIN_ROLE_SESSION_EXPIRATION, MAX_ROLE_SESSION_EXPIRATION, number))
    return number


def policy(value, label):
    try:
        json.loads(value)
    except ValueError as exc:
        raise ConfigError('%s: must be a JSON policy document (%s at line %s column %s)' % (
            label, getattr(exc, 'msg', 'invalid JSON'), getattr(exc, 'lineno', '?'), getattr(exc, 'colno', '?')))
    return value


def sts_endpoint(settings, sts_region=None, region_label=None, enable_vpc=None, vpc_label=None):
    """``(base_url, host)`` of STS, for AssumeRole and AssumeRoleWithOIDC alike: sts_endpoint, else
    ALICLOUD_STS_ENDPOINT, else as the official SDK chooses it: ``sts[-vpc].<region>.aliyuncs.com`` with
    the profile's sts_region (else ALIBABA_CLOUD_STS_REGION) and its enable_vpc (else
    ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED), else sts.aliyuncs.com. The VPC endpoint needs a region: asked
    for without one it is an error (the SDK would quietly use the public endpoint)."""
    value, label = settings.setting('sts_endpoint', (ENV_STS_ENDPOINT,))
    if value is not None:
        return parse_url(value, label, 'https')
    if not sts_region:
        sts_region, region_label = settings.env(ENV_STS_REGION), ENV_STS_REGION
    if enable_vpc is None:
        enable_vpc, vpc_label = settings.flag(ENV_VPC_ENDPOINT_ENABLED), '%s=true' % ENV_VPC_ENDPOINT_ENABLED
    if sts_region:
        if not REGION_RE.match(sts_region):
            raise ConfigError('%s: %r is not a region ID such as cn-hangzhou' % (region_label, sts_region))
        host = '%s.%s.aliyuncs.com' % ('sts-vpc' if enable_vpc else 'sts', sts_region)
        return parse_url(host, region_label, 'https')
    if enable_vpc:
        raise ConfigError('%s: the STS VPC endpoint needs a region; set %s (or sts_region in the profile), or sts_endpoint' % (
            vpc_label, ENV_STS_REGION))
    return parse_url(DEFAULT_STS_ENDPOINT, 'sts_endpoint', 'https')


# -- the layer ----------------------------------------------------------------------------------

def settings_of(settings):
    """The role of the alicloud_assume_role_* options / ALICLOUD_ASSUME_ROLE_* variables, None without a role ARN."""
    arn, arn_label = settings.setting('alicloud_assume_role_arn', (ENV_ASSUME_ROLE['alicloud_assume_role_arn'],))
    if arn is None:
        return None  # the other alicloud_assume_role_* settings mean nothing without a role
    values = {}
    for option, env_name in ENV_ASSUME_ROLE.items():
        values[option] = settings.setting(option, (env_name,))
    name, name_label = values['alicloud_assume_role_session_name']
    seconds, seconds_label = values['alicloud_assume_role_session_expiration']
    document, document_label = values['alicloud_assume_role_policy']
    return Role(
        role_arn(arn, arn_label),
        session_name(name, name_label) if name else DEFAULT_ROLE_SESSION_NAME,
        duration(seconds, seconds_label) if seconds is not None else DEFAULT_ROLE_SESSION_EXPIRATION,
        policy(document, document_label) if document else None,
        values['alicloud_assume_role_external_id'][0])


def provider(settings, base, role, sts_url, source, describe):
    """The provider of ``role`` assumed with the credentials of ``base`` (a provider) through ``sts_url``."""
    need_requests('STS AssumeRole credentials')
    base_url, host = sts_url

    def assume(base_creds):
        return peers.sts().assume_role(
            settings=settings, base_url=base_url, host=host, base=base_creds, role_arn=role.arn,
            session_name=role.session_name, duration=role.duration, policy=role.policy, external_id=role.external_id)

    def fetch():
        base_creds = base.get()
        try:
            return assume(base_creds)
        except ServiceCatalogError as err:
            if not (base.refreshable and (err.code or '').startswith('InvalidSecurityToken')):
                raise
        # the base's own temporary credentials were refused: renew them once and try again
        return assume(base.refresh(base_creds))

    settings.say('credentials: %s (session %s, %d s)%s through %s' % (
        describe, role.session_name, role.duration, ' from %s' % base.source if base.source != source else '', host))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))
