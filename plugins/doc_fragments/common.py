# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment:

    # The connection and credential options of every module, lookup and inventory plugin, described once.
    # Modules read the environment variables themselves (on the host the module runs on); the
    # variables are named in the descriptions, and plugins add env: entries with PLUGINS below.
    DOCUMENTATION = r'''
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
  profile:
    description:
      - The name of a profile in the aliyun CLI configuration file (C(~/.aliyun/config.json), or
        O(shared_credentials_file)) or, when that file has no such profile, a section of the
        C(~/.alibabacloud/credentials) ini file (path from E(ALIBABA_CLOUD_CREDENTIALS_FILE)).
      - Profile modes C(AK), C(StsToken), C(RamRoleArn) (the profile's key assumes C(ram_role_arn)),
        C(EcsRamRole) (credentials of C(ram_role_name) from the instance metadata service), C(OIDC)
        (C(ram_role_arn), C(oidc_provider_arn), C(oidc_token_file)), C(ChainableRamRoleArn) (the credentials of
        the profile named by C(source_profile) assume C(ram_role_arn)) and C(CredentialsURI) (C(credentials_uri))
        are supported; in the ini file the types C(access_key), C(sts), C(ram_role_arn), C(ecs_ram_role),
        C(oidc_role_arn) and C(credentials_uri).
      - Environment variables E(ALIBABA_CLOUD_PROFILE), E(ALICLOUD_PROFILE).
      - Without a name, the configuration file's C(current) profile (else the ini file's C(default) section)
        is used when the file exists and no key was given by options or environment variables.
      - Given as an option, the profile is used ahead of keys in the environment (as AWX injects them); with the key
        options, O(ecs_role_name), O(credentials_uri) or the OIDC options as well it is an error naming both sources.
        From its environment variables, keys in the options or the environment win over it; see the precedence table
        in the user guide.
    type: str
    aliases: [alicloud_profile]
  shared_credentials_file:
    description:
      - The aliyun CLI configuration file to read profiles from, instead of C(~/.aliyun/config.json).
      - Environment variable E(ALICLOUD_SHARED_CREDENTIALS_FILE).
    type: path
  alicloud_assume_role_arn:
    description:
      - The ARN of a RAM role to assume, C(acs:ram::<account-id>:role/<role-name>). The credentials found
        (options, environment, profile or ECS role) call STS C(AssumeRole) and the temporary key and token
        it returns are used, renewed before they expire.
      - Environment variable E(ALICLOUD_ASSUME_ROLE_ARN).
    type: str
    aliases: [assume_role_arn]
  alicloud_assume_role_session_name:
    description:
      - The role session name, 2 to 64 characters of letters, digits and C(.@_-); it appears in ActionTrail.
      - Environment variable E(ALICLOUD_ASSUME_ROLE_SESSION_NAME). Default C(ansible-servicecatalog).
    type: str
    aliases: [assume_role_session_name]
  alicloud_assume_role_session_expiration:
    description:
      - How long the assumed role's credentials last, in seconds, from V(900) to V(43200) (and at most the
        role's maximum session duration).
      - Environment variable E(ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION). Default V(3600).
    type: int
    aliases: [assume_role_session_expiration]
  alicloud_assume_role_policy:
    description:
      - A RAM policy (JSON text, or a dict) further limiting what the assumed role may do in this session.
      - Environment variable E(ALICLOUD_ASSUME_ROLE_POLICY).
    type: json
    aliases: [assume_role_policy]
  alicloud_assume_role_external_id:
    description:
      - The external ID the role's trust policy asks for, if any.
      - Environment variable E(ALICLOUD_ASSUME_ROLE_EXTERNAL_ID).
    type: str
    aliases: [assume_role_external_id]
  ecs_role_name:
    description:
      - The RAM role attached to the ECS instance this runs on; its temporary credentials are read from the
        instance metadata service (IMDSv2, with a session token) and renewed before they expire.
      - Environment variables E(ALICLOUD_ECS_ROLE_NAME), E(ALIBABA_CLOUD_ECS_METADATA).
      - Given as an option, the role is used ahead of keys in the environment and of any profile (with options of another
        source it is an error naming both). From its environment variables, only when no key, OIDC role, profile or
        configuration file gives credentials. The metadata service is never asked without a role name.
    type: str
    aliases: [role_name]
  oidc_role_arn:
    description:
      - The RAM role to assume with an OIDC token (RRSA on ACK, Kubernetes service account tokens),
        C(acs:ram::<account-id>:role/<role-name>). STS C(AssumeRoleWithOIDC) exchanges the token of
        O(oidc_token_file) for temporary credentials, renewed before they expire; no key is needed.
      - Needs O(oidc_provider_arn) and O(oidc_token_file) too; each of the three falls back to its environment
        variable, E(ALIBABA_CLOUD_ROLE_ARN), E(ALIBABA_CLOUD_OIDC_PROVIDER_ARN), E(ALIBABA_CLOUD_OIDC_TOKEN_FILE),
        which ACK sets in a pod with RRSA enabled. The session name comes from E(ALIBABA_CLOUD_ROLE_SESSION_NAME)
        (default C(ansible-servicecatalog)).
      - Given as options, the OIDC role is used ahead of keys in the environment (with options of another source it is an
        error naming both); from the environment, when no key is given; it wins over profiles and the ECS role.
      - To assume a role with other credentials, use O(alicloud_assume_role_arn) instead.
    type: str
    aliases: [role_arn]
  oidc_provider_arn:
    description:
      - The ARN of the OIDC identity provider the role trusts, C(acs:ram::<account-id>:oidc-provider/<name>).
      - Environment variable E(ALIBABA_CLOUD_OIDC_PROVIDER_ARN).
    type: str
  oidc_token_file:
    description:
      - The file holding the OIDC token (in a pod, the projected service account token). It is read again at
        every renewal, as Kubernetes rotates it. The token is a secret and never appears in any output.
      - Environment variable E(ALIBABA_CLOUD_OIDC_TOKEN_FILE).
    type: path
  credentials_uri:
    description:
      - An HTTP(S) URL that answers temporary credentials as JSON (C(Code) V(Success), C(AccessKeyId),
        C(AccessKeySecret), C(SecurityToken), C(Expiration)), as a CI system or a sidecar serves them; asked
        again before they expire. Its query string may hold a token, so it is never shown.
      - Environment variable E(ALIBABA_CLOUD_CREDENTIALS_URI).
      - Given as an option, used ahead of keys in the environment and of any profile (with options of another source it is
        an error naming both); from its environment variable, the last source of the chain.
    type: str
  sts_endpoint:
    description:
      - The STS endpoint for O(alicloud_assume_role_arn), the OIDC role and role profiles (C(AssumeRole) and
        C(AssumeRoleWithOIDC)), C(host[:port]) or a C(http(s)://) URL.
      - Environment variable E(ALICLOUD_STS_ENDPOINT).
      - Default, as the official SDK chooses it, C(sts.<region>.aliyuncs.com) with the profile's C(sts_region) or
        E(ALIBABA_CLOUD_STS_REGION), C(sts-vpc.<region>.aliyuncs.com) when the profile's C(enable_vpc) or
        E(ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED) is V(true), else C(sts.aliyuncs.com).
    type: str
  ecs_metadata_url:
    description:
      - The base URL of the ECS instance metadata service, for tests. Default C(http://100.100.100.200).
        Proxies are never used for it.
      - Environment variable E(ALICLOUD_ECS_METADATA_URL).
    type: str
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
      - The same count applies to the credential peers (STS, the ECS metadata service, a credentials URI), and
        O(connect_timeout) / O(read_timeout) reach them too.
      - A write (launch, update, terminate, plans) is tried again only when it cannot have reached the server
        (connection refused, throttling); after a read time-out, a 5xx answer or a dropped connection the module
        reads the state again instead of sending the write twice.
      - V(0) disables retries. At most V(50).
    type: int
    default: 5
  concurrency:
    description:
      - How many API requests may be under way at once over the one connection pool, for the pages of a
        listing and for several IDs asked for at once. V(1) reads one request after another. At most V(64).
      - When the service throttles, the rest of the run uses half as many (down to one) instead of retrying at full width.
    type: int
    default: 8
  connect_timeout:
    description: Seconds to wait for a connection to the endpoint.
    type: float
    default: 5
  read_timeout:
    description: Seconds to wait for an answer once connected.
    type: float
    default: 10
notes:
  - Credentials come from the first of, in this order, the key options, the key environment variables,
    an OIDC role (O(oidc_role_arn)), a profile (O(profile) or the configuration file's current profile), the ECS
    instance's RAM role (O(ecs_role_name)) and a credentials URI (O(credentials_uri)); O(alicloud_assume_role_arn)
    then assumes a role with them. A source named by the task's options (O(profile), O(ecs_role_name),
    O(credentials_uri), O(oidc_role_arn), the key options) is used ahead of the environment and the rest of the
    chain; options of two sources at once are an error. The user guide has the whole table.
  - Proxies from the standard E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables are used.
requirements:
  - python >= 3.9
  - requests
'''

    # What only plugins have, added to DOCUMENTATION: the env: and vars: entries Ansible's configuration
    # reads each option from, and the type Ansible's configuration knows for a JSON policy (raw; json is a
    # module type). Lookup and inventory plugins extend alicloud.servicecatalog.common.plugins first, then
    # alicloud.servicecatalog.common: Ansible merges the keys of each option (merge_fragment in
    # ansible.utils.plugin_docs), and where both give one, the fragment listed first wins.
    PLUGINS = r'''
options:
  alicloud_access_key:
    env:
      - name: ALIBABA_CLOUD_ACCESS_KEY_ID
      - name: ALICLOUD_ACCESS_KEY
      - name: ALICLOUD_ACCESS_KEY_ID
    vars:
      - name: alicloud_access_key
  alicloud_secret_key:
    env:
      - name: ALIBABA_CLOUD_ACCESS_KEY_SECRET
      - name: ALICLOUD_SECRET_KEY
      - name: ALICLOUD_SECRET_ACCESS_KEY
    vars:
      - name: alicloud_secret_key
  alicloud_security_token:
    env:
      - name: ALIBABA_CLOUD_SECURITY_TOKEN
      - name: ALICLOUD_SECURITY_TOKEN
    vars:
      - name: alicloud_security_token
  alicloud_region:
    env:
      - name: ALIBABA_CLOUD_REGION_ID
      - name: ALICLOUD_REGION
      - name: ALICLOUD_REGION_ID
    vars:
      - name: alicloud_region
  profile:
    env:
      - name: ALIBABA_CLOUD_PROFILE
      - name: ALICLOUD_PROFILE
    vars:
      - name: alicloud_profile
  shared_credentials_file:
    env:
      - name: ALICLOUD_SHARED_CREDENTIALS_FILE
  alicloud_assume_role_arn:
    env:
      - name: ALICLOUD_ASSUME_ROLE_ARN
    vars:
      - name: alicloud_assume_role_arn
  alicloud_assume_role_session_name:
    env:
      - name: ALICLOUD_ASSUME_ROLE_SESSION_NAME
  alicloud_assume_role_session_expiration:
    env:
      - name: ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION
  alicloud_assume_role_policy:
    type: raw
    env:
      - name: ALICLOUD_ASSUME_ROLE_POLICY
  alicloud_assume_role_external_id:
    env:
      - name: ALICLOUD_ASSUME_ROLE_EXTERNAL_ID
  ecs_role_name:
    env:
      - name: ALICLOUD_ECS_ROLE_NAME
      - name: ALIBABA_CLOUD_ECS_METADATA
  oidc_role_arn:
    env:
      - name: ALIBABA_CLOUD_ROLE_ARN
    vars:
      - name: alicloud_oidc_role_arn
  oidc_provider_arn:
    env:
      - name: ALIBABA_CLOUD_OIDC_PROVIDER_ARN
    vars:
      - name: alicloud_oidc_provider_arn
  oidc_token_file:
    env:
      - name: ALIBABA_CLOUD_OIDC_TOKEN_FILE
    vars:
      - name: alicloud_oidc_token_file
  credentials_uri:
    env:
      - name: ALIBABA_CLOUD_CREDENTIALS_URI
    vars:
      - name: alicloud_credentials_uri
  sts_endpoint:
    env:
      - name: ALICLOUD_STS_ENDPOINT
  ecs_metadata_url:
    env:
      - name: ALICLOUD_ECS_METADATA_URL
  endpoint:
    env:
      - name: ALICLOUD_SERVICECATALOG_ENDPOINT
    vars:
      - name: alicloud_servicecatalog_endpoint
  concurrency:
    env:
      - name: ALICLOUD_SERVICECATALOG_CONCURRENCY
    vars:
      - name: alicloud_servicecatalog_concurrency
'''
