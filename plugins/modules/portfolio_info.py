#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: portfolio_info
short_description: Get Alibaba Cloud Service Catalog portfolios
version_added: 0.2.0
description:
  - With O(portfolio_id), gets one portfolio with C(GetPortfolio), with the tag options attached to it.
  - Otherwise lists portfolios with C(ListPortfolios), local, imported or both (O(scope)), those holding a
    product (O(product_id)), filtered by O(name) or O(full_text_search); every page or only one page with O(page_number).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  portfolio_id:
    description:
      - The ID of one portfolio, for example C(port-bp1yt7582g****).
      - Mutually exclusive with the listing options O(product_id), O(scope), O(name), O(full_text_search),
        O(sort_by), O(sort_order), O(page_number) and O(page_size).
    type: str
  product_id:
    description:
      - List only the portfolios that hold this product (C(ProductId)). An unknown product gives an empty list.
    type: str
  scope:
    description:
      - Which portfolios to list (C(Scope)). V(Local), those created in this account; V(Import), those
        shared with this account by another one; V(All), both.
      - When not set the API's default applies (V(Local)).
    type: str
    choices: [Local, Import, All]
  name:
    description:
      - List only the portfolios with exactly this name, compared without regard to case (the C(PortfolioName) filter).
    type: str
  full_text_search:
    description:
      - List only the portfolios whose name, ID, description or provider contains this text, without regard
        to case (the C(FullTextSearch) filter).
    type: str
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.SORT
  - alicloud.servicecatalog.listing.PAGING
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.portfolio_principal_info
  - module: alicloud.servicecatalog.product_info
notes:
  - The values of O(scope) and the filter keys of C(ListPortfolios) are those of C(ListProductsAsAdmin); the
    API reference of C(ListPortfolios) does not document them.
'''

EXAMPLES = r'''
- name: Get one portfolio, with its tag options
  alicloud.servicecatalog.portfolio_info:
    portfolio_id: port-bp1yt7582g****
    alicloud_region: cn-hangzhou
  register: portfolio

- name: Show the tag options of the portfolio
  ansible.builtin.debug:
    msg: "{{ portfolio.portfolios[0].tag_options | items2dict(key_name='key', value_name='value') }}"

- name: Every portfolio, local and imported
  alicloud.servicecatalog.portfolio_info:
    scope: All
  register: all_portfolios

- name: The imported portfolios that hold a product
  alicloud.servicecatalog.portfolio_info:
    scope: Import
    product_id: prod-bp18r7q127****

- name: A portfolio by its exact name (case does not matter)
  alicloud.servicecatalog.portfolio_info:
    name: Compute
  register: by_name

- name: Portfolios mentioning "dev", oldest first, the second page of 20
  alicloud.servicecatalog.portfolio_info:
    full_text_search: dev
    sort_by: CreateTime
    sort_order: asc
    page_number: 2
    page_size: 20
'''

RETURN = r'''
total_count:
  description:
    - Without O(portfolio_id), the number of portfolios the API reports for the filters (C(TotalCount)).
    - With O(portfolio_id), 1.
  returned: always
  type: int
  sample: 3
portfolios:
  description: The portfolios, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    portfolio_id:
      description: The portfolio ID.
      type: str
      sample: port-bp1yt7582g****
    portfolio_name:
      description: The portfolio name.
      type: str
      sample: Compute
    portfolio_arn:
      description: The ARN of the portfolio.
      type: str
      sample: acs:servicecatalog:cn-hangzhou:146611588617****:portfolio/port-bp1yt7582g****
    provider_name:
      description: Who provides the portfolio.
      type: str
      sample: IT Service Center
    description:
      description: The portfolio's description.
      type: str
      sample: Products for the development team.
    create_time:
      description: When the portfolio was created, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-05-23T09:46:27Z"
    tag_options:
      description: The tag options attached to the portfolio (C(TagOptions) of C(GetPortfolio)). Only with O(portfolio_id).
      returned: when O(portfolio_id) is set
      type: list
      elements: dict
      contains:
        tag_option_id:
          description: The tag option ID.
          type: str
          sample: tag-bp1h5ql4ri****
        key:
          description: The tag key, as defined.
          type: str
          sample: env
        value:
          description: The tag value, as defined.
          type: str
          sample: prod
        active:
          description: Whether the tag option is active (can be used).
          type: bool
          sample: true
        owner:
          description: The Alibaba Cloud account ID that owns the tag option.
          type: str
          sample: "146611588617****"
api_log:
  description:
    - What the client did besides the plain calls, one line each, in order - retries after throttling,
      an HTTP 5xx answer or a dropped connection, renewed temporary credentials and re-reads of a listing that changed while it was read.
    - Returned only when the play runs with C(-vvv) or more and there is something to report.
  returned: with -vvv, when there were retries or re-reads
  type: list
  elements: str
  sample: ["ListPortfolios: TotalCount changed during the listing (from 12 to 13); reading it again"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, Get, InfoModule, List

INFO = InfoModule(
    'portfolios',
    options=dict(
        portfolio_id=dict(type='str'),
        product_id=dict(type='str'),
        scope=dict(type='str', choices=['Local', 'Import', 'All']),
        name=dict(type='str'),
        full_text_search=dict(type='str'),
    ),
    get=Get('GetPortfolio', {'portfolio_id': 'PortfolioId'}),
    listing=List('ListPortfolios', {
        'product_id': 'ProductId',
        'scope': 'Scope',
        'name': Filter('PortfolioName'),
        'full_text_search': Filter('FullTextSearch'),
    }, sort=True),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
