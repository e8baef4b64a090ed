# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The credentials package's shape: the chain in one list, a docstring per source, lazy peers."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import json
import os
import pkgutil
import subprocess
import sys

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Source
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import CHAIN, MISSING_CREDENTIALS
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.document import check_document
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import CredentialError

PACKAGE = 'ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials'
# what a run with keys from the options or the environment must not import
HEAVY = ('ansible_collections.alicloud.servicecatalog.plugins.module_utils._sts',
         'ansible_collections.alicloud.servicecatalog.plugins.module_utils._metadata',
         'ansible_collections.alicloud.servicecatalog.plugins.module_utils._uri',
         'configparser', 'concurrent.futures')
# the sources the chain imports only when it gets to them (their source is compiled anew by every module run)
LAZY_SOURCES = tuple('%s.%s' % (PACKAGE, name) for name in ('profile', 'ecs_role', 'uri'))

# requests is imported before the count: what it imports itself is not the credentials' doing (on Python 3.9 its
# urllib3 imports importlib.metadata, hence configparser; not on 3.10 and later, where the count is the same either way)
_PROBE = '''
import json, sys
import requests
before = set(sys.modules)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import client_from_options
client = client_from_options(json.loads(sys.argv[1]), environ=json.loads(sys.argv[2]))
if sys.argv[3] == 'get':
    client.credentials.get()
print(json.dumps([client.credentials.source, sorted(set(sys.modules) - before)]))
'''


def _imports(options, environ, get=True):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.check_output([sys.executable, '-c', _PROBE, json.dumps(options), json.dumps(environ),
                                   'get' if get else 'resolve'], env=env)
    return json.loads(out.decode('utf-8'))


@pytest.mark.parametrize('options, environ, source', [
    ({'alicloud_access_key': 'id', 'alicloud_secret_key': 'secret', 'alicloud_region': 'cn-hangzhou'}, {'HOME': '/nonexistent'}, 'options'),
    ({'alicloud_region': 'cn-hangzhou'}, {'HOME': '/nonexistent', 'ALIBABA_CLOUD_ACCESS_KEY_ID': 'id', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 's'},
     'env:ALIBABA_CLOUD_ACCESS_KEY_ID'),
])
def test_keys_load_no_peer(options, environ, source):
    chosen, loaded = _imports(options, environ)
    assert chosen == source
    assert [name for name in loaded if name in HEAVY + LAZY_SOURCES] == []


@pytest.mark.parametrize('options, expected', [
    ({'profile': 'p'}, ['ecs_role', 'profile', 'uri']),  # profile modes hand over to the ECS role and URI sources
    ({'ecs_role_name': 'R'}, ['ecs_role']),
    ({'credentials_uri': 'http://127.0.0.1:9/creds'}, ['uri']),
])
def test_a_lazy_source_is_imported_when_the_chain_gets_to_it(options, expected, tmp_path):
    config = tmp_path / 'config.json'
    config.write_text(json.dumps({'current': 'p', 'profiles': [{'name': 'p', 'mode': 'AK', 'access_key_id': 'id',
                                                                'access_key_secret': 'secret-1'}]}))
    options = dict(options, alicloud_region='cn-hangzhou', shared_credentials_file=str(config) if 'profile' in options else None)
    _chosen, loaded = _imports(options, {'HOME': '/nonexistent'}, get=False)
    assert [name for name in loaded if name in LAZY_SOURCES] == ['%s.%s' % (PACKAGE, name) for name in expected]


def test_a_role_loads_no_peer_before_it_fetches():
    # the metadata peer is imported by the first fetch (ecs_role.provider asks it nothing before)
    chosen, loaded = _imports({'alicloud_region': 'cn-hangzhou', 'ecs_role_name': 'R'}, {'HOME': '/nonexistent'}, get=False)
    assert chosen == 'ecs-role:R'
    assert [name for name in loaded if name in HEAVY] == []


def test_every_module_says_what_it_is():
    names = [name for _finder, name, _pkg in pkgutil.iter_modules(credentials.__path__)]
    assert set(names) >= {'keys', 'oidc', 'profile', 'ecs_role', 'uri', 'assume_role', 'chain', 'base', 'document', 'refreshing', 'peers'}
    for name in names:
        module = importlib.import_module('%s.%s' % (PACKAGE, name))
        assert (module.__doc__ or '').strip(), name
    # the sources chain.py imports lazily have their find there; the module each stands for is one of LAZY_SOURCES
    eager = set(source.find.__module__ for source in CHAIN) - {PACKAGE + '.chain'}
    assert eager == {PACKAGE + '.keys', PACKAGE + '.oidc'}
    for name in eager | set(LAZY_SOURCES) | {PACKAGE + '.assume_role'}:
        doc = importlib.import_module(name).__doc__
        assert '\n\nWhen: ' in doc and '\n\nHow: ' in doc, name


def test_chain_is_the_one_list():
    assert [source.name for source in CHAIN] == ['access key options', 'environment', 'OIDC role', 'profile', 'ECS RAM role', 'credentials URI']
    assert all(isinstance(source, Source) for source in CHAIN)
    assert MISSING_CREDENTIALS == 'no credentials found: set ' + ', or '.join(source.wants for source in CHAIN)


@pytest.mark.parametrize('doc, prefix, expected', [
    ({'AccessKeyId': 'a', 'AccessKeySecret': 'sec-123456', 'SecurityToken': ''}, '',
     'the X answer lacks SecurityToken, Expiration'),
    ({'AccessKeyId': 'a', 'AccessKeySecret': 'sec-123456', 'SecurityToken': 't', 'Expiration': 5}, 'Credentials.',
     'the X answer lacks Credentials.Expiration'),
    ({'AccessKeyId': 'a', 'AccessKeySecret': 'sec-123456', 'SecurityToken': 'tok-98765', 'Expiration': 'sec-123456 tok-98765'}, '',
     "the X answer gives Expiration '******** ********', which is not in the form YYYY-MM-DDThh:mm:ssZ"),
])
def test_one_document_check(doc, prefix, expected):
    with pytest.raises(CredentialError) as info:
        check_document(doc, 'Act', 200, 'the X answer', prefix=prefix, request_id='RID')
    assert info.value.message == expected
    assert info.value.code == 'InvalidResponse' and info.value.request_id == 'RID'


def test_document_check_returns_the_four_values():
    doc = {'AccessKeyId': 'a', 'AccessKeySecret': 'b', 'SecurityToken': 'c', 'Expiration': '2026-01-01T00:00:00Z', 'Extra': 1}
    assert check_document(doc, 'Act', 200, 'the X answer') == ('a', 'b', 'c', 1767225600.0)
