# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The contract every module keeps with bad input, each module's ``main()`` run in this process.

The cases come from the declarations (tests/unit/module_facts.py): unknown options, wrong types, values outside
``choices``, what is required, the ID option against each listing option (ID vs listing), options only another
variant takes, blank and list values given to ID and text options, paging bounds. Every one fails with one line
naming the option, and no request reaches the emulator.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import COMMON_ARGUMENT_SPEC
from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import ENTRIES

# The API's bound for PageSize (shared/api/operations.md: 1 to 100), stated in the docs fragment `listing`.
MAX_PAGE_SIZE = 100
# The options a declaration adds when its operations take them (listing fragment: paging and sort; wait).
DERIVED_OPTIONS = ('page_number', 'page_size', 'sort_by', 'sort_order', 'wait', 'wait_timeout', 'wait_interval')
_BAD_TYPED = {'int': 'not-a-number', 'float': 'not-a-number', 'bool': 'maybe'}


def _variants(info):
    """(choose value, Get or None, List or None) for each variant of the declaration."""
    return [(value, get, listing) for value, (get, listing) in sorted(info.variants.items(), key=lambda kv: str(kv[0]))]


def _base(entry, info, value, kind):
    """Options reading one item (kind 'one') or listing ('listing') in variant ``value``."""
    args = dict(entry.get(kind) or {})
    if info.choose:
        args[info.choose] = value
    return args


def _with(info, base, option, value):
    """``base`` with ``option`` set to ``value``, less the options the declaration makes exclusive with it."""
    exclusive = set(n for pair in info.rules.get('mutually_exclusive') or [] if option in pair for n in pair)
    args = dict((n, v) for n, v in base.items() if n not in exclusive or n == option)
    args[option] = value
    return args


def _using(entry, info, option, default):
    """Options of the default variant that read through the operation taking ``option``; else ``default``."""
    get, listing = info.variants[info.spec[info.choose].get('default') if info.choose else None]
    for op, kind in ((listing, 'listing'), (get, 'one')):
        if op is not None and option in op.option_names() and kind in entry:
            return dict(entry[kind])
    return default


def _valid(entry, name, spec):
    for kind in ('one', 'listing'):
        if name in (entry.get(kind) or {}):
            return entry[kind][name]
    kind = spec.get('type', 'str')
    if spec.get('choices'):
        return [spec['choices'][0]] if kind == 'list' else spec['choices'][0]
    return {'int': 1, 'float': 1.0, 'bool': True, 'list': ['x'], 'dict': {}}.get(kind, 'x')


def _cases():
    """(module, label, args, regex the one-line message must match)."""
    cases = []
    for entry in ENTRIES:
        name, info = entry['name'], module_facts.info_of(entry['name'])
        spec = info.spec
        some = dict(entry.get('one') or entry.get('listing') or {})

        def add(label, args, expect):
            cases.append((name, label, args, expect))

        add('unknown option', dict(some, no_such_option=1), r'^Unsupported parameters for .*: no_such_option\.')
        full_spec = dict(COMMON_ARGUMENT_SPEC, **spec)
        for option in sorted(full_spec):
            kind = full_spec[option].get('type', 'str')
            if kind in _BAD_TYPED:
                add('%s of the wrong type' % option, _with(info, _using(entry, info, option, some), option, _BAD_TYPED[kind]),
                    r"\b%s\b.*\b(int|float|bool|boolean)\b" % re.escape(option))
        for value, get, listing in _variants(info):
            on = 'view=%s: ' % value if info.choose else ''
            pairs = []
            if get is not None and listing is not None:
                get_options = set(get.option_names())
                scope = set(get.by_name.scope) if get.by_name else set()
                for option in listing.option_names():
                    if option not in get_options and option != get.id_option:
                        pairs.append((get.id_option, option))
                        pairs.extend((selector, option) for selector in get.selectors()[1:] if option not in scope)
            if get is not None and get.plural:
                pairs.append((get.id_option, get.plural))
            used = set((get.option_names() if get else []) + (listing.option_names() if listing else []))
            for pair in info.rules.get('mutually_exclusive') or []:  # the declaration's extra_rules too
                if tuple(pair) not in pairs and set(pair) <= used:
                    pairs.append(tuple(pair))
            for first, second in pairs:
                args = {info.choose: value} if info.choose else {}
                args.update({first: _valid(entry, first, spec[first]), second: _valid(entry, second, spec[second])})
                add('%s%s with %s' % (on, first, second), args, r'^parameters are mutually exclusive: %s\|%s$' % (first, second))
            for op, kind in ((get, 'one'), (listing, 'listing')):
                if op is None:
                    continue
                for option in op.option_names():
                    option_spec = spec[option]
                    if option_spec.get('choices'):
                        bad = ['NoSuchChoice'] if option_spec.get('type') == 'list' else 'NoSuchChoice'
                        add('%s%s outside its choices' % (on, option), _with(info, _base(entry, info, value, kind), option, bad),
                            r'\b%s\b.*\b%s\b' % (re.escape(option), re.escape(option_spec['choices'][0])))
                    elif option_spec.get('type', 'str') == 'str' and option != info.choose:
                        for blank, label in (('', 'empty'), ('  ', 'blank')):
                            add('%s%s %s' % (on, option, label), _with(info, _base(entry, info, value, kind), option, blank),
                                r'^%s: must not be empty$' % option)
                    elif option_spec.get('type') == 'list' and option_spec.get('elements', 'str') == 'str':
                        add('%s%s with a blank entry' % (on, option), _with(info, _base(entry, info, value, kind), option, ['a', ' ']),
                            r'^%s: must be a list of non-empty names$' % option)
            if listing is not None and listing.pages:
                base = _base(entry, info, value, 'listing')
                for option, bad, expect in (('page_size', 0, 'must be between 1 and %d' % MAX_PAGE_SIZE),
                                            ('page_size', MAX_PAGE_SIZE + 1, 'must be between 1 and %d' % MAX_PAGE_SIZE),
                                            ('page_number', 0, 'must be 1 or greater')):
                    add('%s%s %s' % (on, option, bad), dict(base, **{option: bad}), r'^%s: %s, got %s$' % (option, expect, bad))
        for option in DERIVED_OPTIONS:
            if option not in spec:
                add('%s on a module without it' % option, dict(some, **{option: 1}), r'^Unsupported parameters for .*: %s\.' % option)
        for option in sorted(spec):
            if option.endswith('_id') and spec[option].get('type', 'str') == 'str':
                plural = [get.plural for _v, get, _l in _variants(info) if get is not None and get.id_option == option and get.plural]
                add('%s given a list' % option, _with(info, _using(entry, info, option, {}), option, ['a-1', 'b-2']),
                    r"^%s: one ID, got a list \(\['a-1', 'b-2'\]\)%s$" % (option, '; give several with %s' % plural[0] if plural else ''))
        if info.choose:
            for value, get, listing in _variants(info):
                mine = set((get.option_names() if get else []) + (listing.option_names() if listing else []))
                for other, other_get, other_listing in _variants(info):
                    theirs = (other_listing.option_names() if other_listing else [])
                    for option in theirs:
                        if option not in mine:
                            args = dict(_base(entry, info, value, 'listing'), **{option: _valid(entry, option, spec[option])})
                            add('view=%s: %s' % (value, option), args, r'^%s: only with %s=%s$' % (option, info.choose, other))
        for kind in ('one', 'listing'):
            for option in sorted(entry.get(kind) or {}):
                args = dict(entry[kind])
                del args[option]
                expect = _required_message(info, args, option)
                if expect:
                    add('%s without %s' % (kind, option), args, expect)
    return cases


def _required_message(info, args, dropped):
    """What the module must say when ``dropped`` is left out of ``args``, or None when it may then do something else.

    From the declaration alone: a Get-only module needs every option of its Get; a List-only one the options its
    List marks required; with both, one of the selectors or the listing's required options (required_one_of);
    ``extra_rules`` add their own required_one_of."""
    gets = [g for g, _l in info.variants.values() if g is not None]
    lists = [lst for _g, lst in info.variants.values() if lst is not None]
    required_listing = [n for lst in lists for n, m in lst.options.items() if m.required]
    if gets and not lists:
        required = sorted(n for n in gets[0].option_names() if n not in args and n in gets[0].options)
        return r'^missing required arguments: %s$' % ', '.join(required) if dropped in required else None
    if lists and not gets:
        required = sorted(n for n in required_listing if n not in args)
        if dropped in required:
            return r'^missing required arguments: %s$' % ', '.join(required)
    for group in (info.rules.get('required_one_of') or []):
        if dropped in group and not any(n in args for n in group):
            return r'^one of the following is required: %s$' % ', '.join(group)
    if gets and required_listing and dropped in required_listing + [gets[0].id_option]:
        selectors = info.selectors + [n for n in required_listing if n not in info.selectors]
        return r'^one of the following is required: %s$' % ', '.join(selectors)
    return None


CASES = _cases()


@pytest.mark.parametrize('name, label, args, expect', CASES, ids=['%s: %s' % (c[0], c[1]) for c in CASES])
def test_bad_input_is_one_line_naming_the_option(emulator, name, label, args, expect):  # pylint: disable=unused-argument
    before = len(emulator.log())
    ran = emulator.run({'name': name}, args)
    message = ran.result.get('msg', '')
    assert ran.rc == 1 and ran.result.get('failed') is True, ran.result
    assert '\n' not in message and 'Traceback' not in ran.stdout, message
    assert re.search(expect, message), (expect, message)
    assert 'error' not in ran.result, 'bad input is not an API error'
    assert len(emulator.log()) == before, 'no request for bad input'


def test_every_module_is_in_the_contract():
    """A new module joins by its file alone; the cases above cover it (a module with no case would be a gap)."""
    assert sorted(entry['name'] for entry in ENTRIES) == module_facts.module_names()
    assert set(case[0] for case in CASES) == set(module_facts.module_names())
    for name in module_facts.module_names():
        labels = [case[1] for case in CASES if case[0] == name]
        assert 'unknown option' in labels, name
        if module_facts.info_of(name).options:
            assert any('blank' in label or 'given a list' in label for label in labels), name


@pytest.mark.parametrize('entry', ENTRIES, ids=[e['name'] for e in ENTRIES])
def test_nothing_but_the_connection_options(emulator, entry):
    """With no option of its own, a module lists (when its listing needs none) or names what it needs."""
    info = module_facts.info_of(entry['name'])
    ran = emulator.run(entry, {})
    lists = [listing for _get, listing in info.variants.values() if listing is not None]
    required_listing = [n for listing in lists for n, m in listing.options.items() if m.required]
    required = sorted(n for n, spec in info.spec.items() if spec.get('required'))
    if required:
        assert ran.rc == 1 and ran.result['msg'] == 'missing required arguments: %s' % ', '.join(required), ran.result
    elif info.rules.get('required_one_of'):
        assert ran.rc == 1 and ran.result['msg'] == 'one of the following is required: %s' % ', '.join(info.rules['required_one_of'][0])
    if not lists or required_listing or info.rules.get('required_one_of'):
        assert ran.rc == 1 and '\n' not in ran.result['msg'], ran.result
        assert required or info.rules.get('required_one_of'), 'a module that cannot list without options requires some'
    else:
        assert ran.rc == 0 and isinstance(ran.result.get(entry['key']), list), ran.result
