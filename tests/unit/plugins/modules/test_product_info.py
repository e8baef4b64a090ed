# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""product_info: two variants chosen by view; admin-only options refused with view=end_user."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.modules import product_info

INFO = product_info.INFO
LISTING = ['name', 'full_text_search', 'sort_by', 'sort_order', 'page_number', 'page_size', 'portfolio_id', 'scope']


def params(**values):
    out = dict((name, spec.get('default')) for name, spec in INFO.spec.items())
    out.update(values)
    return out


def sent(call):
    """The API parameters the client sends (it leaves out None)."""
    return dict((key, value) for key, value in call.params.items() if value is not None)


def test_rules():
    assert INFO.rules == {'mutually_exclusive': [('product_id', name) for name in LISTING]}
    assert INFO.spec['view'] == {'type': 'str', 'choices': ['end_user', 'admin'], 'default': 'end_user'}


@pytest.mark.parametrize('view, get_action, list_action', [
    ('end_user', 'GetProductAsEndUser', 'ListProductsAsEndUser'),
    ('admin', 'GetProductAsAdmin', 'ListProductsAsAdmin'),
])
def test_view_picks_the_operations(view, get_action, list_action):
    assert INFO.plan(params(view=view, product_id='prod-1')).action == get_action
    call = INFO.plan(params(view=view, name='ecs'))
    assert call.action == list_action
    assert sent(call) == {'Filters.1.Key': 'ProductName', 'Filters.1.Value': 'ecs'}


def test_admin_options():
    call = INFO.plan(params(view='admin', portfolio_id='port-1', scope='All'))
    assert sent(call) == {'PortfolioId': 'port-1', 'Scope': 'All'}
    for option, value in (('portfolio_id', 'port-1'), ('scope', 'All')):
        with pytest.raises(ConfigError, match='%s: only with view=admin' % option):
            INFO.plan(params(**{option: value}))
