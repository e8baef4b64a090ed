#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: tag_option_resource
short_description: Attach an Alibaba Cloud Service Catalog tag option to a portfolio or product, or detach it
version_added: 0.3.0
description:
  - Attaches a tag option to a portfolio or a product (C(AssociateTagOptionWithResource)), so that its key and value are
    offered as a tag when the products are launched, or detaches it (C(DisAssociateTagOptionFromResource)).
  - Idempotent. The portfolios (or products) the tag option is attached to are read, every page of
    C(ListResourcesForTagOption), and matched by ID; present twice or absent twice is C(changed=false).
  - A write whose answer is lost after it may have reached the server (a time-out, an HTTP 5xx answer, a dropped
    connection) is never sent again; the module reads the attachments again and continues from what it finds.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  tag_option_id:
    description:
      - The ID of the tag option, for example C(tag-bp1h5ql4ri****).
      - With O(state=present) it must exist (and be active, for the service to attach it); with O(state=absent) a tag
        option that does not exist is attached to nothing (C(changed=false)).
    type: str
    required: true
  resource_id:
    description:
      - The portfolio (C(port-...)) or product (C(prod-...)) ID. Its prefix says which of the two it is.
    type: str
    required: true
  state:
    description:
      - V(present) attaches the tag option to the portfolio or product; V(absent) detaches it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.tag_option_resource_info
  - module: alicloud.servicecatalog.tag_option
  - module: alicloud.servicecatalog.portfolio
'''

EXAMPLES = r'''
- name: Offer the tag cost-center=cc-2002 on the products of a portfolio (or leave it so)
  alicloud.servicecatalog.tag_option_resource:
    tag_option_id: tag-bp1cost0c20a08
    resource_id: port-bp1438kf2j0a02

- name: And on one product
  alicloud.servicecatalog.tag_option_resource:
    tag_option_id: tag-bp1cost0c20a08
    resource_id: prod-bp1ossbkt2ca004

- name: Detach it from both
  alicloud.servicecatalog.tag_option_resource:
    tag_option_id: tag-bp1cost0c20a08
    resource_id: "{{ item }}"
    state: absent
  loop: [port-bp1438kf2j0a02, prod-bp1ossbkt2ca004]
'''

RETURN = r'''
resource:
  description:
    - The portfolio or product as C(ListResourcesForTagOption) returns it, in snake_case (as
      M(alicloud.servicecatalog.tag_option_resource_info) returns each one); empty once detached and in check mode
      before it is attached.
  returned: always
  type: dict
  sample:
    resource_id: port-bp1438kf2j0a02
    resource_name: Data services
    resource_arn: acs:servicecatalog:cn-hangzhou:146611588617****:portfolio/port-bp1438kf2j0a02
    description: Managed databases, caches and object storage.
    create_time: "2023-09-03T01:00:00Z"
changes:
  description: What changed (or, in check mode, would change).
  returned: always
  type: list
  elements: str
  sample: ["create tag option attachment"]
diff:
  description: Before and after of the attachment (tag option, resource ID and type), also shown with C(--diff).
  returned: always
  type: dict
  contains:
    before:
      description: The attachment as found (empty when the tag option was not attached to the resource).
      type: dict
    after:
      description: The desired attachment (empty for O(state=absent)).
      type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Association, run

# ListResourcesForTagOption's ResourceType (spelt as documented) by the prefix of the resource's ID
RESOURCE_TYPES = (('port-', 'Portfolio'), ('prod-', 'product'))


class TagOptionResource(Association):
    what = 'tag option attachment'
    associate, disassociate = 'AssociateTagOptionWithResource', 'DisAssociateTagOptionFromResource'
    argument_spec = dict(
        tag_option_id=dict(type='str', required=True),
        resource_id=dict(type='str', required=True),
    )

    def find(self):
        self.link = dict(TagOptionId=require_text(self.params, 'tag_option_id'), ResourceId=require_text(self.params, 'resource_id'))
        resource_id = self.link['ResourceId']
        if not any(resource_id.startswith(prefix) for prefix, _kind in RESOURCE_TYPES):
            raise ConfigError('resource_id: a portfolio ID (port-...) or a product ID (prod-...), got %r' % resource_id[:80])
        resources = self.members('ListResourcesForTagOption', dict(TagOptionId=self.link['TagOptionId'], ResourceType=self.resource_type()),
                                 'tag_option_id: there is no tag option %s' % self.link['TagOptionId'])
        found = [item for item in resources or () if item.get('ResourceId') == resource_id]
        return found[0] if found else None

    def resource_type(self):
        return [kind for prefix, kind in RESOURCE_TYPES if self.link['ResourceId'].startswith(prefix)][0]

    def desired(self, current):
        return dict(tag_option_id=self.link['TagOptionId'], resource_id=self.link['ResourceId'], resource_type=self.resource_type())

    def result(self, document):
        return dict(resource=snake_case(document) if document else {})


def main():
    run(TagOptionResource)


if __name__ == '__main__':
    main()
