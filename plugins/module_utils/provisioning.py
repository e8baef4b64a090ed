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
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_region
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


def desired_inputs(client, opts, params, current, before, what):
    """``({product_id, product_version_id, stack_region_id, parameters, tags}, PortfolioId of a launch)``: what
    a launch (``current`` None) or an update of the instance ``current`` (``before``: its parameters and tags)
    asks for. ``opts``: the stripped text options; ``params``: parameters, tags, purge_tags. Region and
    product cannot change in place: a different one fails naming the option."""
    portfolio = None
    if current is not None:
        if opts['stack_region_id'] and opts['stack_region_id'] != current.get('StackRegionId'):
            raise ConfigError('stack_region_id: a %s cannot move to another region in place: %s is in %s' % (
                what, current['ProvisionedProductId'], current.get('StackRegionId')))
        product_id = current['ProductId']
        if opts['product_id'] or opts['product_name']:
            given, _default = product_of(client, opts['product_id'], opts['product_name'])
            if given != product_id:
                raise ConfigError('%s: a %s cannot change its product in place: %s is of product %s' % (
                    'product_id' if opts['product_id'] else 'product_name', what, current['ProvisionedProductId'], product_id))
        version = version_of(client, product_id, opts['product_version_id'], opts['product_version_name'], False)
        version = version or current.get('ProductVersionId')
        parameters = dict(before['parameters'], **render_parameters(params['parameters']))
        tags, region = before['tags'], current.get('StackRegionId')
    else:
        if not (opts['product_id'] or opts['product_name']):
            raise ConfigError('product_id: required (or product_name) to launch a %s' % what)
        product_id, has_default = product_of(client, opts['product_id'], opts['product_name'])
        version = version_of(client, product_id, opts['product_version_id'], opts['product_version_name'], True)
        portfolio = portfolio_for_launch(client, product_id, opts['portfolio_id'], has_default)
        region = opts['stack_region_id'] or client.region or resolve_region(params)
        if not region:
            raise ConfigError('stack_region_id: required when no region is set (alicloud_region or its environment variables)')
        parameters, tags = render_parameters(params['parameters']), {}
    if params['tags'] is not None:
        given = dict((str(k), '' if v is None else str(v)) for k, v in params['tags'].items())
        tags = given if params['purge_tags'] else dict(tags, **given)
    return dict(product_id=product_id, product_version_id=version, stack_region_id=region, parameters=parameters, tags=tags), portfolio


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
