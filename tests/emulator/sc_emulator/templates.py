"""Product templates: ROS-style documents, and their text as GetTemplate returns it (JSON or YAML)."""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

ROS_VERSION = '2015-09-01'
TERRAFORM_TRANSFORM = 'Aliyun::Terraform-v1.2'
FORMATS = ('JSON', 'YAML')
_PLAIN_KEY_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_.:-]*$')


def ros_template(description: str, parameters: Iterable[tuple[str, str, Any, str]], outputs: Iterable[tuple[str, str]],
                 terraform: bool = False, resources: dict | None = None) -> dict:
    """A ROS template: ``parameters`` as (name, Type, Default, Description), ``outputs`` as (name, Description).

    A Terraform-type template (``terraform``) carries a Transform and a Workspace with main.tf instead of Resources.
    """
    document: dict[str, Any] = {'ROSTemplateFormatVersion': ROS_VERSION}
    if terraform:
        document['Transform'] = TERRAFORM_TRANSFORM
    document['Description'] = description
    document['Parameters'] = {name: {'Type': ptype, 'Default': default, 'Description': text} for name, ptype, default, text in parameters}
    if terraform:
        variables = ''.join(f'variable "{name}" {{}}\n' for name in document['Parameters'])
        document['Workspace'] = {'main.tf': variables + ''.join(f'output "{name}" {{ value = "" }}\n' for name, _text in outputs)}
    else:
        document['Resources'] = resources or {}
    document['Outputs'] = {name: {'Description': text, 'Value': {'Fn::GetAtt': ['Resource', name]}} for name, text in outputs}
    return document


def template_text(document: Any, fmt: str = 'JSON') -> str:
    """The template as GetTemplate's TemplateBody: indented JSON, or block-style YAML."""
    if fmt == 'YAML':
        return '\n'.join(_yaml_lines(document, 0)) + '\n'
    return json.dumps(document, indent=2, ensure_ascii=False)


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if value is None:
        return 'null'
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if '\n' in text:
        return None  # a block scalar (handled by the caller)
    return json.dumps(text, ensure_ascii=False)  # a double-quoted YAML scalar is a JSON string


def _yaml_key(key: str) -> str:
    return key if _PLAIN_KEY_RE.match(key) else json.dumps(key, ensure_ascii=False)


def _yaml_lines(value: Any, indent: int) -> list[str]:
    pad = '  ' * indent
    if isinstance(value, dict):
        if not value:
            return [pad + '{}']
        lines = []
        for key, item in value.items():
            lines.extend(_yaml_entry(pad + _yaml_key(str(key)) + ':', item, indent))
        return lines
    if isinstance(value, list):
        if not value:
            return [pad + '[]']
        lines = []
        for item in value:
            lines.extend(_yaml_entry(pad + '-', item, indent))
        return lines
    return [pad + _yaml_scalar(value)]


def _yaml_entry(head: str, item: Any, indent: int) -> list[str]:
    """``key:`` or ``-`` followed by a scalar on the same line, a literal block, or a nested block."""
    if isinstance(item, (dict, list)) and item:
        return [head] + _yaml_lines(item, indent + 1)
    if isinstance(item, (dict, list)):
        return [f'{head} {"{}" if isinstance(item, dict) else "[]"}']
    scalar = _yaml_scalar(item)
    if scalar is None:
        pad = '  ' * (indent + 1)
        return [f'{head} |'] + [pad + line for line in str(item).rstrip('\n').split('\n')]
    return [f'{head} {scalar}']
