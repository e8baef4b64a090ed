"""Fault injection: a reproducible share of API requests fails (500, 503, throttling), loses its connection or is slowed down.

For each API request (Service Catalog or STS; never a control endpoint nor the metadata service) the injector draws,
under a lock, ``r = rng.random()`` from ``random.Random(seed)``; when ``r < rate`` it draws the kind with
``rng.choice(kinds)``, ``kinds`` being the enabled kinds in the order of ``FAULT_KINDS``. Nothing is drawn while the rate
is 0. So a run is reproducible for a given seed and request order.
"""
from __future__ import annotations

import random
import threading
from typing import Any, Iterable, Mapping

FAULT_KINDS = ('internal', 'unavailable', 'throttling', 'close', 'slow')
DEFAULT_SLOW_SECONDS = 3.0
DEFAULT_RETRY_AFTER_MS = 200
MAX_SLOW_SECONDS = 600.0

# kind -> (HTTP status, error code, message) of the error answers
FAULT_ERRORS = {
    'internal': (500, 'InternalError', 'A system error occurred.'),
    'unavailable': (503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'),
    'throttling': (400, 'Throttling.User', 'Request was denied due to user flow control.'),
}


def parse_kinds(value: str | Iterable[str]) -> tuple[str, ...]:
    """Fault kinds from ``'internal,close'`` or a list, in canonical order; ValueError for an unknown or empty selection."""
    items = value.split(',') if isinstance(value, str) else list(value)
    names = set()
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f'fault kinds are strings among {", ".join(FAULT_KINDS)}')
        name = item.strip()
        if name:
            if name not in FAULT_KINDS:
                raise ValueError(f'unknown fault kind {name[:40]!r} (allowed: {", ".join(FAULT_KINDS)})')
            names.add(name)
    if not names:
        raise ValueError(f'at least one fault kind is needed (allowed: {", ".join(FAULT_KINDS)})')
    return tuple(kind for kind in FAULT_KINDS if kind in names)


def check_rate(value: Any) -> float:
    """A probability 0..1; ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise ValueError(f'the fault rate is a number from 0 to 1; got {value!r:.40}')
    return float(value)


def check_seed(value: Any) -> int:
    """An integer seed; ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f'the fault seed is an integer; got {value!r:.40}')
    return value


def check_slow_seconds(value: Any) -> float:
    """A delay of 0..600 seconds; ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= MAX_SLOW_SECONDS:
        raise ValueError(f'slow_seconds is a number from 0 to {MAX_SLOW_SECONDS:g}; got {value!r:.40}')
    return float(value)


def check_retry_after(value: Any) -> int:
    """A positive number of milliseconds (the x-acs-retry-after header of throttling answers); ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3_600_000:
        raise ValueError(f'retry_after_ms is an integer from 1 to 3600000; got {value!r:.40}')
    return value


class FaultInjector:
    """The fault settings, the random generator and per-kind counters; thread-safe."""

    def __init__(self, rate: float = 0.0, seed: int = 0, kinds: str | Iterable[str] = FAULT_KINDS, slow_seconds: float = DEFAULT_SLOW_SECONDS,
                 retry_after_ms: int = DEFAULT_RETRY_AFTER_MS):
        self._lock = threading.Lock()
        self.rate = check_rate(rate)
        self.seed = check_seed(seed)
        self.kinds = parse_kinds(kinds)
        self.slow_seconds = check_slow_seconds(slow_seconds)
        self.retry_after_ms = check_retry_after(retry_after_ms)
        self._restart()

    def _restart(self) -> None:
        self._random = random.Random(self.seed)
        self._requests = 0
        self._counts = dict.fromkeys(FAULT_KINDS, 0)

    def draw(self) -> str | None:
        """The fault for the next API request (None: no fault)."""
        with self._lock:
            self._requests += 1
            if self.rate <= 0.0 or self._random.random() >= self.rate:
                return None
            kind = self._random.choice(self.kinds)
            self._counts[kind] += 1
            return kind

    def configure(self, settings: Mapping[str, Any]) -> dict:
        """Apply ``{"rate", "seed", "kinds", "slow_seconds", "retry_after_ms"}`` (any subset), then restart the generator
        from the seed and zero the counters. ValueError (nothing changed) for an unknown key or a bad value."""
        allowed = ('rate', 'seed', 'kinds', 'slow_seconds', 'retry_after_ms')
        unknown = sorted(set(settings) - set(allowed))
        if unknown:
            raise ValueError(f'unknown fault settings: {", ".join(unknown)[:200]} (allowed: {", ".join(allowed)})')
        rate = check_rate(settings['rate']) if 'rate' in settings else None
        seed = check_seed(settings['seed']) if 'seed' in settings else None
        if 'kinds' in settings and not isinstance(settings['kinds'], (list, str)):
            raise ValueError('kinds is a list of fault kinds (or a comma-separated string)')
        kinds = parse_kinds(settings['kinds']) if 'kinds' in settings else None
        slow = check_slow_seconds(settings['slow_seconds']) if 'slow_seconds' in settings else None
        retry_after = check_retry_after(settings['retry_after_ms']) if 'retry_after_ms' in settings else None
        with self._lock:
            self.rate = self.rate if rate is None else rate
            self.seed = self.seed if seed is None else seed
            self.kinds = self.kinds if kinds is None else kinds
            self.slow_seconds = self.slow_seconds if slow is None else slow
            self.retry_after_ms = self.retry_after_ms if retry_after is None else retry_after
            self._restart()
        return self.snapshot()

    def snapshot(self) -> dict:
        """Settings and counters, as ``GET /_emulator/faults`` shows them."""
        with self._lock:
            return {'rate': self.rate, 'seed': self.seed, 'kinds': list(self.kinds), 'slow_seconds': self.slow_seconds,
                    'retry_after_ms': self.retry_after_ms, 'requests': self._requests, 'faults': sum(self._counts.values()),
                    'counts': dict(self._counts)}


AFTER_KINDS = ('close', 'internal', 'unavailable')  # what a dropped answer becomes: no answer, 500 InternalError, 503 ServiceUnavailable


class AnswerDrops:
    """Answers lost AFTER the request was executed (``/_emulator/drop``): the write happened, the client never learns it.

    Rules are queued per action (``*``: any API action); each successful (HTTP 200) call of a matching action takes
    one from its rule: the server executes the call, then closes the connection without answering (``close``) or
    answers 500 / 503 instead (``internal`` / ``unavailable``). Deterministic, unlike the random faults, which strike
    before verification and change nothing.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._rules: list[dict] = []
        self._dropped = 0

    def configure(self, settings: Mapping[str, Any]) -> dict:
        """``{"action": "LaunchProduct", "count": 1, "kind": "close"}`` queues a rule (count and kind optional);
        ``{"clear": true}`` empties the queue first. ValueError (nothing changed) for an unknown key or a bad value."""
        allowed = ('action', 'count', 'kind', 'clear')
        unknown = sorted(set(settings) - set(allowed))
        if unknown:
            raise ValueError(f'unknown drop settings: {", ".join(unknown)[:200]} (allowed: {", ".join(allowed)})')
        clear = settings.get('clear', False)
        if not isinstance(clear, bool):
            raise ValueError('clear is true or false')
        rule = None
        if 'action' in settings:
            action, count, kind = settings['action'], settings.get('count', 1), settings.get('kind', 'close')
            if not isinstance(action, str) or not action.strip():
                raise ValueError('action is an API action name (or "*")')
            if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1000:
                raise ValueError(f'count is an integer from 1 to 1000; got {count!r:.40}')
            if kind not in AFTER_KINDS:
                raise ValueError(f'kind is one of {", ".join(AFTER_KINDS)}; got {kind!r:.40}')
            rule = {'action': action.strip(), 'count': count, 'kind': kind}
        elif not clear:
            raise ValueError('give an action to drop answers of, or clear')
        with self._lock:
            if clear:
                self._rules.clear()
            if rule:
                self._rules.append(rule)
        return self.snapshot()

    def take(self, action: str | None) -> str | None:
        """The kind of drop for this executed call (None: answer normally); uses up one count of the first matching rule."""
        with self._lock:
            for rule in self._rules:
                if rule['action'] == '*' or rule['action'] == action:
                    rule['count'] -= 1
                    if rule['count'] == 0:
                        self._rules.remove(rule)
                    self._dropped += 1
                    return rule['kind']
            return None

    def snapshot(self) -> dict:
        with self._lock:
            return {'rules': [dict(rule) for rule in self._rules], 'dropped': self._dropped}
