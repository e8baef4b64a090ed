# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""portfolio_info: the rules derived from its declaration and the call each form makes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.modules import portfolio_info

INFO = portfolio_info.INFO
LISTING = ['product_id', 'scope', 'name', 'full_text_search', 'sort_by', 'sort_order', 'page_number', 'page_size']


def params(**values):
    out = dict((name, spec.get('default')) for name, spec in INFO.spec.items())
    out.update(values)
    return out


def sent(call):
    """The API parameters the client sends (it leaves out None)."""
    return dict((key, value) for key, value in call.params.items() if value is not None)


def test_rules():
    assert INFO.rules == {'mutually_exclusive': [('portfolio_id', name) for name in LISTING]}
    assert set(INFO.spec) == set(['portfolio_id'] + LISTING)


def test_get_and_list_calls():
    get = INFO.plan(params(portfolio_id=' port-1 '))
    assert (get.kind, get.action, sent(get)) == ('get', 'GetPortfolio', {'PortfolioId': 'port-1'})
    listed = INFO.plan(params(product_id='prod-1', scope='Import', name='db', full_text_search='dev', sort_order='asc', page_size=5))
    assert listed.action == 'ListPortfolios'
    assert sent(listed) == {
        'ProductId': 'prod-1', 'Scope': 'Import', 'SortBy': 'CreateTime', 'SortOrder': 'Asc',
        'Filters.1.Key': 'PortfolioName', 'Filters.1.Value': 'db', 'Filters.2.Key': 'FullTextSearch', 'Filters.2.Value': 'dev',
    }
    assert (listed.page_number, listed.page_size) == (None, 5)
