# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: task_outputs
short_description: The outputs of Alibaba Cloud Service Catalog tasks, as dicts
version_added: 0.1.0
description:
  - Each term is a task ID; each yields a dict of that task's template outputs, C(OutputKey) to
    C(OutputValue), keys exactly as the template defines them.
  - Instead of terms, O(provisioned_product_id) or O(provisioned_product_name) yields the outputs of that
    provisioned product's last successful provisioning task (C(LastSuccessfulProvisioningTaskId)),
    that is its current outputs.
  - Several terms share one client and are fetched concurrently.
  - Works with C(lookup) (one term gives its dict) and C(query) (a list of dicts, in the order of the terms).
  - Like every lookup it runs on the controller and never sees C(module_defaults). Each connection option (region,
    endpoint, credentials) comes from the lookup's keyword (V(region='cn-hangzhou')), else from the variable named
    under the option (C(alicloud_region), C(alicloud_servicecatalog_endpoint), C(alicloud_access_key)...), else from
    its environment variables on the controller; credentials then follow the modules' chain (see the notes).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  _terms:
    description:
      - Task IDs, for example C(task-bp1dmg242c****). A list of task IDs counts as its elements, so
        C(query(..., ids)) and C(lookup(..., *ids)) read alike. Each must be a non-empty string.
    type: list
    elements: str
    required: false
  provisioned_product_id:
    description:
      - The ID of a provisioned product whose current outputs to return. Mutually exclusive with terms and
        O(provisioned_product_name).
    type: str
  provisioned_product_name:
    description:
      - The exact name (case does not matter) of a provisioned product whose current outputs to return.
      - It is an error when several provisioned products have the name.
    type: str
  access_level_filter:
    description:
      - Where O(provisioned_product_name) is looked for. V(User), the caller's provisioned products (the API's default);
        V(Account), those of the whole account.
    type: str
    choices: [User, Account]
  on_missing:
    description:
      - What to do when a task or provisioned product does not exist, or the provisioned product has no
        successful provisioning task yet.
      - V(error) fails, V(warn) warns and yields C(None) for it, V(skip) silently yields C(None) for it.
    type: str
    default: error
    choices: [error, warn, skip]
  on_denied:
    description:
      - What to do when the credentials may not read a task or provisioned product (HTTP 403).
      - V(error) fails, V(warn) warns and yields C(None) for it, V(skip) silently yields C(None) for it.
    type: str
    default: error
    choices: [error, warn, skip]
extends_documentation_fragment:
  - alicloud.servicecatalog.common.plugins
  - alicloud.servicecatalog.common
seealso:
  - module: alicloud.servicecatalog.task_info
  - module: alicloud.servicecatalog.provisioned_product_info
'''

EXAMPLES = r'''
- name: Outputs of one task (credentials and region from the environment)
  ansible.builtin.debug:
    msg: "{{ lookup('alicloud.servicecatalog.task_outputs', 'task-bp1dmg242c****') }}"

- name: One output of it; keys keep the template's case
  ansible.builtin.set_fact:
    instance_id: "{{ lookup('alicloud.servicecatalog.task_outputs', 'task-bp1dmg242c****')['instance_id'] }}"

- name: Outputs of several tasks at once, fetched concurrently, as a list
  ansible.builtin.set_fact:
    all_outputs: "{{ query('alicloud.servicecatalog.task_outputs', 'task-aaa****', 'task-bbb****') }}"

- name: Current outputs of a provisioned product, by name
  ansible.builtin.set_fact:
    db: "{{ lookup('alicloud.servicecatalog.task_outputs', provisioned_product_name='orders-mysql', access_level_filter='Account') }}"

- name: Current outputs of a provisioned product, by ID; nothing (None) instead of a failure when it is gone
  ansible.builtin.set_fact:
    net: "{{ lookup('alicloud.servicecatalog.task_outputs', provisioned_product_id='pp-bp1ddg1n2a****', on_missing='warn') }}"

- name: Explicit region and endpoint
  ansible.builtin.debug:
    msg: "{{ lookup('alicloud.servicecatalog.task_outputs', 'task-bp1dmg242c****', region='cn-shanghai', endpoint='http://127.0.0.1:8080') }}"
'''

RETURN = r'''
_raw:
  description:
    - One dict per term (or one for the provisioned product), template output name to value, names as the template defines them.
    - C(None) for a term that is missing or denied with O(on_missing) or O(on_denied) V(warn) or V(skip).
  type: list
  elements: dict
'''

from ansible.errors import AnsibleLookupError

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import (
    MAX_ID_LENGTH, MAX_NAME_LENGTH, check_text, filter_params, outputs_dict, repeated_keys,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.instances import each
from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils.lookup import Missing, ServiceCatalogLookupBase, display


class LookupModule(ServiceCatalogLookupBase):

    NAME = 'task_outputs'

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        product_id = self.get_option('provisioned_product_id')
        product_name = self.get_option('provisioned_product_name')
        terms = self.string_terms(terms, 'a task ID')
        chosen = [n for n, v in (('terms', terms), ('provisioned_product_id', product_id), ('provisioned_product_name', product_name)) if v]
        if len(chosen) != 1:
            raise AnsibleLookupError('task_outputs: give task IDs as terms, or provisioned_product_id, or provisioned_product_name '
                                     '(exactly one of them; got %s)' % (', '.join(chosen) or 'none'))
        try:
            for option, value, limit in (('provisioned_product_id', product_id, MAX_ID_LENGTH), ('provisioned_product_name', product_name, MAX_NAME_LENGTH)):
                if isinstance(value, str):
                    check_text(option, value.strip(), limit)
            with self.client() as client:
                if not terms:
                    what = 'provisioned product %s' % (product_id or 'named %r' % product_name)
                    return [self.guard(lambda: self._product_outputs(client, product_id, product_name), what)]
                return each(client, lambda task_id: self.guard(lambda: self._task_outputs(client, task_id), 'task %s' % task_id), terms)
        except (ConfigError, ServiceCatalogError) as err:
            raise self.lookup_error(err)

    @staticmethod
    def _task_outputs(client, task_id):
        outputs = client.get('GetTask', {'TaskId': task_id}).get('Outputs')
        repeated = repeated_keys(outputs)
        if repeated:
            display.warning('task_outputs: task %s has the output%s %s more than once; the last value is kept' % (
                task_id, 's' if len(repeated) > 1 else '', ', '.join(repeated)))
        return outputs_dict(outputs)

    def _product_outputs(self, client, product_id, product_name):
        if product_id is None:
            params = dict(filter_params([('ProvisionedProductName', product_name)]),
                          AccessLevelFilter=self.get_option('access_level_filter'))
            found = client.list('ListProvisionedProducts', params).items
            if not found:
                raise Missing('no provisioned product is named %r' % product_name)
            if len(found) > 1:
                raise ConfigError('provisioned_product_name: %d provisioned products are named %r (%s); use provisioned_product_id' % (
                    len(found), product_name, ', '.join(p.get('ProvisionedProductId') for p in found)))
            product = found[0]
        else:
            product = client.get('GetProvisionedProduct', {'ProvisionedProductId': product_id})
        task_id = product.get('LastSuccessfulProvisioningTaskId')
        if not task_id:
            raise Missing('provisioned product %s has no successful provisioning task yet (status %s)' % (
                product.get('ProvisionedProductId'), product.get('Status')))
        return self._task_outputs(client, task_id)
