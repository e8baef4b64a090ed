"""The HTTP side: a ThreadingHTTPServer serving the API at ``/`` and the control endpoints at ``/_emulator/``."""
from __future__ import annotations

import collections
import ipaddress
import json
import logging
import re
import socket
import ssl
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterable, Mapping
from urllib.parse import parse_qsl, quote, urlsplit

from . import API_VERSION, PRODUCT_CODE
from .api import Api
from .data import DataError, load_demo
from .errors import ApiError
from .faults import DEFAULT_RETRY_AFTER_MS, DEFAULT_SLOW_SECONDS, FAULT_ERRORS, FAULT_KINDS, AnswerDrops, FaultInjector
from .imds import DEFAULT_ECS_ROLE, MetadataService
from .model import REGION_ID, Principal
from .mutate import ListingMutator
from .ram import DenyRules, access_denied, parse_spec
from .respond import CannedAnswer, CannedAnswers
from .operations import FORM, NONE, OPERATIONS, QUERY
from .signing import DEMO_ACCESS_KEY, AccessKey, KeyRing, VerifiedRequest, Verifier, claimed_access_key_id
from .store import Store
from .creds_uri import CREDENTIALS_URI_PATH, CredentialsUri
from .sts import (DEFAULT_OIDC_PROVIDER_ARN, DEFAULT_ROLE_ARN, STS_HOST_ID, STS_PRODUCT_CODE, STS_VERSION, AssumeRole, AssumeRoleWithOidc,
                  CredentialIssuer, OidcTokens, Role)

LOGGER = logging.getLogger('sc_emulator')
HOST_ID = f'{PRODUCT_CODE}.{REGION_ID}.aliyuncs.com'
MAX_API_BODY = 1024 * 1024
MAX_SEED_BODY = 64 * 1024 * 1024
_NOT_LOGGED_PARAMS = frozenset(['Signature', 'SecurityToken', 'AccessKeyId'])
_REDACTED_PARAMS = frozenset(['ExternalId', 'OIDCToken'])
_SECRET_IN_LINE_RE = re.compile(r'(SecurityToken|Signature|AccessKeySecret|ExternalId|OIDCToken|token)=[^&\s"\']*')
JSON_TYPE = 'application/json;charset=utf-8'
TEXT_TYPE = 'text/plain;charset=utf-8'
TLS_HANDSHAKE_TIMEOUT = 10.0


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


def error_document(code: str, message: str, request_id: str, sts: bool = False, extra: Mapping | None = None) -> dict:
    """The Alibaba Cloud error body (of Service Catalog, or of STS with ``sts``); ``extra`` adds fields such as AccessDeniedDetail."""
    product, host_id = (STS_PRODUCT_CODE, STS_HOST_ID) if sts else (PRODUCT_CODE, HOST_ID)
    recommend = f'https://api.aliyun.com/troubleshoot?q={quote(code, safe=".")}&product={product}&requestId={request_id}'
    document = {'Code': code, 'Message': message, 'RequestId': request_id, 'HostId': host_id, 'Recommend': recommend}
    document.update(extra or {})
    return document


def tls_context(cert_file: str, key_file: str) -> ssl.SSLContext:
    """A server-side TLS context (TLS 1.2 or later) with a PEM certificate chain and key; OSError / ssl.SSLError if unusable."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert_file, key_file)
    return context


@dataclass(frozen=True)
class _Request:
    """A parsed API request: headers (lower-case names), query and form pairs, all parameters, the raw body."""

    headers: dict
    query_pairs: list
    form_pairs: list
    params: dict
    body: bytes


def _log_entry(request_id: str, method: str, path: str) -> dict:
    """A fresh request-log entry of an API request (filled in as the request goes through the steps)."""
    return {'time': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'request_id': request_id, 'method': method, 'path': path,
            'service': 'servicecatalog', 'style': None, 'access_key_id': None, 'action': None, 'params': {}, 'params_in': None,
            'declared_method': None, 'declared_params_in': None, 'fault': None}


def _json_object(body: bytes) -> dict:
    """A control endpoint's JSON object body (empty body: {}); ValueError otherwise."""
    value = json.loads(body.decode('utf-8') or '{}')
    if not isinstance(value, dict):
        raise ValueError('a JSON object is expected')
    return value


class EmulatorServer(ThreadingHTTPServer):
    """The emulator: a store, a verifier, STS, the metadata service, fault injection and the request log behind one socket."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: Store, access_keys: Iterable[AccessKey] = (), latency_ms: int = 0,
                 verbose: bool = False, *, faults: FaultInjector | None = None, mutate_during_listing: bool = False, mutate_per_page: int = 1,
                 tls_cert: str | None = None, tls_key: str | None = None, roles: Iterable[Role] | None = None, credential_lifetime: float = 0.0,
                 ecs_role: str = DEFAULT_ECS_ROLE, imds_v1: bool = False, deny: DenyRules | None = None,
                 oidc_providers: Iterable[str] | None = None, oidc_tokens: Iterable[str] = (), credentials_uri_token: str | None = None):
        if bool(tls_cert) != bool(tls_key):
            raise ValueError('TLS needs both a certificate file and a key file')
        context = tls_context(tls_cert, tls_key) if tls_cert and tls_key else None
        if ':' in address[0]:
            self.address_family = socket.AF_INET6
        keys = list(access_keys) or [DEMO_ACCESS_KEY]
        self.keyring = KeyRing(keys)
        self.verifier = Verifier(self.keyring)
        self.store = store
        self.mutator = ListingMutator(store, mutate_during_listing, mutate_per_page)
        self.api = Api(store, self.mutator)
        self.faults = faults if faults is not None else FaultInjector()
        self.drops = AnswerDrops()
        self.issuer = CredentialIssuer(self.keyring, credential_lifetime)
        self.roles = [Role.parse(DEFAULT_ROLE_ARN)] if roles is None else list(roles)
        self.sts = AssumeRole(self.issuer, self.roles)
        self.metadata = MetadataService(self.issuer, ecs_role, imds_v1)
        self.oidc_tokens = OidcTokens(oidc_tokens)
        self.oidc = AssumeRoleWithOidc(self.issuer, self.roles, [DEFAULT_OIDC_PROVIDER_ARN] if oidc_providers is None else oidc_providers,
                                       self.oidc_tokens)
        self.credentials_uri = CredentialsUri(self.issuer, self.roles[0] if self.roles else None, credentials_uri_token)
        self.deny = deny if deny is not None else DenyRules()
        self.canned = CannedAnswers()
        self.request_log = RequestLog()
        self.latency = max(0, latency_ms) / 1000.0
        self.verbose = verbose
        self.tls = context is not None
        super().__init__(address, Handler)
        if context is not None:  # the handshake runs in the request's thread (Handler.setup), not in the accept loop
            self.socket = context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        scheme = 'https' if self.tls else 'http'
        return f'{scheme}://[{host}]:{port}' if ':' in host else f'{scheme}://{host}:{port}'

    def caller_for(self, access_key_id: str) -> Principal:
        """The principal a verified key acts as: issued (role) keys by their role, other keys as the store says."""
        role = self.issuer.role_of(access_key_id)
        if role is not None:
            return self.store.caller_for_role(role.uid, role.name, role.role_id)
        return self.store.caller_for_key(access_key_id)

    def denial(self, access_key_id: str, action: str, caller: Principal, request_id: str) -> ApiError:
        """The 403 NoPermission error of a deny rule (an issued key shows as its role session)."""
        issued = self.issuer.issued(access_key_id)
        return access_denied(action, caller, request_id, access_key_id, issued.session if issued else None,
                             issued.role.role_id if issued else None)

    def credentials_report(self) -> dict:
        """``GET /_emulator/credentials``: issued temporary credentials counted per source, without any secret."""
        report = self.issuer.snapshot()
        return {'ok': True, 'sts': report['sts'], 'metadata': report['metadata'], 'oidc': report['oidc'], 'uri': report['uri'],
                'oidc_providers': sorted(self.oidc.providers.values()), 'metadata_tokens': self.metadata.active_tokens(),
                'credential_lifetime': self.issuer.lifetime_cap, 'roles': [{'arn': role.arn, 'external_id_required': role.external_id is not None}
                                                                           for role in self.roles],
                'ecs_role': self.metadata.role.name if self.metadata.role else None, 'imds_v1': self.metadata.allow_v1, 'recent': report['recent']}

    def handle_error(self, request, client_address) -> None:
        """Failed TLS handshakes and dropped connections are routine (a client refusing the certificate): no traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ssl.SSLError, ConnectionError, socket.timeout)):
            if self.verbose:
                LOGGER.info('%s - connection failed: %s', client_address[0], type(error).__name__)
            return
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    """One request: control endpoint, metadata service or API call (Service Catalog or STS)."""

    server: EmulatorServer
    protocol_version = 'HTTP/1.1'
    server_version = 'sc-emulator/1.0'

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(TLS_HANDSHAKE_TIMEOUT)
            self.request.do_handshake()
            self.request.settimeout(None)
        super().setup()
        try:  # headers and body are separate writes: without this, small answers wait for the client's delayed ACK
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._dispatch()

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch()

    def do_PUT(self) -> None:  # noqa: N802 (the metadata service's token request)
        self._dispatch()

    def log_message(self, format, *args) -> None:  # pylint: disable=redefined-builtin
        if self.server.verbose:  # a V1 GET carries its token and signature in the request line: never logged
            LOGGER.info('%s - %s', self.address_string(), _SECRET_IN_LINE_RE.sub(r'\1=<redacted>', format % args))

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

    def _send_raw(self, status: int, payload: bytes, content_type: str, headers: Mapping[str, str] | None = None) -> None:
        if self.server.latency:
            time.sleep(self.server.latency)
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _send(self, status: int, document, request_id: str | None = None, headers: Mapping[str, str] | None = None) -> None:
        payload = json.dumps(document, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
        extra = {'x-acs-request-id': request_id} if request_id else {}
        extra.update(headers or {})
        self._send_raw(status, payload, JSON_TYPE, extra)

    def _drop_connection(self) -> None:
        """The ``close`` fault: no answer at all, the connection is shut down."""
        self.close_connection = True
        try:
            self.request.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _dispatch(self) -> None:
        """Route by path: control endpoints, the metadata service, else the API (Service Catalog or STS)."""
        url = urlsplit(self.path)
        if url.path.startswith('/_emulator/') or url.path == '/_emulator':
            self._control(url.path)
        elif url.path.startswith('/latest/') or url.path == '/latest':
            self._metadata(url.path)
        elif url.path == CREDENTIALS_URI_PATH:
            self._credentials_uri(url.path, url.query)
        elif self.command == 'PUT':
            self.send_error(501, f'Unsupported method ({self.command!r})')
        else:
            self._api(url.path, url.query)

    # -- control endpoints ---------------------------------------------------------------------------------------------

    _CONTROL_ROUTES = {'/_emulator/health': ('GET',), '/_emulator/log': ('GET',), '/_emulator/log/clear': ('POST',),
                       '/_emulator/reset': ('POST',), '/_emulator/seed': ('POST',), '/_emulator/faults': ('GET', 'POST'),
                       '/_emulator/mutate': ('GET', 'POST'), '/_emulator/credentials': ('GET',), '/_emulator/deny': ('GET', 'POST'),
                       '/_emulator/respond': ('GET', 'POST'), '/_emulator/oidc-token': ('POST',), '/_emulator/drop': ('GET', 'POST'),
                       '/_emulator/provisioning': ('GET', 'POST')}

    def _control(self, path: str) -> None:
        if not is_loopback(self.client_address[0]):
            self._read_body(MAX_SEED_BODY)
            self._send(403, {'ok': False, 'error': 'control endpoints are served to loopback clients only'})
            return
        body = self._read_body(MAX_SEED_BODY)
        if body is None:
            self._send(413, {'ok': False, 'error': f'the body is limited to {MAX_SEED_BODY} bytes'})
            return
        route = path.rstrip('/')
        if route not in self._CONTROL_ROUTES:
            self._send(404, {'ok': False, 'error': f'unknown control endpoint {path[:80]}'})
            return
        if self.command not in self._CONTROL_ROUTES[route]:
            self._send(405, {'ok': False, 'error': f'{self.command} is not allowed on {route}'})
            return
        try:
            self._send(200, self._control_answer(route, body))
        except (ValueError, DataError) as exc:
            self._send(400, {'ok': False, 'error': str(exc)})

    def _control_answer(self, route: str, body: bytes):
        """The answer of a valid control request; ValueError / DataError for a bad body."""
        server, store = self.server, self.server.store
        configurable = {'/_emulator/faults': server.faults, '/_emulator/mutate': server.mutator, '/_emulator/deny': server.deny,
                        '/_emulator/respond': server.canned, '/_emulator/drop': server.drops}
        if route in configurable:
            target = configurable[route]
            state = target.configure(_json_object(body)) if self.command == 'POST' else target.snapshot()
            return {'ok': True, **state}
        if route == '/_emulator/provisioning':
            return {'ok': True, **store.provisioning_settings(_json_object(body) if self.command == 'POST' else {})}
        if route == '/_emulator/seed':
            counts = store.seed(_json_object(body))
            return {'ok': True, 'seeded': counts, 'totals': store.totals()}
        if route == '/_emulator/log':
            return server.request_log.entries()
        if route == '/_emulator/log/clear':
            server.request_log.clear()
            return {'ok': True}
        if route == '/_emulator/reset':
            return {'ok': True, 'totals': store.reset()}
        if route == '/_emulator/credentials':
            return server.credentials_report()
        if route == '/_emulator/oidc-token':  # a token for AssumeRoleWithOIDC, as a pod's projected service account token
            options = _json_object(body) if body.strip() else {}
            return {'ok': True, **server.oidc_tokens.issue(**{k: options[k] for k in ('subject', 'lifetime') if k in options})}
        return {'ok': True}  # health

    # -- metadata service ----------------------------------------------------------------------------------------------

    def _metadata(self, path: str) -> None:
        entry = {'time': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'request_id': None, 'method': self.command, 'path': path[:200],
                 'service': 'metadata', 'style': None, 'access_key_id': None, 'action': None, 'params': {}, 'fault': None}
        body = self._read_body(MAX_API_BODY)
        if body is None:
            status, content_type, payload = 413, TEXT_TYPE, b'Request Entity Too Large'
        else:
            try:
                status, content_type, payload = self.server.metadata.handle(self.command, path, self._headers())
            except Exception:  # pylint: disable=broad-except
                LOGGER.exception('internal error in the metadata service')
                status, content_type, payload = 500, TEXT_TYPE, b'Internal Server Error'
        entry.update(status=status, code=None)
        self.server.request_log.add(entry)
        self._send_raw(status, payload, content_type)

    # -- credentials URI -----------------------------------------------------------------------------------------------

    def _credentials_uri(self, path: str, query: str) -> None:
        entry = _log_entry(None, self.command, path)
        entry.update(service='credentials-uri')
        self._read_body(MAX_API_BODY)
        status, content_type, payload = self.server.credentials_uri.handle(self.command, query)
        entry.update(status=status, code=None)
        self.server.request_log.add(entry)
        self._send_raw(status, payload, content_type)

    # -- API -----------------------------------------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        combined: dict[str, list[str]] = {}
        for name, value in self.headers.items():
            combined.setdefault(name.lower(), []).append(value.strip())
        return {name: ','.join(sorted(values)) for name, values in combined.items()}

    def _api(self, path: str, query: str) -> None:
        """One API request, in steps: parse, canned answer, fault, authenticate, dispatch, respond."""
        request_id = str(uuid.uuid4()).upper()
        entry = _log_entry(request_id, self.command, path)
        status, document, extra_headers = 200, None, {}
        try:
            request = self._parse(query, entry)
            canned = self.server.canned.take(entry['action'])  # before anything else: the request changes nothing
            if canned is not None:
                self._send_canned(canned, entry)
                return
            fault = self._fault(entry, extra_headers)  # before verification: a faulted request changes nothing (its nonce stays unused)
            if fault == 'close':
                return
            if entry['service'] == 'sts' and request.params.get('Action') == 'AssumeRoleWithOIDC':
                # unsigned: the OIDC token is the proof (api/credentials.md section 6)
                entry.update(action='AssumeRoleWithOIDC', style='OIDC')
                if path != '/':
                    raise ApiError(404, 'InvalidAction.NotFound', f'Specified api is not found, please check your url and method: {path[:80]}')
                document = self.server.oidc.call(request.params, request_id)
                self._respond(status, document, request_id, entry, extra_headers)
                return
            verified = self._authenticate(path, request, entry)
            document = self._call(verified, request.params, entry, request_id)
            drop = self.server.drops.take(entry['action']) if entry['service'] == 'servicecatalog' else None
            if drop == 'close':  # executed, then the answer is lost
                entry.update(fault='dropped-after', status=None, code=None)
                self.server.request_log.add(entry)
                self._drop_connection()
                return
            if drop:
                entry['fault'] = f'{drop}-after'
                raise ApiError(*FAULT_ERRORS[drop])
        except ApiError as err:
            status = err.status
            document = error_document(err.code, err.message, request_id, entry['service'] == 'sts', err.extra)
        except Exception:  # pylint: disable=broad-except
            LOGGER.exception('internal error in %s', entry.get('action'))
            status = 500
            document = error_document('InternalError', 'A system error occurred.', request_id, entry['service'] == 'sts')
        self._respond(status, document, request_id, entry, extra_headers)

    def _parse(self, query: str, entry: dict) -> _Request:
        """Read the body, headers and parameters (query string, then a form body); log the parameters and the claimed action."""
        body = self._read_body(MAX_API_BODY)
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
        entry['params_in'] = '+'.join(where for where, pairs in ((QUERY, query_pairs), (FORM, form_pairs)) if pairs) or NONE
        entry['access_key_id'] = claimed_access_key_id(headers, params)
        entry['action'] = headers.get('x-acs-action') or params.get('Action')
        if (headers.get('x-acs-version') or params.get('Version')) == STS_VERSION:
            entry['service'] = 'sts'
        return _Request(headers, query_pairs, form_pairs, params, body)

    def _fault(self, entry: dict, extra_headers: dict) -> str | None:
        """Draw a fault: ``close`` drops the connection (logged, returns 'close'), ``slow`` waits, the others raise their error."""
        fault = self.server.faults.draw()
        if not fault:
            return None
        entry['fault'] = fault
        if fault == 'close':
            entry.update(status=None, code=None)
            self.server.request_log.add(entry)
            self._drop_connection()
        elif fault == 'slow':
            time.sleep(self.server.faults.slow_seconds)
        else:
            if fault == 'throttling':
                extra_headers['x-acs-retry-after'] = str(self.server.faults.retry_after_ms)
            raise ApiError(*FAULT_ERRORS[fault])
        return fault

    def _authenticate(self, path: str, request: _Request, entry: dict) -> VerifiedRequest:
        """Check the path and the signature (V3 or V1); the action and the version must be there."""
        if path != '/':
            raise ApiError(404, 'InvalidAction.NotFound', f'Specified api is not found, please check your url and method: {path[:80]}')
        verified = self.server.verifier.verify(self.command, path, request.query_pairs, request.form_pairs, request.headers, request.body)
        entry.update(style=verified.style, access_key_id=verified.access_key_id, action=verified.action)
        if not verified.action:
            raise ApiError(400, 'MissingAction', 'Action is mandatory for this action (x-acs-action header or Action parameter).')
        if not verified.version:
            raise ApiError(400, 'MissingVersion', 'Version is mandatory for this action (x-acs-version header or Version parameter).')
        return verified

    def _call(self, verified: VerifiedRequest, params: Mapping[str, str], entry: dict, request_id: str) -> dict:
        """Dispatch by version: STS AssumeRole, or a Service Catalog operation (after the deny rules)."""
        if verified.version == STS_VERSION:
            entry['service'] = 'sts'
            if verified.action != 'AssumeRole':
                raise ApiError(404, 'InvalidAction.NotFound', f'Specified api is not found, please check your url and method: {verified.action[:80]}')
            return self.server.sts.call(params, request_id)
        if verified.version != API_VERSION:
            raise ApiError(400, 'InvalidVersion', f'Specified parameter Version is not valid: {verified.version[:40]} '
                                                  f'(supported: {API_VERSION} Service Catalog, {STS_VERSION} STS AssumeRole).')
        entry['service'] = 'servicecatalog'
        operation = OPERATIONS.get(verified.action)
        if operation is not None:
            entry.update(declared_method=operation.method, declared_params_in=operation.params_in)
        caller = self.server.caller_for(verified.access_key_id)
        if operation is not None and self.server.deny.matches(verified.access_key_id, verified.action):
            raise self.server.denial(verified.access_key_id, verified.action, caller, request_id)
        return self.server.api.call(verified.action, params, caller, request_id)

    def _respond(self, status: int, document: dict, request_id: str, entry: dict, extra_headers: Mapping[str, str]) -> None:
        """Log the outcome and send the JSON answer."""
        entry.update(status=status, code=document.get('Code') if status != 200 else None)
        self.server.request_log.add(entry)
        self._send(status, document, request_id, extra_headers)

    def _send_canned(self, answer: CannedAnswer, entry: dict) -> None:
        """A queued raw answer, verbatim: its status, Content-Type (if any), headers and body; logged with fault 'canned'."""
        payload = answer.payload(entry['action'])
        code = None
        if answer.status >= 400 and not answer.truncated_json:
            try:
                document = json.loads(payload.decode('utf-8'))
                code = document.get('Code') if isinstance(document, dict) and isinstance(document.get('Code'), str) else None
            except ValueError:
                pass
        entry.update(fault='canned', status=answer.status, code=code)
        self.server.request_log.add(entry)
        if self.server.latency:
            time.sleep(self.server.latency)
        self.send_response(answer.status)
        if answer.content_type is not None:
            self.send_header('Content-Type', answer.content_type)
        self.send_header('Content-Length', str(len(payload)))
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _loggable(self, params: Mapping[str, str]) -> dict[str, str]:
        keyring = self.server.keyring
        return {name: ('<redacted>' if name in _REDACTED_PARAMS or keyring.is_sensitive(value) else value)
                for name, value in params.items() if name not in _NOT_LOGGED_PARAMS}


class RunningEmulator:
    """An emulator serving from a background thread (for tests)."""

    def __init__(self, server: EmulatorServer):
        self.server = server
        self.thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05}, name='sc-emulator', daemon=True)
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
                    latency_ms: int = 0, *, verbose: bool = False, fault_rate: float = 0.0, fault_seed: int = 0,
                    fault_kinds: str | Iterable[str] = FAULT_KINDS, fault_slow_seconds: float = DEFAULT_SLOW_SECONDS,
                    fault_retry_after_ms: int = DEFAULT_RETRY_AFTER_MS, mutate_during_listing: bool = False, mutate_per_page: int = 1,
                    tls_cert: str | None = None, tls_key: str | None = None, roles: Iterable[str | Role] | None = None,
                    credential_lifetime: float = 0.0, ecs_role: str = DEFAULT_ECS_ROLE, imds_v1: bool = False,
                    deny: Iterable[str | tuple[str, Iterable[str]]] = (), oidc_providers: Iterable[str] | None = None,
                    oidc_tokens: Iterable[str] = (), credentials_uri_token: str | None = None,
                    provision_seconds: float | None = None) -> RunningEmulator:
    """Start an emulator (demo dataset unless a store is given) on a background thread; the keyword arguments are serve.py's flags.

    ``provision_seconds``: how long writes take (None: the store's own setting, 2 s unless the Store was made otherwise).

    ``roles``: role specs ``ARN[#EXTERNAL_ID]`` or Role objects (None: the default demo role; an empty list: no role).
    ``deny``: deny rules, ``KEYID:ACTION[,ACTION...]`` strings (as ``--deny``) or ``(key_id, actions)`` pairs.
    """
    faults = FaultInjector(fault_rate, fault_seed, fault_kinds, fault_slow_seconds, fault_retry_after_ms)
    parsed_roles = None if roles is None else [role if isinstance(role, Role) else Role.parse(role) for role in roles]
    store = store if store is not None else Store(load_demo())
    if provision_seconds is not None:
        store.provisioning_settings({'seconds': provision_seconds})
    server = EmulatorServer((host, port), store, access_keys, latency_ms, verbose,
                            faults=faults, mutate_during_listing=mutate_during_listing, mutate_per_page=mutate_per_page, tls_cert=tls_cert,
                            tls_key=tls_key, roles=parsed_roles, credential_lifetime=credential_lifetime, ecs_role=ecs_role, imds_v1=imds_v1,
                            deny=DenyRules([parse_spec(rule) if isinstance(rule, str) else rule for rule in deny]),
                            oidc_providers=oidc_providers, oidc_tokens=oidc_tokens, credentials_uri_token=credentials_uri_token)
    return RunningEmulator(server)
