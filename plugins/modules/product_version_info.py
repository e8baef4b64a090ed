#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: product_version_info
short_description: Get the versions of Alibaba Cloud Service Catalog products
version_added: 0.2.0
description:
  - With O(product_version_id), gets one product version with C(GetProductVersion).
  - Otherwise lists every version of the product O(product_id) with C(ListProductVersions) (not paged).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  product_version_id:
    description:
      - The ID of one product version, for example C(pv-bp15e79d26****).
      - Mutually exclusive with O(product_id); one of the two is required.
    type: str
  product_id:
    description:
      - List the versions of this product (C(ProductId)). An unknown product fails with the API's not-found error.
      - Mutually exclusive with O(product_version_id); one of the two is required.
    type: str
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.product_info
  - module: alicloud.servicecatalog.launch_option_info
'''

EXAMPLES = r'''
- name: Every version of a product
  alicloud.servicecatalog.product_version_info:
    product_id: prod-bp18r7q127****
    alicloud_region: cn-hangzhou
  register: versions

- name: The active version the administrator recommends
  ansible.builtin.debug:
    msg: "{{ versions.product_versions | selectattr('active') | selectattr('guidance', 'equalto', 'Recommended') | list }}"

- name: One version
  alicloud.servicecatalog.product_version_info:
    product_version_id: pv-bp15e79d26****
'''

RETURN = r'''
total_count:
  description:
    - Without O(product_version_id), the number of versions of the product (the API gives no total; the length
      of RV(product_versions)). With O(product_version_id), 1.
  returned: always
  type: int
  sample: 3
product_versions:
  description: The product versions, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    product_version_id:
      description: The product version ID.
      type: str
      sample: pv-bp15e79d26****
    product_version_name:
      description: The product version name.
      type: str
      sample: "1.0"
    product_id:
      description: The ID of the product the version belongs to.
      type: str
      sample: prod-bp18r7q127****
    active:
      description: Whether the version is active, so that it can be launched.
      type: bool
      sample: true
    guidance:
      description: The administrator's advice on the version, C(Default), C(Recommended), C(Latest) or C(Deprecated).
      type: str
      sample: Recommended
    template_type:
      description: C(RosTerraformTemplate) or C(RosStandardTemplate), the kind of template of the version.
      type: str
      sample: RosTerraformTemplate
    template_url:
      description: The URL of the version's template file.
      type: str
      sample: oss://servicecatalog-cn-hangzhou/1466115886172051/terraform/template/tpl-bp1x4v3r44u****/template.json
    description:
      description: The version's description.
      type: str
      sample: First release.
    create_time:
      description: When the version was created, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-05-23T09:46:27Z"
api_log:
  description:
    - What the client did besides the plain calls, one line each, in order - retries after throttling,
      an HTTP 5xx answer or a dropped connection, renewed temporary credentials and re-reads of a listing that changed while it was read.
    - Returned only when the play runs with C(-vvv) or more and there is something to report.
  returned: with -vvv, when there were retries or re-reads
  type: list
  elements: str
  sample: ["ListProductVersions: attempt 1 failed with HTTP 503 ServiceUnavailable, retrying in 0.42s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Get, InfoModule, List, Param

INFO = InfoModule(
    'product_versions',
    options=dict(
        product_version_id=dict(type='str'),
        product_id=dict(type='str'),
    ),
    get=Get('GetProductVersion', {'product_version_id': 'ProductVersionId'}),
    listing=List('ListProductVersions', {'product_id': Param('ProductId', required=True)}),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
