#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: tag_option_info
short_description: Get Alibaba Cloud Service Catalog tag options
version_added: 0.2.0
description:
  - With O(tag_option_id), gets one tag option (C(GetTagOption)).
  - Otherwise lists tag options with C(ListTagOptions), filtered by O(key), O(value), O(active) and
    O(full_text_search); every page or only one page with O(page_number).
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  tag_option_id:
    description:
      - The ID of one tag option, for example C(tag-bp1gcbc2ai****) (C(TagOptionId)).
      - Mutually exclusive with every listing option (O(key), O(value), O(active), O(full_text_search),
        O(sort_by), O(sort_order), O(page_number), O(page_size)).
      - An unknown ID fails with the API's not-found error.
    type: str
  key:
    description: List only the tag options with exactly this key, case-sensitive (filter C(Key)).
    type: str
  value:
    description: List only the tag options with exactly this value, case-sensitive (filter C(Value)).
    type: str
  active:
    description:
      - V(true) lists only the active tag options, V(false) only the inactive ones (filter C(Active)).
      - When not set the API's default applies, which lists only the active ones.
    type: bool
  full_text_search:
    description: List only the tag options whose key, value or ID contains this text, fuzzy (filter C(FullTextSearch)).
    type: str
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.listing.SORT
  - alicloud.servicecatalog.listing.PAGING
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.tag_option_resource_info
notes:
  - The filters travel as one C(Filters) parameter of JSON text, as the API asks for C(ListTagOptions).
  - C(ListTagOptions) also has the undocumented C(NextToken) and C(MaxResults) parameters; the module pages
    with the documented C(PageNumber) and C(PageSize) instead.
'''

EXAMPLES = r'''
- name: Get one tag option
  alicloud.servicecatalog.tag_option_info:
    tag_option_id: tag-bp1gcbc2ai****
    alicloud_region: cn-hangzhou
  register: result

- name: Every active tag option with the key env
  alicloud.servicecatalog.tag_option_info:
    key: env
  register: envs

- name: Their values
  ansible.builtin.debug:
    msg: "{{ envs.tag_options | map(attribute='value') | list }}"

- name: The inactive tag option env=staging
  alicloud.servicecatalog.tag_option_info:
    key: env
    value: staging
    active: false

- name: Tag options whose key, value or ID contains "cost", oldest first
  alicloud.servicecatalog.tag_option_info:
    full_text_search: cost
    sort_by: CreateTime
    sort_order: asc

- name: Only the second page of 20
  alicloud.servicecatalog.tag_option_info:
    page_number: 2
    page_size: 20
'''

RETURN = r'''
total_count:
  description:
    - Without O(tag_option_id), the number of tag options the API reports for the filters (C(TotalCount)).
    - With O(tag_option_id), 1.
  returned: always
  type: int
  sample: 13
tag_options:
  description: The tag options, with the API's fields in snake_case; keys and values as they are.
  returned: always
  type: list
  elements: dict
  contains:
    tag_option_id:
      description: The tag option ID.
      type: str
      sample: tag-bp1gcbc2ai****
    key:
      description: The tag key, as defined.
      type: str
      sample: env
    value:
      description: The tag value, as defined.
      type: str
      sample: prod
    active:
      description: Whether the tag option is active.
      type: bool
      sample: true
    owner:
      description: The ID of the Alibaba Cloud account that owns it.
      type: str
      sample: "146611588617****"
api_log:
  description: What the API client retried or re-read, one line each.
  returned: when the play runs with -vvv or more and the client retried a call or read a changing listing again
  type: list
  elements: str
  sample: ["ListTagOptions: TotalCount changed during the listing (13 to 14); reading it again"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import Filter, Get, InfoModule, List

INFO = InfoModule(
    'tag_options',
    options=dict(
        tag_option_id=dict(type='str'),
        key=dict(type='str', no_log=False),
        value=dict(type='str'),
        active=dict(type='bool'),
        full_text_search=dict(type='str'),
    ),
    get=Get('GetTagOption', {'tag_option_id': 'TagOptionId'}),
    listing=List('ListTagOptions', {
        'active': Filter('Active'),
        'full_text_search': Filter('FullTextSearch'),
        'key': Filter('Key'),
        'value': Filter('Value'),
    }, sort=True),
)


def main():
    INFO.run()


if __name__ == '__main__':
    main()
