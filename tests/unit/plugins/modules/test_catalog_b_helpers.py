# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""constraint_info's config parsing, template_info's template parsing, and the API parameters the
declarations of constraint_info, template_info, tag_option_info, tag_option_resource_info and
provisioned_product_plan_approver_info send (no network)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.info import GET_CALL, LIST_CALL
from ansible_collections.alicloud.servicecatalog.plugins.modules import (
    constraint_info, provisioned_product_plan_approver_info, tag_option_info, tag_option_resource_info, template_info,
)


def params_for(declaration, **values):
    params = dict((name, spec.get('default')) for name, spec in declaration.spec.items())
    params.update(values)
    return params


# -- constraint_info: config -------------------------------------------------------------------

def test_config_is_parsed_with_its_keys_as_they_are_and_the_text_kept():
    text = '{"LocalRoleName":"Role","Mixed_Case.Key":[1,2]}'
    item = constraint_info.parse_config({'constraint_id': 'cons-1', 'config': text})
    assert item == {'constraint_id': 'cons-1', 'config': {'LocalRoleName': 'Role', 'Mixed_Case.Key': [1, 2]}, 'config_text': text}


def test_config_that_is_not_json_is_kept_as_text_only():
    item = constraint_info.parse_config({'constraint_id': 'cons-1', 'config': 'not json'})
    assert item == {'constraint_id': 'cons-1', 'config_text': 'not json'}


def test_no_config_adds_nothing_and_the_input_is_not_changed():
    original = {'constraint_id': 'cons-1'}
    assert constraint_info.parse_config(original) == {'constraint_id': 'cons-1'}
    assert original == {'constraint_id': 'cons-1'}


# -- template_info: template ---------------------------------------------------------------------

JSON_BODY = json.dumps({'ROSTemplateFormatVersion': '2015-09-01', 'Parameters': {'ZoneId': {'Type': 'String'}}})
YAML_BODY = "ROSTemplateFormatVersion: 2015-09-01\nParameters:\n  instance_type:\n    Type: String\nOutputs: {PublicIP: {}}\n"


def test_json_template_is_parsed():
    assert template_info.parse_template(JSON_BODY) == ({'ROSTemplateFormatVersion': '2015-09-01', 'Parameters': {'ZoneId': {'Type': 'String'}}},
                                                       None)


def test_yaml_template_is_parsed_keys_kept_dates_as_text():
    template, why = template_info.parse_template(YAML_BODY)
    assert why is None
    assert template == {'ROSTemplateFormatVersion': '2015-09-01', 'Parameters': {'instance_type': {'Type': 'String'}}, 'Outputs': {'PublicIP': {}}}


def test_json_template_is_parsed_without_pyyaml():
    assert template_info.parse_template(JSON_BODY, has_yaml=False)[1] is None


def test_yaml_template_without_pyyaml_says_so():
    template, why = template_info.parse_template(YAML_BODY, has_yaml=False)
    assert template is None
    assert 'PyYAML' in why


@pytest.mark.parametrize('body', ['Parameters: [unclosed', '{"a": ', 'key: value: other'])
def test_neither_json_nor_yaml(body):
    template, why = template_info.parse_template(body)
    assert template is None
    assert why.startswith('it is neither JSON nor YAML (')
    assert '\n' not in why


@pytest.mark.parametrize('body', ['just some text', '[1, 2]', '42', ''])
def test_a_document_that_is_not_a_mapping_is_not_a_template(body):
    assert template_info.parse_template(body) == (None, 'it is not a JSON or YAML mapping')


# -- the declarations: what each sends -----------------------------------------------------------

def test_constraint_info_gets_by_id():
    call = constraint_info.INFO.plan(params_for(constraint_info.INFO, constraint_id=' cons-1 '))
    assert (call.kind, call.action, call.params) == (GET_CALL, 'GetConstraint', {'ConstraintId': 'cons-1'})
    assert constraint_info.INFO.spec['constraint_id']['required'] is True


def test_template_info_needs_both_ids():
    info = template_info.INFO
    assert info.spec['product_id']['required'] is True and info.spec['product_version_id']['required'] is True
    call = info.plan(params_for(info, product_id='prod-1', product_version_id='pv-1'))
    assert (call.kind, call.action, call.params) == (GET_CALL, 'GetTemplate', {'ProductId': 'prod-1', 'ProductVersionId': 'pv-1'})


def test_tag_option_info_sends_one_json_filters_parameter_in_the_documented_key_order():
    info = tag_option_info.INFO
    call = info.plan(params_for(info, key='env', value='prod', active=False, full_text_search='e', sort_order='asc', page_size=5))
    assert call.kind == LIST_CALL and call.action == 'ListTagOptions' and call.page_size == 5
    assert call.params['Filters'] == '{"Active":false,"FullTextSearch":"e","Key":"env","Value":"prod"}'
    assert (call.params['SortBy'], call.params['SortOrder']) == ('CreateTime', 'Asc')


def test_tag_option_info_without_filters_sends_none_and_the_id_excludes_them():
    info = tag_option_info.INFO
    assert 'Filters' not in info.plan(params_for(info)).params
    assert ('tag_option_id', 'active') in info.rules['mutually_exclusive']
    call = info.plan(params_for(info, tag_option_id='tag-1'))
    assert (call.action, call.params) == ('GetTagOption', {'TagOptionId': 'tag-1'})


def test_tag_option_resource_info_requires_both_and_pages():
    info = tag_option_resource_info.INFO
    assert info.spec['tag_option_id']['required'] and info.spec['resource_type']['required']
    assert info.spec['resource_type']['choices'] == ['product', 'Portfolio']
    assert 'sort_order' not in info.spec
    call = info.plan(params_for(info, tag_option_id='tag-1', resource_type='Portfolio', page_number=2, page_size=5))
    assert (call.action, call.params, call.page_number, call.page_size) == (
        'ListResourcesForTagOption', {'TagOptionId': 'tag-1', 'ResourceType': 'Portfolio'}, 2, 5)


def test_approver_info_takes_exactly_one_scope_and_names_in_one_filter():
    info = provisioned_product_plan_approver_info.INFO
    assert ('access_level_filter', 'approval_filter') in info.rules['mutually_exclusive']
    assert ('access_level_filter', 'approval_filter') in info.rules['required_one_of']
    assert 'page_size' not in info.spec
    call = info.plan(params_for(info, approval_filter='AccountRequests', name=['alice', 'bob']))
    assert call.params == {'AccessLevelFilter': None, 'ApprovalFilter': 'AccountRequests',
                           'Filters.1.Key': 'ProvisionedProductPlanApproverName', 'Filters.1.Value': 'alice,bob'}
