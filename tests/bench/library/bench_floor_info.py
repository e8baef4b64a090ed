# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Ansible floor of `make bench` (tests/bench/bench.py), not part of the collection.

It returns what ``alicloud.servicecatalog.provisioned_product_info`` returns for a listing
(``changed``, ``total_count``, ``provisioned_products`` in snake_case), loaded from a JSON file
written beforehand, with no API call: Ansible's own cost of running a module that returns that
much data. Passed to ``ansible`` with ``-M tests/bench/library``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec=dict(
            data=dict(type='path', required=True),
            access_level_filter=dict(type='str', choices=['User', 'Account']),
        ),
        supports_check_mode=True,
    )
    with open(module.params['data'], encoding='utf-8') as handle:
        doc = json.load(handle)
    module.exit_json(changed=False, total_count=doc['total_count'], provisioned_products=doc['provisioned_products'])


if __name__ == '__main__':
    main()
