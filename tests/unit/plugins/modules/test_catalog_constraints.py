# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""constraint and portfolio_product: main() in-process against the real emulator (tests/emulator), one of this file's own.

What the contract suite (test_contract_resources.py) cannot know: a launch constraint run twice without its ID is created
once (the launch options show it, no second CreateConstraint); its configuration is compared parsed; what cannot be
compared or deleted without the ID fails naming constraint_id; membership is read from every page of the portfolio's
products; a write whose answer is lost is never sent again. Every write is checked in the emulator's request log.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import json
import re

import pytest
import yaml

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import operations as ops
from ansible_collections.alicloud.servicecatalog.tests.unit.module_runner import run_module
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules import conftest

# the emulator's package is on sys.path once conftest is imported
from sc_emulator.data import load_demo  # pylint: disable=import-error
from sc_emulator.store import Store  # pylint: disable=import-error

COMPUTE, DATA = 'port-bp1yt7582g0a01', 'port-bp1438kf2j0a02'   # demo portfolios
ECS, SLB = 'prod-bp18r7q127a001', 'prod-bp1slbweb2ca005'  # demo products
TEMPLATE_CONSTRAINT = 'cons-bp1templt00a02'  # demo data: a Template constraint of ECS in Compute


class Emulator(conftest.Emulator):
    """conftest's emulator (control, log, auth), with this file's request log helpers and the store."""

    def __init__(self, running, store):
        super(Emulator, self).__init__(running)
        self.store = store

    def requests(self):
        """The requests logged since the last call (the log is then cleared)."""
        entries = self.control('log')
        self.control('log/clear', {})
        return entries

    def writes(self):
        return [(e['action'], e.get('fault')) for e in self.requests() if e.get('action') in ops.WRITE_OPERATIONS]

    def run(self, module, args, check_mode=False, verbosity=0, diff=False):
        return run_module(module, dict(self.auth, **args), check_mode=check_mode, verbosity=verbosity, diff=diff)

    def launch_constraints(self, portfolio_id, product_id):
        return [c for c in self.store.cat.constraints_on(portfolio_id, product_id) if c['ConstraintType'] == 'Launch']


@pytest.fixture(scope='module')
def emulator():
    store = Store(load_demo())
    with conftest.on_demo_data(lambda running: Emulator(running, store), store) as emu:
        yield emu


def _ok(ran):
    assert ran.rc == 0, ran.result.get('msg')
    return ran.result


def _failed(ran, start):
    assert ran.rc == 1 and ran.result['msg'].startswith(start), ran.result
    assert '\n' not in ran.result['msg']
    return ran.result['msg']


@pytest.fixture
def slb_in_data(emulator):
    """SLB in the Data services portfolio (no constraint on that pair), removed again with its constraints."""
    _ok(emulator.run('portfolio_product', dict(portfolio_id=DATA, product_id=SLB)))
    emulator.requests()
    yield dict(portfolio_id=DATA, product_id=SLB)
    _ok(emulator.run('portfolio_product', dict(portfolio_id=DATA, product_id=SLB, state='absent')))
    emulator.requests()


# -- constraint ---------------------------------------------------------------------------------------


def test_constraint_twice_without_id_is_created_once(emulator, slb_in_data):
    args = dict(slb_in_data, local_role_name='SCLaunchRole', description='Launch as SCLaunchRole.')
    ran = _ok(emulator.run('constraint', args, check_mode=True, diff=True))
    assert ran['changed'] and ran['changes'] == ['create launch constraint'] and ran['constraint'] == {} and ran['constraint_id'] is None
    assert ran['diff']['after']['config'] == {'LocalRoleName': 'SCLaunchRole'}
    assert emulator.writes() == []
    ran = _ok(emulator.run('constraint', args))
    constraint_id = ran['constraint_id']
    assert ran['changed'] and constraint_id.startswith('cons-')
    assert ran['constraint']['config'] == {'LocalRoleName': 'SCLaunchRole'} and ran['constraint']['config_text'] == '{"LocalRoleName":"SCLaunchRole"}'
    assert ran['constraint']['constraint_type'] == 'Launch' and ran['constraint']['portfolio_id'] == DATA
    assert emulator.writes() == [('CreateConstraint', None)]
    # again without the ID: the launch options show it; nothing is written, its ID is not known
    ran = _ok(emulator.run('constraint', args))
    assert not ran['changed'] and ran['changes'] == [] and ran['constraint_id'] is None
    assert ran['constraint'] == dict(constraint_type='Launch', description='Launch as SCLaunchRole.', portfolio_id=DATA, product_id=SLB)
    assert [e['action'] for e in emulator.requests()] == ['ListLaunchOptions']
    assert [c['ConstraintId'] for c in emulator.launch_constraints(DATA, SLB)] == [constraint_id]
    # without description: nothing to compare but the type, unchanged
    assert not _ok(emulator.run('constraint', dict(slb_in_data, local_role_name='SCLaunchRole')))['changed']
    # a description that differs cannot be written without the ID: fails naming constraint_id, in check mode too
    for check_mode in (True, False):
        msg = _failed(emulator.run('constraint', dict(args, description='Another.'), check_mode=check_mode), 'constraint_id: ')
        assert 'already set on product %s in portfolio %s' % (SLB, DATA) in msg and 'returned by the run that created it' in msg
    msg = _failed(emulator.run('constraint', dict(slb_in_data, state='absent')), 'constraint_id: ')
    assert 'cannot be deleted' in msg
    assert emulator.writes() == []
    # with the ID: read, compared and updated
    ran = _ok(emulator.run('constraint', dict(args, constraint_id=constraint_id, description='Another.', local_role_name='SCDeployRole'),
                           diff=True))
    assert ran['changed'] and sorted(ran['changes']) == ['config.LocalRoleName: SCLaunchRole -> SCDeployRole',
                                                         'description: Launch as SCLaunchRole. -> Another.']
    assert ran['constraint']['config'] == {'LocalRoleName': 'SCDeployRole'} and ran['constraint_id'] == constraint_id
    assert emulator.writes() == [('UpdateConstraint', None)]
    # deleted by ID, twice
    ran = _ok(emulator.run('constraint', dict(constraint_id=constraint_id, state='absent'), check_mode=True))
    assert ran['changed'] and emulator.writes() == []
    ran = _ok(emulator.run('constraint', dict(constraint_id=constraint_id, state='absent')))
    assert ran['changed'] and ran['constraint'] == {} and ran['constraint_id'] is None
    assert not _ok(emulator.run('constraint', dict(constraint_id=constraint_id, state='absent')))['changed']
    assert not _ok(emulator.run('constraint', dict(slb_in_data, state='absent')))['changed']
    assert emulator.writes() == [('DeleteConstraint', None)]


def test_config_is_compared_parsed(emulator, slb_in_data):
    ran = _ok(emulator.run('constraint', dict(slb_in_data, config={'LocalRoleName': 'SCLaunchRole'})))
    constraint_id = ran['constraint_id']
    # the service keeps the text as sent: spacing and layout of another client's JSON
    emulator.store.cat.constraints[constraint_id]['Config'] = '{\n  "LocalRoleName" :   "SCLaunchRole"\n}'
    emulator.requests()
    for args in (dict(config={'LocalRoleName': 'SCLaunchRole'}), dict(local_role_name='SCLaunchRole'), {}):
        ran = _ok(emulator.run('constraint', dict(args, constraint_id=constraint_id)))
        assert not ran['changed'] and ran['constraint']['config'] == {'LocalRoleName': 'SCLaunchRole'}, args
    assert emulator.writes() == []
    ran = _ok(emulator.run('constraint', dict(constraint_id=constraint_id, config={'LocalRoleName': 'Other'})))
    assert ran['changes'] == ['config.LocalRoleName: SCLaunchRole -> Other']
    sent = [e for e in emulator.requests() if e.get('action') == 'UpdateConstraint']
    assert len(sent) == 1 and sent[0]['params']['Config'] == '{"LocalRoleName":"Other"}'
    _ok(emulator.run('constraint', dict(constraint_id=constraint_id, state='absent')))


def test_constraint_refusals_name_the_option(emulator, slb_in_data):
    _failed(emulator.run('constraint', dict(constraint_id='cons-missing000')), 'constraint_id: there is no constraint cons-missing000')
    _failed(emulator.run('constraint', dict(constraint_id=TEMPLATE_CONSTRAINT)), 'constraint_id: %s is a Template constraint' % TEMPLATE_CONSTRAINT)
    _failed(emulator.run('constraint', dict(slb_in_data)), 'local_role_name: required (or config) to create')
    _failed(emulator.run('constraint', dict(slb_in_data, local_role_name='R', description='x' * 129)), 'description: ')
    ran = _ok(emulator.run('constraint', dict(slb_in_data, local_role_name='R')))
    _failed(emulator.run('constraint', dict(constraint_id=ran['constraint_id'], portfolio_id=COMPUTE, product_id=SLB)),
            'portfolio_id: constraint %s belongs to %s, not %s' % (ran['constraint_id'], DATA, COMPUTE))
    # the service's own refusal: a product not in the portfolio (Code, Message, status surface)
    refused = emulator.run('constraint', dict(portfolio_id=DATA, product_id=ECS, local_role_name='R'))
    assert refused.rc == 1 and refused.result['error']['code'] == 'InvalidParameter.PortfolioId'
    _ok(emulator.run('constraint', dict(constraint_id=ran['constraint_id'], state='absent')))
    assert emulator.writes() == [('CreateConstraint', None), ('CreateConstraint', None), ('DeleteConstraint', None)]


def test_lost_create_answer_leads_to_one_constraint(emulator, slb_in_data):
    emulator.control('drop', {'action': 'CreateConstraint', 'kind': 'close'})
    ran = _ok(emulator.run('constraint', dict(slb_in_data, local_role_name='SCLaunchRole', description='lost'), verbosity=3))
    assert ran['changed'] and ran['constraint_id'] is None and ran['constraint']['description'] == 'lost'
    assert 'was in the lost answer' in json.dumps(ran['warnings'])  # text, or a structured warning on ansible-core 2.19+
    assert any(line.startswith('CreateConstraint: ConnectionError; the request may have been executed, so it is not sent again')
               for line in ran['api_log'])
    assert emulator.writes() == [('CreateConstraint', 'dropped-after')]
    assert len(emulator.launch_constraints(DATA, SLB)) == 1
    assert not _ok(emulator.run('constraint', dict(slb_in_data, local_role_name='SCLaunchRole', description='lost')))['changed']
    assert emulator.writes() == []


@pytest.mark.parametrize('kind', ['internal', 'close'])
def test_lost_update_and_delete_answers_are_not_sent_again(emulator, slb_in_data, kind):
    constraint_id = _ok(emulator.run('constraint', dict(slb_in_data, local_role_name='SCLaunchRole')))['constraint_id']
    emulator.requests()
    emulator.control('drop', {'action': 'UpdateConstraint', 'kind': kind})
    ran = _ok(emulator.run('constraint', dict(constraint_id=constraint_id, local_role_name='SCDeployRole')))
    assert ran['changed'] and ran['constraint']['config'] == {'LocalRoleName': 'SCDeployRole'}
    emulator.control('drop', {'action': 'DeleteConstraint', 'kind': kind})
    ran = _ok(emulator.run('constraint', dict(constraint_id=constraint_id, state='absent')))
    assert ran['changed'] and ran['constraint'] == {}
    fault = 'dropped-after' if kind == 'close' else 'internal-after'
    assert emulator.writes() == [('UpdateConstraint', fault), ('DeleteConstraint', fault)]
    assert emulator.launch_constraints(DATA, SLB) == []


def test_lost_write_without_trace_fails_and_is_not_sent_again(emulator, slb_in_data):
    emulator.control('respond', {'answers': [{'status': 503, 'content_type': 'application/json', 'body': json.dumps(
        {'Code': 'ServiceUnavailable', 'Message': 'The request has failed due to a temporary failure of the server.', 'RequestId': 'r-1'})}],
        'actions': ['CreateConstraint']})
    ran = emulator.run('constraint', dict(slb_in_data, local_role_name='SCLaunchRole'))
    assert ran.rc == 1 and 'shows no trace of it, nothing was sent again' in ran.result['msg']
    assert ran.result['error']['code'] == 'ServiceUnavailable'
    assert emulator.writes() == [('CreateConstraint', 'canned')] and emulator.launch_constraints(DATA, SLB) == []


# -- portfolio_product --------------------------------------------------------------------------------


def test_membership_is_read_from_every_page(emulator):
    """A portfolio of 250 products (three pages of 100); the product looked for is listed last."""
    many = [{'ProductId': 'prod-unitpage%04d' % n, 'ProductName': 'page product %d' % n, 'PortfolioIds': ['port-unitpages01'],
             'CreateTime': '2025-01-01T00:%02d:%02dZ' % (n // 60, n % 60)} for n in range(250)]
    emulator.control('seed', {'portfolios': [{'PortfolioId': 'port-unitpages01', 'PortfolioName': 'unit pages'}], 'products': many})
    emulator.requests()
    oldest = dict(portfolio_id='port-unitpages01', product_id='prod-unitpage0000')
    ran = _ok(emulator.run('portfolio_product', oldest))
    assert not ran['changed'] and ran['product']['product_name'] == 'page product 0'
    listed = [e for e in emulator.requests() if e.get('action') == 'ListProductsAsAdmin']
    assert sorted(int(e['params']['PageNumber']) for e in listed) == [1, 2, 3]
    assert all(e['params']['PortfolioId'] == 'port-unitpages01' and e['params']['Scope'] == 'All' for e in listed)
    # absent: removed (it was on the last page), then absent again and present again
    assert _ok(emulator.run('portfolio_product', dict(oldest, state='absent')))['changed']
    assert not _ok(emulator.run('portfolio_product', dict(oldest, state='absent')))['changed']
    assert _ok(emulator.run('portfolio_product', oldest))['changed']
    assert not _ok(emulator.run('portfolio_product', oldest))['changed']
    assert emulator.writes() == [('DisassociateProductFromPortfolio', None), ('AssociateProductWithPortfolio', None)]


def test_imported_product_in_a_local_portfolio_counts(emulator):
    emulator.control('seed', {'products': [{'ProductId': 'prod-unitimport1', 'ProductName': 'shared to us', '_Imported': True,
                                            'PortfolioIds': [DATA]}]})
    emulator.requests()
    ran = _ok(emulator.run('portfolio_product', dict(portfolio_id=DATA, product_id='prod-unitimport1')))
    assert not ran['changed'] and ran['product']['product_id'] == 'prod-unitimport1'
    assert emulator.writes() == []


def test_portfolio_product_check_mode_diff_and_unknown_ids(emulator):
    pair = dict(portfolio_id=DATA, product_id=SLB)
    ran = _ok(emulator.run('portfolio_product', pair, check_mode=True, diff=True))
    assert ran['changed'] and ran['product'] == {} and ran['diff'] == {'before': {}, 'after': dict(pair)}
    assert emulator.writes() == []
    ran = _ok(emulator.run('portfolio_product', dict(portfolio_id=COMPUTE, product_id=SLB, state='absent'), check_mode=True, diff=True))
    assert ran['changed'] and ran['diff'] == {'before': dict(portfolio_id=COMPUTE, product_id=SLB), 'after': {}}
    assert emulator.writes() == []
    refused = emulator.run('portfolio_product', dict(portfolio_id='port-missing0001', product_id=SLB))
    assert refused.rc == 1 and refused.result['error']['code'] == 'EntityNotExist.Portfolio'
    assert not _ok(emulator.run('portfolio_product', dict(portfolio_id='port-missing0001', product_id=SLB, state='absent')))['changed']
    assert emulator.writes() == [('AssociateProductWithPortfolio', None)]


@pytest.mark.parametrize('kind', ['close', 'unavailable'])
def test_lost_association_answers_are_not_sent_again(emulator, kind):
    pair = dict(portfolio_id=DATA, product_id=SLB)
    emulator.control('drop', {'action': 'AssociateProductWithPortfolio', 'kind': kind})
    ran = _ok(emulator.run('portfolio_product', pair))
    assert ran['changed'] and ran['product']['product_id'] == SLB
    emulator.control('drop', {'action': 'DisassociateProductFromPortfolio', 'kind': kind})
    ran = _ok(emulator.run('portfolio_product', dict(pair, state='absent')))
    assert ran['changed'] and ran['product'] == {}
    fault = 'dropped-after' if kind == 'close' else 'unavailable-after'
    assert emulator.writes() == [('AssociateProductWithPortfolio', fault), ('DisassociateProductFromPortfolio', fault)]
    assert DATA not in emulator.store.cat.products[SLB]['PortfolioIds']


# -- the EXAMPLES run ---------------------------------------------------------------------------------

_REFERENCE = re.compile(r'^\{\{ (\w+)\.(\w+) \}\}$')


@pytest.mark.parametrize('name', ['constraint', 'portfolio_product'])
def test_examples_run_against_the_demo_data(emulator, name):
    """Each module's EXAMPLES, task after task, succeed against the demo data (a ``{{ registered.field }}`` and a ``when:
    registered.field`` resolved from the results registered before) and leave no constraint or membership behind."""
    examples = yaml.safe_load(importlib.import_module('ansible_collections.alicloud.servicecatalog.plugins.modules.%s' % name).EXAMPLES)
    before = (dict((k, dict(v)) for k, v in emulator.store.cat.constraints.items()),
              dict((k, list(v['PortfolioIds'])) for k, v in emulator.store.cat.products.items()))
    registered, ran_tasks = {}, 0

    def resolve(value):
        match = _REFERENCE.match(value) if isinstance(value, str) else None
        return registered[match.group(1)][match.group(2)] if match else value

    for task in examples:
        args = task.get('alicloud.servicecatalog.' + name)
        if args is None:
            continue
        if 'when' in task and not resolve('{{ %s }}' % task['when']):
            continue
        given = dict((key, resolve(value)) for key, value in args.items())
        assert '{{' not in json.dumps(given), '%s EXAMPLES %r: only {{ registered.field }} is resolved here' % (name, task['name'])
        result = _ok(emulator.run(name, given))
        registered[task.get('register', '_')] = result
        ran_tasks += 1
    assert ran_tasks >= 2, '%s: EXAMPLES call the module %d times' % (name, ran_tasks)
    emulator.requests()
    after = (dict((k, dict(v)) for k, v in emulator.store.cat.constraints.items()),
             dict((k, list(v['PortfolioIds'])) for k, v in emulator.store.cat.products.items()))
    assert after == before, '%s: EXAMPLES left the demo data changed' % name
