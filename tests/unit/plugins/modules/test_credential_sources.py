# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Which credential source signs a module's requests, end to end: ``task_info``'s ``main()`` in this process, with
its options and its process environment (HOME and profile files included), against a private emulator that issues
8-second credentials through STS AssumeRoleWithOIDC, the metadata service and a credentials URI that needs a query
token. The emulator's request log says which key signed, and which of its sources issued that key.

The OIDC role (RRSA) and the credentials URI alone, from options and variables, from profiles (CLI modes OIDC,
CredentialsURI, ChainableRamRoleArn; ini types oidc_role_arn, credentials_uri), each adjacent pair of the order
options > environment > OIDC > profile > ECS role > credentials URI, and one-line errors without secrets. This
matrix ran through ansible-test in the ``credentials_oidc_uri`` target (one ansible-core task run per probe); the
module reads its environment itself, so what ansible-core adds is passing ``environment:`` to the module process:
the target keeps that (one case per source) and the playbooks that renew credentials mid-run, lookup included.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import contextlib
import json
import os
import re

import pytest

from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import Emulator

from sc_emulator.data import load_demo  # pylint: disable=import-error
from sc_emulator.server import start_in_thread  # pylint: disable=import-error
from sc_emulator.signing import AccessKey, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # pylint: disable=import-error
from sc_emulator.store import Store  # pylint: disable=import-error

PROFILE_KEY = 'LTAI5tOidcUriProfKey01'
PROFILE_SECRET = 'OidcUriProfileSecret-000000001'
ROLE = 'acs:ram::1466115886170001:role/servicecatalog-reader'
PROVIDER = 'acs:ram::1466115886170001:oidc-provider/ack-rrsa-emulator'
URI_TOKEN = 'ci-sidecar-query-token-7f3e2d1c'
ECS_ROLE = 'servicecatalog-ecs-role'
FORGED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.Zm9yZ2VkLXNpZ25hdHVyZQ'
TASK = 'task-bp1dmg242c0a02'


class Setting:
    """The private emulator, its control API, the token file and the test homes."""

    def __init__(self, running, base):
        self.running = running
        self.control = Emulator(running).control
        self.url = running.url
        self.dir = base
        self.token_file = os.path.join(base, 'token')
        self.home = os.path.join(base, 'home-empty')
        self.homes = os.path.join(base, 'homes')
        self.uri = '%s/credentials-uri?token=%s' % (self.url, URI_TOKEN)
        self.token = None

    def write(self, path, text):
        path = os.path.join(self.dir, path)
        if not os.path.isdir(os.path.dirname(path)):
            os.makedirs(os.path.dirname(path), mode=0o700)
        with open(path, 'w') as f:
            f.write(text)
        os.chmod(path, 0o600)

    def prepare(self):
        os.makedirs(self.home, mode=0o700)
        self.token = self.control('oidc-token', {'lifetime': 3600})['token']
        self.write('token', self.token)
        self.write('forged-token', FORGED)
        cli = {
            'cli-ak': [{'name': 'main', 'mode': 'AK', 'access_key_id': PROFILE_KEY, 'access_key_secret': PROFILE_SECRET}],
            'cli-oidc': [{'name': 'main', 'mode': 'OIDC', 'ram_role_arn': ROLE, 'oidc_provider_arn': PROVIDER,
                          'oidc_token_file': self.token_file, 'role_session_name': 'cli-oidc'}],
            'cli-uri': [{'name': 'main', 'mode': 'CredentialsURI', 'credentials_uri': self.uri}],
            'cli-chain': [{'name': 'base', 'mode': 'AK', 'access_key_id': PROFILE_KEY, 'access_key_secret': PROFILE_SECRET},
                          {'name': 'main', 'mode': 'ChainableRamRoleArn', 'source_profile': 'base', 'ram_role_arn': ROLE,
                           'ram_session_name': 'chained'}],
        }
        for home, profiles in cli.items():
            self.write('homes/%s/.aliyun/config.json' % home, json.dumps({'current': 'main', 'profiles': profiles}, indent=2))
        self.write('homes/ini-oidc/.alibabacloud/credentials.ini',
                   '[default]\ntype = oidc_role_arn\nrole_arn = %s\noidc_provider_arn = %s\noidc_token_file_path = %s\n'
                   % (ROLE, PROVIDER, self.token_file))
        self.write('homes/ini-uri/.alibabacloud/credentials.ini', '[default]\ntype = credentials_uri\ncredentials_uri = %s\n' % self.uri)

    def rrsa_env(self, **extra):
        env = {'ALIBABA_CLOUD_ROLE_ARN': ROLE, 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN': PROVIDER, 'ALIBABA_CLOUD_OIDC_TOKEN_FILE': self.token_file}
        env.update(extra)
        return env


def private_setting(cls, tmp_path_factory, keys, **flags):
    """For a module fixture: a private emulator (demo data) accepting ``keys`` with serve.py's ``flags``, and a
    prepared ``cls`` setting in a temporary directory; the emulator stops after the module's tests."""
    running = start_in_thread(Store(load_demo()), access_keys=keys, **flags)
    try:
        made = cls(running, str(tmp_path_factory.mktemp(cls.__name__.lower())))
        made.prepare()
        yield made
    finally:
        running.stop()


@pytest.fixture(scope='module')
def setting(tmp_path_factory):
    keys = [AccessKey(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET), AccessKey(PROFILE_KEY, PROFILE_SECRET)]
    yield from private_setting(Setting, tmp_path_factory, keys, credential_lifetime=8, credentials_uri_token=URI_TOKEN)


Probe = collections.namedtuple('Probe', ['ran', 'log', 'keys', 'sources'])


@contextlib.contextmanager
def environment(setting, monkeypatch, env=None, home=None):
    """The process environment ``env`` with HOME (the empty home, or homes/<home>) and nothing else that names
    credentials, for the time of the block."""
    for name in list(os.environ):
        if name.startswith(('ALIBABA_CLOUD_', 'ALICLOUD_')):
            monkeypatch.delenv(name)
    full = dict({'HOME': setting.home if home is None else os.path.join(setting.homes, home)}, **(env or {}))
    with monkeypatch.context() as patch:
        for name, value in full.items():
            patch.setenv(name, value)
        yield


def probe(setting, monkeypatch, args=None, env=None, home=None, endpoints=True):
    """task_info with ``args`` and the process environment ``env`` (HOME: the empty home, or homes/<home>; endpoints:
    the emulator as the STS endpoint and the metadata service) and nothing else of the environment that names
    credentials; the emulator's log of the call and the sources of its keys."""
    setting.control('log/clear', {})
    extra = dict(ALICLOUD_STS_ENDPOINT=setting.url, ALICLOUD_ECS_METADATA_URL=setting.url) if endpoints else {}
    with environment(setting, monkeypatch, dict(extra, **(env or {})), home):
        ran = run_module('task_info', dict({'task_id': TASK, 'endpoint': setting.url, 'retries': 0}, **(args or {})))
    log = setting.control('log')
    issued = dict((entry['access_key_id'], entry['source']) for entry in setting.control('credentials')['recent'])
    keys = signing_keys(log)
    return Probe(ran, log, keys, [issued.get(key, 'static') for key in keys])


def signing_keys(log):
    """The access key IDs that signed the Service Catalog requests of an emulator log, in order of first use."""
    keys = []
    for entry in calls(log, 'servicecatalog'):
        if entry['access_key_id'] not in keys:
            keys.append(entry['access_key_id'])
    return keys


def calls(log, service):
    """The entries of an emulator log for one service (servicecatalog, sts, metadata, credentials-uri)."""
    return [entry for entry in log if entry.get('service') == service]


def issued(setting, source):
    """The access key IDs the emulator has issued recently through ``source`` (sts, metadata, oidc, uri)."""
    return [entry['access_key_id'] for entry in setting.control('credentials')['recent'] if entry['source'] == source]


# name, args, env (a function of the setting), home, source, key, sts_key
CASES = [
    ('3: OIDC from the three RRSA variables', None, lambda s: s.rrsa_env(), None, 'oidc', None, None),
    ('3: OIDC from options', lambda s: {'oidc_role_arn': ROLE, 'oidc_provider_arn': PROVIDER, 'oidc_token_file': s.token_file}, None, None,
     'oidc', None, None),
    ('6: credentials URI from the variable', None, lambda s: {'ALIBABA_CLOUD_CREDENTIALS_URI': s.uri}, None, 'uri', None, None),
    ('6: credentials URI from the option', lambda s: {'credentials_uri': s.uri}, None, None, 'uri', None, None),
    ('4a: CLI mode OIDC', None, None, 'cli-oidc', 'oidc', None, None),
    ('4a: CLI mode CredentialsURI', None, None, 'cli-uri', 'uri', None, None),
    ('4a: CLI mode ChainableRamRoleArn (source_profile base signs AssumeRole)', None, None, 'cli-chain', 'sts', None, PROFILE_KEY),
    ('4b: ini type oidc_role_arn', None, None, 'ini-oidc', 'oidc', None, None),
    ('4b: ini type credentials_uri', None, None, 'ini-uri', 'uri', None, None),
    ('1 > 3: option keys beat OIDC', lambda s: {'alicloud_access_key': DEMO_ACCESS_KEY_ID, 'alicloud_secret_key': DEMO_ACCESS_KEY_SECRET},
     lambda s: s.rrsa_env(), None, 'static', DEMO_ACCESS_KEY_ID, None),
    ('2 > 3: environment keys beat OIDC', None,
     lambda s: s.rrsa_env(ALIBABA_CLOUD_ACCESS_KEY_ID=DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET=DEMO_ACCESS_KEY_SECRET), None,
     'static', DEMO_ACCESS_KEY_ID, None),
    ('3 > 4: OIDC beats the current CLI profile', None, lambda s: s.rrsa_env(), 'cli-ak', 'oidc', None, None),
    ('3 > 6: OIDC beats the credentials URI', None, lambda s: s.rrsa_env(ALIBABA_CLOUD_CREDENTIALS_URI=s.uri), None, 'oidc', None, None),
    ('4 > 5 > 6: a profile beats the ECS role and the credentials URI', None,
     lambda s: {'ALIBABA_CLOUD_CREDENTIALS_URI': s.uri, 'ALICLOUD_ECS_ROLE_NAME': ECS_ROLE}, 'cli-ak', 'static', PROFILE_KEY, None),
    ('5 > 6: the ECS role beats the credentials URI', None,
     lambda s: {'ALIBABA_CLOUD_CREDENTIALS_URI': s.uri, 'ALICLOUD_ECS_ROLE_NAME': ECS_ROLE}, None, 'metadata', None, None),
    ('+ over 3: assume role with the OIDC role\'s credentials', lambda s: {'alicloud_assume_role_arn': ROLE}, lambda s: s.rrsa_env(), None,
     'sts', None, None),
]


@pytest.mark.parametrize('name, args, env, home, source, key, sts_key', CASES, ids=[case[0] for case in CASES])
def test_the_expected_source_signs(setting, monkeypatch, name, args, env, home, source, key, sts_key):
    got = probe(setting, monkeypatch, args(setting) if args else None, env(setting) if env else None, home)
    assert got.ran.rc == 0, (name, got.ran.result)
    assert got.ran.result['tasks'][0]['task_id'] == TASK
    assert got.sources == [source], (name, got.keys, got.sources)
    if key is not None:
        assert got.keys == [key]
    if sts_key is not None:
        assert [entry['access_key_id'] for entry in calls(got.log, 'sts')] == [sts_key]
    if source != 'metadata':
        assert calls(got.log, 'metadata') == []
    if source != 'uri':
        assert calls(got.log, 'credentials-uri') == []


# name, args, env, msg (a regular expression), secret that must not show
ERRORS = [
    ('the token file is missing', None, lambda s: s.rrsa_env(ALIBABA_CLOUD_OIDC_TOKEN_FILE=os.path.join(s.dir, 'no-such-token')),
     r'^AssumeRoleWithOIDC failed: OIDCTokenFile: oidc_token_file \(from ALIBABA_CLOUD_OIDC_TOKEN_FILE\): cannot read .*no-such-token '
     r'\(No such file or directory\)$', None),
    ('STS refuses the token', None, lambda s: s.rrsa_env(ALIBABA_CLOUD_OIDC_TOKEN_FILE=os.path.join(s.dir, 'forged-token')),
     r'^AssumeRoleWithOIDC failed: HTTP 400 AuthenticationFail.OIDCToken.Invalid: ', FORGED),
    ('an unknown OIDC provider', None, lambda s: s.rrsa_env(ALIBABA_CLOUD_OIDC_PROVIDER_ARN='acs:ram::1466115886170001:oidc-provider/other'),
     r'^AssumeRoleWithOIDC failed: HTTP 404 EntityNotExist.OIDCProvider: ', None),
    ('an incomplete RRSA environment', None, lambda s: {'ALIBABA_CLOUD_OIDC_TOKEN_FILE': s.token_file},
     r'^oidc_token_file \(from ALIBABA_CLOUD_OIDC_TOKEN_FILE\): an OIDC role also needs oidc_role_arn \(or ALIBABA_CLOUD_ROLE_ARN\) '
     r'and oidc_provider_arn', None),
    ('the URI refuses a wrong query token', None,
     lambda s: {'ALIBABA_CLOUD_CREDENTIALS_URI': '%s/credentials-uri?token=wrong-query-token-123' % s.url},
     r'^CredentialsURI failed: HTTP 403: the credentials URI http://127\.0\.0\.1:[0-9]+/credentials-uri\?<query hidden> answered HTTP 403 '
     r'\(200 with credentials expected\): Forbidden: ', 'wrong-query-token-123'),
    ('the URI answers a document without credentials', None,
     lambda s: {'ALIBABA_CLOUD_CREDENTIALS_URI': '%s/_emulator/health?token=%s' % (s.url, URI_TOKEN)},
     r'^CredentialsURI failed: HTTP 200 InvalidResponse: the credentials URI .*/_emulator/health\?<query hidden> answered Code=\(none\) '
     r'\(Success expected\)$', None),
    ('the URI is not a URL', lambda s: {'credentials_uri': 'file:///etc/creds'}, None, r'^credentials_uri: must be an http:// or https:// URL with a host',
     None),
    ('the VPC STS endpoint without a region', None,
     lambda s: s.rrsa_env(ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED='true', ALICLOUD_STS_ENDPOINT=''),
     r'^ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true: the STS VPC endpoint needs a region', None),
]


@pytest.mark.parametrize('name, args, env, msg, secret', ERRORS, ids=[case[0] for case in ERRORS])
def test_one_line_naming_the_source_nothing_secret(setting, monkeypatch, name, args, env, msg, secret):
    got = probe(setting, monkeypatch, args(setting) if args else None, env(setting) if env else None)
    shown = got.ran.stdout
    assert got.ran.rc == 1 and got.ran.result.get('failed'), (name, got.ran.result)
    assert re.search(msg, got.ran.result['msg']), (name, got.ran.result['msg'])
    assert '\n' not in got.ran.result['msg']
    for hidden in (setting.token, URI_TOKEN, DEMO_ACCESS_KEY_SECRET) + ((secret,) if secret else ()):
        assert hidden not in shown, (name, hidden)
    assert 'Traceback' not in shown
