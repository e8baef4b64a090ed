"""The emulator's state: explicit items (demo, --data, seeds), generated items, indexes and derived views.

Listing works on small per-item rows kept in CreateTime order (with per-owner, per-account and other
indexes), so a page is a slice; filters scan rows, never documents. Documents are built only for the
items of the page. Instance state (status, last task IDs, version) is derived from the instance's
tasks at read time, which is what makes settle-after timers work.
"""
from __future__ import annotations

import bisect
import threading
import time
from collections import OrderedDict, namedtuple
from typing import Callable, Iterable, Mapping

from .catalog import Catalog
from .data import Dataset, parse_dataset
from .generate import Generator
from .catalog_writes import CatalogWrites
from .provision import Provisioning
from .model import (APPROVAL_HISTORY_STATUSES, DEFAULT_ACCOUNT_UID, DEFAULT_PRINCIPALS, DEMO_PRINCIPAL_ID, PLAN_FAILED_STATUSES, PRODUCT_DETAIL_FIELDS,
                    REGION_ID, SUBMITTED_STATUSES, VERSION_DETAIL_FIELDS, Principal, default_approval_detail, derive_instance_state, epoch, iso, project)

InstanceRow = namedtuple('InstanceRow', 'key owner uid name search')
PlanRow = namedtuple('PlanRow', 'key owner uid pp name status approvers approver_names search')

DEFAULT_PROVISION_SECONDS = 2.0  # how long a write's asynchronous work takes (serve.py --provision-seconds)
_INSTANCE_DEFAULTS_FOR_TASKS = ('PortfolioId', 'ProductId', 'ProductName', 'ProductVersionId', 'ProductVersionName', 'ProvisionedProductName')
_INSTANCE_DEFAULTS_FOR_PLANS = ('PortfolioId', 'ProductId', 'ProductVersionId', 'ProductName', 'ProvisionedProductName')


def _group(order: list[str], rows: Mapping, keys_of: Callable) -> dict[str, list[str]]:
    """ID lists per index key, each in ``order``."""
    groups: dict = {}
    for item_id in order:
        for key in keys_of(rows[item_id]):
            groups.setdefault(key, []).append(item_id)
    return groups


class _Indexes:
    """Sorted ID lists over a row table, rebuilt after a change; plus, built on first use, a text blob for substring search."""

    def __init__(self, rows: Mapping, groupings: Mapping[str, Callable]):
        self.rows = rows
        self.order = sorted(rows, key=lambda item_id: rows[item_id].key)
        self.groups = {name: _group(self.order, rows, keys_of) for name, keys_of in groupings.items()}
        self._blobs: dict[int, tuple[str, list[int]]] = {}
        self.results: OrderedDict = OrderedDict()  # recent query results (ID lists), so paging a filtered listing is a slice

    def containing(self, field: int, text: str) -> set[str]:
        """IDs whose row field contains ``text`` (one C-level scan of all rows joined, instead of one test per row)."""
        if field not in self._blobs:
            starts, position, parts = [], 0, []
            for item in self.order:
                value = self.rows[item][field]
                starts.append(position)
                parts.append(value)
                position += len(value) + 1
            self._blobs[field] = ('\x00'.join(parts), starts)
        blob, starts = self._blobs[field]
        found: set[str] = set()
        position = blob.find(text)
        while position != -1:
            record = bisect.bisect_right(starts, position) - 1
            found.add(self.order[record])
            position = blob.find(text, starts[record + 1]) if record + 1 < len(starts) else -1
        return found


def page_slice(ids: list[str], descending: bool, page: int, size: int) -> list[str]:
    """The IDs of one page of an ascending list, in the requested order."""
    total = len(ids)
    if descending:
        end = total - (page - 1) * size
        return ids[max(0, end - size):end][::-1] if end > 0 else []
    return ids[(page - 1) * size:page * size]


class Store(Provisioning, CatalogWrites):
    """All items the emulator serves; thread-safe. Writes (provision.py) take ``provision_seconds`` to settle."""

    def __init__(self, dataset: Mapping | None = None, generate: int = 0, clock: Callable[[], float] = time.time,
                 provision_seconds: float = DEFAULT_PROVISION_SECONDS):
        self.clock = clock
        self._init_provisioning(provision_seconds)
        self._lock = threading.RLock()
        self._start = dataset or {}
        self.generator = Generator(generate) if generate else None
        self._generated_instance_rows: dict[str, InstanceRow] = {}
        self._generated_plan_rows: dict[str, PlanRow] = {}
        self._generated_catalog: dict = {}
        self.cat = Catalog(self._lock)
        if self.generator:
            self._build_generated_rows()
        self.reset()

    # -- loading -----------------------------------------------------------------------------------------------------

    def _build_generated_rows(self) -> None:
        gen = self.generator
        approver_cache: dict = {}
        for i in range(gen.count):
            pp_id, owner, name = gen.instance_id(i), gen.owner(i), gen.instance_name(i)
            kind = gen._kind(i)  # pylint: disable=protected-access
            self._generated_instance_rows[pp_id] = InstanceRow(
                (gen.instance_time(i), pp_id), owner.principal_id, owner.uid, name.lower(),
                f'{name}\x00{kind.name}\x00{pp_id}\x00{kind.product_id}'.lower())
            plan_id, plan_name = gen.plan_id(i), gen.plan_name(i)
            approvers = tuple((a['PrincipalType'], a['PrincipalName']) for a in gen.plan_approvers(i))
            if approvers not in approver_cache:
                approver_cache[approvers] = (frozenset(approvers), frozenset(pair[1].lower() for pair in approvers))
            keys, names = approver_cache[approvers]
            self._generated_plan_rows[plan_id] = PlanRow(
                (gen.plan_time(i), plan_id), owner.principal_id, owner.uid, pp_id, plan_name.lower(), gen.plan_status(i), keys, names,
                f'{plan_name}\x00{plan_id}\x00{kind.name}\x00{name}'.lower())
        self._generated_catalog = gen.catalog()

    def reset(self) -> dict[str, int]:
        """Back to the start dataset (seeded items dropped, settle timers restarted)."""
        with self._lock:
            self.principals: dict[str, Principal] = {p.principal_id: p for p in DEFAULT_PRINCIPALS}
            self.cat.clear()
            self.catalog: dict[str, dict] = self.cat.products
            self.versions: dict[str, dict] = self.cat.versions
            self.instances: dict[str, dict] = {}
            self.tasks: dict[str, dict] = {}
            self.plans: dict[str, dict] = {}
            self._tasks_by_pp: dict[str, dict[str, dict]] = {}
            self._terminating: set[str] = set()
            self._pending_plans = set()
            self._instance_rows = dict(self._generated_instance_rows)
            self._plan_rows = dict(self._generated_plan_rows)
            self._instance_index: _Indexes | None = None
            self._plan_index: _Indexes | None = None
            if self._generated_catalog:
                self._merge(parse_dataset(self._generated_catalog, self.principals.get, self.clock()))
            self._merge(parse_dataset(self._start, self.principals.get, self.clock()))
            self._build_indexes()
            return self.totals()

    def seed(self, raw: Mapping) -> dict[str, int]:
        """Add or replace items (raw dataset format); settle timers start now. Raises DataError."""
        with self._lock:
            dataset = parse_dataset(raw, self.principals.get, self.clock())
            self._merge(dataset)
            self._build_indexes()
            return dataset.counts()

    def _merge(self, dataset: Dataset) -> None:
        for principal in dataset.principals:
            self.principals[principal.principal_id] = principal
        self.cat.add(dataset.products, dataset.portfolios, dataset.constraints, dataset.tag_options)
        for doc in dataset.provisioned_products:
            self._add_instance(doc)
        for doc in dataset.tasks:
            self._add_task(doc)
        for doc in dataset.plans:
            self.plans[doc['PlanId']] = doc
        for doc in self.plans.values():  # instances may have arrived after their plans: rows of explicit plans are recomputed
            self._index_plan(doc)
        self._instance_index = None
        self._plan_index = None

    def _add_instance(self, doc: dict) -> None:
        """Keep an instance document (dataset defaults applied) and its listing row; the caller drops the instance index."""
        pp_id = doc['ProvisionedProductId']
        self.instances[pp_id] = doc
        self._instance_rows[pp_id] = InstanceRow(
            (int(epoch(doc['CreateTime'])), pp_id), doc['OwnerPrincipalId'], doc['_Uid'], doc['ProvisionedProductName'].lower(),
            '\x00'.join([doc['ProvisionedProductName'], doc['ProductName'], pp_id, doc['ProductId']]).lower())

    def _add_task(self, doc: dict) -> None:
        """Keep a task document (a task moved to another instance leaves the old one)."""
        old = self.tasks.get(doc['TaskId'])
        if old is not None:
            self._tasks_by_pp.get(old['ProvisionedProductId'], {}).pop(doc['TaskId'], None)
        self.tasks[doc['TaskId']] = doc
        self._tasks_by_pp.setdefault(doc['ProvisionedProductId'], {})[doc['TaskId']] = doc
        if doc['TaskType'] == 'TerminateProvisionedProduct':
            self._terminating.add(doc['ProvisionedProductId'])

    def _index_plan(self, doc: dict) -> None:
        """(Re)compute the listing row of an explicit plan; the caller drops the plan index."""
        view = self._plan_base(doc)
        approvers = view['AssignedApprovers']
        self._plan_rows[doc['PlanId']] = PlanRow(
            (int(epoch(view['CreateTime'])), view['PlanId']), view['OwnerPrincipalId'], view['Uid'], view['ProvisionedProductId'],
            view['PlanName'].lower(), view['Status'], frozenset((a['PrincipalType'], a['PrincipalName']) for a in approvers),
            frozenset(a['PrincipalName'].lower() for a in approvers),
            '\x00'.join([view['PlanName'], view['PlanId'], view['ProductName'], view['ProvisionedProductName']]).lower())

    def totals(self) -> dict[str, int]:
        """Item counts, generated ones included."""
        with self._lock:
            generated_tasks = 0
            if self.generator:
                count = self.generator.count
                generated_tasks = 4 * count - (count + 4) // 5
            return {'provisioned_products': len(self._instance_rows), 'tasks': generated_tasks + len(self.tasks),
                    'plans': len(self._plan_rows), 'products': len(self.catalog), 'principals': len(self.principals), **self.cat.counts()}

    # -- principals ----------------------------------------------------------------------------------------------------

    def caller_for_key(self, access_key_id: str) -> Principal:
        """The principal an access key acts as (demo-user unless a principal lists the key)."""
        with self._lock:
            for principal in self.principals.values():
                if access_key_id in principal.access_key_ids:
                    return principal
            return self.principals.get(DEMO_PRINCIPAL_ID) or DEFAULT_PRINCIPALS[0]

    def caller_for_role(self, uid: str, role_name: str, role_id: str) -> Principal:
        """The principal a temporary key of a RAM role (STS AssumeRole, ECS metadata) acts as.

        A known RamRole principal of that name in that account; else, for a role of the default account, demo-user (so
        listings look the same as with the demo key); else a RamRole principal of that name in the role's account.
        """
        with self._lock:
            for principal in self.principals.values():
                if principal.type == 'RamRole' and principal.uid == uid and principal.name.lower() == role_name.lower():
                    return principal
            if uid == DEFAULT_ACCOUNT_UID:
                return self.principals.get(DEMO_PRINCIPAL_ID) or DEFAULT_PRINCIPALS[0]
            return Principal(role_id, role_name, 'RamRole', uid)

    def sample_product(self) -> dict:
        """A catalog product (the first by ID, with its versions) for items made up at run time; a stand-in if the catalog is empty."""
        with self._lock:
            if self.catalog:
                product = self.catalog[min(self.catalog)]
                return {'ProductId': product['ProductId'], 'ProductName': product['ProductName'],
                        'Versions': [dict(version) for version in product.get('Versions', [])]}
            return {'ProductId': 'prod-bp1arrival0001', 'ProductName': 'Arrival product', 'Versions': []}

    def _principals_by_approver_key(self) -> dict[tuple[str, str], Principal]:
        return {p.approver_key: p for p in self.principals.values()}

    # -- documents and views -----------------------------------------------------------------------------------------

    def _raw_instance(self, pp_id: str) -> dict | None:
        doc = self.instances.get(pp_id)
        if doc is None and self.generator:
            index = self.generator.instance_index(pp_id)
            if index is not None:
                doc = self.generator.instance(index)
        return doc

    def _task_view(self, doc: dict, now: float, instance: dict | None) -> dict:
        view = dict(doc)
        for name in _INSTANCE_DEFAULTS_FOR_TASKS:
            if name not in view:
                view[name] = instance.get(name, '') if instance else ''
        after = doc.get('_SettleAfterSeconds')
        if after is not None:
            due = doc['_LoadedAt'] + after
            if now < due:
                view['Status'] = 'InProgress'
                view['Outputs'] = []
                view['Log'] = {'TerraformLogs': [log for log in doc['Log']['TerraformLogs'] if log.get('Command') in ('version', 'plan')]}
                view['UpdateTime'] = view['CreateTime']
            else:
                view['Status'] = doc['_SettleStatus']
                view['UpdateTime'] = max(view['CreateTime'], iso(due))
                if view['Status'] == 'Failed' and not view.get('StatusMessage'):
                    view['StatusMessage'] = (f'Resource {view["TaskType"]} failed: terraform stack '
                                             f'sc-{DEFAULT_ACCOUNT_UID}-{view["ProvisionedProductId"]} failure...')
        if view['Status'] != 'Failed':
            view.pop('StatusMessage', None)
        return view

    def _task_views_for(self, pp_id: str, now: float) -> list[dict]:
        """Views of an instance's tasks, sorted by (CreateTime, TaskId)."""
        instance = self._raw_instance(pp_id)
        views = {}
        if self.generator:
            index = self.generator.instance_index(pp_id)
            if index is not None:
                for task in self.generator.tasks(index):
                    if task['TaskId'] not in self.tasks:
                        views[task['TaskId']] = task
        for task_id, doc in self._tasks_by_pp.get(pp_id, {}).items():
            views[task_id] = self._task_view(doc, now, instance)
        return sorted(views.values(), key=lambda task: (task['CreateTime'], task['TaskId']))

    def _instance_view(self, pp_id: str, now: float) -> dict | None:
        """The instance as the API shows it now; None if unknown or terminated."""
        doc = self._raw_instance(pp_id)
        if doc is None:
            return None
        view = dict(doc)
        if pp_id in self.instances or pp_id in self._tasks_by_pp:
            state = derive_instance_state(self._task_views_for(pp_id, now))
            if state is not None:
                if state.terminated:
                    return None
                view['LastTaskId'] = view['LastProvisioningTaskId'] = state.last_task_id
                view['LastSuccessfulProvisioningTaskId'] = state.last_successful_task_id
                view['Status'] = state.status
                view.pop('StatusMessage', None)
                if state.status_message:
                    view['StatusMessage'] = state.status_message
                if state.version:
                    view['ProductVersionId'], view['ProductVersionName'] = state.version
        if view['Status'] != 'Error':
            view.pop('StatusMessage', None)
        return view

    def _hidden_instances(self, now: float) -> set[str]:
        """Instances whose last task is a successful termination (they no longer exist)."""
        hidden = set()
        for pp_id in self._terminating:
            state = derive_instance_state(self._task_views_for(pp_id, now))
            if state is not None and state.terminated:
                hidden.add(pp_id)
        return hidden

    def _raw_plan(self, plan_id: str) -> dict | None:
        doc = self.plans.get(plan_id)
        if doc is None and self.generator:
            index = self.generator.plan_index(plan_id)
            if index is not None:
                doc = self.generator.plan(index)
        return doc

    def _plan_base(self, doc: dict) -> dict:
        view = dict(doc)
        missing = [name for name in _INSTANCE_DEFAULTS_FOR_PLANS if not view.get(name)]
        if missing:
            instance = self._raw_instance(view.get('ProvisionedProductId', '')) or {}
            product = self.catalog.get(view.get('ProductId') or instance.get('ProductId', ''), {})
            for name in missing:
                view[name] = instance.get(name) or product.get(name) or view.get(name) or ''
        if view['Status'] not in PLAN_FAILED_STATUSES:
            view.pop('StatusMessage', None)
        return view

    # -- indexes -------------------------------------------------------------------------------------------------------

    def _instances_indexed(self) -> _Indexes:
        if self._instance_index is None:
            self._instance_index = _Indexes(self._instance_rows, {'owner': lambda r: (r.owner,), 'uid': lambda r: (r.uid,),
                                                                  'name': lambda r: (r.name,)})
        return self._instance_index

    def _plans_indexed(self) -> _Indexes:
        if self._plan_index is None:
            self._plan_index = _Indexes(self._plan_rows, {
                'owner': lambda r: (r.owner,), 'uid': lambda r: (r.uid,), 'pp': lambda r: (r.pp,), 'name': lambda r: (r.name,),
                'status': lambda r: (r.status,), 'approver': lambda r: r.approvers})
        return self._plan_index

    def _build_indexes(self) -> None:
        """Build indexes (and, for large tables, the search text) now rather than on the first query."""
        for index, field in ((self._instances_indexed(), _I_SEARCH), (self._plans_indexed(), _P_SEARCH)):
            if len(index.order) > _BLOB_SEARCH_FROM:
                index.containing(field, '\x01')

    # -- operations ----------------------------------------------------------------------------------------------------

    def get_instance(self, pp_id: str) -> dict | None:
        with self._lock:
            return self._instance_view(pp_id, self.clock())

    def instance_exists(self, pp_id: str) -> bool:
        with self._lock:
            return self._instance_view(pp_id, self.clock()) is not None

    def list_tasks(self, pp_id: str, descending: bool, page: int, size: int) -> tuple[int, list[dict]] | None:
        """(TotalCount, task views of the page); None when the instance is unknown."""
        with self._lock:
            now = self.clock()
            if self._raw_instance(pp_id) is None:
                return None
            tasks = self._task_views_for(pp_id, now)
            ids = [task['TaskId'] for task in tasks]
            by_id = {task['TaskId']: task for task in tasks}
            return len(ids), [by_id[task_id] for task_id in page_slice(ids, descending, page, size)]

    def get_task(self, task_id: str) -> dict | None:
        with self._lock:
            doc = self.tasks.get(task_id)
            if doc is not None:
                return self._task_view(doc, self.clock(), self._raw_instance(doc['ProvisionedProductId']))
            if self.generator:
                index = self.generator.task_index(task_id)
                if index is not None:
                    return self.generator.task(*index)
            return None

    def list_instances(self, caller: Principal, scope: str, names: list[str], texts: list[str], descending: bool, page: int,
                       size: int) -> tuple[int, list[dict]]:
        """ListProvisionedProducts: scope User (own) or Account; names exact (case-insensitive), texts substrings; OR within each."""
        with self._lock:
            now = self.clock()
            groups, rows = self._instances_indexed().groups, self._instance_rows
            if scope == 'User':
                conditions = [_Condition(_I_OWNER, 'in', {caller.principal_id}, groups['owner'].get(caller.principal_id, []))]
            else:
                conditions = [_Condition(_I_UID, 'in', {caller.uid}, groups['uid'].get(caller.uid, []))]
            if names:
                wanted = {name.lower() for name in names}
                conditions.append(_Condition(_I_NAME, 'in', wanted, _union(groups['name'], wanted, rows)))
            if texts:
                conditions.append(_Condition(_I_SEARCH, 'contains', [text.lower() for text in texts]))
            ids = _select(self._instance_index, conditions, self._hidden_instances(now))
            return len(ids), [self._instance_view(item, now) for item in page_slice(ids, descending, page, size)]

    def list_plans(self, caller: Principal, scope: str, approval: str | None, pp_id: str | None, filters: Mapping[str, list[str]],
                   descending: bool, page: int, size: int) -> tuple[int, list[dict]]:
        """ListProvisionedProductPlans; ``filters`` maps validated filter keys to their values (OR within a key, AND across)."""
        with self._lock:
            groups, rows = self._plans_indexed().groups, self._plan_rows
            me = caller.approver_key
            conditions = []
            if approval:
                conditions.append(_Condition(_P_UID, 'in', {caller.uid}, groups['uid'].get(caller.uid, [])))
                if approval == 'ReceivedRequests':
                    conditions.append(_Condition(_P_STATUS, 'in', {'ApplicationInProgress'}, groups['status'].get('ApplicationInProgress', [])))
                    conditions.append(_Condition(_P_APPROVERS, 'meets', {me}, groups['approver'].get(me, [])))
                elif approval == 'ApprovalHistory':
                    conditions.append(_Condition(_P_STATUS, 'in', set(APPROVAL_HISTORY_STATUSES)))
                    conditions.append(_Condition(_P_APPROVERS, 'meets', {me}, groups['approver'].get(me, [])))
            elif scope == 'User':
                conditions.append(_Condition(_P_OWNER, 'in', {caller.principal_id}, groups['owner'].get(caller.principal_id, [])))
            elif scope == 'Account':
                conditions.append(_Condition(_P_UID, 'in', {caller.uid}, groups['uid'].get(caller.uid, [])))
            if pp_id:
                conditions.append(_Condition(_P_PP, 'in', {pp_id}, groups['pp'].get(pp_id, [])))
            if 'ProvisionedProductPlanName' in filters:
                wanted = {value.lower() for value in filters['ProvisionedProductPlanName']}
                conditions.append(_Condition(_P_NAME, 'in', wanted, _union(groups['name'], wanted, rows)))
            if 'ProvisionedProductPlanStatus' in filters:
                statuses = set(filters['ProvisionedProductPlanStatus'])
                conditions.append(_Condition(_P_STATUS, 'in', statuses, _union(groups['status'], statuses, rows)))
            if 'ProvisionedProductPlanApprover' in filters:
                approvers = {tuple(value.split(':', 1)) for value in filters['ProvisionedProductPlanApprover']}
                conditions.append(_Condition(_P_APPROVERS, 'meets', approvers, _union(groups['approver'], approvers, rows)))
            if 'ProvisionedProductPlanApproverName' in filters:
                conditions.append(_Condition(_P_APPROVER_NAMES, 'meets', {value.lower() for value in filters['ProvisionedProductPlanApproverName']}))
            if 'ProvisionedProductPlanOwnerUid' in filters:
                uids = set(filters['ProvisionedProductPlanOwnerUid'])
                conditions.append(_Condition(_P_UID, 'in', uids, _union(groups['uid'], uids, rows)))
            if 'FullTextSearch' in filters:
                conditions.append(_Condition(_P_SEARCH, 'contains', [value.lower() for value in filters['FullTextSearch']]))
            ids = _select(self._plan_index, conditions, set())
            return len(ids), [self._plan_base(self._raw_plan(item)) for item in page_slice(ids, descending, page, size)]

    def plan_approvers(self, caller: Principal, scope: str | None, approval: str | None, names: list[str]) -> list[dict]:
        """ListProvisionedProductPlanApprovers: the distinct approvers of the plans in scope (sorted by name, then type).

        ``scope`` User: the caller's plans; Account / ResourceDirectory: its account's. ``approval`` (AccountRequests,
        ResourceDirectoryRequests): the account's plans submitted for approval. ``names``: approver names, case-insensitive.
        """
        with self._lock:
            groups = self._plans_indexed().groups
            if approval:
                conditions = [_Condition(_P_UID, 'in', {caller.uid}, groups['uid'].get(caller.uid, [])),
                              _Condition(_P_STATUS, 'in', set(SUBMITTED_STATUSES))]
            elif scope == 'User':
                conditions = [_Condition(_P_OWNER, 'in', {caller.principal_id}, groups['owner'].get(caller.principal_id, []))]
            else:
                conditions = [_Condition(_P_UID, 'in', {caller.uid}, groups['uid'].get(caller.uid, []))]
            found = set()
            for plan_id in _select(self._plan_index, conditions, set()):
                found.update(self._plan_rows[plan_id].approvers)
            wanted = {name.lower() for name in names}
            return [{'PrincipalName': name, 'PrincipalType': ptype} for ptype, name in sorted(found, key=lambda pair: (pair[1], pair[0]))
                    if not wanted or name.lower() in wanted]

    def get_plan(self, plan_id: str) -> dict | None:
        """GetProvisionedProductPlan body parts: PlanDetail (with ApprovalDetail), ProductDetail, ProductVersionDetail, ResourceChanges."""
        with self._lock:
            doc = self._raw_plan(plan_id)
            if doc is None:
                return None
            plan = self._plan_base(doc)
            if not isinstance(plan.get('ApprovalDetail'), dict):
                plan['ApprovalDetail'] = default_approval_detail(plan, self._principals_by_approver_key())
            product = self.catalog.get(plan['ProductId']) or {
                'ProductId': plan['ProductId'], 'ProductName': plan['ProductName'], 'ProductType': 'Ros', 'ProviderName': '', 'Description': '',
                'ProductArn': f'acs:servicecatalog:{REGION_ID}:{plan["Uid"]}:product/{plan["ProductId"]}', 'CreateTime': plan['CreateTime']}
            version = self.versions.get(plan['ProductVersionId']) or {
                'ProductVersionId': plan['ProductVersionId'], 'ProductVersionName': '', 'ProductId': plan['ProductId'], 'Active': True,
                'Guidance': 'Default', 'Description': '', 'TemplateType': 'RosTerraformTemplate', 'TemplateUrl': '', 'CreateTime': product['CreateTime']}
            return {'PlanDetail': plan, 'ProductDetail': project(product, PRODUCT_DETAIL_FIELDS),
                    'ProductVersionDetail': project(version, VERSION_DETAIL_FIELDS), 'ResourceChanges': list(doc.get('ResourceChanges') or [])}


_BLOB_SEARCH_FROM = 5000
_UNION_SORT_UP_TO = 5000
_RESULTS_CACHED = 64
_I_OWNER, _I_UID, _I_NAME, _I_SEARCH = (InstanceRow._fields.index(name) for name in ('owner', 'uid', 'name', 'search'))
_P_OWNER, _P_UID, _P_PP, _P_NAME, _P_STATUS, _P_APPROVERS, _P_APPROVER_NAMES, _P_SEARCH = (
    PlanRow._fields.index(name) for name in ('owner', 'uid', 'pp', 'name', 'status', 'approvers', 'approver_names', 'search'))


class _Condition:
    """One filter on a row field: ``in`` (field value in a set), ``meets`` (field set meets a set) or ``contains`` (substring).

    ``ids``, when known, is the sorted list of exactly the IDs that pass (from an index): the smallest such list is the
    starting point of a query, and its own condition is then not evaluated again.
    """

    def __init__(self, field: int, op: str, arg, ids: list[str] | None = None):
        self.field, self.op, self.arg, self.ids = field, op, arg, ids
        self.found: set[str] | None = None  # for ``contains`` on a large table: the matching IDs, once computed

    def matches(self, index: _Indexes) -> set[str]:
        """IDs of the whole table whose field contains one of the texts (``contains`` only)."""
        if self.found is None:
            self.found = set().union(*(index.containing(self.field, text) for text in self.arg))
        return self.found

    def apply(self, ids: list[str], rows: Mapping, index: _Indexes) -> list[str]:
        field, arg = self.field, self.arg
        if self.op == 'in':
            return [item for item in ids if rows[item][field] in arg]
        if self.op == 'meets':
            return [item for item in ids if not arg.isdisjoint(rows[item][field])]
        if self.found is not None or (len(ids) > _BLOB_SEARCH_FROM and not any('\x00' in text for text in arg)):
            found = self.matches(index)
            return [item for item in ids if item in found]
        if len(arg) == 1:
            text = arg[0]
            return [item for item in ids if text in rows[item][field]]
        return [item for item in ids if any(text in rows[item][field] for text in arg)]


def _union(groups: Mapping, keys: Iterable, rows: Mapping) -> list[str] | None:
    """The sorted union of the index lists of several keys; None when sorting it would cost more than scanning."""
    lists = [groups[key] for key in keys if key in groups]
    if len(lists) <= 1:
        return lists[0] if lists else []
    if sum(len(ids) for ids in lists) > _UNION_SORT_UP_TO:
        return None
    return sorted({item for ids in lists for item in ids}, key=lambda item: rows[item].key)


def _select(index: _Indexes, conditions: list[_Condition], hidden: set[str]) -> list[str]:
    """IDs (ascending) passing every condition, starting from the smallest indexed candidate list."""
    signature = (tuple((c.field, c.op, tuple(sorted(c.arg))) for c in conditions), frozenset(hidden))
    cached = index.results.get(signature)
    if cached is not None:
        index.results.move_to_end(signature)
        return cached
    ids = _evaluate(index, conditions, hidden)
    index.results[signature] = ids
    if len(index.results) > _RESULTS_CACHED:
        index.results.popitem(last=False)
    return ids


def _evaluate(index: _Indexes, conditions: list[_Condition], hidden: set[str]) -> list[str]:
    for condition in conditions:  # a selective substring search on a large table: its matches become a candidate list
        if condition.op == 'contains' and condition.ids is None and len(index.order) > _BLOB_SEARCH_FROM:
            if not any('\x00' in text for text in condition.arg):
                found = condition.matches(index)
                if len(found) <= _UNION_SORT_UP_TO:
                    condition.ids = sorted(found, key=lambda item: index.rows[item].key)
    indexed = [condition for condition in conditions if condition.ids is not None]
    start = min(indexed, key=lambda condition: len(condition.ids)) if indexed else None
    ids = start.ids if start else index.order
    if hidden:
        ids = [item for item in ids if item not in hidden]
    for condition in sorted((c for c in conditions if c is not start), key=lambda c: c.op == 'contains'):
        ids = condition.apply(ids, index.rows, index)
    return ids
