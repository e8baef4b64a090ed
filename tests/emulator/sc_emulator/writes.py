"""The handlers of the nine end-user write operations (a mixin of Api): form parameters read and checked, then the store.

What the calls do to instances, tasks and plans is in ``provision.py``; the rules for outputs, resources and logs in
``provision_rules.py``. Every answer is a ``Body``: the operation's top-level fields (RequestId is added by Api).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import params as p
from .answers import Body
from .errors import invalid_parameter

if TYPE_CHECKING:
    from .api import Call
    from .store import Store

MAX_PARAMETERS, MAX_TAGS = 200, 20
OPERATION_TYPES = ('LaunchProduct', 'UpdateProvisionedProduct', 'TerminateProvisionedProduct')
PLAN_TYPES = ('Ros',)
APPROVAL_ACTIONS = ('Approve', 'Reject')


def _length(call: Call, name: str, maximum: int = 128, required: bool = False) -> str | None:
    text = call.required(name) if required else call.value(name)
    if text is not None and len(text) > maximum:
        raise invalid_parameter(f'The parameter {name} is 1 to {maximum} characters long; got {len(text)}.', f'InvalidParameter.{name}')
    return text


def parameters(call: Call) -> list[tuple[str, str]] | None:
    """``Parameters.N.ParameterKey`` / ``Parameters.N.ParameterValue`` as (key, value) pairs by N; None when none is given."""
    entries = p.indexed_entries(call.params, 'Parameters', ('ParameterKey', 'ParameterValue'), MAX_PARAMETERS)
    if not entries:
        return None
    pairs, seen = [], set()
    for entry in entries:
        number = entry['_N']
        key = entry.get('ParameterKey')
        if not key:
            raise invalid_parameter(f'The parameter Parameters.{number}.ParameterKey is required: give both fields of an entry.')
        if 'ParameterValue' not in entry:
            raise invalid_parameter(f'The parameter Parameters.{number}.ParameterValue is required: give both fields of an entry.')
        if key in seen:
            raise invalid_parameter(f'The parameter key {key[:60]!r} is given twice (Parameters.{number}.ParameterKey).')
        seen.add(key)
        pairs.append((key, entry['ParameterValue']))
    return pairs


def tag_problem(key: str, value: str) -> str | None:
    """What is wrong with a tag (or tag option) key and value, as the SDK documents the rules; None if nothing."""
    if not key or len(key) > 128:
        return 'the key is 1 to 128 characters long'
    if len(value) > 128:
        return 'the value is at most 128 characters long'
    for what, text, prefixes in (('key', key, ('acs:', 'aliyun')), ('value', value, ('acs:',))):
        if 'http://' in text or 'https://' in text or text.startswith(prefixes):
            return f'the {what} must not contain http:// or https:// nor start with {" or ".join(prefixes)} (got {text[:60]!r})'
    return None


def tags(call: Call) -> list[tuple[str, str]]:
    """``Tags.N.Key`` / ``Tags.N.Value`` as (key, value) pairs by N, checked as the SDK documents them."""
    pairs, seen = [], set()
    for entry in p.indexed_entries(call.params, 'Tags', ('Key', 'Value'), MAX_TAGS):
        number, key, value = entry['_N'], entry.get('Key', ''), entry.get('Value', '')
        problem = tag_problem(key, value)
        if problem:
            raise invalid_parameter(f'The tag Tags.{number}: {problem}.', 'InvalidParameter.Tags')
        if key in seen:
            raise invalid_parameter(f'The tag key {key[:60]!r} is given twice (Tags.{number}.Key).', 'InvalidParameter.Tags')
        seen.add(key)
        pairs.append((key, value))
    return pairs


class WriteHandlers:
    """LaunchProduct, UpdateProvisionedProduct, TerminateProvisionedProduct and the six plan operations."""

    store: Store

    def launch_product(self, call: Call):
        product_id, version_id = call.required('ProductId'), call.required('ProductVersionId')
        name = _length(call, 'ProvisionedProductName', required=True)
        region = call.required('StackRegionId')
        given, tag_pairs = parameters(call) or [], tags(call)
        pp_id = self.store.launch(call.caller, product_id, version_id, call.value('PortfolioId'), name, region, given, tag_pairs)
        return Body(ProvisionedProductId=pp_id)

    def update_provisioned_product(self, call: Call):
        pp_id = call.required('ProvisionedProductId')
        product_id, version_id = call.required('ProductId'), call.required('ProductVersionId')
        given, tag_pairs = parameters(call), tags(call)
        self.store.update_instance(call.caller, pp_id, product_id, version_id, call.value('PortfolioId'), given, tag_pairs)
        return Body(ProvisionedProductId=pp_id)

    def terminate_provisioned_product(self, call: Call):
        self.store.terminate(call.caller, call.required('ProvisionedProductId'))
        return Body()

    def create_provisioned_product_plan(self, call: Call):
        name = _length(call, 'PlanName', required=True)
        plan_type = call.required('PlanType')
        plan_type = call.choice('PlanType', PLAN_TYPES, plan_type, 'InvalidParameter.PlanType')
        operation = call.choice('OperationType', OPERATION_TYPES, 'LaunchProduct', 'InvalidParameter.OperationType')
        product_id, version_id = call.required('ProductId'), call.required('ProductVersionId')
        instance_name = _length(call, 'ProvisionedProductName', required=True)
        region = call.required('StackRegionId')
        description = _length(call, 'Description') or ''
        given, tag_pairs = parameters(call), tags(call)
        plan_id, pp_id = self.store.create_plan(call.caller, name, plan_type, operation, product_id, version_id, call.value('PortfolioId'),
                                                instance_name, region, given, tag_pairs, description)
        return Body(PlanId=plan_id, ProvisionedProductId=pp_id)

    def update_provisioned_product_plan(self, call: Call):
        plan_id = call.required('PlanId')
        product_id, version_id = call.required('ProductId'), call.required('ProductVersionId')
        description = _length(call, 'Description')
        given, tag_pairs = parameters(call), tags(call)
        plan_id, pp_id = self.store.update_plan(call.caller, plan_id, product_id, version_id, call.value('PortfolioId'), given, tag_pairs,
                                                description)
        return Body(PlanId=plan_id, ProvisionedProductId=pp_id)

    def execute_provisioned_product_plan(self, call: Call):
        return Body(PlanId=self.store.execute_plan(call.caller, call.required('PlanId')))

    def cancel_provisioned_product_plan(self, call: Call):
        self.store.cancel_plan(call.caller, call.required('PlanId'))
        return Body()

    def approve_provisioned_product_plan(self, call: Call):
        plan_id = call.required('PlanId')
        call.required('ApprovalAction')
        action = call.choice('ApprovalAction', APPROVAL_ACTIONS, None, 'InvalidParameter.ApprovalAction')
        self.store.approve_plan(call.caller, plan_id, action, call.params.get('Comment') or '')
        return Body()

    def delete_provisioned_product_plan(self, call: Call):
        self.store.delete_plan(call.caller, call.required('PlanId'))
        return Body()
