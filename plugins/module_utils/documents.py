# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Documents carried as text inside answers (a template, a constraint's config, a list output), parsed
within bounds.

``json.loads`` and PyYAML build whatever the text describes: JSON nested 100,000 deep exhausts the
stack (RecursionError, not ValueError), and a YAML "billion laughs" (aliases of aliases of lists)
costs nothing to load but expands to 10^9 elements as soon as it is copied or returned. Both
functions here raise DocumentError (a ValueError) instead, with a reason that fits in one line.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.module_utils.common.yaml import HAS_YAML

# The deepest nesting of a document parsed from text. ROS templates and constraint configs nest
# fewer than 20 levels; 100 leaves room, and stays far below Python's recursion limit (1,000),
# which the JSON encoder of a module's result also needs.
MAX_DEPTH = 100
# Aliases that refer to a list or a mapping, per YAML document: the default of SnakeYAML's
# maxAliasesForCollections, the bound Java tools apply against alias bombs. Aliases of plain values
# cost nothing and are not counted.
MAX_COLLECTION_ALIASES = 50
# Elements those aliases may add when the document is expanded (copied, returned): a template that
# reuses a block of 100 elements 50 times adds 5,000; a billion laughs adds 10^9.
MAX_ALIAS_ELEMENTS = 100000


class DocumentError(ValueError):
    """The text holds a document beyond a bound; the message says which, in one line."""


def json_text(text):
    """``json.loads(text)``, refusing nesting deeper than MAX_DEPTH (DocumentError); other errors as json.loads."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise DocumentError('it nests deeper than %d levels' % MAX_DEPTH)
    _check_depth(document)
    return document


def parse_config(item):
    """A constraint in snake_case with ``config`` (JSON text) parsed (left out when it is not JSON) and the text itself
    as ``config_text``: as constraint_info and the constraint module return it."""
    item = dict(item)
    text = item.pop('config', None)
    if text is not None:
        item['config_text'] = text
        try:
            item['config'] = json_text(text) if isinstance(text, str) else text
        except ValueError:  # not JSON, or nested deeper than MAX_DEPTH
            pass
    return item


def yaml_text(text):
    """The YAML document in ``text``, loaded with safe_load's types, refusing more than MAX_DEPTH levels,
    more than MAX_COLLECTION_ALIASES aliases of lists or mappings, aliases that add more than
    MAX_ALIAS_ELEMENTS elements, and an alias inside what it refers to (DocumentError); PyYAML's errors
    otherwise. Needs PyYAML (ImportError without it)."""
    loader = _loader_class()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def parse_template(text, has_yaml=HAS_YAML):
    """``(template, None)`` for a JSON or YAML mapping, else ``(None, why)``; a document beyond the
    bounds above (nesting, YAML aliases) is not parsed, and ``why`` says which. YAML dates and the like
    become text, as JSON has them (template_info, and the template comparison of product_version)."""
    try:
        return _mapping(json_text(text))
    except DocumentError as exc:
        return None, str(exc)
    except ValueError:
        pass
    if not has_yaml:
        return None, 'it is not JSON, and PyYAML, needed to read YAML, is not installed'
    try:
        return _mapping(json.loads(json.dumps(yaml_text(text), default=str)))
    except DocumentError as exc:
        return None, str(exc)
    except Exception as exc:  # pylint: disable=broad-except
        return None, 'it is neither JSON nor YAML (%s)' % (str(exc).splitlines() or [exc.__class__.__name__])[0]


def _mapping(document):
    return (document, None) if isinstance(document, dict) else (None, 'it is not a JSON or YAML mapping')


def _check_depth(document):
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > MAX_DEPTH:
                    raise DocumentError('it nests deeper than %d levels' % MAX_DEPTH)
                pending.append((child, depth + 1))


_LOADER = []


def _loader_class():
    """PyYAML's pure-Python SafeLoader with the bounds above, built on first use (the C loader composes
    documents where they cannot be counted)."""
    if _LOADER:
        return _LOADER[0]
    import yaml

    class BoundedSafeLoader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors

        def __init__(self, stream):
            super(BoundedSafeLoader, self).__init__(stream)
            self.depth = 0
            self.collection_aliases = 0
            self.alias_elements = 0
            self.sizes = {}  # id(node) -> elements in it once expanded; a collection gets its size when composed

        def fetch_flow_collection_start(self, TokenClass):  # pylint: disable=invalid-name
            # the scanner reads ahead through flow collections ("[[[["): stop there, before composing
            if self.flow_level >= MAX_DEPTH:
                raise DocumentError('it nests deeper than %d levels' % MAX_DEPTH)
            super(BoundedSafeLoader, self).fetch_flow_collection_start(TokenClass)

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                node = super(BoundedSafeLoader, self).compose_node(parent, index)
                if isinstance(node, yaml.CollectionNode):
                    size = self.sizes.get(id(node))
                    if size is None:
                        raise DocumentError('an alias refers to a list or mapping it is part of')
                    self.collection_aliases += 1
                    self.alias_elements += size
                    if self.collection_aliases > MAX_COLLECTION_ALIASES:
                        raise DocumentError('it has more than %d aliases of lists or mappings' % MAX_COLLECTION_ALIASES)
                    if self.alias_elements > MAX_ALIAS_ELEMENTS:
                        raise DocumentError('its aliases expand to more than %d elements' % MAX_ALIAS_ELEMENTS)
                return node
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise DocumentError('it nests deeper than %d levels' % MAX_DEPTH)
            try:
                node = super(BoundedSafeLoader, self).compose_node(parent, index)
            finally:
                self.depth -= 1
            if isinstance(node, yaml.SequenceNode):
                self.sizes[id(node)] = 1 + sum(self.sizes.get(id(child), 1) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                self.sizes[id(node)] = 1 + sum(self.sizes.get(id(key), 1) + self.sizes.get(id(value), 1) for key, value in node.value)
            return node

    _LOADER.append(BoundedSafeLoader)
    return BoundedSafeLoader
