"""The operation table: one declaration per served action (how it travels, what it answers, how it pages and filters).

A declaration says what the official SDK does on the wire (``method``, ``params_in``), where the result travels in the
answer (``result``), the paging style, the filter style and the allowed filter keys. The handler of an operation is
the ``Api`` method named after it in snake case (``ListTasks`` -> ``list_tasks``). Both GET and POST are accepted for
every operation, as Alibaba Cloud RPC endpoints do; the request log records which one came.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import INSTANCE_LIST_FIELDS, PLAN_LIST_FIELDS, TASK_LIST_FIELDS

# where parameters travel in the SDK's request
QUERY, FORM, NONE = 'query', 'form', 'none'
# paging styles
PAGES = 'pages'  # PageNumber / PageSize in, TotalCount / PageNumber / PageSize out
PAGES_AND_TOKEN = 'pages+token'  # the same, plus NextToken / MaxResults (ListTagOptions)
# filter styles
NUMBERED = 'numbered'  # Filters.N.Key / Filters.N.Value
JSON_TEXT = 'json'  # one Filters parameter holding a JSON object (ListTagOptions)

ACCEPTED_METHODS = ('GET', 'POST')


@dataclass(frozen=True)
class Operation:
    """One operation of Service Catalog 2021-09-01, as declared by the SDK and the API reference."""

    name: str
    method: str  # what the SDK sends: 'POST' or 'GET' (both are accepted)
    params_in: str  # QUERY, FORM or NONE
    result: str  # the answer's result key
    many: bool = False  # the result is a list
    paging: str | None = None  # None, PAGES or PAGES_AND_TOKEN
    sortable: bool = False  # takes SortBy / SortOrder
    filters: str | None = None  # None, NUMBERED or JSON_TEXT
    filter_keys: tuple[str, ...] = ()
    multi_value_keys: frozenset = frozenset()  # filter keys whose one Value may list several values, comma-separated
    fields: tuple[str, ...] | None = None  # the response fields of a paged listing's items, in order
    request_id_first: bool = False  # a paged listing whose answer starts with RequestId (as its reference example shows)
    write: bool = False  # changes state (always POST with a form body; the answer's fields are all top-level)

    @property
    def handler_name(self) -> str:
        return re.sub(r'(?<!^)(?=[A-Z])', '_', self.name).lower()


def _declare(*operations: Operation) -> dict[str, Operation]:
    return {operation.name: operation for operation in operations}


INSTANCE_FILTER_KEYS = ('ProvisionedProductName', 'FullTextSearch')
PLAN_FILTER_KEYS = ('ProvisionedProductPlanName', 'ProvisionedProductPlanApprover', 'ProvisionedProductPlanApproverName',
                    'ProvisionedProductPlanStatus', 'ProvisionedProductPlanOwnerUid', 'FullTextSearch')
# Keys documented as taking several values: one Value may list them comma-separated (repeating the key works for every key).
PLAN_MULTI_VALUE_KEYS = frozenset(['ProvisionedProductPlanApprover', 'ProvisionedProductPlanApproverName', 'ProvisionedProductPlanStatus'])

OPERATIONS = _declare(
    Operation('ListTasks', 'POST', QUERY, 'TaskDetails', many=True, paging=PAGES, sortable=True, fields=TASK_LIST_FIELDS),
    Operation('GetTask', 'POST', FORM, 'TaskDetail'),
    Operation('ListProvisionedProducts', 'POST', QUERY, 'ProvisionedProductDetails', many=True, paging=PAGES, sortable=True,
              filters=NUMBERED, filter_keys=INSTANCE_FILTER_KEYS, fields=INSTANCE_LIST_FIELDS),
    Operation('GetProvisionedProduct', 'POST', QUERY, 'ProvisionedProductDetail'),
    Operation('ListProvisionedProductPlans', 'POST', QUERY, 'PlanDetails', many=True, paging=PAGES, sortable=True, filters=NUMBERED,
              filter_keys=PLAN_FILTER_KEYS, multi_value_keys=PLAN_MULTI_VALUE_KEYS, fields=PLAN_LIST_FIELDS, request_id_first=True),
    Operation('GetProvisionedProductPlan', 'POST', FORM, 'PlanDetail'),
    # the catalog
    Operation('GetConstraint', 'POST', QUERY, 'ConstraintDetail'),
    Operation('GetPortfolio', 'POST', QUERY, 'PortfolioDetail'),
    Operation('GetProductAsAdmin', 'POST', QUERY, 'ProductDetail'),
    Operation('GetProductAsEndUser', 'POST', QUERY, 'ProductSummary'),
    Operation('GetProductVersion', 'POST', QUERY, 'ProductVersionDetail'),
    Operation('GetTagOption', 'GET', QUERY, 'TagOptionDetail'),
    Operation('GetTemplate', 'POST', QUERY, 'TemplateBody'),
    Operation('ListLaunchOptions', 'POST', QUERY, 'LaunchOptionSummaries', many=True),
    Operation('ListPortfolios', 'POST', QUERY, 'PortfolioDetails', many=True, paging=PAGES, sortable=True, filters=NUMBERED,
              filter_keys=('PortfolioName', 'FullTextSearch')),
    Operation('ListPrincipals', 'POST', QUERY, 'Principals', many=True),
    Operation('ListProductVersions', 'POST', QUERY, 'ProductVersionDetails', many=True),
    Operation('ListProductsAsAdmin', 'POST', QUERY, 'ProductDetails', many=True, paging=PAGES, sortable=True, filters=NUMBERED,
              filter_keys=('ProductName', 'FullTextSearch')),
    Operation('ListProductsAsEndUser', 'POST', QUERY, 'ProductSummaries', many=True, paging=PAGES, sortable=True, filters=NUMBERED,
              filter_keys=('ProductName', 'FullTextSearch')),
    Operation('ListProvisionedProductPlanApprovers', 'GET', QUERY, 'Approvers', many=True, filters=NUMBERED,
              filter_keys=('ProvisionedProductPlanApproverName',), multi_value_keys=frozenset(['ProvisionedProductPlanApproverName'])),
    Operation('ListRegions', 'POST', NONE, 'Regions', many=True),
    Operation('ListResourcesForTagOption', 'GET', QUERY, 'ResourceDetails', many=True, paging=PAGES),
    Operation('ListTagOptions', 'GET', QUERY, 'TagOptionDetails', many=True, paging=PAGES_AND_TOKEN, sortable=True, filters=JSON_TEXT,
              filter_keys=('Active', 'FullTextSearch', 'Key', 'Value')),
)


def _write(name: str, result: str) -> Operation:
    """A write operation: the SDK sends POST with every parameter in a form body; ``result``: its first answer field."""
    return Operation(name, 'POST', FORM, result, write=True)


WRITE_OPERATIONS = _declare(
    _write('LaunchProduct', 'ProvisionedProductId'),
    _write('UpdateProvisionedProduct', 'ProvisionedProductId'),
    _write('TerminateProvisionedProduct', 'RequestId'),
    _write('CreateProvisionedProductPlan', 'PlanId'),
    _write('UpdateProvisionedProductPlan', 'PlanId'),
    _write('ExecuteProvisionedProductPlan', 'PlanId'),
    _write('CancelProvisionedProductPlan', 'RequestId'),
    _write('ApproveProvisionedProductPlan', 'RequestId'),
    _write('DeleteProvisionedProductPlan', 'RequestId'),
)
ADMIN_OPERATIONS = _declare(
    _write('CreatePortfolio', 'PortfolioId'),
    _write('UpdatePortfolio', 'PortfolioId'),
    _write('DeletePortfolio', 'RequestId'),
    _write('CreateProduct', 'ProductId'),
    _write('UpdateProduct', 'ProductId'),
    _write('DeleteProduct', 'RequestId'),
    _write('CopyProduct', 'RequestId'),
    _write('CreateProductVersion', 'ProductVersionId'),
    _write('UpdateProductVersion', 'ProductVersionId'),
    _write('DeleteProductVersion', 'RequestId'),
    _write('CreateTemplate', 'TemplateUrl'),
    _write('CreateConstraint', 'ConstraintId'),
    _write('UpdateConstraint', 'ConstraintId'),
    _write('DeleteConstraint', 'RequestId'),
    _write('CreateTagOption', 'TagOptionDetail'),
    _write('UpdateTagOption', 'TagOptionDetail'),
    _write('DeleteTagOption', 'RequestId'),
    _write('AssociateProductWithPortfolio', 'RequestId'),
    _write('DisassociateProductFromPortfolio', 'RequestId'),
    _write('AssociatePrincipalWithPortfolio', 'RequestId'),
    _write('DisassociatePrincipalFromPortfolio', 'RequestId'),
    _write('AssociateTagOptionWithResource', 'RequestId'),
    _write('DisAssociateTagOptionFromResource', 'RequestId'),
)
READ_OPERATIONS = dict(OPERATIONS)
OPERATIONS.update(WRITE_OPERATIONS)
OPERATIONS.update(ADMIN_OPERATIONS)
