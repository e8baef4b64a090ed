# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""launch_option_info: product_id is required; ListLaunchOptions does not page."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.modules import launch_option_info

INFO = launch_option_info.INFO


def test_rules_and_call():
    assert INFO.rules == {}
    assert INFO.spec == {'product_id': {'type': 'str', 'required': True}}
    call = INFO.plan({'product_id': 'prod-1'})
    assert (call.action, call.params, call.page_size) == ('ListLaunchOptions', {'ProductId': 'prod-1'}, None)
