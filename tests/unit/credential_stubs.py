# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test helpers for the credential chain: fake STS and ECS metadata answers, a fake clock, profile files.

``MetadataStub`` is the scripted stub of stub_server.py that also answers PUT (the IMDSv2 token
request). ``StsResponder`` / ``MetadataResponder`` answer like STS AssumeRole / the metadata
service, with a new, distinctive key for every fetch. ``check_v1`` verifies a recorded request's
V1 signature without signer.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import calendar
import datetime
import hashlib
import hmac
import json
import os
import threading

import pytest

try:
    from urllib.parse import parse_qsl, quote
except ImportError:  # pragma: no cover - Python 2 is not supported
    raise

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import StubServer, _Handler, answer

# 2026-01-01T00:00:00Z
EPOCH = float(calendar.timegm(datetime.datetime(2026, 1, 1).timetuple()))

BASE_ID = 'LTAI-base-key-id'
BASE_SECRET = 'BaSe-SeCrEt-5a6b7c8d9e0f1a2b'
BASE_TOKEN = 'BaSe-ToKeN-0f9e8d7c6b5a4f3e+/='
ARN = 'acs:ram::1234567890123456:role/sc-reader'


def iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


class FakeClock:
    """Stands in for time.time: starts at EPOCH, moves only when told."""

    def __init__(self, now=EPOCH):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class _PutHandler(_Handler):
    def do_PUT(self):
        self._handle()


class MetadataStub(StubServer):
    """The scripted stub, answering PUT as well as GET and POST."""

    def __init__(self, responder=None, certfile=None, keyfile=None):
        super(MetadataStub, self).__init__(responder=responder, certfile=certfile, keyfile=keyfile)
        self._server.RequestHandlerClass = _PutHandler


def temp_secret(n, prefix='sts'):
    return '%s-SeCrEt-%d-7e6d5c4b3a29' % (prefix, n)


def temp_token(n, prefix='sts'):
    return '%s-ToKeN-%d-a1b2c3d4e5f6+/=' % (prefix, n)


class StsResponder:
    """Answers every request as a successful AssumeRole, credentials numbered from 1.

    ``lifetime`` seconds from ``clock()`` (a FakeClock) set each answer's Expiration; ``gate``
    (a threading.Event), when given, holds every answer until it is set.
    """

    def __init__(self, clock, lifetime=3600, gate=None):
        self.clock = clock
        self.lifetime = lifetime
        self.gate = gate
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, request):
        if self.gate is not None:
            self.gate.wait(5)
        with self._lock:
            self.count += 1
            n = self.count
        return answer(200, {
            'RequestId': 'req-sts-%d' % n,
            'AssumedRoleUser': {'Arn': request.query.get('RoleArn', '') + '/' + request.query.get('RoleSessionName', ''),
                                'AssumedRoleId': '3000:%s' % request.query.get('RoleSessionName', '')},
            'Credentials': {'AccessKeyId': 'STS.key-%d' % n, 'AccessKeySecret': temp_secret(n), 'SecurityToken': temp_token(n),
                            'Expiration': iso(self.clock() + self.lifetime)},
        })


class MetadataResponder:
    """Answers like the ECS metadata service: a token for PUT /latest/api/token, credentials for the role.

    ``imdsv2``: False answers the token request with ``token_status`` (an IMDSv1-only service).
    ``require_token``: the credentials GET answers 401 without the right token header.
    """

    TOKEN = 'imds-token-abcdef0123456789'

    def __init__(self, clock, role='EcsRole', lifetime=21600, imdsv2=True, token_status=404, require_token=False):
        self.clock = clock
        self.role = role
        self.lifetime = lifetime
        self.imdsv2 = imdsv2
        self.token_status = token_status
        self.require_token = require_token
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, request):
        if request.path == '/latest/api/token':
            if request.method != 'PUT':
                return answer(405, 'method not allowed')
            if not self.imdsv2:
                return answer(self.token_status, 'no token here')
            if request.headers.get('x-aliyun-ecs-metadata-token-ttl-seconds') != '21600':
                return answer(400, 'missing ttl')
            return answer(200, self.TOKEN, headers={'content-type': 'text/plain'})
        if request.path != '/latest/meta-data/ram/security-credentials/' + self.role:
            return answer(404, 'not found', headers={'content-type': 'text/html'})
        if self.require_token and request.headers.get('x-aliyun-ecs-metadata-token') != self.TOKEN:
            return answer(401, 'token required')
        with self._lock:
            self.count += 1
            n = self.count
        now = self.clock()
        return answer(200, {'Code': 'Success', 'AccessKeyId': 'STS.ecs-%d' % n, 'AccessKeySecret': temp_secret(n, 'ecs'),
                            'SecurityToken': temp_token(n, 'ecs'), 'Expiration': iso(now + self.lifetime),
                            'LastUpdated': iso(now)}, headers={'content-type': 'text/plain'})


def _encode(value):
    return quote(value.encode('utf-8'), safe='-_.~')


def check_v1(request, secret):
    """Verify a recorded GET request's V1 (HMAC-SHA1) signature independently of signer.py; return problems."""
    pairs = parse_qsl(request.raw_query, keep_blank_values=True)
    names = [k for k, _v in pairs]
    if len(names) != len(set(names)):
        return ['repeated query parameters: %s' % names]
    params = dict(pairs)
    signature = params.pop('Signature', None)
    if not signature:
        return ['no Signature parameter']
    joined = '&'.join('%s=%s' % (_encode(k), _encode(v)) for k, v in sorted(params.items()))
    to_sign = '%s&%s&%s' % (request.method, _encode('/'), _encode(joined))
    expected = base64.b64encode(hmac.new((secret + '&').encode('utf-8'), to_sign.encode('utf-8'), hashlib.sha1).digest()).decode('ascii')
    return [] if expected == signature else ['signature mismatch']


def write_cli_config(home, profiles, current=None, path=None):
    """Write an aliyun CLI config.json (``~/.aliyun/config.json`` under ``home`` unless ``path``); return its path."""
    path = path or os.path.join(str(home), '.aliyun', 'config.json')
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        os.makedirs(directory)
    doc = {'profiles': profiles, 'meta_path': ''}
    if current is not None:
        doc['current'] = current
    with open(path, 'w') as handle:
        json.dump(doc, handle, indent=2)
    return path


def write_ini(home, text, name='credentials', path=None):
    """Write an SDK credentials ini file (``~/.alibabacloud/<name>`` under ``home`` unless ``path``); return its path."""
    path = path or os.path.join(str(home), '.alibabacloud', name)
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        os.makedirs(directory)
    with open(path, 'w') as handle:
        handle.write(text)
    return path


OIDC_PROVIDER_ARN = 'acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0ffee'
OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.oIdC-ToKeN-pAyLoAd-1.sIgNaTuRe-9f8e+/='


class UriResponder:
    """Answers like a credentials URI: Code Success and a new key for every GET, ``lifetime`` seconds from ``clock()``."""

    def __init__(self, clock, lifetime=3600):
        self.clock = clock
        self.lifetime = lifetime
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, request):
        with self._lock:
            self.count += 1
            n = self.count
        return answer(200, {'Code': 'Success', 'AccessKeyId': 'STS.uri-%d' % n, 'AccessKeySecret': temp_secret(n, 'uri'),
                            'SecurityToken': temp_token(n, 'uri'), 'Expiration': iso(self.clock() + self.lifetime),
                            'LastUpdated': iso(self.clock())})


def write_token(path, token=OIDC_TOKEN):
    """Write an OIDC token file (as Kubernetes projects one: the token, no newline); return its path."""
    with open(str(path), 'w') as handle:
        handle.write(token)
    return str(path)


def config_error(options, env):
    """The one-line message of the ConfigError ``resolve_credentials(options, env)`` raises."""
    with pytest.raises(ConfigError) as info:
        resolve_credentials(options, env)
    message = str(info.value)
    assert '\n' not in message
    return message
