# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The contract every resource module keeps, each module's ``main()`` run in this process against the emulator.

The modules are those declaring a ``Resource`` subclass (module_utils/resource.py; ``module_facts.resource_module_names()``).
What no declaration can say is which arguments create something in the emulator: that is ``RESOURCES`` below, the one
hand-written table (a module without an entry fails every test here, naming it). For each module:

- bad input (unknown option, wrong type, value outside ``choices``, ``required`` / ``required_one_of`` /
  ``mutually_exclusive`` of its declaration) fails in one line naming the option, and no request reaches the emulator;
- a lifecycle, run once per module: ``present`` in check mode (``changed``, a ``diff``, no write in the emulator's
  request log), applied (``changed``, writes), again (``changed: false``, no write); an update in check mode, applied,
  again; ``absent`` in check mode (no write), applied, again (``changed: false``, no write). ``--diff`` (``module._diff``)
  gives ``before`` / ``after`` wherever something changes. No result, at -vvv included, contains the secret key;
- the first write answered with a throttling error is sent again, and the run succeeds.

A check that does not make sense for a module is declared in its entry (``not_applicable``: check -> reason); ``absent``
declared so is verified (the module has no ``state: absent``). Provisioning is instant here (``/_emulator/provisioning``
``seconds: 0`` while this file runs) and every object a test makes is removed again: the emulator is the session's.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import operations as ops
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import COMMON_ARGUMENT_SPEC
from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import SECRET

ECS_ID = 'prod-bp18r7q127a001'  # demo data: DEMO-ECS instance, a default launch option and a Default version, no review
RDS_ID = 'prod-bp1rtrnh2ca002'  # demo data: its launches need a review (approval constraint): plans wait for approval
SLB_ID = 'prod-bp1slbweb2ca005'  # demo data: in the Compute portfolio only, with no constraint there
COMPUTE_ID, DATA_ID = 'port-bp1yt7582g0a01', 'port-bp1438kf2j0a02'  # demo data: the Compute and Data services portfolios

# The one per-module table. Entry keys:
#   present         arguments that create (or, for a decision, make) the object; `state: present` is added when the module has it
#   update          (merged over `present`) arguments that change the object once it exists
#   absent          arguments naming the object (its identity); `state: absent` is added
#   setup/teardown  [(module, arguments)] runs (each must succeed) before / after each use of the entry: what the object needs
#   identity        function(result of the run that created it) -> arguments merged into update and absent: an ID no key finds
#                   (a constraint's: no API lists constraint IDs)
#   not_applicable  {check: reason} for a check of CHECKS that the module cannot have
RESOURCES = {
    'product': dict(
        present=dict(name='contract-product', provider_name='Contract', description='first', template_type='RosStandardTemplate'),
        update=dict(description='second'),
        absent=dict(name='contract-product'),
    ),
    'product_version': dict(
        setup=[('product', dict(name='contract-pv-product', provider_name='Contract', template_type='RosStandardTemplate'))],
        present=dict(product_name='contract-pv-product', name='1.0', template={'ROSTemplateFormatVersion': '2015-09-01', 'Resources': {}}),
        update=dict(guidance='Latest', description='second'),
        absent=dict(product_name='contract-pv-product', name='1.0'),
        teardown=[('product', dict(name='contract-pv-product', state='absent'))],
    ),
    'portfolio': dict(
        present=dict(name='contract-portfolio', provider_name='contract', description='first'),
        update=dict(description='second'),
        absent=dict(name='contract-portfolio'),
    ),
    'portfolio_principal': dict(
        present=dict(portfolio_id='port-bp1438kf2j0a02', principal_id='300000000000000999', principal_type='RamRole'),
        absent=dict(portfolio_id='port-bp1438kf2j0a02', principal_id='300000000000000999', principal_type='RamRole'),
        not_applicable=dict(update='an association is only its key (portfolio, principal ID and type): there is nothing to update'),
    ),
    'tag_option': dict(
        present=dict(key='contract-tag', value='one'),
        update=dict(active=False),
        absent=dict(key='contract-tag', value='one'),
    ),
    'tag_option_resource': dict(
        present=dict(tag_option_id='tag-bp1cost0c20a08', resource_id='port-bp1438kf2j0a02'),
        absent=dict(tag_option_id='tag-bp1cost0c20a08', resource_id='port-bp1438kf2j0a02'),
        not_applicable=dict(update='an attachment is only its key (tag option and resource): there is nothing to update'),
    ),
    'provisioned_product': dict(
        present=dict(name='contract-pp', product_id=ECS_ID, stack_region_id='cn-hangzhou', parameters={'instance_type': 'ecs.g7.large'},
                     tags={'env': 'contract'}),
        update=dict(parameters={'instance_type': 'ecs.g7.xlarge'}),
        absent=dict(name='contract-pp'),
    ),
    'provisioned_product_plan': dict(
        present=dict(name='contract-plan', provisioned_product_name='contract-planned', product_id=ECS_ID, stack_region_id='cn-hangzhou',
                     description='first'),
        update=dict(description='second'),
        absent=dict(name='contract-plan'),
    ),
    'provisioned_product_plan_approval': dict(
        setup=[('provisioned_product_plan', dict(name='contract-review', provisioned_product_name='contract-reviewed', product_id=RDS_ID,
                                                 stack_region_id='cn-hangzhou'))],
        present=dict(name='contract-review', action='approve', comment='contract'),
        teardown=[('provisioned_product_plan', dict(name='contract-review', state='absent'))],
        not_applicable=dict(
            update='a decision cannot change: a plan approved and then rejected fails naming its status (test_provisioned_product.py)',
            absent='a decision is not taken back: the module has no state option (the plan is deleted with provisioned_product_plan)'),
    ),
    'constraint': dict(
        present=dict(portfolio_id=COMPUTE_ID, product_id=SLB_ID, config={'LocalRoleName': 'ContractLaunchRole'}, description='first'),
        update=dict(config={'LocalRoleName': 'ContractDeployRole'}, description='second'),
        absent=dict(portfolio_id=COMPUTE_ID, product_id=SLB_ID),
        identity=lambda result: dict(constraint_id=result['constraint_id']),
    ),
    'portfolio_product': dict(
        present=dict(portfolio_id=DATA_ID, product_id=SLB_ID),
        absent=dict(portfolio_id=DATA_ID, product_id=SLB_ID),
        not_applicable=dict(update='an association has no field to change: the product is in the portfolio or not'),
    ),
}
CHECKS = ('update', 'absent')  # the checks an entry may declare not applicable (with a reason)
ENTRY_KEYS = ('present', 'update', 'absent', 'setup', 'teardown', 'not_applicable', 'identity')
NAMES = module_facts.resource_module_names()
THROTTLED = {'status': 400, 'content_type': 'application/json', 'headers': {'x-acs-retry-after': '10'},
             'body': json.dumps({'Code': 'Throttling.User', 'Message': 'Request was denied due to user flow control.', 'RequestId': 'r-throttled'})}


def _entry(name):
    if name not in RESOURCES:
        pytest.fail('resource module %s has no entry in RESOURCES (tests/unit/plugins/modules/test_contract_resources.py): '
                    'give the arguments that create one (present) and its identity (absent)' % name)
    return RESOURCES[name]


def _applies(name, check):
    return check not in (_entry(name).get('not_applicable') or {})


def _spec(name):
    return module_facts.resource_spec(name)


def _has_absent(name):
    return 'absent' in (_spec(name).get('state') or {}).get('choices', ())


def _waits(name):
    """Options every run gets: a short poll when the module waits (provisioning is instant here)."""
    return dict(wait_interval=0.05, wait_timeout=30) if 'wait_interval' in _spec(name) else {}


def _present(name):
    args = dict(_entry(name)['present'], **_waits(name))
    if 'state' in _spec(name):
        args['state'] = 'present'
    return args


def _identity(name, created):
    """The arguments naming what a run created (``identity`` of the entry applied to its result; none without it)."""
    identity = _entry(name).get('identity')
    return identity(created) if identity and created else {}


def _absent(name, created=None):
    return dict(_entry(name)['absent'], state='absent', **dict(_waits(name), **_identity(name, created)))


def _writes(log):
    """The write requests of a request log: every action that is not a declared read (operations.OPERATIONS)."""
    return [entry for entry in log if entry.get('action') and entry['action'] not in ops.OPERATIONS]


class Step:
    """One run: ``ran`` (module_runner.Ran) and ``writes`` (the write requests it sent, from the emulator's log)."""

    def __init__(self, ran, writes):
        self.ran, self.writes = ran, writes
        self.result = ran.result

    def ok(self, what):
        assert self.ran.rc == 0, '%s failed: %s' % (what, self.result.get('msg'))
        return self.result


def _step(emulator, name, args, check_mode=False, verbosity=0):
    emulator.control('log/clear', {})
    ran = emulator.run({'name': name}, args, check_mode=check_mode, verbosity=verbosity, diff=True)
    return Step(ran, _writes(emulator.log()))


def _runs(emulator, runs, what):
    for module, args in runs or ():
        step = _step(emulator, module, dict(args, **_waits(module)))
        step.ok('%s %s (%s)' % (what, module, args))


def _cleanup(emulator, name, created=None):
    """After a use of the entry: absent (when the module has it; ``created``: the result of the run that created it) and
    the teardown runs."""
    if _has_absent(name) and 'absent' in _entry(name):
        _step(emulator, name, _absent(name, created)).ok('cleanup: %s absent' % name)
    _runs(emulator, _entry(name).get('teardown'), 'teardown:')


@pytest.fixture(scope='module', autouse=True)
def _instant_provisioning(_running):
    before = _running.control('provisioning')['seconds']
    _running.control('provisioning', {'seconds': 0})
    yield
    _running.control('provisioning', {'seconds': before})


_LIFECYCLES = {}


def _lifecycle(emulator, name):
    """{step: Step} of the module's lifecycle, run once (the tests below each check part of it)."""
    if name not in _LIFECYCLES:
        entry = _entry(name)
        steps = _LIFECYCLES[name] = {}
        try:
            _runs(emulator, entry.get('setup'), 'setup:')
            present = _present(name)
            steps['present_check'] = _step(emulator, name, present, check_mode=True)
            steps['present'] = _step(emulator, name, present, verbosity=3)
            steps['present_again'] = _step(emulator, name, present)
            created = steps['present'].result
            if 'update' in entry:
                updated = dict(present, **dict(entry['update'], **_identity(name, created)))
                steps['update_check'] = _step(emulator, name, updated, check_mode=True)
                steps['update'] = _step(emulator, name, updated, verbosity=3)
                steps['update_again'] = _step(emulator, name, updated)
            if 'absent' in entry:
                steps['absent_check'] = _step(emulator, name, _absent(name, created), check_mode=True)
                steps['absent'] = _step(emulator, name, _absent(name, created), verbosity=3)
                steps['absent_again'] = _step(emulator, name, _absent(name, created))
        finally:
            if 'absent' in entry and 'absent_again' not in steps:  # stopped early: leave the session's emulator as it was
                _step(emulator, name, _absent(name, steps['present'].result if 'present' in steps else None))
            _runs(emulator, entry.get('teardown'), 'teardown:')
    return _LIFECYCLES[name]


def _steps(emulator, name, *keys):
    steps = _lifecycle(emulator, name)
    missing = [key for key in keys if key not in steps]
    assert not missing, '%s: the lifecycle did not get to %s' % (name, ', '.join(missing))
    return [steps[key] for key in keys]


def _assert_diff(step, what):
    diff = step.result.get('diff')
    assert isinstance(diff, dict) and set(diff) >= {'before', 'after'}, '%s: no diff with before and after: %r' % (what, diff)
    assert isinstance(diff['before'], dict) and isinstance(diff['after'], dict), diff
    assert diff['before'] != diff['after'], '%s: before and after are the same: %r' % (what, diff)


# -- the table ------------------------------------------------------------------------------------


def test_every_resource_module_has_an_entry():
    """A new resource module joins by its declaration and one entry of RESOURCES; every module is info or resource."""
    missing = [name for name in NAMES if name not in RESOURCES]
    assert not missing, 'resource modules without an entry in RESOURCES: %s' % ', '.join(missing)
    stale = sorted(set(RESOURCES) - set(NAMES))
    assert not stale, 'RESOURCES entries for modules that are not resource modules: %s' % ', '.join(stale)
    neither = sorted(set(module_facts.all_module_names()) - set(NAMES) - set(module_facts.module_names()))
    assert not neither, 'modules that are neither info (INFO = InfoModule) nor resource (a Resource subclass): %s' % ', '.join(neither)


@pytest.mark.parametrize('name', NAMES)
def test_the_entry_declares_what_it_leaves_out(name):
    entry = _entry(name)
    assert set(entry) <= set(ENTRY_KEYS), '%s: unknown keys %s' % (name, sorted(set(entry) - set(ENTRY_KEYS)))
    assert entry.get('present'), '%s: present (arguments that create one) is required' % name
    for check, reason in (entry.get('not_applicable') or {}).items():
        assert check in CHECKS and isinstance(reason, str) and reason.strip(), '%s: not_applicable %s needs a reason (checks: %s)' % (
            name, check, ', '.join(CHECKS))
        assert check not in entry, '%s: %s is given and declared not applicable' % (name, check)
    for check in CHECKS:
        assert check in entry or not _applies(name, check), '%s: give %s or declare it in not_applicable with a reason' % (name, check)
    if not _applies(name, 'absent'):
        assert not _has_absent(name), '%s declares absent not applicable, but it has state: absent' % name


# -- bad input ------------------------------------------------------------------------------------

_BAD_TYPED = {'int': 'not-a-number', 'float': 'not-a-number', 'bool': 'maybe', 'dict': 'not a dict'}


def _bad_input_cases():
    """(module, label, args, regex the one-line message must match), from each module's declaration."""
    cases = []
    for name in NAMES:
        if name not in RESOURCES:
            continue  # failed by test_every_resource_module_has_an_entry, naming it
        spec, rules, base = _spec(name), module_facts.resource_of(name).rules, _present(name)
        cases.append((name, 'unknown option', dict(base, no_such_option=1), r'^Unsupported parameters for .*: no_such_option\.'))
        for option, option_spec in sorted(dict(COMMON_ARGUMENT_SPEC, **spec).items()):
            kind = option_spec.get('type', 'str')
            if kind in _BAD_TYPED:
                cases.append((name, '%s of the wrong type' % option, dict(base, **{option: _BAD_TYPED[kind]}),
                              r'\b%s\b.*\b(int|float|bool|boolean|dict)\b' % re.escape(option)))
            if option_spec.get('choices'):
                bad = ['NoSuchChoice'] if kind == 'list' else 'NoSuchChoice'
                cases.append((name, '%s outside its choices' % option, dict(base, **{option: bad}),
                              r'\b%s\b.*\b%s\b' % (re.escape(option), re.escape(option_spec['choices'][0]))))
            if option_spec.get('required'):
                cases.append((name, 'without %s' % option, dict((k, v) for k, v in base.items() if k != option),
                              r'^missing required arguments: %s$' % option))
        for group in rules.get('required_one_of') or []:
            cases.append((name, 'none of %s' % ', '.join(group), dict((k, v) for k, v in base.items() if k not in group),
                          r'^one of the following is required: %s$' % ', '.join(group)))
        for pair in rules.get('mutually_exclusive') or []:
            # each pair alone: without the options of the base excluded by another pair with one of these
            others = set(option for group in rules['mutually_exclusive'] if group != pair and set(group) & set(pair) for option in group)
            args = dict((k, v) for k, v in base.items() if k not in others - set(pair))
            args.update((option, base.get(option, _sample(option, spec.get(option) or {}))) for option in pair)
            cases.append((name, '%s with %s' % tuple(pair), args, r'^parameters are mutually exclusive: %s$' % re.escape('|'.join(pair))))
    return cases


def _sample(option, option_spec):
    """A value of ``option``'s type, for a rule that needs only the option given: text, or a list of dicts with their
    required suboptions (a text there would fail its element conversion first)."""
    if option_spec.get('type') == 'list' and option_spec.get('elements') == 'dict':
        return [dict((sub, 'x-%s' % option) for sub, sub_spec in (option_spec.get('options') or {}).items() if sub_spec.get('required'))]
    return 'x-%s' % option


BAD_INPUT = _bad_input_cases()


@pytest.mark.parametrize('name, label, args, expect', BAD_INPUT, ids=['%s: %s' % (c[0], c[1]) for c in BAD_INPUT])
def test_bad_input_is_one_line_naming_the_option_with_no_request(emulator, name, label, args, expect):  # pylint: disable=unused-argument
    step = _step(emulator, name, args)
    message = step.result.get('msg', '')
    assert step.ran.rc == 1 and step.result.get('failed') is True, step.result
    assert '\n' not in message and 'Traceback' not in step.ran.stdout, message
    assert re.search(expect, message), (expect, message)
    assert 'error' not in step.result, 'bad input is not an API error'
    assert emulator.log() == [], 'no request for bad input'


def _blank_cases():
    return [(name, option) for name in NAMES if name in RESOURCES
            for option, option_spec in sorted(_spec(name).items())
            if option_spec.get('type', 'str') == 'str' and not option_spec.get('choices')]


BLANK = _blank_cases()


@pytest.mark.parametrize('name, option', BLANK, ids=['%s: %s' % case for case in BLANK])
def test_a_blank_text_option_never_raises(emulator, name, option):
    """Every text option of a resource module given as blanks, in check mode: accepted, or one line naming the option; never a
    traceback (the module's own checks run inside its error handling, the constructor's included), never a write."""
    _runs(emulator, _entry(name).get('setup'), 'setup:')
    try:
        step = _step(emulator, name, dict(_present(name), **{option: '   '}), check_mode=True)
    finally:
        _runs(emulator, _entry(name).get('teardown'), 'teardown:')
    message = step.result.get('msg', '')
    if step.ran.rc != 0:
        assert '\n' not in message and 'Traceback' not in step.ran.stdout, message
        assert re.search(r'\b%s\b' % re.escape(option), message), (option, message)
    assert step.writes == [], 'check mode wrote: %r' % step.writes


@pytest.mark.parametrize('name', NAMES)
def test_bad_input_covers_the_module(name):
    labels = [case[1] for case in BAD_INPUT if case[0] == name]
    _entry(name)
    assert 'unknown option' in labels, name
    for option, option_spec in _spec(name).items():
        if option_spec.get('choices'):
            assert '%s outside its choices' % option in labels, (name, option)


# -- the lifecycle --------------------------------------------------------------------------------


@pytest.mark.parametrize('name', NAMES)
def test_present_in_check_mode_writes_nothing_and_says_what_would_change(emulator, name):
    step, = _steps(emulator, name, 'present_check')
    result = step.ok('present in check mode')
    assert step.writes == [], 'check mode wrote: %s' % [w['action'] for w in step.writes]
    assert result['changed'] is True and result.get('changes'), result
    _assert_diff(step, 'present in check mode')


@pytest.mark.parametrize('name', NAMES)
def test_present_applied_writes_and_is_changed(emulator, name):
    check, step = _steps(emulator, name, 'present_check', 'present')
    result = step.ok('present')
    assert result['changed'] is True and result.get('changes'), result
    assert step.writes, 'present reported changed without a write'
    _assert_diff(step, 'present')
    assert (result['changes'], result['diff']) == (check.result['changes'], check.result['diff']), 'check mode said something else'


@pytest.mark.parametrize('name', NAMES)
def test_present_again_is_not_changed_and_writes_nothing(emulator, name):
    first, step = _steps(emulator, name, 'present', 'present_again')
    result = step.ok('present again')
    assert result['changed'] is False and result.get('changes') == [], result
    assert step.writes == [], 'the same task again wrote: %s' % [w['action'] for w in step.writes]
    diff = result.get('diff') or {}
    assert diff.get('before') and diff.get('after'), 'present again: the diff shows the object: %r' % (diff,)
    assert first.result['changed'] is True


@pytest.mark.parametrize('name', NAMES)
def test_update_in_check_mode_applied_and_again(emulator, name):
    if not _applies(name, 'update'):
        pytest.skip('declared not applicable: %s' % _entry(name)['not_applicable']['update'])
    check, applied, again = _steps(emulator, name, 'update_check', 'update', 'update_again')
    assert check.ok('update in check mode')['changed'] is True and check.writes == [], check.writes
    _assert_diff(check, 'update in check mode')
    changed = set(key for key in check.result['diff']['after'] if check.result['diff']['after'][key] != check.result['diff']['before'].get(key))
    assert changed and changed <= set(key.split('.')[0].split(':')[0] for key in check.result['changes']), (changed, check.result['changes'])
    assert applied.ok('update')['changed'] is True and applied.writes, applied.result
    _assert_diff(applied, 'update')
    assert (applied.result['changes'], applied.result['diff']) == (check.result['changes'], check.result['diff']), 'check mode said something else'
    assert again.ok('update again')['changed'] is False and again.writes == [], again.writes


@pytest.mark.parametrize('name', NAMES)
def test_absent_in_check_mode_writes_nothing(emulator, name):
    if not _applies(name, 'absent'):
        assert not _has_absent(name)
        return  # declared, and verified: the module has no state: absent
    step, = _steps(emulator, name, 'absent_check')
    result = step.ok('absent in check mode')
    assert step.writes == [], 'check mode wrote: %s' % [w['action'] for w in step.writes]
    assert result['changed'] is True, result
    _assert_diff(step, 'absent in check mode')
    assert step.result['diff']['after'] == {}, step.result['diff']


@pytest.mark.parametrize('name', NAMES)
def test_absent_applied_then_again_not_changed(emulator, name):
    if not _applies(name, 'absent'):
        assert not _has_absent(name)
        return  # declared, and verified: the module has no state: absent
    check, applied, again = _steps(emulator, name, 'absent_check', 'absent', 'absent_again')
    assert applied.ok('absent')['changed'] is True and applied.writes, applied.result
    _assert_diff(applied, 'absent')
    assert (applied.result['changes'], applied.result['diff']) == (check.result['changes'], check.result['diff']), 'check mode said something else'
    assert again.ok('absent again')['changed'] is False and again.result.get('changes') == [], again.result
    assert again.writes == [], 'absent twice wrote: %s' % [w['action'] for w in again.writes]


@pytest.mark.parametrize('name', NAMES)
def test_no_result_contains_the_secret(emulator, name):
    steps = _lifecycle(emulator, name)
    assert 'present' in steps and 'api_log' in steps['present'].result, 'the -vvv run returns api_log'
    for key, step in steps.items():
        assert SECRET not in step.ran.stdout, '%s: the secret key is in the result' % key


# -- writes under throttling ----------------------------------------------------------------------


@pytest.mark.parametrize('name', NAMES)
def test_throttled_write_is_sent_again(emulator, name):
    _runs(emulator, _entry(name).get('setup'), 'setup:')
    step = None
    try:
        emulator.control('respond', {'answers': [THROTTLED], 'actions': sorted(ops.WRITE_OPERATIONS)})
        step = _step(emulator, name, _present(name), verbosity=3)
    finally:
        emulator.control('respond', {'clear': True})
        _cleanup(emulator, name, step.result if step is not None and step.ran.rc == 0 else None)
    assert step.ok('present, its first write throttled')['changed'] is True
    first = step.writes[:2]
    assert [w.get('fault') for w in first] == ['canned', None] and first[0]['action'] == first[1]['action'], [
        (w['action'], w.get('fault')) for w in step.writes]
    assert SECRET not in step.ran.stdout
