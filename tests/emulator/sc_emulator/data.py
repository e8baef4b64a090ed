"""Datasets: the JSON format (--data, /_emulator/seed, the demo file), its validation and its defaults."""
from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .catalog_data import CatalogParser
from .model import (DEFAULT_ACCOUNT_UID, DEMO_PRINCIPAL_ID, INSTANCE_STATUSES, PLAN_STATUSES, PRINCIPAL_TYPES, REGION_ID, TASK_STATUSES,
                    TASK_TYPES, Principal, iso, stable_uuid)

DEMO_DATA_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'data', 'demo.json')
DATASET_KEYS = ('provisioned_products', 'tasks', 'plans', 'products', 'principals', 'portfolios', 'constraints', 'tag_options')
_TIME_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$')


class DataError(ValueError):
    """A dataset that cannot be loaded; the message names the item and the field."""


@dataclass
class Dataset:
    """A validated dataset with defaults filled in (items are fresh dicts the store may keep)."""

    provisioned_products: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    plans: list[dict] = field(default_factory=list)
    products: list[dict] = field(default_factory=list)
    principals: list[Principal] = field(default_factory=list)
    portfolios: list[dict] = field(default_factory=list)
    constraints: list[dict] = field(default_factory=list)
    tag_options: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many items of each kind."""
        return {'provisioned_products': len(self.provisioned_products), 'tasks': len(self.tasks), 'plans': len(self.plans),
                'products': len(self.products), 'principals': len(self.principals), 'portfolios': len(self.portfolios),
                'constraints': len(self.constraints), 'tag_options': len(self.tag_options)}


def load_json_file(path: str) -> dict:
    """Read a dataset file; DataError if it is not a JSON object."""
    try:
        with open(path, encoding='utf-8') as handle:
            raw = json.load(handle)
    except (OSError, ValueError) as exc:
        raise DataError(f'{path}: {exc}') from None
    if not isinstance(raw, dict):
        raise DataError(f'{path}: a dataset is a JSON object')
    return raw


def load_demo() -> dict:
    """The built-in demo dataset (raw JSON)."""
    return load_json_file(DEMO_DATA_PATH)


def parse_dataset(raw: Any, lookup_principal: Callable[[str], Principal | None], loaded_at: float) -> Dataset:
    """Validate a raw dataset and fill defaults; ``lookup_principal`` resolves owner IDs already known to the store."""
    if not isinstance(raw, Mapping):
        raise DataError('a dataset is a JSON object')
    unknown = sorted(set(raw) - set(DATASET_KEYS))
    if unknown:
        raise DataError(f'unknown dataset keys: {", ".join(unknown)} (allowed: {", ".join(DATASET_KEYS)})')
    raw = copy.deepcopy(dict(raw))
    dataset = Dataset(principals=_parse_principals({} if raw.get('principals') is None else raw['principals']))
    local = {p.principal_id: p for p in dataset.principals}

    def principal(principal_id: str) -> Principal | None:
        return local.get(principal_id) or lookup_principal(principal_id)

    catalog = CatalogParser(DataError, _text, _enum, _times, loaded_at)
    dataset.products = [catalog.product(item, f'products[{n}]') for n, item in enumerate(_items(raw, 'products'))]
    dataset.portfolios = [catalog.portfolio(item, f'portfolios[{n}]') for n, item in enumerate(_items(raw, 'portfolios'))]
    dataset.constraints = [catalog.constraint(item, f'constraints[{n}]') for n, item in enumerate(_items(raw, 'constraints'))]
    dataset.tag_options = [catalog.tag_option(item, f'tag_options[{n}]') for n, item in enumerate(_items(raw, 'tag_options'))]
    dataset.provisioned_products = [_instance(item, f'provisioned_products[{n}]', principal, loaded_at)
                                    for n, item in enumerate(_items(raw, 'provisioned_products'))]
    dataset.tasks = [_task(item, f'tasks[{n}]', loaded_at) for n, item in enumerate(_items(raw, 'tasks'))]
    dataset.plans = [_plan(item, f'plans[{n}]', principal, loaded_at) for n, item in enumerate(_items(raw, 'plans'))]
    return dataset


def _items(raw: Mapping, key: str) -> list[dict]:
    items = raw.get(key)
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise DataError(f'{key}: a list of JSON objects is expected')
    return items


def _parse_principals(raw: Any) -> list[Principal]:
    if not isinstance(raw, Mapping):
        raise DataError('principals: an object {PrincipalId: {PrincipalName, PrincipalType, Uid, AccessKeyIds}} is expected')
    result = []
    for principal_id, item in raw.items():
        where = f'principals[{principal_id}]'
        if not isinstance(item, Mapping):
            raise DataError(f'{where}: an object is expected')
        name = _text(item, 'PrincipalName', where, required=True)
        ptype = item.get('PrincipalType', 'RamUser')
        _enum(ptype, PRINCIPAL_TYPES, f'{where}.PrincipalType')
        keys = item.get('AccessKeyIds', [])
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            raise DataError(f'{where}.AccessKeyIds: a list of strings is expected')
        result.append(Principal(str(principal_id), name, ptype, str(item.get('Uid', DEFAULT_ACCOUNT_UID)), tuple(keys)))
    return result


def _text(item: Mapping, name: str, where: str, required: bool = False) -> str:
    value = item.get(name)
    if value is None and not required:
        return ''
    if not isinstance(value, str) or (required and not value):
        raise DataError(f'{where}.{name}: a non-empty string is required' if required else f'{where}.{name}: a string is expected')
    return value


def _enum(value: Any, allowed: tuple[str, ...], where: str) -> None:
    if value not in allowed:
        raise DataError(f'{where}: {value!r} is not one of {", ".join(allowed)}')


def _times(item: dict, where: str, names: tuple[str, ...]) -> None:
    for name in names:
        if name in item and (not isinstance(item[name], str) or not _TIME_RE.match(item[name])):
            raise DataError(f'{where}.{name}: a UTC time YYYY-MM-DDThh:mm:ssZ is expected')


def _pairs(item: dict, name: str, where: str, keys: tuple[str, str]) -> None:
    value = item.setdefault(name, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) and keys[0] in entry for entry in value):
        raise DataError(f'{where}.{name}: a list of objects with {keys[0]} is expected')
    for entry in value:
        entry[keys[0]] = str(entry[keys[0]])
        entry[keys[1]] = '' if entry.get(keys[1]) is None else str(entry[keys[1]])


def _instance(item: dict, where: str, principal, loaded_at: float) -> dict:
    pp_id = _text(item, 'ProvisionedProductId', where, required=True)
    owner_id = str(item.setdefault('OwnerPrincipalId', DEMO_PRINCIPAL_ID))
    owner = principal(owner_id)
    uid = owner.uid if owner else DEFAULT_ACCOUNT_UID
    item.setdefault('OwnerPrincipalType', owner.type if owner else 'RamUser')
    _enum(item['OwnerPrincipalType'], PRINCIPAL_TYPES, f'{where}.OwnerPrincipalType')
    for name in ('ProductId', 'ProductName', 'ProductVersionId', 'ProductVersionName', 'PortfolioId', 'LastTaskId',
                 'LastProvisioningTaskId', 'LastSuccessfulProvisioningTaskId'):
        item[name] = _text(item, name, where)
    item.setdefault('ProvisionedProductName', pp_id)
    item.setdefault('ProvisionedProductArn', f'acs:servicecatalog:{REGION_ID}:{uid}:provisionedproduct/{pp_id}')
    item.setdefault('Status', 'Available')
    _enum(item['Status'], INSTANCE_STATUSES, f'{where}.Status')
    item.setdefault('CreateTime', iso(loaded_at))
    item.setdefault('StackId', stable_uuid('stack', pp_id))
    item.setdefault('StackRegionId', REGION_ID)
    item.setdefault('ProvisionedProductType', 'RosStack')
    _times(item, where, ('CreateTime',))
    item['_Uid'] = uid
    return item


def _task(item: dict, where: str, loaded_at: float) -> dict:
    _text(item, 'TaskId', where, required=True)
    _text(item, 'ProvisionedProductId', where, required=True)
    item.setdefault('TaskType', 'LaunchProduct')
    _enum(item['TaskType'], TASK_TYPES, f'{where}.TaskType')
    item.setdefault('Status', 'Succeeded')
    _enum(item['Status'], TASK_STATUSES, f'{where}.Status')
    _pairs(item, 'Parameters', where, ('ParameterKey', 'ParameterValue'))
    _pairs(item, 'Outputs', where, ('OutputKey', 'OutputValue'))
    for output in item['Outputs']:
        output['Description'] = '' if output.get('Description') is None else str(output['Description'])
    _pairs(item, 'TaskTags', where, ('Key', 'Value'))
    log = item.setdefault('Log', {'TerraformLogs': []})
    if not isinstance(log, dict) or not isinstance(log.setdefault('TerraformLogs', []), list):
        raise DataError(f'{where}.Log: an object with a TerraformLogs list is expected')
    item.setdefault('CreateTime', iso(loaded_at))
    item.setdefault('UpdateTime', item['CreateTime'])
    _times(item, where, ('CreateTime', 'UpdateTime'))
    if '_SettleAfterSeconds' in item:
        after = item['_SettleAfterSeconds']
        if not isinstance(after, (int, float)) or isinstance(after, bool) or after < 0:
            raise DataError(f'{where}._SettleAfterSeconds: a number >= 0 is expected')
        item.setdefault('_SettleStatus', 'Succeeded')
        _enum(item['_SettleStatus'], ('Succeeded', 'Failed'), f'{where}._SettleStatus')
        item['_LoadedAt'] = loaded_at
    return item


def _plan(item: dict, where: str, principal, loaded_at: float) -> dict:
    plan_id = _text(item, 'PlanId', where, required=True)
    owner_id = str(item.setdefault('OwnerPrincipalId', DEMO_PRINCIPAL_ID))
    owner = principal(owner_id)
    item.setdefault('OwnerPrincipalType', owner.type if owner else 'RamUser')
    _enum(item['OwnerPrincipalType'], PRINCIPAL_TYPES, f'{where}.OwnerPrincipalType')
    item.setdefault('OwnerPrincipalName', owner.name if owner else '')
    item.setdefault('Uid', owner.uid if owner else DEFAULT_ACCOUNT_UID)
    item.setdefault('PlanName', plan_id)
    item.setdefault('PlanType', 'Ros')
    item.setdefault('Status', 'PreviewSuccess')
    _enum(item['Status'], PLAN_STATUSES, f'{where}.Status')
    item.setdefault('OperationType', 'LaunchProduct')
    _enum(item['OperationType'], TASK_TYPES, f'{where}.OperationType')
    item.setdefault('Description', '')
    _pairs(item, 'Parameters', where, ('ParameterKey', 'ParameterValue'))
    _pairs(item, 'Tags', where, ('Key', 'Value'))
    approvers = item.setdefault('AssignedApprovers', [])
    if not isinstance(approvers, list) or not all(isinstance(a, dict) and a.get('PrincipalName') for a in approvers):
        raise DataError(f'{where}.AssignedApprovers: a list of objects with PrincipalName is expected')
    for approver in approvers:
        approver.setdefault('PrincipalType', 'RamUser')
        _enum(approver['PrincipalType'], PRINCIPAL_TYPES, f'{where}.AssignedApprovers[].PrincipalType')
    item.setdefault('StackId', stable_uuid('plan-stack', plan_id))
    item.setdefault('StackRegionId', REGION_ID)
    item.setdefault('CreateTime', iso(loaded_at))
    item.setdefault('UpdateTime', item['CreateTime'])
    _times(item, where, ('CreateTime', 'UpdateTime'))
    for name in ('ProvisionedProductId', 'ProvisionedProductName', 'PortfolioId', 'ProductId', 'ProductVersionId', 'ProductName'):
        if name in item:
            item[name] = _text(item, name, where)
    if 'ResourceChanges' in item and not isinstance(item['ResourceChanges'], list):
        raise DataError(f'{where}.ResourceChanges: a list is expected')
    if 'ApprovalDetail' in item and not isinstance(item['ApprovalDetail'], dict):
        raise DataError(f'{where}.ApprovalDetail: an object is expected')
    return item
