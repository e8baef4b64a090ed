# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Profiles: the aliyun CLI's config.json, then the SDK's credentials file.

When: a profile name is given (profile, else ALIBABA_CLOUD_PROFILE, else ALICLOUD_PROFILE), or the
CLI file names a ``current`` profile, or the SDK file has a ``[default]`` section.

- aliyun CLI profile: file shared_credentials_file, else ALICLOUD_SHARED_CREDENTIALS_FILE, else
  ~/.aliyun/config.json (skipped when ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true and no file is
  named); the named profile, else the file's ``current``; modes AK, StsToken, RamRoleArn,
  EcsRamRole, OIDC, ChainableRamRoleArn (source_profile of the same file), CredentialsURI.
  Source ``profile:<name> (<file>, mode <mode>)``.
- SDK credentials file: ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials, then
  ~/.alibabacloud/credentials.ini; the section of the same name, else ``default``; types
  access_key, sts, ram_role_arn, ecs_ram_role, oidc_role_arn, credentials_uri. Source
  ``profile:<name> (<file>, type <type>)``.

How: a profile of keys (AK, StsToken, access_key, sts) is static; the others hand their fields to
the source they stand for (assume_role.py, ecs_role.py, oidc.py, uri.py) and are refreshed. A
RamRoleArn profile takes its STS endpoint from sts_endpoint / ALICLOUD_STS_ENDPOINT, else
``sts[-vpc].<sts_region>.aliyuncs.com``, else sts.aliyuncs.com.

Rules: a name given explicitly (option or variable) that no file holds is an error naming the
profile and the files looked in; with no name given, missing files (or a file without ``current``
/ ``[default]``) mean "not configured" and the chain goes on. A file named by an option or variable
must exist. The profile's ``region_id`` is the region of last resort (``region_of``). Files hold
secrets: no message ever quotes their content.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
from collections import namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials import assume_role, ecs_role, oidc, uri
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import clean

ENV_PROFILE = ('ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE')
ENV_SHARED_CREDENTIALS_FILE = 'ALICLOUD_SHARED_CREDENTIALS_FILE'
ENV_CLI_PROFILE_DISABLED = 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED'
ENV_CREDENTIALS_FILE = 'ALIBABA_CLOUD_CREDENTIALS_FILE'

CLI_CONFIG_FILE = os.path.join('~', '.aliyun', 'config.json')
INI_FILES = (os.path.join('~', '.alibabacloud', 'credentials'), os.path.join('~', '.alibabacloud', 'credentials.ini'))
CLI_MODES = ('AK', 'StsToken', 'RamRoleArn', 'EcsRamRole', 'OIDC', 'ChainableRamRoleArn', 'CredentialsURI')
INI_TYPES = ('access_key', 'sts', 'ram_role_arn', 'ecs_ram_role', 'oidc_role_arn', 'credentials_uri')
# ChainableRamRoleArn profiles may chain this deep (A from B from C ...) before the chain is refused
MAX_PROFILE_CHAIN = 5


def enable_vpc(value, label):
    """A profile's enable_vpc: a JSON boolean or the text true / false; None when absent."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ('true', 'false'):
        return text == 'true'
    if text == '':
        return None
    raise ConfigError('%s: must be true or false, got %r' % (label, str(value)[:40]))


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
    return clean(current), by_name


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
                return _Profile(wanted, settings.show(path), 'cli', clean(profiles[wanted].get('mode')), profiles[wanted], profiles)
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
            return _Profile(section, settings.show(path), 'ini', clean(sections[section].get('type')), sections[section], None)
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
        value = clean(profile.fields.get(names[key])) if names[key] else None
        if value is None:
            if required:
                raise ConfigError('%s: %s %s needs %s' % (where, word, profile.mode, names[key]))
            return default
        return check(value, '%s: %s' % (where, names[key])) if check else value

    def sts_url():
        vpc = enable_vpc(profile.fields.get(names['vpc']), '%s: %s' % (where, names['vpc'])) if names['vpc'] else None
        return assume_role.sts_endpoint(settings, field('sts_region'), '%s: sts_region' % where, vpc, '%s: enable_vpc' % where)

    if kind == 'ecs':
        return ecs_role.provider(settings, field('role', required=True), source)
    if kind == 'uri':
        return uri.provider(settings, field('uri', required=True), '%s: %s' % (where, names['uri']), source)
    if kind == 'oidc':
        wanted = oidc.Oidc(field('arn', assume_role.role_arn, required=True), field('provider', oidc.provider_arn, required=True),
                           settings.path(field('token_file', required=True)), '%s: %s' % (where, names['token_file']),
                           field('oidc_session', assume_role.session_name, assume_role.DEFAULT_ROLE_SESSION_NAME),
                           field('duration', assume_role.duration, assume_role.DEFAULT_ROLE_SESSION_EXPIRATION),
                           field('policy', assume_role.policy))
        return oidc.provider(settings, wanted, sts_url(), source)
    if kind == 'chain':
        base = _source_profile_provider(settings, profile, field('source', required=True), chain + (profile.name,))
    else:
        static = Credentials(field('key', required=True), field('secret', required=True),
                             field('token', required=True) if kind == 'sts' else None, source)
        if kind in ('ak', 'sts'):
            return StaticCredentialsProvider(static)
        base = StaticCredentialsProvider(static)
    role = assume_role.Role(field('arn', assume_role.role_arn, required=True),
                            field('session', assume_role.session_name, assume_role.DEFAULT_ROLE_SESSION_NAME),
                            field('duration', assume_role.duration, assume_role.DEFAULT_ROLE_SESSION_EXPIRATION),
                            field('policy', assume_role.policy), field('external_id'))
    return assume_role.provider(settings, base, role, sts_url(), source, '%s: assume-role %s' % (source, role.arn))


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
    source = _Profile(name, profile.path, 'cli', clean(fields.get('mode')), fields, profile.profiles)
    return _profile_provider(settings, source, chain)


def find(settings):
    profile = _select_profile(settings)
    if profile is None:
        return None
    return _profile_provider(settings, profile)


def region_of(settings):
    """The ``region_id`` of the profile the chain would select (None without one); ConfigError as ``find``."""
    profile = _select_profile(settings)
    if profile is not None:
        return clean(profile.fields.get('region_id'))
    return None
