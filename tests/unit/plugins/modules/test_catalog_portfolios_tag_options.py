# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""portfolio, tag_option, portfolio_principal and tag_option_resource: main() in-process against the real emulator.

Every write is checked in the emulator's own request log: none in check mode, none when nothing changed, exactly one
when its answer is lost after it was executed (``/_emulator/drop``), none sent again when a 5xx answer left no trace
(``/_emulator/respond``). The emulator is this file's own (the demo data), so the listings grown here stay here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import json

import pytest
import yaml

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import operations as ops
from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts
from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules import conftest

COMPUTE, DATA = 'port-bp1yt7582g0a01', 'port-bp1438kf2j0a02'   # demo portfolios (Compute holds DEMO-ECS, VPC, SLB, failing)
ECS_ID = 'prod-bp18r7q127a001'
CC2, STAGING = 'tag-bp1cost0c20a08', 'tag-bp1env0stg00a04'     # cost-center=cc-2002 (attached nowhere); env=staging (inactive)
INTERNAL_ERROR = {'status': 500, 'content_type': 'application/json',
                  'body': json.dumps({'Code': 'InternalError', 'Message': 'A system error occurred.', 'RequestId': 'r-500'})}


class Emulator(conftest.Emulator):
    """conftest's emulator (control, log, auth), with this file's request log helpers and a module run by name."""

    def requests(self):
        """(action, fault) of every request logged since the last call (the log is then cleared)."""
        entries = [(entry['action'], entry.get('fault')) for entry in self.log() if entry.get('action')]
        self.control('log/clear', {})
        return entries

    def writes(self):
        return [entry for entry in self.requests() if entry[0] in ops.WRITE_OPERATIONS]

    def run(self, entry, args, check_mode=False, verbosity=0, auth=True, diff=True):
        return super(Emulator, self).run({'name': entry}, args, check_mode=check_mode, verbosity=verbosity, auth=auth, diff=diff)


@pytest.fixture(scope='module')
def emulator():
    with conftest.on_demo_data(Emulator) as emu:
        yield emu


def _ok(ran):
    assert ran.rc == 0, ran.result.get('msg')
    return ran.result


def _failed(ran, start):
    assert ran.rc == 1 and '\n' not in ran.result['msg'], ran.result
    assert ran.result['msg'].startswith(start), ran.result['msg']
    return ran.result


# -- portfolio -------------------------------------------------------------------------------------


def test_portfolio_create_again_update_rename_absent(emulator):
    args = dict(name='unit-web', provider_name='IT', description='first')
    ran = _ok(emulator.run('portfolio', args, check_mode=True))
    assert ran['changed'] and ran['changes'] == ['create portfolio'] and ran['portfolio'] == {}
    assert ran['diff'] == {'before': {}, 'after': {'name': 'unit-web', 'provider_name': 'IT', 'description': 'first'}}
    assert emulator.writes() == []
    ran = _ok(emulator.run('portfolio', args))
    portfolio = ran['portfolio']
    assert ran['changed'] and portfolio['portfolio_name'] == 'unit-web' and portfolio['provider_name'] == 'IT'
    assert portfolio['portfolio_id'].startswith('port-') and portfolio['tag_options'] == []
    assert emulator.writes() == [('CreatePortfolio', None)]
    ran = _ok(emulator.run('portfolio', args))
    assert not ran['changed'] and ran['changes'] == [] and ran['portfolio'] == portfolio
    assert emulator.writes() == []
    # only what is given is compared: the description alone, name and provider sent as they are
    ran = _ok(emulator.run('portfolio', dict(name='unit-web', description='second')))
    assert ran['changed'] and ran['changes'] == ['description: first -> second'] and ran['portfolio']['description'] == 'second'
    sent, = [entry for entry in emulator.log() if entry.get('action') == 'UpdatePortfolio']
    assert sent['params_in'] == 'form'
    assert sent['params'] == {'PortfolioId': portfolio['portfolio_id'], 'PortfolioName': 'unit-web', 'ProviderName': 'IT', 'Description': 'second'}
    assert emulator.writes() == [('UpdatePortfolio', None)]
    # an empty description clears it (sent empty); then it is compared as empty
    ran = _ok(emulator.run('portfolio', dict(name='unit-web', description='')))
    assert ran['changes'] == ['description: second -> '] and ran['portfolio']['description'] == ''
    assert emulator.writes() == [('UpdatePortfolio', None)]
    assert not _ok(emulator.run('portfolio', dict(name='unit-web', description='')))['changed']
    ran = _ok(emulator.run('portfolio', dict(name='unit-web', description='second')))
    emulator.writes()
    # a rename by ID
    ran = _ok(emulator.run('portfolio', dict(portfolio_id=portfolio['portfolio_id'], name='unit-web-renamed')))
    assert ran['changes'] == ['name: unit-web -> unit-web-renamed'] and ran['portfolio']['portfolio_name'] == 'unit-web-renamed'
    assert ran['portfolio']['provider_name'] == 'IT' and ran['portfolio']['description'] == 'second'
    emulator.writes()
    # the old name is another portfolio now: absent is unchanged; the new name is deleted, then unchanged
    assert not _ok(emulator.run('portfolio', dict(name='unit-web', state='absent')))['changed']
    ran = _ok(emulator.run('portfolio', dict(name='unit-web-renamed', state='absent')))
    assert ran['changed'] and ran['portfolio'] == {} and ran['diff']['after'] == {}
    assert not _ok(emulator.run('portfolio', dict(name='unit-web-renamed', state='absent')))['changed']
    assert emulator.writes() == [('DeletePortfolio', None)]


def test_portfolio_name_is_matched_exactly_over_every_page(emulator):
    seeded = [{'PortfolioId': 'port-unitpage%04d' % n, 'PortfolioName': 'unit-page-%d' % n, 'ProviderName': 'IT', 'Description': '',
               'PortfolioArn': 'acs:servicecatalog:cn-hangzhou:1466115886170001:portfolio/port-unitpage%04d' % n,
               'CreateTime': '2025-01-01T00:00:00Z', 'TagOptionIds': [], 'Principals': []} for n in range(130)]
    seeded.append(dict(seeded[0], PortfolioId='port-unitcase0001', PortfolioName='UNIT-PAGE-0'))
    emulator.control('seed', {'portfolios': seeded})
    emulator.requests()
    try:
        ran = _ok(emulator.run('portfolio', dict(name='unit-page-0', provider_name='IT')))
        assert not ran['changed'] and ran['portfolio']['portfolio_id'] == 'port-unitpage0000'
        assert [action for action, _fault in emulator.requests()].count('ListPortfolios') >= 2
        # two of one name: fails listing them, writes nothing
        emulator.control('seed', {'portfolios': [dict(seeded[1], PortfolioId='port-unittwin0001')]})
        ran = _failed(emulator.run('portfolio', dict(name='unit-page-1', state='absent')), "name: 2 portfolios are named 'unit-page-1' (")
        assert 'port-unitpage0001' in ran['msg'] and 'port-unittwin0001' in ran['msg']
        assert emulator.writes() == []
    finally:
        for item in seeded + [dict(seeded[1], PortfolioId='port-unittwin0001')]:
            _ok(emulator.run('portfolio', dict(portfolio_id=item['PortfolioId'], state='absent')))
        emulator.requests()


def test_portfolio_bad_input_is_one_line_and_sends_nothing(emulator):
    _failed(emulator.run('portfolio', dict(name='unit-x')), 'provider_name: required to create a portfolio')
    _failed(emulator.run('portfolio', dict(name='x' * 129, provider_name='IT')), 'name: at most 128 characters, got 129')
    _failed(emulator.run('portfolio', dict(name='  ', provider_name='IT')), 'name: must not be empty')
    _failed(emulator.run('portfolio', dict(portfolio_id='port-missing0001', name='x')), 'portfolio_id: there is no portfolio port-missing0001')
    assert [action for action, _fault in emulator.requests() if action in ops.WRITE_OPERATIONS] == []


def test_portfolio_delete_refused_says_what_to_remove_first(emulator):
    ran = emulator.run('portfolio', dict(portfolio_id=COMPUTE, state='absent'))
    msg = _failed(ran, 'DeletePortfolio failed: HTTP 409 ')['msg']
    assert ran.result['error']['http_status'] == 409 and ran.result['error']['request_id']
    assert 'remove what portfolio %s still holds first: products ' % COMPUTE in msg and '%s (DEMO-ECS instance)' % ECS_ID in msg
    assert 'principals RamUser 240000000000000001' in msg and 'portfolio_principal, state: absent' in msg and 'portfolio_product' in msg
    assert emulator.writes() == [('DeletePortfolio', None)]
    assert _ok(run_module('portfolio_info', dict(emulator.auth, portfolio_id=COMPUTE)))['portfolios'][0]['portfolio_id'] == COMPUTE


def test_portfolio_create_answer_lost_leads_to_exactly_one(emulator):
    emulator.control('drop', {'action': 'CreatePortfolio', 'kind': 'internal'})
    ran = _ok(emulator.run('portfolio', dict(name='unit-lost', provider_name='IT'), verbosity=3))
    assert ran['changed'] and ran['portfolio']['portfolio_name'] == 'unit-lost'
    assert any(line.startswith('CreatePortfolio: HTTP 500 InternalError; the request may have been executed') for line in ran['api_log'])
    assert emulator.writes() == [('CreatePortfolio', 'internal-after')]
    listed = _ok(run_module('portfolio_info', dict(emulator.auth, name='unit-lost')))
    assert listed['total_count'] == 1
    # a 5xx answer given before anything was done: no trace, the module fails and sends nothing again
    emulator.control('respond', {'answers': [INTERNAL_ERROR], 'actions': ['CreatePortfolio']})
    ran = emulator.run('portfolio', dict(name='unit-lost-2', provider_name='IT'))
    assert 'shows no trace of it, nothing was sent again' in _failed(ran, 'CreatePortfolio failed: HTTP 500 InternalError')['msg']
    assert emulator.writes() == [('CreatePortfolio', 'canned')]
    assert _ok(run_module('portfolio_info', dict(emulator.auth, name='unit-lost-2')))['total_count'] == 0
    _ok(emulator.run('portfolio', dict(name='unit-lost', state='absent')))
    emulator.requests()


# -- tag_option ------------------------------------------------------------------------------------


def test_tag_option_create_again_deactivate_find_inactive_absent(emulator):
    args = dict(key='unit-owner', value='web')
    ran = _ok(emulator.run('tag_option', args, check_mode=True))
    assert ran['changed'] and ran['diff'] == {'before': {}, 'after': {'key': 'unit-owner', 'value': 'web', 'active': True}}
    assert emulator.writes() == []
    ran = _ok(emulator.run('tag_option', args))
    option = ran['tag_option']
    assert ran['changed'] and option['key'] == 'unit-owner' and option['value'] == 'web' and option['active'] is True
    assert emulator.writes() == [('CreateTagOption', None)]
    assert not _ok(emulator.run('tag_option', args))['changed'] and emulator.writes() == []
    ran = _ok(emulator.run('tag_option', dict(args, active=False)))
    assert ran['changes'] == ['active: True -> False'] and ran['tag_option']['active'] is False
    assert emulator.writes() == [('UpdateTagOption', None)]
    # inactive, it is still found by key and value (ListTagOptions is asked for inactive ones too)
    assert not _ok(emulator.run('tag_option', dict(args, active=False)))['changed']
    assert emulator.writes() == []
    ran = _ok(emulator.run('tag_option', dict(args, state='absent')))
    assert ran['changed'] and ran['tag_option'] == {} and ran['diff']['before']['active'] is False
    assert not _ok(emulator.run('tag_option', dict(args, state='absent')))['changed']
    assert emulator.writes() == [('DeleteTagOption', None)]


def test_tag_option_created_inactive_and_value_changed_by_id(emulator):
    ran = _ok(emulator.run('tag_option', dict(key='unit-tier', value='gold', active=False)))
    option = ran['tag_option']
    assert ran['changed'] and option['active'] is False
    assert emulator.writes() == [('CreateTagOption', None), ('UpdateTagOption', None)]
    ran = _ok(emulator.run('tag_option', dict(tag_option_id=option['tag_option_id'], value='silver')))
    assert ran['changes'] == ['value: gold -> silver'] and ran['tag_option']['value'] == 'silver'
    assert ran['tag_option']['tag_option_id'] == option['tag_option_id']
    assert emulator.writes() == [('UpdateTagOption', None)]
    assert not _ok(emulator.run('tag_option', dict(tag_option_id=option['tag_option_id'], key='unit-tier', value='silver')))['changed']
    # the key cannot change: one line naming the option, nothing written
    ran = emulator.run('tag_option', dict(tag_option_id=option['tag_option_id'], key='unit-level', value='silver'))
    assert "tag option's key cannot change" in _failed(ran, 'key: ')['msg'] and "'unit-tier'" in ran.result['msg']
    assert emulator.writes() == []
    _ok(emulator.run('tag_option', dict(tag_option_id=option['tag_option_id'], state='absent')))
    emulator.requests()


def test_tag_option_bad_input_and_missing_id(emulator):
    _failed(emulator.run('tag_option', dict(key='unit-x')), 'value: required with key')
    _failed(emulator.run('tag_option', dict(key='unit-x', value='v' * 129)), 'value: at most 128 characters, got 129')
    _failed(emulator.run('tag_option', dict(tag_option_id='tag-missing0001', value='v')), 'tag_option_id: there is no tag option tag-missing0001')
    assert not _ok(emulator.run('tag_option', dict(tag_option_id='tag-missing0001', state='absent')))['changed']
    assert [action for action, _fault in emulator.requests() if action in ops.WRITE_OPERATIONS] == []


def test_tag_option_delete_refused_names_where_it_is_attached(emulator):
    ran = emulator.run('tag_option', dict(key='env', value='prod', state='absent'))
    msg = _failed(ran, 'DeleteTagOption failed: HTTP 409 ')['msg']
    assert 'detach tag option tag-bp1env0prod0a01 first from ' in msg and COMPUTE in msg and ECS_ID in msg
    assert 'tag_option_resource, state: absent' in msg
    assert emulator.writes() == [('DeleteTagOption', None)]


def test_tag_option_create_answer_lost_leads_to_exactly_one(emulator):
    emulator.control('drop', {'action': 'CreateTagOption', 'kind': 'close'})
    ran = _ok(emulator.run('tag_option', dict(key='unit-lost', value='one', active=False), verbosity=3))
    assert ran['changed'] and ran['tag_option']['value'] == 'one' and ran['tag_option']['active'] is False
    assert emulator.writes() == [('CreateTagOption', 'dropped-after'), ('UpdateTagOption', None)]
    listed = _ok(run_module('tag_option_info', dict(emulator.auth, key='unit-lost', active=False)))
    assert listed['total_count'] == 1
    _ok(emulator.run('tag_option', dict(key='unit-lost', value='one', state='absent')))
    emulator.requests()


# -- portfolio_principal ---------------------------------------------------------------------------


def test_portfolio_principal_present_twice_absent_twice(emulator):
    args = dict(portfolio_id=DATA, principal_id='300000000000000123', principal_type='RamRole')
    ran = _ok(emulator.run('portfolio_principal', args, check_mode=True))
    assert ran['changed'] and ran['principal'] == {} and ran['diff']['before'] == {}
    assert ran['diff']['after'] == {'portfolio_id': DATA, 'principal_id': '300000000000000123', 'principal_type': 'RamRole'}
    assert emulator.writes() == []
    ran = _ok(emulator.run('portfolio_principal', args))
    assert ran['changed'] and ran['principal']['principal_id'] == '300000000000000123' and ran['principal']['principal_type'] == 'RamRole'
    assert not _ok(emulator.run('portfolio_principal', args))['changed']
    assert emulator.writes() == [('AssociatePrincipalWithPortfolio', None)]
    # the same ID as a RAM user is another principal
    ran = _ok(emulator.run('portfolio_principal', dict(args, principal_type='RamUser', state='absent')))
    assert not ran['changed'] and emulator.writes() == []
    ran = _ok(emulator.run('portfolio_principal', dict(args, state='absent'), check_mode=True))
    assert ran['changed'] and emulator.writes() == []
    ran = _ok(emulator.run('portfolio_principal', dict(args, state='absent')))
    assert ran['changed'] and ran['principal'] == {} and ran['diff']['after'] == {}
    assert not _ok(emulator.run('portfolio_principal', dict(args, state='absent')))['changed']
    assert emulator.writes() == [('DisassociatePrincipalFromPortfolio', None)]
    listed = _ok(run_module('portfolio_principal_info', dict(emulator.auth, portfolio_id=DATA)))['principals']
    assert '300000000000000123' not in [p['principal_id'] for p in listed]


def test_portfolio_principal_found_among_many(emulator):
    """ListPrincipals is not paged: the whole list is read, the principal sought being its last entry."""
    principals = [{'PrincipalType': 'RamUser', 'PrincipalId': '2500000000%08d' % n} for n in range(150)]
    emulator.control('seed', {'portfolios': [{
        'PortfolioId': 'port-unitmany0001', 'PortfolioName': 'unit-many', 'ProviderName': 'IT', 'Description': '',
        'PortfolioArn': 'acs:servicecatalog:cn-hangzhou:1466115886170001:portfolio/port-unitmany0001', 'CreateTime': '2025-01-01T00:00:00Z',
        'TagOptionIds': [], 'Principals': principals}]})
    emulator.requests()
    last = dict(portfolio_id='port-unitmany0001', principal_id=principals[-1]['PrincipalId'], principal_type='RamUser')
    assert not _ok(emulator.run('portfolio_principal', last))['changed'] and emulator.writes() == []
    assert _ok(emulator.run('portfolio_principal', dict(last, state='absent')))['changed']
    assert emulator.writes() == [('DisassociatePrincipalFromPortfolio', None)]
    assert len(_ok(run_module('portfolio_principal_info', dict(emulator.auth, portfolio_id='port-unitmany0001')))['principals']) == 149


def test_portfolio_principal_missing_portfolio(emulator):
    args = dict(portfolio_id='port-missing0001', principal_id='300000000000000123', principal_type='RamRole')
    _failed(emulator.run('portfolio_principal', args), 'portfolio_id: there is no portfolio port-missing0001')
    assert not _ok(emulator.run('portfolio_principal', dict(args, state='absent')))['changed']
    assert emulator.writes() == []


def test_portfolio_principal_answer_lost_leads_to_exactly_one(emulator):
    args = dict(portfolio_id=DATA, principal_id='240000000000000777', principal_type='RamUser')
    emulator.control('drop', {'action': 'AssociatePrincipalWithPortfolio', 'kind': 'unavailable'})
    ran = _ok(emulator.run('portfolio_principal', args, verbosity=3))
    assert ran['changed'] and ran['principal']['principal_id'] == '240000000000000777' and ran['warnings']
    assert emulator.writes() == [('AssociatePrincipalWithPortfolio', 'unavailable-after')]
    emulator.control('respond', {'answers': [INTERNAL_ERROR], 'actions': ['DisassociatePrincipalFromPortfolio']})
    ran = emulator.run('portfolio_principal', dict(args, state='absent'))
    _failed(ran, 'DisassociatePrincipalFromPortfolio failed: HTTP 500 InternalError')
    assert emulator.writes() == [('DisassociatePrincipalFromPortfolio', 'canned')]
    listed = _ok(run_module('portfolio_principal_info', dict(emulator.auth, portfolio_id=DATA)))['principals']
    assert [p['principal_id'] for p in listed].count('240000000000000777') == 1
    _ok(emulator.run('portfolio_principal', dict(args, state='absent')))
    emulator.requests()


# -- tag_option_resource ---------------------------------------------------------------------------


def test_tag_option_resource_present_twice_absent_twice_on_portfolio_and_product(emulator):
    for resource_id, resource_type in ((DATA, 'Portfolio'), ('prod-bp1ossbkt2ca004', 'product')):
        args = dict(tag_option_id=CC2, resource_id=resource_id)
        ran = _ok(emulator.run('tag_option_resource', args, check_mode=True))
        assert ran['changed'] and ran['resource'] == {} and ran['diff']['after']['resource_type'] == resource_type
        assert emulator.writes() == []
        ran = _ok(emulator.run('tag_option_resource', args))
        assert ran['changed'] and ran['resource']['resource_id'] == resource_id and ran['resource']['resource_name']
        assert not _ok(emulator.run('tag_option_resource', args))['changed']
        assert emulator.writes() == [('AssociateTagOptionWithResource', None)]
        ran = _ok(emulator.run('tag_option_resource', dict(args, state='absent')))
        assert ran['changed'] and ran['resource'] == {} and ran['diff']['before']['resource_id'] == resource_id
        assert not _ok(emulator.run('tag_option_resource', dict(args, state='absent')))['changed']
        assert emulator.writes() == [('DisAssociateTagOptionFromResource', None)]


def test_tag_option_resource_found_on_a_later_page(emulator):
    """The tag option on 130 portfolios: the one sought is on the second page of ListResourcesForTagOption (100 a page)."""
    option = _ok(emulator.run('tag_option', dict(key='unit-paged', value='yes')))['tag_option']['tag_option_id']
    emulator.control('seed', {'portfolios': [{
        'PortfolioId': 'port-unittag%04d' % n, 'PortfolioName': 'unit-tagged-%d' % n, 'ProviderName': 'IT', 'Description': '',
        'PortfolioArn': 'acs:servicecatalog:cn-hangzhou:1466115886170001:portfolio/port-unittag%04d' % n,
        'CreateTime': '2025-01-01T00:%02d:%02dZ' % (n // 60, n % 60), 'TagOptionIds': [option], 'Principals': []} for n in range(130)]})
    emulator.requests()
    oldest = dict(tag_option_id=option, resource_id='port-unittag0000')
    assert not _ok(emulator.run('tag_option_resource', oldest))['changed']
    requests = emulator.requests()
    assert [action for action, _fault in requests].count('ListResourcesForTagOption') == 2
    assert not [action for action, _fault in requests if action in ops.WRITE_OPERATIONS]
    assert _ok(emulator.run('tag_option_resource', dict(oldest, state='absent')))['changed']
    assert emulator.writes() == [('DisAssociateTagOptionFromResource', None)]
    listed = _ok(run_module('tag_option_resource_info', dict(emulator.auth, tag_option_id=option, resource_type='Portfolio')))
    assert listed['total_count'] == 129 and 'port-unittag0000' not in [r['resource_id'] for r in listed['resources']]


def test_tag_option_resource_refusals(emulator):
    _failed(emulator.run('tag_option_resource', dict(tag_option_id=CC2, resource_id='pp-bp1wr0001')),
            "resource_id: a portfolio ID (port-...) or a product ID (prod-...), got 'pp-bp1wr0001'")
    _failed(emulator.run('tag_option_resource', dict(tag_option_id='tag-missing0001', resource_id=DATA)),
            'tag_option_id: there is no tag option tag-missing0001')
    assert not _ok(emulator.run('tag_option_resource', dict(tag_option_id='tag-missing0001', resource_id=DATA, state='absent')))['changed']
    assert emulator.writes() == []
    # the service's refusals come through with their code, status and RequestId
    ran = emulator.run('tag_option_resource', dict(tag_option_id=STAGING, resource_id=DATA))
    assert _failed(ran, 'AssociateTagOptionWithResource failed: HTTP 400 InvalidStatus.TagOption')['error']['request_id']
    ran = emulator.run('tag_option_resource', dict(tag_option_id=CC2, resource_id='port-missing0001'))
    assert _failed(ran, 'AssociateTagOptionWithResource failed: HTTP 404 ')['error']['http_status'] == 404
    emulator.requests()


def test_tag_option_resource_answer_lost_leads_to_exactly_one(emulator):
    args = dict(tag_option_id=CC2, resource_id=COMPUTE)
    emulator.control('drop', {'action': 'AssociateTagOptionWithResource', 'kind': 'internal'})
    ran = _ok(emulator.run('tag_option_resource', args))
    assert ran['changed'] and ran['resource']['resource_id'] == COMPUTE
    assert emulator.writes() == [('AssociateTagOptionWithResource', 'internal-after')]
    emulator.control('drop', {'action': 'DisAssociateTagOptionFromResource', 'kind': 'close'})
    ran = _ok(emulator.run('tag_option_resource', dict(args, state='absent')))
    assert ran['changed'] and ran['resource'] == {}
    assert emulator.writes() == [('DisAssociateTagOptionFromResource', 'dropped-after')]
    portfolio = _ok(run_module('portfolio_info', dict(emulator.auth, portfolio_id=COMPUTE)))['portfolios'][0]
    assert CC2 not in [t['tag_option_id'] for t in portfolio['tag_options']]


# -- the EXAMPLES run --------------------------------------------------------------------------------

MODULES = ('portfolio', 'tag_option', 'portfolio_principal', 'tag_option_resource')


@pytest.mark.parametrize('name', MODULES)
def test_documentation_is_yaml_and_documents_every_option(name):
    module = importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules.%s' % name)
    documented = yaml.safe_load(module.DOCUMENTATION)['options']
    assert sorted(documented) == sorted(module_facts.resource_spec(name)), name
    returned = yaml.safe_load(module.RETURN)
    assert {'changes', 'diff', 'api_log'} <= set(returned), name


@pytest.fixture
def demo():
    """An emulator with the demo data only (the module's emulator holds what the tests above seeded: 130 portfolios
    and more, which the before/after snapshot would read one by one)."""
    with conftest.on_demo_data(Emulator) as emu:
        yield emu


@pytest.mark.parametrize('name', MODULES)
def test_examples_run_against_the_demo_data(demo, name):
    """Each module's EXAMPLES, task after task (a loop over ``item`` included), succeed against the demo data and leave
    it as it was (the portfolios, tag options and principals read before and after are the same)."""
    emulator = demo
    examples = importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules.%s' % name).EXAMPLES
    spec = module_facts.resource_spec(name)

    def snapshot():
        portfolios = _ok(run_module('portfolio_info', dict(emulator.auth)))['portfolios']
        return (portfolios, [_ok(run_module('portfolio_info', dict(emulator.auth, portfolio_id=p['portfolio_id'])))['portfolios']
                             for p in portfolios],
                [_ok(run_module('tag_option_info', dict(emulator.auth, active=active)))['tag_options'] for active in (True, False)],
                [_ok(run_module('portfolio_principal_info', dict(emulator.auth, portfolio_id=p['portfolio_id'])))['principals']
                 for p in portfolios])

    before = snapshot()
    tasks = [task for task in yaml.safe_load(examples) if 'alicloud.servicecatalog.' + name in task]
    assert tasks, '%s: EXAMPLES never call the module' % name
    for task in tasks:
        args = task['alicloud.servicecatalog.' + name]
        assert set(args) <= set(spec), '%s EXAMPLES %r: unknown options %s' % (name, task['name'], sorted(set(args) - set(spec)))
        for item in task.get('loop') or [None]:
            given = dict((key, item if value == '{{ item }}' else value) for key, value in args.items())
            assert '{{' not in json.dumps(given), '%s EXAMPLES %r: only {{ item }} is templated here' % (name, task['name'])
            ran = emulator.run(name, given)
            assert ran.rc == 0, '%s EXAMPLES %r: %s' % (name, task['name'], ran.result.get('msg'))
    emulator.requests()
    assert snapshot() == before, '%s: EXAMPLES left the demo data changed' % name
