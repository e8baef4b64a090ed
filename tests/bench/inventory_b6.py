"""B6 of `make bench`, the inventory side: ``ansible-inventory --list`` of 1,000 provisioned products.

For tests/bench/bench.py (its ``Context``: ``emulator(n)``, ``run(cmd, what)``, ``step(name)``, ``work``,
``args.core_venv``, ``args.runs``, ``latency``). Plugging it in, in bench.py::

    from inventory_b6 import measure_inventory, measure_module_outputs

    def row_b6(ctx):
        inventory = measure_inventory(ctx, 1000, error=BenchError)
        module = measure_module_outputs(ctx, 1000, error=BenchError)
        inv, mod = median(inventory['seconds']), median(module['seconds'])
        return [result('B6', 'inventory plugin / provisioned_product_info outputs=true, 1,000 products',
                       'inventory %s, module %s (floor: one listing + %d rounds of task reads = %s)' % (
                           fmt_s(inv), fmt_s(mod), inventory['task_rounds'], fmt_s(inventory['floor_s'])),
                       inv / mod, 1.2, dict(inventory=inventory, module=module))]

``measure_module_outputs`` needs provisioned_product_info's ``outputs`` option (the modules' branch);
without it the row fails with a message saying so.
"""
from __future__ import annotations

import ast
import json
import math
import os
import re

COLLECTION = 'alicloud.servicecatalog'
SOURCE = '''---
# Written by tests/bench/inventory_b6.py: every instance of the account, any state.
plugin: %(collection)s.provisioned_products
access_level_filter: Account
statuses: []
host_output: PublicIP
keyed_groups:
  - {key: product_name, prefix: product}
  - {key: status, prefix: status}
'''


def measure_inventory(ctx, products=1000, error=RuntimeError, concurrency=None):
    """Timed ``ansible-inventory -i bench.servicecatalog.yml --list`` against ``--generate products``,
    ``ctx.args.runs`` times, each checked (one host per instance, outputs read). Returns the times and
    the floor the issue names: one listing plus ceil(products / concurrency) rounds of task reads at the
    emulator's latency (the listing's own time comes from its pages: ceil(products / 100) - 1 after the first,
    read concurrently)."""
    ctx.emulator(products)
    source = os.path.join(ctx.work, 'bench.servicecatalog.yml')
    with open(source, 'w', encoding='utf-8') as handle:
        handle.write(SOURCE % {'collection': COLLECTION})
        if concurrency:
            handle.write('concurrency: %d\n' % concurrency)
    width = concurrency or default_concurrency(ctx)
    cmd = [os.path.join(ctx.args.core_venv, 'bin', 'ansible-inventory'), '-i', source, '--list']
    seconds = []
    for run in range(ctx.args.runs):
        with ctx.step('B6 ansible-inventory --list, %s products %d/%d' % (format(products, ','), run + 1, ctx.args.runs)):
            took, stdout, _stderr = ctx.run(cmd, 'ansible-inventory (inventory plugin provisioned_products)')
        hostvars = (json.loads(stdout).get('_meta') or {}).get('hostvars') or {}
        if len(hostvars) != products:
            raise error('B6: ansible-inventory gave %d hosts, expected %d' % (len(hostvars), products))
        with_outputs = sum(1 for host in hostvars.values() if isinstance(host.get('outputs'), dict) and host['outputs'])
        if with_outputs < products // 2:
            raise error('B6: only %d of %d hosts have outputs: the task reads did not happen' % (with_outputs, products))
        seconds.append(took)
    pages = math.ceil(products / 100.0)
    listing_rounds = 1 + math.ceil((pages - 1) / float(width))
    task_rounds = math.ceil(products / float(width))
    return dict(seconds=seconds, hosts=products, concurrency=width, task_rounds=task_rounds,
                floor_s=round((listing_rounds + task_rounds) * ctx.latency, 3))


def measure_module_outputs(ctx, products=1000, error=RuntimeError):
    """Timed ``provisioned_product_info access_level_filter=Account outputs=true`` (ad hoc), checked."""
    if not module_has_outputs(ctx):
        raise error('B6: provisioned_product_info has no outputs option yet (the modules branch adds it)')
    ctx.emulator(products)
    cmd = [os.path.join(ctx.args.core_venv, 'bin', 'ansible'), 'localhost', '-m', '%s.provisioned_product_info' % COLLECTION,
           '-a', 'access_level_filter=Account outputs=true', '-e', 'ansible_python_interpreter=%s' % ctx.core_python]
    seconds = []
    for run in range(ctx.args.runs):
        with ctx.step('B6 provisioned_product_info outputs=true, %s products %d/%d' % (format(products, ','), run + 1, ctx.args.runs)):
            took, stdout, _stderr = ctx.run(cmd, 'ansible -m provisioned_product_info outputs=true')
        head, _sep, body = stdout.partition(' => ')
        if 'SUCCESS' not in head:
            raise error('B6: provisioned_product_info outputs=true did not succeed: %s' % stdout[:400])
        items = json.loads(body).get('provisioned_products') or []
        if len(items) != products:
            raise error('B6: provisioned_product_info gave %d instances, expected %d' % (len(items), products))
        seconds.append(took)
    return dict(seconds=seconds)


def module_has_outputs(ctx):
    """Whether the installed provisioned_product_info documents an ``outputs`` option."""
    path = os.path.join(getattr(ctx, 'installed', None) or '', 'plugins', 'modules', 'provisioned_product_info.py')
    if not os.path.isfile(path):
        return True  # not known: let the module say
    with open(path, encoding='utf-8') as handle:
        tree = ast.parse(handle.read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'DOCUMENTATION' for t in node.targets):
            return re.search(r'^  outputs:', ast.literal_eval(node.value), re.M) is not None
    return True


def default_concurrency(ctx):
    fn = getattr(ctx, 'default_concurrency', None)
    return fn() if fn else 8
