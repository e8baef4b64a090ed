"""The catalog part of a dataset: portfolios, products with versions and templates, constraints, tag options.

Validation and defaults, as data.py does for instances, tasks and plans. References between items (a product's
``PortfolioIds``, ``TagOptionIds``, a constraint's portfolio and product) are resolved when read, so a seed may add
items in any order; a reference to an unknown item is ignored.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from .model import CONSTRAINT_TYPES, DEFAULT_ACCOUNT_UID, GUIDANCES, PRINCIPAL_TYPES, REGION_ID, TASK_TYPES, TEMPLATE_TYPES, iso
from .templates import FORMATS, ros_template, template_text

DataErrorFactory = Callable[[str], Exception]


class CatalogParser:
    """Parses catalog items; ``fail`` makes the DataError, the ``check_*`` helpers come from data.py."""

    def __init__(self, fail: DataErrorFactory, text, enum, times, loaded_at: float):
        self.fail, self.text, self.enum, self.times, self.loaded_at = fail, text, enum, times, loaded_at

    def _strings(self, item: dict, name: str, where: str) -> list[str]:
        values = item.setdefault(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(f'{where}.{name}: a list of strings is expected')
        return values

    def _flag(self, item: dict, name: str, where: str, default: bool) -> None:
        if not isinstance(item.setdefault(name, default), bool):
            raise self.fail(f'{where}.{name}: true or false is expected')

    def _common(self, item: dict, where: str, id_name: str, name_name: str) -> str:
        ident = self.text(item, id_name, where, required=True)
        item.setdefault(name_name, ident)
        for name in ('ProviderName', 'Description'):
            item[name] = self.text(item, name, where)
        item.setdefault('CreateTime', iso(self.loaded_at))
        self.times(item, where, ('CreateTime',))
        self._flag(item, '_Imported', where, False)
        self._strings(item, 'TagOptionIds', where)
        return ident

    def portfolio(self, item: dict, where: str) -> dict:
        portfolio_id = self._common(item, where, 'PortfolioId', 'PortfolioName')
        item.setdefault('PortfolioArn', f'acs:servicecatalog:{REGION_ID}:{DEFAULT_ACCOUNT_UID}:portfolio/{portfolio_id}')
        principals = item.setdefault('Principals', [])
        if not isinstance(principals, list) or not all(isinstance(p, dict) for p in principals):
            raise self.fail(f'{where}.Principals: a list of objects is expected')
        for n, principal in enumerate(principals):
            here = f'{where}.Principals[{n}]'
            principal.setdefault('PrincipalType', 'RamUser')
            self.enum(principal['PrincipalType'], PRINCIPAL_TYPES, f'{here}.PrincipalType')
            principal['PrincipalId'] = self.text(principal, 'PrincipalId', here)
            principal['PrincipalPattern'] = self.text(principal, 'PrincipalPattern', here)
            if not principal['PrincipalId'] and not principal['PrincipalPattern']:
                raise self.fail(f'{here}: PrincipalId or PrincipalPattern is required')
        return item

    def product(self, item: dict, where: str) -> dict:
        product_id = self._common(item, where, 'ProductId', 'ProductName')
        item.setdefault('ProductType', 'Ros')
        item.setdefault('ProductArn', f'acs:servicecatalog:{REGION_ID}:{DEFAULT_ACCOUNT_UID}:product/{product_id}')
        item.setdefault('TemplateType', 'RosTerraformTemplate')
        self.enum(item['TemplateType'], TEMPLATE_TYPES, f'{where}.TemplateType')
        self._strings(item, 'PortfolioIds', where)
        versions = item.setdefault('Versions', [])
        if not isinstance(versions, list) or not all(isinstance(v, dict) and v.get('ProductVersionId') for v in versions):
            raise self.fail(f'{where}.Versions: a list of objects with ProductVersionId is expected')
        for n, version in enumerate(versions):
            self._version(item, version, f'{where}.Versions[{n}]')
        return item

    def _version(self, product: dict, version: dict, where: str) -> None:
        product_id, version_id = product['ProductId'], version['ProductVersionId']
        version.setdefault('ProductVersionName', version_id)
        version['ProductId'] = product_id
        self._flag(version, 'Active', where, True)
        version.setdefault('Guidance', 'Default')
        self.enum(version['Guidance'], GUIDANCES, f'{where}.Guidance')
        version.setdefault('Description', '')
        version.setdefault('TemplateType', product['TemplateType'])
        self.enum(version['TemplateType'], TEMPLATE_TYPES, f'{where}.TemplateType')
        version.setdefault('TemplateUrl', f'oss://servicecatalog-templates-{REGION_ID}/{product_id}/{version_id}/template.json')
        version.setdefault('CreateTime', product['CreateTime'])
        self.times(version, where, ('CreateTime',))
        version['_TemplateBody'] = self._template(product, version, where)
        self._provisioning(version, where)

    def _provisioning(self, version: dict, where: str) -> None:
        """What provisioning the version does (emulator-only keys): ``_ProvisionFailure`` and ``_Resources``."""
        failure = version.get('_ProvisionFailure')
        if failure is not None:
            if not isinstance(failure, dict) or not isinstance(failure.get('Stderr'), str) or not failure['Stderr']:
                raise self.fail(f'{where}._ProvisionFailure: an object with a non-empty Stderr text is expected')
            failure.setdefault('Phase', 'apply')
            self.enum(failure['Phase'], ('plan', 'apply'), f'{where}._ProvisionFailure.Phase')
        resources = version.get('_Resources')
        if resources is not None and (not isinstance(resources, list) or not all(
                isinstance(r, dict) and isinstance(r.get('LogicalResourceId'), str) and isinstance(r.get('ResourceType'), str) for r in resources)):
            raise self.fail(f'{where}._Resources: a list of objects with LogicalResourceId and ResourceType is expected')

    def _template(self, product: dict, version: dict, where: str) -> str:
        """GetTemplate's text: ``TemplateBody`` verbatim, else ``Template`` (an object) as JSON or YAML (``TemplateFormat``).

        The template as an object is kept in ``_TemplateDocument`` (None for a ``TemplateBody`` that is not JSON).
        """
        if 'TemplateBody' in version:
            body = self.text(version, 'TemplateBody', where, required=True)
            try:
                document = json.loads(body)
            except ValueError:
                document = None
            version['_TemplateDocument'] = document if isinstance(document, dict) else None
            return body
        fmt = version.setdefault('TemplateFormat', 'JSON')
        self.enum(fmt, FORMATS, f'{where}.TemplateFormat')
        document = version.get('Template')
        if document is None:
            document = ros_template(f'{product["ProductName"]} {version["ProductVersionName"]}', (), (),
                                    terraform=version['TemplateType'] == 'RosTerraformTemplate')
        if not isinstance(document, dict):
            raise self.fail(f'{where}.Template: an object is expected')
        version['_TemplateDocument'] = document
        return template_text(document, fmt)

    def constraint(self, item: dict, where: str) -> dict:
        self.text(item, 'ConstraintId', where, required=True)
        for name in ('PortfolioId', 'ProductId'):
            self.text(item, name, where, required=True)
        item.setdefault('ConstraintType', 'Launch')
        kind = item['ConstraintType']
        self.enum(kind, CONSTRAINT_TYPES, f'{where}.ConstraintType')
        item['Description'] = self.text(item, 'Description', where)
        item.setdefault('CreateTime', iso(self.loaded_at))
        self.times(item, where, ('CreateTime',))
        operations = self._strings(item, 'OperationTypes', where)
        for operation in operations:
            self.enum(operation, TASK_TYPES, f'{where}.OperationTypes[]')
        regions = self._strings(item, 'StackRegions', where)
        if operations and kind != 'Approval':
            raise self.fail(f'{where}.OperationTypes: only an Approval constraint has operation types')
        if regions and kind != 'StackRegion':
            raise self.fail(f'{where}.StackRegions: only a StackRegion constraint has stack regions')
        approvers = item.setdefault('Approvers', [])
        if not isinstance(approvers, list) or not all(isinstance(a, dict) and isinstance(a.get('PrincipalName'), str) and a['PrincipalName']
                                                      for a in approvers):
            raise self.fail(f'{where}.Approvers: a list of objects with PrincipalName is expected')
        if approvers and kind != 'Approval':
            raise self.fail(f'{where}.Approvers: only an Approval constraint has approvers')
        for approver in approvers:
            approver.setdefault('PrincipalType', 'RamUser')
            self.enum(approver['PrincipalType'], PRINCIPAL_TYPES, f'{where}.Approvers[].PrincipalType')
        config = item.get('Config', _default_config(kind, operations, regions))
        if isinstance(config, (dict, list)):
            config = json.dumps(config, separators=(',', ':'), ensure_ascii=False)
        if not isinstance(config, str):
            raise self.fail(f'{where}.Config: a JSON object or its text is expected')
        item['Config'] = config
        return item

    def tag_option(self, item: dict, where: str) -> dict:
        self.text(item, 'TagOptionId', where, required=True)
        for name in ('Key', 'Value'):
            self.text(item, name, where, required=True)
        self._flag(item, 'Active', where, True)
        item.setdefault('Owner', DEFAULT_ACCOUNT_UID)
        item['Owner'] = str(item['Owner'])
        item.setdefault('CreateTime', iso(self.loaded_at))
        self.times(item, where, ('CreateTime',))
        return item


def _default_config(kind: str, operations: list[str], regions: list[str]) -> Any:
    """The Config of a constraint whose data gives none (shapes chosen by the emulator; only Launch's is documented)."""
    if kind == 'Launch':
        return {'LocalRoleName': 'ServiceCatalogLaunchRole'}
    if kind == 'Approval':
        return {'OperationTypes': operations}
    if kind == 'StackRegion':
        return {'RegionIds': regions}
    return {'Rules': {}}
