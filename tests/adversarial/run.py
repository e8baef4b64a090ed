"""The adversarial pass of issue "Trust nothing": bad inputs, malformed answers and secrets, every module.

Not part of `make test` (the integration suites hold the same cases as assertions); run by hand to
count, after `make venv ENV=core-latest`:

    build/venv-core-latest/bin/python tests/adversarial/run.py

It builds and installs the collection under build/adversarial, starts the emulator, generates one
playbook per category (a task per case, each `ignore_errors`; the modules, their operations and the IDs of the
fixtures it seeds come from tests/unit/module_facts.py), runs it with the JSON callback at
-vvvv and classifies every result: a clean failure is one line, names what it should (the option,
or the operation and field), carries no Python message; a leak is any secret in stdout or stderr.
Prints the counts and exits 1 when any case is not clean.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, 'build', 'adversarial')
VENV_BIN = os.path.join(ROOT, 'build', 'venv-core-latest', 'bin')
KEY, SECRET, TOKEN = 'LTAI5tAdversarial0001', 'Adv-SeCrEt-0123456789-abcdef', 'Adv-ToKeN-9876543210+/='
PYTHON_MESSAGES = re.compile(r'Traceback|object has no attribute|invalid literal|KeyError|TypeError|NoneType|'
                             r'unsupported operand|is not subscriptable|is not iterable', re.I)

sys.path.insert(0, os.path.join(ROOT, 'tests', 'unit'))
import module_facts  # noqa: E402  pylint: disable=wrong-import-position

module_facts.importable()
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.operations import OPERATIONS, PAGES  # noqa: E402


def _modules():
    """module -> (ID option and an ID, listing options that make a valid listing or None, Get action, List action),
    from tests/unit/module_facts.py: the declarations, and the fixture IDs the emulator is seeded with."""
    out = {}
    for entry in module_facts.entries():
        id_option = entry.get('id_option') if entry.get('one') and list(entry['one']) == [entry.get('id_option')] else None
        listing = entry.get('listing')
        if id_option is None and listing is None:  # a Get of several options (template_info): they are its listing
            listing = entry['one']
        out[entry['name']] = (id_option, entry['one'][id_option] if id_option else None, listing, entry.get('action'), entry.get('list_action'))
    return out


MODULES = _modules()
PAGED = set(name for name, op in OPERATIONS.items() if op.paging == PAGES)
RESULT_KEYS = dict((name, op.result_key) for name, op in OPERATIONS.items())


def bad_input_cases():
    """(label, module, args, words the message must hold)."""
    cases = []
    for module, (id_option, an_id, listing, _get, list_action) in MODULES.items():
        base = dict(listing or {}) if listing is not None else {id_option: an_id}
        cases += [
            ('unknown option', module, dict(base, no_such_option=1), 'no_such_option'),
            ('retries -1', module, dict(base, retries=-1), 'retries'),
            ('concurrency 0', module, dict(base, concurrency=0), 'concurrency'),
            ('read_timeout 0', module, dict(base, read_timeout=0), 'read_timeout'),
            ('bad endpoint', module, dict(base, endpoint='ftp://127.0.0.1:1'), 'endpoint'),
            ('bad region', module, dict(base, endpoint=None, alicloud_region='cn hangzhou'), 'alicloud_region'),
            ('ca_bundle missing', module, dict(base, ca_bundle='/nonexistent/ca.pem'), 'ca_bundle'),
            ('secret without key', module, dict(base, alicloud_access_key=None), 'alicloud_access_key'),
        ]
        if id_option:
            cases.append(('empty ID', module, {id_option: '  '}, id_option))
            cases.append(('ID as a list', module, {id_option: ['a', 'b']}, id_option))
        if id_option and listing:
            option = sorted(listing)[0] if listing else 'page_size'
            cases.append(('ID with a listing option', module, dict({id_option: an_id}, **{option: listing[option]}), id_option))
        if list_action in PAGED:
            cases.append(('page_size 0', module, dict(listing or {}, page_size=0), 'page_size'))
            cases.append(('page_size 101', module, dict(listing or {}, page_size=101), 'page_size'))
            cases.append(('page_size text', module, dict(listing or {}, page_size='many'), 'page_size'))
            cases.append(('page_number 0', module, dict(listing or {}, page_number=0), 'page_number'))
    return cases


def malformed_cases():
    """(label, module, args, action, body, words): the emulator answers ``action`` with ``body``."""
    cases = []
    for module, (id_option, an_id, listing, get, list_action) in MODULES.items():
        calls = []
        if get:
            calls.append((get, {id_option: an_id} if id_option else dict(listing)))
        if list_action:
            calls.append((list_action, dict(listing or {})))
        for action, args in calls:
            key = RESULT_KEYS[action]
            is_list = action.startswith('List')
            extra = {'TotalCount': 1} if action in PAGED else {}
            bodies = [('result key missing', {'RequestId': 'adv-1'}, '%s is missing' % key)]
            if action == 'GetTemplate':  # its result is text: a number or an object is what is wrong
                bodies.append(('result key a number', {'RequestId': 'adv-1', key: 7}, 'expected text'))
                bodies.append(('result key an object', {'RequestId': 'adv-1', key: {'a': 1}}, 'expected text'))
            else:
                bodies.append(('result key text', {'RequestId': 'adv-1', key: 'oops'}, key))
            if is_list:
                bodies.append(('list as object', dict(extra, RequestId='adv-1', **{key: {'a': 1}}), 'expected a list'))
                bodies.append(('item not object', dict(extra, RequestId='adv-1', **{key: ['oops']}), '%s[0]' % key))
                if action in PAGED:
                    bodies.append(('TotalCount text', {'RequestId': 'adv-1', key: [], 'TotalCount': 'abc'}, 'TotalCount'))
            elif action != 'GetTemplate':
                bodies.append(('object as list', {'RequestId': 'adv-1', key: []}, 'expected an object'))
            if action == 'GetTask':
                bodies.append(('Outputs not a list', {'RequestId': 'adv-1', key: {'TaskId': 't', 'Outputs': {'a': 1}}}, 'Outputs'))
                bodies.append(('Output without key', {'RequestId': 'adv-1', key: {'TaskId': 't', 'Outputs': [{'x': 1}]}}, 'OutputKey'))
            for label, body, words in bodies:
                cases.append(('%s: %s' % (action, label), module, args, action, body, words))
    return cases


# -- issue "Bounded under hostile answers and absurd options" (kept apart from the tables above) -----------

BOUNDED_ID_KEYS = {'ListTasks': 'TaskId', 'ListProvisionedProducts': 'ProvisionedProductId', 'ListProvisionedProductPlans': 'PlanId',
                   'ListPortfolios': 'PortfolioId', 'ListProductsAsEndUser': 'ProductId', 'ListTagOptions': 'TagOptionId',
                   'ListResourcesForTagOption': 'ResourceId'}
BOUNDED_BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + ''.join(
    '%s: &%s [%s]\n' % (chr(98 + i), chr(98 + i), ','.join(['*' + chr(97 + i)] * 9)) for i in range(8))


def bounded_input_cases():
    """(label, module, args, words): free text given a list, a NUL character, 100,000 characters, NaN waits."""
    cases = [
        ('name as a list', 'portfolio_info', {'name': ['a', 'b']}, 'name: one name or text, got a list'),
        ('full_text_search as a list', 'product_info', {'full_text_search': ['a', 'b']}, 'full_text_search: one name or text'),
        ('plan_name as a list', 'provisioned_product_plan_info', {'access_level_filter': 'Account', 'plan_name': ['a', 'b']}, 'plan_name:'),
        ('key as a list', 'tag_option_info', {'key': ['a', 'b']}, 'key: one name or text'),
        ('name with NUL', 'portfolio_info', {'name': 'db\u0000x'}, 'name: must not hold a NUL character'),
        ('wait_interval nan', 'task_info', {'task_id': 'task-bp1dmg242c0a01', 'wait': True, 'wait_interval': 'nan'}, 'wait_interval'),
        ('wait_interval inf', 'task_info', {'task_id': 'task-bp1dmg242c0a01', 'wait': True, 'wait_interval': 'inf'}, 'wait_interval'),
    ]
    for module, (id_option, _an_id, _listing, _get, _list_action) in MODULES.items():
        if id_option:
            cases.append(('100,000-character ID', module, {id_option: 'x' * 100000}, '%s: at most 256 characters' % id_option))
    return cases


def bounded_answer_cases():
    """(label, module, args, action, body or [bodies], words): listings that never end, a list for an ID,
    an alias bomb; words starting with WARN: expect success with that warning."""
    cases = []
    for module, (_id_option, _an_id, listing, _get, action) in MODULES.items():
        if action not in BOUNDED_ID_KEYS:
            continue
        key, id_key = RESULT_KEYS[action], BOUNDED_ID_KEYS[action]
        page = [{id_key: 'adv-%03d' % n} for n in range(100)]
        args = dict(listing or {}, concurrency=1)
        cases += [
            ('%s: TotalCount 10^9' % action, module, args, action, {'RequestId': 'adv-1', key: page, 'TotalCount': 10 ** 9},
             'MAX_LISTING_TOTAL'),
            ('%s: every page the same' % action, module, args, action, [{'RequestId': 'adv-1', key: page, 'TotalCount': 5000}] * 2,
             'the answers repeat themselves'),
            ('%s: ID a list' % action, module, args, action, {'RequestId': 'adv-1', key: [{id_key: ['a']}], 'TotalCount': 1},
             '%s[0].%s is a list' % (key, id_key)),
        ]
    cases.append(('GetTemplate: alias bomb', 'template_info', dict(MODULES['template_info'][2]), 'GetTemplate',
                  {'RequestId': 'adv-1', 'TemplateBody': BOUNDED_BILLION_LAUGHS}, 'WARN:its aliases expand to more than'))
    return cases


def _run(cmd, env, timeout=1800):
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def main():
    shutil.rmtree(BUILD, ignore_errors=True)
    os.makedirs(BUILD)
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('ALIBABA_CLOUD_', 'ALICLOUD_', 'ANSIBLE_')))
    env.update(PATH=VENV_BIN + os.pathsep + env['PATH'], ANSIBLE_COLLECTIONS_PATH=os.path.join(BUILD, 'collections'),
               ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
               NO_PROXY='127.0.0.1,localhost')
    built = _run(['ansible-galaxy', 'collection', 'build', '--force', '--output-path', BUILD, ROOT], env)
    tarball = re.search(r'(\S+\.tar\.gz)', built.stdout).group(1)
    _run(['ansible-galaxy', 'collection', 'install', '--force', '-p', env['ANSIBLE_COLLECTIONS_PATH'], tarball], env)
    emulator = subprocess.Popen([sys.executable, os.path.join(ROOT, 'tests', 'emulator', 'serve.py'),
                                 '--access-key', '%s:%s:%s' % (KEY, SECRET, TOKEN)], stdout=subprocess.PIPE, text=True)
    try:
        url = emulator.stdout.readline().split()[-1]
        seed = urllib.request.Request(url + '/_emulator/seed', data=json.dumps(module_facts.fixtures_dataset()).encode('utf-8'),
                                      headers={'Content-Type': 'application/json'})
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(seed, timeout=30).read()
        results = {}
        for category, cases in (('bad input', bad_input_cases() + bounded_input_cases()),
                                ('malformed answers', malformed_cases() + bounded_answer_cases())):
            results[category] = run_category(category, cases, url, env)
        results['secrets'] = secrets_summary(results)
    finally:
        emulator.terminate()
        emulator.wait(10)
    print(json.dumps(dict((k, v['counts']) for k, v in results.items()), indent=2))
    bad = [case for value in results.values() for case in value.get('bad', [])]
    for case in bad[:40]:
        print('NOT CLEAN:', case)
    return 1 if bad else 0


def _task(index, module, args, auth):
    body = dict(auth)
    body.update(args)
    body = dict((k, v) for k, v in body.items() if v is not None)
    return {'name': 'case %d' % index, 'alicloud.servicecatalog.%s' % module: body, 'ignore_errors': True,
            'register': 'case_%d' % index}


def run_category(category, cases, url, env):
    auth = {'alicloud_access_key': KEY, 'alicloud_secret_key': SECRET, 'alicloud_security_token': TOKEN, 'endpoint': url,
            'retries': 0}
    tasks = []
    for index, case in enumerate(cases):
        if category == 'malformed answers':
            _label, module, args, action, body, _words = case
            answers = [{'status': 200, 'body': json.dumps(one)} for one in (body if isinstance(body, list) else [body])]
            tasks.append({'name': 'answer %d' % index, 'ansible.builtin.uri': {
                'url': url + '/_emulator/respond', 'method': 'POST', 'body_format': 'json',
                'body': {'clear': True, 'actions': [action], 'answers': answers}}})
        else:
            _label, module, args, _words = case
        tasks.append(_task(index, module, args, auth))
    report = os.path.join(BUILD, '%s.json' % category.replace(' ', '_'))
    names = ['case_%d' % index for index in range(len(cases))]
    tasks.append({'name': 'report', 'ansible.builtin.copy': {
        'dest': report, 'content': "{{ query('ansible.builtin.vars', *names) | to_json }}"}, 'vars': {'names': names}})
    play = [{'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}]
    with tempfile.NamedTemporaryFile('w', suffix='.yml', dir=BUILD, delete=False) as handle:
        json.dump(play, handle)
    done = _run(['ansible-playbook', '-vvvv', handle.name], env)
    text = done.stdout + done.stderr
    try:
        with open(report) as handle:
            outcome = dict(enumerate(json.load(handle)))
    except (IOError, ValueError):
        return {'counts': {'error': 'no report', 'rc': done.returncode}, 'bad': [text[-2000:]], 'text': text}
    counts = {'cases': len(cases), 'clean': 0, 'python message': 0, 'not failed (empty or wrong success)': 0,
              'missing words': 0, 'several lines': 0}
    bad = []
    for index, case in enumerate(cases):
        result = outcome.get(index, {})
        message = str(result.get('msg', ''))
        words = case[-1]
        problem = None
        if words.startswith('WARN:'):  # bounded_answer_cases: a success with this warning
            if result.get('failed') or not any(words[5:] in str(w) for w in result.get('warnings') or []):
                problem = 'missing words'
        elif not result.get('failed'):
            problem = 'not failed (empty or wrong success)'
        elif PYTHON_MESSAGES.search(message) or result.get('exception', '').startswith('Traceback') and 'Traceback' in message:
            problem = 'python message'
        elif '\n' in message.strip():
            problem = 'several lines'
        elif words not in message:
            problem = 'missing words'
        if problem:
            counts[problem] += 1
            bad.append('%s / %s / %s: %s -> %s' % (category, case[1], case[0], problem, message[:300]))
        else:
            counts['clean'] += 1
    return {'counts': counts, 'bad': bad, 'text': text}


def secrets_summary(results):
    texts = [value.get('text', '') for value in results.values()]
    leaks = sum(text.count(SECRET) + text.count(TOKEN) for text in texts)
    return {'counts': {'outputs read at -vvvv': len(texts), 'secret or token occurrences': leaks},
            'bad': ['secret or token found %d times' % leaks] if leaks else []}


if __name__ == '__main__':
    sys.exit(main())
