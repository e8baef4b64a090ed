# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Issue "Bounded under hostile answers and absurd options": every call ends, soon, with one line.

Listings that never end (every paged operation), values used as keys that are lists or objects,
wait options that are NaN or infinite, text options given a list, a NUL character or 100,000
characters, and documents (templates, configs) nested or aliased beyond the bounds.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import importlib
import os
import time

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import client as client_mod
from ansible_collections.alicloud.servicecatalog.plugins.module_utils import common, documents
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import check_answer
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.module import ServiceCatalogModule
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.operations import LIST, OPERATIONS, PAGES, operation
from ansible_collections.alicloud.servicecatalog.plugins.modules import constraint_info, portfolio_info, task_info, template_info
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.module_utils.test_info import (  # noqa: F401 pylint: disable=unused-import
    Exited, exits, patch_module_args,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import answer, make_client

PAGED = sorted(name for name, op in OPERATIONS.items() if op.paging == PAGES)
MODULES_DIR = os.path.join(os.path.dirname(os.path.abspath(common.__file__)), '..', 'modules')
MODULES = dict((name, importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules.' + name))
               for name in sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(MODULES_DIR, '*_info.py'))))


def test_the_eight_paged_operations():
    assert len(PAGED) == 8


# -- listings that never end ---------------------------------------------------------------------

class Pages:
    """Answers any paged operation: ``items(number, size)`` the page's items (IDs), ``total(number)`` its TotalCount."""

    def __init__(self, items, total):
        self.items = items
        self.total = total

    def __call__(self, req):
        declared = operation(req.headers['x-acs-action'])
        number, size = int(req.query['PageNumber']), int(req.query['PageSize'])
        page = [{declared.id_key: item_id, 'Status': 'Available'} for item_id in self.items(number, size)]
        return answer(200, {'RequestId': 'req-%d' % number, declared.result_key: page, 'TotalCount': self.total(number),
                            'PageNumber': number, 'PageSize': size})


def same_items(number, size):
    return ['id-%03d' % n for n in range(size)]


def numbers(stub):
    return sorted(int(r.query['PageNumber']) for r in stub.requests)


@pytest.mark.parametrize('action', PAGED)
def test_a_total_beyond_the_bound_ends_the_listing_at_the_first_page(stub, action):
    # the adversarial pass: every page the same 100 items, TotalCount 10^9 (4,800 requests, 5.2 GB on main)
    stub.responder = Pages(same_items, lambda number: 10 ** 9)
    started = time.monotonic()
    with make_client(stub.url) as client:
        with pytest.raises(ServiceCatalogError) as caught:
            client.list(action, {})
    assert time.monotonic() - started < 5
    assert numbers(stub) == [1]
    message = str(caught.value)
    assert message.startswith('%s failed: HTTP 200 InvalidResponse: the listing was stopped: TotalCount is 1000000000' % action)
    assert 'MAX_LISTING_TOTAL' in message and 'RequestId: req-1' in message and '\n' not in message


@pytest.mark.parametrize('action', PAGED)
def test_a_page_that_brings_nothing_new_ends_the_listing(stub, action):
    stub.responder = Pages(same_items, lambda number: 5000)
    with make_client(stub.url, max_workers=1) as client:
        with pytest.raises(ServiceCatalogError) as caught:
            client.list(action, {})
    assert numbers(stub) == [1, 2]
    assert 'page 2 brings no item not already listed (100 items read, TotalCount 5000)' in str(caught.value)
    assert str(caught.value).startswith(action)


def test_concurrent_reading_stops_within_the_requests_under_way(stub):
    stub.responder = Pages(same_items, lambda number: 100000)
    with make_client(stub.url, max_workers=8) as client:
        with pytest.raises(ServiceCatalogError) as caught:
            client.list('ListProvisionedProducts', {})
    assert 'brings no item not already listed' in str(caught.value)
    assert len(stub.requests) <= 1 + 2 * 8


def test_a_page_larger_than_its_page_size_ends_the_listing(stub):
    stub.responder = Pages(lambda number, size: ['id-%d-%d' % (number, n) for n in range(size + 1)], lambda number: 30)
    with make_client(stub.url, max_workers=1) as client:
        with pytest.raises(ServiceCatalogError) as caught:
            client.list('ListTasks', {}, page_size=10)
    assert 'page 1 holds 11 items, more than the PageSize of 10 asked for' in str(caught.value)
    assert numbers(stub) == [1]


def test_a_page_beyond_what_the_total_allows_ends_the_listing(stub):
    # TotalCount 150, but page 2 brings 100 new items: 200 items where 150 are said to be
    stub.responder = Pages(lambda number, size: ['id-%d-%d' % (number, n) for n in range(size)], lambda number: 150)
    with make_client(stub.url, max_workers=1) as client:
        with pytest.raises(ServiceCatalogError) as caught:
            client.list('ListPortfolios', {})
    assert 'page 2 brings the items read to 200, more than the TotalCount of 150' in str(caught.value)
    assert numbers(stub) == [1, 2]


def test_a_page_that_repeats_after_the_total_was_reached_is_a_warning_and_the_end(stub):
    # page 1 says 450 (5 pages), pages 2 and 3 say 200: once 200 items are read, page 3 repeats page 1
    def items(number, size):
        return ['id-%d' % n for n in range(100)] if number != 2 else ['id-%d' % n for n in range(100, 200)]
    stub.responder = Pages(items, lambda number: 450 if number == 1 else 200)
    with make_client(stub.url, max_workers=1) as client:
        result = client.list('ListTasks', {})
    assert 4 not in numbers(stub) and 5 not in numbers(stub)
    assert len(result.items) == 200
    assert any(w == 'ListTasks: page 3 repeats items already listed after all 200 items were read; the listing ends there'
               for w in result.warnings)


def test_a_moving_total_with_repeating_pages_is_read_again_a_bounded_number_of_times(stub):
    counter = []

    def total(number):
        counter.append(number)
        return 1000 + len(counter)
    stub.responder = Pages(same_items, total)
    with make_client(stub.url, max_workers=8) as client:
        result = client.list('ListTasks', {})
    assert len(result.items) == 100 and 'changed while listing' in result.warnings[0]
    # the first reading stops within the window under way, each re-read after its second page
    assert len(stub.requests) <= (1 + 2 * 8) + 2 * client_mod.LISTING_REREADS


def test_the_bound_is_named_with_its_reason():
    assert client_mod.MAX_LISTING_TOTAL == 200000


# -- lists and objects where keys go -------------------------------------------------------------

def _wrong(action, doc):
    with pytest.raises(ServiceCatalogError) as caught:
        check_answer(operation(action), dict(doc, RequestId='req-k'))
    return caught.value


@pytest.mark.parametrize('action', sorted(name for name, op in OPERATIONS.items() if op.result_type == LIST and op.id_key))
@pytest.mark.parametrize('value', [['a', 'b'], {'a': 1}])
def test_an_item_id_that_is_a_list_or_an_object_is_an_invalid_answer(action, value):
    declared = operation(action)
    doc = {declared.result_key: [{declared.id_key: 'ok-1'}, {declared.id_key: value}]}
    if declared.paging == PAGES:
        doc['TotalCount'] = 2
    err = _wrong(action, doc)
    assert err.code == 'InvalidResponse' and err.request_id == 'req-k'
    assert '%s[1].%s is %s, expected text' % (declared.result_key, declared.id_key, 'a list' if isinstance(value, list) else 'an object') in str(err)
    assert str(err).startswith(action) and 'unhashable' not in str(err)


@pytest.mark.parametrize('action, doc, field', [
    ('ListProvisionedProducts', {'ProvisionedProductDetails': [{'ProvisionedProductId': 'pp-1', 'Tags': [{'Key': ['a'], 'Value': 'x'}]}],
                                 'TotalCount': 1}, 'ProvisionedProductDetails[0].Tags[0].Key'),
    ('GetProvisionedProduct', {'ProvisionedProductDetail': {'ProvisionedProductId': 'pp-1', 'LastSuccessfulProvisioningTaskId': ['t']}},
     'ProvisionedProductDetail.LastSuccessfulProvisioningTaskId'),
    ('GetProvisionedProductPlan', {'PlanDetail': {'PlanId': 'plan-1'},
                                   'ProductVersionDetail': {'Parameters': [{'ParameterKey': {'k': 1}}]}},
     'ProductVersionDetail.Parameters[0].ParameterKey'),
    ('ListTasks', {'TaskDetails': [{'TaskId': 't-1', 'Nested': {'Outputs': [{'OutputKey': ['x']}]}}], 'TotalCount': 1},
     'TaskDetails[0].Nested.Outputs[0].OutputKey'),
    ('GetTask', {'TaskDetail': {'TaskId': 't-1', 'TaskTags': [{'Key': ['a']}]}}, 'TaskDetail.TaskTags[0]'),
])
def test_a_tag_parameter_or_output_key_that_is_a_list_or_an_object_is_an_invalid_answer(action, doc, field):
    err = _wrong(action, doc)
    assert field in str(err) and str(err).startswith(action) and err.code == 'InvalidResponse'


def test_keys_of_text_and_numbers_pass():
    doc = {'RequestId': 'r', 'TaskDetail': {'TaskId': 't-1', 'TaskTags': [{'Key': 'a', 'Value': 'b'}], 'Outputs': [{'OutputKey': 'o'}],
                                            'Extra': {'SomeId': 7, 'Tags': [{'Key': 3}]}}}
    assert check_answer(operation('GetTask'), doc) is doc


def test_a_listing_with_a_list_for_an_id_fails_in_one_line_not_with_unhashable(stub):
    stub.responder = Pages(lambda number, size: [['x', 'y']], lambda number: 1)
    with make_client(stub.url) as client:
        with pytest.raises(ServiceCatalogError) as caught:
            client.list('ListTasks', {})
    assert 'TaskDetails[0].TaskId is a list, expected text' in str(caught.value)


# -- wait options --------------------------------------------------------------------------------

@pytest.mark.parametrize('option, value', [
    ('wait_interval', float('nan')), ('wait_interval', float('inf')), ('wait_timeout', float('nan')), ('wait_timeout', float('inf')),
    ('wait_interval', -1.0), ('wait_timeout', -1),
])
def test_wait_options_must_be_finite(option, value):
    options = dict(wait_timeout=600, wait_interval=5.0)
    options[option] = value
    with pytest.raises(ConfigError) as caught:
        common.wait_settings(options)
    assert str(caught.value).startswith('%s: must be ' % option) and 'finite' in str(caught.value)


class OneTask:
    max_workers = 1

    def get(self, action, params):
        return {'TaskId': params['TaskId'], 'Status': 'InProgress'}


def test_task_info_wait_interval_nan_fails_naming_it_before_any_sleep():
    params = dict((name, spec.get('default')) for name, spec in task_info.INFO.spec.items())
    params.update(task_id='task-1', wait=True, wait_interval=float('nan'))
    with pytest.raises(ConfigError) as caught:
        task_info.INFO.read(params, OneTask())
    assert str(caught.value).startswith('wait_interval: must be a positive number of seconds (a finite number), got nan')


# -- text options --------------------------------------------------------------------------------

def _params(info, **values):
    params = dict((name, spec.get('default')) for name, spec in info.spec.items())
    params.update(values)
    return params


def _text_options(kind):
    """(module, option) for every option of every module's declaration of ``kind``: 'id' or 'free' text."""
    found = []
    for name, module in MODULES.items():
        for option, spec in sorted(module.INFO.spec.items()):
            if spec.get('type', 'str') != 'str' or spec.get('choices'):
                continue
            if (option.endswith('_id')) == (kind == 'id'):
                found.append((name, option))
    return found


def test_the_free_text_options_the_issue_names_are_found():
    free = set(option for _module, option in _text_options('free'))
    assert set(['name', 'full_text_search', 'plan_name', 'key']) <= free


@pytest.mark.parametrize('module, option', _text_options('free'))
def test_a_free_text_option_given_a_list_fails_naming_it(module, option):
    # AnsibleModule turns ['a', 'b'] given to a str option into this text; on main it was searched for and found nothing
    info = MODULES[module].INFO
    with pytest.raises(ConfigError) as caught:
        info.plan(_params(info, **{option: "['a', 'b']"}))
    assert str(caught.value) == "%s: one name or text, got a list (['a', 'b'])" % option


@pytest.mark.parametrize('module, option', _text_options('free'))
def test_a_free_text_option_given_a_dict_fails_naming_it(module, option):
    info = MODULES[module].INFO
    with pytest.raises(ConfigError) as caught:
        info.plan(_params(info, **{option: "{'a': 1}"}))
    assert str(caught.value).startswith('%s: one name or text, got a dict' % option)


def test_a_name_with_brackets_is_still_a_name():
    call = portfolio_info.INFO.plan(_params(portfolio_info.INFO, name='[legacy] db'))
    assert call.params['Filters.1.Value'] == '[legacy] db'
    call = portfolio_info.INFO.plan(_params(portfolio_info.INFO, name='[legacy]'))
    assert call.params['Filters.1.Value'] == '[legacy]'


@pytest.mark.parametrize('module, option', _text_options('id') + _text_options('free'))
def test_a_100000_character_value_is_refused_at_once_naming_the_maximum(module, option):
    info = MODULES[module].INFO
    limit = common.MAX_ID_LENGTH if option.endswith('_id') else common.MAX_NAME_LENGTH
    started = time.monotonic()
    with pytest.raises(ConfigError) as caught:
        info.plan(_params(info, **{option: 'x' * 100000}))
    assert time.monotonic() - started < 1
    assert str(caught.value) == '%s: at most %d characters, got 100000' % (option, limit)


@pytest.mark.parametrize('module, option', _text_options('id') + _text_options('free'))
def test_a_nul_character_is_refused_naming_the_option(module, option):
    info = MODULES[module].INFO
    with pytest.raises(ConfigError) as caught:
        info.plan(_params(info, **{option: 'a\x00b'}))
    assert str(caught.value) == '%s: must not hold a NUL character' % option


def test_list_options_check_each_entry():
    with pytest.raises(ConfigError) as caught:
        task_info.INFO.plan(_params(task_info.INFO, task_ids=['task-1', 't' * 300]))
    assert str(caught.value) == 'task_ids: at most %d characters, got 300' % common.MAX_ID_LENGTH
    info = MODULES['provisioned_product_info'].INFO
    with pytest.raises(ConfigError) as caught:
        info.plan(_params(info, names=["['a', 'b']"]))
    assert str(caught.value).startswith('names: each entry must be one item, got a list')


def test_values_at_the_maximum_pass():
    call = portfolio_info.INFO.plan(_params(portfolio_info.INFO, portfolio_id='p' * common.MAX_ID_LENGTH))
    assert call.params == {'PortfolioId': 'p' * common.MAX_ID_LENGTH}
    call = portfolio_info.INFO.plan(_params(portfolio_info.INFO, name='n' * common.MAX_NAME_LENGTH))
    assert call.params['Filters.1.Value'] == 'n' * common.MAX_NAME_LENGTH


@pytest.mark.parametrize('args, option', [
    ({'name': 'db\x00x'}, 'name'),
    ({'portfolio_id': 'port-1\x00'}, 'portfolio_id'),
    ({'name': 'db', 'endpoint': 'http://127.0.0.1:1\x00'}, 'endpoint'),
])
def test_a_module_fails_on_a_nul_character_in_its_own_line_not_in_syslog(exits, args, option):
    # on main ansible-core's logging failed first: "Failed to log to syslog (embedded null character)..."
    with patch_module_args(args):
        with pytest.raises(Exited) as caught:
            ServiceCatalogModule(argument_spec=portfolio_info.INFO.spec, **portfolio_info.INFO.rules)
    assert caught.value.kind == 'fail'
    assert caught.value.result['msg'] == '%s: must not hold a NUL character' % option


# -- documents: templates and configs --------------------------------------------------------------

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + ''.join(
    '%s: &%s [%s]\n' % (chr(98 + i), chr(98 + i), ','.join(['*' + chr(97 + i)] * 9)) for i in range(8))


@pytest.mark.parametrize('body, why', [
    (BILLION_LAUGHS, 'its aliases expand to more than %d elements' % documents.MAX_ALIAS_ELEMENTS),
    ('[' * 100000 + ']' * 100000, 'it nests deeper than %d levels' % documents.MAX_DEPTH),
    ('{"a": ' * 150 + '1' + '}' * 150, 'it nests deeper than %d levels' % documents.MAX_DEPTH),
    ('x: ' + '[' * 100000, 'it nests deeper than %d levels' % documents.MAX_DEPTH),
    ('x:\n' + ''.join('%s- \n' % ('  ' * i) for i in range(1, 150)), 'it nests deeper than %d levels' % documents.MAX_DEPTH),
    ('a: &a\n  b: *a\n', 'an alias refers to a list or mapping it is part of'),
    ('base: &b [1]\n' + ''.join('r%d: *b\n' % n for n in range(51)), 'it has more than %d aliases of lists or mappings'
     % documents.MAX_COLLECTION_ALIASES),
])
def test_a_template_beyond_the_bounds_is_text_only_with_the_reason_quickly(body, why):
    started = time.monotonic()
    assert template_info.parse_template(body) == (None, why)
    assert time.monotonic() - started < 2


def test_templates_within_the_bounds_still_parse_aliases_and_merge_keys_included():
    body = 'base: &b {x: 1, y: [1, 2]}\nr1: *b\nr2: {<<: *b, z: 3}\nname: &n web\nother: *n\nwhen: 2015-09-01\n'
    assert template_info.parse_template(body) == ({'base': {'x': 1, 'y': [1, 2]}, 'r1': {'x': 1, 'y': [1, 2]},
                                                   'r2': {'x': 1, 'y': [1, 2], 'z': 3}, 'name': 'web', 'other': 'web',
                                                   'when': '2015-09-01'}, None)
    deep = '{"a": ' * 99 + '1' + '}' * 99
    assert template_info.parse_template(deep)[1] is None


def test_a_constraint_config_nested_too_deep_is_left_as_text():
    item = constraint_info.parse_config({'constraint_id': 'c-1', 'config': '[' * 100000 + ']' * 100000})
    assert 'config' not in item and len(item['config_text']) == 200000
