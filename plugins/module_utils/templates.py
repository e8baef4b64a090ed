# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Product version templates, shared by the ``product`` (a first version inline) and ``product_version`` modules.

A version's template is given as a dict, or as JSON or YAML text; it is parsed within the bounds of
documents.py and uploaded as JSON text with CreateTemplate, whose TemplateUrl the version then names. A
version's template cannot change (shared/api/write-operations.md: TemplateUrl has no Update parameter), so
product_version compares the desired document with GetTemplate's TemplateBody, parsed the same way:
formatting, key order and JSON-or-YAML do not count. ``flatten`` makes the comparison (and the diff) one
line per leaf, a multi-line text (a Terraform ``main.tf``) one entry per line.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import check_text
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.documents import parse_template
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError

TEMPLATE_TYPES = ['RosTerraformTemplate', 'RosStandardTemplate']
GUIDANCES = ['Default', 'Recommended', 'Latest', 'Deprecated']
# The largest template text taken (given, and uploaded): ROS's bound for a template body (512 KiB). The
# service's own bound for CreateTemplate is unverified.
MAX_TEMPLATE_CHARS = 524288
LISTED_PATHS = 5  # differing paths named in a refusal


def version_options(name_required):
    """The options of a version (product_version's own; product's ``version`` suboptions)."""
    return dict(
        template=dict(type='raw'),
        template_url=dict(type='str'),
        description=dict(type='str'),
        active=dict(type='bool'),
        guidance=dict(type='str', choices=GUIDANCES),
        name=dict(type='str', required=name_required),
    )


def template_document(value, name='template'):
    """``(document, text to upload)`` for the template option ``name``: a dict, or its JSON or YAML text."""
    if isinstance(value, dict):
        try:
            text = json.dumps(value, default=str)
        except (RecursionError, ValueError) as exc:
            raise ConfigError('%s: cannot be written as JSON (%s)' % (name, str(exc).splitlines()[0] if str(exc) else 'too deep'))
    elif isinstance(value, str):
        text = value
    else:
        raise ConfigError('%s: a mapping (dict), or its JSON or YAML text; got %s' % (name, type(value).__name__))
    check_text(name, text, MAX_TEMPLATE_CHARS)
    document, why = parse_template(text)
    if why is not None:
        raise ConfigError('%s: %s' % (name, why))
    upload = json.dumps(document, indent=2, ensure_ascii=False)
    check_text(name, upload, MAX_TEMPLATE_CHARS)
    return document, upload


def upload(resource, text, template_type):
    """CreateTemplate (never in check mode): the TemplateUrl. Its answer lost, it is not sent again (no list exists to
    recover from); the run fails and a new run uploads again (an unused upload costs nothing)."""
    answer, _found = resource.write('CreateTemplate', dict(TemplateBody=text, TemplateType=template_type))
    return answer['TemplateUrl']


def flatten(document, prefix=''):
    """``{path: leaf}`` of a parsed document: ``a.b``, ``a[0]``; an empty dict or list is a leaf; a text of several
    lines a list of its lines (so a diff shows the lines that differ)."""
    flat = {}
    if isinstance(document, dict) and document:
        for key, value in document.items():
            flat.update(flatten(value, '%s.%s' % (prefix, key) if prefix else str(key)))
    elif isinstance(document, list) and document:
        for index, value in enumerate(document):
            flat.update(flatten(value, '%s[%d]' % (prefix, index)))
    elif isinstance(document, str) and '\n' in document.rstrip('\n'):
        flat[prefix] = document.splitlines()
    else:
        flat[prefix] = document
    return flat


def differing_paths(before, after):
    """The paths of two flattened documents that differ, sorted; at most LISTED_PATHS, then how many more."""
    paths = sorted(path for path in set(before) | set(after) if before.get(path, ()) != after.get(path, ()))
    shown = ', '.join(paths[:LISTED_PATHS])
    return shown + (' and %d more' % (len(paths) - LISTED_PATHS) if len(paths) > LISTED_PATHS else '')


def version_parameters(version, template_type, template_url):
    """CreateProduct's ProductVersionParameters: ONE form field holding compact JSON text (as the SDK sends it)."""
    document = dict(ProductVersionName=version['name'], TemplateType=template_type, TemplateUrl=template_url)
    for key, option in (('Active', 'active'), ('Guidance', 'guidance'), ('Description', 'description')):
        if version.get(option) is not None:
            document[key] = version[option]
    return json.dumps(document, separators=(',', ':'), ensure_ascii=False, sort_keys=True)


def flag(value):
    """A top-level boolean of a write, as the text the API takes (the SDK's ``True`` / ``False`` is unverified)."""
    return None if value is None else 'true' if value else 'false'
