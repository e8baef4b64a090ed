"""B7 of `make bench`: launching 20 provisioned products to ``Available`` against launching 1.

For tests/bench/bench.py (its ``Context``: ``emulator(n)``, ``run(cmd, what, env)``, ``step(name)``, ``env()``,
``work``, ``core_python``, ``args``). The emulator serves its demo catalog (``ctx.emulator(0)``) with
``--provision-seconds`` (bench.py's ``--provision-seconds``, default 5): every launch stays ``UnderChange``
that long, then turns ``Available``.

Three patterns, each timed as a whole ``ansible-playbook`` run (start-up included) for 20 new instances
and for 1, the two sizes interleaved, every run with names of its own:

- ``instances`` (the row's ratio): one ``provisioned_product`` task with ``instances``, one entry per name: one
  module run launches them all at once, then waits for all of them together (``wait: true``).
- ``loop``: the pattern of the user guide ("Many at once") and of the module's notes: one task with a
  ``loop`` over the names and ``wait: false``, then one ``provisioned_product_info`` with
  ``provisioned_product_ids`` and ``wait: true`` waiting for all of them together.
- ``hosts``: one inventory host per instance, the launch task ``delegate_to: localhost`` with its own
  ``wait: true``, and ``forks`` at least the number of hosts, so that Ansible runs the 20 launches at once.

Every playbook ends with an assert that every instance is ``Available``; a failed run is a BenchError.
``wait_interval`` is 1 s in every playbook (the default of 5 s would round every run up to the next 5 s).
"""
from __future__ import annotations

import json
import os

COLLECTION = 'alicloud.servicecatalog'
REGION = 'cn-hangzhou'
PRODUCT = 'DEMO-ECS instance'  # the demo catalog's product with a Default version and a default launch option

INSTANCES_PLAYBOOK = '''---
# Written by tests/bench/launch_b7.py: provisioned_product with instances, the first pattern of "Many at once".
- name: Launch b7_instances in one task
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Launch every instance at once and wait until all are Available
      %(collection)s.provisioned_product:
        instances: "{{ b7_instances }}"
        product_name: %(product)s
        wait_timeout: 600
        wait_interval: 1
      register: fleet

    - name: Every instance is Available
      ansible.builtin.assert:
        that:
          - fleet.provisioned_products | length == b7_instances | length
          - fleet.provisioned_products | map(attribute='provisioned_product.status') | unique == ['Available']
        quiet: true
'''

LOOP_PLAYBOOK = '''---
# Written by tests/bench/launch_b7.py: the "Many at once" pattern of the user guide.
- name: Launch b7_names, then wait for all of them at once
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Launch every instance, without waiting
      %(collection)s.provisioned_product:
        name: "{{ item }}"
        product_name: %(product)s
        wait: false
      loop: "{{ b7_names }}"
      register: launched

    - name: Wait for all of them at once
      %(collection)s.provisioned_product_info:
        provisioned_product_ids: "{{ launched.results | map(attribute='provisioned_product.provisioned_product_id') }}"
        wait: true
        wait_timeout: 600
        wait_interval: 1
      register: fleet

    - name: Every instance is Available
      ansible.builtin.assert:
        that:
          - fleet.provisioned_products | length == b7_names | length
          - fleet.provisioned_products | map(attribute='status') | unique == ['Available']
        quiet: true
'''

HOSTS_PLAYBOOK = '''---
# Written by tests/bench/launch_b7.py: one inventory host per instance, launched in parallel (forks).
- name: Launch one instance per host of the group b7
  hosts: b7
  gather_facts: false
  tasks:
    - name: Launch this host's instance and wait until it is Available
      %(collection)s.provisioned_product:
        name: "{{ inventory_hostname }}"
        product_name: %(product)s
        wait_timeout: 600
        wait_interval: 1
      delegate_to: localhost
      register: launched

    - name: It is Available
      ansible.builtin.assert:
        that: launched.provisioned_product.status == 'Available'
        quiet: true
'''


def _env(ctx):
    """The bench's environment with a region, which a launch needs (its StackRegionId)."""
    return dict(ctx.env(), ALIBABA_CLOUD_REGION_ID=REGION)


def _names(run, pattern, count):
    return ['b7-%s-r%d-n%d-%02d' % (pattern, run, count, i) for i in range(count)]


def _instances(ctx, run, count):
    playbook = os.path.join(ctx.work, 'b7-instances.yml')
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write(INSTANCES_PLAYBOOK % {'collection': COLLECTION, 'product': PRODUCT})
    instances = [{'name': name} for name in _names(run, 'instances', count)]
    cmd = [os.path.join(ctx.args.core_venv, 'bin', 'ansible-playbook'), playbook,
           '-e', 'ansible_python_interpreter=%s' % ctx.core_python, '-e', json.dumps({'b7_instances': instances})]
    seconds, _out, _err = ctx.run(cmd, 'ansible-playbook (B7 instances pattern, %d instance(s))' % count, env=_env(ctx))
    return seconds


def _loop(ctx, run, count):
    playbook = os.path.join(ctx.work, 'b7-loop.yml')
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write(LOOP_PLAYBOOK % {'collection': COLLECTION, 'product': PRODUCT})
    cmd = [os.path.join(ctx.args.core_venv, 'bin', 'ansible-playbook'), playbook,
           '-e', 'ansible_python_interpreter=%s' % ctx.core_python, '-e', json.dumps({'b7_names': _names(run, 'loop', count)})]
    seconds, _out, _err = ctx.run(cmd, 'ansible-playbook (B7 loop pattern, %d instance(s))' % count, env=_env(ctx))
    return seconds


def _hosts(ctx, run, count):
    playbook = os.path.join(ctx.work, 'b7-hosts.yml')
    with open(playbook, 'w', encoding='utf-8') as handle:
        handle.write(HOSTS_PLAYBOOK % {'collection': COLLECTION, 'product': PRODUCT})
    inventory = os.path.join(ctx.work, 'b7-hosts-%d-%d.ini' % (run, count))
    with open(inventory, 'w', encoding='utf-8') as handle:
        handle.write('[b7]\n%s\n' % '\n'.join(_names(run, 'hosts', count)))
    # The default forks (5) would launch the 20 in four rounds; a user launching N at once sets forks >= N.
    env = dict(_env(ctx), ANSIBLE_FORKS=str(max(count, 5)))
    cmd = [os.path.join(ctx.args.core_venv, 'bin', 'ansible-playbook'), '-i', inventory, playbook,
           '-e', 'ansible_python_interpreter=%s' % ctx.core_python]
    seconds, _out, _err = ctx.run(cmd, 'ansible-playbook (B7 hosts pattern, %d instance(s))' % count, env=env)
    return seconds


PATTERNS = (('instances', _instances), ('loop', _loop), ('hosts', _hosts))


def measure_launches(ctx, many=20):
    """``{pattern: {'one_s': [...], 'many_s': [...]}}``: each pattern of ``ctx.args.b7_patterns`` for 1 and ``many`` instances, interleaved,
    ``ctx.args.runs_b7`` times (fewer when ``ctx.args.b7_budget`` seconds have passed after a run)."""
    ctx.emulator(0)
    chosen = [(name, fn) for name, fn in PATTERNS if name in ctx.args.b7_patterns]
    figures = dict((name, {'one_s': [], 'many_s': []}) for name, _fn in chosen)
    spent = 0.0
    for run in range(ctx.args.runs_b7):
        if run and spent > ctx.args.b7_budget:
            break
        for name, measure in chosen:
            for count, key in ((1, 'one_s'), (many, 'many_s')):
                with ctx.step('B7 %s pattern, %d instance(s) %d/%d' % (name, count, run + 1, ctx.args.runs_b7)):
                    seconds = measure(ctx, run, count)
                figures[name][key].append(seconds)
                spent += seconds
    return figures
