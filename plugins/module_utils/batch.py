# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Many provisioned products (instances) in one module run: provisioned_product's ``instances`` option.

Each instance costs a run of a module in Ansible (about 0.4 s of ansible-core, 0.35 s of Python start-up, six
round trips): launching 20 one run after the other cannot come near the time of one launch (``make bench``
row B7). Here one run manages them all. Each instance is its own resource object (of the module's class), with
the module's options but its own name, parameters and tags and ``wait`` off, so that it finds, compares and
writes exactly as the single-instance module does (idempotent, no blind re-send of a lost write, nothing
written in check mode, a preview of its own). Then:

1. every instance is found, compared and written at once (a thread each; the client's width, the
   ``concurrency`` option, bounds the requests under way);
2. with ``wait`` (not in check mode), the instances written are waited for together, in one polling loop
   (instances.wait_many: each round reads every one still running), then each is read back as the single
   mode does (a failed task fails that instance with its StatusMessage and the tail of its stderr log).

An instance that fails does not stop the others; the module fails once all are done, naming each one that
failed, with every result attached. The resource class provides, besides the Resource declaration:
``written`` (None until a write), ``fetch_written()``, ``running(document)`` and ``settled(document, waited)``.

Kept out of plugins/modules/provisioned_product.py, which is long with its documentation, and imported by its
``main()`` only when ``instances`` is given: a run for one instance compiles neither this nor instances.py
(tests/unit/plugins/module_utils/test_startup_imports.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import wait_settings
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, WaitTimeout, quoted
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.instances import each, wait_many
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.module import failure_of

OPTION = 'instances'
# The most instances one run takes: each is a thread and a few requests; a bigger fleet is several tasks.
MAX_INSTANCES = 100
# A module failure names at most this many instances, each name and reason cut (all are in the result).
SHOWN_FAILURES = 5
REASON_CHARS = 300
NAME_CHARS = 80


def checked_entries(params):
    """The ``instances`` entries, each with its stripped name: ConfigError naming the option for an empty name,
    a name given twice, or more than MAX_INSTANCES entries."""
    entries = params.get(OPTION) or []
    if len(entries) > MAX_INSTANCES:
        raise ConfigError('%s: at most %d instances in one task, got %d; split them over several tasks' % (
            OPTION, MAX_INSTANCES, len(entries)))
    seen = {}
    checked = []
    for number, entry in enumerate(entries, 1):
        name = str(entry.get('name') or '').strip()
        if not name:
            raise ConfigError('%s: entry %d has an empty name' % (OPTION, number))
        if name in seen:
            raise ConfigError('%s: the name %s is given twice (entries %d and %d); each instance once' % (
                OPTION, quoted(repr(name), limit=80), seen[name], number))
        seen[name] = number
        checked.append(dict(entry, name=name))
    return checked


def instance_params(params, entry):
    """The options of the instance of ``entry``: the module's, with its name, its parameters and tags merged over
    the shared ones, no ``provisioned_product_id`` and ``wait`` off (the run waits for all instances at once)."""
    own = dict(params, name=entry['name'], provisioned_product_id=None, wait=False)
    own[OPTION] = None
    for key in ('parameters', 'tags'):
        if entry.get(key) is not None:
            merged = dict(params.get(key) or {})
            merged.update(entry[key])
            own[key] = merged
    return own


def _attempt(function):
    """``(function(), None)``, or ``(None, failure)`` when it raised what a module fails with (module.failure_of)."""
    try:
        return function(), None
    except (ConfigError, WaitTimeout, ServiceCatalogError) as err:
        return None, failure_of(err)


def _threads(function, values):
    """``[function(value) for value in values]``, a thread each (they mostly wait for answers or sleep in a wait;
    the client's width bounds the requests)."""
    if len(values) <= 1:
        return [function(value) for value in values]
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=len(values)) as pool:
        return list(pool.map(function, values))


def _prefixed(append, name):
    return lambda line: append('%s: %s' % (name, line))


def run_many(module, resource_class):
    """Manage every instance of the ``instances`` option with ``resource_class`` and exit (or fail) the module."""
    with module.errors():
        entries = checked_entries(module.params)
        waiting = module.params.get('wait') and not module.check_mode
        if waiting:
            wait_settings(module.params)  # a bad wait_timeout fails before anything is written
        objects = [resource_class(module, instance_params(module.params, entry)) for entry in entries]
    names = [entry['name'] for entry in entries]
    for name, obj in zip(names, objects):
        obj.log, obj.warn = _prefixed(module.api_log.append, name), _prefixed(module.warnings.append, name)

    outcomes = _threads(lambda obj: _attempt(obj.outcome), objects)
    if waiting:
        outcomes = _wait_all(module, objects, outcomes)

    results, diffs, changes = [], [], []
    for name, (outcome, failure) in zip(names, outcomes):
        result = dict(outcome or dict(changed=False, changes=[]))
        diff = result.pop('diff', None)
        if failure is not None:
            result.update(failure, failed=True)
        results.append(dict(result, name=name))
        if diff is not None:
            diffs.append(dict(diff, before_header=name, after_header=name))
        changes.extend('%s: %s' % (name, line) for line in result.get('changes') or [])
    summary = dict(changed=any(r['changed'] for r in results), changes=changes, diff=diffs, provisioned_products=results)
    failed = [r for r in results if r.get('failed')]
    if failed:
        module.fail_json(msg=failures_message(failed, len(results)), **summary)
    module.exit_json(**summary)


def _wait_all(module, objects, outcomes):
    """Wait for every instance written (one polling loop over all of them), then read each back; the outcomes
    with the read-back results (or the failure of each instance whose run failed or did not end in time)."""
    timeout, interval = wait_settings(module.params)
    written = [index for index, (outcome, failure) in enumerate(outcomes) if failure is None and objects[index].written]
    errors = {}

    def fetch(index):
        try:
            return index, objects[index].fetch_written()
        except ServiceCatalogError as err:  # that instance fails; the others are waited for
            errors[index] = failure_of(err)
            return index, None

    def pending(read):
        index, doc = read
        return index not in errors and objects[index].running(doc)

    reads, late = wait_many(module.client, fetch, written, pending, timeout, interval)
    late = set(late)

    def finish(read):
        index, doc = read
        obj, outcome = objects[index], outcomes[index][0]
        if index in errors:
            return outcome, errors[index]
        if index in late:
            result, failure = _attempt(lambda: obj.result(doc))
            return dict(outcome, **(result or {})), dict(failure or {}, msg='wait_timeout: %s %s still %s after %s seconds' % (
                obj.what, obj.written[0], quoted((doc or {}).get('Status'), limit=60), timeout))
        document, failure = _attempt(lambda: obj.settled(doc, True))
        if failure is not None:  # a failed run: its message, and what it read (the instance in Error, its task...)
            return outcome, failure
        result, failure = _attempt(lambda: obj.result(document))
        return dict(outcome, **(result or {})), failure

    final = list(outcomes)
    for (index, _doc), done in zip(reads, each(module.client, finish, reads)):
        final[index] = done
    return final


def failures_message(failed, total):
    """One line: how many instances failed, then each (at most SHOWN_FAILURES) with its reason, cut."""
    shown = '; '.join('%s: %s' % (quoted(r['name'], limit=NAME_CHARS), quoted(r.get('msg') or 'failed', limit=REASON_CHARS))
                      for r in failed[:SHOWN_FAILURES])
    more = len(failed) - SHOWN_FAILURES
    return '%s: %d of %d instance%s failed: %s%s' % (
        OPTION, len(failed), total, '' if total == 1 else 's', shown,
        '; and %d more (see provisioned_products)' % more if more > 0 else '')
