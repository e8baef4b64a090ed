# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the tests know about each module, derived from the declarations, plus the one table of fixture values.

The module list is ``plugins/modules/*.py``. From each module's ``INFO`` declaration (module_utils/info.py) and
the operations it reads (module_utils/operations.py) come: the result key, the field naming an item, the Get and
List operations of the default variant, whether the listing pages, the ID option. What no declaration can say
is which items exist in the test data: ``tests/integration/targets/setup_sc_fixtures/vars/modules_*.yml`` holds,
per module, options reading one existing item (``one``), a valid listing (``listing``), options naming an item
that does not exist (``missing``) and the emulator's not-found code for it (``missing_code``). That table is the
only hand-written per-module fact: the IDs are those of ``templates/fixtures.json.j2`` (the fixtures every
integration target is seeded with, and which the contract suite seeds into its in-process emulator), and the
not-found codes are the emulator's own choice (undocumented by the API).

Used by the contract suite (tests/unit/plugins/modules/test_contract_*.py) and, run as a script, by the
integration role setup_sc_fixtures: ``python module_facts.py`` writes ``{"modules": [every module's entry: facts
and fixture values], "pending": [...], "operations": {action: {key, type, paged}}}`` as JSON to stdout, or fails
naming the module without an entry.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import importlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES_ROLE = os.path.join(ROOT, 'tests', 'integration', 'targets', 'setup_sc_fixtures')
COLLECTION = 'alicloud.servicecatalog'
_PACKAGE = 'ansible_collections.alicloud.servicecatalog'


def all_module_names():
    """Every module of the collection, by file name."""
    return sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py'))
                  if not os.path.basename(path).startswith('_'))


def module_names():
    """Every info module (declared with ``INFO = InfoModule(...)``), by file name. Resource modules (module_utils/resource.py,
    ``resource_module_names()``) have their own contract suite (tests/unit/plugins/modules/test_contract_resources.py)."""
    return [name for name in all_module_names() if _is_info(name)]


def _is_info(name):
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import InfoModule

    return isinstance(getattr(importlib.import_module('%s.plugins.modules.%s' % (_PACKAGE, name)), 'INFO', None), InfoModule)


def resource_module_names():
    """Every resource module (a subclass of module_utils/resource.py's ``Resource``), by file name: the modules of the
    resource contract suite (tests/unit/plugins/modules/test_contract_resources.py)."""
    return [name for name in all_module_names() if resource_of(name) is not None]


def resource_of(name):
    """The ``Resource`` subclass that plugins/modules/<name>.py declares, or None (an info module)."""
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Resource

    module = importlib.import_module('%s.plugins.modules.%s' % (_PACKAGE, name))
    found = [value for value in vars(module).values()
             if isinstance(value, type) and issubclass(value, Resource) and value is not Resource and value.__module__ == module.__name__]
    if len(found) > 1:
        raise ValueError('%s declares %d Resource subclasses (%s); the contract suite expects one' % (
            name, len(found), ', '.join(sorted(cls.__name__ for cls in found))))
    return found[0] if found else None


def resource_spec(name):
    """The options of resource module ``name`` as ``run()`` builds them (its ``argument_spec``, plus ``state`` when
    ``has_state``), without the connection options."""
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import STATE_SPEC

    declared_class = resource_of(name)
    spec = dict(declared_class.argument_spec)
    if declared_class.has_state:
        spec.update(STATE_SPEC)
    return spec


def info_of(name):
    """The module's ``INFO`` declaration (InfoModule)."""
    return importlib.import_module('%s.plugins.modules.%s' % (_PACKAGE, name)).INFO


def declared(name):
    """The facts of one module that its declaration says (the default variant when it has several)."""
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import camel_to_snake
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.operations import TEXT

    info = info_of(name)
    get, listing = info.variants[info.spec[info.choose].get('default') if info.choose else None]
    facts = {'module': '%s.%s' % (COLLECTION, name), 'name': name, 'key': info.key}
    if get is not None:
        facts['action'] = get.action
        facts['id_option'] = get.id_option
        if get.declared.result_type == TEXT and listing is None:
            # a module reading one text (template_info) returns it at the top, under the result's own name
            facts['key'] = camel_to_snake(get.declared.result_key)
    if listing is not None:
        facts['list_action'] = listing.action
        if listing.pages:
            facts['pages'] = True
    id_key = listing.declared.id_key if listing is not None else (get.id_param if get.declared.result_type != TEXT else None)
    if id_key:
        facts['id_field'] = camel_to_snake(id_key)
    return facts


def operation_shapes():
    """{action: {key, type, paged}}: the answer shape of every declared operation (module_utils/operations.py)."""
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.operations import OPERATIONS

    return dict((name, {'key': op.result_key, 'type': op.result_type, 'paged': op.paging is not None}) for name, op in OPERATIONS.items())


def fixture_table():
    """The fixture values, {module FQCN: entry}: every sc_info_modules_* list of setup_sc_fixtures/vars/modules_*.yml."""
    import yaml

    variables = {}
    for path in sorted(glob.glob(os.path.join(FIXTURES_ROLE, 'vars', 'modules_*.yml'))):
        with open(path) as handle:
            variables.update(yaml.safe_load(handle) or {})
    table = {}
    for variable in sorted(variables):
        for entry in variables[variable] if variable.startswith('sc_info_modules_') else ():
            if entry['module'] in table:
                raise ValueError('%s: two entries in setup_sc_fixtures/vars' % entry['module'])
            table[entry['module']] = entry
    return table


def entries():
    """One entry per module: its declared facts and its fixture values. ValueError names a module without fixture values."""
    table = fixture_table()
    out = []
    for name in module_names():
        facts = declared(name)
        fixture = table.get(facts['module'])
        if fixture is None:
            raise ValueError('%s has no entry in tests/integration/targets/setup_sc_fixtures/vars/modules_*.yml '
                             '(options reading one existing item and/or a listing; see modules_core.yml)' % facts['module'])
        for key, kind, has in (('one', 'Get', 'action' in facts), ('listing', 'List', 'list_action' in facts)):
            if (key in fixture) != has:
                raise ValueError('%s: give %s in setup_sc_fixtures/vars exactly when the module has a %s' % (facts['module'], key, kind))
        entry = dict(fixture)
        entry.update(facts)
        out.append(entry)
    return out


def pending():
    """Entries of the fixture table whose module is not (yet) in plugins/modules."""
    present = set('%s.%s' % (COLLECTION, name) for name in module_names())
    return sorted(module for module in fixture_table() if module not in present)


def fixtures_dataset():
    """templates/fixtures.json.j2 rendered (the dataset the integration targets seed): plain Jinja2 and the two
    Ansible filters it uses."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(FIXTURES_ROLE, 'templates')), undefined=jinja2.StrictUndefined)
    env.filters['to_json'] = json.dumps
    env.filters['dict2items'] = lambda value, key_name='key', value_name='value': [{key_name: k, value_name: v} for k, v in value.items()]
    return json.loads(env.get_template('fixtures.json.j2').render())


def importable():
    """Make ``ansible_collections.alicloud.servicecatalog`` importable for a script: the parent of the copy's
    ansible_collections, or (a plain checkout) a temporary ansible_collections/alicloud/servicecatalog symlink."""
    parts = os.path.normpath(ROOT).split(os.sep)
    if tuple(parts[-3:]) == ('ansible_collections', 'alicloud', 'servicecatalog'):
        base = os.sep.join(parts[:-3]) or os.sep
    else:
        import atexit
        import shutil
        import tempfile

        base = tempfile.mkdtemp(prefix='alicloud-servicecatalog-facts-')
        atexit.register(shutil.rmtree, base, True)
        os.makedirs(os.path.join(base, 'ansible_collections', 'alicloud'))
        os.symlink(ROOT, os.path.join(base, 'ansible_collections', 'alicloud', 'servicecatalog'))
    if base not in sys.path:
        sys.path.insert(0, base)


if __name__ == '__main__':
    importable()
    try:
        print(json.dumps({'modules': entries(), 'pending': pending(), 'operations': operation_shapes()}))
    except ValueError as exc:
        raise SystemExit(str(exc))
