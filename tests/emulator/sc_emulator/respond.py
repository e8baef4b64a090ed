"""Canned raw answers: a queue of HTTP answers given verbatim to the next matching API requests.

``POST /_emulator/respond {"answers": [...], "actions": [...]}`` queues answers (a status, a content type, a body, headers);
each later API request (Service Catalog or STS, never a control endpoint nor the metadata service) takes the first queued
answer whose action filter matches its claimed action (``x-acs-action`` header or ``Action`` parameter) and gets exactly
that answer. The answer is given once the request has been read and before anything else (fault draw, signature
verification), so a request answered this way changes nothing: no nonce is used, no credential issued, nothing inserted.
"""
from __future__ import annotations

import base64
import binascii
import collections
import fnmatch
import json
import re
import threading
import uuid
from dataclasses import dataclass
from typing import Any, Mapping

from .operations import OPERATIONS
from .ram import parse_actions

JSON_TYPE = 'application/json;charset=utf-8'
MAX_QUEUED = 10000
MAX_ANSWER_BODY = 16 * 1024 * 1024
_FORBIDDEN_HEADERS = frozenset(['content-length', 'transfer-encoding'])
_HEADER_NAME_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")
_ANSWER_KEYS = ('status', 'content_type', 'body', 'body_base64', 'truncated_json', 'headers')

# where each operation's result travels: the truncated document looks like that operation's answer
_RESULT_KEYS = {**{name: operation.result for name, operation in OPERATIONS.items()}, 'AssumeRole': 'Credentials'}


@dataclass(frozen=True)
class CannedAnswer:
    """One queued answer. ``content_type`` None: no Content-Type header; ``truncated_json``: the body is made when it is used."""

    status: int
    content_type: str | None
    body: bytes
    headers: tuple[tuple[str, str], ...]
    truncated_json: bool
    actions: tuple[str, ...] | None  # None: any API request

    def matches(self, action: str | None) -> bool:
        if self.actions is None:
            return True
        return bool(action) and any(fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in self.actions)

    def payload(self, action: str | None) -> bytes:
        """The body sent: the given bytes, or the first half of a real-looking JSON answer of ``action``."""
        return truncated_document(action) if self.truncated_json else self.body

    def public(self) -> dict:
        return {'status': self.status, 'content_type': self.content_type, 'bytes': None if self.truncated_json else len(self.body),
                'truncated_json': self.truncated_json, 'headers': dict(self.headers), 'actions': list(self.actions) if self.actions else None}


def truncated_document(action: str | None) -> bytes:
    """The first half (bytes) of a plausible JSON answer of ``action``: it starts with ``{`` and is never valid JSON."""
    item = {'TaskId': 'task-bp1canned0000001', 'TaskType': 'LaunchProduct', 'ProductId': 'prod-bp1canned00001',
            'ProductName': 'ECS instance', 'ProvisionedProductId': 'pp-bp1canned000001', 'ProvisionedProductName': 'canned-answer-01',
            'Status': 'Succeeded', 'Outputs': [{'OutputKey': 'instance_id', 'OutputValue': 'i-bp1canned0000001', 'Description': 'ID'}],
            'CreateTime': '2026-01-01T00:00:00Z', 'UpdateTime': '2026-01-01T00:05:00Z'}
    operation = OPERATIONS.get(action or '')
    key = _RESULT_KEYS.get(action or '', 'Data')
    document: dict[str, Any] = {'RequestId': str(uuid.uuid4()).upper()}
    if operation is not None and operation.paging:
        document.update(TotalCount=1, PageNumber=1, PageSize=10)
    document[key] = [item] if operation is not None and operation.many else item
    payload = json.dumps(document, separators=(',', ':')).encode('utf-8')
    return payload[:len(payload) // 2]


def _parse_answer(raw: Any, index: int, actions: tuple[str, ...] | None) -> CannedAnswer:
    where = f'answers[{index}]'
    if not isinstance(raw, dict):
        raise ValueError(f'{where}: an answer is a JSON object with {", ".join(_ANSWER_KEYS)}')
    unknown = sorted(set(raw) - set(_ANSWER_KEYS))
    if unknown:
        raise ValueError(f'{where}: unknown keys {", ".join(unknown)[:200]} (allowed: {", ".join(_ANSWER_KEYS)})')
    status = raw.get('status', 200)
    if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
        raise ValueError(f'{where}.status: an HTTP status from 200 to 599; got {status!r:.40}')
    truncated = raw.get('truncated_json', False)
    if not isinstance(truncated, bool):
        raise ValueError(f'{where}.truncated_json: true or false')
    given = [name for name in ('body', 'body_base64') if name in raw] + (['truncated_json'] if truncated else [])
    if len(given) > 1:
        raise ValueError(f'{where}: give one of body, body_base64, truncated_json (got {", ".join(given)})')
    body = b''
    if 'body' in raw:
        if not isinstance(raw['body'], str):
            raise ValueError(f'{where}.body: a string (sent UTF-8 encoded; use body_base64 for other bytes)')
        body = raw['body'].encode('utf-8')
    elif 'body_base64' in raw:
        try:
            body = base64.b64decode(raw['body_base64'], validate=True) if isinstance(raw['body_base64'], str) else None
        except (binascii.Error, ValueError):
            body = None
        if body is None:
            raise ValueError(f'{where}.body_base64: a base64 string')
    if len(body) > MAX_ANSWER_BODY:
        raise ValueError(f'{where}: the body is limited to {MAX_ANSWER_BODY} bytes')
    if status in (204, 304) and (body or truncated):
        raise ValueError(f'{where}: HTTP {status} has no body')
    content_type = raw.get('content_type', JSON_TYPE)
    if content_type is not None and (not isinstance(content_type, str) or not content_type.strip() or '\r' in content_type
                                     or '\n' in content_type or len(content_type) > 200):
        raise ValueError(f'{where}.content_type: a media type such as text/html or application/json;charset=utf-8 (null: no header)')
    headers_raw = raw.get('headers') or {}
    if not isinstance(headers_raw, dict):
        raise ValueError(f'{where}.headers: an object of header names to string values')
    headers = []
    for name, value in headers_raw.items():
        if not _HEADER_NAME_RE.match(name) or name.lower() in _FORBIDDEN_HEADERS or name.lower() == 'content-type':
            raise ValueError(f'{where}.headers: {name[:60]!r} cannot be set (not a header name, or Content-Length / Transfer-Encoding / '
                             'Content-Type, which the emulator sets; use content_type)')
        if not isinstance(value, str) or '\r' in value or '\n' in value:
            raise ValueError(f'{where}.headers.{name}: a one-line string')
        headers.append((name, value))
    return CannedAnswer(status, content_type, body, tuple(headers), truncated, actions)


class CannedAnswers:
    """The queue of canned answers; thread-safe; counts the answers given."""

    def __init__(self):
        self._lock = threading.Lock()
        self._queue: collections.deque[CannedAnswer] = collections.deque()
        self._answered = 0

    def configure(self, body: Mapping[str, Any]) -> dict:
        """``POST /_emulator/respond``: ``{"clear": true}`` empties the queue (first), ``{"answers": [...], "actions": [...]}`` appends.
        ValueError, nothing changed, for an unknown key or a bad value."""
        allowed = ('answers', 'actions', 'clear')
        unknown = sorted(set(body) - set(allowed))
        if unknown:
            raise ValueError(f'unknown respond settings: {", ".join(unknown)[:200]} (allowed: {", ".join(allowed)})')
        clear = body.get('clear', False)
        if not isinstance(clear, bool):
            raise ValueError('clear is true or false')
        actions = parse_actions(body['actions']) if body.get('actions') is not None else None
        raw_answers = body.get('answers', [])
        if not isinstance(raw_answers, list):
            raise ValueError('answers is a list of answers {"status", "content_type", "body" | "body_base64" | "truncated_json", "headers"}')
        if not raw_answers and not clear:
            raise ValueError('give answers (a non-empty list), or clear: true')
        answers = [_parse_answer(raw, index, actions) for index, raw in enumerate(raw_answers)]
        with self._lock:
            if (0 if clear else len(self._queue)) + len(answers) > MAX_QUEUED:
                raise ValueError(f'at most {MAX_QUEUED} answers can be queued')
            if clear:
                self._queue.clear()
            self._queue.extend(answers)
        return self.snapshot()

    def take(self, action: str | None) -> CannedAnswer | None:
        """The first queued answer matching ``action`` (removed from the queue), or None."""
        with self._lock:
            for index, answer in enumerate(self._queue):
                if answer.matches(action):
                    del self._queue[index]
                    self._answered += 1
                    return answer
        return None

    def snapshot(self) -> dict:
        """``GET /_emulator/respond``: ``{"queued": N, "answered": N, "answers": [...]}``, answers in queue order, bodies left out."""
        with self._lock:
            return {'queued': len(self._queue), 'answered': self._answered, 'answers': [answer.public() for answer in self._queue]}
