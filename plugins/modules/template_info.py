#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: template_info
short_description: Get the template of an Alibaba Cloud Service Catalog product version
version_added: 0.2.0
description:
  - Gets the template of one version of a product with C(GetTemplate), as the text the API gives
    (RV(template_body)) and parsed (RV(template)) when that text is a JSON or YAML document.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  product_id:
    description: The ID of the product, for example C(prod-bp18r7q127****) (C(ProductId)).
    type: str
    required: true
  product_version_id:
    description:
      - The ID of one version of that product, for example C(pv-bp15e79d26****) (C(ProductVersionId)).
      - An unknown product, or a version of another product, fails with the API's not-found error.
    type: str
    required: true
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.constraint_info
notes:
  - YAML templates are parsed with PyYAML on the host the module runs on, through ansible-core's
    C(ansible.module_utils.common.yaml). Without PyYAML there, a YAML template is returned only as
    RV(template_body), with a warning; JSON templates are always parsed.
  - A template nested deeper than 100 levels, or whose YAML aliases refer to lists or mappings more than
    50 times or expand to more than 100,000 elements (an alias bomb), is returned only as RV(template_body),
    with a warning saying which bound it passed.
'''

EXAMPLES = r'''
- name: Get the template of a product version
  alicloud.servicecatalog.template_info:
    product_id: prod-bp18r7q127****
    product_version_id: pv-bp15e79d26****
    alicloud_region: cn-hangzhou
  register: result

- name: The names of its parameters, as the template defines them
  ansible.builtin.debug:
    msg: "{{ result.template.Parameters | list }}"

- name: Save the text as it is
  ansible.builtin.copy:
    content: "{{ result.template_body }}"
    dest: /tmp/template.txt
    mode: '0644'
'''

RETURN = r'''
total_count:
  description: The number of templates returned, always 1.
  returned: always
  type: int
  sample: 1
template_body:
  description: The template, exactly the text the API gives (C(TemplateBody)), JSON or YAML.
  returned: always
  type: str
  sample: '{"ROSTemplateFormatVersion": "2015-09-01", "Parameters": {"instance_type": {"Type": "String"}}}'
template:
  description:
    - The template parsed from RV(template_body). Keys are kept exactly as the template writes them
      (C(ROSTemplateFormatVersion), C(Parameters), C(Outputs), parameter and output names).
  returned: when RV(template_body) is a JSON or YAML mapping (else a warning says why it is left out)
  type: dict
  sample: {"ROSTemplateFormatVersion": "2015-09-01", "Parameters": {"instance_type": {"Type": "String"}}}
api_log:
  description: What the API client retried, one line each.
  returned: when the play runs with -vvv or more and the client retried a call
  type: list
  elements: str
  sample: ["GetTemplate: attempt 1 failed with ServiceUnavailable (HTTP 503), retrying in 0.52s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.documents import parse_template
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Get, InfoModule, Param
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.module import ServiceCatalogModule


INFO = InfoModule(
    'templates',
    options=dict(product_id=dict(type='str'), product_version_id=dict(type='str')),
    get=Get('GetTemplate', {'product_id': 'ProductId', 'product_version_id': Param('ProductVersionId', required=True)}),
)


def main():
    # InfoModule.run() returns items under one list key; this module returns the one template's keys at the top.
    module = ServiceCatalogModule(argument_spec=INFO.spec, **INFO.rules)
    with module.errors():
        result, warnings = INFO.read(module.params, module.client)
    body = result.pop('templates')[0]['template_body']
    template, why = parse_template(body)
    if why:
        warnings.append('template_body: returned as text only, %s' % why)
    module.warnings.extend(warnings)
    module.exit_json(template_body=body, **dict(result, **({'template': template} if why is None else {})))


if __name__ == '__main__':
    main()
