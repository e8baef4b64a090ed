#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: portfolio_product
short_description: Add a product to an Alibaba Cloud Service Catalog portfolio, or remove it
version_added: 0.3.0
description:
  - Adds a product to a portfolio (C(AssociateProductWithPortfolio)) or removes it (C(DisassociateProductFromPortfolio)).
    Users the portfolio is shared with (M(alicloud.servicecatalog.portfolio_principal)) can then launch the product.
  - Idempotent. Whether the product is in the portfolio is read from the portfolio's products
    (C(ListProductsAsAdmin) with C(PortfolioId), local and imported products), every page of them; a product already
    there (V(present)) or not there (V(absent)) is C(changed=false).
  - A write whose answer is lost after it may have reached the server is not sent again; the portfolio's products are read again.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  portfolio_id:
    description:
      - The portfolio, for example C(port-bp1yt7582g****).
    type: str
    required: true
  product_id:
    description:
      - The product, for example C(prod-bp18r7q127****).
    type: str
    required: true
  state:
    description:
      - V(present) adds the product to the portfolio; V(absent) removes it (with the constraints set on it in that portfolio,
        as the service does).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.product_info
  - module: alicloud.servicecatalog.launch_option_info
  - module: alicloud.servicecatalog.constraint
'''

EXAMPLES = r'''
- name: Offer the SLB product in the Data services portfolio too
  alicloud.servicecatalog.portfolio_product:
    portfolio_id: port-bp1438kf2j0a02
    product_id: prod-bp1slbweb2ca005

- name: And remove it again
  alicloud.servicecatalog.portfolio_product:
    portfolio_id: port-bp1438kf2j0a02
    product_id: prod-bp1slbweb2ca005
    state: absent
'''

RETURN = r'''
product:
  description:
    - The product as the portfolio lists it (C(ListProductsAsAdmin)), in snake_case (as
      M(alicloud.servicecatalog.product_info) with O(alicloud.servicecatalog.product_info#module:view=admin) returns it);
      empty when it is not in the portfolio (removed, or in check mode before it is added).
  returned: always
  type: dict
  sample:
    product_id: prod-bp1slbweb2ca005
    product_name: SLB load balancer
    product_type: Ros
    provider_name: Platform Engineering
changes:
  description: What changed (or, in check mode, would change); empty when nothing did.
  returned: always
  type: list
  elements: str
  sample: ["create portfolio product association"]
diff:
  description: The portfolio and product of the association, before and after.
  returned: always
  type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Association, run


class PortfolioProduct(Association):
    what = 'portfolio product association'
    associate, disassociate = 'AssociateProductWithPortfolio', 'DisassociateProductFromPortfolio'
    argument_spec = dict(
        portfolio_id=dict(type='str', required=True),
        product_id=dict(type='str', required=True),
    )

    def find(self):
        """The product as the portfolio lists it, or None: every page of the portfolio's products, local and imported
        (reading only the first page would miss a product further on and add it again). An unknown portfolio: the API's
        error for ``present``, nothing to remove for ``absent``."""
        self.link = dict(PortfolioId=require_text(self.params, 'portfolio_id'), ProductId=require_text(self.params, 'product_id'))
        products = self.members('ListProductsAsAdmin', {'PortfolioId': self.link['PortfolioId'], 'Scope': 'All'})
        return next((item for item in products or () if item.get('ProductId') == self.link['ProductId']), None)

    def desired(self, current):
        return dict(portfolio_id=self.link['PortfolioId'], product_id=self.link['ProductId'])

    def result(self, document):
        return dict(product=snake_case(document) if document else {})


def main():
    run(PortfolioProduct)


if __name__ == '__main__':
    main()
