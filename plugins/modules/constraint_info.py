#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: constraint_info
short_description: Get one constraint of the Alibaba Cloud Service Catalog
version_added: 0.2.0
description:
  - Gets one constraint of a product in a portfolio with C(GetConstraint).
  - The constraint's configuration, which the API gives as JSON text, is returned parsed as
    RV(constraints[].config) and as the text itself in RV(constraints[].config_text).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  constraint_id:
    description:
      - The ID of the constraint, for example C(cons-bp1yx7682g****) (C(ConstraintId)).
      - An unknown ID fails with the API's not-found error.
    type: str
    required: true
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.template_info
'''

EXAMPLES = r'''
- name: Get a launch constraint
  alicloud.servicecatalog.constraint_info:
    constraint_id: cons-bp1yx7682g****
    alicloud_region: cn-hangzhou
  register: result

- name: The RAM role products are launched with; config keys keep the API's case
  ansible.builtin.debug:
    msg: "{{ result.constraints[0].config.LocalRoleName }}"

- name: Against a test endpoint, credentials from the environment
  alicloud.servicecatalog.constraint_info:
    constraint_id: cons-bp1yx7682g****
    endpoint: http://127.0.0.1:8080
'''

RETURN = r'''
total_count:
  description: The number of constraints returned, always 1.
  returned: always
  type: int
  sample: 1
constraints:
  description: The constraint, as a list of one item with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    constraint_id:
      description: The constraint ID.
      type: str
      sample: cons-bp1yx7682g****
    constraint_type:
      description: C(Launch), C(Template), C(Approval) or C(StackRegion).
      type: str
      sample: Launch
    config:
      description:
        - The configuration, parsed from RV(constraints[].config_text); keys are kept exactly as the API gives them.
        - For example C(LocalRoleName) (C(Launch)), C(Rules) (C(Template)), C(OperationTypes) (C(Approval)),
          C(RegionIds) (C(StackRegion)).
      type: raw
      returned: when the API's C(Config) is JSON text
      sample: {"LocalRoleName": "ServiceCatalogLaunchRole"}
    config_text:
      description: The configuration as the API gives it, JSON text (C(Config)).
      type: str
      sample: '{"LocalRoleName":"ServiceCatalogLaunchRole"}'
    description:
      description: The constraint's description.
      type: str
      sample: Launch as the ServiceCatalogLaunchRole role.
    portfolio_id:
      description: The portfolio the constraint belongs to.
      type: str
      sample: port-bp1yt7582g****
    product_id:
      description: The product it constrains.
      type: str
      sample: prod-bp18r7q127****
    product_name:
      description: The name of that product.
      type: str
      sample: DEMO-ECS
    create_time:
      description: When the constraint was created, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-03-18T06:43:32Z"
api_log:
  description: What the API client retried or re-read, one line each.
  returned: when the play runs with -vvv or more and the client retried a call
  type: list
  elements: str
  sample: ["GetConstraint: attempt 1 failed with Throttling.User (HTTP 400), retrying in 0.31s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.documents import parse_config
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Get, InfoModule


INFO = InfoModule(
    'constraints',
    options=dict(constraint_id=dict(type='str')),
    get=Get('GetConstraint', {'constraint_id': 'ConstraintId'}),
    post=parse_config,
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
