# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    # How long resource modules with asynchronous writes wait (their own wait option says for what).
    WAIT = r'''
options:
  wait_timeout:
    description:
      - How long to wait, in seconds.
    type: int
    default: 600
  wait_interval:
    description:
      - Seconds between two reads while waiting.
    type: float
    default: 5
'''
