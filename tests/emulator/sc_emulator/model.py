"""Shared vocabulary of the emulator: enumerations, principals, response shapes and derived state."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Mapping

REGION_ID = 'cn-hangzhou'
DEFAULT_ACCOUNT_UID = '1466115886170001'
DEMO_PRINCIPAL_ID = '240000000000000001'

TASK_TYPES = ('LaunchProduct', 'UpdateProvisionedProduct', 'TerminateProvisionedProduct')
TASK_STATUSES = ('Succeeded', 'InProgress', 'Failed')
INSTANCE_STATUSES = ('Available', 'UnderChange', 'Error')
PRINCIPAL_TYPES = ('RamUser', 'RamRole')
GUIDANCES = ('Default', 'Recommended', 'Latest', 'Deprecated')
TEMPLATE_TYPES = ('RosTerraformTemplate', 'RosStandardTemplate')
CONSTRAINT_TYPES = ('Launch', 'Template', 'Approval', 'StackRegion')
SCOPES = ('Local', 'Import', 'All')
TAG_OPTION_RESOURCE_TYPES = ('product', 'Portfolio')  # casing exactly as the API reference documents it
REGIONS = (('cn-hangzhou', '华东1（杭州）'), ('cn-shanghai', '华东2（上海）'), ('cn-beijing', '华北2（北京）'),
           ('cn-shenzhen', '华南1（深圳）'), ('ap-southeast-1', '新加坡'))
PLAN_STATUSES = ('PreviewInProgress', 'PreviewSuccess', 'PreviewFailed', 'ApplicationInProgress', 'ApplicationApproved',
                 'ApplicationRejected', 'ExecuteInProgress', 'ExecuteSuccess', 'ExecuteFailed', 'Canceled')
PLAN_FAILED_STATUSES = frozenset(['PreviewFailed', 'ExecuteFailed'])
APPROVAL_HISTORY_STATUSES = frozenset(['ApplicationApproved', 'ApplicationRejected', 'ExecuteInProgress', 'ExecuteSuccess', 'ExecuteFailed'])
SUBMITTED_STATUSES = frozenset(['ApplicationInProgress', 'Canceled']) | APPROVAL_HISTORY_STATUSES
PREVIEWED_STATUSES = frozenset(PLAN_STATUSES) - {'PreviewInProgress', 'PreviewFailed'}

# Response shapes, in the order the API reference pages show them. StatusMessage is emitted only on failure.
INSTANCE_LIST_FIELDS = (
    'ProvisionedProductName', 'ProvisionedProductId', 'ProvisionedProductArn', 'ProductId', 'ProductName', 'ProductVersionId',
    'ProductVersionName', 'LastTaskId', 'LastProvisioningTaskId', 'LastSuccessfulProvisioningTaskId', 'OwnerPrincipalType',
    'OwnerPrincipalId', 'Status', 'StatusMessage', 'CreateTime', 'PortfolioId', 'StackId', 'StackRegionId', 'ProvisionedProductType')
INSTANCE_GET_FIELDS = (
    'ProvisionedProductId', 'ProvisionedProductArn', 'ProvisionedProductName', 'ProductId', 'ProductName', 'ProductVersionId',
    'ProductVersionName', 'LastTaskId', 'LastProvisioningTaskId', 'LastSuccessfulProvisioningTaskId', 'OwnerPrincipalType',
    'OwnerPrincipalId', 'Status', 'StatusMessage', 'CreateTime', 'PortfolioId', 'StackId', 'StackRegionId', 'ProvisionedProductType')
TASK_LIST_FIELDS = (
    'TaskId', 'TaskType', 'PortfolioId', 'ProductId', 'ProductName', 'ProductVersionId', 'ProductVersionName', 'ProvisionedProductId',
    'ProvisionedProductName', 'Parameters', 'Outputs', 'Log', 'Status', 'StatusMessage', 'CreateTime', 'UpdateTime')
TASK_GET_FIELDS = TASK_LIST_FIELDS + ('TaskTags',)
PLAN_LIST_FIELDS = (
    'PlanId', 'PlanName', 'PlanType', 'PortfolioId', 'ProductId', 'ProductVersionId', 'ProvisionedProductId', 'Parameters',
    'ProvisionedProductName', 'StackId', 'StackRegionId', 'Status', 'StatusMessage', 'CreateTime', 'UpdateTime', 'Tags',
    'OperationType', 'AssignedApprovers', 'ProductName', 'Description', 'OwnerPrincipalType', 'OwnerPrincipalId',
    'OwnerPrincipalName', 'Uid')
PLAN_GET_FIELDS = tuple(name for name in PLAN_LIST_FIELDS if name != 'ProductName') + ('ApprovalDetail',)
PRODUCT_DETAIL_FIELDS = ('ProductId', 'ProductName', 'ProductType', 'ProductArn', 'ProviderName', 'Description', 'CreateTime')
PORTFOLIO_FIELDS = ('PortfolioId', 'PortfolioName', 'PortfolioArn', 'ProviderName', 'Description', 'CreateTime')
PRODUCT_ADMIN_FIELDS = PRODUCT_DETAIL_FIELDS + ('TemplateType',)
PRODUCT_SUMMARY_FIELDS = PRODUCT_ADMIN_FIELDS + ('HasDefaultLaunchOption',)
TAG_OPTION_FIELDS = ('TagOptionId', 'Key', 'Value', 'Active', 'Owner')
CONSTRAINT_FIELDS = ('ConstraintId', 'ConstraintType', 'Config', 'Description', 'PortfolioId', 'ProductId', 'ProductName', 'CreateTime')
PRINCIPAL_FIELDS = ('PrincipalId', 'PrincipalType', 'PrincipalPattern')
VERSION_DETAIL_FIELDS = ('ProductVersionId', 'ProductVersionName', 'ProductId', 'Active', 'Guidance', 'Description', 'TemplateType',
                         'TemplateUrl', 'CreateTime')


def iso(epoch: float) -> str:
    """UTC ``YYYY-MM-DDThh:mm:ssZ``."""
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def epoch(text: str) -> float:
    """Epoch seconds of ``YYYY-MM-DDThh:mm:ssZ`` (fractional seconds ignored)."""
    return datetime.strptime(text[:19], '%Y-%m-%dT%H:%M:%S').replace(tzinfo=timezone.utc).timestamp()


def stable_uuid(*parts: object) -> str:
    """A UUID derived from the parts (same parts, same UUID), for stack IDs and the like."""
    return str(uuid.UUID(bytes=hashlib.sha256('|'.join(map(str, parts)).encode('utf-8')).digest()[:16], version=4))


def project(doc: Mapping, fields: Iterable[str]) -> dict:
    """The response view of a document: only the given fields, in that order, when present."""
    return {name: doc[name] for name in fields if name in doc}


@dataclass(frozen=True)
class Principal:
    """A RAM user or role of an Alibaba Cloud account, and the access key IDs that act as it."""

    principal_id: str
    name: str
    type: str
    uid: str
    access_key_ids: tuple[str, ...] = field(default=())

    @property
    def approver_key(self) -> tuple[str, str]:
        """How plans name it in AssignedApprovers: (PrincipalType, PrincipalName)."""
        return (self.type, self.name)


DEFAULT_PRINCIPALS = (
    Principal(DEMO_PRINCIPAL_ID, 'demo-user', 'RamUser', DEFAULT_ACCOUNT_UID),
    Principal('240000000000000002', 'alice', 'RamUser', DEFAULT_ACCOUNT_UID),
    Principal('240000000000000003', 'bob', 'RamUser', DEFAULT_ACCOUNT_UID),
    Principal('300000000000000004', 'sc-ops-role', 'RamRole', DEFAULT_ACCOUNT_UID),
    Principal('300000000000000005', 'sc-approver-role', 'RamRole', DEFAULT_ACCOUNT_UID),
    Principal('250000000000000006', 'carol', 'RamUser', '1466115886170002'),
)


@dataclass(frozen=True)
class InstanceState:
    """What an instance's tasks say about it."""

    last_task_id: str
    last_successful_task_id: str
    status: str
    status_message: str | None
    version: tuple[str, str] | None  # (ProductVersionId, ProductVersionName) of the last successful launch/update
    terminated: bool


def derive_instance_state(tasks: list[Mapping]) -> InstanceState | None:
    """Instance fields from its task views sorted by (CreateTime, TaskId); None when it has no task."""
    if not tasks:
        return None
    last = tasks[-1]
    succeeded = [task for task in tasks if task['Status'] == 'Succeeded']
    version = None
    for task in reversed(succeeded):
        if task['TaskType'] != 'TerminateProvisionedProduct' and task.get('ProductVersionId'):
            version = (task['ProductVersionId'], task.get('ProductVersionName', ''))
            break
    status = {'Succeeded': 'Available', 'InProgress': 'UnderChange', 'Failed': 'Error'}[last['Status']]
    message = last.get('StatusMessage') if status == 'Error' else None
    terminated = last['TaskType'] == 'TerminateProvisionedProduct' and last['Status'] == 'Succeeded'
    return InstanceState(last['TaskId'], succeeded[-1]['TaskId'] if succeeded else '', status, message, version, terminated)


def default_approval_detail(plan: Mapping, principals_by_name: Mapping[tuple[str, str], Principal]) -> dict:
    """ApprovalDetail consistent with a plan's status, for plans whose data does not give one."""
    status = plan['Status']
    owner = {'PrincipalId': plan.get('OwnerPrincipalId', ''), 'PrincipalName': plan.get('OwnerPrincipalName', ''),
             'PrincipalType': plan.get('OwnerPrincipalType', 'RamUser')}
    approvers = plan.get('AssignedApprovers') or []
    created = epoch(plan['CreateTime'])
    records = []
    if status in SUBMITTED_STATUSES:
        records.append({'ApprovalAction': 'Submit', 'Comment': 'Please review.', 'CreateTime': iso(created + 120), 'Operator': owner})
    if (status in APPROVAL_HISTORY_STATUSES or status == 'Canceled') and approvers:
        if status == 'Canceled':
            action, comment, operator = 'Cancel', 'No longer needed.', owner
        else:
            first = approvers[0]
            known = principals_by_name.get((first.get('PrincipalType'), first.get('PrincipalName')))
            operator = {'PrincipalId': known.principal_id if known else '', 'PrincipalName': first.get('PrincipalName', ''),
                        'PrincipalType': first.get('PrincipalType', 'RamUser')}
            action, comment = ('reject', 'Rejected: outside the change window.') if status == 'ApplicationRejected' else ('Approve', 'Approved.')
        records.append({'ApprovalAction': action, 'Comment': comment, 'CreateTime': iso(created + 3600), 'Operator': operator})
    todo = []
    if status == 'ApplicationInProgress' and approvers:
        todo.append({'ActivityName': 'Approval', 'Tasks': [
            {'Operator': {'PrincipalName': a.get('PrincipalName', ''), 'PrincipalType': a.get('PrincipalType', 'RamUser')}} for a in approvers]})
    return {'OperationRecords': records, 'TodoTaskActivities': todo}
