#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: launch_option_info
short_description: List the launch options of an Alibaba Cloud Service Catalog product
version_added: 0.2.0
description:
  - Lists the launch options of a product with C(ListLaunchOptions) - the portfolios through which it can be
    launched, each with the constraints set on the product in that portfolio.
  - The operation is not paged; the module returns the whole list.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  product_id:
    description:
      - The ID of the product, for example C(prod-bp18r7q127****) (C(ProductId)).
      - An unknown product fails with the API's not-found error.
    type: str
    required: true
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.product_info
  - module: alicloud.servicecatalog.portfolio_info
'''

EXAMPLES = r'''
- name: Through which portfolios a product can be launched
  alicloud.servicecatalog.launch_option_info:
    product_id: prod-bp18r7q127****
    alicloud_region: cn-hangzhou
  register: options

- name: The portfolios that set no constraint on the product
  ansible.builtin.debug:
    msg: "{{ options.launch_options | selectattr('constraint_summaries', 'equalto', []) | map(attribute='portfolio_id') | list }}"
'''

RETURN = r'''
total_count:
  description: The number of launch options (the API gives no total; the length of RV(launch_options)).
  returned: always
  type: int
  sample: 2
launch_options:
  description: The launch options, one per portfolio holding the product, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    portfolio_id:
      description: The ID of the portfolio.
      type: str
      sample: port-bp1yt7582g****
    portfolio_name:
      description: The name of the portfolio.
      type: str
      sample: Compute
    constraint_summaries:
      description: The constraints on the product in that portfolio.
      type: list
      elements: dict
      contains:
        constraint_type:
          description: C(Launch), C(Template), C(Approval) or C(StackRegion).
          type: str
          sample: Approval
        description:
          description: The constraint's description.
          type: str
          sample: Updates need approval.
        operation_types:
          description: The operations that need approval, among C(LaunchProduct), C(UpdateProvisionedProduct) and C(TerminateProvisionedProduct).
          returned: when RV(launch_options[].constraint_summaries[].constraint_type) is C(Approval)
          type: list
          elements: str
          sample: [UpdateProvisionedProduct]
        stack_regions:
          description: The regions where the product may be launched.
          returned: when RV(launch_options[].constraint_summaries[].constraint_type) is C(StackRegion)
          type: list
          elements: str
          sample: [cn-hangzhou]
api_log:
  description:
    - What the client did besides the plain calls, one line each, in order - retries after throttling,
      an HTTP 5xx answer or a dropped connection, renewed temporary credentials and re-reads of a listing that changed while it was read.
    - Returned only when the play runs with C(-vvv) or more and there is something to report.
  returned: with -vvv, when there were retries or re-reads
  type: list
  elements: str
  sample: ["ListLaunchOptions: attempt 1 failed with HTTP 503 ServiceUnavailable, retrying in 0.42s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import InfoModule, List, Param

INFO = InfoModule(
    'launch_options',
    options=dict(product_id=dict(type='str')),
    listing=List('ListLaunchOptions', {'product_id': Param('ProductId', required=True)}),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
