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
  - With O(provisioned_product_id), gets one provisioned product with C(GetProvisionedProduct); with
    O(provisioned_product_ids) and O(names), several at once, concurrently.
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
      - A list is refused; give several IDs with O(provisioned_product_ids).
    type: str
  provisioned_product_ids:
    description:
      - The IDs of several provisioned products, got concurrently (at most O(concurrency) at once) and returned
        in this order, each once, after those of O(names).
      - Mutually exclusive with O(provisioned_product_id) and with the listing options.
    type: list
    elements: str
    version_added: 0.2.0
  names:
    description:
      - Exact names of provisioned products (compared without regard to case, as O(name)); each must match
        exactly one provisioned product, else the module fails naming every name that matched none or several.
      - Names are looked for at the level O(access_level_filter) says.
      - May be given with O(provisioned_product_id) or O(provisioned_product_ids); the instances are returned
        in the order of the names, then of the IDs, each once.
    type: list
    elements: str
    version_added: 0.2.0
  outputs:
    description:
      - Add to each provisioned product its RV(provisioned_products[].outputs) and RV(provisioned_products[].parameters),
        from its last successful provisioning task (C(GetTask), one per instance, concurrently).
      - An instance without a successful provisioning task gets empty dicts and a warning; so does an output
        name that the task repeats (the last value is kept).
    type: bool
    default: false
    version_added: 0.2.0
  name:
    description:
      - List only the provisioned products with exactly this name, compared without regard to case
        (the C(ProvisionedProductName) filter).
      - It is the provisioned product's own name, not its product's; when nothing has the name but the
        provisioned products of a product of that name are found (C(FullTextSearch)), a warning names them.
    type: str
  full_text_search:
    description:
      - List only the provisioned products whose name matches this text, fuzzy (the C(FullTextSearch) filter).
    type: str
  access_level_filter:
    description:
      - V(User) lists the provisioned products created by the caller, V(Account) those of the whole
        Alibaba Cloud account. Also where O(names) are looked for.
      - When not set the API's default applies (V(User)).
    type: str
    choices: [User, Account]
  wait:
    description:
      - With O(provisioned_product_id), O(provisioned_product_ids) or O(names), wait until every provisioned
        product is no longer C(UnderChange) (it is C(Available) or C(Error)). All are polled together, every
        O(wait_interval) seconds, the pending ones concurrently.
      - The module fails when O(wait_timeout) runs out first or when a provisioned product ends in C(Error),
        with one line naming every such instance (and the status message of those in C(Error));
        RV(provisioned_products) is still returned, as read last.
    type: bool
    default: false
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.SORT
  - alicloud.servicecatalog.listing.PAGING
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

- name: Find a provisioned product by its exact name (case does not matter), not by its product's name
  alicloud.servicecatalog.provisioned_product_info:
    name: web-server-prod
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

- name: Several provisioned products by ID, in one call
  alicloud.servicecatalog.provisioned_product_info:
    provisioned_product_ids:
      - pp-bp1ddg1n2a****
      - pp-bp1c35162d****
  register: several

- name: Several by exact name, in the whole account (each name must match exactly one)
  alicloud.servicecatalog.provisioned_product_info:
    names: [web-01, db-01]
    access_level_filter: Account

- name: Wait for all of them at once, then read each one's outputs and parameters
  alicloud.servicecatalog.provisioned_product_info:
    names: [web-01, db-01]
    provisioned_product_ids: [pp-bp1ddg1n2a****]
    wait: true
    wait_timeout: 1200
    outputs: true
  register: ready

- name: The outputs, by instance name
  ansible.builtin.debug:
    msg: "{{ ready.provisioned_products | items2dict(key_name='provisioned_product_name', value_name='outputs') }}"
'''

RETURN = r'''
total_count:
  description:
    - Without O(provisioned_product_id), the number of provisioned products the API reports for the filters (C(TotalCount)).
    - With O(provisioned_product_id), 1; with O(provisioned_product_ids) or O(names), the number of provisioned products returned.
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
      returned: when RV(provisioned_products[].status) is C(Error)
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
    outputs:
      description:
        - The template outputs of the last successful provisioning task, output name (as the template defines it) to value.
        - Empty when the instance has no successful provisioning task (a warning says so).
      type: dict
      returned: when O(outputs=true)
      sample: {"instance_id": "i-bp1****", "PublicIP": "47.96.0.2"}
    parameters:
      description: The template parameters of that task, parameter name (as the template defines it) to value.
      type: dict
      returned: when O(outputs=true)
      sample: {"instance_type": "ecs.g7.large"}
api_log:
  description:
    - What the client did besides the plain calls, one line each - retries (with the error and the delay),
      listings read again because they changed, throttling narrowing the concurrency, credentials renewed.
  returned: when the task runs with C(-vvv) or more and there is something to say
  type: list
  elements: str
  sample: ["ListProvisionedProducts: attempt 1 failed with Throttling.User (HTTP 400), retrying in 0.61s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import ByName, Filter, Get, InfoModule, List


def finish(params, client, items):
    return product_name_hint(params, client, items) + with_outputs(params, client, items)


def product_name_hint(params, client, items):
    """``name`` matched nothing: when it is the name of a product whose provisioned products are found, say so
    (``name: DEMO-ECS instance`` is an easy slip for the instances of the product of that name)."""
    name = (params.get('name') or '').strip()
    if items or not name or params.get('page_number'):
        return []
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import filter_params
    found = client.list('ListProvisionedProducts', dict(filter_params([('FullTextSearch', name)]),
                                                        AccessLevelFilter=params.get('access_level_filter'))).items
    of_product = [item.get('ProvisionedProductName') for item in found if (item.get('ProductName') or '').lower() == name.lower()]
    if not of_product:
        return []
    return ['name: no provisioned product is named %r, but a product is: its provisioned products here are %s; name is a '
            'provisioned product\'s own name (full_text_search also finds product names)' % (name, ', '.join(sorted(of_product)))]


def with_outputs(params, client, items):
    """``outputs: true``: each item's outputs and parameters, from its last successful provisioning task."""
    if not params.get('outputs'):
        return []
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.instances import outputs_of
    found = outputs_of(client, [dict(ProvisionedProductId=item.get('provisioned_product_id'), Status=item.get('status'),
                                     ProvisionedProductName=item.get('provisioned_product_name'),
                                     LastSuccessfulProvisioningTaskId=item.get('last_successful_provisioning_task_id'))
                                for item in items])
    for item, (outputs, parameters, _warning) in zip(items, found):
        item.update(outputs=outputs, parameters=parameters)
    return [warning for _o, _p, warning in found if warning]


INFO = InfoModule(
    'provisioned_products',
    options=dict(
        provisioned_product_id=dict(type='str'),
        name=dict(type='str'),
        full_text_search=dict(type='str'),
        access_level_filter=dict(type='str', choices=['User', 'Account']),
        outputs=dict(type='bool', default=False),
    ),
    get=Get('GetProvisionedProduct', {'provisioned_product_id': 'ProvisionedProductId'}, wait_while='UnderChange', wait_fails='Error',
            plural='provisioned_product_ids', by_name=ByName('names', 'name', scope=['access_level_filter'])),
    listing=List('ListProvisionedProducts', {
        'name': Filter('ProvisionedProductName'),
        'full_text_search': Filter('FullTextSearch'),
        'access_level_filter': 'AccessLevelFilter',
    }, sort=True),
    finish=finish,
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
