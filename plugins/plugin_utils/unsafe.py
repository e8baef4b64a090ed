# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""API data handed to Ansible by the inventory plugin: never templated, yet plain where it can be.

From ansible-core 2.19 on (data tagging) only strings trusted as templates are ever templated, so API
data needs nothing. Before, every string in a variable may be templated, so one holding a template
(``{{ }}``, ``{% %}``, ``{# #}``, all of which start with ``{``) must be marked unsafe. Only those are:
``ansible-inventory --list --export``, which AWX runs to import an inventory, prints an unsafe string as a
``{"__ansible_unsafe": ...}`` mapping that AWX would store as it is, while a plain string prints plain.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:  # ansible-core 2.19+: only strings trusted as templates are ever templated; API data never is
    from ansible.template import trust_as_template  # noqa: F401 pylint: disable=unused-import
    _wrap = None
except ImportError:  # older
    from ansible.utils.unsafe_proxy import wrap_var as _wrap


def unsafe_templates(value):
    """``value`` (dicts, lists and strings from the API) with every string that holds a ``{``, keys
    included, marked unsafe before ansible-core 2.19; everything else as it is."""
    if _wrap is None:
        return value
    if isinstance(value, dict):
        return dict((unsafe_templates(key), unsafe_templates(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return type(value)(unsafe_templates(item) for item in value)
    if isinstance(value, str) and '{' in value:
        return _wrap(value)
    return value
