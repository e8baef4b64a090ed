#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: portfolio_principal
short_description: Share an Alibaba Cloud Service Catalog portfolio with a RAM user or role, or stop sharing it
version_added: 0.3.0
description:
  - Grants a RAM user or RAM role access to a portfolio (C(AssociatePrincipalWithPortfolio)), making it an end user of
    the portfolio's products, or revokes it (C(DisassociatePrincipalFromPortfolio)).
  - Idempotent. The principals of the portfolio are read (C(ListPrincipals), the whole list) and matched by ID and type;
    present twice or absent twice is C(changed=false).
  - A write whose answer is lost after it may have reached the server (a time-out, an HTTP 5xx answer, a dropped
    connection) is never sent again; the module reads the principals again and continues from what it finds.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  portfolio_id:
    description:
      - The ID of the portfolio, for example C(port-bp1yt7582g****).
      - With O(state=present) the portfolio must exist; with O(state=absent) a portfolio that does not exist has no
        principals (C(changed=false)).
    type: str
    required: true
  principal_id:
    description:
      - The ID of the RAM user (C(GetUser)) or RAM role (C(GetRole)), for example C(24477111603637****).
    type: str
    required: true
  principal_type:
    description:
      - V(RamUser) or V(RamRole).
    type: str
    choices: [RamUser, RamRole]
    required: true
  state:
    description:
      - V(present) shares the portfolio with the principal; V(absent) stops sharing it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.portfolio_principal_info
  - module: alicloud.servicecatalog.portfolio
'''

EXAMPLES = r'''
- name: Share a portfolio with a RAM role (or leave it shared)
  alicloud.servicecatalog.portfolio_principal:
    portfolio_id: port-bp1yt7582g0a01
    principal_id: "300000000000000123"
    principal_type: RamRole

- name: Stop sharing it with that role
  alicloud.servicecatalog.portfolio_principal:
    portfolio_id: port-bp1yt7582g0a01
    principal_id: "300000000000000123"
    principal_type: RamRole
    state: absent
'''

RETURN = r'''
principal:
  description:
    - The principal as C(ListPrincipals) returns it, in snake_case (as M(alicloud.servicecatalog.portfolio_principal_info)
      returns each one); empty once removed and in check mode before it is added.
  returned: always
  type: dict
  sample:
    principal_id: "300000000000000123"
    principal_type: RamRole
    principal_pattern: ""
changes:
  description: What changed (or, in check mode, would change).
  returned: always
  type: list
  elements: str
  sample: ["create portfolio principal"]
diff:
  description: Before and after of the association (portfolio, principal ID and type), also shown with C(--diff).
  returned: always
  type: dict
  contains:
    before:
      description: The association as found (empty when the portfolio was not shared with the principal).
      type: dict
    after:
      description: The desired association (empty for O(state=absent)).
      type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Association, run


class PortfolioPrincipal(Association):
    what = 'portfolio principal'
    associate, disassociate = 'AssociatePrincipalWithPortfolio', 'DisassociatePrincipalFromPortfolio'
    argument_spec = dict(
        portfolio_id=dict(type='str', required=True),
        principal_id=dict(type='str', required=True),
        principal_type=dict(type='str', choices=['RamUser', 'RamRole'], required=True),
    )

    def find(self):
        self.link = dict(PortfolioId=require_text(self.params, 'portfolio_id'), PrincipalId=require_text(self.params, 'principal_id'),
                         PrincipalType=self.params['principal_type'])
        principals = self.members('ListPrincipals', {'PortfolioId': self.link['PortfolioId']},
                                  'portfolio_id: there is no portfolio %s' % self.link['PortfolioId'])
        found = [item for item in principals or ()
                 if item.get('PrincipalId') == self.link['PrincipalId'] and item.get('PrincipalType') == self.link['PrincipalType']]
        return found[0] if found else None

    def desired(self, current):
        return dict(portfolio_id=self.link['PortfolioId'], principal_id=self.link['PrincipalId'], principal_type=self.link['PrincipalType'])

    def result(self, document):
        return dict(principal=snake_case(document) if document else {})


def main():
    run(PortfolioPrincipal)


if __name__ == '__main__':
    main()
