#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: tag_option
short_description: Create, update and delete Alibaba Cloud Service Catalog tag options
version_added: 0.3.0
description:
  - Creates a tag option (C(CreateTagOption)), an administrator-defined key and value offered as a tag when products are
    launched; changes its value or whether it is active (C(UpdateTagOption)); or deletes it (C(DeleteTagOption)).
  - Idempotent. The tag option is found by its exact O(key) and O(value), its natural key, or by O(tag_option_id).
    C(ListTagOptions) shows only active tag options unless asked for inactive ones, so the module asks for both.
    Several tag options with that key and value fail, listing their IDs.
  - A write whose answer is lost after it may have reached the server (a time-out, an HTTP 5xx answer, a dropped
    connection) is never sent again; the module reads the tag options again and continues from what it finds.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  key:
    description:
      - The tag key (at most 128 characters). With O(value), the natural key of the tag option. Required to create one.
      - A tag option's key cannot change; with O(tag_option_id), a different key fails naming this option.
    type: str
  value:
    description:
      - The tag value (at most 128 characters). Required with O(key) when O(tag_option_id) is not given.
      - With O(tag_option_id), the value the tag option should have (a different value is changed in place; the tag
        option then has another natural key).
    type: str
  active:
    description:
      - Whether the tag option is active (can be used). A new tag option is active unless V(false) is given.
      - Not given, an update keeps it.
    type: bool
  tag_option_id:
    description:
      - The ID of an existing tag option, for example C(tag-bp1h5ql4ri****), used instead of the key and value to find it.
      - With O(state=present) the tag option must exist.
    type: str
  state:
    description:
      - V(present) creates the tag option or updates its value and active flag.
      - V(absent) deletes it. A tag option that does not exist is not an error. One still attached to portfolios or
        products cannot be deleted; the module then fails with the service's error and lists them, to detach first
        with M(alicloud.servicecatalog.tag_option_resource) (O(state=absent)).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.tag_option_info
  - module: alicloud.servicecatalog.tag_option_resource
'''

EXAMPLES = r'''
- name: Offer the tag owner=web-team (or leave it as it is)
  alicloud.servicecatalog.tag_option:
    key: owner
    value: web-team
  register: owner

- name: Deactivate it (found although inactive tag options are not listed by default)
  alicloud.servicecatalog.tag_option:
    key: owner
    value: web-team
    active: false

- name: Change the value of a tag option by its ID
  alicloud.servicecatalog.tag_option:
    tag_option_id: tag-bp1env0stg00a04
    value: stage

- name: And back
  alicloud.servicecatalog.tag_option:
    tag_option_id: tag-bp1env0stg00a04
    key: env
    value: staging

- name: Delete the tag option
  alicloud.servicecatalog.tag_option:
    key: owner
    value: web-team
    state: absent
'''

RETURN = r'''
tag_option:
  description:
    - The tag option as C(GetTagOption) returns it, in snake_case (as M(alicloud.servicecatalog.tag_option_info) returns
      each one); empty once deleted and in check mode before a create.
  returned: always
  type: dict
  sample:
    tag_option_id: tag-bp1wr000000001
    key: owner
    value: web-team
    active: true
    owner: "146611588617****"
changes:
  description: "What changed (or, in check mode, would change), one line each, for example C(active: True -> False)."
  returned: always
  type: list
  elements: str
  sample: ["create tag option"]
diff:
  description: Before and after of the key, value and active flag (also shown with C(--diff)).
  returned: always
  type: dict
  contains:
    before:
      description: The tag option as found (empty for a create).
      type: dict
    after:
      description: The desired tag option (empty for a delete).
      type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

import json

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import MAX_NAME_LENGTH, check_text, require_text, snake_case, some
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Resource, run

GET = 'GetTagOption'
RESOURCE_TYPES = ('Portfolio', 'product')  # ListResourcesForTagOption's ResourceType, spelt as documented


class TagOption(Resource):
    what = 'tag option'
    argument_spec = dict(
        key=dict(type='str', no_log=False),
        value=dict(type='str'),
        active=dict(type='bool'),
        tag_option_id=dict(type='str'),
    )
    rules = dict(required_one_of=[('key', 'tag_option_id')])

    def __init__(self, module):
        super(TagOption, self).__init__(module)
        self.opts = {}  # the options checked (find() checks them, inside the module's error handling)

    def find(self):
        self.opts = dict((name, require_text(self.params, name)) for name in ('key', 'value', 'tag_option_id'))
        for name in ('key', 'value'):
            if self.opts[name] is not None:
                check_text(name, self.opts[name], MAX_NAME_LENGTH)
        key, tag_option_id = self.opts['key'], self.opts['tag_option_id']
        if tag_option_id:
            current = self.by_id(GET, 'TagOptionId', tag_option_id)
            if current is None and self.params['state'] == 'present':
                raise ConfigError('tag_option_id: there is no tag option %s; give key and value (without the ID) to create one' % tag_option_id)
            if current is not None and key is not None and current.get('Key') != key:
                raise ConfigError("key: a tag option's key cannot change: %s has the key %r, not %r (create another tag option)" % (
                    tag_option_id, current.get('Key'), key))
            return current
        if self.opts['value'] is None:
            raise ConfigError('value: required with key to find a tag option (or give tag_option_id)')
        return self.by_key(key, self.opts['value'])

    def by_key(self, key, value):
        """The one tag option with exactly this key and value, active or not, or None; several: ConfigError listing them."""
        found = {}
        for active in (True, False):  # ListTagOptions shows active ones only unless asked for the others
            filters = json.dumps({'Active': active, 'Key': key, 'Value': value}, separators=(',', ':'), ensure_ascii=False)
            for item in self.client.list('ListTagOptions', {'Filters': filters}).items:
                if item.get('Key') == key and item.get('Value') == value:
                    found[item.get('TagOptionId')] = item
        if len(found) > 1:
            raise ConfigError('key: %d tag options are %s=%s (%s); give the tag_option_id of one instead' % (
                len(found), key, value, ', '.join(sorted(str(tid) for tid in found))))
        return list(found.values())[0] if found else None

    def view(self, document):
        return dict(key=document.get('Key'), value=document.get('Value'), active=document.get('Active'))

    def desired(self, current):
        value, active = self.opts['value'], self.params['active']
        if current is None:
            if self.opts['key'] is None or value is None:
                raise ConfigError('%s: required to create a tag option' % ('key' if self.opts['key'] is None else 'value'))
            return dict(key=self.opts['key'], value=value, active=True if active is None else active)
        desired = self.view(current)
        if value is not None:
            desired['value'] = value
        if active is not None:
            desired['active'] = active
        return desired

    def create(self, desired):
        answer, found = self.write('CreateTagOption', dict(Key=desired['key'], Value=desired['value']),
                                   recover=lambda: self.by_key(desired['key'], desired['value']))
        created = found or answer['TagOptionDetail']
        if created.get('Active') != desired['active']:  # created active: deactivated next
            return self.update(created, desired, [])
        return self.by_id(GET, 'TagOptionId', created['TagOptionId'])

    def update(self, current, desired, changes):
        tag_option_id = current['TagOptionId']

        def recover():
            now = self.by_id(GET, 'TagOptionId', tag_option_id)
            return now if now is not None and self.view(now) == desired else None

        before = self.view(current)
        self.write('UpdateTagOption', dict(
            TagOptionId=tag_option_id, Value=desired['value'] if desired['value'] != before['value'] else None,
            Active=desired['active'] if desired['active'] != before['active'] else None), recover=recover)
        return self.by_id(GET, 'TagOptionId', tag_option_id)

    def delete(self, current):
        tag_option_id = current['TagOptionId']
        return self.remove('DeleteTagOption', {'TagOptionId': tag_option_id}, gone=lambda: self.by_id(GET, 'TagOptionId', tag_option_id) is None,
                           refused=lambda: self.still_attached(tag_option_id))

    def still_attached(self, tag_option_id):
        """The portfolios and products the tag option is attached to (read again), to detach first; None when none."""
        attached = [item.get('ResourceId') for kind in RESOURCE_TYPES for item in self.client.list(
            'ListResourcesForTagOption', {'TagOptionId': tag_option_id, 'ResourceType': kind}).items]
        if not attached:
            return None
        return 'detach tag option %s first from %s (alicloud.servicecatalog.tag_option_resource, state: absent)' % (
            tag_option_id, some(sorted(attached)))

    def result(self, document):
        return dict(tag_option=snake_case(document) if document else {})


def main():
    run(TagOption)


if __name__ == '__main__':
    main()
