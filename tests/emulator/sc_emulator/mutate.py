"""Data that changes while a client pages through a listing (``--mutate-during-listing``).

Each ``ListProvisionedProducts`` request with ``PageNumber >= 2`` (parameters valid) first inserts ``per_page`` new
provisioned products owned by demo-user, created now, each with a successful LaunchProduct task. They are seeded through
``Store.seed``, so they are complete objects, a reset drops them, and they land at the front of the default
(descending CreateTime) order: items shift across page boundaries and TotalCount grows between pages.
"""
from __future__ import annotations

import threading
from typing import Any, Mapping

from .model import DEMO_PRINCIPAL_ID, iso, stable_uuid
from .store import Store

MAX_PER_PAGE = 1000
ID_PREFIX = 'pp-bp1mu'  # + 9 digits: IDs grow with the serial, so arrivals within one second keep their order (ties sort by ID)


def check_per_page(value: Any) -> int:
    """How many arrivals per request: 1..1000; ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PER_PAGE:
        raise ValueError(f'per_page is an integer from 1 to {MAX_PER_PAGE}; got {value!r:.40}')
    return value


class ListingMutator:
    """Inserts provisioned products while listings run; thread-safe (the store has its own lock)."""

    def __init__(self, store: Store, enabled: bool = False, per_page: int = 1):
        self.store = store
        self._lock = threading.Lock()
        self.enabled = bool(enabled)
        self.per_page = check_per_page(per_page)
        self._serial = 0  # never reset: an ID is never reused, even after the store was reset
        self._inserted = 0

    def configure(self, settings: Mapping[str, Any]) -> dict:
        """Apply ``{"enabled": bool, "per_page": N}`` (any subset); ValueError (nothing changed) for an unknown key or a bad value."""
        unknown = sorted(set(settings) - {'enabled', 'per_page'})
        if unknown:
            raise ValueError(f'unknown mutate settings: {", ".join(unknown)[:200]} (allowed: enabled, per_page)')
        if 'enabled' in settings and not isinstance(settings['enabled'], bool):
            raise ValueError('enabled is true or false')
        per_page = check_per_page(settings['per_page']) if 'per_page' in settings else None
        with self._lock:
            self.enabled = settings.get('enabled', self.enabled)
            self.per_page = self.per_page if per_page is None else per_page
        return self.snapshot()

    def snapshot(self) -> dict:
        """``{"enabled", "per_page", "inserted"}`` (inserted: since the start of the emulator)."""
        with self._lock:
            return {'enabled': self.enabled, 'per_page': self.per_page, 'inserted': self._inserted}

    def on_instance_page(self, page: int) -> int:
        """Called by ListProvisionedProducts once its parameters are valid; inserts arrivals for page 2 on. Returns how many."""
        with self._lock:
            if not self.enabled or page < 2:
                return 0
            first = self._serial + 1
            self._serial += self.per_page
            self._inserted += self.per_page
            count = self.per_page
        self.store.seed(self._arrivals(first, count))
        return count

    def _arrivals(self, first: int, count: int) -> dict:
        now = iso(self.store.clock())
        product = self.store.sample_product()
        versions = product.get('Versions') or [{'ProductVersionId': 'pv-bp1arrival0001', 'ProductVersionName': '1.0'}]
        version = versions[-1]
        instances, tasks = [], []
        for serial in range(first, first + count):
            pp_id = f'{ID_PREFIX}{serial:09d}'
            instances.append({'ProvisionedProductId': pp_id, 'ProvisionedProductName': f'arrival-{serial:06d}', 'ProductId': product['ProductId'],
                              'ProductName': product['ProductName'], 'ProductVersionId': version['ProductVersionId'],
                              'ProductVersionName': version.get('ProductVersionName', ''), 'PortfolioId': 'port-bp1arrival0001',
                              'OwnerPrincipalId': DEMO_PRINCIPAL_ID, 'CreateTime': now})
            tasks.append({'TaskId': f'task-bp1mu{serial:09d}', 'ProvisionedProductId': pp_id, 'TaskType': 'LaunchProduct', 'Status': 'Succeeded',
                          'ProductVersionId': version['ProductVersionId'], 'ProductVersionName': version.get('ProductVersionName', ''),
                          'Parameters': [{'ParameterKey': 'name', 'ParameterValue': f'arrival-{serial:06d}'}],
                          'Outputs': [{'OutputKey': 'resource_id', 'OutputValue': stable_uuid('arrival', serial), 'Description': 'The resource ID.'}],
                          'TaskTags': [{'Key': 'source', 'Value': 'mutate-during-listing'}], 'CreateTime': now, 'UpdateTime': now})
        return {'provisioned_products': instances, 'tasks': tasks}
