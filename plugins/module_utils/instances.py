# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Several provisioned products (instances) or tasks at once, concurrently over the one client.

Shared by info.py (several IDs, ``wait`` for all of them), provisioned_product_info (``outputs``),
the task_outputs lookup (several task IDs) and the inventory plugin. Every function keeps the order it was given and goes through
``client.get`` (so every answer is checked and every request is limited by the client's width).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import outputs_dict, poll, repeated_keys
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError


def each(client, function, values):
    """``[function(value) for value in values]``, run concurrently (at most the client's concurrency)."""
    values = list(values)
    if len(values) <= 1 or client.max_workers <= 1:
        return [function(value) for value in values]
    from concurrent.futures import ThreadPoolExecutor  # only several values need threads
    with ThreadPoolExecutor(max_workers=min(client.max_workers, len(values))) as pool:
        return list(pool.map(function, values))


def wait_many(client, fetch, ids, pending, timeout, interval, clock=None, sleep=None):
    """``fetch(id)`` for every one of ``ids`` until none is ``pending(document)``, all at once: each
    round reads every still-pending one concurrently (common.poll). Returns ``(documents in order, IDs timed out)``."""
    return poll(fetch, ids, pending, timeout, interval, each=lambda function, values: each(client, function, values),
                clock=clock or time.monotonic, sleep=sleep or time.sleep)


def outputs_of(client, products):
    """For each provisioned product document, ``(outputs, parameters, warning)`` of its last
    successful provisioning task: dicts keyed as the template defines them, empty (with a warning
    naming the instance) when it has no successful task yet or that task is gone."""
    def one(product):
        name = product.get('ProvisionedProductName') or product.get('ProvisionedProductId')
        task_id = product.get('LastSuccessfulProvisioningTaskId')
        if not task_id:
            return {}, {}, 'provisioned product %s has no successful provisioning task yet (status %s): no outputs' % (
                name, product.get('Status'))
        try:
            task = client.get('GetTask', {'TaskId': task_id})
        except ServiceCatalogError as err:
            if not err.not_found:
                raise
            return {}, {}, 'provisioned product %s: its last successful task %s does not exist: no outputs' % (name, task_id)
        repeated = repeated_keys(task.get('Outputs'))
        warning = ('provisioned product %s: task %s has the output%s %s more than once; the last value is kept' % (
            name, task_id, 's' if len(repeated) > 1 else '', ', '.join(repeated))) if repeated else None
        parameters = dict((p.get('ParameterKey'), p.get('ParameterValue')) for p in task.get('Parameters') or [])
        return outputs_dict(task.get('Outputs')), parameters, warning
    return each(client, one, products)
