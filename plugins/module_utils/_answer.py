# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading one answer within bounds, and the errors made of answers (for transport.exchange and
the classifiers of client.py and the credential peers).

- ``read_body``: the body of a streamed ``requests`` response, decoded here (gzip, deflate) so that
  the size limit counts what reaches memory; it stops at the attempt's deadline or at the limit.
- ``Answer``: status, headers and body of one answer, its JSON parsed once (nesting bounded).
- ``parse_error``, ``invalid_answer``, ``describe_body``: every value they quote from an answer is
  redacted and cut (``errors.quoted``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import socket
import zlib

try:
    from http.client import HTTPException
except ImportError:  # pragma: no cover
    from httplib import HTTPException  # type: ignore

try:
    import requests
    from urllib3.exceptions import HTTPError as Urllib3Error, ReadTimeoutError
except ImportError:  # pragma: no cover - transport.need_requests reports it
    requests = None
    Urllib3Error = ReadTimeoutError = ()

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError, quoted, redact, redact_value

# The largest answer read, after decoding. A listing page of 100 items is some hundred KiB; a task's
# logs or a template body can be much larger, so 16 MiB leaves a wide margin while keeping one
# answer (and its parsed JSON, a few times larger) far below the memory of a small AWX node.
MAX_ANSWER_BYTES = 16 * 1024 * 1024
# Each attempt must have its whole answer within connect_timeout + ATTEMPT_DEADLINE_READS x
# read_timeout of being sent: read_timeout bounds each wait for the next bytes, not the whole body,
# so a server sending a byte a second would otherwise never end. Three read time-outs leave one for
# the server to start answering and two for the body, which at any usable bandwidth arrives in a
# fraction of one. Reading stops at the first read after the deadline: an attempt ends at most one
# read_timeout past it.
ATTEMPT_DEADLINE_READS = 3
# The deepest JSON accepted. The API's documents nest a few levels (a task's parameters inside its
# detail); 100 leaves room for values passed through as they are, and keeps every recursive walk of
# a document (snake_case, redaction) far from Python's recursion limit of 1000.
MAX_JSON_DEPTH = 100
# An error Message is quoted up to this many characters: API messages are a sentence or two; a
# longer one is a proxy's page or an echo, and its beginning says what it is.
MAX_MESSAGE_CHARS = 2000
# The other quoted fields of an error document (Code, RequestId, HostId...) are short identifiers.
MAX_FIELD_CHARS = 200
READ_CHUNK = 65536

# Codes that mean "slow down / try again", whatever the HTTP status that carries them.
THROTTLING_CODES = frozenset([
    'Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Tenant', 'ServiceUnavailable',
    'InternalError', 'RequestTimeout', 'ServiceTimeout',
])


class BodyError(Exception):
    """The body could not be read within the bounds: ``code``, a message without the action, ``retryable``."""

    def __init__(self, code, message, retryable):
        super(BodyError, self).__init__(message)
        self.code = code
        self.retryable = retryable


class _Inflate:
    """Bounded gzip / deflate decoding (zlib-wrapped deflate, or raw deflate as some servers send)."""

    def __init__(self, encoding):
        self.raw_fallback = encoding == 'deflate'
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS if encoding != 'deflate' else zlib.MAX_WBITS)
        self._started = False

    def __call__(self, data, room):
        """At most ``room + 1`` decoded bytes of ``data`` (more than ``room`` means over the limit)."""
        try:
            out = self._z.decompress(data, room + 1)
        except zlib.error:
            if not (self.raw_fallback and not self._started):
                raise
            self._z, self.raw_fallback = zlib.decompressobj(-zlib.MAX_WBITS), False
            out = self._z.decompress(data, room + 1)
        self._started = True
        return out


def _decoder(encoding, source):
    encoding = (encoding or '').strip().lower()
    if encoding in ('', 'identity'):
        return None
    if encoding in ('gzip', 'x-gzip', 'deflate'):
        return _Inflate('deflate' if encoding == 'deflate' else 'gzip')
    raise BodyError('InvalidResponse', '%s is encoded as %s, which was not asked for' % (source, quoted(encoding, limit=40)), False)


def read_body(response, source, deadline, clock, seconds):
    """The whole body of ``response`` (sent with ``stream=True``), decoded; BodyError past ``deadline``
    (a ``clock()`` value, ``seconds`` after sending) or MAX_ANSWER_BYTES, and ``requests`` exceptions
    for a failed read. ``source`` names the answer in messages (``the answer from <host>``)."""
    length = response.headers.get('content-length') or ''
    if length.strip().isdigit() and int(length) > MAX_ANSWER_BYTES:
        raise _too_large(source)
    decode = _decoder(response.headers.get('content-encoding'), source)
    raw = response.raw
    if getattr(raw, 'read1', None) is not None:  # urllib3 >= 2.3
        def read(size):
            return raw.read1(size, decode_content=False)
    else:  # older urllib3: the http.client response under it, which has read1 since Python 3.5
        read = raw._fp.read1  # pylint: disable=protected-access
    parts, size = [], 0
    try:
        while True:
            if clock() > deadline:
                raise BodyError('ReadTimeout', '%s did not arrive in full within %gs (connect_timeout + %d x read_timeout), '
                                'reading stopped' % (source, seconds, ATTEMPT_DEADLINE_READS), True)
            chunk = read(READ_CHUNK)
            if not chunk:
                break
            if decode is not None:
                chunk = decode(chunk, MAX_ANSWER_BYTES - size)
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise _too_large(source)
            parts.append(chunk)
    except (ReadTimeoutError, socket.timeout) as exc:
        raise requests.exceptions.ReadTimeout(exc)
    except zlib.error:
        raise BodyError('InvalidResponse', '%s is not valid %s data' % (source, response.headers.get('content-encoding')), True)
    except (Urllib3Error, HTTPException, OSError) as exc:
        raise requests.exceptions.ConnectionError(exc)
    return b''.join(parts)


def _too_large(source):
    return BodyError('AnswerTooLarge', '%s is larger than %s (the limit of one answer), reading stopped' % (source, _size(MAX_ANSWER_BYTES)),
                     False)


def _size(count):
    return '%d MiB' % (count // 1048576) if count >= 1048576 and count % 1048576 == 0 else '%d bytes' % count


class Answer:
    """One answer as the exchange read it: ``status_code``, ``headers`` (case-insensitive), ``content``
    (the whole body, decoded) and the ``secrets`` of the request it answers."""

    def __init__(self, status_code, headers, content, secrets=()):
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.secrets = tuple(secrets)
        self._parsed = None

    def parsed(self):
        """``(value, problem)``: the body's JSON value, or None and why not (None when empty)."""
        if self._parsed is None:
            self._parsed = _parse_json(self.content)
        return self._parsed


def _parse_json(raw):
    if not raw:
        return None, None
    try:
        value = json.loads(raw.decode('utf-8', 'replace'))
    except RecursionError:
        return None, 'JSON nested deeper than %d levels' % MAX_JSON_DEPTH
    except ValueError as exc:
        return None, 'truncated or invalid JSON%s' % (' (%s)' % str(exc).split(':', 1)[0] if ':' in str(exc) else '')
    if not _shallow(value):
        return None, 'JSON nested deeper than %d levels' % MAX_JSON_DEPTH
    return value, None


def _shallow(value):
    """True when ``value`` nests at most MAX_JSON_DEPTH lists and objects (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > MAX_JSON_DEPTH:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return True


def read_json(answer):
    """The answer's JSON value, or None when the body is empty, not JSON or nested too deep."""
    return answer.parsed()[0]


def retry_5xx(action, who, error_class):
    """The classifier of a peer that reads every status itself (the metadata service, a credentials
    URI): a 5xx answer is a retryable error naming ``who``; any other answer is returned as it is."""
    def classify(answer):
        if answer.status_code >= 500:
            raise error_class(action, answer.status_code, 'HTTP%d' % answer.status_code, '%s answered HTTP %d' % (who, answer.status_code),
                              retryable=True)
        return answer
    return classify


def json_document(action, answer, who='the endpoint', error_class=ServiceCatalogError, quote=True):
    """The JSON object of a success answer; else the error of an error answer (``parse_error``) or of
    a success without one (``invalid_answer``; ``quote=False`` for an answer that may hold new secrets)."""
    doc = read_json(answer)
    if answer.status_code >= 400:
        raise parse_error(action, answer, doc, answer.secrets, who=who, error_class=error_class)
    if not isinstance(doc, dict):
        raise invalid_answer(action, answer, answer.secrets, who=who, error_class=error_class, quote=quote)
    return doc


def parse_error(action, response, doc, secrets, who='the endpoint', error_class=ServiceCatalogError):
    """The error for an answer of HTTP 400 or more: the ACS error document's Code, Message,
    RequestId, HostId, Recommend and AccessDeniedDetail (every string redacted, each cut to its
    bound), or a description of a body that is not one. Throttling codes, 5xx, 429 and a retry-after
    header make it retryable."""
    status = response.status_code
    request_id = response.headers.get('x-acs-request-id')
    request_id = quoted(request_id, secrets, MAX_FIELD_CHARS) if request_id else None
    retry_after = retry_after_seconds(response.headers)
    if not isinstance(doc, dict):
        return error_class(
            action=action, status=status, code='HTTP%d' % status, request_id=request_id,
            message='%s answered HTTP %d with %s' % (who, status, describe_body(response, secrets)),
            retryable=status >= 500 or status == 429, retry_after=retry_after)
    code = str(doc.get('Code') or 'HTTP%d' % status)
    retryable = (status >= 500 or status == 429 or code in THROTTLING_CODES or code.startswith('Throttling')
                 or bool(retry_after))

    def field(name, limit=MAX_FIELD_CHARS):
        value = doc.get(name)
        return quoted(value, secrets, limit) if value is not None and value != '' else None

    return error_class(
        action=action, status=status, code=quoted(code, secrets, MAX_FIELD_CHARS), message=field('Message', MAX_MESSAGE_CHARS) or '',
        request_id=field('RequestId') or request_id, host_id=field('HostId'), recommend=field('Recommend', MAX_MESSAGE_CHARS),
        access_denied_detail=_quoted_detail(doc.get('AccessDeniedDetail'), secrets),
        retryable=retryable, retry_after=retry_after)


def _quoted_detail(value, secrets):
    """AccessDeniedDetail as sent (an object, nested at most MAX_JSON_DEPTH), every string redacted and cut."""
    value = redact_value(value, secrets)
    if isinstance(value, dict):
        return dict((k, _quoted_detail(v, ())) for k, v in value.items())
    if isinstance(value, list):
        return [_quoted_detail(v, ()) for v in value]
    return quoted(value, (), MAX_MESSAGE_CHARS) if isinstance(value, str) else value


def invalid_answer(action, response, secrets, who='the endpoint', error_class=ServiceCatalogError, quote=True):
    """The error for a success status without a JSON object (retryable: a proxy or a cut connection).
    ``quote=False`` for an answer that may hold new secrets (STS): only its size and type are told."""
    if quote:
        message = '%s answered HTTP %d without a JSON document: %s' % (who, response.status_code, describe_body(response, secrets))
    else:
        raw = response.content or b''
        kind = (response.headers.get('content-type') or 'no content-type').split(';')[0]
        shown = 'a %d-byte body (%s)' % (len(raw), quoted(kind, secrets, 60)) if raw else 'an empty body'
        message = '%s answered HTTP %d with %s instead of a JSON document' % (who, response.status_code, shown)
    request_id = response.headers.get('x-acs-request-id')
    return error_class(action=action, status=response.status_code, code='InvalidResponse',
                       request_id=quoted(request_id, secrets, MAX_FIELD_CHARS) if request_id else None, message=message,
                       retryable=True)


def describe_body(response, secrets):
    """A short, redacted description of a body that is not the expected JSON document."""
    raw = response.content or b''
    if not raw:
        return 'an empty body'
    kind = quoted((response.headers.get('content-type') or 'no content-type').split(';')[0], secrets, 60)
    if raw.lstrip()[:1] in (b'{', b'['):
        value, problem = response.parsed()
        if problem:
            return '%s, %d bytes, %s' % (problem, len(raw), kind)
        return 'a JSON %s, %d bytes, %s' % ('list' if isinstance(value, list) else 'document', len(raw), kind)
    # redact before cutting, so that no part of a secret survives at the cut
    text = redact(raw[:65536].decode('utf-8', 'replace'), secrets)
    text = re.sub(r'\s+', ' ', re.sub(r'<[^>]*>', ' ', text)).strip()
    title = re.search(br'(?is)<title[^>]*>(.*?)</title>', raw[:65536])
    if title:  # an HTML error page: its title says it all
        text = re.sub(r'\s+', ' ', redact(title.group(1).decode('utf-8', 'replace'), secrets)).strip() or text
    return 'a non-JSON body (%s, %d bytes): %r' % (kind, len(raw), text[:120])


def retry_after_seconds(headers):
    """Seconds to wait from ``x-acs-retry-after`` (milliseconds) or ``Retry-After`` (seconds)."""
    value = headers.get('x-acs-retry-after')
    try:
        if value is not None and int(value) > 0:
            return int(value) / 1000.0
    except ValueError:
        pass
    value = headers.get('retry-after')
    try:
        if value is not None and float(value) > 0:
            return float(value)
    except ValueError:
        pass
    return None
