# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""product and product_version: main() in-process against the real emulator (tests/emulator), a fresh demo catalog.

Every write is checked in the emulator's own request log: none in check mode, none when nothing changed, exactly
one create when its answer is lost after it was executed, none sent again when the lost write left no trace.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import yaml

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.templates import differing_paths, flatten
from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules import conftest

# the emulator's package is on sys.path once conftest is imported
from sc_emulator.signing import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET  # pylint: disable=import-error

ECS, ECS_ID = 'DEMO-ECS instance', 'prod-bp18r7q127a001'  # in a portfolio; RosTerraformTemplate
TEMPLATE = {
    'ROSTemplateFormatVersion': '2015-09-01',
    'Parameters': {'cidr_block': {'Type': 'String', 'Default': '10.0.0.0/16'}},
    'Resources': {'vpc': {'Type': 'ALIYUN::ECS::VPC', 'Properties': {'CidrBlock': {'Ref': 'cidr_block'}}}},
    'Outputs': {'vpc_id': {'Value': {'Fn::GetAtt': ['vpc', 'VpcId']}}},
}
# the same template as JSON text (other key order, other layout) and as YAML text
TEMPLATE_JSON = json.dumps(dict(reversed(list(TEMPLATE.items()))), indent=7)
TEMPLATE_YAML = yaml.safe_dump(TEMPLATE, default_flow_style=False, sort_keys=True)
LOST = {'status': 500, 'content_type': 'application/json',
        'body': json.dumps({'Code': 'InternalError', 'Message': 'A system error occurred.', 'RequestId': 'r-lost'})}


class Emulator(conftest.Emulator):
    """conftest's emulator (control, log, auth), with this file's log helpers and a client for what tests read back."""

    def __init__(self, running):
        super(Emulator, self).__init__(running)
        self.auth['alicloud_region'] = 'cn-hangzhou'
        creds = StaticCredentialsProvider(Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, None, 'test'))
        self.client = ServiceCatalogClient(creds, endpoint=running.url)

    def writes(self):
        """(action, fault) of the write requests logged since the last call (the log is then cleared)."""
        entries = [entry for entry in self.control('log') if (entry.get('action') or '').startswith(('Create', 'Update', 'Delete'))]
        self.control('log/clear', {})
        return entries

    def run(self, name, args, check_mode=False, verbosity=0):
        return run_module(name, dict(self.auth, **args), check_mode=check_mode, verbosity=verbosity, diff=True)

    def versions(self, product_id):
        return self.client.list('ListProductVersions', {'ProductId': product_id}).items

    def products(self, name):
        items = self.client.list('ListProductsAsAdmin', {'Filters.1.Key': 'ProductName', 'Filters.1.Value': name}).items
        return [item for item in items if item['ProductName'] == name]


@pytest.fixture(scope='module')
def emulator():
    with conftest.on_demo_data(Emulator) as emu:
        yield emu
        emu.client.close()


def _ok(ran):
    assert ran.rc == 0, ran.result.get('msg')
    return ran.result


def _failed(ran, start):
    assert ran.rc == 1, ran.result
    message = ran.result['msg']
    assert message.startswith(start) and '\n' not in message, message
    return message


def _actions(entries):
    return [(entry['action'], entry.get('fault')) for entry in entries]


def _product(emulator, name, **args):
    result = _ok(emulator.run('product', dict(dict(name=name, provider_name='Unit', template_type='RosStandardTemplate'), **args)))
    emulator.writes()
    return result['product']['product_id']


# -- product ----------------------------------------------------------------------------------------


def test_product_create_again_update_rename_absent(emulator):
    args = dict(name='unit-net', provider_name='Unit', description='first', template_type='RosStandardTemplate')
    ran = _ok(emulator.run('product', args, check_mode=True))
    assert ran['changed'] and ran['changes'] == ['create product'] and ran['product'] == {}
    assert ran['diff'] == {'before': {}, 'after': dict(name='unit-net', provider_name='Unit', description='first', product_type='Ros',
                                                       template_type='RosStandardTemplate')}
    assert emulator.writes() == []
    ran = _ok(emulator.run('product', args))
    product = ran['product']
    assert ran['changed'] and product['product_name'] == 'unit-net' and product['template_type'] == 'RosStandardTemplate'
    assert set(product) >= {'product_id', 'product_arn', 'provider_name', 'description', 'product_type', 'create_time', 'tag_options'}
    assert 'product_version_id' not in ran
    writes = emulator.writes()
    assert _actions(writes) == [('CreateProduct', None)] and 'ProductVersionParameters' not in writes[0]['params']
    # as product_info returns it
    listed = run_module('product_info', dict(emulator.auth, view='admin', product_id=product['product_id'])).result['products']
    assert listed == [product]
    ran = _ok(emulator.run('product', args))
    assert not ran['changed'] and ran['changes'] == [] and ran['product'] == product
    assert emulator.writes() == []
    # a description changed; provider and name sent again as they are
    ran = _ok(emulator.run('product', dict(name='unit-net', description='second')))
    assert ran['changes'] == ['description: first -> second'] and ran['product']['description'] == 'second'
    writes = emulator.writes()
    assert _actions(writes) == [('UpdateProduct', None)]
    assert writes[0]['params'] == {'ProductId': product['product_id'], 'ProductName': 'unit-net', 'ProviderName': 'Unit', 'Description': 'second'}
    # renamed by ID
    ran = _ok(emulator.run('product', dict(product_id=product['product_id'], name='unit-net-2')))
    assert ran['changes'] == ['name: unit-net -> unit-net-2'] and ran['product']['product_name'] == 'unit-net-2'
    assert _actions(emulator.writes()) == [('UpdateProduct', None)]
    # absent in check mode, applied, again
    ran = _ok(emulator.run('product', dict(name='unit-net-2', state='absent'), check_mode=True))
    assert ran['changed'] and ran['diff']['after'] == {} and emulator.writes() == []
    ran = _ok(emulator.run('product', dict(name='unit-net-2', state='absent')))
    assert ran['changed'] and ran['product'] == {}
    ran = _ok(emulator.run('product', dict(product_id=product['product_id'], state='absent')))
    assert not ran['changed']
    assert _actions(emulator.writes()) == [('DeleteProduct', None)]


def test_product_immutable_fields_and_required_to_create(emulator):
    product_id = _product(emulator, 'unit-fixed')
    message = _failed(emulator.run('product', dict(name='unit-fixed', template_type='RosTerraformTemplate')), 'template_type: cannot change in place')
    assert product_id in message and 'RosStandardTemplate' in message
    _failed(emulator.run('product', dict(name='unit-new', template_type='RosStandardTemplate')), 'provider_name: required to create a product')
    _failed(emulator.run('product', dict(product_id='prod-nosuch0000', name='x')), 'product_id: there is no product prod-nosuch0000')
    _failed(emulator.run('product', dict(name=' ', provider_name='Unit')), 'name: must not be empty')
    _failed(emulator.run('product', dict(name='x' * 129, provider_name='Unit')), 'name: at most 128 characters')
    version = dict(name='1.0', template=TEMPLATE)
    _failed(emulator.run('product', dict(name='unit-new', provider_name='Unit', version=version)), 'template_type: required to create a product with')
    _failed(emulator.run('product', dict(name='unit-new', provider_name='Unit', template_type='RosStandardTemplate',
                                         version=dict(name='1.0', template='[1, 2]'))), 'version.template: it is not a JSON or YAML mapping')
    ran = emulator.run('product', dict(name='unit-new', provider_name='Unit', version='1.0'))
    _failed(ran, "argument 'version' is of type")
    assert emulator.writes() == []
    _ok(emulator.run('product', dict(product_id=product_id, state='absent')))
    emulator.writes()


def test_product_with_a_first_version_inline(emulator):
    args = dict(name='unit-inline', provider_name='Unit', template_type='RosStandardTemplate',
                version=dict(name='1.0', template=TEMPLATE_YAML, guidance='Recommended', description='first', active=True))
    ran = _ok(emulator.run('product', args, check_mode=True))
    assert ran['diff']['after']['version'] == dict(name='1.0', guidance='Recommended', description='first', active=True)
    assert emulator.writes() == [], 'check mode uploads no template'
    ran = _ok(emulator.run('product', args))
    product_id, version_id = ran['product']['product_id'], ran['product_version_id']
    writes = emulator.writes()
    assert _actions(writes) == [('CreateTemplate', None), ('CreateProduct', None)]
    sent = writes[1]['params']['ProductVersionParameters']  # one form field holding compact JSON
    assert not any(key.startswith('ProductVersionParameters.') for key in writes[1]['params'])
    assert ', ' not in sent and ': ' not in sent
    parsed = json.loads(sent)
    assert parsed == dict(ProductVersionName='1.0', TemplateType='RosStandardTemplate', TemplateUrl=parsed['TemplateUrl'], Active=True,
                          Guidance='Recommended', Description='first')
    assert json.loads(writes[0]['params']['TemplateBody']) == TEMPLATE, 'YAML uploaded as JSON text'
    body = emulator.client.get('GetTemplate', {'ProductId': product_id, 'ProductVersionId': version_id})
    assert json.loads(body) == TEMPLATE
    [version] = emulator.versions(product_id)
    assert (version['ProductVersionId'], version['ProductVersionName'], version['Guidance']) == (version_id, '1.0', 'Recommended')
    assert version['TemplateUrl'] == parsed['TemplateUrl']
    # the version is used only when the product is created: a product found again ignores it
    ran = _ok(emulator.run('product', dict(args, version=dict(name='2.0', template=TEMPLATE))))
    assert not ran['changed'] and 'product_version_id' not in ran and emulator.writes() == []
    # product_version finds the inline version by its name: the same template is no change
    ran = _ok(emulator.run('product_version', dict(product_name='unit-inline', name='1.0', template=TEMPLATE)))
    assert not ran['changed'] and ran['product_version']['product_version_id'] == version_id
    # a product with versions (and in no portfolio) is deleted, its versions with it, as the emulator does (unverified)
    _ok(emulator.run('product', dict(name='unit-inline', state='absent')))
    assert _actions(emulator.writes()) == [('DeleteProduct', None)]
    ran = run_module('product_version_info', dict(emulator.auth, product_version_id=version_id))
    assert ran.rc == 1 and ran.result['error']['code'] == 'EntityNotExist.ProductVersion'


def test_product_in_a_portfolio_is_not_deleted_and_the_error_is_the_services(emulator):
    ran = emulator.run('product', dict(name=ECS, state='absent'))
    assert ran.rc == 1
    error = ran.result['error']
    assert (error['action'], error['http_status'], error['code']) == ('DeleteProduct', 409, 'DeleteConflict.Product.Portfolio')
    assert ran.result['msg'].startswith('DeleteProduct failed: HTTP 409 DeleteConflict.Product.Portfolio: ') and 'RequestId' in ran.result['msg']
    assert emulator.products(ECS), 'still there'
    assert _actions(emulator.writes()) == [('DeleteProduct', None)]


def test_product_create_answer_lost_after_execution_leads_to_exactly_one(emulator):
    emulator.control('drop', {'action': 'CreateProduct', 'kind': 'internal'})
    ran = _ok(emulator.run('product', dict(name='unit-dropped', provider_name='Unit', template_type='RosStandardTemplate',
                                           version=dict(name='1.0', template=TEMPLATE)), verbosity=3))
    assert ran['changed'] and ran['product']['product_name'] == 'unit-dropped'
    assert any(line.startswith('CreateProduct: ') and 'not sent again' in line for line in ran['api_log'])
    assert _actions(emulator.writes()) == [('CreateTemplate', None), ('CreateProduct', 'internal-after')]
    [found] = emulator.products('unit-dropped')
    [version] = emulator.versions(found['ProductId'])
    assert ran['product_version_id'] == version['ProductVersionId'], 'found again by the version name'
    _ok(emulator.run('product', dict(name='unit-dropped', state='absent')))
    emulator.writes()


def test_product_create_lost_without_trace_fails_and_is_not_sent_again(emulator):
    emulator.control('respond', {'answers': [LOST], 'actions': ['CreateProduct']})
    ran = emulator.run('product', dict(name='unit-lost', provider_name='Unit'))
    assert ran.rc == 1 and 'shows no trace of it, nothing was sent again' in ran.result['msg']
    assert ran.result['error']['code'] == 'InternalError'
    assert _actions(emulator.writes()) == [('CreateProduct', 'canned')]
    assert emulator.products('unit-lost') == []


# -- product_version --------------------------------------------------------------------------------


def test_version_template_as_dict_json_or_yaml_is_one_template(emulator):
    product_id = _product(emulator, 'unit-forms')
    args = dict(product_id=product_id, name='1.0', description='first')
    ran = _ok(emulator.run('product_version', dict(args, template=TEMPLATE), check_mode=True))
    assert ran['changes'] == ['create product version'] and ran['product_version'] == {}
    assert ran['diff']['after']['template'] == flatten(TEMPLATE) and ran['diff']['after']['template_type'] == 'RosStandardTemplate'
    assert emulator.writes() == [], 'check mode uploads no template'
    ran = _ok(emulator.run('product_version', dict(args, template=TEMPLATE)))
    version = ran['product_version']
    assert ran['changed'] and version['product_version_name'] == '1.0' and version['product_id'] == product_id
    writes = emulator.writes()
    assert _actions(writes) == [('CreateTemplate', None), ('CreateProductVersion', None)]
    assert json.loads(writes[0]['params']['TemplateBody']) == TEMPLATE
    assert writes[1]['params']['TemplateUrl'].startswith('oss://') and writes[1]['params']['TemplateType'] == 'RosStandardTemplate'
    listed = run_module('product_version_info', dict(emulator.auth, product_version_id=version['product_version_id'])).result
    assert listed['product_versions'] == [version]
    for form in (TEMPLATE, TEMPLATE_JSON, TEMPLATE_YAML):
        ran = _ok(emulator.run('product_version', dict(args, template=form)))
        assert not ran['changed'] and ran['changes'] == [] and ran['product_version'] == version, form
        assert ran['diff']['before'] == ran['diff']['after']
    assert emulator.writes() == []
    # by ID, a field changed: UpdateProductVersion with the name sent again
    ran = _ok(emulator.run('product_version', dict(product_version_id=version['product_version_id'], active=False, guidance='Deprecated')))
    assert sorted(ran['changes']) == ['active: True -> False', 'guidance: Default -> Deprecated']
    writes = emulator.writes()
    assert _actions(writes) == [('UpdateProductVersion', None)]
    assert writes[0]['params'] == {'ProductVersionId': version['product_version_id'], 'ProductVersionName': '1.0', 'Active': 'false',
                                   'Guidance': 'Deprecated'}
    _ok(emulator.run('product', dict(product_id=product_id, state='absent')))
    emulator.writes()


def test_changed_template_is_refused_naming_the_version_or_replaced(emulator):
    product_id = _product(emulator, 'unit-replace')
    args = dict(product_name='unit-replace', name='1.0', guidance='Latest')
    old = _ok(emulator.run('product_version', dict(args, template=TEMPLATE)))['product_version']
    emulator.writes()
    changed = json.loads(json.dumps(TEMPLATE))
    changed['Parameters']['cidr_block']['Default'] = '10.1.0.0/16'
    changed['Outputs']['vpc_cidr'] = {'Value': 'x'}
    for check_mode in (True, False):
        message = _failed(emulator.run('product_version', dict(args, template=changed), check_mode=check_mode), 'template: version ')
        assert "'1.0' (%s) of product %s" % (old['product_version_id'], product_id) in message
        assert 'Outputs.vpc_cidr.Value, Parameters.cidr_block.Default' in message and 'replace=true' in message
    assert emulator.writes() == []
    ran = _ok(emulator.run('product_version', dict(args, template=changed, replace=True), check_mode=True))
    assert ran['changes'] == ['template.Outputs.vpc_cidr.Value: added (x)', 'template.Parameters.cidr_block.Default: 10.0.0.0/16 -> 10.1.0.0/16']
    assert ran['diff']['before']['template'] == flatten(TEMPLATE) and ran['diff']['after']['template'] == flatten(changed)
    assert emulator.writes() == []
    ran = _ok(emulator.run('product_version', dict(args, template=changed, replace=True)))
    new = ran['product_version']
    assert ran['changed'] and ran['replaced_product_version_id'] == old['product_version_id']
    assert new['product_version_id'] != old['product_version_id'] and (new['product_version_name'], new['guidance']) == ('1.0', 'Latest')
    assert _actions(emulator.writes()) == [('CreateTemplate', None), ('DeleteProductVersion', None), ('CreateProductVersion', None)]
    assert [v['ProductVersionId'] for v in emulator.versions(product_id)] == [new['product_version_id']]
    assert json.loads(emulator.client.get('GetTemplate', {'ProductId': product_id, 'ProductVersionId': new['product_version_id']})) == changed
    ran = _ok(emulator.run('product_version', dict(args, template=changed, replace=True)))
    assert not ran['changed'] and 'replaced_product_version_id' not in ran and emulator.writes() == []
    # a template_url other than the version's is another template too
    message = _failed(emulator.run('product_version', dict(args, template_url=old['template_url'])), 'template_url: version ')
    assert 'its TemplateUrl is %s' % new['template_url'] in message
    ran = _ok(emulator.run('product_version', dict(args, template_url=new['template_url'])))
    assert not ran['changed']
    _ok(emulator.run('product', dict(product_id=product_id, state='absent')))
    emulator.writes()


def test_version_immutable_fields_and_bad_templates(emulator):
    product_id = _product(emulator, 'unit-immutable')
    version_id = _ok(emulator.run('product_version', dict(product_id=product_id, name='1.0', template=TEMPLATE)))['product_version']['product_version_id']
    emulator.writes()
    message = _failed(emulator.run('product_version', dict(product_id=product_id, name='1.0', template_type='RosTerraformTemplate')),
                      'template_type: cannot change')
    assert version_id in message
    _failed(emulator.run('product_version', dict(product_version_id=version_id, product_id=ECS_ID)),
            'product_id: version %s belongs to product %s, not %s' % (version_id, product_id, ECS_ID))
    _failed(emulator.run('product_version', dict(product_id=product_id, name='2.0')), 'template: required (or template_url) to create')
    _failed(emulator.run('product_version', dict(name='2.0', template=TEMPLATE)), 'product_id: give product_id or product_name')
    _failed(emulator.run('product_version', dict(product_name='unit-no-such', name='2.0', template=TEMPLATE)),
            "product_name: there is no product 'unit-no-such'")
    bad = {'[1, 2]': 'template: it is not a JSON or YAML mapping', '{"a": ': 'template: it is neither JSON nor YAML (',
           '[' * 150 + ']' * 150: 'template: it nests deeper than 100 levels', 'a: ' + 'x' * 524288: 'template: at most 524288 characters'}
    for text, start in bad.items():
        _failed(emulator.run('product_version', dict(product_id=product_id, name='2.0', template=text)), start)
    _failed(emulator.run('product_version', dict(product_id=product_id, name='2.0', template=['a'])), 'template: a mapping (dict), or its')
    assert emulator.writes() == []
    # absent by a product that does not exist, and twice
    ran = _ok(emulator.run('product_version', dict(product_name='unit-no-such', name='1.0', state='absent')))
    assert not ran['changed']
    _ok(emulator.run('product_version', dict(product_version_id=version_id, state='absent')))
    ran = _ok(emulator.run('product_version', dict(product_version_id=version_id, state='absent')))
    assert not ran['changed']
    assert _actions(emulator.writes()) == [('DeleteProductVersion', None)]
    _ok(emulator.run('product', dict(product_id=product_id, state='absent')))
    emulator.writes()


def test_several_versions_of_the_name_fail_listing_them(emulator):
    product_id = _product(emulator, 'unit-twins')
    first = _ok(emulator.run('product_version', dict(product_id=product_id, name='1.0', template=TEMPLATE)))['product_version']
    second = emulator.client.call('CreateProductVersion', dict(ProductId=product_id, ProductVersionName='1.0', TemplateType='RosStandardTemplate',
                                                               TemplateUrl=first['template_url']), profile='write')['ProductVersionId']
    emulator.writes()
    message = _failed(emulator.run('product_version', dict(product_id=product_id, name='1.0', state='absent')),
                      "name: 2 versions of product %s are named '1.0' (" % product_id)
    assert first['product_version_id'] in message and second in message
    assert emulator.writes() == []
    _ok(emulator.run('product', dict(product_id=product_id, state='absent')))
    emulator.writes()


def test_version_create_answer_lost_after_execution_leads_to_exactly_one(emulator):
    product_id = _product(emulator, 'unit-vdropped')
    emulator.control('drop', {'action': 'CreateProductVersion', 'kind': 'close'})
    ran = _ok(emulator.run('product_version', dict(product_id=product_id, name='1.0', template=TEMPLATE_YAML), verbosity=3))
    assert ran['changed'] and ran['product_version']['product_version_name'] == '1.0'
    assert any(line.startswith('CreateProductVersion: ConnectionError; the request may have been executed') for line in ran['api_log'])
    assert _actions(emulator.writes()) == [('CreateTemplate', None), ('CreateProductVersion', 'dropped-after')]
    assert [v['ProductVersionId'] for v in emulator.versions(product_id)] == [ran['product_version']['product_version_id']]
    # the lost update answer: read again, not sent again
    emulator.control('drop', {'action': 'UpdateProductVersion', 'kind': 'unavailable'})
    ran = _ok(emulator.run('product_version', dict(product_id=product_id, name='1.0', description='second')))
    assert ran['changed'] and ran['product_version']['description'] == 'second'
    assert _actions(emulator.writes()) == [('UpdateProductVersion', 'unavailable-after')]
    # the lost delete answer: gone when read again, not sent again
    emulator.control('drop', {'action': 'DeleteProductVersion', 'kind': 'internal'})
    ran = _ok(emulator.run('product_version', dict(product_id=product_id, name='1.0', state='absent')))
    assert ran['changed'] and ran['product_version'] == {} and emulator.versions(product_id) == []
    assert _actions(emulator.writes()) == [('DeleteProductVersion', 'internal-after')]
    _ok(emulator.run('product', dict(product_id=product_id, state='absent')))
    emulator.writes()


def test_version_create_lost_without_trace_fails_and_is_not_sent_again(emulator):
    product_id = _product(emulator, 'unit-vlost')
    emulator.control('respond', {'answers': [LOST], 'actions': ['CreateProductVersion']})
    ran = emulator.run('product_version', dict(product_id=product_id, name='1.0', template=TEMPLATE))
    assert ran.rc == 1 and 'shows no trace of it, nothing was sent again' in ran.result['msg']
    assert _actions(emulator.writes()) == [('CreateTemplate', None), ('CreateProductVersion', 'canned')]
    assert emulator.versions(product_id) == []
    _ok(emulator.run('product', dict(product_id=product_id, state='absent')))
    emulator.writes()


def test_demo_terraform_version_is_unchanged_when_given_its_own_template(emulator):
    """The demo's versions were not made with CreateTemplate; GetTemplate's text (JSON or YAML) compares all the same."""
    versions = emulator.versions(ECS_ID)
    assert len(versions) >= 3
    for version in versions:
        body = emulator.client.get('GetTemplate', {'ProductId': ECS_ID, 'ProductVersionId': version['ProductVersionId']})
        ran = _ok(emulator.run('product_version', dict(product_name=ECS, name=version['ProductVersionName'], template=body)))
        assert not ran['changed'], version
        assert isinstance(ran['diff']['after']['template']['Workspace.main.tf'], list), 'main.tf one entry per line'
    assert emulator.writes() == []


def test_flatten_and_differing_paths():
    flat = flatten({'a': {'b': [1, {'c': None}], 'e': {}, 'l': []}, 't': 'one\ntwo\n', 's': 'x\n'})
    assert flat == {'a.b[0]': 1, 'a.b[1].c': None, 'a.e': {}, 'a.l': [], 't': ['one', 'two'], 's': 'x\n'}
    before, after = flatten({'k%d' % n: n for n in range(8)}), flatten({'k%d' % n: -n for n in range(8)})
    assert differing_paths(before, after) == 'k1, k2, k3, k4, k5 and 2 more'
    assert differing_paths({'a': None}, {}) == 'a'


@pytest.mark.parametrize('name', ['product', 'product_version'])
def test_examples_run_against_the_demo_catalog(emulator, name):
    """Each EXAMPLES task of the module, in order, its ``{{ }}`` filled from the results registered before: they all succeed."""
    import importlib

    import jinja2

    examples = yaml.safe_load(importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules.' + name).EXAMPLES)
    registered, ran = {}, 0
    for task in examples:
        args = task.get('alicloud.servicecatalog.' + name)
        if args is None:
            continue
        args = dict((key, jinja2.Template(value).render(**registered) if isinstance(value, str) and '{{' in value else value)
                    for key, value in args.items())
        result = _ok(emulator.run(name, args))
        ran += 1
        if task.get('register'):
            registered[task['register']] = result
    assert ran >= 4
    emulator.writes()
