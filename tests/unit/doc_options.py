# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The common options of a lookup or inventory plugin as Ansible documents them: the
``common.plugins`` fragment, then ``common``, merged option by option with Ansible's own
``merge_fragment`` (what ansible-doc and the plugin's configuration see)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import yaml

from ansible.utils.plugin_docs import merge_fragment

from ansible_collections.alicloud.servicecatalog.plugins.doc_fragments.common import ModuleDocFragment


_MERGED = []


def plugin_common_options():
    """A fresh copy each call (callers change it); the fragments are parsed once per process."""
    if not _MERGED:
        options = {}
        for fragment in (ModuleDocFragment.PLUGINS, ModuleDocFragment.DOCUMENTATION):  # the order plugins extend them in
            merge_fragment(options, yaml.safe_load(fragment)['options'])
        _MERGED.append(options)
    return copy.deepcopy(_MERGED[0])
