# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What provisioning modules share: choosing the product, version and portfolio of a launch,
rendering parameters to the strings the API takes, reading a task's outcome, previewing with a plan.

Facts: shared/api/write-operations.md ("Deciding whether a provisioned product needs an update",
"Check mode and dry runs"). Used by the provisioned_product module (and the plan modules to come).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import uuid

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import snake_case, wait_for
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError

# Lines of a failed task's stderr Terraform log put in the failure message.
STDERR_TAIL_LINES = 10


def render_parameters(parameters):
    """``{key: value}`` as the API's strings: numbers as decimal text, booleans ``true`` / ``false``,
    lists and dicts as compact JSON, None as the empty string, text as given."""
    rendered = {}
    for key, value in (parameters or {}).items():
        if isinstance(value, bool):
            text = 'true' if value else 'false'
        elif isinstance(value, (list, dict)):
            text = json.dumps(value, separators=(',', ':'), ensure_ascii=False)
        elif value is None:
            text = ''
        else:
            text = str(value)
        rendered[str(key)] = text
    return rendered


def entries(mapping, key_field, value_field):
    """``{k: v}`` as the API's list ``[{key_field: k, value_field: v}, ...]``, sorted by key."""
    return [{key_field: key, value_field: mapping[key]} for key in sorted(mapping)]


def product_of(client, product_id, product_name):
    """``(ProductId, HasDefaultLaunchOption)`` of the product given by ID or exact name (end-user view)."""
    if product_id:
        try:
            product = client.get('GetProductAsEndUser', {'ProductId': product_id})
        except ServiceCatalogError as err:
            if err.not_found:
                raise ConfigError('product_id: no product %s is available to you (%s)' % (product_id, err.short()))
            raise
        return product['ProductId'], product.get('HasDefaultLaunchOption')
    listing = client.list('ListProductsAsEndUser', {'Filters.1.Key': 'ProductName', 'Filters.1.Value': product_name})
    found = [item for item in listing.items if item.get('ProductName') == product_name]
    if len(found) != 1:
        raise ConfigError('product_name: %s named %r%s' % (
            'no product available to you is' if not found else '%d products are' % len(found), product_name,
            '' if not found else ' (%s); give product_id' % ', '.join(sorted(item['ProductId'] for item in found))))
    return found[0]['ProductId'], found[0].get('HasDefaultLaunchOption')


def version_of(client, product_id, version_id, version_name, default_needed):
    """The ProductVersionId to use: the one given by ID or exact name; with neither, the version whose
    Guidance is ``Default`` when ``default_needed`` (else None: keep the current one)."""
    if version_id and not version_name:
        return version_id
    versions = client.list('ListProductVersions', {'ProductId': product_id}).items
    described = ', '.join('%s (%s, %s)' % (v.get('ProductVersionName'), v.get('ProductVersionId'), v.get('Guidance') or 'no guidance')
                          for v in versions)
    if version_name:
        found = [v for v in versions if v.get('ProductVersionName') == version_name]
        if len(found) != 1:
            raise ConfigError('product_version_name: %s of product %s is named %r; its versions: %s' % (
                'no version' if not found else '%d versions' % len(found), product_id, version_name, described))
        if version_id and found[0]['ProductVersionId'] != version_id:
            raise ConfigError('product_version_name: %r is version %s, not product_version_id %s' % (
                version_name, found[0]['ProductVersionId'], version_id))
        return found[0]['ProductVersionId']
    if not default_needed:
        return None
    defaults = [v for v in versions if v.get('Guidance') == 'Default' and v.get('Active', True)]
    if len(defaults) != 1:
        raise ConfigError('product_version_id: product %s has %s version whose guidance is Default; give product_version_id '
                          'or product_version_name, one of: %s' % (product_id, 'no' if not defaults else 'more than one', described))
    return defaults[0]['ProductVersionId']


def portfolio_for_launch(client, product_id, portfolio_id, has_default):
    """The PortfolioId to send: the one given, or None when the product has a default launch option;
    otherwise a ConfigError listing the launch options."""
    if portfolio_id or has_default:
        return portfolio_id
    options = client.list('ListLaunchOptions', {'ProductId': product_id}).items
    raise ConfigError('portfolio_id: product %s has no default launch option; give one of its launch options: %s' % (
        product_id, ', '.join('%s (%s)' % (o.get('PortfolioId'), o.get('PortfolioName')) for o in options) or 'none'))


def task_summary(task):
    """``{task_id, task_type, status}`` (and ``status_message``) of a GetTask document."""
    if not task:
        return {}
    summary = dict(task_id=task.get('TaskId'), task_type=task.get('TaskType'), status=task.get('Status'))
    if task.get('StatusMessage'):
        summary['status_message'] = task['StatusMessage']
    return summary


def failure_message(what, task, instance):
    """The one-line reason of a failed run: the task's (else the instance's) StatusMessage and the last
    lines of the stderr Terraform logs."""
    message = (task or {}).get('StatusMessage') or (instance or {}).get('StatusMessage') or 'no StatusMessage'
    stderr = [log.get('Content') or '' for log in ((task or {}).get('Log') or {}).get('TerraformLogs') or []
              if log.get('Stream') == 'stderr']
    lines = [line.strip() for line in '\n'.join(stderr).splitlines() if line.strip()][-STDERR_TAIL_LINES:]
    text = '%s failed (task %s, status %s): %s' % (what, (task or {}).get('TaskId'), (task or {}).get('Status'), message)
    if lines:
        text += '; terraform stderr (last lines): %s' % ' | '.join(lines)
    return text


def preview_plan(client, options, params, log):
    """Preview ``params`` (CreateProvisionedProductPlan's, without PlanName / PlanType) server-side: create a
    plan, wait for its preview, read ResourceChanges, then delete the plan whatever happened. Returns
    ``resource_changes`` (snake_case). A failed preview raises ConfigError with its StatusMessage."""
    name = 'ansible-preview-%s' % uuid.uuid4().hex[:16]
    plan_params = dict(params, PlanName=name, PlanType='Ros')
    try:
        plan_id = client.call('CreateProvisionedProductPlan', plan_params, profile='write')['PlanId']
    except ServiceCatalogError as err:
        if not err.retryable:
            raise
        found = [p for p in client.list('ListProvisionedProductPlans', {
            'Filters.1.Key': 'ProvisionedProductPlanName', 'Filters.1.Value': name}).items if p.get('PlanName') == name]
        if not found:
            raise
        plan_id = found[0]['PlanId']
    try:
        plan = wait_for(lambda: client.get('GetProvisionedProductPlan', {'PlanId': plan_id}),
                        lambda doc: doc.get('Status') == 'PreviewInProgress', options, 'the preview plan %s' % plan_id)
        if plan.get('Status') == 'PreviewFailed':
            raise ConfigError('preview: the plan %s failed: %s' % (plan_id, plan.get('StatusMessage') or 'no StatusMessage'))
        return snake_case(plan.get('ResourceChanges') or [])
    finally:
        try:
            client.call('DeleteProvisionedProductPlan', {'PlanId': plan_id}, profile='write')
        except ServiceCatalogError as err:
            log('DeleteProvisionedProductPlan %s: %s; the preview plan is left behind' % (plan_id, err.short()))
