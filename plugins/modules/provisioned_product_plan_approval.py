#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: provisioned_product_plan_approval
short_description: Approve or reject an Alibaba Cloud Service Catalog plan waiting for review
version_added: 0.3.0
description:
  - Records an approver's decision on a plan (C(ApproveProvisionedProductPlan)). Plans need a review when an
    approval constraint covers their product and operation; the caller must be one of the plan's approvers.
  - Idempotent. A plan already approved (for O(action=approve)) or rejected (for O(action=reject)) is left as it is,
    C(changed=false); a plan approved and then executed counts as approved. A plan in any other state that cannot
    be reviewed (still previewing, its preview failed, canceled, or decided the other way) fails naming its status.
  - A decision whose answer is lost after it may have reached the server is not sent again; the plan is read again.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  plan_id:
    description:
      - The ID of the plan, for example C(plan-bp18mmdh2u****).
    type: str
  name:
    description:
      - The exact name of the plan, looked for among the plans sent to the caller for review
        (C(ListProvisionedProductPlans) with C(ApprovalFilter=ReceivedRequests)), then, when none is pending, among
        those the caller already reviewed (C(ApprovalFilter=ApprovalHistory)), so that the same task run again is
        C(changed=false). Several plans of that name fail, listing their IDs.
    type: str
  action:
    description:
      - V(approve) or V(reject).
    type: str
    choices: [approve, reject]
    required: true
  comment:
    description:
      - The reviewer's comment, recorded with the decision.
    type: str
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.provisioned_product_plan_info
  - module: alicloud.servicecatalog.provisioned_product_plan_approver_info
'''

EXAMPLES = r'''
- name: Approve a plan by its ID
  alicloud.servicecatalog.provisioned_product_plan_approval:
    plan_id: plan-bp18mmdh2u****
    action: approve
    comment: Change CHG-2291 approved by the CAB.

- name: Reject a plan by its name
  alicloud.servicecatalog.provisioned_product_plan_approval:
    name: orders-db-upgrade
    action: reject
    comment: Not during the sale.
'''

RETURN = r'''
plan:
  description:
    - The plan as C(GetProvisionedProductPlan) returns it after the decision, in snake_case (as
      M(alicloud.servicecatalog.provisioned_product_plan_info) returns it); before it in check mode.
  returned: always
  type: dict
  sample:
    plan_id: plan-bp1wr000000003
    plan_name: orders-db-upgrade
    status: ApplicationApproved
changes:
  description: The decision made (or, in check mode, that would be made); empty when the plan was already decided so.
  returned: always
  type: list
  elements: str
  sample: ["decision: pending -> approved"]
diff:
  description: The plan's decision before and after (C(pending), C(approved) or C(rejected)).
  returned: always
  type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Resource, run

GET = 'GetProvisionedProductPlan'
DECIDED = {'ApplicationApproved': 'approved', 'ApplicationRejected': 'rejected', 'ApplicationInProgress': 'pending'}
EXECUTED = ('ExecuteInProgress', 'ExecuteSuccess', 'ExecuteFailed')


class PlanApproval(Resource):
    what = 'plan'
    has_state = False
    argument_spec = dict(
        plan_id=dict(type='str'),
        name=dict(type='str'),
        action=dict(type='str', choices=['approve', 'reject'], required=True),
        comment=dict(type='str'),
    )
    rules = dict(required_one_of=[('plan_id', 'name')], mutually_exclusive=[('plan_id', 'name')])

    def find(self):
        plan_id, name = require_text(self.params, 'plan_id'), require_text(self.params, 'name')
        if not plan_id:
            for approval_filter in ('ReceivedRequests', 'ApprovalHistory'):  # pending, then already decided (a re-run)
                found = self.by_name('ListProvisionedProductPlans', 'ProvisionedProductPlanName', 'PlanName', 'PlanId', name,
                                     {'ApprovalFilter': approval_filter})
                if found is not None:
                    break
            if found is None:
                raise ConfigError('name: no plan named %r was sent to you for review or reviewed by you' % name)
            plan_id = found['PlanId']
        plan = self.by_id(GET, 'PlanId', plan_id)
        if plan is None:
            raise ConfigError('plan_id: there is no plan %s' % plan_id)
        return plan

    def view(self, document):
        plan = document
        status = plan.get('Status')
        if status in EXECUTED:
            records = ((plan.get('ApprovalDetail') or {}).get('OperationRecords')) or []
            if any(r.get('ApprovalAction') == 'Approve' for r in records):
                return dict(decision='approved')
        return dict(decision=DECIDED.get(status, status))

    def desired(self, current):
        plan = current
        wanted = 'approved' if self.params['action'] == 'approve' else 'rejected'
        decision = self.view(plan)['decision']
        if decision not in ('pending', wanted):
            raise ConfigError('action: plan %s cannot be reviewed: its status is %s (only ApplicationInProgress can)' % (
                plan['PlanId'], plan.get('Status')))
        return dict(decision=wanted)

    def update(self, current, desired, changes):
        plan = current

        def recover():
            now = self.by_id(GET, 'PlanId', plan['PlanId'])
            return now if now is not None and now.get('Status') != 'ApplicationInProgress' else None

        _answer, found = self.write('ApproveProvisionedProductPlan', dict(
            PlanId=plan['PlanId'], ApprovalAction='Approve' if self.params['action'] == 'approve' else 'Reject',
            Comment=self.params['comment']), recover=recover)
        return found or self.by_id(GET, 'PlanId', plan['PlanId'])

    def result(self, document):
        plan = document
        return dict(plan=snake_case(plan) if plan else {})


def main():
    run(PlanApproval)


if __name__ == '__main__':
    main()
