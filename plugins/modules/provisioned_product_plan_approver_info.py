#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: provisioned_product_plan_approver_info
short_description: List the reviewers of Alibaba Cloud Service Catalog provisioned-product plans
version_added: 0.2.0
description:
  - Lists the reviewers (RAM users and RAM roles) assigned to plans, with C(ListProvisionedProductPlanApprovers),
    either among the plans an end user can see (O(access_level_filter)) or among the plans submitted for
    approval (O(approval_filter)). The API does not page this list.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  access_level_filter:
    description:
      - The reviewers of which plans, as an end user (C(AccessLevelFilter)). V(User), the plans created by the caller;
        V(Account), the plans of the Alibaba Cloud account; V(ResourceDirectory), the plans of the resource directory.
      - Exactly one of O(access_level_filter) and O(approval_filter) is required.
    type: str
    choices: [User, Account, ResourceDirectory]
  approval_filter:
    description:
      - The reviewers of which plans submitted for approval (C(ApprovalFilter)). V(AccountRequests), those of the
        Alibaba Cloud account; V(ResourceDirectoryRequests), those of the resource directory.
    type: str
    choices: [AccountRequests, ResourceDirectoryRequests]
  name:
    description:
      - List only the reviewers with one of these RAM names (filter C(ProvisionedProductPlanApproverName)).
    type: list
    elements: str
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.provisioned_product_plan_info
notes:
  - Several values of O(name) are sent in one filter, separated by commas.
'''

EXAMPLES = r'''
- name: The reviewers of the plans of my account
  alicloud.servicecatalog.provisioned_product_plan_approver_info:
    access_level_filter: Account
    alicloud_region: cn-hangzhou
  register: result

- name: Who they are
  ansible.builtin.debug:
    msg: "{{ result.approvers | map(attribute='principal_name') | list }}"

- name: The reviewers of the plans submitted in the resource directory
  alicloud.servicecatalog.provisioned_product_plan_approver_info:
    approval_filter: ResourceDirectoryRequests

- name: Is alice or bob a reviewer of my account's submitted plans?
  alicloud.servicecatalog.provisioned_product_plan_approver_info:
    approval_filter: AccountRequests
    name: [alice, bob]
'''

RETURN = r'''
total_count:
  description: The number of reviewers returned (the API does not give a total).
  returned: always
  type: int
  sample: 2
approvers:
  description: The reviewers, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    principal_name:
      description: The name of the RAM user or RAM role.
      type: str
      sample: alice
    principal_type:
      description: C(RamUser) or C(RamRole).
      type: str
      sample: RamUser
api_log:
  description: What the API client retried, one line each.
  returned: when the play runs with -vvv or more and the client retried a call
  type: list
  elements: str
  sample: ["ListProvisionedProductPlanApprovers: attempt 1 failed with ServiceUnavailable (HTTP 503), retrying in 0.52s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, InfoModule, List

INFO = InfoModule(
    'approvers',
    options=dict(
        access_level_filter=dict(type='str', choices=['User', 'Account', 'ResourceDirectory']),
        approval_filter=dict(type='str', choices=['AccountRequests', 'ResourceDirectoryRequests']),
        name=dict(type='list', elements='str'),
    ),
    listing=List('ListProvisionedProductPlanApprovers', {
        'access_level_filter': 'AccessLevelFilter',
        'approval_filter': 'ApprovalFilter',
        'name': Filter('ProvisionedProductPlanApproverName'),
    }),
    extra_rules=dict(
        mutually_exclusive=[('access_level_filter', 'approval_filter')],
        required_one_of=[('access_level_filter', 'approval_filter')],
    ),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
