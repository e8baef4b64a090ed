# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    # Attributes of every _info module of this collection.
    INFO_MODULE = r'''
options: {}
attributes:
  check_mode:
    support: full
    description: The module only reads; it behaves the same in check mode.
  diff_mode:
    support: N/A
    description: The module never changes anything, so there is no diff.
  action_group:
    support: full
    description: Use C(group/alicloud.servicecatalog.servicecatalog) in C(module_defaults) to set credentials, region and endpoint once for every module.
    membership:
      - alicloud.servicecatalog.servicecatalog
'''

    # Attributes of every resource module (state present / absent) of this collection.
    RESOURCE_MODULE = r'''
options: {}
attributes:
  check_mode:
    support: full
    description: In check mode nothing is written; the module returns what would change (RV(changes), RV(diff)).
  diff_mode:
    support: full
    description: Before and after of what the module manages.
  action_group:
    support: full
    description: Use C(group/alicloud.servicecatalog.servicecatalog) in C(module_defaults) to set credentials, region and endpoint once for every module.
    membership:
      - alicloud.servicecatalog.servicecatalog
'''
