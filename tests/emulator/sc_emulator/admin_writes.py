"""The handlers of the 23 administration writes (a mixin of Api): form parameters read and checked, then the store.

What they do to the catalog is in ``catalog_writes.py``. Every answer is a ``Body`` of the operation's top-level fields.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from . import params as p
from .answers import Body
from .errors import invalid_parameter
from .model import GUIDANCES, PRINCIPAL_TYPES, TEMPLATE_TYPES
from .writes import tag_problem

if TYPE_CHECKING:
    from .api import Call
    from .store import Store

_VERSION_KEYS = ('Active', 'Description', 'Guidance', 'ProductVersionName', 'TemplateType', 'TemplateUrl')


def _text(call: Call, name: str, required: bool = False, maximum: int = 128) -> str | None:
    """A text parameter of 1..maximum characters (required: Missing<Name> when absent)."""
    text = call.required(name) if required else call.value(name)
    if text is not None and len(text) > maximum:
        raise invalid_parameter(f'The parameter {name} is 1 to {maximum} characters long; got {len(text)}.', f'InvalidParameter.{name}')
    return text


def _changed_text(call: Call, name: str) -> str | None:
    """An optional text of an Update call: None when not sent, the text (maybe empty: cleared) when sent."""
    if name not in call.params:
        return None
    text = call.params[name]
    if len(text) > 128:
        raise invalid_parameter(f'The parameter {name} is at most 128 characters long; got {len(text)}.', f'InvalidParameter.{name}')
    return text


def _flag(call: Call, name: str) -> bool | None:
    """A boolean parameter: true / false, also True / False (what the SDK sends for a Python bool); None when not sent."""
    text = call.value(name)
    if text is None:
        return None
    if text not in ('true', 'false', 'True', 'False'):
        raise invalid_parameter(f'The parameter {name} is true or false; got {text[:40]!r}.', f'InvalidParameter.{name}')
    return text.lower() == 'true'


def _version_parameters(call: Call, template_type: str) -> dict | None:
    """CreateProduct's ProductVersionParameters: one form field holding a JSON object (as the SDK sends it)."""
    raw = call.value('ProductVersionParameters')
    if raw is None:
        return None
    code = 'InvalidParameter.ProductVersionParameters'
    try:
        document = json.loads(raw)
    except ValueError:
        raise invalid_parameter('The parameter ProductVersionParameters must be a JSON object.', code) from None
    if not isinstance(document, dict) or set(document) - set(_VERSION_KEYS):
        raise invalid_parameter(f'The parameter ProductVersionParameters is a JSON object with keys among {", ".join(_VERSION_KEYS)}.', code)
    for key in ('ProductVersionName', 'TemplateUrl'):
        if not isinstance(document.get(key), str) or not document[key] or len(document[key]) > 1024:
            raise invalid_parameter(f'ProductVersionParameters.{key} is required (a non-empty string).', code)
    active = document.get('Active', True)
    guidance = document.get('Guidance', 'Default')
    version_type = document.get('TemplateType', template_type)
    if not isinstance(active, bool) or guidance not in GUIDANCES or version_type not in TEMPLATE_TYPES:
        raise invalid_parameter(f'ProductVersionParameters: Active is true or false, Guidance one of {", ".join(GUIDANCES)}, TemplateType '
                                f'one of {", ".join(TEMPLATE_TYPES)}.', code)
    description = document.get('Description', '')
    if not isinstance(description, str) or len(description) > 128 or len(document['ProductVersionName']) > 128:
        raise invalid_parameter('ProductVersionParameters: ProductVersionName and Description are at most 128 characters.', code)
    return {'name': document['ProductVersionName'], 'template_type': version_type, 'template_url': document['TemplateUrl'],
            'active': active, 'guidance': guidance, 'description': description}


def _principal(call: Call) -> tuple[str, str, str, str]:
    portfolio_id = call.required('PortfolioId')
    call.required('PrincipalType')
    principal_type = call.choice('PrincipalType', PRINCIPAL_TYPES, None, 'InvalidParameter.PrincipalType')
    principal_id, pattern = call.value('PrincipalId') or '', call.value('PrincipalPattern') or ''
    if not principal_id and not pattern:
        raise invalid_parameter('Give PrincipalId (a RAM user or role ID) or PrincipalPattern.', 'MissingPrincipalId')
    return portfolio_id, principal_type, principal_id, pattern


class AdminHandlers:
    """Portfolios, products, versions, templates, constraints, tag options and associations."""

    store: Store

    # -- portfolios ------------------------------------------------------------------------------------------------------

    def create_portfolio(self, call: Call):
        name, provider = _text(call, 'PortfolioName', True), _text(call, 'ProviderName', True)
        return Body(PortfolioId=self.store.create_portfolio(call.caller, name, provider, _text(call, 'Description') or ''))

    def update_portfolio(self, call: Call):
        return self._rename(call, 'Portfolio')

    def _rename(self, call: Call, kind: str):
        """UpdatePortfolio / UpdateProduct: <Kind>Id, <Kind>Name and ProviderName required, Description kept unless sent."""
        item_id = call.required(f'{kind}Id')
        name, provider = _text(call, f'{kind}Name', True), _text(call, 'ProviderName', True)
        return Body({f'{kind}Id': self.store.rename(kind, item_id, name, provider, _changed_text(call, 'Description'))})

    def delete_portfolio(self, call: Call):
        self.store.delete_portfolio(call.required('PortfolioId'))
        return Body()

    # -- products, versions, templates -----------------------------------------------------------------------------------

    def create_product(self, call: Call):
        name, provider = _text(call, 'ProductName', True), _text(call, 'ProviderName', True)
        call.required('ProductType')
        call.choice('ProductType', ('Ros',), None, 'InvalidParameter.ProductType')
        template_type = call.choice('TemplateType', TEMPLATE_TYPES, 'RosTerraformTemplate', 'InvalidParameter.TemplateType')
        description = _text(call, 'Description') or ''
        product_id, version_id = self.store.create_product(call.caller, name, provider, description, template_type,
                                                           _version_parameters(call, template_type))
        return Body(ProductId=product_id, **({'ProductVersionId': version_id} if version_id else {}))

    def update_product(self, call: Call):
        return self._rename(call, 'Product')

    def delete_product(self, call: Call):
        self.store.delete_product(call.required('ProductId'))
        return Body()

    def copy_product(self, call: Call):
        self.store.copy_product(call.caller, call.required('SourceProductArn'), _text(call, 'TargetProductName'))
        return Body()

    def create_product_version(self, call: Call):
        product_id, name = call.required('ProductId'), _text(call, 'ProductVersionName', True)
        call.required('TemplateType')
        template_type = call.choice('TemplateType', TEMPLATE_TYPES, None, 'InvalidParameter.TemplateType')
        template_url = call.required('TemplateUrl')
        active = _flag(call, 'Active')
        guidance = call.choice('Guidance', GUIDANCES, 'Default', 'InvalidParameter.Guidance')
        version_id = self.store.create_version(product_id, name, template_type, template_url, True if active is None else active, guidance,
                                               _text(call, 'Description') or '')
        return Body(ProductVersionId=version_id)

    def update_product_version(self, call: Call):
        version_id, name = call.required('ProductVersionId'), _text(call, 'ProductVersionName', True)
        guidance = call.choice('Guidance', GUIDANCES, None, 'InvalidParameter.Guidance')
        return Body(ProductVersionId=self.store.update_version(version_id, name, _flag(call, 'Active'), guidance,
                                                               _changed_text(call, 'Description')))

    def delete_product_version(self, call: Call):
        self.store.delete_version(call.required('ProductVersionId'))
        return Body()

    def create_template(self, call: Call):
        body = call.required('TemplateBody')
        call.required('TemplateType')
        template_type = call.choice('TemplateType', TEMPLATE_TYPES, None, 'InvalidParameter.TemplateType')
        variables = []
        for entry in p.indexed_entries(call.params, 'TerraformVariables', ('VariableName', 'Description'), 200):
            if not entry.get('VariableName'):
                raise invalid_parameter(f'TerraformVariables.{entry["_N"]}.VariableName is required.', 'InvalidParameter.TerraformVariables')
            variables.append((entry['VariableName'], entry.get('Description', '')))
        return Body(TemplateUrl=self.store.create_template(body, template_type, variables))

    # -- constraints -----------------------------------------------------------------------------------------------------

    def create_constraint(self, call: Call):
        call.required('ConstraintType')
        kind = call.choice('ConstraintType', ('Launch',), None, 'InvalidParameter.ConstraintType')
        config, portfolio_id, product_id = call.required('Config'), call.required('PortfolioId'), call.required('ProductId')
        return Body(ConstraintId=self.store.create_constraint(kind, config, portfolio_id, product_id, _text(call, 'Description') or ''))

    def update_constraint(self, call: Call):
        constraint_id, config = call.required('ConstraintId'), call.required('Config')
        return Body(ConstraintId=self.store.update_constraint(constraint_id, config, _changed_text(call, 'Description')))

    def delete_constraint(self, call: Call):
        self.store.delete_constraint(call.required('ConstraintId'))
        return Body()

    # -- tag options -----------------------------------------------------------------------------------------------------

    def create_tag_option(self, call: Call):
        key, value = call.required('Key'), call.required('Value')
        problem = tag_problem(key, value)
        if problem:
            raise invalid_parameter(f'The tag option: {problem}.', 'InvalidParameter.TagOption')
        return Body(TagOptionDetail=self.store.create_tag_option(call.caller, key, value))

    def update_tag_option(self, call: Call):
        tag_option_id, value = call.required('TagOptionId'), call.value('Value')
        if value is not None:
            problem = tag_problem('key', value)
            if problem:
                raise invalid_parameter(f'The tag option: {problem}.', 'InvalidParameter.TagOption')
        return Body(TagOptionDetail=self.store.update_tag_option(tag_option_id, value, _flag(call, 'Active')))

    def delete_tag_option(self, call: Call):
        self.store.delete_tag_option(call.required('TagOptionId'))
        return Body()

    # -- associations ----------------------------------------------------------------------------------------------------

    def associate_product_with_portfolio(self, call: Call):
        self.store.associate_product(call.required('ProductId'), call.required('PortfolioId'))
        return Body()

    def disassociate_product_from_portfolio(self, call: Call):
        self.store.disassociate_product(call.required('ProductId'), call.required('PortfolioId'))
        return Body()

    def associate_principal_with_portfolio(self, call: Call):
        self.store.associate_principal(*_principal(call))
        return Body()

    def disassociate_principal_from_portfolio(self, call: Call):
        self.store.disassociate_principal(*_principal(call))
        return Body()

    def associate_tag_option_with_resource(self, call: Call):
        self.store.associate_tag_option(call.required('TagOptionId'), call.required('ResourceId'))
        return Body()

    def dis_associate_tag_option_from_resource(self, call: Call):
        self.store.disassociate_tag_option(call.required('TagOptionId'), call.required('ResourceId'))
        return Body()
