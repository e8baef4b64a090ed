#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: provisioned_product_plan
short_description: Create, execute, cancel and delete Alibaba Cloud Service Catalog plans
version_added: 0.3.0
description:
  - A plan is a launch, update or termination of a provisioned product that the service previews first (which cloud
    resources it adds, modifies or removes), that may need a review (an approval constraint), and that is then executed.
    When an approval constraint covers an operation, a plan is the only way to do it.
  - Creates a plan (C(CreateProvisionedProductPlan)) or updates it (C(UpdateProvisionedProductPlan)), waits for its
    preview and returns its RV(resource_changes); executes it (C(ExecuteProvisionedProductPlan)), cancels
    (C(CancelProvisionedProductPlan)) or deletes it (C(DeleteProvisionedProductPlan)).
  - Idempotent in every state. The plan is found by its exact O(name) or by O(plan_id); its version, parameters, tags
    and description are compared with the options and the plan is updated only when they differ (possible while its
    status is C(PreviewSuccess), C(PreviewFailed) or C(ApplicationRejected)).
  - A write whose answer is lost after it may have reached the server is not sent again; the plan is read again.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  name:
    description:
      - The plan's name, its natural key, compared exactly. Several plans of that name fail, listing their IDs.
    type: str
  plan_id:
    description:
      - The ID of an existing plan, for example C(plan-bp18mmdh2u****).
    type: str
  state:
    description:
      - V(present) creates or updates the plan and waits for its preview; a failed preview fails the module with its message.
      - V(executed) does what V(present) does, then executes the plan once, waiting through the review (the failure on
        O(wait_timeout) names the approvers) and until C(ExecuteSuccess); returns the instance and its outputs.
        A plan rejected, canceled, or whose preview or execution failed, fails naming its status.
      - V(canceled) cancels a plan not yet executed; V(absent) deletes the plan (a missing plan is not an error).
    type: str
    choices: [present, executed, canceled, absent]
    default: present
  operation:
    description:
      - What the plan does; default V(launch) when the plan is created. A plan's operation cannot change.
    type: str
    choices: [launch, update, terminate]
  provisioned_product_name:
    description:
      - The instance the plan launches (V(launch), required), or updates or terminates (its exact name).
    type: str
  provisioned_product_id:
    description:
      - The instance an V(update) or V(terminate) plan is for, instead of O(provisioned_product_name).
    type: str
  product_id:
    description:
      - The product of a launch plan (or O(product_name)); for other plans, the instance's product (a different one fails).
    type: str
  product_name:
    description:
      - The exact name of the product, among the products available to the caller.
    type: str
  product_version_id:
    description:
      - The version. Without it and O(product_version_name) a launch plan takes the version whose guidance is
        C(Default), an update plan the instance's current version, an existing plan its own.
    type: str
  product_version_name:
    description:
      - The exact name of the version.
    type: str
  portfolio_id:
    description:
      - The portfolio of a launch; needed only when the product has no default launch option (the failure lists them).
        Update and terminate plans use the instance's.
    type: str
  stack_region_id:
    description:
      - The region of a launch; default the module's region. It cannot change for an existing instance or plan.
    type: str
  parameters:
    description:
      - Template parameters as a dict, rendered as in M(alicloud.servicecatalog.provisioned_product). Only the keys given are
        compared; the others keep the plan's (or, for a new update plan, the instance's) values and are sent again.
    type: dict
  tags:
    description:
      - Tags as a dict. Not given, the plan's (the instance's) tags are kept.
    type: dict
  purge_tags:
    description:
      - With O(tags), remove the tags not in O(tags).
    type: bool
    default: true
  description:
    description:
      - The plan's description (1 to 128 characters).
    type: str
  wait:
    description:
      - Wait for the preview (and, with O(state=executed), the review and the execution), polling every O(wait_interval)
        seconds for at most O(wait_timeout) seconds. V(false) returns the plan as it is after the writes.
    type: bool
    default: true
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.WAIT
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.provisioned_product_plan_info
  - module: alicloud.servicecatalog.provisioned_product_plan_approval
  - module: alicloud.servicecatalog.provisioned_product
'''

EXAMPLES = r'''
- name: Preview a launch (the plan waits to be executed)
  alicloud.servicecatalog.provisioned_product_plan:
    name: orders-db-launch
    operation: launch
    provisioned_product_name: orders-db
    product_name: RDS MySQL database
    parameters:
      storage_gb: 200
    tags:
      env: prod
    description: Orders database
  register: plan

- name: The resources it would add
  ansible.builtin.debug:
    msg: "{{ plan.resource_changes | map(attribute='logical_resource_id') }}"

- name: Execute it once it is approved (waits through the review)
  alicloud.servicecatalog.provisioned_product_plan:
    name: orders-db-launch
    state: executed
    wait_timeout: 3600
  register: executed

- name: Plan an update to another version, by name; the instance by name
  alicloud.servicecatalog.provisioned_product_plan:
    name: web-resize
    operation: update
    provisioned_product_name: web-server-prod
    product_name: DEMO-ECS instance
    product_version_name: "1.1"

- name: Plan an update of an existing instance to another version
  alicloud.servicecatalog.provisioned_product_plan:
    name: web-upgrade
    operation: update
    provisioned_product_id: pp-bp1ddg1n2a****
    product_id: prod-bp18r7q127a001
    product_version_id: pv-bp15e79d26a002
    portfolio_id: port-bp1yt7582g0a01
    stack_region_id: cn-hangzhou
    purge_tags: false
    wait: false
    wait_interval: 10

- name: Cancel a plan
  alicloud.servicecatalog.provisioned_product_plan:
    plan_id: plan-bp18mmdh2u****
    state: canceled

- name: Delete a plan
  alicloud.servicecatalog.provisioned_product_plan:
    name: web-upgrade
    state: absent
'''

RETURN = r'''
plan:
  description:
    - The plan as C(GetProvisionedProductPlan) returns it, in snake_case (as M(alicloud.servicecatalog.provisioned_product_plan_info)
      returns it); empty once deleted and in check mode before it is created.
  returned: always
  type: dict
  sample: {plan_id: plan-bp1wr000000003, plan_name: orders-db-launch, status: ApplicationInProgress, operation_type: LaunchProduct}
resource_changes:
  description: The cloud resources the plan adds, modifies or removes, from its preview.
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description: C(Add), C(Modify), C(Remove) or C(None).
      type: str
    logical_resource_id:
      description: The resource's name in the template.
      type: str
    physical_resource_id:
      description: The cloud ID of an existing resource.
      type: str
    resource_type:
      description: For example C(ALIYUN::RDS::DBInstance).
      type: str
    replacement:
      description: C(True), C(False) or C(Conditional).
      type: str
provisioned_product:
  description: With O(state=executed), the instance after the execution, in snake_case; empty after a termination.
  returned: when O(state=executed) and the plan was executed
  type: dict
outputs:
  description: With O(state=executed), the instance's outputs, C(OutputKey) to C(OutputValue).
  returned: when O(state=executed) and the plan was executed
  type: dict
changes:
  description: What changed (in check mode, would change), one line each.
  returned: always
  type: list
  elements: str
  sample: ["parameters.storage_gb: 100 -> 200", "execute plan"]
diff:
  description: Before and after of the plan's operation, instance, region, product, version, description, parameters and tags.
  returned: always
  type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, WaitFailed, WaitTimeout
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.provisioning import desired_inputs, entries
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import RESOURCE_WAIT_SPEC, Resource, run

GET = 'GetProvisionedProductPlan'
OPERATIONS = {'launch': 'LaunchProduct', 'update': 'UpdateProvisionedProduct', 'terminate': 'TerminateProvisionedProduct'}
CHANGEABLE = ('PreviewSuccess', 'PreviewFailed', 'ApplicationRejected')   # UpdateProvisionedProductPlan accepts these
EXECUTABLE = ('PreviewSuccess', 'ApplicationApproved')
REVIEWING = ('PreviewInProgress', 'ApplicationInProgress')
EXECUTED = ('ExecuteInProgress', 'ExecuteSuccess', 'ExecuteFailed')
TEXT_OPTIONS = ('name', 'plan_id', 'provisioned_product_name', 'provisioned_product_id', 'product_id', 'product_name',
                'product_version_id', 'product_version_name', 'portfolio_id', 'stack_region_id', 'description')


class Plan(Resource):
    what = 'plan'
    has_state = False
    argument_spec = dict(
        name=dict(type='str'),
        plan_id=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'executed', 'canceled', 'absent']),
        operation=dict(type='str', choices=['launch', 'update', 'terminate']),
        provisioned_product_name=dict(type='str'),
        provisioned_product_id=dict(type='str'),
        product_id=dict(type='str'),
        product_name=dict(type='str'),
        product_version_id=dict(type='str'),
        product_version_name=dict(type='str'),
        portfolio_id=dict(type='str'),
        stack_region_id=dict(type='str'),
        parameters=dict(type='dict'),
        tags=dict(type='dict'),
        purge_tags=dict(type='bool', default=True),
        description=dict(type='str'),
        **RESOURCE_WAIT_SPEC
    )
    rules = dict(required_one_of=[('name', 'plan_id')], mutually_exclusive=[
        ('name', 'plan_id'), ('product_id', 'product_name'), ('provisioned_product_name', 'provisioned_product_id')])

    def __init__(self, module):
        super(Plan, self).__init__(module)
        self.opts = dict((name, require_text(self.params, name)) for name in TEXT_OPTIONS)
        self.portfolio = None
        self.document = None    # the plan as last read

    def run(self):
        with self.module.errors():
            current = self.find()
            state = self.params['state']
            if state == 'absent':
                result = self._absent(current)
            elif state == 'canceled':
                result = self._cancel(current)
            else:
                result = self._present(current)
                if state == 'executed':
                    result = self._execute(result)
                elif (self.document or {}).get('Status') == 'PreviewFailed':
                    raise WaitFailed(self._failed('preview'), result)
        self.module.exit_json(**result)

    # -- find and compare --------------------------------------------------------------------------

    def _get(self, plan_id):
        return self.by_id(GET, 'PlanId', plan_id)

    def find(self):
        plan_id = self.opts['plan_id']
        if not plan_id:
            found = self.by_name('ListProvisionedProductPlans', 'ProvisionedProductPlanName', 'PlanName', 'PlanId', self.opts['name'])
            plan_id = found and found['PlanId']
        plan = self._get(plan_id) if plan_id else None
        if plan is None and self.opts['plan_id'] and self.params['state'] != 'absent':
            raise ConfigError('plan_id: there is no plan %s; give name (without the ID) to create one' % self.opts['plan_id'])
        if plan is not None and plan.get('Status') == 'PreviewInProgress':
            plan = self._wait_status(plan['PlanId'], ('PreviewInProgress',))
        self.document = plan
        return plan

    def view(self, document):
        plan = document
        return dict(operation=_short(plan.get('OperationType')), provisioned_product_name=plan.get('ProvisionedProductName'),
                    stack_region_id=plan.get('StackRegionId'), product_id=plan.get('ProductId'),
                    product_version_id=plan.get('ProductVersionId'), description=plan.get('Description'),
                    parameters=dict((p['ParameterKey'], p.get('ParameterValue')) for p in plan.get('Parameters') or []),
                    tags=dict((t['Key'], t.get('Value')) for t in plan.get('Tags') or []))

    def desired(self, current):
        plan = current
        opts = self.opts
        if plan is not None:
            before = self.view(plan)
            for option in ('operation', 'provisioned_product_name', 'stack_region_id'):
                given = self.params['operation'] if option == 'operation' else opts[option]
                if given and given != before[option]:
                    raise ConfigError('%s: a plan cannot change it: plan %s has %s' % (option, plan['PlanId'], before[option]))
            if opts['provisioned_product_id'] and opts['provisioned_product_id'] != plan.get('ProvisionedProductId'):
                raise ConfigError('provisioned_product_id: a plan cannot change it: plan %s is for %s' % (
                    plan['PlanId'], plan.get('ProvisionedProductId')))
            instance = dict(plan, ProvisionedProductId=plan.get('ProvisionedProductId') or plan['PlanId'])
            wanted, _portfolio = desired_inputs(self.client, opts, self.params, instance, before, 'plan')
            self.portfolio = plan.get('PortfolioId')
            return dict(before, description=opts['description'] or before['description'], **wanted)
        operation = self.params['operation'] or 'launch'
        if operation == 'launch':
            if not opts['provisioned_product_name']:
                raise ConfigError('provisioned_product_name: required for a launch plan (the name of the instance to launch)')
            wanted, self.portfolio = desired_inputs(self.client, opts, self.params, None, None, 'plan')
            name = opts['provisioned_product_name']
        else:
            instance = self._instance()
            task = self.by_id('GetTask', 'TaskId', instance['LastSuccessfulProvisioningTaskId']) \
                if instance.get('LastSuccessfulProvisioningTaskId') else {}
            before = dict(parameters=dict((p['ParameterKey'], p.get('ParameterValue')) for p in (task or {}).get('Parameters') or []),
                          tags=dict((t['Key'], t.get('Value')) for t in (task or {}).get('TaskTags') or []))
            wanted, _portfolio = desired_inputs(self.client, opts, self.params, instance, before, 'provisioned product')
            self.portfolio = opts['portfolio_id'] or instance.get('PortfolioId')
            name = instance['ProvisionedProductName']
        return dict(wanted, operation=operation, provisioned_product_name=name, description=opts['description'])

    def _instance(self):
        """The instance an update or terminate plan is for (provisioned_product_id or provisioned_product_name)."""
        pp_id = self.opts['provisioned_product_id']
        if not pp_id:
            if not self.opts['provisioned_product_name']:
                raise ConfigError('provisioned_product_name: required (or provisioned_product_id) for an %s plan' % self.params['operation'])
            found = self.by_name('ListProvisionedProducts', 'ProvisionedProductName', 'ProvisionedProductName', 'ProvisionedProductId',
                                 self.opts['provisioned_product_name'])
            if found is None:
                raise ConfigError('provisioned_product_name: there is no provisioned product named %r' % self.opts['provisioned_product_name'])
            pp_id = found['ProvisionedProductId']
        instance = self.by_id('GetProvisionedProduct', 'ProvisionedProductId', pp_id)
        if instance is None:
            raise ConfigError('provisioned_product_id: there is no provisioned product %s' % pp_id)
        return instance

    # -- writes --------------------------------------------------------------------------------------

    def _inputs(self, desired):
        return dict(ProductId=desired['product_id'], ProductVersionId=desired['product_version_id'], PortfolioId=self.portfolio,
                    Parameters=entries(desired['parameters'], 'ParameterKey', 'ParameterValue'),
                    Tags=entries(desired['tags'], 'Key', 'Value'), Description=desired['description'])

    def create(self, desired):
        name = self.opts['name']
        answer, found = self.write('CreateProvisionedProductPlan', dict(
            self._inputs(desired), PlanName=name, PlanType='Ros', OperationType=OPERATIONS[desired['operation']],
            ProvisionedProductName=desired['provisioned_product_name'], StackRegionId=desired['stack_region_id']),
            recover=lambda: self.by_name('ListProvisionedProductPlans', 'ProvisionedProductPlanName', 'PlanName', 'PlanId', name))
        return self._previewed(answer['PlanId'] if answer else found['PlanId'])

    def update(self, current, desired, changes):
        plan = current
        if plan.get('Status') not in CHANGEABLE:
            raise ConfigError('state: plan %s is %s: it can no longer change (%s)' % (plan['PlanId'], plan.get('Status'), '; '.join(changes)))

        def recover():
            now = self._get(plan['PlanId'])
            return now if now is not None and (now.get('Status'), now.get('UpdateTime')) != (plan.get('Status'), plan.get('UpdateTime')) else None

        self.write('UpdateProvisionedProductPlan', dict(self._inputs(desired), PlanId=plan['PlanId']), recover=recover)
        return self._previewed(plan['PlanId'])

    def delete(self, current):
        plan = current
        if plan.get('Status') == 'ExecuteInProgress':
            plan = self._wait_status(plan['PlanId'], ('ExecuteInProgress',))
        self.write('DeleteProvisionedProductPlan', {'PlanId': plan['PlanId']},
                   recover=lambda: {} if self._get(plan['PlanId']) is None else None)
        self.document = None
        return None

    def _cancel(self, plan):
        if plan is None:
            raise ConfigError('%s: there is no plan %s to cancel' % (
                ('plan_id', self.opts['plan_id']) if self.opts['plan_id'] else ('name', repr(self.opts['name']))))
        status = plan.get('Status')
        if status == 'Canceled':
            return dict(changed=False, changes=[], diff=dict(before=dict(status=status), after=dict(status=status)), **self.result(plan))
        if status.startswith('Execute'):
            raise ConfigError('state: plan %s is %s: an executed plan cannot be canceled' % (plan['PlanId'], status))
        if not self.check_mode:
            self.write('CancelProvisionedProductPlan', {'PlanId': plan['PlanId']}, recover=lambda: self._if_status(plan['PlanId'], ('Canceled',)))
            plan = self._get(plan['PlanId'])
        return dict(changed=True, changes=['status: %s -> Canceled' % status],
                    diff=dict(before=dict(status=status), after=dict(status='Canceled')), **self.result(plan))

    def _execute(self, result):
        plan = self.document
        status = (plan or {}).get('Status')
        if plan is None or (self.check_mode and status != 'ExecuteSuccess'):
            result['changes'] = result['changes'] + ['execute plan']
            return dict(result, changed=True)
        if status in REVIEWING:
            if not self.params['wait']:
                self.module.warnings.append('plan %s is %s; approvers: %s' % (plan['PlanId'], status, _approvers(plan)))
                return result
            plan = self._wait_status(plan['PlanId'], REVIEWING)
            status = plan.get('Status')
        if status in ('PreviewFailed', 'ApplicationRejected', 'Canceled'):
            raise WaitFailed(self._failed('execution', plan), dict(result, **self.result(plan)))
        if status in EXECUTABLE:
            self.write('ExecuteProvisionedProductPlan', {'PlanId': plan['PlanId']},
                       recover=lambda: self._if_status(plan['PlanId'], EXECUTED))
            result = dict(result, changed=True, changes=result['changes'] + ['execute plan'])
            plan = self._get(plan['PlanId'])
        if self.params['wait'] and plan.get('Status') == 'ExecuteInProgress':
            plan = self._wait_status(plan['PlanId'], ('ExecuteInProgress',))
        if plan.get('Status') == 'ExecuteFailed':
            raise WaitFailed(self._failed('execution', plan), dict(result, **self.result(plan)))
        result.update(self.result(plan))
        result.update(self._instance_result(plan))
        return result

    # -- waiting and results -------------------------------------------------------------------------

    def _previewed(self, plan_id):
        plan = self._get(plan_id)
        if self.params['wait'] and plan is not None and plan.get('Status') == 'PreviewInProgress':
            plan = self._wait_status(plan_id, ('PreviewInProgress',))
        self.document = plan
        return plan

    def _if_status(self, plan_id, statuses):
        """The plan when its status is one of ``statuses`` (a lost answer's write was made), else None."""
        now = self._get(plan_id)
        return now if now is not None and now.get('Status') in statuses else None

    def _wait_status(self, plan_id, pending):
        try:
            return self.wait(lambda: self._get(plan_id) or {}, lambda doc: doc.get('Status') in pending, 'plan %s' % plan_id)
        except WaitTimeout as err:
            plan = err.item or {}
            if plan.get('Status') == 'ApplicationInProgress':
                raise WaitTimeout('%s; waiting for the review of: %s' % (err, _approvers(plan)), plan)
            raise

    def _failed(self, what, plan=None):
        plan = plan or self.document
        return 'the %s of plan %s failed: its status is %s: %s' % (
            what, plan['PlanId'], plan.get('Status'), plan.get('StatusMessage') or 'no StatusMessage')

    def result(self, document):
        plan = document
        if not plan:
            return dict(plan={}, resource_changes=[])
        return dict(plan=snake_case(plan), resource_changes=snake_case(plan.get('ResourceChanges') or []))

    def _instance_result(self, plan):
        instance = self.by_id('GetProvisionedProduct', 'ProvisionedProductId', plan.get('ProvisionedProductId')) \
            if plan.get('ProvisionedProductId') else None
        if instance is None:
            return dict(provisioned_product={}, outputs={})
        task = self.by_id('GetTask', 'TaskId', instance['LastSuccessfulProvisioningTaskId']) \
            if instance.get('LastSuccessfulProvisioningTaskId') else None
        return dict(provisioned_product=snake_case(instance),
                    outputs=dict((o['OutputKey'], o.get('OutputValue')) for o in (task or {}).get('Outputs') or []))


def _short(operation_type):
    return dict((v, k) for k, v in OPERATIONS.items()).get(operation_type, operation_type)


def _approvers(plan):
    return ', '.join('%s %s' % (a.get('PrincipalType'), a.get('PrincipalName')) for a in plan.get('AssignedApprovers') or []) or 'none named'


def main():
    run(Plan)


if __name__ == '__main__':
    main()
