# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every read operation of Service Catalog 2021-09-01, declared once.

The client reads this table and nothing else about resources: the HTTP method, where the
parameters travel, the key that holds the answer and its type, the key that identifies a list
item (de-duplication across pages), the paging style, the filter style and keys, the top-level
keys a Get answer carries besides its result (merged into the one item), and the lists inside an
item whose entries must be objects with a given key (checked before use). Facts:
``shared/api/operations.md`` (the official SDK, version 1.2.5).

Adding an operation starts here: one ``_op(...)`` line (see docs/developers.md).
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

Operation = namedtuple('Operation', [
    'name',          # the API action
    'method',        # 'POST' or 'GET'
    'body',          # True: parameters in an application/x-www-form-urlencoded body; else the query string
    'result_key',    # the answer's key holding the result
    'result_type',   # OBJECT (Get), LIST (List) or TEXT (GetTemplate)
    'id_key',        # the key identifying a list item (None: items have no ID)
    'paging',        # PAGES or None (the whole list in one answer)
    'filters',       # GROUPS, JSON_TEXT or None
    'filter_keys',   # the documented filter keys
    'extra_keys',    # top-level keys of a Get answer merged into its item
    'item_lists',    # ((field, key), ...): item[field], when present, is a list of objects each with key
])

# Lists, wherever they are in an answer, that the plugins turn into dicts keyed by a field of each entry
# (common.snake_case: tags as {Key: Value}, parameter_values, output_values): that field must be text.
KEYED_LISTS = {'Tags': 'Key', 'TaskTags': 'Key', 'Parameters': 'ParameterKey', 'Outputs': 'OutputKey'}

_OUTPUTS = (('Outputs', 'OutputKey'), ('Parameters', 'ParameterKey'))
_TAGS = (('Tags', 'Key'),)


def _op(name, result_key, result_type, id_key=None, method='POST', body=False, paging=None, filters=None, filter_keys=(),
        extra_keys=(), item_lists=()):
    return Operation(name, method, body, result_key, result_type, id_key, paging, filters, tuple(filter_keys),
                     tuple(extra_keys), tuple(item_lists))


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

OPERATIONS = dict((operation.name, operation) for operation in _TABLE)


def operation(name):
    """The declaration of ``name``; KeyError names the action when it is not a declared read operation."""
    try:
        return OPERATIONS[name]
    except KeyError:
        raise KeyError('%s is not a declared Service Catalog read operation' % name)
