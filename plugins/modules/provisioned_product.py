#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: provisioned_product
short_description: Launch, update and terminate Alibaba Cloud Service Catalog provisioned products
version_added: 0.3.0
description:
  - Launches a product as a provisioned product (product instance) with C(LaunchProduct), updates its version,
    parameters and tags with C(UpdateProvisionedProduct), or terminates it with C(TerminateProvisionedProduct).
  - Idempotent. The instance is found by its exact O(name) or by O(provisioned_product_id). Its version, parameters
    and tags are compared with O(product_version_id), O(parameters) and O(tags); read from the instance and its
    last successful provisioning task (C(GetTask)). The module writes only when something differs.
  - No write operation of the API takes an idempotency token, so a write whose answer is lost after it may
    have reached the server (a time-out, an HTTP 5xx answer, a dropped connection) is never sent again; the
    module reads the instance again and continues from what it finds. Throttled writes are retried.
  - An instance found C(UnderChange) is waited for (up to O(wait_timeout)) before it is compared.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  name:
    description:
      - The name of the provisioned product, its natural key. Compared exactly (the API's name filter ignores case;
        the module does not). When several instances have this name the module fails, listing their IDs.
      - Required to launch. With O(provisioned_product_id), must be the instance's name (an instance cannot be renamed).
    type: str
  provisioned_product_id:
    description:
      - The ID of an existing provisioned product, for example C(pp-bp1ddg1n2a****). Used instead of the name to find it.
      - With O(state=present) the instance must exist.
    type: str
  instances:
    description:
      - Several instances in one task, instead of O(name) or O(provisioned_product_id), one entry per instance, found by its
        exact name and launched, updated or terminated as with O(name). Every other option (O(product_name), the version,
        O(portfolio_id), O(stack_region_id), O(parameters), O(tags), O(purge_tags), O(state), O(preview), O(wait)...) applies
        to each instance; an entry's O(instances[].parameters) and O(instances[].tags) are merged over O(parameters) and O(tags).
      - One run of the module finds, compares and writes all the instances at once (at most O(concurrency) requests under
        way), then, with O(wait), waits for all of them together. Launching 20 instances takes about the time of one, where
        a C(loop) runs the module 20 times, one after the other.
      - An instance that fails (a refused write, a failed task, O(wait_timeout) reached) does not stop the others; the module
        fails once all are done, naming each instance that failed, and returns every result in RV(provisioned_products).
        RV(changes) then names the instance on each line, and RV(diff) is a list, one before/after per instance.
      - At most 100 entries, each name once. An empty list does nothing.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - The exact name of the instance.
        type: str
        required: true
      parameters:
        description:
          - Parameters of this instance, merged over O(parameters) (a key given in both takes this value).
        type: dict
      tags:
        description:
          - Tags of this instance, merged over O(tags) (a key given in both takes this value); O(purge_tags) applies to the merged tags.
        type: dict
  state:
    description:
      - V(present) launches the instance or updates it to the desired version, parameters and tags.
      - V(absent) terminates it and (with O(wait)) waits until it is gone. An instance that does not exist is not an error.
    type: str
    choices: [present, absent]
    default: present
  product_id:
    description:
      - The product to launch. Required (or O(product_name)) to launch.
      - For an existing instance, it must be the instance's product (a product cannot change in place).
    type: str
  product_name:
    description:
      - The exact name of the product to launch, among the products available to the caller (C(ListProductsAsEndUser)).
    type: str
  product_version_id:
    description:
      - The product version to launch or update to.
      - Without it and O(product_version_name), a launch uses the version whose guidance is C(Default) (the module fails,
        listing the versions and their guidance, when there is none), and an update keeps the current version.
    type: str
  product_version_name:
    description:
      - The exact name of the product version, for example C(1.1), among the versions of the product.
    type: str
  portfolio_id:
    description:
      - The portfolio to launch from. Needed only when the product has no default launch option (it sits in several
        portfolios); the module then fails listing the launch options.
    type: str
  stack_region_id:
    description:
      - The region of the instance's stack, for example C(cn-hangzhou). Default the module's region (O(alicloud_region)).
      - An existing instance cannot move to another region; a different value fails naming this option.
    type: str
  parameters:
    description:
      - Template parameters (Terraform variables), as a dict. Values are sent as the strings the API takes, numbers as
        decimal text, booleans as C(true) / C(false), lists and dicts as compact JSON, null as the empty string.
      - Only the keys given are compared; the other parameters of an existing instance keep their current values and
        are sent again (the API takes the whole set).
    type: dict
  tags:
    description:
      - Tags of the instance (propagated to its stack's resources), as a dict.
      - Not given, an update keeps the current tags.
      - The service refuses an update in which neither the version nor a parameter changes; a change of tags alone
        then fails, saying so.
    type: dict
  purge_tags:
    description:
      - With O(tags), remove the tags not in O(tags). V(false) keeps them and adds or changes the given ones.
    type: bool
    default: true
  preview:
    description:
      - Preview the change server-side before it is made (in check mode too), with a plan (C(CreateProvisionedProductPlan))
        with the same inputs, its preview waited for, its RV(resource_changes) returned, then the plan deleted.
      - Only when something would change. The plan is a write of its own (it needs plan permissions).
    type: bool
    default: false
  wait:
    description:
      - Wait until the launch, update or termination has ended (the instance is C(Available) or gone), polling every
        O(wait_interval) seconds for at most O(wait_timeout) seconds.
      - A run that fails (the instance ends C(Error), or its task C(Failed)) fails the module with the task's
        C(StatusMessage) and the last lines of its stderr Terraform log.
      - V(false) returns once the write is accepted; RV(task) is then still C(InProgress).
    type: bool
    default: true
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.WAIT
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.provisioned_product_info
  - module: alicloud.servicecatalog.task_info
  - plugin: alicloud.servicecatalog.task_outputs
    plugin_type: lookup
notes:
  - To launch many instances at once, give them in O(instances) (one task, one run of the module), every instance launched at
    once and waited for together. Or launch each with O(wait=false) (a C(loop)), then wait for all of them with one
    M(alicloud.servicecatalog.provisioned_product_info) call with O(alicloud.servicecatalog.provisioned_product_info#module:provisioned_product_ids)
    and O(alicloud.servicecatalog.provisioned_product_info#module:wait=true); or, one inventory host per instance, run the task
    delegated to C(localhost), with C(forks) at least the number of hosts. With these two, each instance costs one run of the
    module (about a second); the user guide's "Many at once" compares the three.
'''

EXAMPLES = r'''
- name: Launch an instance of the product's Default version (or leave it as it is)
  alicloud.servicecatalog.provisioned_product:
    name: web-01
    product_name: DEMO-ECS instance
    parameters:
      instance_type: ecs.g7.large
    tags:
      env: dev
  register: web

- name: Its outputs
  ansible.builtin.debug:
    msg: "{{ web.outputs }}"

- name: Show what a parameter change would do, with a server-side preview of the cloud resources
  alicloud.servicecatalog.provisioned_product:
    name: web-01
    parameters:
      instance_type: ecs.g7.xlarge
    preview: true
  check_mode: true
  diff: true
  register: would

- name: Update to a version by name; keep tags not listed here
  alicloud.servicecatalog.provisioned_product:
    name: web-01
    product_version_name: "1.1"
    tags:
      owner: platform
    purge_tags: false

- name: Launch a product that sits in several portfolios, in another region, without waiting
  alicloud.servicecatalog.provisioned_product:
    name: net-01
    product_id: prod-bp1vpcnet2ca003
    product_version_id: pv-bp1vpc0001a005
    portfolio_id: port-bp1yt7582g0a01
    stack_region_id: cn-shanghai
    parameters:
      cidr_block: 10.1.0.0/16
    wait: false

- name: Launch three instances in one task, all at once, and wait until all of them are Available
  alicloud.servicecatalog.provisioned_product:
    instances:
      - name: web-11
      - name: web-12
        parameters:
          instance_type: ecs.g7.xlarge
      - name: web-13
        tags:
          role: canary
    product_name: DEMO-ECS instance
    parameters:
      instance_type: ecs.g7.large
    tags:
      env: dev
  register: fleet

- name: Their outputs, by instance name
  ansible.builtin.debug:
    msg: "{{ fleet.provisioned_products | items2dict(key_name='name', value_name='outputs') }}"

- name: Terminate the three, all at once
  alicloud.servicecatalog.provisioned_product:
    instances: [{name: web-11}, {name: web-12}, {name: web-13}]
    state: absent

- name: Launch several instances without waiting (each a run of the module, one after the other)
  alicloud.servicecatalog.provisioned_product:
    name: "{{ item }}"
    product_name: DEMO-ECS instance
    wait: false
  loop: [web-02, web-03, web-04]
  register: launched

- name: Then wait for all of them at once
  alicloud.servicecatalog.provisioned_product_info:
    provisioned_product_ids: "{{ launched.results | map(attribute='provisioned_product.provisioned_product_id') }}"
    wait: true
    wait_timeout: 1800

- name: Terminate it by ID, waiting at most 20 minutes
  alicloud.servicecatalog.provisioned_product:
    provisioned_product_id: "{{ web.provisioned_product.provisioned_product_id }}"
    state: absent
    wait_timeout: 1200
    wait_interval: 10
'''

RETURN = r'''
provisioned_product:
  description:
    - The instance as C(GetProvisionedProduct) returns it, in snake_case (as M(alicloud.servicecatalog.provisioned_product_info)
      returns each one); empty once terminated and in check mode before a launch.
  returned: without O(instances) (with it, in each of RV(provisioned_products))
  type: dict
  sample:
    provisioned_product_id: pp-bp1wr000000001
    provisioned_product_name: web-01
    product_id: prod-bp18r7q127a001
    product_version_id: pv-bp15e79d26a001
    status: Available
    stack_region_id: cn-hangzhou
    last_provisioning_task_id: task-bp1wr000000002
    last_successful_provisioning_task_id: task-bp1wr000000002
outputs:
  description: The outputs of the instance's last successful provisioning task, C(OutputKey) to C(OutputValue).
  returned: without O(instances) (with it, in each of RV(provisioned_products))
  type: dict
  sample: {instance_id: i-bp1a2b3c4d5e6f7g8h9, PublicIP: 47.96.1.2}
parameters:
  description: The parameters of the instance's last successful provisioning task, C(ParameterKey) to C(ParameterValue).
  returned: without O(instances) (with it, in each of RV(provisioned_products))
  type: dict
  sample: {instance_type: ecs.g7.large}
tags:
  description: The tags of the instance's last successful provisioning task.
  returned: without O(instances) (with it, in each of RV(provisioned_products))
  type: dict
  sample: {env: dev}
task:
  description: The provisioning task this run started; empty when nothing was written (unchanged, check mode).
  returned: without O(instances) (with it, in each of RV(provisioned_products))
  type: dict
  contains:
    task_id:
      description: The task ID.
      type: str
      returned: when a task ran
      sample: task-bp1wr000000002
    task_type:
      description: C(LaunchProduct), C(UpdateProvisionedProduct) or C(TerminateProvisionedProduct).
      type: str
      returned: when a task ran
      sample: LaunchProduct
    status:
      description: C(InProgress), C(Succeeded) or C(Failed).
      type: str
      returned: when a task ran
      sample: Succeeded
    status_message:
      description: Why the task failed.
      type: str
      returned: when the task failed
changes:
  description:
    - "What changed (or, in check mode, would change), one line each, for example C(parameters.instance_type: ecs.g7.large -> ecs.g7.xlarge)."
    - "With O(instances), each line starts with the instance name, for example C(web-12: create provisioned product)."
  returned: always
  type: list
  elements: str
  sample: ["create provisioned product"]
diff:
  description:
    - Before and after of the version, region, status, parameters and tags (also shown with C(--diff)).
    - With O(instances), a list of these, one per instance that got as far as being compared, each with the instance
      name as C(before_header) and C(after_header).
  returned: always
  type: dict
  contains:
    before:
      description: The instance as found (empty for a launch).
      type: dict
    after:
      description: The desired state (empty for a termination).
      type: dict
resource_changes:
  description:
    - With O(preview), the cloud resources the change would add, modify or remove, from the preview plan
      (C(ResourceChanges) of C(GetProvisionedProductPlan)).
  returned: when O(preview=true) and something would change (with O(instances), in each of RV(provisioned_products))
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
      description: For example C(ALIYUN::ECS::Instance).
      type: str
    replacement:
      description: C(True), C(False) or C(Conditional).
      type: str
  sample: [{action: Modify, logical_resource_id: alicloud_instance.web, resource_type: "ALIYUN::ECS::Instance", replacement: "False"}]
provisioned_products:
  description:
    - With O(instances), one result per instance, in the order given, each with the values this module returns for one
      instance (RV(provisioned_product), RV(outputs), RV(parameters), RV(tags), RV(task), RV(resource_changes) with
      O(preview)), its own C(changed) and C(changes), and, when it failed, C(failed), C(msg) and, for a call the API
      refused, C(error).
  returned: with O(instances)
  type: list
  elements: dict
  contains:
    name:
      description: The name of the instance, as given.
      type: str
      sample: web-12
    changed:
      description: Whether this instance changed (or, in check mode, would change).
      type: bool
    changes:
      description: What changed for this instance, one line each.
      type: list
      elements: str
    failed:
      description: True when this instance failed (the module then fails too, once all instances are done).
      type: bool
      returned: when the instance failed
    msg:
      description: Why the instance failed, in one line (for a failed task, its C(StatusMessage) and the tail of its stderr log).
      type: str
      returned: when the instance failed
    error:
      description: The API error (C(code), C(message), C(http_status), C(request_id)...) when a call for this instance failed.
      type: dict
      returned: when a call failed
  sample:
    - name: web-11
      changed: true
      changes: ["create provisioned product"]
      provisioned_product: {provisioned_product_id: pp-bp1wr000000011, provisioned_product_name: web-11, status: Available}
      outputs: {instance_id: i-bp1a2b3c4d5e6f7g8h9}
      parameters: {instance_type: ecs.g7.large}
      tags: {env: dev}
      task: {task_id: task-bp1wr000000012, task_type: LaunchProduct, status: Succeeded}
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, WaitFailed
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.provisioning import (
    desired_inputs, entries, failure_message, preview_plan, task_summary,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import RESOURCE_WAIT_SPEC, Resource, module_for, run

GET = 'GetProvisionedProduct'
TEXT_OPTIONS = ('name', 'provisioned_product_id', 'product_id', 'product_name', 'product_version_id', 'product_version_name',
                'portfolio_id', 'stack_region_id')


class ProvisionedProduct(Resource):
    what = 'provisioned product'
    argument_spec = dict(
        name=dict(type='str'),
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
        preview=dict(type='bool', default=False),
        instances=dict(type='list', elements='dict', options=dict(
            name=dict(type='str', required=True),
            parameters=dict(type='dict'),
            tags=dict(type='dict'),
        )),
        **RESOURCE_WAIT_SPEC
    )
    rules = dict(required_one_of=[('name', 'provisioned_product_id', 'instances')],
                 mutually_exclusive=[('product_id', 'product_name'), ('name', 'instances'), ('provisioned_product_id', 'instances')])

    def __init__(self, module, params=None):
        super(ProvisionedProduct, self).__init__(module, params)
        self.opts = dict((name, require_text(self.params, name)) for name in TEXT_OPTIONS)
        self.task = None        # the last successful provisioning task of the instance found
        self.ran = None         # the task this run started (GetTask document)
        self.portfolio = None   # the PortfolioId a launch sends
        self.written = None     # (ProvisionedProductId, its task before, 'launch' / 'update' / 'terminate') once written

    # -- find and compare --------------------------------------------------------------------------

    def find(self):
        opts = self.opts
        if opts['provisioned_product_id']:
            current = self.by_id(GET, 'ProvisionedProductId', opts['provisioned_product_id'])
            if current is None and self.params['state'] == 'present':
                raise ConfigError('provisioned_product_id: there is no provisioned product %s; give name (without the ID) '
                                  'to launch one' % opts['provisioned_product_id'])
            if current is not None and opts['name'] and current.get('ProvisionedProductName') != opts['name']:
                raise ConfigError('name: a provisioned product cannot be renamed in place: %s is named %r, not %r' % (
                    current['ProvisionedProductId'], current.get('ProvisionedProductName'), opts['name']))
        else:
            current = self.by_name('ListProvisionedProducts', 'ProvisionedProductName', 'ProvisionedProductName',
                                   'ProvisionedProductId', opts['name'])
            if current is not None:
                current = self.by_id(GET, 'ProvisionedProductId', current['ProvisionedProductId'])
        if current is not None and current.get('Status') == 'UnderChange':
            # a write would be refused and the last task may still change: let it settle first
            current = self.wait(lambda: self.by_id(GET, 'ProvisionedProductId', current['ProvisionedProductId']) or {},
                                _under_change, 'provisioned product %s' % current['ProvisionedProductId']) or None
        if current is not None and current.get('LastSuccessfulProvisioningTaskId'):
            self.task = self.by_id('GetTask', 'TaskId', current['LastSuccessfulProvisioningTaskId'])
        return current

    def view(self, document):
        current = document
        task = self.task or {}
        return dict(product_id=current.get('ProductId'), product_version_id=current.get('ProductVersionId'),
                    stack_region_id=current.get('StackRegionId'), status=current.get('Status'),
                    parameters=dict((p['ParameterKey'], p.get('ParameterValue')) for p in task.get('Parameters') or []),
                    tags=dict((t['Key'], t.get('Value')) for t in task.get('TaskTags') or []))

    def desired(self, current):
        if current is None and not self.opts['name']:
            raise ConfigError('name: required to launch a provisioned product')
        desired, self.portfolio = desired_inputs(self.client, self.opts, self.params, current,
                                                 self.view(current) if current is not None else None, 'provisioned product')
        return dict(desired, status='Available')

    # -- writes --------------------------------------------------------------------------------------

    def _write_params(self, desired):
        return dict(ProductId=desired['product_id'], ProductVersionId=desired['product_version_id'],
                    Parameters=entries(desired['parameters'], 'ParameterKey', 'ParameterValue'),
                    Tags=entries(desired['tags'], 'Key', 'Value'))

    def create(self, desired):
        name = self.opts['name']
        answer, found = self.write('LaunchProduct', dict(
            self._write_params(desired), ProvisionedProductName=name, StackRegionId=desired['stack_region_id'],
            PortfolioId=self.portfolio), recover=lambda: self.by_name(
                'ListProvisionedProducts', 'ProvisionedProductName', 'ProvisionedProductName', 'ProvisionedProductId', name))
        return self.settle(answer['ProvisionedProductId'] if answer else found['ProvisionedProductId'], None, 'launch')

    def update(self, current, desired, changes):
        pp_id, previous = current['ProvisionedProductId'], current.get('LastProvisioningTaskId')

        def recover():
            now = self.by_id(GET, 'ProvisionedProductId', pp_id)
            return now if now is not None and now.get('LastProvisioningTaskId') != previous else None

        try:
            self.write('UpdateProvisionedProduct', dict(self._write_params(desired), ProvisionedProductId=pp_id,
                                                        PortfolioId=self.opts['portfolio_id']), recover=recover)
        except ServiceCatalogError as err:
            if err.status and 400 <= err.status < 500 and all(line.startswith('tags') for line in changes):
                raise ConfigError('tags: the service refused a change of tags alone (%s: %s); change them together with '
                                  'a parameter or the version' % (err.code, err.message))
            raise
        return self.settle(pp_id, previous, 'update')

    def delete(self, current):
        pp_id, previous = current['ProvisionedProductId'], current.get('LastProvisioningTaskId')

        def recover():
            now = self.by_id(GET, 'ProvisionedProductId', pp_id)
            return {} if now is None else now if now.get('LastProvisioningTaskId') != previous else None

        try:
            self.write('TerminateProvisionedProduct', {'ProvisionedProductId': pp_id}, recover=recover)
        except ServiceCatalogError as err:
            if not err.not_found:
                raise
            return None
        return self.settle(pp_id, previous, 'terminate')

    def settle(self, pp_id, previous, what):
        """After a write: the instance once its new task has ended (``wait``), or as it is now (``settled``)."""
        self.written = (pp_id, previous, what)
        if self.params['wait']:
            return self.settled(self.wait(self.fetch_written, self.running, 'provisioned product %s' % pp_id), True)
        return self.settled(self.fetch_written(), False)

    def fetch_written(self):
        """The instance this run wrote, as it is now (None once terminated)."""
        return self.by_id(GET, 'ProvisionedProductId', self.written[0])

    def running(self, doc):
        """True while the task this run started is under way (or not started yet)."""
        return doc is not None and (doc.get('Status') == 'UnderChange' or doc.get('LastProvisioningTaskId') == self.written[1])

    def settled(self, doc, waited):
        """``doc`` (the instance after the write) with ``self.ran`` read. ``waited``: a failed run fails (WaitFailed) with
        its StatusMessage and the tail of its stderr log. A terminated instance is None."""
        pp_id, previous, what = self.written
        if doc is None:  # terminated: its task stays readable
            tasks = [t for t in self.client.list('ListTasks', {'ProvisionedProductId': pp_id}).items
                     if t.get('TaskType') == 'TerminateProvisionedProduct' and t.get('TaskId') != previous]
            self.ran = max(tasks, key=lambda t: t.get('CreateTime') or '') if tasks else None
            return None
        task_id = doc.get('LastProvisioningTaskId')
        if task_id == previous:
            return doc
        self.ran = self.by_id('GetTask', 'TaskId', task_id)
        if waited and (doc.get('Status') == 'Error' or (self.ran or {}).get('Status') == 'Failed'):
            raise WaitFailed(failure_message('%s of provisioned product %s' % (what, pp_id), self.ran, doc), self.result(doc))
        return doc

    # -- results ------------------------------------------------------------------------------------

    def preview(self, current, desired):
        if current is None:
            params = dict(OperationType='LaunchProduct', ProvisionedProductName=self.opts['name'], PortfolioId=self.portfolio,
                          StackRegionId=desired['stack_region_id'], **self._write_params(desired))
        elif desired is None:
            view = self.view(current)
            params = dict(OperationType='TerminateProvisionedProduct', ProvisionedProductName=current['ProvisionedProductName'],
                          PortfolioId=current.get('PortfolioId'), StackRegionId=current['StackRegionId'],
                          **self._write_params(dict(view, product_version_id=current.get('ProductVersionId'))))
        else:
            params = dict(OperationType='UpdateProvisionedProduct', ProvisionedProductName=current['ProvisionedProductName'],
                          PortfolioId=self.opts['portfolio_id'] or current.get('PortfolioId'),
                          StackRegionId=current['StackRegionId'], **self._write_params(desired))
        return dict(resource_changes=preview_plan(self.client, self.params, params, self.log))

    def result(self, document):
        doc = document
        task = task_summary(self.ran)
        if not doc:
            return dict(provisioned_product={}, outputs={}, parameters={}, tags={}, task=task)
        task_id = doc.get('LastSuccessfulProvisioningTaskId')
        successful = next((t for t in (self.ran, self.task) if t and t.get('TaskId') == task_id), None)
        if successful is None and task_id:
            successful = self.by_id('GetTask', 'TaskId', task_id)
        outputs = dict((o['OutputKey'], o.get('OutputValue')) for o in (successful or {}).get('Outputs') or [])
        parameters = dict((p['ParameterKey'], p.get('ParameterValue')) for p in (successful or {}).get('Parameters') or [])
        tags = dict((t['Key'], t.get('Value')) for t in (successful or {}).get('TaskTags') or [])
        return dict(provisioned_product=snake_case(doc), outputs=outputs, parameters=parameters, tags=tags, task=task)


def _under_change(doc):
    return doc.get('Status') == 'UnderChange'


def main():
    module = module_for(ProvisionedProduct)
    if module.params['instances'] is None:
        run(ProvisionedProduct, module)
    else:  # many instances in one run: only then is module_utils/batch.py (and instances.py) imported
        from ansible_collections.alicloud.servicecatalog.plugins.module_utils.batch import run_many
        run_many(module, ProvisionedProduct)


if __name__ == '__main__':
    main()
