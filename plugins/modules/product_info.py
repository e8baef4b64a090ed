#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: product_info
short_description: Get Alibaba Cloud Service Catalog products, as an end user or as an administrator
version_added: 0.2.0
description:
  - As an end user (O(view=end_user), the default), with O(product_id) gets one product with
    C(GetProductAsEndUser); otherwise lists the products the caller may launch with C(ListProductsAsEndUser).
  - As an administrator (O(view=admin)), with O(product_id) gets one product with C(GetProductAsAdmin), with
    the tag options attached to it; otherwise lists the products of the account with C(ListProductsAsAdmin),
    local, imported or both (O(scope)), or those of one portfolio (O(portfolio_id)).
  - Listings are filtered by O(name) or O(full_text_search); every page is read, or only one page with O(page_number).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  product_id:
    description:
      - The ID of one product, for example C(prod-bp18r7q127****).
      - Mutually exclusive with the listing options O(name), O(full_text_search), O(portfolio_id), O(scope),
        O(sort_by), O(sort_order), O(page_number) and O(page_size).
    type: str
  view:
    description:
      - V(end_user) reads the products as an end user sees them, only those the caller may launch
        (C(GetProductAsEndUser), C(ListProductsAsEndUser)).
      - V(admin) reads them as their administrator sees them (C(GetProductAsAdmin), C(ListProductsAsAdmin)),
        and allows O(portfolio_id) and O(scope).
    type: str
    choices: [end_user, admin]
    default: end_user
  name:
    description:
      - List only the products with exactly this name, compared without regard to case (the C(ProductName) filter).
    type: str
  full_text_search:
    description:
      - List only the products whose name, ID, description or provider contains this text, without regard
        to case (the C(FullTextSearch) filter).
    type: str
  portfolio_id:
    description:
      - List only the products of this portfolio (C(PortfolioId)). An unknown portfolio gives an empty list.
      - Only with O(view=admin).
    type: str
  scope:
    description:
      - Which products to list (C(Scope)). V(Local), those created in this account; V(Import), those of
        portfolios shared with this account; V(All), both. When not set the API's default applies (V(Local)).
      - Only with O(view=admin).
    type: str
    choices: [Local, Import, All]
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.SORT
  - alicloud.servicecatalog.listing.PAGING
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.product_version_info
  - module: alicloud.servicecatalog.launch_option_info
  - module: alicloud.servicecatalog.portfolio_info
'''

EXAMPLES = r'''
- name: Every product I may launch
  alicloud.servicecatalog.product_info:
    alicloud_region: cn-hangzhou
  register: launchable

- name: One product, as an end user
  alicloud.servicecatalog.product_info:
    product_id: prod-bp18r7q127****
  register: product

- name: Launch without naming a portfolio when the product has a default launch option
  ansible.builtin.debug:
    msg: "{{ product.products[0].has_default_launch_option }}"

- name: One product as its administrator sees it, with its tag options
  alicloud.servicecatalog.product_info:
    product_id: prod-bp18r7q127****
    view: admin
  register: admin_view

- name: The products of one portfolio, local and imported, newest first
  alicloud.servicecatalog.product_info:
    view: admin
    portfolio_id: port-bp1yt7582g****
    scope: All
    sort_by: CreateTime
    sort_order: desc

- name: A product by its exact name (case does not matter)
  alicloud.servicecatalog.product_info:
    name: ECS instance

- name: Products mentioning "mysql", the first page of 10
  alicloud.servicecatalog.product_info:
    full_text_search: mysql
    page_number: 1
    page_size: 10
'''

RETURN = r'''
total_count:
  description:
    - Without O(product_id), the number of products the API reports for the filters (C(TotalCount)).
    - With O(product_id), 1.
  returned: always
  type: int
  sample: 13
products:
  description: The products, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    product_id:
      description: The product ID.
      type: str
      sample: prod-bp18r7q127****
    product_name:
      description: The product name.
      type: str
      sample: ECS instance
    product_arn:
      description: The ARN of the product.
      type: str
      sample: acs:servicecatalog:cn-hangzhou:146611588617****:product/prod-bp18r7q127****
    product_type:
      description: The product type, always C(Ros).
      type: str
      sample: Ros
    template_type:
      description: C(RosTerraformTemplate) or C(RosStandardTemplate), the kind of template of the product's versions.
      type: str
      sample: RosTerraformTemplate
    provider_name:
      description: Who provides the product.
      type: str
      sample: IT Service Center
    description:
      description: The product's description.
      type: str
      sample: An ECS instance in a new VPC.
    create_time:
      description: When the product was created, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-05-23T09:46:27Z"
    has_default_launch_option:
      description:
        - Whether the product has a default launch option (it sits in exactly one portfolio), so that it can be
          launched without naming a portfolio. Only with O(view=end_user).
      returned: when O(view=end_user)
      type: bool
      sample: true
    tag_options:
      description: The tag options attached to the product (C(TagOptions) of C(GetProductAsAdmin)).
      returned: when O(product_id) is set and O(view=admin)
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
  sample: ["ListProductsAsEndUser: TotalCount changed during the listing (from 12 to 13); reading it again"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, Get, InfoModule, List

SEARCH = {'name': Filter('ProductName'), 'full_text_search': Filter('FullTextSearch')}

INFO = InfoModule(
    'products',
    options=dict(
        product_id=dict(type='str'),
        view=dict(type='str', choices=['end_user', 'admin'], default='end_user'),
        name=dict(type='str'),
        full_text_search=dict(type='str'),
        portfolio_id=dict(type='str'),
        scope=dict(type='str', choices=['Local', 'Import', 'All']),
    ),
    choose='view',
    variants={
        'end_user': (Get('GetProductAsEndUser', {'product_id': 'ProductId'}), List('ListProductsAsEndUser', SEARCH, sort=True)),
        'admin': (Get('GetProductAsAdmin', {'product_id': 'ProductId'}),
                  List('ListProductsAsAdmin', dict(SEARCH, portfolio_id='PortfolioId', scope='Scope'), sort=True)),
    },
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
