#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: portfolio_principal_info
short_description: List the RAM users and roles of an Alibaba Cloud Service Catalog portfolio
version_added: 0.2.0
description:
  - Lists the principals (RAM users and RAM roles) associated with a portfolio with C(ListPrincipals),
    the identities that may launch the portfolio's products.
  - The operation is not paged; the module returns the whole list.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  portfolio_id:
    description:
      - The ID of the portfolio, for example C(port-bp1yt7582g****) (C(PortfolioId)).
      - An unknown portfolio fails with the API's not-found error.
    type: str
    required: true
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.portfolio_info
'''

EXAMPLES = r'''
- name: Who may use a portfolio
  alicloud.servicecatalog.portfolio_principal_info:
    portfolio_id: port-bp1yt7582g****
    alicloud_region: cn-hangzhou
  register: principals

- name: The RAM roles among them
  ansible.builtin.debug:
    msg: "{{ principals.principals | selectattr('principal_type', 'equalto', 'RamRole') | list }}"
'''

RETURN = r'''
total_count:
  description: The number of principals (the API gives no total; the length of RV(principals)).
  returned: always
  type: int
  sample: 2
principals:
  description: The principals of the portfolio, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    principal_id:
      description: The ID of the RAM user or RAM role; empty for a principal given by a name pattern.
      type: str
      sample: "24477111603637****"
    principal_type:
      description: C(RamUser) or C(RamRole).
      type: str
      sample: RamUser
    principal_pattern:
      description:
        - A name pattern with C(*) wildcards matching RAM users or roles, for a principal given by pattern;
          empty for a principal given by ID. Not documented in the API reference.
      type: str
      sample: sc-*-role
api_log:
  description:
    - What the client did besides the plain calls, one line each, in order - retries after throttling,
      an HTTP 5xx answer or a dropped connection, renewed temporary credentials and re-reads of a listing that changed while it was read.
    - Returned only when the play runs with C(-vvv) or more and there is something to report.
  returned: with -vvv, when there were retries or re-reads
  type: list
  elements: str
  sample: ["ListPrincipals: attempt 1 failed with HTTP 503 ServiceUnavailable, retrying in 0.42s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import InfoModule, List, Param

INFO = InfoModule(
    'principals',
    options=dict(portfolio_id=dict(type='str')),
    listing=List('ListPrincipals', {'portfolio_id': Param('PortfolioId', required=True)}),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
