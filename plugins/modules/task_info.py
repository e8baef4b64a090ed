#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: task_info
short_description: Get the tasks of Alibaba Cloud Service Catalog provisioned products
version_added: 0.1.0
description:
  - With O(task_id), gets one task (C(GetTask)), with its tags; with O(task_ids), several, concurrently.
  - With O(provisioned_product_id), lists the tasks of that provisioned product (product instance)
    with C(ListTasks), every page or only one page with O(page_number).
  - Each task carries the template parameters the user entered, the template outputs and the Terraform logs.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  task_id:
    description:
      - The ID of one task, for example C(task-bp1dmg242c****).
      - Mutually exclusive with the listing options O(provisioned_product_id), O(sort_by), O(sort_order),
        O(page_number) and O(page_size); one of O(task_id), O(task_ids) and O(provisioned_product_id) is required.
      - A list is refused; give several IDs with O(task_ids).
    type: str
  task_ids:
    description:
      - The IDs of several tasks, got concurrently (at most O(concurrency) at once), with their tags, and
        returned in this order, each once.
      - Mutually exclusive with O(task_id) and with the listing options.
    type: list
    elements: str
    version_added: 0.2.0
  provisioned_product_id:
    description:
      - The ID of a provisioned product (product instance), for example C(pp-bp1ddg1n2a****), whose tasks are listed.
    type: str
  wait:
    description:
      - With O(task_id) or O(task_ids), wait until every task is no longer C(InProgress) (it has C(Succeeded)
        or C(Failed)); several are polled together, the pending ones concurrently.
      - The module fails when O(wait_timeout) runs out first, naming every task still in progress;
        RV(tasks) is still returned, as read last. A C(Failed) task does not fail the module.
    type: bool
    default: false
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.SORT
  - alicloud.servicecatalog.listing.PAGING
  - alicloud.servicecatalog.listing.WAIT
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.provisioned_product_info
  - plugin: alicloud.servicecatalog.task_outputs
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: Get one task, with its outputs and tags
  alicloud.servicecatalog.task_info:
    task_id: task-bp1dmg242c****
    alicloud_region: cn-hangzhou
  register: result

- name: Use an output of the task; keys keep the template's case
  ansible.builtin.debug:
    msg: "Instance {{ result.tasks[0].output_values.instance_id }}"

- name: List every task of a provisioned product, oldest first (credentials from the environment)
  alicloud.servicecatalog.task_info:
    provisioned_product_id: pp-bp1ddg1n2a****
    sort_order: asc
  register: history

- name: Only the second page of 20 tasks
  alicloud.servicecatalog.task_info:
    provisioned_product_id: pp-bp1ddg1n2a****
    page_number: 2
    page_size: 20

- name: Wait for a task to finish, at most 15 minutes
  alicloud.servicecatalog.task_info:
    task_id: task-bp1dmg242c****
    wait: true
    wait_timeout: 900
  register: finished
  failed_when: finished.tasks[0].status != 'Succeeded'

- name: Several tasks in one call, waiting until none is in progress
  alicloud.servicecatalog.task_info:
    task_ids:
      - task-bp1dmg242c****
      - task-bp1dmg242d****
    wait: true
  register: several

- name: Explicit credentials and a test endpoint
  alicloud.servicecatalog.task_info:
    task_id: task-bp1dmg242c****
    alicloud_access_key: "{{ vault_access_key }}"
    alicloud_secret_key: "{{ vault_secret_key }}"
    endpoint: http://127.0.0.1:8080
'''

RETURN = r'''
total_count:
  description:
    - With O(provisioned_product_id), the number of tasks the API reports for the instance (C(TotalCount)).
    - With O(task_id), 1; with O(task_ids), the number of tasks returned.
  returned: always
  type: int
  sample: 2
tasks:
  description: The tasks, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    task_id:
      description: The task ID.
      type: str
      sample: task-bp1dmg242c****
    task_type:
      description: C(LaunchProduct), C(UpdateProvisionedProduct) or C(TerminateProvisionedProduct).
      type: str
      sample: LaunchProduct
    status:
      description: C(Succeeded), C(InProgress) or C(Failed).
      type: str
      sample: Succeeded
    status_message:
      description: Why the task failed; the API returns it only for failed tasks.
      type: str
      returned: when RV(tasks[].status) is C(Failed)
      sample: "Resource CREATE failed: terraform stack sc-146611588617****-pp-bp1ddg1n2a**** failure..."
    portfolio_id:
      description: The portfolio ID.
      type: str
      sample: port-bp1yt7582g****
    product_id:
      description: The product ID.
      type: str
      sample: prod-bp18r7q127****
    product_name:
      description: The product name.
      type: str
      sample: DEMO-ECS
    product_version_id:
      description: The product version ID.
      type: str
      sample: pv-bp15e79d26****
    product_version_name:
      description: The product version name.
      type: str
      sample: "1.0"
    provisioned_product_id:
      description: The provisioned product (instance) ID.
      type: str
      sample: pp-bp1ddg1n2a****
    provisioned_product_name:
      description: The provisioned product (instance) name.
      type: str
      sample: Test-ECS
    parameters:
      description: The template parameters the user entered.
      type: list
      elements: dict
      contains:
        parameter_key:
          description: The parameter name, as the template defines it.
          type: str
          sample: instance_type
        parameter_value:
          description: The value entered.
          type: str
          sample: ecs.s6-c1m1.small
    parameter_values:
      description: The same parameters as a dict, parameter name (case kept) to value.
      type: dict
      sample: {"instance_type": "ecs.s6-c1m1.small"}
    outputs:
      description: The template outputs.
      type: list
      elements: dict
      contains:
        output_key:
          description: The output name, as the template defines it.
          type: str
          sample: instance_id
        output_value:
          description: The output value.
          type: str
          sample: i-xxxxxx
        description:
          description: The output description from the template.
          type: str
          sample: The ECS instance ID.
    output_values:
      description:
        - The same outputs as a dict, output name (case kept) to value.
        - When the task repeats an output name, the last value is kept and a warning names the task and the output.
      type: dict
      sample: {"instance_id": "i-xxxxxx"}
    log:
      description: The output logs of the task.
      type: dict
      contains:
        terraform_logs:
          description: The Terraform output logs.
          type: list
          elements: dict
          contains:
            command:
              description: The Terraform command, C(apply), C(plan), C(destroy) or C(version).
              type: str
              sample: apply
            stream:
              description: C(stdout) or C(stderr).
              type: str
              sample: stdout
            content:
              description: What the command wrote to the stream.
              type: str
              sample: "Apply complete! Resources: 42 added, 0 changed, 0 destroyed."
    task_tags:
      description:
        - The task's tags as a dict, tag key (case kept) to value.
        - Only with O(task_id) or O(task_ids) (C(GetTask) returns tags, C(ListTasks) does not).
      type: dict
      returned: when O(task_id) or O(task_ids) is set
      sample: {"k1": "v1"}
    create_time:
      description: When the task was created, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-05-23T09:46:27Z"
    update_time:
      description: When the task was last updated, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-05-26T03:28:45Z"
api_log:
  description:
    - What the client did besides the plain calls, one line each - retries (with the error and the delay),
      listings read again because they changed, throttling narrowing the concurrency, credentials renewed.
  returned: when the task runs with C(-vvv) or more and there is something to say
  type: list
  elements: str
  sample: ["GetTask: attempt 1 failed with ServiceUnavailable (HTTP 503), retrying in 0.48s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import repeated_keys
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Get, InfoModule, List, Param


def repeated_outputs(task):
    """A warning when the task gives an output name more than once (output_values keeps the last)."""
    repeated = repeated_keys(task.get('outputs'), key='output_key')
    if repeated:
        return 'task %s has the output%s %s more than once; output_values keeps the last value' % (
            task.get('task_id'), 's' if len(repeated) > 1 else '', ', '.join(repeated))
    return None


INFO = InfoModule(
    'tasks',
    options=dict(
        task_id=dict(type='str'),
        provisioned_product_id=dict(type='str'),
    ),
    get=Get('GetTask', {'task_id': 'TaskId'}, wait_while='InProgress', plural='task_ids'),
    listing=List('ListTasks', {'provisioned_product_id': Param('ProvisionedProductId', required=True)}, sort=True),
    warn=repeated_outputs,
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
