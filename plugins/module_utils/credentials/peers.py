# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The peers the sources fetch credentials from, imported when a source first needs one.

An ad hoc module run with keys from the options or the environment loads no STS, metadata or
credentials URI code. Each peer function is called from one place:

- ``sts().assume_role``: assume_role.py (the assume-role layer, RamRoleArn profiles);
- ``sts().assume_role_with_oidc``: oidc.py (the OIDC source, OIDC profiles);
- ``metadata().role_credentials``: ecs_role.py;
- ``uri().uri_credentials`` and ``uri().check_uri``: uri.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


def sts():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _sts
    return _sts


def metadata():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _metadata
    return _metadata


def uri():
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import _uri
    return _uri
