# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The collection's controller plugins as ansible-core loads them, in the test process: ansible-core's plugin loaders
find them by name because tests/unit/conftest.py imports ``ansible_collections`` through the collection finder."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import warnings

from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import init_plugin_loader, lookup_loader
from ansible.template import Templar


def init_plugins():
    """ansible-core's plugin loaders, as a CLI starts them (the collection finder conftest installed is kept)."""
    with warnings.catch_warnings():
        # init_plugin_loader keeps the finder installed already, and says so
        warnings.simplefilter('ignore', UserWarning)
        init_plugin_loader()


def task_outputs_lookup():
    """The task_outputs lookup as ansible-core's lookup loader gives it (its options read by ansible-core's configuration)."""
    init_plugins()
    loader = DataLoader()
    return lookup_loader.get('alicloud.servicecatalog.task_outputs', loader=loader, templar=Templar(loader=loader))
