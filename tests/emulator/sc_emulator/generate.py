"""Deterministic synthetic data (--generate N): documents are computed from their index when asked for.

IDs encode the index through an invertible affine map, so an ID decodes back to the item without a
lookup table; only small per-item rows (sort key, owner, name, search text) are kept by the store.
The same N always gives the same IDs and documents.
"""
from __future__ import annotations

import ipaddress
from math import gcd

from .templates import ros_template
from .model import (DEFAULT_ACCOUNT_UID, DEFAULT_PRINCIPALS, PLAN_STATUSES, PREVIEWED_STATUSES, REGION_ID, InstanceState,
                    derive_instance_state, epoch, iso, stable_uuid)

_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'
_WIDTH = 11
_MOD = 36 ** _WIDTH
_MULT = 0x2545F4914F6CDD1D % _MOD
_INV = pow(_MULT, -1, _MOD)
_SALT_INSTANCE = 0x1F2E3D4C5B6A
_SALT_TASK = 0x0A1B2C3D4E5F
_SALT_PLAN = 0x05F4E3D2C1B0
_TASKS_PER_INSTANCE = 8
BASE_TIME = epoch('2023-01-01T00:00:00Z')
DAY = 86400

assert gcd(_MULT, _MOD) == 1

_PRINCIPALS = {p.name: p for p in DEFAULT_PRINCIPALS}
# Owner of instance i: _OWNERS[_mix(i) % 10] (demo-user owns 40 %).
_OWNERS = tuple(_PRINCIPALS[name] for name in ('demo-user', 'alice', 'demo-user', 'bob', 'sc-ops-role', 'demo-user', 'alice',
                                               'sc-ops-role', 'demo-user', 'alice'))
_APPROVER_SETS = (
    ({'PrincipalType': 'RamUser', 'PrincipalName': 'demo-user'},),
    ({'PrincipalType': 'RamUser', 'PrincipalName': 'bob'}, {'PrincipalType': 'RamRole', 'PrincipalName': 'sc-approver-role'}),
    ({'PrincipalType': 'RamUser', 'PrincipalName': 'bob'}, {'PrincipalType': 'RamUser', 'PrincipalName': 'demo-user'}),
)
_ENVS = ('dev', 'test', 'staging', 'prod')
_TERRAFORM_VERSION = {'Command': 'version', 'Stream': 'stdout', 'Content': 'Terraform v1.5.7\non linux_amd64'}

# (TaskType, Status, version index); every instance gets the first three and a variant fourth one.
_BASE_TASKS = (('LaunchProduct', 'Succeeded', 0), ('UpdateProvisionedProduct', 'Failed', 2), ('UpdateProvisionedProduct', 'Succeeded', 1))
_LAST_TASK = (None, ('UpdateProvisionedProduct', 'InProgress', 2), ('TerminateProvisionedProduct', 'Failed', 1),
              ('TerminateProvisionedProduct', 'InProgress', 1), ('UpdateProvisionedProduct', 'Succeeded', 2))


def _mix(n: int) -> int:
    """splitmix64: a well-spread deterministic 64-bit hash of an integer."""
    z = (n + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return z ^ (z >> 31)


def _b36(n: int, width: int) -> str:
    chars = []
    for _digit in range(width):
        n, rem = divmod(n, 36)
        chars.append(_ALPHABET[rem])
    return ''.join(reversed(chars))


def _encode(n: int, salt: int) -> str:
    return 'bp1' + _b36((n * _MULT + salt) % _MOD, _WIDTH)


def _decode(text: str, salt: int) -> int | None:
    if len(text) != _WIDTH + 3 or not text.startswith('bp1') or any(c not in _ALPHABET for c in text[3:]):
        return None
    return ((int(text[3:], 36) - salt) * _INV) % _MOD


class _Kind:
    """One product of the generated catalog and how its instances look."""

    def __init__(self, code, stem, product_id, name, portfolio_id, versions, resources, description):
        self.code = code
        self.stem = stem
        self.product_id = product_id
        self.name = name
        self.portfolio_id = portfolio_id
        self.versions = versions  # ((ProductVersionId, ProductVersionName), ...) oldest first
        self.resources = resources  # ((LogicalResourceId, ResourceType), ...)
        self.description = description


_KINDS = (
    _Kind('ecs', 'ecs-web', 'prod-bp18r7q127g001', 'DEMO-ECS instance', 'port-bp1yt7582gg001',
          (('pv-bp15e79d26g001', '1.0'), ('pv-bp15e79d26g002', '1.1'), ('pv-bp15e79d26g003', '2.0')),
          (('alicloud_instance.web', 'ALIYUN::ECS::Instance'), ('alicloud_security_group.web', 'ALIYUN::ECS::SecurityGroup'),
           ('alicloud_eip_address.web', 'ALIYUN::VPC::EIP')), 'An ECS instance with a security group and an elastic IP.'),
    _Kind('rds', 'rds-mysql', 'prod-bp1rtrnh2cg002', 'RDS MySQL database', 'port-bp1438kf2jg002',
          (('pv-bp19udk22vg004', '1.0'), ('pv-bp19udk22vg005', '1.1'), ('pv-bp19udk22vg006', '2.0')),
          (('alicloud_db_instance.main', 'ALIYUN::RDS::DBInstance'), ('alicloud_db_database.app', 'ALIYUN::RDS::Database'),
           ('alicloud_db_account.app', 'ALIYUN::RDS::Account')), 'A MySQL instance with an application database and account.'),
    _Kind('vpc', 'vpc-net', 'prod-bp1vpcnet2cg003', 'VPC network', 'port-bp1yt7582gg001',
          (('pv-bp1vpc0001g007', '1.0'), ('pv-bp1vpc0001g008', '1.2'), ('pv-bp1vpc0001g009', '2.0')),
          (('alicloud_vpc.main', 'ALIYUN::ECS::VPC'), ('alicloud_vswitch.a', 'ALIYUN::ECS::VSwitch'),
           ('alicloud_vswitch.b', 'ALIYUN::ECS::VSwitch')), 'A VPC with two vSwitches in different zones.'),
    _Kind('oss', 'oss-bucket', 'prod-bp1ossbkt2cg004', 'OSS bucket', 'port-bp1438kf2jg002',
          (('pv-bp1oss0001g010', '1.0'), ('pv-bp1oss0001g011', '1.1'), ('pv-bp1oss0001g012', '2.0')),
          (('alicloud_oss_bucket.main', 'ALIYUN::OSS::Bucket'), ('alicloud_oss_bucket_policy.main', 'ALIYUN::OSS::BucketPolicy')),
          'An OSS bucket with versioning and a bucket policy.'),
)


_SANDBOX_PORTFOLIO = 'port-bp1sandbxg003'
_SHARED_PORTFOLIO = 'port-bp1sharedg004'
_TAG_KEYS = ('env', 'team', 'cost-center', 'data-class')


def _generated_portfolios(tag_ids: list[str]) -> list[dict]:
    users = [{'PrincipalType': 'RamUser', 'PrincipalId': p.principal_id} for p in DEFAULT_PRINCIPALS if p.type == 'RamUser']
    ops = [{'PrincipalType': 'RamRole', 'PrincipalId': _PRINCIPALS['sc-ops-role'].principal_id}]
    specs = (('port-bp1yt7582gg001', 'Compute and network', 'Platform Engineering', users + ops, False),
             ('port-bp1438kf2jg002', 'Data services', 'Data Platform', users[:2] + ops, False),
             (_SANDBOX_PORTFOLIO, 'Sandbox', 'Sandbox team', [{'PrincipalType': 'RamUser', 'PrincipalPattern': '*'}], False),
             (_SHARED_PORTFOLIO, 'Shared network baseline', 'Landing zone (account 1466115886170009)', users[:1], True))
    return [{'PortfolioId': pid, 'PortfolioName': name, 'ProviderName': provider, 'Description': f'{name} products.',
             'CreateTime': iso(BASE_TIME - (60 - n) * DAY), 'Principals': principals, '_Imported': imported, 'TagOptionIds': tag_ids[n:n + 1]}
            for n, (pid, name, provider, principals, imported) in enumerate(specs)]


def _generated_constraints() -> list[dict]:
    ecs, rds, vpc = _KINDS[0], _KINDS[1], _KINDS[2]
    return [
        {'ConstraintId': 'cons-bp1gx0000001', 'ConstraintType': 'Launch', 'PortfolioId': ecs.portfolio_id, 'ProductId': ecs.product_id,
         'Description': 'Launch as ServiceCatalogLaunchRole.', 'CreateTime': iso(BASE_TIME - 20 * DAY)},
        {'ConstraintId': 'cons-bp1gx0000002', 'ConstraintType': 'Template', 'PortfolioId': ecs.portfolio_id, 'ProductId': ecs.product_id,
         'Description': 'Only g7 instance types.', 'CreateTime': iso(BASE_TIME - 19 * DAY),
         'Config': {'Rules': {'InstanceTypes': {'Assertions': [
             {'Assert': {'Fn::Contains': [['ecs.g7.large', 'ecs.g7.xlarge'], {'Ref': 'instance_type'}]}}]}}}},
        {'ConstraintId': 'cons-bp1gx0000003', 'ConstraintType': 'Approval', 'PortfolioId': rds.portfolio_id, 'ProductId': rds.product_id,
         'Description': 'Changes need an approval.', 'OperationTypes': ['LaunchProduct', 'UpdateProvisionedProduct'],
         'CreateTime': iso(BASE_TIME - 18 * DAY)},
        {'ConstraintId': 'cons-bp1gx0000004', 'ConstraintType': 'StackRegion', 'PortfolioId': _SHARED_PORTFOLIO, 'ProductId': vpc.product_id,
         'Description': 'China regions only.', 'StackRegions': ['cn-hangzhou', 'cn-shanghai'], 'CreateTime': iso(BASE_TIME - 17 * DAY)},
    ]


def _generated_tag_option(k: int, tag_id: str) -> dict:
    key = _TAG_KEYS[k % len(_TAG_KEYS)]
    return {'TagOptionId': tag_id, 'Key': key, 'Value': f'{key}-{k:03d}', 'Active': k % 5 != 4, 'Owner': DEFAULT_ACCOUNT_UID,
            'CreateTime': iso(BASE_TIME - DAY + k * 60)}


class Generator:
    """N synthetic provisioned products, each with 3 or 4 tasks and one plan; everything computed from the index."""

    def __init__(self, count: int):
        if count < 0:
            raise ValueError('--generate needs a count >= 0')
        self.count = count

    # -- IDs ---------------------------------------------------------------------------------------------------------

    @staticmethod
    def instance_id(i: int) -> str:
        return 'pp-' + _encode(i, _SALT_INSTANCE)

    @staticmethod
    def task_id(i: int, j: int) -> str:
        return 'task-' + _encode(i * _TASKS_PER_INSTANCE + j, _SALT_TASK)

    @staticmethod
    def plan_id(i: int) -> str:
        return 'plan-' + _encode(i, _SALT_PLAN)

    def instance_index(self, pp_id: str) -> int | None:
        """Index of a generated instance ID, None if the ID is not one."""
        i = _decode(pp_id[3:], _SALT_INSTANCE) if pp_id.startswith('pp-') else None
        return i if i is not None and i < self.count else None

    def task_index(self, task_id: str) -> tuple[int, int] | None:
        n = _decode(task_id[5:], _SALT_TASK) if task_id.startswith('task-') else None
        if n is None:
            return None
        i, j = divmod(n, _TASKS_PER_INSTANCE)
        return (i, j) if i < self.count and j < len(self._task_specs(i)) else None

    def plan_index(self, plan_id: str) -> int | None:
        i = _decode(plan_id[5:], _SALT_PLAN) if plan_id.startswith('plan-') else None
        return i if i is not None and i < self.count else None

    # -- compact facts -----------------------------------------------------------------------------------------------

    @staticmethod
    def _kind(i: int) -> _Kind:
        return _KINDS[i % len(_KINDS)]

    @staticmethod
    def owner(i: int):
        return _OWNERS[_mix(i) % len(_OWNERS)]

    def instance_name(self, i: int) -> str:
        return f'{self._kind(i).stem}-{_ENVS[(i // 4) % 4]}-{i:06d}'

    @staticmethod
    def instance_time(i: int) -> int:
        """Launch time; instances 2k and 2k+1 share it (so ties are broken by ID)."""
        return int(BASE_TIME) + (i // 2) * 600

    @staticmethod
    def _task_specs(i: int) -> tuple:
        last = _LAST_TASK[i % len(_LAST_TASK)]
        return _BASE_TASKS + ((last,) if last else ())

    def _task_time(self, i: int, j: int) -> int:
        return self.instance_time(i) + (j * 5 * DAY + _mix(i * 8 + j) % 7200 if j else 0)

    def plan_status(self, i: int) -> str:
        return PLAN_STATUSES[i % len(PLAN_STATUSES)]

    @staticmethod
    def plan_operation(i: int) -> str:
        return ('UpdateProvisionedProduct', 'LaunchProduct', 'TerminateProvisionedProduct')[(i // 10) % 3]

    @staticmethod
    def plan_approvers(i: int) -> tuple:
        return _APPROVER_SETS[i % len(_APPROVER_SETS)]

    def plan_name(self, i: int) -> str:
        slug = {'LaunchProduct': 'launch', 'UpdateProvisionedProduct': 'update', 'TerminateProvisionedProduct': 'terminate'}[self.plan_operation(i)]
        return f'{self.instance_name(i)}-{slug}'

    def plan_time(self, i: int) -> int:
        if self.plan_operation(i) == 'LaunchProduct':
            return self.instance_time(i) - 1800
        return self.instance_time(i) + 3 * DAY + _mix(i * 3 + 1) % 3600

    # -- documents ---------------------------------------------------------------------------------------------------

    def catalog(self) -> dict:
        """The catalog behind the generated instances (dataset format): portfolios, products, constraints, tag options.

        It grows with N so that catalog listings page: 8 to 300 sandbox products and 12 to 312 tag options.
        """
        extras = max(8, min(self.count // 100, 300))
        tag_ids = [f'tag-bp1gx{k:08d}' for k in range(12 + extras - 8)]
        products = [self._kind_product(n, kind, tag_ids) for n, kind in enumerate(_KINDS)]
        products += [self._sandbox_product(k, tag_ids) for k in range(extras)]
        return {'portfolios': _generated_portfolios(tag_ids), 'products': products, 'constraints': _generated_constraints(),
                'tag_options': [_generated_tag_option(k, tag_id) for k, tag_id in enumerate(tag_ids)]}

    def _kind_product(self, n: int, kind: _Kind, tag_ids: list[str]) -> dict:
        parameters = [(entry['ParameterKey'], 'String', entry['ParameterValue'], entry['ParameterKey'].replace('_', ' '))
                      for entry in self._parameters(n, 0)]
        outputs = [(entry['OutputKey'], entry['Description']) for entry in self._outputs(n)]
        versions = [{'ProductVersionId': vid, 'ProductVersionName': vname, 'Active': True,
                     'Guidance': 'Latest' if k == len(kind.versions) - 1 else ('Recommended' if k == 1 else 'Default'),
                     'Description': f'{kind.name} {vname}', 'TemplateType': 'RosTerraformTemplate',
                     'TemplateUrl': f'oss://servicecatalog-templates-{REGION_ID}/{kind.product_id}/{vid}/template.json',
                     'CreateTime': iso(BASE_TIME - (30 - 10 * k) * DAY), 'TemplateFormat': 'YAML' if k % 2 else 'JSON',
                     'Template': ros_template(f'{kind.name} {vname}', parameters, outputs, terraform=True)}
                    for k, (vid, vname) in enumerate(kind.versions)]
        portfolios = [kind.portfolio_id] + ([_SHARED_PORTFOLIO] if kind.code == 'vpc' else [])
        return {'ProductId': kind.product_id, 'ProductName': kind.name, 'ProductType': 'Ros', 'ProviderName': 'Platform Engineering',
                'Description': kind.description, 'CreateTime': iso(BASE_TIME - (40 - n) * DAY), 'TemplateType': 'RosTerraformTemplate',
                'PortfolioIds': portfolios, 'TagOptionIds': tag_ids[n:n + 2], 'Versions': versions}

    @staticmethod
    def _sandbox_product(k: int, tag_ids: list[str]) -> dict:
        product_id = f'prod-bp1gx{k:08d}'
        versions = [{'ProductVersionId': f'pv-bp1gx{k:07d}{v}', 'ProductVersionName': f'0.{v + 1}', 'Guidance': ('Default', 'Latest')[v],
                     'Active': True, 'CreateTime': iso(BASE_TIME + (k * 600) + v * DAY), 'TemplateFormat': ('JSON', 'YAML')[(k + v) % 2],
                     'Template': ros_template(f'Sandbox kit {k:03d} 0.{v + 1}', [('Owner', 'String', 'demo-user', 'Who owns the kit')],
                                              [('KitId', 'The kit ID.')], resources={'Kit': {'Type': 'ALIYUN::ROS::WaitConditionHandle'}})}
                    for v in range(2)]
        return {'ProductId': product_id, 'ProductName': f'Sandbox kit {k:03d}', 'ProviderName': 'Sandbox team',
                'Description': f'A throwaway sandbox kit, number {k}.', 'CreateTime': iso(BASE_TIME + k * 600),
                'TemplateType': 'RosStandardTemplate', 'PortfolioIds': [_SANDBOX_PORTFOLIO], 'TagOptionIds': [tag_ids[k % len(tag_ids)]],
                'Versions': versions}

    def _parameters(self, i: int, version: int) -> list[dict]:
        kind, h = self._kind(i), _mix(i)
        if kind.code == 'ecs':
            values = (('instance_type', ('ecs.g7.large', 'ecs.g7.xlarge', 'ecs.g7.2xlarge')[version]),
                      ('zone_id', f'{REGION_ID}-{"hijk"[h % 4]}'), ('image_id', 'aliyun_3_x64_20G_alibase_20240819.vhd'),
                      ('system_disk_size', str(40 + 20 * version)))
        elif kind.code == 'rds':
            values = (('engine_version', ('5.7', '8.0', '8.0')[version]),
                      ('instance_class', ('mysql.n2.medium.1', 'mysql.n2.large.1', 'mysql.n4.xlarge.1')[version]),
                      ('storage_gb', str(100 * (version + 1))), ('db_name', f'app{i % 1000:03d}'))
        elif kind.code == 'vpc':
            values = (('cidr_block', f'10.{i % 250}.0.0/16'), ('vpc_name', self.instance_name(i)),
                      ('enable_ipv6', 'true' if version == 2 else 'false'))
        else:
            values = (('bucket_name', f'sc-{self.instance_name(i)}'), ('acl', 'private'),
                      ('versioning', 'Enabled' if version else 'Suspended'))
        return [{'ParameterKey': key, 'ParameterValue': value} for key, value in values]

    def _outputs(self, i: int) -> list[dict]:
        kind, h = self._kind(i), _mix(i + 7)
        suffix = _b36(h, 17)
        if kind.code == 'ecs':
            public_ip = str(ipaddress.IPv4Address(0x2F600000 + h % 0x100000))
            values = (('instance_id', f'i-bp1{suffix}', 'The ECS instance ID.'),
                      ('PublicIP', public_ip, 'The public IP address of the instance.'),
                      ('private_ip', f'10.{i % 250}.{(h >> 8) % 250}.{h % 250 + 2}', 'The private IP address.'))
        elif kind.code == 'rds':
            values = (('db_instance_id', f'rm-bp1{suffix}', 'The RDS instance ID.'),
                      ('ConnectionString', f'rm-bp1{suffix}.mysql.rds.aliyuncs.com', 'The internal endpoint.'),
                      ('Port', '3306', 'The port of the endpoint.'))
        elif kind.code == 'vpc':
            values = (('vpc_id', f'vpc-bp1{suffix}', 'The VPC ID.'),
                      ('VSwitchIds', f'vsw-bp1{suffix[:10]}a,vsw-bp1{suffix[:10]}b', 'The vSwitch IDs, comma-separated.'))
        else:
            name = f'sc-{self.instance_name(i)}'
            values = (('BucketName', name, 'The bucket name.'),
                      ('bucket_endpoint', f'{name}.oss-{REGION_ID}.aliyuncs.com', 'The public endpoint of the bucket.'))
        return [{'OutputKey': key, 'OutputValue': value, 'Description': text} for key, value, text in values]

    def _summaries(self, i: int) -> list[dict]:
        kind = self._kind(i)
        result = []
        for j, (task_type, status, version) in enumerate(self._task_specs(i)):
            vid, vname = kind.versions[version]
            result.append({'TaskId': self.task_id(i, j), 'TaskType': task_type, 'Status': status, 'ProductVersionId': vid,
                           'ProductVersionName': vname, 'StatusMessage': self._failure(i, task_type) if status == 'Failed' else None})
        return result

    def _failure(self, i: int, task_type: str) -> str:
        stack = f'sc-{DEFAULT_ACCOUNT_UID}-{self.instance_id(i)}'
        if task_type == 'TerminateProvisionedProduct':
            return f'Resource DELETE failed: terraform stack {stack} failure: Error: deleting {self._kind(i).resources[0][0]}: resource is in use.'
        return f'Resource UPDATE failed: terraform stack {stack} failure: Error: modifying {self._kind(i).resources[0][0]}: OperationDenied.'

    def state(self, i: int) -> InstanceState:
        """Instance fields as its generated tasks make them (same rule as for explicit data)."""
        return derive_instance_state(self._summaries(i))

    def instance(self, i: int) -> dict:
        kind, owner, pp_id = self._kind(i), self.owner(i), self.instance_id(i)
        state = self.state(i)
        doc = {'ProvisionedProductName': self.instance_name(i), 'ProvisionedProductId': pp_id,
               'ProvisionedProductArn': f'acs:servicecatalog:{REGION_ID}:{owner.uid}:provisionedproduct/{pp_id}',
               'ProductId': kind.product_id, 'ProductName': kind.name, 'ProductVersionId': state.version[0],
               'ProductVersionName': state.version[1], 'LastTaskId': state.last_task_id, 'LastProvisioningTaskId': state.last_task_id,
               'LastSuccessfulProvisioningTaskId': state.last_successful_task_id, 'OwnerPrincipalType': owner.type,
               'OwnerPrincipalId': owner.principal_id, 'Status': state.status, 'CreateTime': iso(self.instance_time(i)),
               'PortfolioId': kind.portfolio_id, 'StackId': stable_uuid('stack', pp_id), 'StackRegionId': REGION_ID,
               'ProvisionedProductType': 'RosStack', '_Uid': owner.uid}
        if state.status_message:
            doc['StatusMessage'] = state.status_message
        return doc

    def tasks(self, i: int) -> list[dict]:
        return [self.task(i, j) for j in range(len(self._task_specs(i)))]

    def task(self, i: int, j: int) -> dict:
        kind, owner = self._kind(i), self.owner(i)
        task_type, status, version = self._task_specs(i)[j]
        vid, vname = kind.versions[version]
        created = self._task_time(i, j)
        count = len(kind.resources)
        if task_type == 'LaunchProduct':
            plan_text, done = f'Plan: {count} to add, 0 to change, 0 to destroy.', f'Apply complete! Resources: {count} added, 0 changed, 0 destroyed.'
        elif task_type == 'UpdateProvisionedProduct':
            plan_text, done = 'Plan: 0 to add, 1 to change, 0 to destroy.', 'Apply complete! Resources: 0 added, 1 changed, 0 destroyed.'
        else:
            plan_text, done = f'Plan: 0 to add, 0 to change, {count} to destroy.', f'Destroy complete! Resources: {count} destroyed.'
        command = 'destroy' if task_type == 'TerminateProvisionedProduct' else 'apply'
        logs = [dict(_TERRAFORM_VERSION), {'Command': 'plan', 'Stream': 'stdout', 'Content': plan_text}]
        doc = {'TaskId': self.task_id(i, j), 'TaskType': task_type, 'PortfolioId': kind.portfolio_id, 'ProductId': kind.product_id,
               'ProductName': kind.name, 'ProductVersionId': vid, 'ProductVersionName': vname, 'ProvisionedProductId': self.instance_id(i),
               'ProvisionedProductName': self.instance_name(i), 'Parameters': self._parameters(i, version), 'Outputs': [],
               'Log': {'TerraformLogs': logs}, 'Status': status, 'CreateTime': iso(created), 'UpdateTime': iso(created),
               'TaskTags': [{'Key': 'env', 'Value': _ENVS[(i // 4) % 4]}, {'Key': 'owner', 'Value': owner.name},
                            {'Key': 'sc:generated', 'Value': 'true'}]}
        if status == 'Succeeded':
            doc['UpdateTime'] = iso(created + 120 + _mix(i * 8 + j + 3) % 600)
            logs.append({'Command': command, 'Stream': 'stdout', 'Content': done})
            if task_type != 'TerminateProvisionedProduct':
                doc['Outputs'] = self._outputs(i)
        elif status == 'Failed':
            doc['UpdateTime'] = iso(created + 60 + _mix(i * 8 + j + 5) % 300)
            doc['StatusMessage'] = self._failure(i, task_type)
            logs.append({'Command': command, 'Stream': 'stderr', 'Content': doc['StatusMessage'].split('failure: ', 1)[-1]})
        return doc

    def plan(self, i: int) -> dict:
        kind, owner, status, operation = self._kind(i), self.owner(i), self.plan_status(i), self.plan_operation(i)
        version = 0 if operation == 'LaunchProduct' else (2 if operation == 'UpdateProvisionedProduct' else 1)
        vid = kind.versions[version][0]
        created = self.plan_time(i)
        pp_id = self.instance_id(i)
        doc = {'PlanId': self.plan_id(i), 'PlanName': self.plan_name(i), 'PlanType': 'Ros', 'PortfolioId': kind.portfolio_id,
               'ProductId': kind.product_id, 'ProductVersionId': vid, 'ProvisionedProductId': pp_id,
               'Parameters': self._parameters(i, version), 'ProvisionedProductName': self.instance_name(i),
               'StackId': stable_uuid('stack', pp_id), 'StackRegionId': REGION_ID, 'Status': status, 'CreateTime': iso(created),
               'UpdateTime': iso(created if status == 'PreviewInProgress' else created + 600 + _mix(i) % 7200),
               'Tags': [{'Key': 'env', 'Value': _ENVS[(i // 4) % 4]}, {'Key': 'cost-center', 'Value': f'cc-{1000 + i % 50}'}],
               'OperationType': operation, 'AssignedApprovers': [dict(a) for a in self.plan_approvers(i)], 'ProductName': kind.name,
               'Description': f'{operation} for {self.instance_name(i)}, requested by {owner.name}.',
               'OwnerPrincipalType': owner.type, 'OwnerPrincipalId': owner.principal_id, 'OwnerPrincipalName': owner.name,
               'Uid': owner.uid}
        if status == 'PreviewFailed':
            doc['StatusMessage'] = f'Create stack failed: Resource CREATE failed: terraform stack sc-{owner.uid}-{pp_id} failure: quota exceeded.'
        elif status == 'ExecuteFailed':
            doc['StatusMessage'] = self._failure(i, operation)
        action = {'LaunchProduct': 'Add', 'UpdateProvisionedProduct': 'Modify', 'TerminateProvisionedProduct': 'Remove'}[operation]
        changes = []
        if status in PREVIEWED_STATUSES:
            for logical, rtype in (kind.resources if operation != 'UpdateProvisionedProduct' else kind.resources[:1]):
                physical = '' if action == 'Add' else f'{rtype.rsplit("::", 1)[-1].lower()}-bp1{_b36(_mix(i + len(logical)), 12)}'
                changes.append({'Action': action, 'LogicalResourceId': logical, 'PhysicalResourceId': physical,
                                'Replacement': 'False', 'ResourceType': rtype})
        doc['ResourceChanges'] = changes
        return doc
