# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""region_info: no option of its own; ListRegions takes no parameter."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.modules import region_info


def test_no_options_one_call():
    assert (region_info.INFO.spec, region_info.INFO.rules) == ({}, {})
    call = region_info.INFO.plan({})
    assert (call.action, call.params) == ('ListRegions', {})
