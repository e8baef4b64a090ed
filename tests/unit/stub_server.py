# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test helpers: a scripted in-thread HTTP(S) stub, an independent V3 signature check, a client factory.

The stub listens on 127.0.0.1 (port 0), records every request it receives and answers each one
with the next scripted answer, or with what a ``responder(request)`` callable returns. An answer
is a dict: ``status`` (default 200), ``body`` (dict/list -> JSON, str, bytes), ``headers``,
``delay`` (seconds to wait before answering), ``drop`` (close the connection without answering) and
``trickle`` (seconds between the bytes of the body, sent one at a time).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import hashlib
import hmac
import json
import re
import socket
import ssl
import threading
import time

try:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qsl, quote, urlsplit
except ImportError:  # pragma: no cover - Python 2 is not supported
    raise

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider

# Distinctive values: any of them showing up in an error text or a log line is a leak.
ACCESS_KEY_ID = 'LTAI-unit-test-key-id'
SECRET = 'SeCrEt-unit-9f8e7d6c5b4a3928'
TOKEN = 'ToKeN-unit-1a2b3c4d5e6f7a8b'

Request = collections.namedtuple('Request', ['method', 'path', 'raw_query', 'query', 'headers', 'body', 'form', 'started'])


def answer(status=200, body=None, headers=None, delay=0, drop=False, trickle=0):
    return {'status': status, 'body': body, 'headers': headers or {}, 'delay': delay, 'drop': drop, 'trickle': trickle}


def error_answer(status, code, message='stub error', request_id='req-stub', headers=None, **extra):
    body = {'Code': code, 'Message': message, 'RequestId': request_id}
    body.update(extra)
    return answer(status, body, headers)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall between headers and body

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_POST(self):
        self._handle()

    def do_GET(self):
        self._handle()

    def _handle(self):
        stub = self.server.stub
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        parts = urlsplit(self.path)
        headers = dict((k.lower(), v) for k, v in self.headers.items())
        form = dict(parse_qsl(body.decode('utf-8'), keep_blank_values=True)) \
            if headers.get('content-type', '').startswith('application/x-www-form-urlencoded') else {}
        request = Request(self.command, parts.path, parts.query, dict(parse_qsl(parts.query, keep_blank_values=True)),
                          headers, body, form, time.monotonic())
        spec = stub._next(request)
        try:
            self._answer(spec)
        finally:
            stub._done()

    def _answer(self, spec):
        if spec.get('delay'):
            time.sleep(spec['delay'])
        if spec.get('drop'):
            self.close_connection = True
            return
        payload = spec.get('body')
        content_type = 'application/json;charset=utf-8'
        if isinstance(payload, (dict, list)):
            payload = json.dumps(payload).encode('utf-8')
        elif payload is None:
            payload = b''
        elif not isinstance(payload, bytes):
            payload = payload.encode('utf-8')
        self.send_response(spec.get('status', 200))
        extra = dict((k.lower(), v) for k, v in (spec.get('headers') or {}).items())
        extra.setdefault('content-type', content_type)
        for name, value in extra.items():
            self.send_header(name, str(value))
        self.send_header('Content-Length', str(len(payload)))
        self.end_headers()
        if not spec.get('trickle'):
            self.wfile.write(payload)
            return
        self.wfile.flush()
        for index in range(len(payload)):
            try:
                self.wfile.write(payload[index:index + 1])
                self.wfile.flush()
            except OSError:  # the client gave up
                self.close_connection = True
                return
            time.sleep(spec['trickle'])


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):  # a client that gave up (read timeout) is expected
        pass


class StubServer:
    """A scripted HTTP server on 127.0.0.1; ``requests`` is the list of what it received."""

    def __init__(self, responder=None, certfile=None, keyfile=None):
        self.responder = responder
        self.requests = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._script = collections.deque()
        self._lock = threading.Lock()
        self._server = _Server(('127.0.0.1', 0), _Handler)
        self._server.stub = self
        self.scheme = 'http'
        if certfile:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certfile, keyfile)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = 'https'
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={'poll_interval': 0.01})
        self._thread.daemon = True

    @property
    def url(self):
        return '%s://127.0.0.1:%d' % (self.scheme, self.port)

    @property
    def host(self):
        return '127.0.0.1:%d' % self.port

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def script(self, *answers):
        with self._lock:
            self._script.extend(answers)
        return self

    def _next(self, request):
        with self._lock:
            self.requests.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            if self._script:
                return self._script.popleft()
        if self.responder is not None:
            return self.responder(request)
        return answer(599, {'Code': 'StubScriptExhausted', 'Message': 'the stub had no scripted answer left'})

    def _done(self):
        with self._lock:
            self.in_flight -= 1


def closed_port():
    """A TCP port on 127.0.0.1 that nothing listens on (bound, then released)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class SleepRecorder:
    """Stands in for time.sleep: records the delays asked for and returns at once."""

    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)


def make_client(endpoint, token=None, secret=SECRET, **kwargs):
    """A client with the distinctive test credentials, short timeouts, no retries and a fake sleep."""
    kwargs.setdefault('retries', 0)
    kwargs.setdefault('connect_timeout', 2.0)
    kwargs.setdefault('read_timeout', 3.0)
    kwargs.setdefault('sleep', SleepRecorder())
    creds = StaticCredentialsProvider(Credentials(ACCESS_KEY_ID, secret, token, 'test'))
    return ServiceCatalogClient(creds, endpoint=endpoint, **kwargs)


_AUTH_RE = re.compile(r'^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$')


def _encode(value):
    return quote(value.encode('utf-8'), safe='-_.~')


def check_v3(request, secret=SECRET):
    """Verify a recorded request's V3 signature independently of signer.py; return a list of problems."""
    problems = []
    match = _AUTH_RE.match(request.headers.get('authorization', ''))
    if not match:
        return ['malformed authorization header: %r' % request.headers.get('authorization')]
    key_id, signed_headers, signature = match.groups()
    names = signed_headers.split(';')
    if key_id != ACCESS_KEY_ID:
        problems.append('credential %s' % key_id)
    if names != sorted(set(names)):
        problems.append('SignedHeaders not sorted/unique: %s' % signed_headers)
    required = set(n for n in request.headers if n.startswith('x-acs-')) | set(['host'])
    if request.body:
        required.add('content-type')
    if not required <= set(names):
        problems.append('unsigned headers: %s' % sorted(required - set(names)))
    missing = [n for n in names if n not in request.headers]
    if missing:
        return problems + ['signed headers not sent: %s' % missing]
    payload_hash = hashlib.sha256(request.body).hexdigest()
    if request.headers.get('x-acs-content-sha256') != payload_hash:
        problems.append('x-acs-content-sha256 does not match the body')
    pairs = sorted(parse_qsl(request.raw_query, keep_blank_values=True))
    canonical = '\n'.join([
        request.method, '/', '&'.join('%s=%s' % (k, _encode(v)) for k, v in pairs),
        ''.join('%s:%s\n' % (n, request.headers[n].strip()) for n in names),
        signed_headers, payload_hash])
    to_sign = 'ACS3-HMAC-SHA256\n' + hashlib.sha256(canonical.encode('utf-8')).hexdigest()
    expected = hmac.new(secret.encode('utf-8'), to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
    if expected != signature:
        problems.append('signature mismatch')
    return problems
