# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    # sort_by / sort_order (common.SORT_ARGUMENT_SPEC), for a module whose listing sorts (List(..., sort=True)).
    SORT = r'''
options:
  sort_by:
    description:
      - The field to sort the list by (C(SortBy)). The API knows only V(CreateTime).
      - Defaults to V(CreateTime) when O(sort_order) is set.
    type: str
    choices: [CreateTime]
  sort_order:
    description:
      - V(asc) lists the oldest first, V(desc) the newest first (C(SortOrder)).
      - When not set the API's default order applies, newest first.
    type: str
    choices: [asc, desc]
'''

    # page_number / page_size (common.PAGING_ARGUMENT_SPEC), for a module whose listing pages (paging=PAGES).
    PAGING = r'''
options:
  page_number:
    description:
      - Return only this page (from 1) of the list, of O(page_size) items (C(PageNumber)).
      - Without it every page is read (concurrently) and items are de-duplicated by ID.
    type: int
  page_size:
    description:
      - Items per page, from 1 to 100 (C(PageSize)). With O(page_number) the API's default is 10;
        when every page is read the default is 100 (the fewest calls).
    type: int
'''

    # wait_timeout / wait_interval (common.WAIT_ARGUMENT_SPEC); each module documents wait itself.
    WAIT = r'''
options:
  wait_timeout:
    description: Seconds to wait with O(wait) before the module fails.
    type: int
    default: 600
  wait_interval:
    description: Seconds between two polls with O(wait).
    type: float
    default: 5
'''
