# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The task_outputs lookup as ansible-core's lookup loader gives it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.alicloud.servicecatalog.tests.unit.ansible_plugins import task_outputs_lookup


@pytest.fixture(scope='module')
def task_outputs():
    return task_outputs_lookup()
