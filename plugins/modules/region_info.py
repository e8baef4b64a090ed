#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: region_info
short_description: List the regions where Alibaba Cloud Service Catalog is offered
version_added: 0.2.0
description:
  - Lists the regions of Service Catalog with C(ListRegions), each with its endpoint.
  - The operation takes no parameter and is not paged; the module has only the common options.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options: {}
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.INFO_MODULE
seealso:
  - module: alicloud.servicecatalog.portfolio_info
  - module: alicloud.servicecatalog.product_info
'''

EXAMPLES = r'''
- name: Every Service Catalog region
  alicloud.servicecatalog.region_info:
    alicloud_region: cn-hangzhou
  register: sc_regions

- name: The endpoint of Singapore
  ansible.builtin.debug:
    msg: "{{ sc_regions.regions | selectattr('region_id', 'equalto', 'ap-southeast-1') | map(attribute='region_endpoint') | first }}"
'''

RETURN = r'''
total_count:
  description: The number of regions (the API gives no total; the length of RV(regions)).
  returned: always
  type: int
  sample: 5
regions:
  description: The regions, with the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    region_id:
      description: The region ID.
      type: str
      sample: cn-hangzhou
    local_name:
      description: The name of the region.
      type: str
      sample: China (Hangzhou)
    region_endpoint:
      description: The Service Catalog endpoint of the region.
      type: str
      sample: servicecatalog.cn-hangzhou.aliyuncs.com
api_log:
  description:
    - What the client did besides the plain calls, one line each, in order - retries after throttling,
      an HTTP 5xx answer or a dropped connection, renewed temporary credentials and re-reads of a listing that changed while it was read.
    - Returned only when the play runs with C(-vvv) or more and there is something to report.
  returned: with -vvv, when there were retries or re-reads
  type: list
  elements: str
  sample: ["ListRegions: attempt 1 failed with HTTP 503 ServiceUnavailable, retrying in 0.42s"]
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import InfoModule, List

INFO = InfoModule('regions', {}, listing=List('ListRegions'))


def main():
    INFO.run()


if __name__ == '__main__':
    main()
