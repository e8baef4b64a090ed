"""The operations' handlers (the writes' are in writes.py and admin_writes.py): each reads its parameters through a Call and returns
its result; Api wraps it into the answer.

The declarations (method, where parameters travel, result key, paging, filters) are in ``operations.py``. A handler
returns the value of the declared result key, a ``Listing`` for a paged operation, or a ``Body`` (the whole answer
but RequestId) when the answer has several top-level fields.
"""
from __future__ import annotations

import re
from typing import Callable, Mapping

from . import params as p
from .answers import Body, Listing
from .errors import ApiError, invalid_parameter, not_found
from .model import (INSTANCE_GET_FIELDS, PLAN_GET_FIELDS, PLAN_STATUSES, REGIONS, SCOPES, TAG_OPTION_RESOURCE_TYPES, TASK_GET_FIELDS, Principal,
                    project)
from .mutate import ListingMutator
from .operations import JSON_TEXT, NUMBERED, OPERATIONS, Operation
from .store import Store
from .admin_writes import AdminHandlers
from .writes import WriteHandlers

_APPROVER_RE = re.compile(r'^(RamUser|RamRole):(.+)$')
ACCESS_LEVELS_INSTANCES = ('User', 'Account')
ACCESS_LEVELS_PLANS = ('User', 'Account', 'ResourceDirectory')
APPROVAL_FILTERS = ('ReceivedRequests', 'ApprovalHistory', 'AccountRequests')
APPROVER_APPROVAL_FILTERS = ('AccountRequests', 'ResourceDirectoryRequests')


class Call:
    """One call of an operation: its parameters, caller and request ID; the declared paging and filters parsed on first use."""

    def __init__(self, operation: Operation, params: Mapping[str, str], caller: Principal, request_id: str):
        self.operation, self.params, self.caller, self.request_id = operation, params, caller, request_id
        self._page: p.Page | None = None
        self._filters: dict | None = None

    def required(self, name: str) -> str:
        return p.required(self.params, name)

    def value(self, name: str) -> str | None:
        return p.value(self.params, name)

    def choice(self, name: str, allowed: tuple[str, ...], default: str | None, code: str = 'InvalidParameter') -> str | None:
        return p.choice(self.params, name, allowed, default, code)

    @property
    def page(self) -> p.Page:
        """SortBy / SortOrder (if the operation sorts), PageNumber and PageSize, validated."""
        if self._page is None:
            self._page = p.paging(self.params, self.operation.sortable)
        return self._page

    @property
    def filters(self) -> dict:
        """The declared filters, validated: ``{key: [values]}`` (numbered style) or the JSON object (JSON text style)."""
        if self._filters is None:
            operation = self.operation
            if operation.filters == NUMBERED:
                self._filters = p.numbered_filters(self.params, operation.filter_keys, operation.multi_value_keys)
            elif operation.filters == JSON_TEXT:
                self._filters = p.json_filters(self.params, operation.filter_keys, frozenset(['Active']))
            else:
                self._filters = {}
        return self._filters

    def validate_declared(self) -> None:
        """Paging and filter parameters are checked even if a handler did not look at them."""
        if self.operation.paging:
            self.page  # pylint: disable=pointless-statement
        self.filters  # pylint: disable=pointless-statement


def fetch(call: Call, id_param: str, thing: str, lookup: Callable[[str], dict | None]) -> dict:
    """The item named by the required ``id_param``, or the 404 EntityNotExist.<thing> error."""
    item_id = call.required(id_param)
    item = lookup(item_id)
    if item is None:
        raise not_found(thing, item_id)
    return item


class Api(WriteHandlers, AdminHandlers):
    """Dispatches an action to its handler and builds the answer (RequestId included)."""

    def __init__(self, store: Store, mutator: ListingMutator | None = None):
        self.store = store
        self.mutator = mutator  # a ListingMutator (--mutate-during-listing), told of each valid ListProvisionedProducts page
        self.handlers: dict[str, Callable[[Call], object]] = {name: getattr(self, op.handler_name) for name, op in OPERATIONS.items()}

    def call(self, action: str, params: Mapping[str, str], caller: Principal, request_id: str) -> dict:
        operation = OPERATIONS.get(action)
        if operation is None:
            raise ApiError(404, 'InvalidAction.NotFound', f'Specified api is not found, please check your url and method: {action[:80]}')
        call = Call(operation, params, caller, request_id)
        self.store.tick()  # plan transitions that fell due since the last call
        result = self.handlers[action](call)
        call.validate_declared()
        return self._answer(call, result)

    @staticmethod
    def _answer(call: Call, result) -> dict:
        operation, request_id = call.operation, call.request_id
        if isinstance(result, Body):
            return {'RequestId': request_id, **result}
        if not isinstance(result, Listing):
            return {'RequestId': request_id, operation.result: result}
        items = [project(item, operation.fields) for item in result.items] if operation.fields else result.items
        page = call.page
        body = {operation.result: items, 'RequestId': request_id, 'TotalCount': result.total, 'PageNumber': page.number, 'PageSize': page.size}
        body.update(result.extra)
        return {'RequestId': request_id, **body} if operation.request_id_first else body

    # -- provisioned products, tasks, plans ------------------------------------------------------------------------------

    def list_tasks(self, call: Call) -> Listing:
        pp_id = call.required('ProvisionedProductId')
        page = call.page
        result = self.store.list_tasks(pp_id, page.descending, page.number, page.size)
        if result is None:
            raise not_found('ProvisionedProduct', pp_id)
        return Listing(*result)

    def get_task(self, call: Call) -> dict:
        return project(fetch(call, 'TaskId', 'Task', self.store.get_task), TASK_GET_FIELDS)

    def list_provisioned_products(self, call: Call) -> Listing:
        scope = call.choice('AccessLevelFilter', ACCESS_LEVELS_INSTANCES, 'User', 'InvalidParameter.AccessLevelFilter')
        wanted, page = call.filters, call.page
        if self.mutator is not None:
            self.mutator.on_instance_page(page.number)
        return Listing(*self.store.list_instances(call.caller, scope, wanted.get('ProvisionedProductName', []), wanted.get('FullTextSearch', []),
                                                  page.descending, page.number, page.size))

    def get_provisioned_product(self, call: Call) -> dict:
        return project(fetch(call, 'ProvisionedProductId', 'ProvisionedProduct', self.store.get_instance), INSTANCE_GET_FIELDS)

    def list_provisioned_product_plans(self, call: Call) -> Listing:
        scope = call.choice('AccessLevelFilter', ACCESS_LEVELS_PLANS, 'User', 'InvalidParameter.AccessLevelFilter')
        approval = call.choice('ApprovalFilter', APPROVAL_FILTERS, None, 'InvalidParameter.ApprovalFilter')
        wanted = call.filters
        _check_plan_filters(wanted)
        page = call.page
        return Listing(*self.store.list_plans(call.caller, scope, approval, call.value('ProvisionedProductId'), wanted, page.descending,
                                              page.number, page.size))

    def get_provisioned_product_plan(self, call: Call) -> Body:
        result = fetch(call, 'PlanId', 'ProvisionedProductPlan', self.store.get_plan)
        return Body(PlanDetail=project(result['PlanDetail'], PLAN_GET_FIELDS), ProductDetail=result['ProductDetail'],
                    ProductVersionDetail=result['ProductVersionDetail'], ResourceChanges=result['ResourceChanges'])

    def list_provisioned_product_plan_approvers(self, call: Call) -> list[dict]:
        scope = call.choice('AccessLevelFilter', ACCESS_LEVELS_PLANS, None, 'InvalidParameter.AccessLevelFilter')
        approval = call.choice('ApprovalFilter', APPROVER_APPROVAL_FILTERS, None, 'InvalidParameter.ApprovalFilter')
        if scope and approval:
            raise invalid_parameter('Give exactly one of AccessLevelFilter and ApprovalFilter.')
        names = call.filters.get('ProvisionedProductPlanApproverName', [])
        return self.store.plan_approvers(call.caller, scope or ('User' if not approval else None), approval, names)

    # -- portfolios and principals ---------------------------------------------------------------------------------------

    def get_portfolio(self, call: Call) -> Body:
        detail, tag_options = fetch(call, 'PortfolioId', 'Portfolio', self.store.cat.portfolio)
        return Body(PortfolioDetail=detail, TagOptions=tag_options)

    def list_portfolios(self, call: Call) -> Listing:
        scope = call.choice('Scope', SCOPES, 'Local', 'InvalidParameter.Scope')
        wanted, page = call.filters, call.page
        return Listing(*self.store.cat.list_portfolios(scope, call.value('ProductId'), wanted.get('PortfolioName', []),
                                                       wanted.get('FullTextSearch', []), page))

    def list_principals(self, call: Call) -> list[dict]:
        return fetch(call, 'PortfolioId', 'Portfolio', self.store.cat.principals)

    def get_constraint(self, call: Call) -> dict:
        return fetch(call, 'ConstraintId', 'Constraint', self.store.cat.constraint)

    # -- products, versions, templates, launch options -------------------------------------------------------------------

    def get_product_as_admin(self, call: Call) -> Body:
        detail, tag_options = fetch(call, 'ProductId', 'Product', self.store.cat.product_as_admin)
        return Body(ProductDetail=detail, TagOptions=tag_options)

    def get_product_as_end_user(self, call: Call) -> dict:
        return fetch(call, 'ProductId', 'Product', self.store.cat.product_as_end_user)

    def list_products_as_admin(self, call: Call) -> Listing:
        scope = call.choice('Scope', SCOPES, 'Local', 'InvalidParameter.Scope')
        wanted, page = call.filters, call.page
        return Listing(*self.store.cat.list_products_as_admin(call.value('PortfolioId'), scope, wanted.get('ProductName', []),
                                                              wanted.get('FullTextSearch', []), page))

    def list_products_as_end_user(self, call: Call) -> Listing:
        wanted, page = call.filters, call.page
        return Listing(*self.store.cat.list_products_as_end_user(call.caller, wanted.get('ProductName', []), wanted.get('FullTextSearch', []),
                                                                 page))

    def list_product_versions(self, call: Call) -> list[dict]:
        return fetch(call, 'ProductId', 'Product', self.store.cat.versions_of)

    def get_product_version(self, call: Call) -> dict:
        return fetch(call, 'ProductVersionId', 'ProductVersion', self.store.cat.version)

    def get_template(self, call: Call) -> str:
        product_id, version_id = call.required('ProductId'), call.required('ProductVersionId')
        known, body = self.store.cat.template(product_id, version_id)
        if not known:
            raise not_found('Product', product_id)
        if body is None:
            raise not_found('ProductVersion', version_id)
        return body

    def list_launch_options(self, call: Call) -> list[dict]:
        return fetch(call, 'ProductId', 'Product', self.store.cat.launch_options)

    # -- tag options and regions -----------------------------------------------------------------------------------------

    def get_tag_option(self, call: Call) -> dict:
        return fetch(call, 'TagOptionId', 'TagOption', self.store.cat.tag_option)

    def list_tag_options(self, call: Call) -> Listing:
        wanted, page = call.filters, call.page
        start, size, token = p.token_window(call.params, page, [wanted, page.descending])
        items = self.store.cat.list_tag_options(wanted, page.descending)
        end = start + size
        return Listing(len(items), items[start:end], {'PageNumber': start // size + 1, 'PageSize': size,
                                                      'NextToken': token(end) if end < len(items) else ''})

    def list_resources_for_tag_option(self, call: Call) -> Listing:
        tag_option_id = call.required('TagOptionId')
        call.required('ResourceType')
        resource_type = call.choice('ResourceType', TAG_OPTION_RESOURCE_TYPES, None, 'InvalidParameter.ResourceType')
        result = self.store.cat.resources_for_tag_option(tag_option_id, resource_type, call.page)
        if result is None:
            raise not_found('TagOption', tag_option_id)
        return Listing(*result)

    def list_regions(self, call: Call) -> list[dict]:  # pylint: disable=unused-argument
        return [{'RegionId': region, 'LocalName': name, 'RegionEndpoint': f'servicecatalog.{region}.aliyuncs.com'} for region, name in REGIONS]


def _check_plan_filters(wanted: Mapping[str, list[str]]) -> None:
    for status in wanted.get('ProvisionedProductPlanStatus', []):
        if status not in PLAN_STATUSES:
            raise invalid_parameter(f'The filter ProvisionedProductPlanStatus takes values among {", ".join(PLAN_STATUSES)}; got {status[:60]!r}.')
    for approver in wanted.get('ProvisionedProductPlanApprover', []):
        if not _APPROVER_RE.match(approver):
            raise invalid_parameter(f'The filter ProvisionedProductPlanApprover takes RamUser:<name> or RamRole:<name>; got {approver[:60]!r}.')
