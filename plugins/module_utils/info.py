# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Declarative ``_info`` modules: a module says which operations it reads and how its options map
to API parameters; ``InfoModule`` derives the rest.

A module declares, at import time, one ``InfoModule``:

- ``key``: the result key (``tasks``); the items are returned under it in snake_case, with
  ``total_count`` and ``changed=False``.
- ``options``: the argument spec of the module's own options (type, choices, elements, aliases,
  defaults), without the common, sort, paging and wait options, which are added as needed.
- ``get=Get(action, {option: mapping, ...}, wait_while=None)``: the Get operation. Its first option
  is the ID option: the module gets one item when it is set. ``wait_while`` (a status or a tuple
  of them) adds ``wait``/``wait_timeout``/``wait_interval``: with ``wait``, the item is fetched
  again until its ``Status`` is none of these.
- ``listing=List(action, {option: mapping, ...}, sort=False)``: the List operation, used when the ID
  option is not set. ``sort=True`` adds ``sort_by``/``sort_order``; an operation that pages
  (operations.py) adds ``page_number``/``page_size``.
- A mapping is an API parameter name (``'ProvisionedProductId'``), ``Param(name, ...)`` or
  ``Filter(key, ...)``. Filters travel in the operation's declared style: ``Filters.N.Key`` /
  ``Filters.N.Value`` groups (several values of a list option comma-separated in one filter), or
  ListTagOptions' one ``Filters`` parameter of compact JSON; either way in the order of the
  operation's ``filter_keys``. ``Param``/``Filter`` take ``required=True`` (the operation needs
  the option) and ``convert=f``: ``f(option, value)`` returns the API value or raises ConfigError.
- ``post=f``: ``f(item)`` returns the item to return, given each snake_case item (for example to
  parse a JSON text field); values it adds are not converted.
- ``warn=f``: ``f(item)`` (after ``post``) returns a warning about the item, or None; each warning is
  issued once.
- ``finish=f``: ``f(params, client, items)``, after every item is read and converted, may add to the
  items (more calls, e.g. each instance's outputs) and returns a list of warnings.
- Several at once: ``Get(..., plural='task_ids')`` adds a list option taking several IDs, and
  ``Get(..., by_name=ByName('names', 'name', scope=['access_level_filter']))`` a list option whose
  names are each listed with the listing option ``name`` (and the ``scope`` options), each having to
  match exactly one item (the failure names every name that matched none or several). The items of
  the names, then of the IDs, are got concurrently, in order, each once; with ``wait``, all are
  polled together and the module fails naming every one still pending when ``wait_timeout`` runs
  out and every one whose Status is in ``Get(..., wait_fails=...)``, the items still returned
  (WaitFailed). A module declaring these reads its ID option through the same path.
- ``extra_rules``: AnsibleModule rules the mapping cannot tell (``mutually_exclusive``,
  ``required_one_of``, ``required_if``, ``required_by``...), added to the derived ones.
- ``choose='view', variants={'end_user': (Get(...), List(...)), 'admin': (Get(...), List(...))}``
  instead of ``get``/``listing``: the option ``choose`` (declared in ``options``, with those
  choices) picks the pair; either member may be None. An option only another variant uses fails
  (``scope: only with view=admin``).

Derived rules. Option values are checked first: a free-text or ``_id`` option given a list or a dict
(AnsibleModule turns ``[a, b]`` into the text ``"['a', 'b']"``) fails, an ``_id`` option naming the plural
option if there is one, and so does text holding a NUL character or longer than ``common.MAX_ID_LENGTH``
(``_id`` options and their lists) or ``common.MAX_NAME_LENGTH`` (other text); a
free-text ``str`` option is stripped and must not be blank; a free-text ``list`` of ``str`` must hold non-blank names (``choices`` are left to
AnsibleModule); ``convert`` then runs. With both a Get and a List, the ID option is mutually
exclusive with every listing option (the List's options, sort and paging) that the Get does not
use (the plural and names options likewise, except the names' ``scope`` options); a ``required``
listing option forms a ``required_one_of`` group with the ID, plural and names options; ``wait``
and the Get's other options fail without one of them. Listed items are converted (snake_case,
``post``, ``warn``) as each page arrives: no raw copy of a listing is kept. With only a Get or only a List, the
``required`` options (and a Get's ID option) are required in the argument spec. An unknown ID
fails with the API's error (``msg`` and the ``error`` dict). A declaration that names an unknown
operation, an option not in ``options`` or a filter key the operation does not declare raises
ValueError at import, so a unit test importing the module finds it.

A complete module, ``portfolio_info`` (DOCUMENTATION, EXAMPLES and RETURN shortened)::

    #!/usr/bin/python
    # -*- coding: utf-8 -*-
    # Copyright (c) 2026 alicloud.servicecatalog contributors
    # GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

    from __future__ import absolute_import, division, print_function
    __metaclass__ = type

    DOCUMENTATION = r'''
    module: portfolio_info
    options:
      portfolio_id: {description: One portfolio; excludes every listing option., type: str}
      # ... product_id, name, full_text_search, scope
    extends_documentation_fragment:
      - alicloud.servicecatalog.common
      - alicloud.servicecatalog.listing.SORT
      - alicloud.servicecatalog.listing.PAGING
      - alicloud.servicecatalog.attributes.INFO_MODULE
    '''
    EXAMPLES = r'''# ...'''
    RETURN = r'''# ... portfolios, total_count'''

    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, Get, InfoModule, List

    INFO = InfoModule(
        'portfolios',
        options=dict(
            portfolio_id=dict(type='str'),
            product_id=dict(type='str'),
            name=dict(type='str'),
            full_text_search=dict(type='str'),
            scope=dict(type='str', choices=['Local', 'Import', 'All']),
        ),
        get=Get('GetPortfolio', {'portfolio_id': 'PortfolioId'}),
        listing=List('ListPortfolios', {
            'product_id': 'ProductId',
            'scope': 'Scope',
            'name': Filter('PortfolioName'),
            'full_text_search': Filter('FullTextSearch'),
        }, sort=True),
    )


    def main():
        INFO.run()


    if __name__ == '__main__':
        main()

From it: ``portfolio_id`` is mutually exclusive with ``product_id``, ``scope``, ``name``,
``full_text_search``, ``sort_by``, ``sort_order``, ``page_number`` and ``page_size`` (all added to
the spec); ``name: db`` sends ``Filters.1.Key=PortfolioName&Filters.1.Value=db``; the module
returns ``portfolios`` and ``total_count``. Its DOCUMENTATION must document what is derived (the
``listing.SORT`` fragment with ``sort=True``, ``listing.PAGING`` when the List pages, ``listing.WAIT`` and ``wait`` itself with
``wait_while``, required options): validate-modules compares it with the spec InfoModule builds.

Other shapes: ``InfoModule('constraints', dict(constraint_id=dict(type='str')),
get=Get('GetConstraint', {'constraint_id': 'ConstraintId'}), post=parse_config)`` (Get only:
``constraint_id`` becomes required; a TEXT result such as GetTemplate's comes back as one item
``{'template_body': text}``); ``InfoModule('regions', {}, listing=List('ListRegions'))`` (List
only, no paging); ``List('ListTagOptions', {'active': Filter('Active'), 'key': Filter('Key')},
sort=True)`` sends ``Filters={"Active":true,"Key":"env"}``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from collections import OrderedDict, namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import (
    MAX_ID_LENGTH, MAX_NAME_LENGTH, PAGING_ARGUMENT_SPEC, SORT_ARGUMENT_SPEC, WAIT_ARGUMENT_SPEC, check_text, filter_params, paging,
    require_text, snake_case, sort_params, wait_for, wait_settings,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, WaitFailed
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.module import ServiceCatalogModule
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.operations import GROUPS, JSON_TEXT, LIST, OBJECT, PAGES, TEXT, operation

# What plan() decided: one Get or one List call, with its API parameters; or, for SEVERAL_CALL, the Get
# of each of ``ids`` after each of ``names`` (a list of (name, its List Call)) is resolved to one ID.
Call = namedtuple('Call', ['kind', 'action', 'params', 'page_number', 'page_size', 'wait_while', 'what', 'ids', 'names'],
                  defaults=(None, None))
GET_CALL, LIST_CALL, SEVERAL_CALL = 'get', 'list', 'several'
# What AnsibleModule makes of a list given to a str option: "['a', 'b']". No ID looks like that.
_LIST_TEXT = re.compile(r'^\s*\[.*\]\s*$', re.S)


class Param:
    """An option sent as the API parameter ``name``."""

    is_filter = False

    def __init__(self, name, convert=None, required=False):
        self.name = name
        self.convert = convert
        self.required = required


class Filter(Param):
    """An option sent as the filter ``key``, in the style its operation declares."""

    is_filter = True


class _Operation:

    result_types = ()

    def __init__(self, action, options=None):
        try:
            self.declared = operation(action)
        except KeyError as exc:
            raise ValueError(str(exc.args[0]))
        if self.declared.result_type not in self.result_types:
            raise ValueError('%s returns %s, not what %s reads' % (action, self.declared.result_type, type(self).__name__))
        self.action = action
        self.options = OrderedDict((name, m if isinstance(m, Param) else Param(m)) for name, m in (options or {}).items())
        for name, mapping in self.options.items():
            if mapping.is_filter and (self.declared.filters is None or mapping.name not in self.declared.filter_keys):
                raise ValueError('%s: %s does not declare the filter %s' % (name, action, mapping.name))

    def option_names(self):
        """Every option this operation uses, its mapped ones first."""
        return list(self.options)

    def api_params(self, params, spec):
        """The API parameters for the options' values (None left out by the client), filters included."""
        api, filters = {}, {}
        for name, mapping in self.options.items():
            value = _value(name, spec[name], params, mapping.convert)
            if mapping.is_filter:
                filters[mapping.name] = value
            else:
                api[mapping.name] = value
        ordered = [(key, filters[key]) for key in self.declared.filter_keys if key in filters]
        if self.declared.filters == GROUPS:
            api.update(filter_params(ordered))
        elif self.declared.filters == JSON_TEXT:
            document = OrderedDict((key, value) for key, value in ordered if value is not None)
            if document:
                import json  # only ListTagOptions filters travel as JSON text
                api['Filters'] = json.dumps(document, separators=(',', ':'), ensure_ascii=False)
        return api


class Get(_Operation):
    """A Get operation; its first option is the ID option.

    ``plural`` names a list option taking several IDs, and ``by_name`` (ByName) a list option taking
    names, each resolved to one ID by the module's List: their items are got concurrently, in the
    order given (names first), each once. ``wait_fails`` (a status or a tuple of them): after
    ``wait``, items in one of these fail the module too, listed with those that timed out.
    """

    result_types = (OBJECT, TEXT)

    def __init__(self, action, options, wait_while=None, plural=None, by_name=None, wait_fails=None):
        super(Get, self).__init__(action, options)
        if not self.options:
            raise ValueError('%s: a Get needs its ID option' % action)
        self.id_option = next(iter(self.options))
        self.wait_while = (wait_while,) if isinstance(wait_while, str) else tuple(wait_while or ())
        if self.wait_while and self.declared.result_type != OBJECT:
            raise ValueError('%s: only an object with a Status can be waited on' % action)
        if (plural or by_name) and self.declared.result_type != OBJECT:
            raise ValueError('%s: only objects can be got several at once' % action)
        self.plural = plural
        self.by_name = by_name
        self.wait_fails = (wait_fails,) if isinstance(wait_fails, str) else tuple(wait_fails or ())
        self.id_param = self.options[self.id_option].name

    def selectors(self):
        """The options that select items for this Get: the ID option, ``plural``, ``by_name``'s."""
        return [self.id_option] + [name for name in (self.plural, self.by_name and self.by_name.option) if name]

    def option_names(self):
        return self.selectors() + list(self.options)[1:] + (['wait'] if self.wait_while else [])


class ByName:
    """Several items by exact name (``Get(by_name=...)``): the list option ``option`` lists once per
    name with the listing option ``listing_option`` set to it, together with the listing options in
    ``scope`` (an access level, say); each name must match exactly one item."""

    def __init__(self, option, listing_option, scope=()):
        self.option = option
        self.listing_option = listing_option
        self.scope = tuple(scope)


class List(_Operation):
    """A List operation; ``sort=True`` when it takes SortBy / SortOrder."""

    result_types = (LIST,)

    def __init__(self, action, options=None, sort=False):
        super(List, self).__init__(action, options)
        self.sort = sort
        self.pages = self.declared.paging == PAGES

    def option_names(self):
        return list(self.options) + (list(SORT_ARGUMENT_SPEC) if self.sort else []) + (list(PAGING_ARGUMENT_SPEC) if self.pages else [])


class InfoModule:
    """One ``_info`` module, declared; see the module docstring."""

    def __init__(self, key, options, get=None, listing=None, choose=None, variants=None, post=None, extra_rules=None,
                 warn=None, finish=None):
        self.key = key
        self.options = options
        self.post = post
        self.warn = warn
        self.finish = finish
        self.choose = choose
        if choose is None:
            if variants is not None:
                raise ValueError('variants need the option that chooses between them (choose)')
            variants = {None: (get, listing)}
        elif get is not None or listing is not None or choose not in options:
            raise ValueError('with choose, declare the operations in variants, and %s in options' % choose)
        self.variants = variants
        gets = [pair[0] for pair in variants.values() if pair[0] is not None]
        lists = [pair[1] for pair in variants.values() if pair[1] is not None]
        if not gets and not lists:
            raise ValueError('%s: declare a Get, a List or both' % key)
        if len(set(g.id_option for g in gets)) > 1:
            raise ValueError('%s: every Get must have the same ID option' % key)
        self.id_option = gets[0].id_option if gets else None
        self.selectors = _union(g.selectors() for g in gets)
        self.both = bool(gets and lists)
        self.get_options = _union(g.option_names() for g in gets)
        self.list_options = _union(op.option_names() for op in lists)
        self.spec = dict((name, dict(value)) for name, value in options.items())
        for name in self.selectors[1:]:
            self.spec.setdefault(name, dict(type='list', elements='str'))
        for extra, needed in ((SORT_ARGUMENT_SPEC, any(op.sort for op in lists)), (PAGING_ARGUMENT_SPEC, any(op.pages for op in lists)),
                              (WAIT_ARGUMENT_SPEC, any(g.wait_while for g in gets))):
            if needed:
                self.spec.update((name, dict(value)) for name, value in extra.items())
        for op in gets + lists:
            for name in op.option_names():
                if name not in self.spec:
                    raise ValueError('%s: option %s of %s is not in options' % (key, name, op.action))
        for get, listing in variants.values():
            by_name = get and get.by_name
            if by_name and (listing is None or not set((by_name.listing_option,) + by_name.scope) <= set(listing.options)):
                raise ValueError('%s: %s needs a List with the options %s' % (key, by_name.option, ', '.join((by_name.listing_option,) + by_name.scope)))
        self.rules = self._rules(gets, lists)
        for name, value in (extra_rules or {}).items():
            if isinstance(value, dict):
                self.rules[name] = dict(self.rules.get(name, {}), **value)
            else:
                self.rules[name] = list(self.rules.get(name, [])) + list(value)

    def _rules(self, gets, lists):
        """AnsibleModule's mutually_exclusive / required_one_of / required_by; ``required`` in the spec.
        Without ``plural`` / ``by_name`` these are the rules of before, unchanged."""
        list_required = _union([n for n, m in op.options.items() if m.required] for op in lists)
        get_required = _union([n for n, m in g.options.items() if m.required and n != g.id_option] for g in gets)
        plurals = _union([g.plural] for g in gets if g.plural)
        scopes = _union(g.by_name.scope for g in gets if g.by_name)
        rules = {}
        if not self.both:
            required = list_required + get_required
            if len(self.selectors) > 1:
                rules['required_one_of'] = [tuple(self.selectors)]
            elif gets:
                required.append(self.id_option)
            for name in required:
                self.spec[name]['required'] = True
            if plurals:
                rules['mutually_exclusive'] = [(self.id_option, name) for name in plurals]
            return rules
        listing_only = [name for name in self.list_options if name not in self.get_options and name != self.id_option]
        exclusive = [(self.id_option, name) for name in listing_only]
        for selector in self.selectors[1:]:
            exclusive.extend((selector, name) for name in listing_only if name not in scopes)
        exclusive.extend((self.id_option, name) for name in plurals)
        if exclusive:
            rules['mutually_exclusive'] = exclusive
        if list_required:
            rules['required_one_of'] = [tuple(self.selectors) + (name,) for name in list_required]
        if get_required:
            rules['required_by'] = dict((selector, get_required) for selector in self.selectors)
        return rules

    # -- reading ---------------------------------------------------------------------------------

    def plan(self, params):
        """Check the options' values and decide the one call to make; ConfigError naming the option."""
        value = params.get(self.choose) if self.choose else None
        get, listing = self.variants[value]
        self._check_texts(params)
        mine = set((get.option_names() if get else []) + (listing.option_names() if listing else []))
        for name in self.get_options + self.list_options:
            if name not in mine and _used(params.get(name)):
                chosen = [str(v) for v, pair in self.variants.items() if name in _names(pair)]
                raise ConfigError('%s: only with %s=%s' % (name, self.choose, ' or '.join(chosen)))
        if get is not None and (listing is None or any(params.get(name) is not None for name in get.selectors())):
            wait_while = get.wait_while if params.get('wait') else ()
            if get.plural or get.by_name:
                return self._plan_several(get, listing, params, wait_while)
            item_id = _value(get.id_option, self.spec[get.id_option], params)
            noun = get.id_option[:-len('_id')] if get.id_option.endswith('_id') else get.id_option
            what = '%s %s' % (noun.replace('_', ' '), item_id)
            return Call(GET_CALL, get.action, get.api_params(params, self.spec), None, None, wait_while, what)
        for name in self.get_options:
            if name not in listing.option_names() and _used(params.get(name)):
                selectors = get.selectors()
                reason = ' (a listing is not waited on)' if name == 'wait' else ''
                raise ConfigError('%s: only with %s%s' % (name, ' or '.join([', '.join(selectors[:-1])] + selectors[-1:])
                                                          if len(selectors) > 1 else selectors[0], reason))
        page_number, page_size = paging(params) if listing.pages else (None, None)
        api = dict(sort_params(params)) if listing.sort else {}
        api.update(listing.api_params(params, self.spec))
        return Call(LIST_CALL, listing.action, api, page_number, page_size, (), None)

    def _plan_several(self, get, listing, params, wait_while):
        ids = []
        if params.get(get.id_option) is not None:
            ids.append(_value(get.id_option, self.spec[get.id_option], params))
        if get.plural and params.get(get.plural) is not None:
            ids.extend(_value(get.plural, self.spec[get.plural], params))
        names = []
        by_name = get.by_name
        for name in by_name.scope if by_name and params.get(by_name.option) is None else ():
            if _used(params.get(name)):
                raise ConfigError('%s: only with %s or a listing, not with IDs alone' % (name, by_name.option))
        if by_name and params.get(by_name.option) is not None:
            for name in _value(by_name.option, self.spec[by_name.option], params):
                api = listing.api_params(dict(params, **{by_name.listing_option: name}), self.spec)
                names.append((name, Call(LIST_CALL, listing.action, api, None, None, (), None)))
        return Call(SEVERAL_CALL, get.action, {}, None, None, wait_while, self.key.replace('_', ' '), ids, names)

    def _check_texts(self, params):
        """Text options, before any use. AnsibleModule turns a list (or a dict) given to a str option into
        its text, ``"['a', 'b']"``, which would be sent as one ID or name and find nothing: refused, as
        are a NUL character and a value longer than MAX_ID_LENGTH (IDs) or MAX_NAME_LENGTH (names, text)."""
        plurals = dict((g.id_option, g.plural) for g, _l in self.variants.values() if g is not None and g.plural)
        for name, spec in self.spec.items():
            value, kind = params.get(name), spec.get('type', 'str')
            if spec.get('choices') or value is None or kind not in ('str', 'list') or (kind == 'list' and spec.get('elements') != 'str'):
                continue
            is_id = name.endswith(('_id', '_ids'))
            for entry in [value] if kind == 'str' else value:
                if not isinstance(entry, str):
                    continue
                given = _collection_text(entry, is_id) if len(entry) <= MAX_ID_LENGTH else None
                if given:
                    raise ConfigError('%s: %s, got %s (%s)%s' % (
                        name, ('one ID' if is_id else 'one name or text') if kind == 'str' else 'each entry must be one item', given,
                        entry.strip()[:80], '; give several with %s' % plurals[name] if name in plurals else ''))
                check_text(name, entry.strip(), MAX_ID_LENGTH if is_id else MAX_NAME_LENGTH)

    def convert(self, doc, warnings):
        """An API document as returned: snake_case, ``post``; ``warn``'s warning added to ``warnings``."""
        item = snake_case(doc)
        if self.post is not None:
            item = self.post(item)
        if self.warn is not None:
            warning = self.warn(item)
            if warning:
                warnings.append(warning)
        return item

    def execute(self, call, client, params):
        """Make ``call``; return ``(result, warnings)``, result being the module's return values.
        Raises WaitFailed (with the result) when items waited for timed out or settled in ``wait_fails``."""
        warnings = []
        failure = None
        if call.kind == SEVERAL_CALL:
            items, failure = self._several(call, client, params, warnings)
            total = len(items)
        elif call.kind == GET_CALL:
            declared = operation(call.action)

            def fetch():
                doc = client.get(call.action, call.params)
                return {declared.result_key: doc} if declared.result_type == TEXT else doc

            if call.wait_while:
                doc = wait_for(fetch, lambda doc: doc.get('Status') in call.wait_while, params, call.what)
            else:
                doc = fetch()
            items, total = [self.convert(doc, warnings)], 1
        else:
            # The lean path: each item is converted as its page arrives; no raw page is kept.
            listed = client.list(call.action, call.params, page_number=call.page_number, page_size=call.page_size,
                                 convert=lambda doc: self.convert(doc, warnings))
            items, total = listed.items, listed.total_count
            warnings.extend(listed.warnings)
        if self.finish is not None:
            warnings.extend(self.finish(params, client, items) or [])
        result = dict(changed=False, total_count=len(items) if total is None else total, **{self.key: items})
        warnings = list(OrderedDict.fromkeys(warnings))
        if failure:
            raise WaitFailed(failure, result, warnings)
        return result, warnings

    def _several(self, call, client, params, warnings):
        """The items of a SEVERAL_CALL, in order (names first), each once; and the wait failure, if any."""
        from ansible_collections.alicloud.servicecatalog.plugins.module_utils.instances import each  # threads only here

        get = self.variants[params.get(self.choose) if self.choose else None][0]
        ids = self._resolve_names(get, call.names, client, params, each) + list(call.ids)
        ids = list(OrderedDict.fromkeys(ids))

        def fetch(item_id):
            return client.get(call.action, {get.id_param: item_id})

        late = []
        if call.wait_while:
            docs, late = _wait_all(client, fetch, ids, call.wait_while, params)
        else:
            docs = each(client, fetch, ids)
        problems = []
        for doc in docs:
            item_id, status = doc.get(get.id_param), doc.get('Status')
            named = '%s %s%s' % (call.what[:-1] if call.what.endswith('s') else call.what, item_id,
                                 ' (%s)' % doc[get.id_param[:-2] + 'Name'] if doc.get(get.id_param[:-2] + 'Name') else '')
            if item_id in late:
                problems.append('%s is still %s after wait_timeout (%s seconds)' % (named, status, params.get('wait_timeout')))
            elif call.wait_while and status in get.wait_fails:
                reason = ' '.join(str(doc.get('StatusMessage') or '').split())
                problems.append('%s is in %s%s' % (named, status, ': ' + reason if reason else ''))
        items = [self.convert(doc, warnings) for doc in docs]
        return items, ('wait: ' + '; '.join(problems) if problems else None)

    def _resolve_names(self, get, names, client, params, each):
        """The ID of each name, in order; ConfigError naming every name that matched none or several."""
        if not names:
            return []
        id_key = operation(names[0][1].action).id_key
        listed = each(client, lambda named: client.list(named[1].action, named[1].params), names)
        found = [[item.get(id_key) for item in result.items] for result in listed]
        noun = self.key.replace('_', ' ')
        wrong = ['%d %s named %r%s' % (len(ids), noun + (' are' if len(ids) != 1 else ' is'), name, ' (%s)' % ', '.join(ids) if ids else '')
                 for (name, _call), ids in zip(names, found) if len(ids) != 1]
        if wrong:
            scope = ', '.join('%s=%s' % (name, params[name]) for name in get.by_name.scope if params.get(name) is not None)
            raise ConfigError('%s: each name must match exactly one, but %s%s' % (
                get.by_name.option, '; '.join(wrong), ' (%s)' % scope if scope else ''))
        return [ids[0] for ids in found]

    def read(self, params, client):
        """plan() then execute(): what the module returns for ``params`` (defaults filled in)."""
        return self.execute(self.plan(params), client, params)

    def run(self, module_class=None):
        """Build the module, read, exit (or fail with one line); returns the result for tests."""
        module = (module_class or ServiceCatalogModule)(argument_spec=self.spec, **self.rules)
        result = None
        with module.errors():
            call = self.plan(module.params)
            try:
                result, warnings = self.execute(call, module.client, module.params)
            except WaitFailed as failed:
                module.warnings.extend(failed.warnings)
                raise
        if result is not None:
            module.warnings.extend(warnings)
            module.exit_json(**result)
        return result


def _wait_all(client, fetch, ids, wait_while, params):
    """Get every one of ``ids`` until none's Status is in ``wait_while``, all at once (instances.wait_many).
    Returns ``(documents in order, IDs timed out)``."""
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.instances import wait_many
    timeout, interval = wait_settings(params)
    return wait_many(client, fetch, ids, lambda doc: doc.get('Status') in wait_while, timeout, interval)


def matching(pattern, described):
    """A ``convert`` for Param / Filter: the value (each entry of a list) must match ``pattern``,
    else ConfigError ``<option>: each entry must be <described>, got '<entry>'``."""
    regex = re.compile(pattern)

    def convert(option, value):
        for entry in value if isinstance(value, list) else [value]:
            if not regex.match(entry):
                raise ConfigError('%s: %s be %s, got %r' % (option, 'each entry must' if isinstance(value, list) else 'must',
                                                            described, entry))
        return value
    return convert


def _value(name, spec, params, convert=None):
    """The checked value of option ``name`` (None when unset)."""
    value = params.get(name)
    if value is None:
        return None
    if not spec.get('choices'):
        kind = spec.get('type', 'str')
        if kind == 'str':
            value = require_text(params, name)
        elif kind == 'list' and spec.get('elements', 'str') == 'str':
            value = [str(v).strip() for v in value]
            if not value or not all(value):
                raise ConfigError('%s: must be a list of non-empty names' % name)
    return convert(name, value) if convert is not None else value


def _collection_text(text, is_id):
    """'a list' or 'a dict' when ``text`` is what AnsibleModule makes of one given to a str option; else None.
    No ID has brackets; a name may ("[legacy] db"), so for names the text must read back as a Python literal."""
    stripped = text.strip()
    if not stripped[:1] in ('[', '{') or stripped[-1:] not in (']', '}'):
        return None
    if is_id:
        return 'a list' if _LIST_TEXT.match(stripped) else 'a dict'
    import ast  # only text shaped like a list or a dict gets here
    try:
        value = ast.literal_eval(stripped)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return 'a list' if isinstance(value, (list, tuple, set)) else 'a dict' if isinstance(value, dict) else None


def _used(value):
    return value is not None and value is not False


def _names(pair):
    return set(name for op in pair if op is not None for name in op.option_names())


def _union(lists):
    out = []
    for names in lists:
        out.extend(name for name in names if name not in out)
    return out
