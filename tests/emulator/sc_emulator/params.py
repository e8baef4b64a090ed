"""Request parameters: presence, integers, enumerations, sorting and paging, and the two filter styles."""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Callable, Mapping

from .errors import invalid_parameter, missing_parameter

PAGE_SIZE_MAX = 100
_INT_RE = re.compile(r'^\s*\+?\d+\s*$')
_FILTER_RE = re.compile(r'^Filters\.(\d+)\.(Key|Value)$')


@dataclass(frozen=True)
class Page:
    """One requested page: order, PageNumber and PageSize."""

    descending: bool
    number: int
    size: int


def value(params: Mapping[str, str], name: str) -> str | None:
    """A parameter's value; an empty value counts as absent."""
    found = params.get(name)
    return found if found not in (None, '') else None


def required(params: Mapping[str, str], name: str) -> str:
    found = value(params, name)
    if found is None or not found.strip():
        raise missing_parameter(name)
    return found


def integer(params: Mapping[str, str], name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    raw = value(params, name)
    if raw is None:
        return default
    number = int(raw) if _INT_RE.match(raw) else None
    if number is None or number < minimum or (maximum is not None and number > maximum):
        allowed = f'an integer from {minimum} to {maximum}' if maximum is not None else f'an integer greater than or equal to {minimum}'
        raise invalid_parameter(f'The parameter {name} must be {allowed}; got {raw[:40]!r}.')
    return number


def choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str | None, code: str = 'InvalidParameter') -> str | None:
    found = value(params, name)
    if found is None:
        return default
    if found not in allowed:
        raise invalid_parameter(f'The parameter {name} must be one of {", ".join(allowed)}; got {found[:40]!r}.', code)
    return found


def sorting(params: Mapping[str, str]) -> bool:
    """True for descending order, after validating SortBy (only CreateTime) and SortOrder (Asc / Desc, default Desc)."""
    choice(params, 'SortBy', ('CreateTime',), 'CreateTime')
    return choice(params, 'SortOrder', ('Asc', 'Desc'), 'Desc') == 'Desc'


def page_numbers(params: Mapping[str, str]) -> tuple[int, int]:
    """(PageNumber, PageSize) after validation: PageNumber >= 1 (default 1), PageSize 1..100 (default 10)."""
    return integer(params, 'PageNumber', 1, 1), integer(params, 'PageSize', 10, 1, PAGE_SIZE_MAX)


def paging(params: Mapping[str, str], sortable: bool = True) -> Page:
    """The requested page; an operation that takes no SortBy / SortOrder lists in ascending CreateTime order."""
    descending = sorting(params) if sortable else False
    number, size = page_numbers(params)
    return Page(descending, number, size)


def numbered_filters(params: Mapping[str, str], allowed: tuple[str, ...], multi: frozenset = frozenset()) -> dict[str, list[str]]:
    """``Filters.N.Key`` / ``Filters.N.Value`` pairs grouped by key (values of a repeated key are ORed)."""
    entries: dict[int, dict[str, str]] = {}
    for name, text in params.items():
        if name == 'Filters' or name.startswith('Filters.'):
            match = _FILTER_RE.match(name)
            if not match or int(match.group(1)) < 1:
                raise invalid_parameter(f'The parameter {name[:60]} is not valid: filters are Filters.N.Key and Filters.N.Value, N from 1.')
            entries.setdefault(int(match.group(1)), {})[match.group(2)] = text
    result: dict[str, list[str]] = {}
    for number in sorted(entries):
        key, text = entries[number].get('Key'), entries[number].get('Value')
        if not key:
            raise invalid_parameter(f'The parameter Filters.{number}.Key is required when Filters.{number}.Value is given.')
        if key not in allowed:
            raise invalid_parameter(f'The parameter Filters.{number}.Key must be one of {", ".join(allowed)}; got {key[:60]!r}.')
        if text is None or not text.strip():
            raise invalid_parameter(f'The parameter Filters.{number}.Value must not be empty.')
        values = [part.strip() for part in text.split(',') if part.strip()] if key in multi else [text]
        result.setdefault(key, []).extend(values)
    return result


def json_filters(params: Mapping[str, str], allowed: tuple[str, ...], booleans: frozenset = frozenset()) -> dict:
    """The single ``Filters`` parameter holding a JSON object (ListTagOptions); other ``Filters.*`` names are refused.

    Keys outside ``allowed`` are refused; keys in ``booleans`` take JSON true / false (the text "true" / "false" too),
    the others strings. An empty string value counts as absent.
    """
    for name in params:
        if name.startswith('Filters.'):
            raise invalid_parameter(f'The parameter {name[:60]} is not valid: Filters is one parameter holding a JSON object.')
    raw = value(params, 'Filters')
    if raw is None:
        return {}
    try:
        document = json.loads(raw)
    except ValueError:
        raise invalid_parameter(f'The parameter Filters is not valid JSON: {raw[:60]!r}.') from None
    if not isinstance(document, dict):
        raise invalid_parameter('The parameter Filters must be a JSON object.')
    result = {}
    for key, item in document.items():
        if key not in allowed:
            raise invalid_parameter(f'The parameter Filters has an unknown key {key[:40]!r}; allowed: {", ".join(allowed)}.')
        if key in booleans:
            result[key] = _boolean(key, item)
        elif not isinstance(item, str):
            raise invalid_parameter(f'The parameter Filters.{key} must be a string.')
        elif item != '':
            result[key] = item
    return result


def _boolean(key: str, item) -> bool:
    if isinstance(item, bool):
        return item
    if isinstance(item, str) and item.lower() in ('true', 'false'):
        return item.lower() == 'true'
    raise invalid_parameter(f'The parameter Filters.{key} must be true or false.')


def _token(offset: int, fingerprint: str) -> str:
    return base64.urlsafe_b64encode(f'{offset}:{fingerprint}'.encode('ascii')).decode('ascii').rstrip('=')


def token_window(params: Mapping[str, str], page: Page, query: object) -> tuple[int, int, Callable[[int], str]]:
    """(first index, count, make_token) of a listing that pages by PageNumber / PageSize or by NextToken / MaxResults.

    Without NextToken and MaxResults: PageNumber / PageSize. With either: the window starts where the token says (the
    start without one) and holds MaxResults items (1..100, default PageSize). A token is opaque text naming an offset in
    one query's results (``query``: the filters and order); a malformed token, or one of another query, is InvalidParameter.
    """
    fingerprint = hashlib.sha256(json.dumps(query, sort_keys=True).encode('utf-8')).hexdigest()[:12]
    raw_token, raw_max = value(params, 'NextToken'), value(params, 'MaxResults')
    if raw_token is None and raw_max is None:
        return (page.number - 1) * page.size, page.size, lambda offset: _token(offset, fingerprint)
    size = integer(params, 'MaxResults', page.size, 1, PAGE_SIZE_MAX)
    start = 0
    if raw_token is not None:
        try:
            decoded = base64.urlsafe_b64decode(raw_token + '=' * (-len(raw_token) % 4)).decode('ascii')
            offset_text, token_fingerprint = decoded.split(':', 1)
            start = int(offset_text)
        except (ValueError, UnicodeDecodeError, binascii.Error):
            raise invalid_parameter(f'The parameter NextToken is not valid: {raw_token[:40]!r}.') from None
        if token_fingerprint != fingerprint or start < 0:
            raise invalid_parameter('The parameter NextToken belongs to another query (other filters or order).')
    return start, size, lambda offset: _token(offset, fingerprint)


def indexed_entries(params: Mapping[str, str], name: str, fields: tuple[str, ...], maximum: int) -> list[dict[str, str]]:
    """A flattened list parameter (``Parameters.N.ParameterKey``, ``Tags.N.Key``...): its entries ordered by N (from 1).

    The index, not the arrival order, carries the meaning (the SDK sorts keys as strings, so ``.10.`` comes before
    ``.2.``); gaps are allowed. An empty value is kept (``Parameters.1.ParameterValue=`` is an empty string). A field
    outside ``fields``, a bad index or more than ``maximum`` entries is InvalidParameter.
    """
    pattern = re.compile(rf'^{re.escape(name)}\.(\d+)\.([A-Za-z]+)$')
    entries: dict[int, dict[str, str]] = {}
    for key, text in params.items():
        if key != name and not key.startswith(name + '.'):
            continue
        match = pattern.match(key)
        if not match or int(match.group(1)) < 1 or match.group(2) not in fields:
            raise invalid_parameter(f'The parameter {key[:60]} is not valid: {name} entries are {" and ".join(f"{name}.N.{f}" for f in fields)}, '
                                    'N from 1.')
        entries.setdefault(int(match.group(1)), {})[match.group(2)] = text
    if len(entries) > maximum:
        raise invalid_parameter(f'The parameter {name} takes at most {maximum} entries; got {len(entries)}.')
    return [dict(entries[number], _N=str(number)) for number in sorted(entries)]
