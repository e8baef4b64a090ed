#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: tag_option_resource_info
short_description: List the Alibaba Cloud Service Catalog products or portfolios a tag option is attached to
version_added: 0.2.0
description:
  - Lists the products, or the portfolios, that one tag option is attached to, with C(ListResourcesForTagOption);
    every page, oldest first, or only one page with O(page_number).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  tag_option_id:
    description: The ID of the tag option, for example C(tag-bp1gcbc2ai****) (C(TagOptionId)).
    type: str
    required: true
  resource_type:
    description:
      - Which resources to list (C(ResourceType)), spelled exactly as the API documents them
        (lower-case V(product), capitalised V(Portfolio)).
    type: str
    required: true
    choices: [product, Portfolio]
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.PAGING
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.tag_option_info
'''

EXAMPLES = r'''
- name: The products a tag option is attached to
  alicloud.servicecatalog.tag_option_resource_info:
    tag_option_id: tag-bp1gcbc2ai****
    resource_type: product
    alicloud_region: cn-hangzhou
  register: result

- name: Their names
  ansible.builtin.debug:
    msg: "{{ result.resources | map(attribute='resource_name') | list }}"

- name: The portfolios, only the first page of 20
  alicloud.servicecatalog.tag_option_resource_info:
    tag_option_id: tag-bp1gcbc2ai****
    resource_type: Portfolio
    page_number: 1
    page_size: 20
'''

RETURN = r'''
total_count:
  description: The number of resources the API reports for the tag option and type (C(TotalCount)).
  returned: always
  type: int
  sample: 3
resources:
  description: The products or portfolios, oldest first, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    resource_id:
      description: The product ID or portfolio ID.
      type: str
      sample: prod-bp18r7q127****
    resource_name:
      description: The product or portfolio name.
      type: str
      sample: DEMO-ECS
    resource_arn:
      description: The ARN of the product or portfolio.
      type: str
      sample: acs:servicecatalog:cn-hangzhou:146611588617****:product/prod-bp18r7q127****
    description:
      description: The product's or portfolio's description.
      type: str
      sample: Creates an ECS instance.
    create_time:
      description: When the product or portfolio was created, UTC, C(YYYY-MM-DDThh:mm:ssZ).
      type: str
      sample: "2022-03-18T06:43:32Z"
api_log:
  description: What the API client retried or re-read, one line each.
  returned: when the play runs with -vvv or more and the client retried a call or read a changing listing again
  type: list
  elements: str
  sample: ["ListResourcesForTagOption: attempt 1 failed with ServiceUnavailable (HTTP 503), retrying in 0.52s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import InfoModule, List, Param

INFO = InfoModule(
    'resources',
    options=dict(
        tag_option_id=dict(type='str'),
        resource_type=dict(type='str', choices=['product', 'Portfolio']),
    ),
    listing=List('ListResourcesForTagOption', {
        'tag_option_id': Param('TagOptionId', required=True),
        'resource_type': Param('ResourceType', required=True),
    }),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
