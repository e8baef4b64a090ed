#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: provisioned_product_info
short_description: Get Alibaba Cloud Service Catalog provisioned products (product instances)
version_added: 0.1.0
description:
  - With O(provisioned_product_id), gets one provisioned product with C(GetProvisionedProduct).
  - Otherwise lists provisioned products with C(ListProvisionedProducts), filtered by O(name) or
    O(full_text_search), every page or only one page with O(page_number).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  provisioned_product_id:
    description:
      - The ID of one provisioned product, for example C(pp-bp1ddg1n2a****).
      - Mutually exclusive with the listing options O(name), O(full_text_search), O(access_level_filter),
        O(sort_by), O(sort_order), O(page_number) and O(page_size).
    type: str
  name:
    description:
      - List only the provisioned products with exactly this name, compared without regard to case
        (the C(ProvisionedProductName) filter).
    type: str
  full_text_search:
    description:
      - List only the provisioned products whose name matches this text, fuzzy (the C(FullTextSearch) filter).
    type: str
  access_level_filter:
    description:
      - V(User) lists the provisioned products created by the caller, V(Account) those of the whole
        Alibaba Cloud account.
      - When not set the API's default applies (V(User)).
    type: str
    choices: [User, Account]
  wait:
    description:
      - With O(provisioned_product_id), wait until the provisioned product is no longer C(UnderChange)
        (it is C(Available) or C(Error)).
      - The module fails when O(wait_timeout) runs out first.
    type: bool
    default: false
extends_documentation_fragment:
  - alicloud.servicecatalog.common.MODULES
  - alicloud.servicecatalog.listing
  - alicloud.servicecatalog.listing.WAIT
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.task_info
  - module: alicloud.servicecatalog.provisioned_product_plan_info
  - plugin: alicloud.servicecatalog.task_outputs
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Get one provisioned product
  alicloud.servicecatalog.provisioned_product_info:
    provisioned_product_id: pp-bp1ddg1n2a****
    alicloud_region: cn-hangzhou
  register: pp

- name: Find a provisioned product by its exact name (case does not matter)
  alicloud.servicecatalog.provisioned_product_info:
    name: DEMO-ECS instance
  register: by_name

- name: Every provisioned product of the account whose name mentions "mysql", oldest first
  alicloud.servicecatalog.provisioned_product_info:
    full_text_search: mysql
    access_level_filter: Account
    sort_by: CreateTime
    sort_order: asc
  register: mysql

- name: The first page of 10
  alicloud.servicecatalog.provisioned_product_info:
    page_number: 1
    page_size: 10

- name: Wait until a provisioned product is no longer UnderChange, then read its last task's outputs
  alicloud.servicecatalog.provisioned_product_info:
    provisioned_product_id: pp-bp1ddg1n2a****
    wait: true
    wait_timeout: 1200
  register: settled

- name: Outputs of the last successful provisioning
  ansible.builtin.debug:
    msg: "{{ lookup('alicloud.servicecatalog.task_outputs', settled.provisioned_products[0].last_successful_provisioning_task_id) }}"
'''

RETURN = r'''
total_count:
  description:
    - Without O(provisioned_product_id), the number of provisioned products the API reports for the filters (C(TotalCount)).
    - With O(provisioned_product_id), 1.
  returned: always
  type: int
  sample: 2
provisioned_products:
  description: The provisioned products, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    provisioned_product_id:
      description: The provisioned product ID.
      type: str
      sample: pp-bp1ddg1n2a****
    provisioned_product_name:
      description: The provisioned product name.
      type: str
      sample: DEMO-ECS instance
    provisioned_product_arn:
      description: The ARN of the provisioned product.
      type: str
      sample: acs:servicecatalog:cn-hangzhou:146611588617****:provisionedproduct/pp-bp1ddg1n2a****
    provisioned_product_type:
      description: The type of the provisioned product, C(RosStack).
      type: str
      sample: RosStack
    product_id:
      description: The product ID.
      type: str
      sample: prod-bp18r7q127****
    product_name:
      description: The product name.
      type: str
      sample: DEMO-Create an ECS instance
    product_version_id:
      description: The product version ID.
      type: str
      sample: pv-bp15e79d26****
    product_version_name:
      description: The product version name.
      type: str
      sample: "1.0"
    portfolio_id:
      description: The portfolio ID.
      type: str
      sample: port-bp1yt7582g****
    last_task_id:
      description: The ID of the task run last.
      type: str
      sample: task-bp1dmg242c****
    last_provisioning_task_id:
      description: The ID of the provisioning task (launch, update or terminate) run last.
      type: str
      sample: task-bp1dmg242c****
    last_successful_provisioning_task_id:
      description: The ID of the provisioning task that last succeeded; its outputs are the instance's current outputs.
      type: str
      sample: task-bp1dmg242c****
    owner_principal_type:
      description: C(RamUser) or C(RamRole), the kind of RAM identity that owns the instance.
      type: str
      sample: RamUser
    owner_principal_id:
      description: The ID of the RAM identity that owns the instance.
      type: str
      sample: 24477111603637****
    status:
      description: C(Available), C(UnderChange) or C(Error).
      type: str
      sample: Available
    status_message:
      description: Why the instance is in C(Error); the API returns it only then.
      type: str
      sample: "Resource CREATE failed: terraform stack sc-146611588617****-pp-bp1ddg1n2a**** failure..."
    create_time:
      description: When the instance was created, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-05-23T09:46:27Z"
    stack_id:
      description: The ID of the Resource Orchestration Service (ROS) stack.
      type: str
      sample: 137e31df-3754-40b4-be2f-c793ad84****
    stack_region_id:
      description: The region of the ROS stack.
      type: str
      sample: cn-hangzhou
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, Get, InfoModule, List

INFO = InfoModule(
    'provisioned_products',
    options=dict(
        provisioned_product_id=dict(type='str'),
        name=dict(type='str'),
        full_text_search=dict(type='str'),
        access_level_filter=dict(type='str', choices=['User', 'Account']),
    ),
    get=Get('GetProvisionedProduct', {'provisioned_product_id': 'ProvisionedProductId'}, wait_while='UnderChange'),
    listing=List('ListProvisionedProducts', {
        'name': Filter('ProvisionedProductName'),
        'full_text_search': Filter('FullTextSearch'),
        'access_level_filter': 'AccessLevelFilter',
    }, sort=True),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
