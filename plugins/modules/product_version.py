#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: product_version
short_description: Create, update, replace and delete versions of Alibaba Cloud Service Catalog products
version_added: 0.3.0
description:
  - Creates a version of a product (its template uploaded with C(CreateTemplate), then C(CreateProductVersion)),
    changes its name, active flag, guidance and description with C(UpdateProductVersion), or deletes it with
    C(DeleteProductVersion).
  - Idempotent. The version is found by its exact O(name) among the versions of the product (C(ListProductVersions))
    or by O(product_version_id); the module writes only when a field differs.
  - B(A version's template cannot change) (the API has no parameter for it). The module compares the desired
    O(template) with the version's own (C(GetTemplate)), both parsed, so formatting, key order and JSON or YAML do not
    count, and fails naming the version when they differ, unless O(replace=true). O(template_url) is compared with
    the version's C(TemplateUrl) (the text behind a URL cannot be read).
  - No write operation of the API takes an idempotency token, so a write whose answer is lost after it may have
    reached the server (a time-out, an HTTP 5xx answer, a dropped connection) is never sent again; the module reads
    the versions of the product again and continues from what it finds.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  product_id:
    description:
      - The product of the version, for example C(prod-bp18r7q127a001). Required (or O(product_name)) unless
        O(product_version_id) is given; with it, must be the version's product (a version cannot move).
    type: str
  product_name:
    description:
      - The exact name of the product, among the products the caller administers (C(ListProductsAsAdmin)). Several
        products of that name fail, listing their IDs.
    type: str
  name:
    description:
      - The name of the version (1 to 128 characters), for example C(1.1), its natural key within the product.
        Compared exactly; several versions of that name fail, listing their IDs.
      - Required to create. With O(product_version_id), the version is renamed to it when its name differs.
    type: str
  product_version_id:
    description:
      - The ID of an existing version, for example C(pv-bp15e79d26a001). Used instead of the name to find it.
      - With O(state=present) the version must exist.
    type: str
  state:
    description:
      - V(present) creates the version or updates it; V(absent) deletes it. A version that does not exist (or whose
        product does not) is not an error.
    type: str
    choices: [present, absent]
    default: present
  template:
    description:
      - The template of the version, a dict or its JSON or YAML text (at most 524,288 characters and 100 levels deep).
        Uploaded as JSON text with C(CreateTemplate) when the version is created (never in check mode).
      - For an existing version, compared with its template as parsed documents; a different one fails naming the
        version, unless O(replace=true).
      - One of O(template) and O(template_url) is required to create.
    type: raw
  template_url:
    description:
      - The URL of a template uploaded before (C(CreateTemplate)'s C(TemplateUrl)), used as it is.
      - For an existing version, compared with its C(TemplateUrl) as text; a different one is a different template.
    type: str
  template_type:
    description:
      - The type of the template. Not given, the product's (C(GetProductAsAdmin) C(TemplateType)); a product's versions
        share its type.
      - Cannot change; a different type fails naming this option (O(replace) does not apply).
    type: str
    choices: [RosTerraformTemplate, RosStandardTemplate]
  active:
    description:
      - Whether end users can launch the version. Not given, a new version gets the service's default (active) and an
        existing one keeps its flag.
    type: bool
  guidance:
    description:
      - The version's guidance. Not given, a new version gets the service's default (V(Default)) and an existing one
        keeps its guidance.
    type: str
    choices: [Default, Recommended, Latest, Deprecated]
  description:
    description:
      - The description of the version (at most 128 characters). Not given, it is left as it is.
    type: str
  replace:
    description:
      - When the template given differs from the version's, replace the version, in this order, the new template
        uploaded first (C(CreateTemplate), so a template the service refuses leaves the old version in place), the old
        version deleted (C(DeleteProductVersion)), a new one created with the same name and the desired fields
        (C(CreateProductVersion)).
      - B(The version ID changes) (RV(replaced_product_version_id) returns the old one). Instances launched from the old
        version are not updated or terminated by this module; they still name the old version ID. Whether the service
        refuses to delete a version that instances use, and what it then allows for them, is unverified (the
        project's emulator deletes it and leaves its instances as they are). Update them to the new version with
        M(alicloud.servicecatalog.provisioned_product).
      - V(false) (the default) fails instead, naming the version and the first paths of the template that differ.
    type: bool
    default: false
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.product_version_info
  - module: alicloud.servicecatalog.template_info
  - module: alicloud.servicecatalog.product
notes:
  - With C(--diff) the template is shown flattened, one line per value (C(Resources.vpc.Type)), a text of several
    lines (a Terraform C(main.tf)) as a list of its lines, so that only what differs stands out.
'''

EXAMPLES = r'''
- name: A version of the demo product, its template given as YAML text
  alicloud.servicecatalog.product_version:
    product_name: DEMO-ECS instance
    name: "3.0"
    guidance: Latest
    template: |
      ROSTemplateFormatVersion: "2015-09-01"
      Transform: Aliyun::Terraform-v1.2
      Parameters:
        instance_type: {Type: String, Default: ecs.g7.large}
      Workspace:
        main.tf: |
          variable "instance_type" {}
          output "instance_id" { value = "" }
  register: version

- name: Make it the default version, by its ID
  alicloud.servicecatalog.product_version:
    product_version_id: "{{ version.product_version.product_version_id }}"
    guidance: Default

- name: A changed template replaces the version (its ID changes)
  alicloud.servicecatalog.product_version:
    product_name: DEMO-ECS instance
    name: "3.0"
    replace: true
    template:
      ROSTemplateFormatVersion: "2015-09-01"
      Transform: Aliyun::Terraform-v1.2
      Parameters:
        instance_type: {Type: String, Default: ecs.g7.xlarge}
      Workspace:
        main.tf: |
          variable "instance_type" {}
          output "instance_id" { value = "" }

- name: Deactivate an old version
  alicloud.servicecatalog.product_version:
    product_id: prod-bp18r7q127a001
    name: "1.0"
    active: false
    guidance: Deprecated

- name: Delete the version
  alicloud.servicecatalog.product_version:
    product_name: DEMO-ECS instance
    name: "3.0"
    state: absent
'''

RETURN = r'''
product_version:
  description:
    - The version as C(GetProductVersion) returns it, in snake_case (as M(alicloud.servicecatalog.product_version_info)
      returns each one); empty once deleted and in check mode before a create.
  returned: always
  type: dict
  sample:
    product_version_id: pv-bp1wr000000004
    product_version_name: "3.0"
    product_id: prod-bp18r7q127a001
    active: true
    guidance: Latest
    description: ""
    template_type: RosTerraformTemplate
    template_url: "oss://servicecatalog-templates-cn-hangzhou/uploads/tpl-bp1wr000000003/template.json"
    create_time: "2026-12-07T02:00:00Z"
replaced_product_version_id:
  description: The ID of the version that O(replace=true) deleted (the new one is in RV(product_version)).
  returned: when this run replaced the version
  type: str
  sample: pv-bp1wr000000002
changes:
  description:
    - What changed (or, in check mode, would change), one line each, for example C(guidance -> Default) or, for a
      replaced template, C(template.Parameters.instance_type.Default -> ecs.g7.xlarge).
  returned: always
  type: list
  elements: str
  sample: ["create product version"]
diff:
  description: Before and after of the name, flags, description, type and template (flattened) (also shown with C(--diff)).
  returned: always
  type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import require_text, snake_case, text_option
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.documents import parse_template
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Resource, run
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.templates import (
    TEMPLATE_TYPES, differing_paths, flag, flatten, template_document, upload, version_options,
)

GET = 'GetProductVersion'
MANAGED = ('name', 'active', 'guidance', 'description')


class ProductVersion(Resource):
    what = 'product version'
    argument_spec = dict(
        product_id=dict(type='str'),
        product_name=dict(type='str'),
        product_version_id=dict(type='str'),
        template_type=dict(type='str', choices=TEMPLATE_TYPES),
        replace=dict(type='bool', default=False),
        **version_options(False)
    )
    rules = dict(required_one_of=[('name', 'product_version_id')],
                 mutually_exclusive=[('product_id', 'product_name'), ('template', 'template_url')])

    def __init__(self, module):
        super(ProductVersion, self).__init__(module)
        self.given = {}         # name, active, guidance, description as given (checked in find())
        self.product = None     # GetProductAsAdmin of the version's product (None: not found)
        self.template = None    # (document, text to upload) of the template option
        self.stored = None      # the existing version's template: parsed, or its text when it cannot be parsed
        self.replacing = False  # the template differs and replace is true
        self.replaced = None    # the version ID this run deleted to replace it

    # -- find and compare --------------------------------------------------------------------------

    def _product(self):
        """GetProductAsAdmin of product_id / product_name, or None when there is none."""
        product_id = require_text(self.params, 'product_id')
        name = text_option(self.params, 'product_name')
        if name:
            listing = self.client.list('ListProductsAsAdmin', {'Filters.1.Key': 'ProductName', 'Filters.1.Value': name})
            found = [item for item in listing.items if item.get('ProductName') == name]  # the filter ignores case
            if len(found) > 1:
                raise ConfigError('product_name: %d products are named %r (%s); give product_id instead' % (
                    len(found), name, ', '.join(sorted(str(item.get('ProductId')) for item in found))))
            if not found:
                return None
            product_id = found[0]['ProductId']
        return self.by_id('GetProductAsAdmin', 'ProductId', product_id) if product_id else None

    def _named(self, product_id, name):
        """The version of the product named exactly ``name`` (GetProductVersion), or None; several fail listing them."""
        found = [v for v in self.client.list('ListProductVersions', {'ProductId': product_id}).items if v.get('ProductVersionName') == name]
        if len(found) > 1:
            raise ConfigError('name: %d versions of product %s are named %r (%s); give product_version_id instead' % (
                len(found), product_id, name, ', '.join(sorted(str(v.get('ProductVersionId')) for v in found))))
        return self.by_id(GET, 'ProductVersionId', found[0]['ProductVersionId']) if found else None

    def find(self):
        present = self.params['state'] == 'present'
        self.given = dict((key, value) for key, value in (
            ('name', text_option(self.params, 'name')), ('active', self.params['active']), ('guidance', self.params['guidance']),
            ('description', text_option(self.params, 'description'))) if value is not None)
        version_id = require_text(self.params, 'product_version_id')
        product_given = self.params['product_id'] is not None or self.params['product_name'] is not None
        self.product = self._product() if product_given else None
        if product_given and self.product is None and present:
            raise ConfigError('%s: there is no product %s' % (('product_name', repr(self.params['product_name'])) if self.params['product_name']
                                                              else ('product_id', self.params['product_id'])))
        if version_id:
            current = self.by_id(GET, 'ProductVersionId', version_id)
            if current is None and present:
                raise ConfigError('product_version_id: there is no product version %s; give name (without the ID) to create one' % version_id)
            if current is not None and self.product is not None and current.get('ProductId') != self.product['ProductId']:
                raise ConfigError('product_id: version %s belongs to product %s, not %s; a version cannot move to another product' % (
                    version_id, current.get('ProductId'), self.product['ProductId']))
        elif not product_given:
            raise ConfigError('product_id: give product_id or product_name to find the version by its name')
        else:
            current = self._named(self.product['ProductId'], self.given['name']) if self.product is not None else None
        if current is not None and present and self.product is None:
            self.product = self.by_id('GetProductAsAdmin', 'ProductId', current['ProductId'])
        if current is not None and present and self.params['template'] is not None:
            body = self.client.get('GetTemplate', {'ProductId': current['ProductId'], 'ProductVersionId': current['ProductVersionId']})
            document, why = parse_template(body or '')
            self.stored = document if why is None else body
        return current

    def view(self, document):
        view = dict(name=document.get('ProductVersionName'), active=document.get('Active'), guidance=document.get('Guidance'),
                    description=document.get('Description'), template_type=document.get('TemplateType'))
        if self.params['template'] is not None and self.stored is not None:
            view['template'] = flatten(self.stored)
        elif self.params['template_url'] is not None:
            view['template_url'] = document.get('TemplateUrl')
        return view

    def desired(self, current):
        template_type = self.params['template_type']
        if self.params['template'] is not None:
            self.template = template_document(self.params['template'])
        if current is None:
            if 'name' not in self.given:
                raise ConfigError('name: required to create a product version')
            if self.template is None and self.params['template_url'] is None:
                raise ConfigError('template: required (or template_url) to create a product version')
            desired = dict(self.given, template_type=template_type or self.product.get('TemplateType'))
        else:
            if template_type is not None and template_type != current.get('TemplateType'):
                raise ConfigError('template_type: cannot change: version %r (%s) is %s, not %s (a product\'s versions share its type)' % (
                    current.get('ProductVersionName'), current['ProductVersionId'], current.get('TemplateType'), template_type))
            desired = dict(self.view(current), **self.given)
        if self.template is not None:
            desired['template'] = flatten(self.template[0])
        elif self.params['template_url'] is not None:
            desired['template_url'] = self.params['template_url']
        if current is not None:
            self._refuse_another_template(current, desired)
        return desired

    def _refuse_another_template(self, current, desired):
        before = self.view(current)
        key = 'template' if 'template' in desired else 'template_url' if 'template_url' in desired else None
        if key is None or before.get(key) == desired[key]:
            return
        if self.params['replace']:
            self.replacing = True
            return
        what = ('these paths differ: %s' % differing_paths(before[key], desired[key]) if key == 'template' and isinstance(self.stored, dict)
                else 'its template cannot be read to compare' if key == 'template' else 'its TemplateUrl is %s' % current.get('TemplateUrl'))
        raise ConfigError('%s: version %r (%s) of product %s has another template (%s); a version\'s template cannot change: give '
                          'replace=true to delete the version and create it again (its ID changes), or create a version under another name' % (
                              key, current.get('ProductVersionName'), current['ProductVersionId'], current.get('ProductId'), what))

    # -- writes --------------------------------------------------------------------------------------

    def _template_url(self, template_type):
        return self.params['template_url'] or upload(self, self.template[1], template_type)

    def create(self, desired):
        return self._create(desired, self._template_url(desired['template_type']))

    def _create(self, desired, url):
        product_id, name = self.product['ProductId'], desired['name']
        answer, found = self.write('CreateProductVersion', dict(
            ProductId=product_id, ProductVersionName=name, TemplateType=desired['template_type'], TemplateUrl=url,
            Active=flag(desired.get('active')), Guidance=desired.get('guidance'), Description=desired.get('description')),
            recover=lambda: self._named(product_id, name))
        return self.by_id(GET, 'ProductVersionId', answer['ProductVersionId']) if answer else found

    def update(self, current, desired, changes):
        version_id = current['ProductVersionId']
        if self.replacing:
            url = self._template_url(desired['template_type'])  # uploaded (and checked by the service) before the old one goes
            self.delete(current)
            self.replaced = version_id
            return self._create(desired, url)

        def recover():
            now = self.by_id(GET, 'ProductVersionId', version_id)
            return now if now is not None and all(self.view(now)[key] == desired[key] for key in MANAGED) else None

        self.write('UpdateProductVersion', dict(
            ProductVersionId=version_id, ProductVersionName=desired['name'], Active=flag(self.given.get('active')),
            Guidance=self.given.get('guidance'), Description=self.given.get('description')), recover=recover)
        return self.by_id(GET, 'ProductVersionId', version_id)

    def delete(self, current):
        return self.delete_by_id('DeleteProductVersion', GET, 'ProductVersionId', current['ProductVersionId'])

    def result(self, document):
        result = dict(product_version=snake_case(document) if document else {})
        if self.replaced:
            result['replaced_product_version_id'] = self.replaced
        return result


def main():
    run(ProductVersion)


if __name__ == '__main__':
    main()
