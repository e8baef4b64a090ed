"""The emulator's rules for what a template does when provisioned: parameters, outputs, resources, Terraform logs, failures.

All values are derived deterministically from the instance ID, the names and the parameters, so the same launch
always shows the same outputs and an update keeps the IDs of the resources it modifies.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Mapping

from .errors import invalid_parameter
from .model import DEFAULT_ACCOUNT_UID

TERRAFORM_VERSION = 'Terraform v1.5.7\non linux_amd64'
DEFAULT_RESOURCES = ({'LogicalResourceId': 'alicloud_ros_stack.main', 'ResourceType': 'ALIYUN::ROS::Stack'},)
# ID prefixes by resource kind (the last part of a ROS resource type, or an output name without its "id" ending), lower case
_PREFIXES = {'instance': 'i', 'ecsinstance': 'i', 'vpc': 'vpc', 'vswitch': 'vsw', 'securitygroup': 'sg', 'eip': 'eip', 'eipaddress': 'eip',
             'loadbalancer': 'lb', 'slb': 'lb', 'dbinstance': 'rm', 'rds': 'rm', 'bucket': 'bkt', 'stack': 'stack'}


def render_default(value: Any) -> str:
    """A template default as the string the API shows: booleans true / false, numbers as text, lists and objects as compact JSON."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(',', ':'), ensure_ascii=False)
    return str(value)


def _declared(version: Mapping) -> dict | None:
    document = version.get('_TemplateDocument')
    if isinstance(document, dict) and isinstance(document.get('Parameters'), dict):
        return document['Parameters']
    return None


def effective_parameters(version: Mapping, given: list[tuple[str, str]], strict: bool = True) -> dict[str, str]:
    """The values a run uses: the template's defaults, then the given values.

    ``strict``: a key the template does not declare, a Number parameter that is not a number, or a parameter with no
    default and no value is InvalidParameter (a template the emulator cannot read, e.g. YAML text, declares nothing and
    takes any key). Not strict: unknown keys are dropped (a version change) and nothing is refused.
    """
    declared = _declared(version)
    values: dict[str, str] = {}
    if declared is not None:
        for name, spec in declared.items():
            if isinstance(spec, dict) and spec.get('Default') is not None:
                values[name] = render_default(spec['Default'])
    for key, value in given:
        spec = declared.get(key) if declared is not None else {}
        if declared is not None and key not in declared:
            if not strict:
                continue
            raise invalid_parameter(f'{key[:60]!r} is not a parameter of the template of the version {version.get("ProductVersionId", "")} '
                                    f'(its parameters: {", ".join(declared) or "none"}).', 'InvalidParameter.Parameters')
        if strict and isinstance(spec, dict) and spec.get('Type') == 'Number':
            try:
                float(value)
            except ValueError:
                raise invalid_parameter(f'The template parameter {key} is a Number; got {value[:40]!r}.', 'InvalidParameter.Parameters') from None
        values[key] = value
    if strict and declared is not None:
        missing = [name for name in declared if name not in values]
        if missing:
            raise invalid_parameter(f'The template parameters {", ".join(missing)} have no default: give them in Parameters.',
                                    'InvalidParameter.Parameters')
    return values


def _digest(*parts: str) -> str:
    return hashlib.sha256('|'.join(parts).encode('utf-8')).hexdigest()


def _norm(name: str) -> str:
    return name.lower().replace('_', '').replace('-', '')


def resources_of(version: Mapping) -> list[dict]:
    """The stack resources a version's template makes (``_Resources`` of the data, else one ROS stack resource)."""
    return [dict(resource) for resource in (version.get('_Resources') or DEFAULT_RESOURCES)]


def _prefix_of_type(resource_type: str) -> str:
    kind = _norm(resource_type.split('::')[-1])
    return _PREFIXES.get(kind, kind[:8] or 'res')


def physical_id(pp_id: str, resource: Mapping) -> str:
    """The cloud ID of one stack resource of an instance (stable across updates)."""
    return f'{_prefix_of_type(resource["ResourceType"])}-bp1{_digest(pp_id, resource["LogicalResourceId"])[:17]}'


def _ip(digest: str, private: bool) -> str:
    a, b, c = (int(digest[i:i + 2], 16) for i in (0, 2, 4))
    return f'172.16.{b}.{c % 254 + 1}' if private else f'47.{96 + a % 8}.{b}.{c % 254 + 1}'


def output_value(name: str, pp_id: str, effective: Mapping[str, str], region: str, resources: list[dict]) -> str:
    """One output's value: see the rules in README.md ("Provisioning")."""
    norm = _norm(name)
    for key, value in effective.items():
        if _norm(key) == norm:
            return value
    digest = _digest(pp_id, name)
    if norm.endswith('ip') or norm.endswith('ipaddress') or norm == 'address':
        return _ip(digest, 'private' in norm or 'intranet' in norm)
    if norm.endswith('ids'):
        prefix = _PREFIXES.get(norm[:-3], norm[:-3][:8] or 'res')
        return json.dumps([f'{prefix}-bp1{_digest(pp_id, name, str(n))[:17]}' for n in (1, 2)], separators=(',', ':'))
    if norm.endswith('id'):
        prefix = _PREFIXES.get(norm[:-2], norm[:-2][:8] or 'res')
        for resource in resources:
            if _prefix_of_type(resource['ResourceType']) == prefix:
                return physical_id(pp_id, resource)
        return f'{prefix}-bp1{digest[:17]}'
    if any(word in norm for word in ('endpoint', 'domain', 'connection', 'host')):
        return f'{pp_id}.{region}.emulator.aliyuncs.com'
    if norm.endswith('port'):
        return str(1024 + int(digest[:4], 16) % 60000)
    return f'{name}-{digest[:12]}'


def outputs_for(version: Mapping, pp_id: str, effective: Mapping[str, str], region: str) -> list[dict]:
    """The template's outputs (each with its Description), or, for a template without outputs, each parameter echoed."""
    document = version.get('_TemplateDocument')
    declared = document.get('Outputs') if isinstance(document, dict) else None
    resources = resources_of(version)
    if not isinstance(declared, dict) or not declared:
        return [{'OutputKey': key, 'OutputValue': value, 'Description': f'The {key} parameter.'} for key, value in effective.items()]
    return [{'OutputKey': name, 'OutputValue': output_value(name, pp_id, effective, region, resources),
             'Description': str(spec.get('Description', '')) if isinstance(spec, dict) else ''} for name, spec in declared.items()]


def resource_changes(version: Mapping, pp_id: str, operation: str, changed: bool, version_changed: bool) -> list[dict]:
    """A plan's ResourceChanges: Add (launch), Modify / None (update), Remove (terminate), one per stack resource."""
    result = []
    for resource in resources_of(version):
        if operation == 'LaunchProduct':
            action, physical, replacement = 'Add', '', 'False'
        elif operation == 'TerminateProvisionedProduct':
            action, physical, replacement = 'Remove', physical_id(pp_id, resource), 'False'
        else:
            action, physical = ('Modify' if changed else 'None'), physical_id(pp_id, resource)
            replacement = 'Conditional' if version_changed else 'False'
        result.append({'Action': action, 'LogicalResourceId': resource['LogicalResourceId'], 'PhysicalResourceId': physical,
                       'Replacement': replacement, 'ResourceType': resource['ResourceType']})
    return result


def terraform_log(kind: str, count: int, outputs: list[dict], failure: Mapping | None) -> list[dict]:
    """Log.TerraformLogs of a run: version, plan, then apply (or destroy); a failure's text on stderr of its phase."""
    logs = [{'Command': 'version', 'Stream': 'stdout', 'Content': TERRAFORM_VERSION}]
    if failure and failure.get('Phase') == 'plan':
        return logs + [{'Command': 'plan', 'Stream': 'stderr', 'Content': failure['Stderr']}]
    if kind == 'LaunchProduct':
        plan, done = f'Plan: {count} to add, 0 to change, 0 to destroy.', f'Apply complete! Resources: {count} added, 0 changed, 0 destroyed.'
    elif kind == 'UpdateProvisionedProduct':
        plan = f'Plan: 0 to add, {count} to change, 0 to destroy.' if count else 'No changes. Your infrastructure matches the configuration.'
        done = f'Apply complete! Resources: 0 added, {count} changed, 0 destroyed.'
    else:
        plan, done = f'Plan: 0 to add, 0 to change, {count} to destroy.', f'Destroy complete! Resources: {count} destroyed.'
    logs.append({'Command': 'plan', 'Stream': 'stdout', 'Content': plan})
    command = 'destroy' if kind == 'TerminateProvisionedProduct' else 'apply'
    if failure:
        logs.append({'Command': command, 'Stream': 'stderr', 'Content': failure['Stderr']})
        return logs
    if outputs:
        done += '\n\nOutputs:\n\n' + '\n'.join(f'{o["OutputKey"]} = {json.dumps(o["OutputValue"], ensure_ascii=False)}' for o in outputs)
    logs.append({'Command': command, 'Stream': 'stdout', 'Content': done})
    return logs


def failure_message(verb: str, pp_id: str, failure: Mapping) -> str:
    """StatusMessage of a failed run (``verb`` CREATE / UPDATE / DELETE) or of a failed preview (``verb`` plan)."""
    if failure.get('Message'):
        return str(failure['Message'])
    first = failure['Stderr'].strip().splitlines()[0] if failure['Stderr'].strip() else 'error'
    stack = f'sc-{DEFAULT_ACCOUNT_UID}-{pp_id}'
    if verb == 'plan':
        return f'Pre-check failed: terraform plan of stack {stack} failure: {first}'
    return f'Resource {verb} failed: terraform stack {stack} failure: {first}'
