# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    # Modules read the environment variables themselves (on the host the module runs on); the
    # variables are named in the descriptions rather than with env: which only plugins support.
    MODULES = r'''
options:
  alicloud_access_key:
    description:
      - The AccessKey ID.
      - When neither this nor O(alicloud_secret_key) is set, the environment variables
        E(ALIBABA_CLOUD_ACCESS_KEY_ID), then E(ALICLOUD_ACCESS_KEY), then E(ALICLOUD_ACCESS_KEY_ID) are read,
        each together with its secret (and token) variable, never mixed with options.
    type: str
    aliases: [access_key, access_key_id]
  alicloud_secret_key:
    description:
      - The AccessKey secret. Never logged or returned.
      - Environment variables, when O(alicloud_access_key) is not set either
        E(ALIBABA_CLOUD_ACCESS_KEY_SECRET), E(ALICLOUD_SECRET_KEY), E(ALICLOUD_SECRET_ACCESS_KEY).
    type: str
    aliases: [secret_key, access_key_secret, secret_access_key]
  alicloud_security_token:
    description:
      - The STS security token, for temporary credentials. Sent as the C(x-acs-security-token) header. Never logged or returned.
      - Environment variables E(ALIBABA_CLOUD_SECURITY_TOKEN), E(ALICLOUD_SECURITY_TOKEN), read with the key from the environment.
    type: str
    aliases: [security_token]
  alicloud_region:
    description:
      - The region ID, for example V(cn-hangzhou). The endpoint is C(servicecatalog.<region>.aliyuncs.com).
      - Environment variables E(ALIBABA_CLOUD_REGION_ID), E(ALICLOUD_REGION), E(ALICLOUD_REGION_ID).
      - Required unless O(endpoint) is set.
    type: str
    aliases: [region, region_id]
  endpoint:
    description:
      - The Service Catalog endpoint to call instead of the regional one. Either C(host), C(host:port)
        (HTTPS is used) or a full C(http://host[:port]) or C(https://host[:port]) URL, without a path.
      - Environment variable E(ALICLOUD_SERVICECATALOG_ENDPOINT).
    type: str
  validate_certs:
    description:
      - Whether to verify the endpoint's TLS certificate. Only set V(false) against a test endpoint.
    type: bool
    default: true
  ca_bundle:
    description:
      - A file of PEM CA certificates to verify the endpoint's certificate with, instead of the system's.
      - E(REQUESTS_CA_BUNDLE) is honoured when this is not set.
    type: path
  retries:
    description:
      - How many times a call is tried again after throttling, an HTTP 5xx answer, a connection
        failure or a read time-out, with exponential backoff and full jitter. Other errors are not retried.
      - V(0) disables retries. At most V(50).
    type: int
    default: 5
  connect_timeout:
    description: Seconds to wait for a connection to the endpoint.
    type: float
    default: 5
  read_timeout:
    description: Seconds to wait for an answer once connected.
    type: float
    default: 10
notes:
  - Credentials are taken from the options, else from the environment variables named above.
  - Proxies from the standard E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables are used.
requirements:
  - python >= 3.9
  - requests
'''

    # Lookup plugins: the same options, also settable from environment variables and variables.
    PLUGINS = r'''
options:
  alicloud_access_key:
    description:
      - The AccessKey ID.
    type: str
    aliases: [access_key, access_key_id]
    env:
      - name: ALIBABA_CLOUD_ACCESS_KEY_ID
      - name: ALICLOUD_ACCESS_KEY
      - name: ALICLOUD_ACCESS_KEY_ID
    vars:
      - name: alicloud_access_key
  alicloud_secret_key:
    description:
      - The AccessKey secret. Never logged or returned.
    type: str
    aliases: [secret_key, access_key_secret, secret_access_key]
    env:
      - name: ALIBABA_CLOUD_ACCESS_KEY_SECRET
      - name: ALICLOUD_SECRET_KEY
      - name: ALICLOUD_SECRET_ACCESS_KEY
    vars:
      - name: alicloud_secret_key
  alicloud_security_token:
    description:
      - The STS security token, for temporary credentials. Never logged or returned.
    type: str
    aliases: [security_token]
    env:
      - name: ALIBABA_CLOUD_SECURITY_TOKEN
      - name: ALICLOUD_SECURITY_TOKEN
    vars:
      - name: alicloud_security_token
  alicloud_region:
    description:
      - The region ID, for example V(cn-hangzhou). Required unless O(endpoint) is set.
    type: str
    aliases: [region, region_id]
    env:
      - name: ALIBABA_CLOUD_REGION_ID
      - name: ALICLOUD_REGION
      - name: ALICLOUD_REGION_ID
    vars:
      - name: alicloud_region
  endpoint:
    description:
      - The Service Catalog endpoint to call instead of the regional one. Either C(host), C(host:port)
        (HTTPS is used) or a full C(http://host[:port]) or C(https://host[:port]) URL, without a path.
    type: str
    env:
      - name: ALICLOUD_SERVICECATALOG_ENDPOINT
    vars:
      - name: alicloud_servicecatalog_endpoint
  validate_certs:
    description:
      - Whether to verify the endpoint's TLS certificate.
    type: bool
    default: true
  ca_bundle:
    description:
      - A file of PEM CA certificates to verify the endpoint's certificate with.
    type: path
  retries:
    description:
      - How many times a call is tried again after throttling, an HTTP 5xx answer, a connection
        failure or a read time-out. V(0) disables retries.
    type: int
    default: 5
  connect_timeout:
    description: Seconds to wait for a connection to the endpoint.
    type: float
    default: 5
  read_timeout:
    description: Seconds to wait for an answer once connected.
    type: float
    default: 10
notes:
  - Proxies from the standard E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables are used.
requirements:
  - python >= 3.9
  - requests
'''
