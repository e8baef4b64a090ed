"""Permission denial: RAM rules refusing chosen Service Catalog actions to chosen access keys (403 ``NoPermission``).

A rule names an access key ID and actions (``ListTasks``, ``servicecatalog:GetTask``, ``List*``, ``*``; case-insensitive,
``*`` matches any run of characters). A correctly signed Service Catalog request whose key and action match a rule is
answered like Alibaba Cloud answers an implicit RAM deny: HTTP 403, ``NoPermission``, the RAM message and an
``AccessDeniedDetail`` object. The check runs after signature verification (so a request that is not correctly signed
still gets its signature error), after the version and action checks and before the parameters are validated.
"""
from __future__ import annotations

import base64
import fnmatch
import hashlib
import re
import struct
import threading
import time
from typing import Any, Iterable, Mapping

from .errors import ApiError
from .model import Principal

ACTION_PREFIX = 'servicecatalog:'
DENY_MESSAGE = 'You are not authorized to do this action. You should be authorized by RAM.'
MAX_RULES = 10000

_ACTION_RE = re.compile(r'^[A-Za-z0-9*]{1,128}$')
_KEY_ID_RE = re.compile(r'^[A-Za-z0-9._-]{1,128}$')


def parse_action(value: Any) -> str:
    """An action pattern (``GetTask``, ``servicecatalog:GetTask``, ``List*``, ``*``) without its product prefix; ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(f'an action is a string such as ListTasks, servicecatalog:GetTask, List* or *; got {value!r:.60}')
    name = value.strip()
    if name.lower().startswith(ACTION_PREFIX):
        name = name[len(ACTION_PREFIX):]
    if not _ACTION_RE.match(name):
        raise ValueError(f'{value[:60]!r} is not an action (letters and digits, optionally servicecatalog: first, * as a wildcard)')
    return name


def parse_actions(value: Any) -> tuple[str, ...]:
    """A non-empty list of actions (or one comma-separated string), de-duplicated in order; ValueError otherwise."""
    items = value.split(',') if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise ValueError('actions is a list of action names (or a comma-separated string), e.g. ["ListTasks", "GetTask"] or ["*"]')
    names: list[str] = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        name = parse_action(item)
        if name.lower() not in (n.lower() for n in names):
            names.append(name)
    if not names:
        raise ValueError('actions must name at least one action (["*"] denies every Service Catalog action)')
    return tuple(names)


def parse_key_id(value: Any) -> str:
    """An access key ID (1-128 of A-Z a-z 0-9 . _ -); ValueError otherwise."""
    if not isinstance(value, str) or not _KEY_ID_RE.match(value):
        raise ValueError(f'access_key_id is an access key ID (1-128 of A-Z a-z 0-9 . _ -); got {value!r:.60}')
    return value


def parse_spec(spec: str) -> tuple[str, tuple[str, ...]]:
    """``KEYID:ACTION[,ACTION...]`` (serve.py ``--deny``); ValueError otherwise."""
    key_id, sep, actions = spec.partition(':')
    if not sep:
        raise ValueError('--deny is KEYID:ACTION[,ACTION...], e.g. LTAI5tSCDemoAccessKey01:ListTasks,GetTask or KEYID:*')
    return parse_key_id(key_id.strip()), parse_actions(actions)


def encoded_diagnostic_message(request_id: str, key_id: str, action: str, when: float | None = None) -> str:
    """An opaque base64 blob shaped like RAM's (``AQEAAAAA...``): version bytes, the time, the request ID and a digest."""
    stamp = int(time.time() if when is None else when)
    digest = hashlib.sha256(f'{request_id}|{key_id}|{action}'.encode('utf-8')).digest()[:18]
    return base64.b64encode(b'\x01\x01\x00\x00\x00\x00' + struct.pack('>I', stamp & 0xFFFFFFFF) + request_id.encode('ascii', 'replace')[:36]
                            + digest).decode('ascii')


def access_denied(action: str, caller: Principal, request_id: str, key_id: str, session: str | None = None,
                  role_id: str | None = None) -> ApiError:
    """The 403 NoPermission error of an implicit RAM deny of ``servicecatalog:<action>`` for ``caller``.

    RAM users are ``SubUser`` (display name: the principal ID); roles (an issued STS or metadata key, or a principal of type
    RamRole) are ``AssumedRoleUser`` (display name ``<role ID>:<session>`` for an issued key, else the principal ID).
    """
    if caller.type == 'RamRole' or session:
        principal_type = 'AssumedRoleUser'
        display = f'{role_id or caller.principal_id}:{session}' if session else caller.principal_id
    else:
        principal_type, display = 'SubUser', caller.principal_id
    detail = {'PolicyType': 'AccountLevelIdentityBasedPolicy', 'AuthPrincipalOwnerId': caller.uid,
              'EncodedDiagnosticMessage': encoded_diagnostic_message(request_id, key_id, action), 'AuthPrincipalType': principal_type,
              'AuthPrincipalDisplayName': display, 'NoPermissionType': 'ImplicitDeny', 'AuthAction': f'{ACTION_PREFIX}{action}'}
    return ApiError(403, 'NoPermission', DENY_MESSAGE, {'AccessDeniedDetail': detail})


class DenyRules:
    """Access key ID -> denied action patterns; thread-safe; counts the requests it denied."""

    def __init__(self, rules: Iterable[tuple[str, Iterable[str]]] | Mapping[str, Iterable[str]] = ()):
        self._lock = threading.Lock()
        self._rules: dict[str, tuple[str, ...]] = {}
        self._denied = 0
        pairs = rules.items() if isinstance(rules, Mapping) else rules
        for key_id, actions in pairs:
            self._add(parse_key_id(key_id), parse_actions(list(actions) if not isinstance(actions, str) else actions))

    def _add(self, key_id: str, actions: tuple[str, ...]) -> None:
        merged = list(self._rules.get(key_id, ()))
        for action in actions:
            if action.lower() not in (a.lower() for a in merged):
                merged.append(action)
        if key_id not in self._rules and len(self._rules) >= MAX_RULES:
            raise ValueError(f'at most {MAX_RULES} access keys can have deny rules')
        self._rules[key_id] = tuple(merged)

    def configure(self, body: Mapping[str, Any]) -> dict:
        """``POST /_emulator/deny``: ``{"access_key_id", "actions"}`` adds actions to the key's rule; ``{"clear": true}`` removes every
        rule (with ``access_key_id``: that key's only; with ``actions`` too: replaces that key's rule). ValueError, nothing changed,
        for an unknown key or a bad value."""
        allowed = ('access_key_id', 'actions', 'clear')
        unknown = sorted(set(body) - set(allowed))
        if unknown:
            raise ValueError(f'unknown deny settings: {", ".join(unknown)[:200]} (allowed: {", ".join(allowed)})')
        clear = body.get('clear', False)
        if not isinstance(clear, bool):
            raise ValueError('clear is true or false')
        key_id = parse_key_id(body['access_key_id']) if 'access_key_id' in body else None
        actions = parse_actions(body['actions']) if 'actions' in body else None
        if actions is not None and key_id is None:
            raise ValueError('actions needs access_key_id (the key whose requests are denied)')
        if key_id is not None and actions is None and not clear:
            raise ValueError('access_key_id needs actions (e.g. ["ListTasks", "GetTask"] or ["*"]), or clear: true to remove its rule')
        if not clear and key_id is None:
            raise ValueError('give access_key_id and actions, or clear: true')
        with self._lock:
            if clear:
                if key_id is None:
                    self._rules.clear()
                else:
                    self._rules.pop(key_id, None)
            if key_id is not None and actions is not None:
                self._add(key_id, actions)
        return self.snapshot()

    def matches(self, key_id: str | None, action: str | None) -> bool:
        """True when a rule denies ``action`` to ``key_id`` (and then counts it)."""
        if not key_id or not action:
            return False
        with self._lock:
            patterns = self._rules.get(key_id)
            if not patterns or not any(fnmatch.fnmatchcase(action.lower(), pattern.lower()) for pattern in patterns):
                return False
            self._denied += 1
            return True

    def snapshot(self) -> dict:
        """``GET /_emulator/deny``: ``{"rules": [{"access_key_id", "actions"}], "denied": N}`` (rules sorted by key ID)."""
        with self._lock:
            return {'rules': [{'access_key_id': key_id, 'actions': list(actions)} for key_id, actions in sorted(self._rules.items())],
                    'denied': self._denied}
