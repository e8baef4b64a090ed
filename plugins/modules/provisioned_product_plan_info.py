#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: provisioned_product_plan_info
short_description: Get Alibaba Cloud Service Catalog provisioned-product plans
version_added: 0.1.0
description:
  - With O(plan_id), gets one plan with C(GetProvisionedProductPlan), with its approval record, its
    product and product version and the resource changes it would make.
  - Otherwise lists plans with C(ListProvisionedProductPlans), as an end user (O(access_level_filter))
    or as a reviewer (O(approval_filter)), with every filter the API has; every page or only one page with O(page_number).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  plan_id:
    description:
      - The ID of one plan, for example C(plan-bp18mmdh2u****). Mutually exclusive with every listing option.
    type: str
  provisioned_product_id:
    description: List only the plans of this provisioned product (C(ProvisionedProductId)).
    type: str
  plan_name:
    description: List only the plans with exactly this name, compared without regard to case (filter C(ProvisionedProductPlanName)).
    type: str
  approver:
    description:
      - List only the plans assigned to one of these reviewers, each written C(RamUser:<name>) or
        C(RamRole:<name>) (filter C(ProvisionedProductPlanApprover)).
    type: list
    elements: str
  approver_name:
    description: List only the plans assigned to a reviewer with one of these RAM names (filter C(ProvisionedProductPlanApproverName)).
    type: list
    elements: str
  status:
    description: List only the plans in one of these states (filter C(ProvisionedProductPlanStatus)).
    type: list
    elements: str
    choices:
      - PreviewInProgress
      - PreviewSuccess
      - PreviewFailed
      - ApplicationInProgress
      - ApplicationApproved
      - ApplicationRejected
      - ExecuteInProgress
      - ExecuteSuccess
      - ExecuteFailed
      - Canceled
  owner_uid:
    description: List only the plans of this Alibaba Cloud account ID, digits only (filter C(ProvisionedProductPlanOwnerUid)).
    type: str
  full_text_search:
    description: List only the plans whose name matches this text, fuzzy (filter C(FullTextSearch)).
    type: str
  access_level_filter:
    description:
      - Whose plans to list as an end user. V(User), the plans created by the caller (the API's default);
        V(Account), the plans of the Alibaba Cloud account; V(ResourceDirectory), the plans of the resource directory.
      - Mutually exclusive with O(approval_filter), as the API takes one of the two.
    type: str
    choices: [User, Account, ResourceDirectory]
  approval_filter:
    description:
      - Which plans to list as a reviewer. V(ReceivedRequests), the plans waiting for the caller's review;
        V(ApprovalHistory), the plans the caller reviewed; V(AccountRequests), every plan of the account.
      - Mutually exclusive with O(access_level_filter).
    type: str
    choices: [ReceivedRequests, ApprovalHistory, AccountRequests]
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.SORT
  - alicloud.servicecatalog.listing.PAGING
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.provisioned_product_info
notes:
  - Several values of O(approver), O(approver_name) and O(status) are sent in one filter, separated by commas.
'''

EXAMPLES = r'''
- name: Plans waiting for my review
  alicloud.servicecatalog.provisioned_product_plan_info:
    approval_filter: ReceivedRequests
  register: todo

- name: Failed or rejected plans of the whole account, newest first
  alicloud.servicecatalog.provisioned_product_plan_info:
    access_level_filter: Account
    status: [PreviewFailed, ApplicationRejected, ExecuteFailed]
    sort_order: desc

- name: Plans assigned to a RAM user or a RAM role
  alicloud.servicecatalog.provisioned_product_plan_info:
    approver:
      - RamUser:alice
      - RamRole:platform-approvers
    approver_name: [alice, bob]

- name: Plans of one instance, by name, of one account
  alicloud.servicecatalog.provisioned_product_plan_info:
    provisioned_product_id: pp-bp1c35162d****
    plan_name: nightly-update
    owner_uid: "146611588617****"
    page_number: 1
    page_size: 20

- name: Everything about one plan, with the resources it would change
  alicloud.servicecatalog.provisioned_product_plan_info:
    plan_id: plan-bp18mmdh2u****
  register: plan

- name: Show what it would add or remove
  ansible.builtin.debug:
    msg: "{{ plan.plans[0].resource_changes | map(attribute='action') | list }}"
'''

RETURN = r'''
total_count:
  description:
    - Without O(plan_id), the number of plans the API reports for the filters (C(TotalCount)). With O(plan_id), 1.
  returned: always
  type: int
  sample: 16
plans:
  description: The plans, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    plan_id:
      description: The plan ID.
      type: str
      sample: plan-bp18mmdh2u****
    plan_name:
      description: The plan name.
      type: str
      sample: DEMO-Create an ECS instance-637****
    plan_type:
      description: The plan type, C(Ros).
      type: str
      sample: Ros
    description:
      description: The plan's description.
      type: str
      sample: For development team.
    operation_type:
      description: C(LaunchProduct), C(UpdateProvisionedProduct) or C(TerminateProvisionedProduct).
      type: str
      sample: LaunchProduct
    status:
      description: One of the ten plan states, see O(status).
      type: str
      sample: PreviewSuccess
    status_message:
      description: Why a preview or an execution failed.
      type: str
      returned: when RV(plans[].status) is C(PreviewFailed) or C(ExecuteFailed)
      sample: "Create stack failed: ..."
    portfolio_id:
      description: The portfolio ID.
      type: str
      sample: port-bp1438kf2j****
    product_id:
      description: The product ID.
      type: str
      sample: prod-bp1rtrnh2c****
    product_name:
      description: The product name (with O(plan_id) see RV(plans[].product_detail) instead).
      type: str
      returned: when listing, without O(plan_id)
      sample: Create an ECS instance
    product_version_id:
      description: The product version ID.
      type: str
      sample: pv-bp19udk22v****
    provisioned_product_id:
      description: The provisioned product the plan is for.
      type: str
      sample: pp-bp1c35162d****
    provisioned_product_name:
      description: The name of that provisioned product.
      type: str
      sample: rds-MYSQL-875****
    stack_id:
      description: The ID of the ROS stack.
      type: str
      sample: 2599090a-309e-4306-b989-17ba66a9****
    stack_region_id:
      description: The region of the ROS stack.
      type: str
      sample: cn-hangzhou
    parameters:
      description: The template parameters of the plan.
      type: list
      elements: dict
      contains:
        parameter_key:
          description: The parameter name, as the template defines it.
          type: str
          sample: role_name
        parameter_value:
          description: The value.
          type: str
          sample: Test-8
    parameter_values:
      description: The same parameters as a dict, parameter name (case kept) to value.
      type: dict
      sample: {"role_name": "Test-8"}
    tags:
      description: The plan's custom tags, tag key (case kept) to value.
      type: dict
      sample: {"k1": "v1"}
    assigned_approvers:
      description: The reviewers assigned to the plan.
      type: list
      elements: dict
      contains:
        principal_type:
          description: C(RamUser) or C(RamRole).
          type: str
          sample: RamUser
        principal_name:
          description: The RAM name of the reviewer.
          type: str
          sample: endUser
    owner_principal_type:
      description: C(RamUser) or C(RamRole), the kind of RAM identity that owns the plan.
      type: str
      sample: RamUser
    owner_principal_id:
      description: The ID of the RAM identity that owns the plan.
      type: str
      sample: 24477111603637****
    owner_principal_name:
      description: The name of the RAM identity that owns the plan.
      type: str
      sample: enduser
    uid:
      description: The Alibaba Cloud account ID the plan belongs to.
      type: str
      sample: 146611588617****
    create_time:
      description: When the plan was created, UTC.
      type: str
      sample: "2022-09-13T02:01:22Z"
    update_time:
      description: When the plan was last modified, UTC.
      type: str
      sample: "2022-07-18T06:02:35.075Z"
    approval_detail:
      description: The review record. Only with O(plan_id).
      type: dict
      returned: when O(plan_id) is set
      contains:
        operation_records:
          description: What was done to the plan, in order.
          type: list
          elements: dict
          contains:
            approval_action:
              description: C(Submit), C(Cancel), C(Approve) or C(reject).
              type: str
              sample: Approve
            comment:
              description: The reviewer's comment.
              type: str
              sample: Looks good
            create_time:
              description: When it was done, UTC.
              type: str
              sample: "2022-09-13T02:05:00Z"
            operator:
              description: Who did it, with C(principal_id), C(principal_name) and C(principal_type).
              type: dict
              sample: {"principal_id": "24477111603637****", "principal_name": "alice", "principal_type": "RamUser"}
        todo_task_activities:
          description: The review steps still open.
          type: list
          elements: dict
          contains:
            activity_name:
              description: The name of the step.
              type: str
              sample: Approval
            tasks:
              description: Who must act, each with an C(operator) dict of C(principal_name) and C(principal_type).
              type: list
              elements: dict
              sample: [{"operator": {"principal_name": "alice", "principal_type": "RamUser"}}]
    product_detail:
      description:
        - The product of the plan, with C(product_id), C(product_name), C(product_arn), C(product_type),
          C(provider_name), C(description) and C(create_time). Only with O(plan_id).
      type: dict
      returned: when O(plan_id) is set
      sample: {"product_id": "prod-bp1rtrnh2c****", "product_name": "ECS", "product_type": "Ros"}
    product_version_detail:
      description:
        - The product version of the plan, with C(product_version_id), C(product_version_name), C(product_id),
          C(active), C(guidance), C(template_type), C(template_url), C(description) and C(create_time). Only with O(plan_id).
      type: dict
      returned: when O(plan_id) is set
      sample: {"product_version_id": "pv-bp19udk22v****", "product_version_name": "1.0", "active": true}
    resource_changes:
      description: The resources the plan would change. Only with O(plan_id).
      type: list
      elements: dict
      returned: when O(plan_id) is set
      contains:
        action:
          description: C(Add), C(Modify), C(Remove) or C(None).
          type: str
          sample: Add
        logical_resource_id:
          description: The resource's name in the template.
          type: str
          sample: EcsInstance
        physical_resource_id:
          description: The resource's ID in the cloud, once it exists.
          type: str
          sample: i-bp1****
        replacement:
          description: C(True), C(False) or C(Conditional), whether a change replaces the resource.
          type: str
          sample: "False"
        resource_type:
          description: The resource type.
          type: str
          sample: ALIYUN::ECS::Instance
api_log:
  description:
    - What the client did besides the plain calls, one line each - retries (with the error and the delay),
      listings read again because they changed, throttling narrowing the concurrency, credentials renewed.
  returned: when the task runs with C(-vvv) or more and there is something to say
  type: list
  elements: str
  sample: ["ListProvisionedProductPlans: TotalCount changed during the listing (from 16 to 17); reading it again"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, Get, InfoModule, List, matching

PLAN_STATES = ['PreviewInProgress', 'PreviewSuccess', 'PreviewFailed', 'ApplicationInProgress', 'ApplicationApproved',
               'ApplicationRejected', 'ExecuteInProgress', 'ExecuteSuccess', 'ExecuteFailed', 'Canceled']

INFO = InfoModule(
    'plans',
    options=dict(
        plan_id=dict(type='str'),
        provisioned_product_id=dict(type='str'),
        plan_name=dict(type='str'),
        approver=dict(type='list', elements='str'),
        approver_name=dict(type='list', elements='str'),
        status=dict(type='list', elements='str', choices=PLAN_STATES),
        owner_uid=dict(type='str'),
        full_text_search=dict(type='str'),
        access_level_filter=dict(type='str', choices=['User', 'Account', 'ResourceDirectory']),
        approval_filter=dict(type='str', choices=['ReceivedRequests', 'ApprovalHistory', 'AccountRequests']),
    ),
    get=Get('GetProvisionedProductPlan', {'plan_id': 'PlanId'}),
    listing=List('ListProvisionedProductPlans', {
        'provisioned_product_id': 'ProvisionedProductId',
        'plan_name': Filter('ProvisionedProductPlanName'),
        'approver': Filter('ProvisionedProductPlanApprover', convert=matching(r'^(RamUser|RamRole):\S.*$', 'RamUser:<name> or RamRole:<name>')),
        'approver_name': Filter('ProvisionedProductPlanApproverName'),
        'status': Filter('ProvisionedProductPlanStatus'),
        'owner_uid': Filter('ProvisionedProductPlanOwnerUid', convert=matching(r'^[0-9]+$', 'an Alibaba Cloud account ID (digits only)')),
        'full_text_search': Filter('FullTextSearch'),
        'access_level_filter': 'AccessLevelFilter',
        'approval_filter': 'ApprovalFilter',
    }, sort=True),
    extra_rules={'mutually_exclusive': [('access_level_filter', 'approval_filter')]},
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
