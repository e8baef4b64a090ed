# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where the access key comes from: the credential chain.

``resolve_credentials(options)`` returns a provider; ``provider.get()`` returns ``Credentials``.
The first source that is configured wins; a source that is configured but incomplete or malformed
is an error (ConfigError naming the option, variable or file), never silently skipped:

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

STS (AssumeRole, AssumeRoleWithOIDC, every role profile): sts_endpoint, else ALICLOUD_STS_ENDPOINT,
else ``sts[-vpc].<region>.aliyuncs.com`` with the profile's sts_region / enable_vpc, else
ALIBABA_CLOUD_STS_REGION / ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED, else sts.aliyuncs.com (VPC without
a region is a ConfigError).

Rules:

- A key and its secret (and token) always come from the same source: an option key is never
  paired with a secret from the environment, nor an ALIBABA_CLOUD_ key with an ALICLOUD_ secret.
- Profiles (4): a name given explicitly (option or variable) that no file holds is an error naming
  the profile and the files looked in; with no name given, missing files (or a file without
  ``current`` / ``[default]``) mean "not configured" and the chain goes on to 5. A file named by
  an option or variable must exist. The CLI profile's ``region_id`` (or the section's) is the
  region of last resort (``resolve_region``: options > environment > profile). A RamRoleArn profile
  takes its STS endpoint from sts_endpoint / ALICLOUD_STS_ENDPOINT, else ``sts.<sts_region>.aliyuncs.com``,
  else sts.aliyuncs.com.
- ECS (5): nothing is probed unless a role name is configured: with ecs_role_name unset or empty
  the metadata service is never contacted, so a machine outside ECS never waits for
  100.100.100.200 (the official SDK, by contrast, asks the metadata service for the role name).
  Metadata requests use IMDSv2 (IMDSv1 when the token request answers 403/404/405 and
  ALIBABA_CLOUD_IMDSV1_DISABLED is not ``true``), never go through a proxy, time out after at most
  1 s (connect) / 5 s (read) and are retried ``retries`` times on connection failures and 5xx answers.
- Assume role (+): the session name defaults to ``ansible-servicecatalog``, the duration to 3600 s
  (900..43200); the policy must be JSON; the ARN must look like ``acs:ram::<digits>:role/<name>``.
  The STS call (GET, V1 HMAC-SHA1 signature, the query parameters of the official credentials
  SDK: see _sts.py) honours validate_certs, ca_bundle, connect_timeout, read_timeout and the usual
  proxy variables, and is retried ``retries`` times on throttling, 5xx answers and connection failures.
- OIDC (3): the token file is read at every fetch (Kubernetes rotates it); a missing, unreadable
  or empty file is a CredentialError naming the file and the option or variable it came from. The
  token is a secret: it never appears in any message. Deviation from the SDK, which skips an
  incomplete OIDC environment: here ALIBABA_CLOUD_OIDC_PROVIDER_ARN or ALIBABA_CLOUD_OIDC_TOKEN_FILE
  without the other two settings is an error.
- Credentials URI (6): the answer must be HTTP 200 with Code=Success, AccessKeyId, AccessKeySecret,
  SecurityToken and Expiration; anything else is a CredentialError naming the URI without its query.
- Temporary credentials (assume role, OIDC role, ECS role, credentials URI, and the profiles of
  those kinds) are fetched on the first ``get()`` and fetched again by ``get()`` when
  less than min(180 s, 20 % of their lifetime) remains, once for all threads. ``refresh(stale)``
  forces a new fetch (for an API answer such as InvalidSecurityToken.Expired); given the
  Credentials the failed call used, it fetches only if no other thread has done so meanwhile.
  Credentials given with a token (options, environment, StsToken / sts profiles) are static:
  ``refreshable`` is False and ``refresh()`` returns them unchanged.
- ``log`` (a callable taking one string) is told which source was chosen and of every fetch with
  the new expiration; no secret or token ever reaches a log line, an error text or a repr.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import threading
import time
from collections import namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, CredentialError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import REGION_RE, Settings, need_requests, parse_url
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import clean as _clean


# The peers of the credential sources are imported when a source needs them, not by every call:
# an ad hoc module run with keys from the environment loads no STS, metadata or URI code.
def _sts_peer():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _sts
    return _sts


def _metadata_peer():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _metadata
    return _metadata


def _uri_peer():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _uri
    return _uri


def __getattr__(name):
    """``credentials._sts`` (and ``_metadata``, ``_uri``) for callers and tests that reach the peers through this module."""
    peers = {'_sts': _sts_peer, '_metadata': _metadata_peer, '_uri': _uri_peer}
    if name in peers:
        return peers[name]()
    raise AttributeError(name)


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
ENV_PROFILE = ('ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE')
ENV_SHARED_CREDENTIALS_FILE = 'ALICLOUD_SHARED_CREDENTIALS_FILE'
ENV_CLI_PROFILE_DISABLED = 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED'
ENV_CREDENTIALS_FILE = 'ALIBABA_CLOUD_CREDENTIALS_FILE'
ENV_ECS_ROLE_NAME = ('ALICLOUD_ECS_ROLE_NAME', 'ALIBABA_CLOUD_ECS_METADATA')
ENV_ECS_METADATA_DISABLED = 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'
ENV_ECS_METADATA_URL = 'ALICLOUD_ECS_METADATA_URL'
ENV_IMDSV1_DISABLED = 'ALIBABA_CLOUD_IMDSV1_DISABLED'
ENV_STS_ENDPOINT = 'ALICLOUD_STS_ENDPOINT'
ENV_STS_REGION = 'ALIBABA_CLOUD_STS_REGION'
ENV_VPC_ENDPOINT_ENABLED = 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED'
ENV_OIDC_ROLE_ARN = 'ALIBABA_CLOUD_ROLE_ARN'
ENV_OIDC_PROVIDER_ARN = 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN'
ENV_OIDC_TOKEN_FILE = 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'
ENV_ROLE_SESSION_NAME = 'ALIBABA_CLOUD_ROLE_SESSION_NAME'
ENV_CREDENTIALS_URI = 'ALIBABA_CLOUD_CREDENTIALS_URI'
ENV_ASSUME_ROLE = {
    'alicloud_assume_role_arn': 'ALICLOUD_ASSUME_ROLE_ARN',
    'alicloud_assume_role_session_name': 'ALICLOUD_ASSUME_ROLE_SESSION_NAME',
    'alicloud_assume_role_session_expiration': 'ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION',
    'alicloud_assume_role_policy': 'ALICLOUD_ASSUME_ROLE_POLICY',
    'alicloud_assume_role_external_id': 'ALICLOUD_ASSUME_ROLE_EXTERNAL_ID',
}

CLI_CONFIG_FILE = os.path.join('~', '.aliyun', 'config.json')
INI_FILES = (os.path.join('~', '.alibabacloud', 'credentials'), os.path.join('~', '.alibabacloud', 'credentials.ini'))
CLI_MODES = ('AK', 'StsToken', 'RamRoleArn', 'EcsRamRole', 'OIDC', 'ChainableRamRoleArn', 'CredentialsURI')
INI_TYPES = ('access_key', 'sts', 'ram_role_arn', 'ecs_ram_role', 'oidc_role_arn', 'credentials_uri')
# ChainableRamRoleArn profiles may chain this deep (A from B from C ...) before the chain is refused
MAX_PROFILE_CHAIN = 5

DEFAULT_ROLE_SESSION_NAME = 'ansible-servicecatalog'
DEFAULT_ROLE_SESSION_EXPIRATION = 3600
MIN_ROLE_SESSION_EXPIRATION = 900
MAX_ROLE_SESSION_EXPIRATION = 43200
DEFAULT_STS_ENDPOINT = 'sts.aliyuncs.com'
DEFAULT_ECS_METADATA_URL = 'http://100.100.100.200'

MISSING_CREDENTIALS = (
    'no credentials found: set alicloud_access_key and alicloud_secret_key (optionally alicloud_security_token), '
    'or the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET '
    '(or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, alias ALICLOUD_ACCESS_KEY_ID and ALICLOUD_SECRET_ACCESS_KEY), '
    'or an OIDC role (oidc_role_arn, oidc_provider_arn and oidc_token_file, or ALIBABA_CLOUD_ROLE_ARN, '
    'ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE), '
    'or a profile (profile, ALIBABA_CLOUD_PROFILE or ALICLOUD_PROFILE) in ~/.aliyun/config.json '
    '(shared_credentials_file, ALICLOUD_SHARED_CREDENTIALS_FILE) or ~/.alibabacloud/credentials '
    '(ALIBABA_CLOUD_CREDENTIALS_FILE), or an ECS RAM role (ecs_role_name, ALICLOUD_ECS_ROLE_NAME or ALIBABA_CLOUD_ECS_METADATA), '
    'or a credentials URI (credentials_uri, ALIBABA_CLOUD_CREDENTIALS_URI)')

_ARN_RE = re.compile(r'^acs:ram::[0-9]+:role/[A-Za-z0-9._@+=,/-]+$')
_OIDC_PROVIDER_ARN_RE = re.compile(r'^acs:ram::[0-9]+:oidc-provider/[A-Za-z0-9._@+=,/-]+$')
_SESSION_NAME_RE = re.compile(r'^[A-Za-z0-9.@_-]{2,64}$')

# refresh when less than min(REFRESH_MARGIN_CAP, REFRESH_MARGIN_SHARE * lifetime) remains
REFRESH_MARGIN_CAP = 180.0
REFRESH_MARGIN_SHARE = 0.2
# after a failed background refresh (old credentials still valid), wait this long before trying again
RETRY_AFTER_FAILURE = 10.0
# credentials that arrive already expired by the local clock (clock skew) are kept this long
MIN_REUSE = 30.0


# -- providers ----------------------------------------------------------------------------------

class StaticCredentialsProvider:
    """Long-lived keys, or an STS key with its token, given once; never refreshed."""

    refreshable = False

    def __init__(self, credentials):
        self._credentials = credentials

    def get(self):
        return self._credentials

    def refresh(self, stale=None):  # pylint: disable=unused-argument
        """Nothing to fetch: static credentials stay what they are."""
        return self._credentials

    def close(self):
        pass

    @property
    def source(self):
        return self._credentials.source

    def __repr__(self):
        return 'StaticCredentialsProvider(source=%r)' % self.source


_State = namedtuple('_State', ['credentials', 'expiration', 'refresh_at'])


class RefreshingCredentialsProvider:
    """Temporary credentials from ``fetch()``, cached until shortly before they expire.

    ``fetch()`` returns ``(access_key_id, access_key_secret, security_token, expiration)``,
    the expiration in seconds since the epoch. ``get()`` fetches on first use and whenever less
    than min(180 s, 20 % of the lifetime at issue) remains; one thread fetches while the others wait
    for its result. When a fetch made ahead of time fails while the cached credentials are still
    valid, those are kept (and the fetch is tried again 10 s later). ``clock`` is ``time.time``
    unless a test gives another.
    """

    refreshable = True

    def __init__(self, source, fetch, clock=None, log=None, closers=()):
        self._source = source
        self._fetch = fetch
        self._clock = clock or time.time
        self._log = log
        self._closers = closers
        self._lock = threading.Lock()
        self._state = None
        self._retry_at = 0.0
        self.fetches = 0

    @property
    def source(self):
        return self._source

    @property
    def expiration(self):
        """Seconds since the epoch when the cached credentials expire (None before the first fetch)."""
        state = self._state
        return state.expiration if state is not None else None

    def get(self):
        state = self._state
        if state is not None and not self._due(state, self._clock()):
            return state.credentials
        with self._lock:
            state = self._state
            now = self._clock()
            if state is not None and not self._due(state, now):
                return state.credentials  # another thread refreshed while this one waited
            try:
                return self._renew()
            except (ServiceCatalogError, ConfigError) as exc:
                if state is None or now >= state.expiration:
                    raise
                self._retry_at = now + RETRY_AFTER_FAILURE
                self._say('credentials: refreshing %s failed (%s); the current credentials stay in use until %s' % (
                    self._source, _one_line(exc), _sts_peer().format_expiration(state.expiration)))
                return state.credentials

    def refresh(self, stale=None):
        """Fetch new credentials now and return them.

        ``stale``: the Credentials a failed call used. When given and the cached credentials are
        no longer those (another thread has refreshed them meanwhile), nothing is fetched.
        """
        with self._lock:
            state = self._state
            if stale is not None and state is not None and state.credentials is not stale:
                return state.credentials
            return self._renew()

    def close(self):
        for close in self._closers:
            close()

    def _due(self, state, now):
        return now >= state.refresh_at and (now >= self._retry_at or now >= state.expiration)

    def _renew(self):
        first = self._state is None
        key_id, secret, token, expiration = self._fetch()
        now = self._clock()
        lifetime = expiration - now
        if lifetime > 0:
            refresh_at = expiration - min(REFRESH_MARGIN_CAP, REFRESH_MARGIN_SHARE * lifetime)
        else:
            refresh_at = now + MIN_REUSE
            self._say('credentials: %s: the new credentials expire at %s, which the local clock says is past; '
                      'check the clock' % (self._source, _sts_peer().format_expiration(expiration)))
        credentials = Credentials(key_id, secret, token, self._source)
        self._state = _State(credentials, expiration, refresh_at)
        self._retry_at = 0.0
        self.fetches += 1
        self._say('credentials: %s: %s temporary access key %s, expires %s (in %d s)' % (
            self._source, 'fetched' if first else 'refreshed', key_id, _sts_peer().format_expiration(expiration), int(lifetime)))
        return credentials

    def _say(self, message):
        if self._log is not None:
            self._log(message)

    def __repr__(self):
        return 'RefreshingCredentialsProvider(source=%r, expiration=%r)' % (self._source, self.expiration)


# -- settings -----------------------------------------------------------------------------------

def _one_line(exc):
    return ' '.join(str(exc).split())


# -- assume role --------------------------------------------------------------------------------

_Role = namedtuple('_Role', ['arn', 'session_name', 'duration', 'policy', 'external_id'])


def _role_arn(value, label):
    if not _ARN_RE.match(value):
        raise ConfigError('%s: %r is not a RAM role ARN; expected acs:ram::<account ID>:role/<role name>' % (label, value))
    return value


def _session_name(value, label):
    if not _SESSION_NAME_RE.match(value):
        raise ConfigError('%s: %r is not a valid session name; use 2 to 64 of the characters A-Z a-z 0-9 . @ - _' % (label, value))
    return value


def _duration(value, label):
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


def _policy(value, label):
    try:
        json.loads(value)
    except ValueError as exc:
        raise ConfigError('%s: must be a JSON policy document (%s at line %s column %s)' % (
            label, getattr(exc, 'msg', 'invalid JSON'), getattr(exc, 'lineno', '?'), getattr(exc, 'colno', '?')))
    return value


def _assume_role_settings(settings):
    arn, arn_label = settings.setting('alicloud_assume_role_arn', (ENV_ASSUME_ROLE['alicloud_assume_role_arn'],))
    if arn is None:
        return None  # the other alicloud_assume_role_* settings mean nothing without a role
    values = {}
    for option, env_name in ENV_ASSUME_ROLE.items():
        values[option] = settings.setting(option, (env_name,))
    name, name_label = values['alicloud_assume_role_session_name']
    duration, duration_label = values['alicloud_assume_role_session_expiration']
    policy, policy_label = values['alicloud_assume_role_policy']
    return _Role(
        _role_arn(arn, arn_label),
        _session_name(name, name_label) if name else DEFAULT_ROLE_SESSION_NAME,
        _duration(duration, duration_label) if duration is not None else DEFAULT_ROLE_SESSION_EXPIRATION,
        _policy(policy, policy_label) if policy else None,
        values['alicloud_assume_role_external_id'][0])


def _sts_endpoint(settings, sts_region=None, region_label=None, enable_vpc=None, vpc_label=None):
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


def _enable_vpc(value, label):
    """A profile's enable_vpc: a JSON boolean or the text true / false; None when absent."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ('true', 'false'):
        return text == 'true'
    if text == '':
        return None
    raise ConfigError('%s: must be true or false, got %r' % (label, str(value)[:40]))


def _assume_role_provider(settings, base, role, sts_url, source, describe):
    need_requests('STS AssumeRole credentials')
    base_url, host = sts_url

    def fetch():
        base_creds = base.get()
        call = dict(settings=settings, base_url=base_url, host=host, role_arn=role.arn, session_name=role.session_name,
                    duration=role.duration, policy=role.policy, external_id=role.external_id)
        try:
            return _sts_peer().assume_role(base=base_creds, **call)
        except ServiceCatalogError as err:
            if not (base.refreshable and (err.code or '').startswith('InvalidSecurityToken')):
                raise
        # the base's own temporary credentials were refused: renew them once and try again
        return _sts_peer().assume_role(base=base.refresh(base_creds), **call)

    settings.say('credentials: %s (session %s, %d s)%s through %s' % (
        describe, role.session_name, role.duration, ' from %s' % base.source if base.source != source else '', host))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))


# -- ECS RAM role -------------------------------------------------------------------------------

def _ecs_provider(settings, role_name, source):
    need_requests('ECS RAM role credentials')
    url_value, url_label = settings.setting('ecs_metadata_url', (ENV_ECS_METADATA_URL,))
    base_url, host = parse_url(url_value or DEFAULT_ECS_METADATA_URL, url_label, 'http')
    imdsv1_disabled = settings.flag(ENV_IMDSV1_DISABLED)

    def fetch():
        return _metadata_peer().role_credentials(settings, base_url, host, role_name, imdsv1_disabled=imdsv1_disabled)

    settings.say('credentials: %s from the ECS metadata service at %s%s' % (
        source, base_url, ' (IMDSv2 only)' if imdsv1_disabled else ''))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))


# -- OIDC role (RRSA) ---------------------------------------------------------------------------

_Oidc = namedtuple('_Oidc', ['role_arn', 'provider_arn', 'token_file', 'token_label', 'session_name', 'duration', 'policy'])


def _oidc_provider_arn(value, label):
    if not _OIDC_PROVIDER_ARN_RE.match(value):
        raise ConfigError('%s: %r is not an OIDC provider ARN; expected acs:ram::<account ID>:oidc-provider/<provider name>' % (
            label, value))
    return value


def _oidc_settings(settings):
    """The OIDC role of options / environment (None when not configured); ConfigError when incomplete.

    Each of oidc_role_arn, oidc_provider_arn and oidc_token_file falls back to its variable
    (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE). The
    source is configured by any of the three options, or by either OIDC-only variable
    (ALIBABA_CLOUD_ROLE_ARN alone is not enough: the SDK also reads it for other purposes); it must
    then be complete.
    """
    names = (('oidc_role_arn', ENV_OIDC_ROLE_ARN), ('oidc_provider_arn', ENV_OIDC_PROVIDER_ARN),
             ('oidc_token_file', ENV_OIDC_TOKEN_FILE))
    found = [settings.setting(option, (env_name,)) for option, env_name in names]
    options_given = any(_clean(settings.options.get(option)) for option, _env in names)
    if not options_given and settings.env(ENV_OIDC_PROVIDER_ARN) is None and settings.env(ENV_OIDC_TOKEN_FILE) is None:
        return None
    missing = ['%s (or %s)' % (option, env_name) for (option, env_name), (value, _label) in zip(names, found) if value is None]
    if missing:
        given = ', '.join(label for value, label in found if value is not None)
        raise ConfigError('%s: an OIDC role also needs %s' % (given, ' and '.join(missing)))
    (role_arn, role_label), (provider_arn, provider_label), (token_file, token_label) = found
    session, session_label = settings.setting(None, (ENV_ROLE_SESSION_NAME,))
    return _Oidc(_role_arn(role_arn, role_label), _oidc_provider_arn(provider_arn, provider_label), settings.path(token_file),
                 token_label, _session_name(session, session_label) if session else DEFAULT_ROLE_SESSION_NAME,
                 DEFAULT_ROLE_SESSION_EXPIRATION, None)


def _read_oidc_token(settings, oidc):
    """The token file's content, read anew for every exchange (Kubernetes rotates it); CredentialError naming the file."""
    shown = settings.show(oidc.token_file)
    try:
        with open(oidc.token_file, 'rb') as handle:
            data = handle.read()
    except (IOError, OSError) as exc:
        raise CredentialError(_sts_peer().OIDC_ACTION, None, 'OIDCTokenFile', '%s: cannot read %s (%s)' % (
            oidc.token_label, shown, exc.strerror or type(exc).__name__))
    try:
        token = data.decode('utf-8').strip()
    except UnicodeDecodeError as exc:
        raise CredentialError(_sts_peer().OIDC_ACTION, None, 'OIDCTokenFile', '%s: %s is not UTF-8 text (byte %d)' % (
            oidc.token_label, shown, exc.start))
    if not token:
        raise CredentialError(_sts_peer().OIDC_ACTION, None, 'OIDCTokenFile', '%s: %s is empty' % (oidc.token_label, shown))
    return token


def _oidc_provider(settings, oidc, sts_url, source):
    need_requests('OIDC role credentials')
    base_url, host = sts_url

    def fetch():
        token = _read_oidc_token(settings, oidc)
        return _sts_peer().assume_role_with_oidc(settings, base_url, host, oidc.role_arn, oidc.provider_arn, token,
                                                 oidc.session_name, oidc.duration, oidc.policy)

    settings.say('credentials: %s (provider %s, token file %s, session %s, %d s) through %s' % (
        source, oidc.provider_arn, settings.show(oidc.token_file), oidc.session_name, oidc.duration, host))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))


# -- credentials URI ----------------------------------------------------------------------------

def _uri_provider(settings, value, label, source=None):
    need_requests('credentials URI')
    uri, shown, host = _uri_peer().check_uri(value, label)
    source = source or 'credentials-uri:%s' % shown

    def fetch():
        return _uri_peer().uri_credentials(settings, uri, shown, host)

    settings.say('credentials: %s (from %s)' % (source, label))
    return RefreshingCredentialsProvider(source, fetch, clock=settings.clock, log=settings.log, closers=(settings.close,))


# -- profiles -----------------------------------------------------------------------------------

# profiles: every profile of the same CLI file by name (for ChainableRamRoleArn's source_profile); None for the ini file
_Profile = namedtuple('_Profile', ['name', 'path', 'kind', 'mode', 'fields', 'profiles'])


def _read(path, label, settings):
    try:
        with open(path, 'rb') as handle:
            data = handle.read()
    except (IOError, OSError) as exc:
        raise ConfigError('%s: cannot read %s (%s)' % (label, settings.show(path), exc.strerror or type(exc).__name__))
    try:
        return data.decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        raise ConfigError('%s: %s is not UTF-8 text (byte %d)' % (label, settings.show(path), exc.start))


def _load_cli_config(path, label, settings):
    """The profiles of an aliyun CLI config.json, as ``(current, {name: profile dict})``."""
    shown = settings.show(path)
    try:
        doc = json.loads(_read(path, label, settings))
    except ValueError as exc:
        # the JSON error's own text never quotes the file (which holds secrets): message, line, column
        raise ConfigError('%s: %s is not valid JSON (%s at line %s column %s)' % (
            label, shown, getattr(exc, 'msg', 'invalid JSON'), getattr(exc, 'lineno', '?'), getattr(exc, 'colno', '?')))
    if not isinstance(doc, dict):
        raise ConfigError('%s: %s must hold a JSON object with "current" and "profiles"' % (label, shown))
    profiles = doc.get('profiles') or []
    if not isinstance(profiles, list):
        raise ConfigError('%s: "profiles" in %s must be a list' % (label, shown))
    by_name = {}
    for index, profile in enumerate(profiles):
        if not isinstance(profile, dict) or not isinstance(profile.get('name'), str):
            raise ConfigError('%s: profile #%d in %s is not an object with a "name"' % (label, index + 1, shown))
        by_name.setdefault(profile['name'], profile)
    current = doc.get('current')
    if current is not None and not isinstance(current, str):
        raise ConfigError('%s: "current" in %s must be a profile name' % (label, shown))
    return _clean(current), by_name


def _load_ini(path, label, settings):
    """The sections of an SDK credentials file, values stripped of ``#`` comments as the SDK does."""
    shown = settings.show(path)
    import configparser  # only when an ini credentials file is read
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(_read(path, label, settings), source=shown)
    except configparser.MissingSectionHeaderError as exc:
        raise ConfigError('%s: %s is not an ini file: line %s comes before any [section] header' % (label, shown, exc.lineno))
    except configparser.DuplicateSectionError as exc:
        raise ConfigError('%s: section [%s] appears twice in %s (line %s)' % (label, exc.section, shown, exc.lineno))
    except configparser.DuplicateOptionError as exc:
        raise ConfigError('%s: key %s appears twice in section [%s] of %s (line %s)' % (label, exc.option, exc.section, shown, exc.lineno))
    except configparser.ParsingError as exc:
        lines = ', '.join(str(error[0]) for error in getattr(exc, 'errors', []))
        raise ConfigError('%s: %s is not a valid ini file (cannot parse line %s)' % (label, shown, lines or '?'))
    except configparser.Error as exc:
        raise ConfigError('%s: %s is not a valid ini file (%s)' % (label, shown, type(exc).__name__))
    sections = {}
    for section in parser.sections():
        sections[section] = dict((key, value.split('#')[0].strip()) for key, value in parser.items(section))
    return sections


def _profile_name(settings):
    return settings.setting('profile', ENV_PROFILE)


def _select_profile(settings):
    """The profile the chain uses (None when none is configured); raises ConfigError as the rules say."""
    name, name_label = _profile_name(settings)
    looked = []
    # 3a: the aliyun CLI's config.json
    cli_value, cli_label = settings.setting('shared_credentials_file', (ENV_SHARED_CREDENTIALS_FILE,))
    if cli_value is not None or not settings.flag(ENV_CLI_PROFILE_DISABLED):
        path = settings.path(cli_value or CLI_CONFIG_FILE)
        if cli_value is not None and not os.path.isfile(path):
            raise ConfigError('%s: %s does not exist or is not a file' % (cli_label, settings.show(path)))
        if os.path.isfile(path):
            looked.append(settings.show(path))
            current, profiles = _load_cli_config(path, cli_label if cli_value is not None else 'profile', settings)
            wanted = name or current
            if wanted is not None and wanted in profiles:
                return _Profile(wanted, settings.show(path), 'cli', _clean(profiles[wanted].get('mode')), profiles[wanted], profiles)
            if name is None and current is not None:
                raise ConfigError('profile: %s names "current" profile %r, which is not among its profiles (%s)' % (
                    settings.show(path), current, ', '.join(sorted(profiles)) or 'none'))
        else:
            looked.append('%s (missing)' % settings.show(path))
    # 3b: the SDK's ini credentials file
    ini_value, ini_label = settings.setting(None, (ENV_CREDENTIALS_FILE,))
    if ini_value is not None:
        path = settings.path(ini_value)
        if not os.path.isfile(path):
            raise ConfigError('%s: %s does not exist or is not a file' % (ini_label, settings.show(path)))
        paths = [path]
    else:
        paths = [settings.path(p) for p in INI_FILES]
    section = name or 'default'
    for path in paths:
        if not os.path.isfile(path):
            looked.append('%s (missing)' % settings.show(path))
            continue
        looked.append(settings.show(path))
        sections = _load_ini(path, ini_label or 'profile', settings)
        if section in sections:
            return _Profile(section, settings.show(path), 'ini', _clean(sections[section].get('type')), sections[section], None)
    if name is not None:
        raise ConfigError('%s: profile %r not found; looked in %s' % (name_label, name, ', '.join(looked)))
    return None


# field names per profile kind (None: the kind has no such field)
_FIELDS = {
    'cli': dict(key='access_key_id', secret='access_key_secret', token='sts_token', arn='ram_role_arn', session='ram_session_name',
                duration='expired_seconds', policy='policy', external_id='external_id', sts_region='sts_region', role='ram_role_name',
                vpc='enable_vpc', provider='oidc_provider_arn', token_file='oidc_token_file', oidc_session='role_session_name',
                uri='credentials_uri', source='source_profile'),
    'ini': dict(key='access_key_id', secret='access_key_secret', token='security_token', arn='role_arn', session='role_session_name',
                duration=None, policy='policy', external_id=None, sts_region=None, role='role_name', vpc=None,
                provider='oidc_provider_arn', token_file='oidc_token_file_path', oidc_session='role_session_name',
                uri='credentials_uri', source=None),
}
_KINDS = {
    'cli': {'AK': 'ak', 'StsToken': 'sts', 'RamRoleArn': 'role', 'EcsRamRole': 'ecs', 'OIDC': 'oidc',
            'ChainableRamRoleArn': 'chain', 'CredentialsURI': 'uri'},
    'ini': {'access_key': 'ak', 'sts': 'sts', 'ram_role_arn': 'role', 'ecs_ram_role': 'ecs', 'oidc_role_arn': 'oidc',
            'credentials_uri': 'uri'},
}


def _profile_provider(settings, profile, chain=()):
    """The provider of one profile; ``chain`` holds the names of the ChainableRamRoleArn profiles that led here."""
    names = _FIELDS[profile.kind]
    word, supported = ('mode', CLI_MODES) if profile.kind == 'cli' else ('type', INI_TYPES)
    where = 'profile %s in %s' % (profile.name, profile.path)
    if not profile.mode:
        raise ConfigError('%s: has no %s; supported: %s' % (where, word, ', '.join(supported)))
    kind = _KINDS[profile.kind].get(profile.mode)
    if kind is None:
        raise ConfigError('%s: %s %s is not supported by alicloud.servicecatalog; supported: %s' % (
            where, word, profile.mode, ', '.join(supported)))
    source = 'profile:%s (%s, %s %s)' % (profile.name, profile.path, word, profile.mode)

    def field(key, check=None, default=None, required=False):
        """The stripped value of a field (ConfigError naming it when required and absent), checked when ``check``."""
        value = _clean(profile.fields.get(names[key])) if names[key] else None
        if value is None:
            if required:
                raise ConfigError('%s: %s %s needs %s' % (where, word, profile.mode, names[key]))
            return default
        return check(value, '%s: %s' % (where, names[key])) if check else value

    def sts_url():
        vpc = _enable_vpc(profile.fields.get(names['vpc']), '%s: %s' % (where, names['vpc'])) if names['vpc'] else None
        return _sts_endpoint(settings, field('sts_region'), '%s: sts_region' % where, vpc, '%s: enable_vpc' % where)

    if kind == 'ecs':
        return _ecs_provider(settings, field('role', required=True), source)
    if kind == 'uri':
        return _uri_provider(settings, field('uri', required=True), '%s: %s' % (where, names['uri']), source)
    if kind == 'oidc':
        oidc = _Oidc(field('arn', _role_arn, required=True), field('provider', _oidc_provider_arn, required=True),
                     settings.path(field('token_file', required=True)), '%s: %s' % (where, names['token_file']),
                     field('oidc_session', _session_name, DEFAULT_ROLE_SESSION_NAME),
                     field('duration', _duration, DEFAULT_ROLE_SESSION_EXPIRATION), field('policy', _policy))
        return _oidc_provider(settings, oidc, sts_url(), source)
    if kind == 'chain':
        base = _source_profile_provider(settings, profile, field('source', required=True), chain + (profile.name,))
    else:
        static = Credentials(field('key', required=True), field('secret', required=True),
                             field('token', required=True) if kind == 'sts' else None, source)
        if kind in ('ak', 'sts'):
            return StaticCredentialsProvider(static)
        base = StaticCredentialsProvider(static)
    role = _Role(field('arn', _role_arn, required=True), field('session', _session_name, DEFAULT_ROLE_SESSION_NAME),
                 field('duration', _duration, DEFAULT_ROLE_SESSION_EXPIRATION), field('policy', _policy), field('external_id'))
    return _assume_role_provider(settings, base, role, sts_url(), source, '%s: assume-role %s' % (source, role.arn))


def _source_profile_provider(settings, profile, name, chain):
    """The provider of a ChainableRamRoleArn profile's source_profile, from the same file."""
    where = 'profile %s in %s' % (profile.name, profile.path)
    if name in chain:
        raise ConfigError('%s: source_profile %s makes a loop (%s)' % (where, name, ' -> '.join(chain + (name,))))
    if len(chain) > MAX_PROFILE_CHAIN:
        raise ConfigError('%s: more than %d ChainableRamRoleArn profiles in a row (%s)' % (
            where, MAX_PROFILE_CHAIN, ' -> '.join(chain + (name,))))
    fields = profile.profiles.get(name)
    if fields is None:
        raise ConfigError('%s: source_profile %s is not among the profiles of that file (%s)' % (
            where, name, ', '.join(sorted(profile.profiles))))
    source = _Profile(name, profile.path, 'cli', _clean(fields.get('mode')), fields, profile.profiles)
    return _profile_provider(settings, source, chain)


# -- the chain ----------------------------------------------------------------------------------

def _options_provider(settings):
    options = settings.options
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
    return None


def _env_provider(settings):
    environ = settings.environ
    for key_vars, secret_vars, token_var in ENV_CREDENTIAL_SETS:
        key_var = next((name for name in key_vars if _clean(environ.get(name))), None)
        secret_var = next((name for name in secret_vars if _clean(environ.get(name))), None)
        if key_var and secret_var:
            return StaticCredentialsProvider(Credentials(
                _clean(environ[key_var]), _clean(environ[secret_var]), _clean(environ.get(token_var)), 'env:%s' % key_var))
        if key_var or secret_var:
            raise ConfigError('environment: %s and %s must be set together' % (' or '.join(key_vars), ' or '.join(secret_vars)))
    return None


def _ecs_role_name(settings):
    value = _clean(settings.options.get('ecs_role_name'))
    if value is not None:
        return value
    if settings.flag(ENV_ECS_METADATA_DISABLED):
        return None
    return settings.setting(None, ENV_ECS_ROLE_NAME)[0]


def _base_provider(settings):
    """Steps 1 to 6 of the chain, or ConfigError (step 7)."""
    # OIDC settings are checked first, whichever source wins: an incomplete oidc_* option is an error
    # even next to keys (a lone role_arn meant for AssumeRole must not be silently dropped).
    oidc = _oidc_settings(settings)
    provider = _options_provider(settings) or _env_provider(settings)
    if provider is not None:
        return provider
    if oidc is not None:
        return _oidc_provider(settings, oidc, _sts_endpoint(settings), 'oidc-role:%s' % oidc.role_arn)
    profile = _select_profile(settings)
    if profile is not None:
        return _profile_provider(settings, profile)
    role_name = _ecs_role_name(settings)
    if role_name is not None:
        return _ecs_provider(settings, role_name, 'ecs-role:%s' % role_name)
    uri, uri_label = settings.setting('credentials_uri', (ENV_CREDENTIALS_URI,))
    if uri is not None:
        return _uri_provider(settings, uri, uri_label)
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
    role = _assume_role_settings(settings)
    sts_url = _sts_endpoint(settings) if role is not None else None
    base = _base_provider(settings)
    if role is None:
        if not base.refreshable:
            settings.say('credentials: %s (access key ID %s)' % (base.source, base.get().access_key_id))
        return base
    return _assume_role_provider(settings, base, role, sts_url, 'assume-role:%s via %s' % (role.arn, base.source),
                                 'assume-role %s' % role.arn)


def resolve_region(options, environ=None):
    """The region: alicloud_region, else ALIBABA_CLOUD_REGION_ID / ALICLOUD_REGION / ALICLOUD_REGION_ID, else the profile's region_id.

    The profile is the one the chain would select (same names, files and rules, whichever source
    the credentials came from); a malformed profile file or a missing explicit profile is a
    ConfigError here too. None when no region is configured anywhere.
    """
    environ = os.environ if environ is None else environ
    region = _clean(options.get('alicloud_region'))
    if region:
        return region
    for name in ENV_REGION:
        region = _clean(environ.get(name))
        if region:
            return region
    profile = _select_profile(Settings(options, environ))
    if profile is not None:
        return _clean(profile.fields.get('region_id'))
    return None
