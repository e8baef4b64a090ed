# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""portfolio_principal_info: portfolio_id is required; ListPrincipals does not page."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.modules import portfolio_principal_info

INFO = portfolio_principal_info.INFO


def test_rules():
    assert INFO.rules == {}
    assert INFO.spec == {'portfolio_id': {'type': 'str', 'required': True}}


def test_call():
    call = INFO.plan({'portfolio_id': 'port-1'})
    assert (call.action, call.params, call.page_number, call.page_size) == ('ListPrincipals', {'PortfolioId': 'port-1'}, None, None)
    with pytest.raises(ConfigError, match='portfolio_id: must not be empty'):
        INFO.plan({'portfolio_id': ' '})
