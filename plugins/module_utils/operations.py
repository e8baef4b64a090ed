# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every operation of Service Catalog 2021-09-01, declared once: the 23 reads, the nine end-user writes
and the 23 administration writes.

The client reads this table and nothing else about resources: the HTTP method, where the
parameters travel, the key that holds the answer and its type, the key that identifies a list
item (de-duplication across pages), the paging style, the filter style and keys, the top-level
keys a Get answer carries besides its result (merged into the one item), and the lists inside an
item whose entries must be objects with a given key (checked before use). Facts:
``shared/api/operations.md`` (the official SDK, version 1.2.5).

Writes (``shared/api/write-operations.md``) are declared with ``_write(...)``: ``kind='write'``, POST,
every parameter in a form body, a result of top-level text (an ID; an object for the tag option writes) or
nothing but RequestId. The
client sends a write under the ``write`` retry profile (never re-sent once it may have reached the
server). ``OPERATIONS`` holds the reads only (consumers that derive read tests from it keep working),
``WRITE_OPERATIONS`` the writes; ``operation(name)`` finds either.

Adding an operation starts here: one ``_op(...)`` or ``_write(...)`` line (see docs/developers.md).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections import namedtuple

# paging styles
PAGES = 'pages'        # PageNumber / PageSize in, TotalCount out
# filter styles
GROUPS = 'groups'      # Filters.N.Key / Filters.N.Value, numbered from 1
JSON_TEXT = 'json'     # one parameter Filters holding compact JSON text (ListTagOptions)
# result types
OBJECT, LIST, TEXT = 'object', 'list', 'text'
NOTHING = 'nothing'   # a write answering RequestId only
# kinds
READ, WRITE = 'read', 'write'

Operation = namedtuple('Operation', [
    'name',          # the API action
    'method',        # 'POST' or 'GET'
    'body',          # True: parameters in an application/x-www-form-urlencoded body; else the query string
    'result_key',    # the answer's key holding the result
    'result_type',   # OBJECT (Get), LIST (List), TEXT (GetTemplate, a write's new ID) or NOTHING
    'id_key',        # the key identifying a list item (None: items have no ID)
    'paging',        # PAGES or None (the whole list in one answer)
    'filters',       # GROUPS, JSON_TEXT or None
    'filter_keys',   # the documented filter keys
    'extra_keys',    # top-level keys of a Get answer merged into its item
    'item_lists',    # ((field, key), ...): item[field], when present, is a list of objects each with key
    'kind',          # READ or WRITE (sent under the retry profile of that name)
])

# Lists, wherever they are in an answer, that the plugins turn into dicts keyed by a field of each entry
# (common.snake_case: tags as {Key: Value}, parameter_values, output_values): that field must be text.
KEYED_LISTS = {'Tags': 'Key', 'TaskTags': 'Key', 'Parameters': 'ParameterKey', 'Outputs': 'OutputKey'}

_OUTPUTS = (('Outputs', 'OutputKey'), ('Parameters', 'ParameterKey'))
_TAGS = (('Tags', 'Key'),)


def _op(name, result_key, result_type, id_key=None, method='POST', body=False, paging=None, filters=None, filter_keys=(),
        extra_keys=(), item_lists=()):
    return Operation(name, method, body, result_key, result_type, id_key, paging, filters, tuple(filter_keys),
                     tuple(extra_keys), tuple(item_lists), READ)


def _write(name, result_key=None, extra_keys=(), result_type=TEXT):
    """A write: POST, form body; ``result_key`` a top-level text (the ID it returns; ``result_type=OBJECT``: an
    object, CreateTagOption's TagOptionDetail) or None (RequestId only)."""
    return Operation(name, 'POST', True, result_key, result_type if result_key else NOTHING, None, None, None, (),
                     tuple(extra_keys), (), WRITE)


_TABLE = (
    # the five operations of the seed pages, and GetProvisionedProductPlan
    _op('ListTasks', 'TaskDetails', LIST, 'TaskId', paging=PAGES, item_lists=_OUTPUTS),
    _op('GetTask', 'TaskDetail', OBJECT, body=True, item_lists=_OUTPUTS + (('TaskTags', 'Key'),)),
    _op('ListProvisionedProducts', 'ProvisionedProductDetails', LIST, 'ProvisionedProductId', paging=PAGES, filters=GROUPS,
        filter_keys=('ProvisionedProductName', 'FullTextSearch')),
    _op('GetProvisionedProduct', 'ProvisionedProductDetail', OBJECT),
    _op('ListProvisionedProductPlans', 'PlanDetails', LIST, 'PlanId', paging=PAGES, filters=GROUPS,
        filter_keys=('ProvisionedProductPlanName', 'ProvisionedProductPlanApprover', 'ProvisionedProductPlanApproverName',
                     'ProvisionedProductPlanStatus', 'ProvisionedProductPlanOwnerUid', 'FullTextSearch'),
        item_lists=(('Parameters', 'ParameterKey'),) + _TAGS),
    _op('GetProvisionedProductPlan', 'PlanDetail', OBJECT, body=True,
        extra_keys=('ProductDetail', 'ProductVersionDetail', 'ResourceChanges'),
        item_lists=(('Parameters', 'ParameterKey'),) + _TAGS),
    # the catalog
    _op('GetConstraint', 'ConstraintDetail', OBJECT),
    _op('GetPortfolio', 'PortfolioDetail', OBJECT, extra_keys=('TagOptions',)),
    _op('ListPortfolios', 'PortfolioDetails', LIST, 'PortfolioId', paging=PAGES, filters=GROUPS,
        filter_keys=('PortfolioName', 'FullTextSearch')),
    _op('ListPrincipals', 'Principals', LIST, 'PrincipalId'),
    _op('GetProductAsAdmin', 'ProductDetail', OBJECT, extra_keys=('TagOptions',)),
    _op('GetProductAsEndUser', 'ProductSummary', OBJECT),
    _op('ListProductsAsAdmin', 'ProductDetails', LIST, 'ProductId', paging=PAGES, filters=GROUPS,
        filter_keys=('ProductName', 'FullTextSearch')),
    _op('ListProductsAsEndUser', 'ProductSummaries', LIST, 'ProductId', paging=PAGES, filters=GROUPS,
        filter_keys=('ProductName', 'FullTextSearch')),
    _op('GetProductVersion', 'ProductVersionDetail', OBJECT),
    _op('ListProductVersions', 'ProductVersionDetails', LIST, 'ProductVersionId'),
    _op('ListLaunchOptions', 'LaunchOptionSummaries', LIST, 'PortfolioId', item_lists=(('ConstraintSummaries', 'ConstraintType'),)),
    _op('GetTemplate', 'TemplateBody', TEXT),
    _op('GetTagOption', 'TagOptionDetail', OBJECT, method='GET'),
    _op('ListTagOptions', 'TagOptionDetails', LIST, 'TagOptionId', method='GET', paging=PAGES, filters=JSON_TEXT,
        filter_keys=('Active', 'FullTextSearch', 'Key', 'Value')),
    _op('ListResourcesForTagOption', 'ResourceDetails', LIST, 'ResourceId', method='GET', paging=PAGES),
    _op('ListProvisionedProductPlanApprovers', 'Approvers', LIST, method='GET', filters=GROUPS,
        filter_keys=('ProvisionedProductPlanApproverName',)),
    _op('ListRegions', 'Regions', LIST, 'RegionId'),
)

# The nine end-user writes (shared/api/write-operations.md): all asynchronous but Cancel, Approve and
# Delete; none returns a TaskId; none takes an idempotency token.
_WRITES = (
    _write('LaunchProduct', 'ProvisionedProductId'),
    _write('UpdateProvisionedProduct', 'ProvisionedProductId'),
    _write('TerminateProvisionedProduct'),
    _write('CreateProvisionedProductPlan', 'PlanId', extra_keys=('ProvisionedProductId',)),
    _write('UpdateProvisionedProductPlan', 'PlanId', extra_keys=('ProvisionedProductId',)),
    _write('ExecuteProvisionedProductPlan', 'PlanId'),
    _write('CancelProvisionedProductPlan'),
    _write('ApproveProvisionedProductPlan'),
    _write('DeleteProvisionedProductPlan'),
)

# The 23 administration writes (the catalog as code): all synchronous; CopyProduct is declared for completeness
# (no module calls it: its result and timing are unverified).
_ADMIN_WRITES = (
    _write('CreatePortfolio', 'PortfolioId'),
    _write('UpdatePortfolio', 'PortfolioId'),
    _write('DeletePortfolio'),
    _write('CreateProduct', 'ProductId', extra_keys=('ProductVersionId',)),
    _write('UpdateProduct', 'ProductId'),
    _write('DeleteProduct'),
    _write('CopyProduct'),
    _write('CreateProductVersion', 'ProductVersionId'),
    _write('UpdateProductVersion', 'ProductVersionId'),
    _write('DeleteProductVersion'),
    _write('CreateTemplate', 'TemplateUrl'),
    _write('CreateConstraint', 'ConstraintId'),
    _write('UpdateConstraint', 'ConstraintId'),
    _write('DeleteConstraint'),
    _write('CreateTagOption', 'TagOptionDetail', result_type=OBJECT),
    _write('UpdateTagOption', 'TagOptionDetail', result_type=OBJECT),
    _write('DeleteTagOption'),
    _write('AssociateProductWithPortfolio'),
    _write('DisassociateProductFromPortfolio'),
    _write('AssociatePrincipalWithPortfolio'),
    _write('DisassociatePrincipalFromPortfolio'),
    _write('AssociateTagOptionWithResource'),
    _write('DisAssociateTagOptionFromResource'),
)

OPERATIONS = dict((operation.name, operation) for operation in _TABLE)
WRITE_OPERATIONS = dict((operation.name, operation) for operation in _WRITES + _ADMIN_WRITES)


def operation(name):
    """The declaration of ``name``; KeyError names the action when it is not a declared operation."""
    found = OPERATIONS.get(name) or WRITE_OPERATIONS.get(name)
    if found is None:
        raise KeyError('%s is not a declared Service Catalog operation' % name)
    return found
