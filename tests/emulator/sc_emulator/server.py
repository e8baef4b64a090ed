"""The HTTP side: a ThreadingHTTPServer serving the API at ``/`` and the control endpoints at ``/_emulator/``."""
from __future__ import annotations

import collections
import ipaddress
import json
import logging
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterable, Mapping
from urllib.parse import parse_qsl, quote, urlsplit

from . import API_VERSION, PRODUCT_CODE
from .api import Api
from .data import DataError, load_demo
from .errors import ApiError
from .model import REGION_ID
from .signing import DEMO_ACCESS_KEY, AccessKey, KeyRing, Verifier, claimed_access_key_id
from .store import Store

LOGGER = logging.getLogger('sc_emulator')
HOST_ID = f'{PRODUCT_CODE}.{REGION_ID}.aliyuncs.com'
MAX_API_BODY = 1024 * 1024
MAX_SEED_BODY = 64 * 1024 * 1024
_NOT_LOGGED_PARAMS = frozenset(['Signature', 'SecurityToken', 'AccessKeyId'])
JSON_TYPE = 'application/json;charset=utf-8'


class RequestLog:
    """The most recent API requests (no secret, no token: access key ID only)."""

    def __init__(self, size: int = 1000):
        self._entries: collections.deque = collections.deque(maxlen=size)
        self._lock = threading.Lock()

    def add(self, entry: dict) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8, ::1 and IPv4-mapped loopback addresses."""
    try:
        ip = ipaddress.ip_address(address.split('%', 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, 'ipv4_mapped', None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def error_document(code: str, message: str, request_id: str) -> dict:
    """The Alibaba Cloud error body."""
    recommend = f'https://api.aliyun.com/troubleshoot?q={quote(code, safe=".")}&product={PRODUCT_CODE}&requestId={request_id}'
    return {'Code': code, 'Message': message, 'RequestId': request_id, 'HostId': HOST_ID, 'Recommend': recommend}


class EmulatorServer(ThreadingHTTPServer):
    """The emulator: a store, a verifier and the request log behind one listening socket."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: Store, access_keys: Iterable[AccessKey] = (), latency_ms: int = 0,
                 verbose: bool = False):
        if ':' in address[0]:
            self.address_family = socket.AF_INET6
        keys = list(access_keys) or [DEMO_ACCESS_KEY]
        self.keyring = KeyRing(keys)
        self.verifier = Verifier(self.keyring)
        self.store = store
        self.api = Api(store)
        self.request_log = RequestLog()
        self.latency = max(0, latency_ms) / 1000.0
        self.verbose = verbose
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f'http://[{host}]:{port}' if ':' in host else f'http://{host}:{port}'


class Handler(BaseHTTPRequestHandler):
    """One request: control endpoint or API call."""

    server: EmulatorServer
    protocol_version = 'HTTP/1.1'
    server_version = 'sc-emulator/1.0'

    def setup(self) -> None:
        super().setup()
        try:  # headers and body are separate writes: without this, small answers wait for the client's delayed ACK
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._dispatch()

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch()

    def log_message(self, format, *args) -> None:  # pylint: disable=redefined-builtin
        if self.server.verbose:
            LOGGER.info('%s - %s', self.address_string(), format % args)

    # -- plumbing ------------------------------------------------------------------------------------------------------

    def _read_body(self, limit: int) -> bytes | None:
        length_text = self.headers.get('Content-Length') or '0'
        try:
            length = int(length_text)
        except ValueError:
            length = -1
        if length < 0 or length > limit:
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b''

    def _send(self, status: int, document, request_id: str | None = None) -> None:
        payload = json.dumps(document, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
        if self.server.latency:
            time.sleep(self.server.latency)
        self.send_response(status)
        self.send_header('Content-Type', JSON_TYPE)
        self.send_header('Content-Length', str(len(payload)))
        if request_id:
            self.send_header('x-acs-request-id', request_id)
        self.end_headers()
        self.wfile.write(payload)

    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        if url.path.startswith('/_emulator/') or url.path == '/_emulator':
            self._control(url.path, url.query)
        else:
            self._api(url.path, url.query)

    # -- control endpoints ---------------------------------------------------------------------------------------------

    def _control(self, path: str, query: str) -> None:
        if not is_loopback(self.client_address[0]):
            self._read_body(MAX_SEED_BODY)
            self._send(403, {'ok': False, 'error': 'control endpoints are served to loopback clients only'})
            return
        body = self._read_body(MAX_SEED_BODY)
        if body is None:
            self._send(413, {'ok': False, 'error': f'the body is limited to {MAX_SEED_BODY} bytes'})
            return
        route = (self.command, path.rstrip('/'))
        store = self.server.store
        if route == ('GET', '/_emulator/health'):
            self._send(200, {'ok': True})
        elif route == ('GET', '/_emulator/log'):
            self._send(200, self.server.request_log.entries())
        elif route == ('POST', '/_emulator/log/clear'):
            self.server.request_log.clear()
            self._send(200, {'ok': True})
        elif route == ('POST', '/_emulator/reset'):
            self._send(200, {'ok': True, 'totals': store.reset()})
        elif route == ('POST', '/_emulator/seed'):
            try:
                raw = json.loads(body.decode('utf-8') or '{}')
                counts = store.seed(raw)
            except (ValueError, DataError) as exc:
                self._send(400, {'ok': False, 'error': str(exc)})
                return
            self._send(200, {'ok': True, 'seeded': counts, 'totals': store.totals()})
        elif route[1] in ('/_emulator/health', '/_emulator/log', '/_emulator/log/clear', '/_emulator/reset', '/_emulator/seed'):
            self._send(405, {'ok': False, 'error': f'{self.command} is not allowed on {route[1]}'})
        else:
            self._send(404, {'ok': False, 'error': f'unknown control endpoint {path[:80]}'})

    # -- API -----------------------------------------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        combined: dict[str, list[str]] = {}
        for name, value in self.headers.items():
            combined.setdefault(name.lower(), []).append(value.strip())
        return {name: ','.join(sorted(values)) for name, values in combined.items()}

    def _api(self, path: str, query: str) -> None:
        request_id = str(uuid.uuid4()).upper()
        entry = {'time': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'request_id': request_id, 'method': self.command,
                 'path': path, 'style': None, 'access_key_id': None, 'action': None, 'params': {}}
        body = self._read_body(MAX_API_BODY)
        status, document = 200, None
        try:
            if body is None:
                raise ApiError(413, 'RequestEntityTooLarge', f'The request body is limited to {MAX_API_BODY} bytes.')
            headers = self._headers()
            query_pairs = parse_qsl(query, keep_blank_values=True)
            form_pairs = []
            if body and headers.get('content-type', '').split(';')[0].strip().lower() == 'application/x-www-form-urlencoded':
                form_pairs = parse_qsl(body.decode('utf-8', errors='replace'), keep_blank_values=True)
            params = dict(query_pairs)
            params.update(form_pairs)
            entry['params'] = self._loggable(params)
            entry['access_key_id'] = claimed_access_key_id(headers, params)
            entry['action'] = headers.get('x-acs-action') or params.get('Action')
            if path != '/':
                raise ApiError(404, 'InvalidAction.NotFound', f'Specified api is not found, please check your url and method: {path[:80]}')
            verified = self.server.verifier.verify(self.command, path, query_pairs, form_pairs, headers, body)
            entry.update(style=verified.style, access_key_id=verified.access_key_id, action=verified.action)
            if not verified.action:
                raise ApiError(400, 'MissingAction', 'Action is mandatory for this action (x-acs-action header or Action parameter).')
            if not verified.version:
                raise ApiError(400, 'MissingVersion', 'Version is mandatory for this action (x-acs-version header or Version parameter).')
            if verified.version != API_VERSION:
                raise ApiError(400, 'InvalidVersion', f'Specified parameter Version is not valid: {verified.version[:40]} (supported: {API_VERSION}).')
            caller = self.server.store.caller_for_key(verified.access_key_id)
            document = self.server.api.call(verified.action, params, caller, request_id)
        except ApiError as err:
            status, document = err.status, error_document(err.code, err.message, request_id)
        except Exception:  # pylint: disable=broad-except
            LOGGER.exception('internal error in %s', entry.get('action'))
            status, document = 500, error_document('InternalError', 'A system error occurred.', request_id)
        entry.update(status=status, code=document.get('Code') if status != 200 else None)
        self.server.request_log.add(entry)
        self._send(status, document, request_id)

    def _loggable(self, params: Mapping[str, str]) -> dict[str, str]:
        sensitive = self.server.keyring.sensitive_values
        return {name: ('<redacted>' if value in sensitive else value) for name, value in params.items() if name not in _NOT_LOGGED_PARAMS}


class RunningEmulator:
    """An emulator serving from a background thread (for tests)."""

    def __init__(self, server: EmulatorServer):
        self.server = server
        self.thread = threading.Thread(target=server.serve_forever, name='sc-emulator', daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def store(self) -> Store:
        return self.server.store

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start_in_thread(store: Store | None = None, host: str = '127.0.0.1', port: int = 0, access_keys: Iterable[AccessKey] = (),
                    latency_ms: int = 0) -> RunningEmulator:
    """Start an emulator (demo dataset unless a store is given) on a background thread."""
    server = EmulatorServer((host, port), store if store is not None else Store(load_demo()), access_keys, latency_ms)
    return RunningEmulator(server)
