"""The administration writes: portfolios, products, versions, templates, constraints, tag options and associations.

``CatalogWrites`` is a mixin of ``Store`` (its lock, ID serial and catalog). Every call is checked completely before
anything changes and is synchronous, as the API notes say; the reads see the change at once. What the notes leave
unverified is decided here and listed in README.md ("Administration writes").
"""
from __future__ import annotations

import json
import re

from .errors import ApiError, invalid_parameter, not_found
from .model import REGION_ID, TAG_OPTION_FIELDS, iso, project

TEMPLATE_URL_PREFIX = f'oss://servicecatalog-templates-{REGION_ID}/uploads/'
_ARN_RE = re.compile(r'^acs:servicecatalog:[a-z0-9-]*:(\d*):product/(prod-[A-Za-z0-9]+)$')
_VARIABLE_RE = re.compile(r'variable\s+"([^"]+)"')


def conflict(code: str, message: str) -> ApiError:
    """409: the item is in use (DeleteConflict.*) or already exists (EntityAlreadyExist.*), codes chosen by the emulator."""
    return ApiError(409, code, message)


def no_association(message: str) -> ApiError:
    return ApiError(404, 'EntityNotExist.Association', message)


class CatalogWrites:
    """The write side of the catalog (mixed into Store)."""

    def _now(self) -> str:
        return iso(self.clock())

    def _item(self, kind: str, item_id: str, changing: bool = False) -> dict:
        """A portfolio or product (``kind`` Portfolio / Product) by ID, 404 if unknown; ``changing``: refused if imported."""
        item = (self.cat.portfolios if kind == 'Portfolio' else self.cat.products).get(item_id)
        if item is None:
            raise not_found(kind, item_id)
        if changing and item.get('_Imported'):
            raise ApiError(400, 'InvalidOperation.Imported', f'The {kind.lower()} {item_id} is imported from another account: it is changed there.')
        return item

    def _portfolio(self, portfolio_id: str, changing: bool = False) -> dict:
        return self._item('Portfolio', portfolio_id, changing)

    def _product(self, product_id: str, changing: bool = False) -> dict:
        return self._item('Product', product_id, changing)

    # -- portfolios ------------------------------------------------------------------------------------------------------

    def create_portfolio(self, caller, name: str, provider: str, description: str) -> str:
        with self._lock:
            portfolio_id = self._next_id('port')
            self.cat.add(portfolios=[{'PortfolioId': portfolio_id, 'PortfolioName': name, 'ProviderName': provider, 'Description': description,
                                      'PortfolioArn': f'acs:servicecatalog:{REGION_ID}:{caller.uid}:portfolio/{portfolio_id}',
                                      'CreateTime': self._now(), '_Imported': False, 'TagOptionIds': [], 'Principals': []}])
            return portfolio_id

    def rename(self, kind: str, item_id: str, name: str, provider: str, description: str | None) -> str:
        """UpdatePortfolio / UpdateProduct (``kind`` Portfolio / Product): name and provider, description when sent."""
        with self._lock:
            item = self._item(kind, item_id, changing=True)
            item.update({f'{kind}Name': name, 'ProviderName': provider})
            if description is not None:
                item['Description'] = description
            return item_id

    def delete_portfolio(self, portfolio_id: str) -> None:
        """Refused while the portfolio holds products; its principals and tag option links go with it."""
        with self._lock:
            self._portfolio(portfolio_id, changing=True)
            holding = [p['ProductId'] for p in self.cat.products.values() if portfolio_id in p.get('PortfolioIds', [])]
            if holding:
                raise conflict('DeleteConflict.Portfolio.Product', f'The portfolio {portfolio_id} still holds products '
                                                                   f'({", ".join(sorted(holding)[:10])}): disassociate them first.')
            del self.cat.portfolios[portfolio_id]

    # -- products, versions, templates -----------------------------------------------------------------------------------

    def create_product(self, caller, name: str, provider: str, description: str, template_type: str,
                       version: dict | None) -> tuple[str, str | None]:
        with self._lock:
            if version is not None:
                self._template_for(version['template_url'], version['template_type'])  # checked before anything is written
                if version['template_type'] != template_type:
                    raise invalid_parameter(f'ProductVersionParameters.TemplateType {version["template_type"]} differs from TemplateType '
                                            f'{template_type}.', 'InvalidParameter.ProductVersionParameters')
            product_id = self._next_id('prod')
            self.cat.add(products=[{'ProductId': product_id, 'ProductName': name, 'ProductType': 'Ros', 'ProviderName': provider,
                                    'Description': description, 'ProductArn': f'acs:servicecatalog:{REGION_ID}:{caller.uid}:product/{product_id}',
                                    'CreateTime': self._now(), 'TemplateType': template_type, '_Imported': False, 'PortfolioIds': [],
                                    'TagOptionIds': [], 'Versions': []}])
            version_id = self.create_version(product_id, **version) if version is not None else None
            return product_id, version_id

    def delete_product(self, product_id: str) -> None:
        """Refused while the product sits in a portfolio; its versions go with it (instances of it stay)."""
        with self._lock:
            item = self._product(product_id, changing=True)
            if item.get('PortfolioIds'):
                raise conflict('DeleteConflict.Product.Portfolio', f'The product {product_id} is in the portfolios '
                                                                   f'{", ".join(item["PortfolioIds"])}: disassociate it first.')
            for version in item.get('Versions', []):
                self.cat.versions.pop(version['ProductVersionId'], None)
            del self.cat.products[product_id]

    def copy_product(self, caller, source_arn: str, target_name: str | None) -> str:
        """A new product with the source's type, provider, description and versions (new IDs, same templates)."""
        with self._lock:
            match = _ARN_RE.match(source_arn)
            if not match:
                raise invalid_parameter(f'The parameter SourceProductArn must be acs:servicecatalog:<region>:<account>:product/<id>; '
                                        f'got {source_arn[:80]!r}.', 'InvalidParameter.SourceProductArn')
            source = self._product(match.group(2))
            product_id = self._next_id('prod')
            copy = {'ProductId': product_id, 'ProductName': target_name or source['ProductName'], 'ProductType': source.get('ProductType', 'Ros'),
                    'ProviderName': source['ProviderName'], 'Description': source['Description'],
                    'ProductArn': f'acs:servicecatalog:{REGION_ID}:{caller.uid}:product/{product_id}', 'CreateTime': self._now(),
                    'TemplateType': source['TemplateType'], '_Imported': False, 'PortfolioIds': [], 'TagOptionIds': [], 'Versions': []}
            for version in source.get('Versions', []):
                copy['Versions'].append(dict(version, ProductVersionId=self._next_id('pv'), ProductId=product_id, CreateTime=copy['CreateTime']))
            self.cat.add(products=[copy])
            return product_id

    def create_template(self, body: str, template_type: str, variables: list[tuple[str, str]]) -> str:
        """Stores a template; its URL. A JSON body must be an object; Terraform variables must exist in it."""
        with self._lock:
            try:
                document = json.loads(body)
            except ValueError:
                document = None
                if body.lstrip().startswith(('{', '[')):
                    raise invalid_parameter('The parameter TemplateBody is not valid JSON.', 'InvalidParameter.TemplateBody') from None
            if document is not None and not isinstance(document, dict):
                raise invalid_parameter('The parameter TemplateBody must be a JSON object (or YAML text).', 'InvalidParameter.TemplateBody')
            declared = set(_VARIABLE_RE.findall(body)) | set((document or {}).get('Parameters') or {})
            for n, (name, description) in enumerate(variables, start=1):
                if template_type == 'RosTerraformTemplate' and name not in declared:
                    raise invalid_parameter(f'TerraformVariables.{n}.VariableName {name[:60]!r} is not a variable of the template.',
                                            'InvalidParameter.TerraformVariables')
                if description:
                    try:
                        json.loads(description)
                    except ValueError:
                        raise invalid_parameter(f'TerraformVariables.{n}.Description must be JSON text.',
                                                'InvalidParameter.TerraformVariables') from None
            url = f'{TEMPLATE_URL_PREFIX}{self._next_id("tpl")}/template.json'
            self.cat.templates[url] = {'body': body, 'document': document, 'type': template_type}
            return url

    def _template_for(self, url: str, template_type: str) -> dict:
        """The template stored at a URL (CreateTemplate, or an existing version's); InvalidParameter.TemplateUrl if none."""
        found = self.cat.templates.get(url)
        if found is None:
            for version in self.cat.versions.values():
                if version.get('TemplateUrl') == url:
                    found = {'body': version['_TemplateBody'], 'document': version.get('_TemplateDocument'), 'type': version['TemplateType']}
                    break
        if found is None:
            raise invalid_parameter(f'No template is stored at {url[:120]} (make one with CreateTemplate).', 'InvalidParameter.TemplateUrl')
        if found['type'] != template_type:
            raise invalid_parameter(f'The template at {url[:120]} is a {found["type"]}; got TemplateType {template_type}.',
                                    'InvalidParameter.TemplateType')
        return found

    def create_version(self, product_id: str, name: str, template_type: str, template_url: str, active: bool = True, guidance: str = 'Default',
                       description: str = '') -> str:
        with self._lock:
            product = self._product(product_id, changing=True)
            if template_type != product['TemplateType']:
                raise invalid_parameter(f'The product {product_id} takes {product["TemplateType"]} templates; got {template_type}.',
                                        'InvalidParameter.TemplateType')
            template = self._template_for(template_url, template_type)
            version_id = self._next_id('pv')
            version = {'ProductVersionId': version_id, 'ProductVersionName': name, 'ProductId': product_id, 'Active': active,
                       'Guidance': guidance, 'Description': description, 'TemplateType': template_type, 'TemplateUrl': template_url,
                       'CreateTime': self._now(), '_TemplateBody': template['body'], '_TemplateDocument': template['document']}
            product['Versions'].append(version)
            self.cat.versions[version_id] = version
            return version_id

    def update_version(self, version_id: str, name: str, active: bool | None, guidance: str | None, description: str | None) -> str:
        with self._lock:
            version = self.cat.versions.get(version_id)
            if version is None:
                raise not_found('ProductVersion', version_id)
            self._product(version['ProductId'], changing=True)
            version['ProductVersionName'] = name
            for key, value in (('Active', active), ('Guidance', guidance), ('Description', description)):
                if value is not None:
                    version[key] = value
            return version_id

    def delete_version(self, version_id: str) -> None:
        """Instances of the version keep it (their version fields stay); plans and launches can no longer use it."""
        with self._lock:
            version = self.cat.versions.get(version_id)
            if version is None:
                raise not_found('ProductVersion', version_id)
            product = self._product(version['ProductId'], changing=True)
            product['Versions'] = [v for v in product['Versions'] if v['ProductVersionId'] != version_id]
            del self.cat.versions[version_id]

    # -- constraints -----------------------------------------------------------------------------------------------------

    def create_constraint(self, kind: str, config: str, portfolio_id: str, product_id: str, description: str) -> str:
        with self._lock:
            self._portfolio(portfolio_id)
            product = self._product(product_id)
            if portfolio_id not in product.get('PortfolioIds', []):
                raise invalid_parameter(f'The product {product_id} is not in the portfolio {portfolio_id}: associate it first.',
                                        'InvalidParameter.PortfolioId')
            _check_config(kind, config)
            for existing in self.cat.constraints_on(portfolio_id, product_id):
                if existing['ConstraintType'] == kind:
                    raise conflict('EntityAlreadyExist.Constraint', f'A {kind} constraint ({existing["ConstraintId"]}) is already set on the '
                                                                    f'product {product_id} in the portfolio {portfolio_id}.')
            constraint_id = self._next_id('cons')
            self.cat.add(constraints=[{'ConstraintId': constraint_id, 'ConstraintType': kind, 'Config': config, 'Description': description,
                                       'PortfolioId': portfolio_id, 'ProductId': product_id, 'CreateTime': self._now(), 'OperationTypes': [],
                                       'StackRegions': [], 'Approvers': []}])
            return constraint_id

    def update_constraint(self, constraint_id: str, config: str, description: str | None) -> str:
        with self._lock:
            item = self.cat.constraints.get(constraint_id)
            if item is None:
                raise not_found('Constraint', constraint_id)
            _check_config(item['ConstraintType'], config)
            item['Config'] = config
            if description is not None:
                item['Description'] = description
            return constraint_id

    def delete_constraint(self, constraint_id: str) -> None:
        with self._lock:
            if self.cat.constraints.pop(constraint_id, None) is None:
                raise not_found('Constraint', constraint_id)

    # -- tag options -----------------------------------------------------------------------------------------------------

    def _unique_tag_option(self, key: str, value: str, other_than: str = '') -> None:
        for item in self.cat.tag_options.values():
            if item['Key'] == key and item['Value'] == value and item['TagOptionId'] != other_than:
                raise conflict('EntityAlreadyExist.TagOption', f'The tag option {key}={value} already exists ({item["TagOptionId"]}).')

    def create_tag_option(self, caller, key: str, value: str) -> dict:
        with self._lock:
            self._unique_tag_option(key, value)
            item = {'TagOptionId': self._next_id('tag'), 'Key': key, 'Value': value, 'Active': True, 'Owner': caller.uid, 'CreateTime': self._now()}
            self.cat.add(tag_options=[item])
            return project(item, TAG_OPTION_FIELDS)

    def update_tag_option(self, tag_option_id: str, value: str | None, active: bool | None) -> dict:
        with self._lock:
            item = self.cat.tag_options.get(tag_option_id)
            if item is None:
                raise not_found('TagOption', tag_option_id)
            if value is not None:
                self._unique_tag_option(item['Key'], value, tag_option_id)
                item['Value'] = value
            if active is not None:
                item['Active'] = active
            return project(item, TAG_OPTION_FIELDS)

    def delete_tag_option(self, tag_option_id: str) -> None:
        """Refused while the tag option is attached to a product or portfolio."""
        with self._lock:
            if tag_option_id not in self.cat.tag_options:
                raise not_found('TagOption', tag_option_id)
            users = [item.get('ProductId') or item.get('PortfolioId') for item in (*self.cat.products.values(), *self.cat.portfolios.values())
                     if tag_option_id in item.get('TagOptionIds', [])]
            if users:
                raise conflict('DeleteConflict.TagOption.Resource', f'The tag option {tag_option_id} is attached to '
                                                                    f'{", ".join(sorted(users)[:10])}: detach it first.')
            del self.cat.tag_options[tag_option_id]

    # -- associations ----------------------------------------------------------------------------------------------------

    def associate_product(self, product_id: str, portfolio_id: str) -> None:
        """Adds the product to the portfolio (already there: nothing changes)."""
        with self._lock:
            self._portfolio(portfolio_id)
            product = self._product(product_id)
            if portfolio_id not in product.setdefault('PortfolioIds', []):
                product['PortfolioIds'].append(portfolio_id)

    def disassociate_product(self, product_id: str, portfolio_id: str) -> None:
        """Removes the product from the portfolio, with the constraints set on that pair."""
        with self._lock:
            self._portfolio(portfolio_id)
            product = self._product(product_id)
            if portfolio_id not in product.get('PortfolioIds', []):
                raise no_association(f'The product {product_id} is not in the portfolio {portfolio_id}.')
            product['PortfolioIds'] = [pid for pid in product['PortfolioIds'] if pid != portfolio_id]
            for constraint in self.cat.constraints_on(portfolio_id, product_id):
                del self.cat.constraints[constraint['ConstraintId']]

    def associate_principal(self, portfolio_id: str, principal_type: str, principal_id: str, pattern: str) -> None:
        """Grants the portfolio to a principal, by ID or by name pattern (already granted: nothing changes)."""
        with self._lock:
            item = self._portfolio(portfolio_id)
            entry = {'PrincipalType': principal_type, 'PrincipalId': principal_id, 'PrincipalPattern': pattern}
            if entry not in item['Principals']:
                item['Principals'].append(entry)

    def disassociate_principal(self, portfolio_id: str, principal_type: str, principal_id: str, pattern: str) -> None:
        with self._lock:
            item = self._portfolio(portfolio_id)
            kept = [p for p in item['Principals'] if not (p['PrincipalType'] == principal_type and p['PrincipalId'] == principal_id
                                                          and p['PrincipalPattern'] == pattern)]
            if len(kept) == len(item['Principals']):
                raise no_association(f'The {principal_type} {principal_id or pattern} is not a principal of the portfolio {portfolio_id}.')
            item['Principals'] = kept

    def _tag_option_target(self, resource_id: str) -> dict:
        if resource_id in self.cat.portfolios:
            return self.cat.portfolios[resource_id]
        if resource_id in self.cat.products:
            return self.cat.products[resource_id]
        if resource_id.startswith('port-'):
            raise not_found('Portfolio', resource_id)
        raise not_found('Product', resource_id)

    def associate_tag_option(self, tag_option_id: str, resource_id: str) -> None:
        with self._lock:
            option = self.cat.tag_options.get(tag_option_id)
            if option is None:
                raise not_found('TagOption', tag_option_id)
            target = self._tag_option_target(resource_id)
            if not option['Active']:
                raise ApiError(400, 'InvalidStatus.TagOption', f'The tag option {tag_option_id} is inactive: activate it first.')
            if tag_option_id not in target.setdefault('TagOptionIds', []):
                target['TagOptionIds'].append(tag_option_id)

    def disassociate_tag_option(self, tag_option_id: str, resource_id: str) -> None:
        with self._lock:
            if tag_option_id not in self.cat.tag_options:
                raise not_found('TagOption', tag_option_id)
            target = self._tag_option_target(resource_id)
            if tag_option_id not in target.get('TagOptionIds', []):
                raise no_association(f'The tag option {tag_option_id} is not attached to {resource_id}.')
            target['TagOptionIds'] = [tid for tid in target['TagOptionIds'] if tid != tag_option_id]


def _check_config(kind: str, config: str) -> None:
    """Config is JSON text of an object; a Launch constraint's names its role: {"LocalRoleName": "..."}."""
    try:
        document = json.loads(config)
    except ValueError:
        raise invalid_parameter('The parameter Config must be JSON text.', 'InvalidParameter.Config') from None
    if not isinstance(document, dict):
        raise invalid_parameter('The parameter Config must be a JSON object.', 'InvalidParameter.Config')
    role = document.get('LocalRoleName')
    if kind == 'Launch' and (not isinstance(role, str) or not role or set(document) != {'LocalRoleName'}):
        message = 'A Launch constraint takes the Config ' + json.dumps({'LocalRoleName': '<RAM role name>'}) + '.'
        raise invalid_parameter(message, 'InvalidParameter.Config')
