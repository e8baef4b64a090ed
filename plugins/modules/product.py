#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: product
short_description: Create, update and delete Alibaba Cloud Service Catalog products
version_added: 0.3.0
description:
  - Creates a product with C(CreateProduct), optionally with its first version in the same call (O(version)), changes
    its name, provider and description with C(UpdateProduct), or deletes it with C(DeleteProduct).
  - Idempotent. The product is found by its exact O(name) (C(ListProductsAsAdmin), then C(GetProductAsAdmin)) or by
    O(product_id); the module writes only when a field differs.
  - O(product_type) and O(template_type) cannot change in place (C(UpdateProduct) has no such parameters); a
    different value fails naming the option.
  - No write operation of the API takes an idempotency token, so a write whose answer is lost after it may have
    reached the server (a time-out, an HTTP 5xx answer, a dropped connection) is never sent again; the module reads
    the product again by its name or ID and continues from what it finds.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  name:
    description:
      - The name of the product (1 to 128 characters), its natural key. Compared exactly (the API's name filter ignores
        case; the module does not). When several products have this name the module fails, listing their IDs.
      - Required to create. With O(product_id), the product is renamed to it when its name differs.
    type: str
  product_id:
    description:
      - The ID of an existing product, for example C(prod-bp18r7q127a001). Used instead of the name to find it.
      - With O(state=present) the product must exist.
    type: str
  state:
    description:
      - V(present) creates the product or updates its name, provider and description.
      - V(absent) deletes it. A product that does not exist is not an error. The service's refusal (for example while
        the product is still in a portfolio, from which M(alicloud.servicecatalog.portfolio_product) removes it) fails
        the module with the service's code and message.
      - Whether deleting a product that still has versions or instances is refused by the service is unverified (the
        project's emulator deletes its versions with it).
    type: str
    choices: [present, absent]
    default: present
  product_type:
    description:
      - The type of the product. The API knows only V(Ros).
      - Cannot change in place.
    type: str
    choices: [Ros]
    default: Ros
  provider_name:
    description:
      - The provider shown for the product (1 to 128 characters). Required to create.
      - Not given, an update keeps the current provider (C(UpdateProduct) always sends it).
    type: str
  description:
    description:
      - The description of the product (at most 128 characters). Not given, it is left as it is.
    type: str
  template_type:
    description:
      - The type of the templates of the product's versions. Cannot change in place.
      - Not given, it is not compared, and a product is created with the service's default type (the
        project's emulator uses V(RosTerraformTemplate); the real service's default is unverified).
      - Required with O(version).
    type: str
    choices: [RosTerraformTemplate, RosStandardTemplate]
  version:
    description:
      - A first version created with the product, in the same C(CreateProduct) call (its C(ProductVersionParameters)).
      - Used B(only when the product is created); for an existing product it is not compared and nothing is written
        for it. Add and change versions with M(alicloud.servicecatalog.product_version), which also finds the one
        created here by its name.
      - In check mode the template is checked here but not uploaded.
    type: dict
    suboptions:
      name:
        description: The name of the version (1 to 128 characters), for example C(1.0).
        type: str
        required: true
      template:
        description:
          - The template of the version, a dict or its JSON or YAML text (parsed, at most 524,288 characters and 100
            levels deep), uploaded as JSON text with C(CreateTemplate).
          - One of O(version.template) and O(version.template_url) is required.
        type: raw
      template_url:
        description: The URL of a template uploaded before (C(CreateTemplate)'s C(TemplateUrl)).
        type: str
      description:
        description: The description of the version (at most 128 characters).
        type: str
      active:
        description: Whether end users can launch the version. Not given, the service's default (active).
        type: bool
      guidance:
        description: The version's guidance. Not given, the service's default (V(Default)).
        type: str
        choices: [Default, Recommended, Latest, Deprecated]
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.product_info
  - module: alicloud.servicecatalog.product_version
'''

EXAMPLES = r'''
- name: A product with its first version (the template could also come from a file, with the file lookup)
  alicloud.servicecatalog.product:
    name: network
    provider_name: Platform Engineering
    description: A VPC with one vSwitch.
    template_type: RosStandardTemplate
    version:
      name: "1.0"
      guidance: Recommended
      template:
        ROSTemplateFormatVersion: "2015-09-01"
        Parameters:
          cidr_block: {Type: String, Default: 10.0.0.0/16}
        Resources:
          vpc:
            Type: ALIYUN::ECS::VPC
            Properties: {CidrBlock: {Ref: cidr_block}}
        Outputs:
          vpc_id: {Value: {"Fn::GetAtt": [vpc, VpcId]}}
  register: product

- name: Its IDs
  ansible.builtin.debug:
    msg: "{{ product.product.product_id }} {{ product.product_version_id | default('no new version') }}"

- name: Change the description of an existing product, found by its name
  alicloud.servicecatalog.product:
    name: DEMO-ECS instance
    description: An ECS instance with a security group and an elastic IP (reviewed).

- name: Rename a product by its ID
  alicloud.servicecatalog.product:
    product_id: "{{ product.product.product_id }}"
    name: network-classic

- name: Delete it
  alicloud.servicecatalog.product:
    name: network-classic
    state: absent
'''

RETURN = r'''
product:
  description:
    - The product as C(GetProductAsAdmin) returns it, in snake_case (as M(alicloud.servicecatalog.product_info) with
      C(view=admin) returns each one); empty once deleted and in check mode before a create.
  returned: always
  type: dict
  sample:
    product_id: prod-bp1wr000000001
    product_name: network
    product_type: Ros
    provider_name: Platform Engineering
    description: A VPC with one vSwitch.
    template_type: RosStandardTemplate
    product_arn: "acs:servicecatalog:cn-hangzhou:1466115886170001:product/prod-bp1wr000000001"
    create_time: "2026-12-07T02:00:00Z"
    tag_options: []
product_version_id:
  description: The ID of the first version, created with the product from O(version).
  returned: when this run created the product with O(version)
  type: str
  sample: pv-bp1wr000000002
changes:
  description: What changed (or, in check mode, would change), one line each, for example C(description -> ...).
  returned: always
  type: list
  elements: str
  sample: ["create product"]
diff:
  description: Before and after of the name, provider, description and types (also shown with C(--diff)).
  returned: always
  type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case, text_option
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Resource, run
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.templates import (
    TEMPLATE_TYPES, template_document, upload, version_options, version_parameters,
)

GET = 'GetProductAsAdmin'
IMMUTABLE = (('product_type', 'ProductType'), ('template_type', 'TemplateType'))


class Product(Resource):
    what = 'product'
    argument_spec = dict(
        name=dict(type='str'),
        product_id=dict(type='str'),
        product_type=dict(type='str', choices=['Ros'], default='Ros'),
        provider_name=dict(type='str'),
        description=dict(type='str'),
        template_type=dict(type='str', choices=TEMPLATE_TYPES),
        version=dict(type='dict', options=version_options(True), mutually_exclusive=[('template', 'template_url')],
                     required_one_of=[('template', 'template_url')]),
    )
    rules = dict(required_one_of=[('name', 'product_id')])

    def __init__(self, module):
        super(Product, self).__init__(module)
        self.product_id = None
        self.given = {}         # the options given, checked (find(): inside the module's error handling)
        self.version = None     # the first version to create: the version option, checked, its template parsed
        self.version_id = None  # the first version, when this run created the product with one

    def _get(self, product_id):
        return self.by_id(GET, 'ProductId', product_id)

    def _by_name(self, name):
        found = self.by_name('ListProductsAsAdmin', 'ProductName', 'ProductName', 'ProductId', name)
        return self._get(found['ProductId']) if found is not None else None

    def find(self):
        self.product_id = require_text(self.params, 'product_id')
        self.given = dict((key, value) for key, value in (
            ('name', text_option(self.params, 'name')), ('provider_name', text_option(self.params, 'provider_name')),
            ('description', text_option(self.params, 'description')), ('product_type', self.params['product_type']),
            ('template_type', self.params['template_type'])) if value is not None)
        if not self.product_id:
            return self._by_name(self.given['name'])
        current = self._get(self.product_id)
        if current is None and self.params['state'] == 'present':
            raise ConfigError('product_id: there is no product %s; give name (without the ID) to create one' % self.product_id)
        return current

    def view(self, document):
        return dict(name=document.get('ProductName'), provider_name=document.get('ProviderName'), description=document.get('Description'),
                    product_type=document.get('ProductType'), template_type=document.get('TemplateType'))

    def desired(self, current):
        if current is not None:
            for option, key in IMMUTABLE:
                if option in self.given and self.given[option] != current.get(key):
                    raise ConfigError('%s: cannot change in place: product %s is %s, not %s (create another product)' % (
                        option, current['ProductId'], current.get(key), self.given[option]))
            return dict(self.view(current), **self.given)
        for option in ('name', 'provider_name'):
            if option not in self.given:
                raise ConfigError('%s: required to create a product' % option)
        desired = dict(self.given)
        version = self.params['version']
        if version is not None:
            if 'template_type' not in self.given:
                raise ConfigError('template_type: required to create a product with a first version (version)')
            self.version = dict(version, name=text_option(version, 'name', 'version.name'),
                                description=text_option(version, 'description', 'version.description'))
            if version.get('template') is not None:
                self.version['document'], self.version['upload'] = template_document(version['template'], 'version.template')
            desired['version'] = dict((key, self.version[key]) for key in ('name', 'template_url', 'description', 'active', 'guidance')
                                      if self.version.get(key) is not None)
        return desired

    # -- writes --------------------------------------------------------------------------------------

    def create(self, desired):
        params = dict(ProductName=desired['name'], ProviderName=desired['provider_name'], Description=desired.get('description'),
                      ProductType=desired['product_type'], TemplateType=desired.get('template_type'))
        if 'version' in desired:
            version = self.version
            url = version.get('template_url') or upload(self, version['upload'], desired['template_type'])
            params['ProductVersionParameters'] = version_parameters(version, desired['template_type'], url)
        answer, found = self.write('CreateProduct', params, recover=lambda: self._by_name(desired['name']))
        product = self._get(answer['ProductId'] if answer else found['ProductId'])
        if 'version' in desired:
            self.version_id = (answer or {}).get('ProductVersionId') or self._version_named(product['ProductId'], self.version['name'])
        return product

    def _version_named(self, product_id, name):
        found = [v for v in self.client.list('ListProductVersions', {'ProductId': product_id}).items if v.get('ProductVersionName') == name]
        return found[0]['ProductVersionId'] if found else None

    def update(self, current, desired, changes):
        product_id = current['ProductId']

        def recover():
            now = self._get(product_id)
            return now if now is not None and all(self.view(now)[key] == desired[key] for key in ('name', 'provider_name', 'description')) else None

        self.write('UpdateProduct', dict(ProductId=product_id, ProductName=desired['name'], ProviderName=desired['provider_name'],
                                         Description=self.given.get('description')), recover=recover)
        return self._get(product_id)

    def delete(self, current):
        return self.delete_by_id('DeleteProduct', GET, 'ProductId', current['ProductId'])

    def result(self, document):
        result = dict(product=snake_case(document) if document else {})
        if self.version_id:
            result['product_version_id'] = self.version_id
        return result


def main():
    run(Product)


if __name__ == '__main__':
    main()
