"""The operations: parameter validation and the response documents of the six read operations."""
from __future__ import annotations

import re
from typing import Callable, Mapping

from .errors import ApiError, invalid_parameter, missing_parameter, not_found
from .model import (INSTANCE_GET_FIELDS, INSTANCE_LIST_FIELDS, PLAN_GET_FIELDS, PLAN_LIST_FIELDS, PLAN_STATUSES, TASK_GET_FIELDS,
                    TASK_LIST_FIELDS, Principal, project)
from .mutate import ListingMutator
from .store import Store

PAGE_SIZE_MAX = 100
_INT_RE = re.compile(r'^\s*\+?\d+\s*$')
_FILTER_RE = re.compile(r'^Filters\.(\d+)\.(Key|Value)$')
_APPROVER_RE = re.compile(r'^(RamUser|RamRole):(.+)$')

INSTANCE_FILTER_KEYS = ('ProvisionedProductName', 'FullTextSearch')
PLAN_FILTER_KEYS = ('ProvisionedProductPlanName', 'ProvisionedProductPlanApprover', 'ProvisionedProductPlanApproverName',
                    'ProvisionedProductPlanStatus', 'ProvisionedProductPlanOwnerUid', 'FullTextSearch')
# Keys documented as taking several values: one Value may list them comma-separated (repeating the key works for every key).
PLAN_MULTI_VALUE_KEYS = frozenset(['ProvisionedProductPlanApprover', 'ProvisionedProductPlanApproverName', 'ProvisionedProductPlanStatus'])
ACCESS_LEVELS_INSTANCES = ('User', 'Account')
ACCESS_LEVELS_PLANS = ('User', 'Account', 'ResourceDirectory')
APPROVAL_FILTERS = ('ReceivedRequests', 'ApprovalHistory', 'AccountRequests')


def _value(params: Mapping[str, str], name: str) -> str | None:
    """A parameter's value; an empty value counts as absent."""
    value = params.get(name)
    return value if value not in (None, '') else None


def required(params: Mapping[str, str], name: str) -> str:
    value = _value(params, name)
    if value is None or not value.strip():
        raise missing_parameter(name)
    return value


def integer(params: Mapping[str, str], name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    raw = _value(params, name)
    if raw is None:
        return default
    value = int(raw) if _INT_RE.match(raw) else None
    if value is None or value < minimum or (maximum is not None and value > maximum):
        allowed = f'an integer from {minimum} to {maximum}' if maximum is not None else f'an integer greater than or equal to {minimum}'
        raise invalid_parameter(f'The parameter {name} must be {allowed}; got {raw[:40]!r}.')
    return value


def choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str | None, code: str = 'InvalidParameter') -> str | None:
    value = _value(params, name)
    if value is None:
        return default
    if value not in allowed:
        raise invalid_parameter(f'The parameter {name} must be one of {", ".join(allowed)}; got {value[:40]!r}.', code)
    return value


def paging(params: Mapping[str, str]) -> tuple[bool, int, int]:
    """(descending, PageNumber, PageSize) after validating SortBy, SortOrder, PageNumber and PageSize."""
    choice(params, 'SortBy', ('CreateTime',), 'CreateTime')
    descending = choice(params, 'SortOrder', ('Asc', 'Desc'), 'Desc') == 'Desc'
    return descending, integer(params, 'PageNumber', 1, 1), integer(params, 'PageSize', 10, 1, PAGE_SIZE_MAX)


def filters(params: Mapping[str, str], allowed: tuple[str, ...], multi: frozenset = frozenset()) -> dict[str, list[str]]:
    """``Filters.N.Key`` / ``Filters.N.Value`` pairs grouped by key (values of a repeated key are ORed)."""
    entries: dict[int, dict[str, str]] = {}
    for name, value in params.items():
        if name == 'Filters' or name.startswith('Filters.'):
            match = _FILTER_RE.match(name)
            if not match or int(match.group(1)) < 1:
                raise invalid_parameter(f'The parameter {name[:60]} is not valid: filters are Filters.N.Key and Filters.N.Value, N from 1.')
            entries.setdefault(int(match.group(1)), {})[match.group(2)] = value
    result: dict[str, list[str]] = {}
    for number in sorted(entries):
        key, value = entries[number].get('Key'), entries[number].get('Value')
        if not key:
            raise invalid_parameter(f'The parameter Filters.{number}.Key is required when Filters.{number}.Value is given.')
        if key not in allowed:
            raise invalid_parameter(f'The parameter Filters.{number}.Key must be one of {", ".join(allowed)}; got {key[:60]!r}.')
        if value is None or not value.strip():
            raise invalid_parameter(f'The parameter Filters.{number}.Value must not be empty.')
        values = [part.strip() for part in value.split(',') if part.strip()] if key in multi else [value]
        result.setdefault(key, []).extend(values)
    return result


class Api:
    """Dispatches an action to its handler; handlers return the response document (RequestId included)."""

    def __init__(self, store: Store, mutator: ListingMutator | None = None):
        self.store = store
        self.mutator = mutator  # a ListingMutator (--mutate-during-listing), told of each valid ListProvisionedProducts page
        self.handlers: dict[str, Callable[[Mapping[str, str], Principal, str], dict]] = {
            'ListTasks': self.list_tasks,
            'GetTask': self.get_task,
            'ListProvisionedProducts': self.list_provisioned_products,
            'GetProvisionedProduct': self.get_provisioned_product,
            'ListProvisionedProductPlans': self.list_provisioned_product_plans,
            'GetProvisionedProductPlan': self.get_provisioned_product_plan,
        }

    def call(self, action: str, params: Mapping[str, str], caller: Principal, request_id: str) -> dict:
        handler = self.handlers.get(action)
        if handler is None:
            raise ApiError(404, 'InvalidAction.NotFound', f'Specified api is not found, please check your url and method: {action[:80]}')
        return handler(params, caller, request_id)

    def list_tasks(self, params, caller, request_id) -> dict:
        pp_id = required(params, 'ProvisionedProductId')
        descending, page, size = paging(params)
        result = self.store.list_tasks(pp_id, descending, page, size)
        if result is None:
            raise not_found('ProvisionedProduct', pp_id)
        total, tasks = result
        return self._page('TaskDetails', tasks, TASK_LIST_FIELDS, total, page, size, request_id)

    @staticmethod
    def _fetch(params, id_param, thing, lookup):
        """The item named by the required ``id_param``, or the 404 EntityNotExist.<thing> error."""
        item_id = required(params, id_param)
        item = lookup(item_id)
        if item is None:
            raise not_found(thing, item_id)
        return item

    @staticmethod
    def _page(key, items, fields, total, page, size, request_id):
        """The envelope every listing answers with."""
        return {key: [project(item, fields) for item in items], 'RequestId': request_id, 'TotalCount': total,
                'PageNumber': page, 'PageSize': size}

    def get_task(self, params, caller, request_id) -> dict:
        task = self._fetch(params, 'TaskId', 'Task', self.store.get_task)
        return {'RequestId': request_id, 'TaskDetail': project(task, TASK_GET_FIELDS)}

    def list_provisioned_products(self, params, caller, request_id) -> dict:
        scope = choice(params, 'AccessLevelFilter', ACCESS_LEVELS_INSTANCES, 'User', 'InvalidParameter.AccessLevelFilter')
        wanted = filters(params, INSTANCE_FILTER_KEYS)
        descending, page, size = paging(params)
        if self.mutator is not None:
            self.mutator.on_instance_page(page)
        total, items = self.store.list_instances(caller, scope, wanted.get('ProvisionedProductName', []), wanted.get('FullTextSearch', []),
                                                 descending, page, size)
        return self._page('ProvisionedProductDetails', items, INSTANCE_LIST_FIELDS, total, page, size, request_id)

    def get_provisioned_product(self, params, caller, request_id) -> dict:
        item = self._fetch(params, 'ProvisionedProductId', 'ProvisionedProduct', self.store.get_instance)
        return {'RequestId': request_id, 'ProvisionedProductDetail': project(item, INSTANCE_GET_FIELDS)}

    def list_provisioned_product_plans(self, params, caller, request_id) -> dict:
        scope = choice(params, 'AccessLevelFilter', ACCESS_LEVELS_PLANS, 'User', 'InvalidParameter.AccessLevelFilter')
        approval = choice(params, 'ApprovalFilter', APPROVAL_FILTERS, None, 'InvalidParameter.ApprovalFilter')
        wanted = filters(params, PLAN_FILTER_KEYS, PLAN_MULTI_VALUE_KEYS)
        for status in wanted.get('ProvisionedProductPlanStatus', []):
            if status not in PLAN_STATUSES:
                raise invalid_parameter(f'The filter ProvisionedProductPlanStatus takes values among {", ".join(PLAN_STATUSES)}; got {status[:60]!r}.')
        for approver in wanted.get('ProvisionedProductPlanApprover', []):
            if not _APPROVER_RE.match(approver):
                raise invalid_parameter(f'The filter ProvisionedProductPlanApprover takes RamUser:<name> or RamRole:<name>; got {approver[:60]!r}.')
        descending, page, size = paging(params)
        total, plans = self.store.list_plans(caller, scope, approval, _value(params, 'ProvisionedProductId'), wanted, descending, page, size)
        # The seed's example puts RequestId first for plans.
        return {'RequestId': request_id, **self._page('PlanDetails', plans, PLAN_LIST_FIELDS, total, page, size, request_id)}

    def get_provisioned_product_plan(self, params, caller, request_id) -> dict:
        result = self._fetch(params, 'PlanId', 'ProvisionedProductPlan', self.store.get_plan)
        return {'RequestId': request_id, 'PlanDetail': project(result['PlanDetail'], PLAN_GET_FIELDS), 'ProductDetail': result['ProductDetail'],
                'ProductVersionDetail': result['ProductVersionDetail'], 'ResourceChanges': result['ResourceChanges']}
