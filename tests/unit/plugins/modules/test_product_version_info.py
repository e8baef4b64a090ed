# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""product_version_info: one version by ID, or every version of a product."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.modules import product_version_info

INFO = product_version_info.INFO


def test_rules():
    assert INFO.rules == {'mutually_exclusive': [('product_version_id', 'product_id')],
                          'required_one_of': [('product_version_id', 'product_id')]}
    assert set(INFO.spec) == {'product_version_id', 'product_id'}


def test_calls():
    assert INFO.plan({'product_version_id': 'pv-1', 'product_id': None}).params == {'ProductVersionId': 'pv-1'}
    call = INFO.plan({'product_version_id': None, 'product_id': 'prod-1'})
    assert (call.action, call.params) == ('ListProductVersions', {'ProductId': 'prod-1'})
