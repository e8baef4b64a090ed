#!/usr/bin/env python
"""Helper of scripts/awx-runner-test.sh: an AWX job, as AWX hands it to ansible-runner, and its checks.

Run with the Python of the build venv build/venv-awx (ansible-core, so Jinja2 and PyYAML, plus
ansible-runner). Subcommands:

``expect``   the values the job must find, read from the emulator's dataset (tests/emulator/data/demo.json)
``prepare``  an ansible-runner private data directory the way AWX builds one for a job template with a
             credential of the custom type extensions/awx/credential_type.yml: its ``env`` injectors are
             rendered with AWX's sandboxed Jinja2 namespace (empty inputs left out, secret inputs shown as
             ``**********`` in the "safe" copy AWX stores) into env/envvars; extra vars in env/extravars;
             ``-vvv`` in env/cmdline; settings; inventory/hosts; the playbook in project/
``job``      checks a finished job's artifacts: status, rc, job events and stdout
``secrets``  checks that no secret appears in the artifacts, the emulator's log or its output files,
             and which key signed the job's requests
``clear-log`` empties the emulator's request log before a job

Every check prints one ``PASS <what>`` or ``FAIL <what>`` line; the exit status is 1 when one failed.
Secrets are read from JSON files (never from the command line, where ``ps`` would show them).
"""
from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import urllib.request

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment
from checks import Checks  # noqa: E402  pylint: disable=wrong-import-position,import-error

HIDDEN = '**********'  # what AWX shows instead of a secret input (its safe_env / safe_namespace)
# Names AWX refuses in a custom credential type's env injectors (CredentialTypeInjectorField.
# validate_env_var_allowed): ANSIBLE_* and ENV_BLOCKLIST of awx/main/constants.py.
AWX_ENV_BLOCKLIST = frozenset((
    'VIRTUAL_ENV', 'PATH', 'PYTHONPATH', 'PROOT_TMP_DIR', 'JOB_ID', 'INVENTORY_ID', 'INVENTORY_SOURCE_ID',
    'INVENTORY_UPDATE_ID', 'AD_HOC_COMMAND_ID', 'REST_API_URL', 'REST_API_TOKEN', 'MAX_EVENT_RES',
    'CALLBACK_QUEUE', 'CALLBACK_CONNECTION', 'CACHE', 'JOB_CALLBACK_DEBUG', 'INVENTORY_HOSTVARS',
    'AWX_HOST', 'PROJECT_REVISION', 'SUPERVISOR_WEB_CONFIG_PATH',
))


def load_json(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def write_private(path, text):
    """Writes a file readable by its owner only (AWX writes the private data dir the same way)."""
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        f.write(text)


# --- expect -----------------------------------------------------------------------------------------
def outputs_of(task):
    return {o['OutputKey']: o['OutputValue'] for o in task.get('Outputs') or []}


def cmd_expect(args):
    data = load_json(args.data)
    tasks = {t['TaskId']: t for t in data.get('tasks', [])}
    products = {p['ProvisionedProductName']: p for p in data.get('provisioned_products', [])}
    plans = {p['PlanId']: p for p in data.get('plans', [])}
    missing = [what for what, ok in (('task ' + args.task_id, args.task_id in tasks),
                                     ('provisioned product ' + args.product_name, args.product_name in products),
                                     ('plan ' + args.plan_id, args.plan_id in plans)) if not ok]
    if missing:
        sys.exit('awx_job expect: not in %s: %s' % (args.data, ', '.join(missing)))
    task = tasks[args.task_id]
    product = products[args.product_name]
    # The instance's current outputs: those of its last successful launch or update task
    # (LastSuccessfulProvisioningTaskId; the emulator derives it the same way).
    provisioning = sorted((t for t in tasks.values()
                           if t['ProvisionedProductId'] == product['ProvisionedProductId']
                           and t.get('Status', 'Succeeded') == 'Succeeded'
                           and t.get('TaskType', 'LaunchProduct') != 'TerminateProvisionedProduct'),
                          key=lambda t: (t.get('CreateTime', ''), t['TaskId']))
    if not outputs_of(task) or not provisioning or not outputs_of(provisioning[-1]):
        sys.exit('awx_job expect: pick a task and a provisioned product with outputs in %s' % args.data)
    json.dump({
        'task_id': args.task_id,
        'task_outputs': outputs_of(task),
        'product_name': args.product_name,
        'product_id': product['ProvisionedProductId'],
        'product_outputs': outputs_of(provisioning[-1]),
        'plan_id': args.plan_id,
        'plan_name': plans[args.plan_id]['PlanName'],
    }, sys.stdout, indent=2, sort_keys=True)
    print()


# --- prepare ----------------------------------------------------------------------------------------
def render_injectors(credential_type, inputs):
    """(env, safe_env) as AWX's CredentialType.inject_credential builds them for env injectors."""
    fields = {f['id']: f for f in credential_type['inputs']['fields']}
    unknown = sorted(set(inputs) - set(fields))
    if unknown:
        raise ValueError('inputs not defined by the credential type: %s' % ', '.join(unknown))
    missing = [f for f in credential_type['inputs'].get('required', []) if not inputs.get(f)]
    if missing:
        raise ValueError('required inputs missing: %s' % ', '.join(missing))
    namespace, safe_namespace = {}, {}
    for name, value in inputs.items():
        if fields[name].get('secret'):
            safe_namespace[name] = HIDDEN
        elif len(value):
            safe_namespace[name] = value
        if len(value):
            namespace[name] = value
    sandbox = ImmutableSandboxedEnvironment()
    env, safe_env = {}, {}
    for var, template in credential_type['injectors']['env'].items():
        if var.startswith('ANSIBLE_') or var in AWX_ENV_BLOCKLIST:
            raise ValueError('AWX would refuse (ignore) the injected variable %s' % var)
        env[var] = sandbox.from_string(template).render(**namespace)
        safe_env[var] = sandbox.from_string(template).render(**safe_namespace)
    return env, safe_env


def cmd_prepare(args):
    with open(args.credential_type, encoding='utf-8') as f:
        credential_type = yaml.safe_load(f)
    inputs = load_json(args.inputs)
    env, safe_env = render_injectors(credential_type, inputs)
    pdd = args.private_data_dir
    os.makedirs(pdd, mode=0o700, exist_ok=True)
    # What AWX itself adds to every job's environment (a subset: the rest is about AWX's callback
    # receiver and SSH), then the credential's variables, then the collections path: AWX installs a
    # project's collections/requirements.yml into its own path and points ANSIBLE_COLLECTIONS_PATH(S) at it.
    envvars = {
        'JOB_ID': str(args.job_id),
        'ANSIBLE_HOST_KEY_CHECKING': 'False',
        'ANSIBLE_RETRY_FILES_ENABLED': 'False',
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'True',
        'ANSIBLE_NOCOLOR': '1',
    }
    envvars.update(env)
    envvars['ANSIBLE_COLLECTIONS_PATH'] = args.collections_path
    write_private(os.path.join(pdd, 'env', 'envvars'), yaml.safe_dump(envvars, default_flow_style=False))
    extravars = load_json(args.extravars)
    extravars.update({'awx_job_id': args.job_id, 'awx_job_template_name': 'alicloud.servicecatalog AWX test',
                      'tower_job_id': args.job_id})
    write_private(os.path.join(pdd, 'env', 'extravars'), yaml.safe_dump(extravars, default_flow_style=False))
    write_private(os.path.join(pdd, 'env', 'settings'),
                  yaml.safe_dump({'job_timeout': args.job_timeout, 'pexpect_timeout': 5,
                                  'suppress_ansible_output': False}, default_flow_style=False))
    write_private(os.path.join(pdd, 'env', 'cmdline'), '-' + 'v' * args.verbosity)
    write_private(os.path.join(pdd, 'inventory', 'hosts'),
                  'localhost ansible_connection=local ansible_python_interpreter=%s\n' % args.python)
    with open(args.playbook, encoding='utf-8') as f:
        write_private(os.path.join(pdd, 'project', os.path.basename(args.playbook)), f.read())
    # For the test only, outside the private data dir: what AWX would store and show as the job's env.
    write_private(args.safe_env_out, json.dumps(safe_env, indent=2, sort_keys=True) + '\n')
    print('awx_job: private data dir %s: env/envvars (%s), env/extravars, env/settings, env/cmdline (%s), '
          'inventory/hosts, project/%s' % (pdd, ', '.join(sorted(envvars)), '-' + 'v' * args.verbosity,
                                           os.path.basename(args.playbook)))


# --- job --------------------------------------------------------------------------------------------
def read_events(artifact_dir):
    events_dir = os.path.join(artifact_dir, 'job_events')
    events = []
    for name in os.listdir(events_dir):
        if name.endswith('.json'):
            events.append(load_json(os.path.join(events_dir, name)))
    events.sort(key=lambda e: e.get('counter', 0))
    return events


def task_results(events, task_name):
    return [e['event_data'].get('res', {}) for e in events
            if e.get('event') in ('runner_on_ok', 'runner_on_failed') and e['event_data'].get('task') == task_name]


def tail(text, lines=40):
    return '\n'.join(text.splitlines()[-lines:])


def cmd_job(args):
    c = Checks(args.label)
    expect = load_json(args.expect)
    art = args.artifact_dir
    status = open(os.path.join(art, 'status'), encoding='utf-8').read().strip()
    rc = open(os.path.join(art, 'rc'), encoding='utf-8').read().strip()
    stdout = open(os.path.join(art, 'stdout'), encoding='utf-8', errors='replace').read()
    events = read_events(art)
    c.check(bool(events), 'job_events written (%d events)' % len(events))
    if args.fail_code:
        c.check(status == 'failed' and rc != '0', 'the job fails: runner status %r, rc %s' % (status, rc))
        c.check(args.fail_code in stdout, 'stdout shows the API error code %s' % args.fail_code,
                tail(stdout))
        failed = [e for e in events if e.get('event') == 'runner_on_failed']
        msgs = [e['event_data'].get('res', {}).get('msg', '') for e in failed]
        c.check(any(args.fail_code in m for m in msgs),
                'a runner_on_failed event carries %s in its msg' % args.fail_code, msgs)
        c.exit()
    c.check(status == 'successful' and rc == '0', 'runner status %r, rc %s' % (status, rc), tail(stdout))
    stats = [e for e in events if e.get('event') == 'playbook_on_stats']
    c.check(bool(stats) and not stats[-1]['event_data'].get('failures') and not stats[-1]['event_data'].get('dark'),
            'playbook_on_stats: no failed or unreachable host')

    res = task_results(events, 'One task by ID')
    got = res[0].get('tasks', [{}])[0].get('output_values') if res else None
    c.check(got == expect['task_outputs'], 'event of task_info %s: output_values %s' % (expect['task_id'], got))
    res = task_results(events, 'Tasks of the provisioned product')
    c.check(bool(res) and res[0].get('total_count', 0) > 0,
            'event of task_info by provisioned product: total_count %s' % (res[0].get('total_count') if res else None))
    res = task_results(events, 'My provisioned products')
    names = [p.get('provisioned_product_name') for p in res[0].get('provisioned_products', [])] if res else []
    c.check(bool(res) and res[0].get('total_count', 0) > 0 and expect['product_name'] in names,
            'event of provisioned_product_info: total_count %s, names %s' % (res[0].get('total_count') if res else None, names))
    res = task_results(events, 'One plan by ID')
    plan = res[0].get('plans', [{}])[0] if res else {}
    c.check(plan.get('plan_name') == expect['plan_name'],
            'event of provisioned_product_plan_info %s: plan_name %r' % (expect['plan_id'], plan.get('plan_name')))
    res = task_results(events, 'The lookup results')
    msg = res[0].get('msg') if res else None
    c.check(isinstance(msg, dict) and msg.get('by_task') == expect['task_outputs']
            and msg.get('by_instance') == expect['product_outputs'],
            'event of the task_outputs lookup: by task %s, by instance %s' % (
                (msg or {}).get('by_task'), (msg or {}).get('by_instance')))
    for value in sorted(set(expect['task_outputs'].values()) | set(expect['product_outputs'].values())):
        c.check(value in stdout, 'artifacts stdout shows output value %s' % value)
    c.check('<localhost> ESTABLISH LOCAL CONNECTION' in stdout, 'stdout is -vvv output (ESTABLISH LOCAL CONNECTION)')
    c.exit()


# --- secrets ----------------------------------------------------------------------------------------
def cmd_secrets(args):
    c = Checks(args.label)
    secrets = [s for s in load_json(args.secrets) if s]
    if not secrets:
        sys.exit('awx_job secrets: no secrets given')
    # The credential's variables: their names from the safe copy, their values from env/envvars.
    safe_env = load_json(args.safe_env)
    with open(os.path.join(args.private_data_dir, 'env', 'envvars'), encoding='utf-8') as f:
        envvars = yaml.safe_load(f)
    injected = {k: envvars[k] for k in safe_env}
    c.check(all(v == '' or v in secrets for k, v in injected.items() if safe_env[k] == HIDDEN)
            and not any(s in json.dumps(safe_env) for s in secrets),
            "AWX's safe copy of the injected env shows %s for %s and no secret" % (
                HIDDEN, ', '.join(k for k in sorted(safe_env) if safe_env[k] == HIDDEN)))
    # 1. Every file under the artifacts directory. ansible-runner always records the environment it
    #    started ansible-playbook with in artifacts/<ident>/command ({"command", "cwd", "env"}, mode 0600),
    #    whatever the caller: there, and only there, a secret may appear, and only as the whole value of a
    #    variable the credential injected. (AWX keeps its safe_env for the job's record.)
    hits = []
    files = 0
    runner_record = 0
    for root, _dirs, names in os.walk(args.artifacts):
        for name in names:
            path = os.path.join(root, name)
            files += 1
            with open(path, 'rb') as f:
                content = f.read()
            found = [i for i, s in enumerate(secrets) if s.encode() in content]
            if not found:
                continue
            if name == 'command' and os.path.dirname(os.path.dirname(path)) == os.path.normpath(args.artifacts):
                runner_record += 1
                doc = json.loads(content)
                env = doc.get('env', {})
                rest = dict(doc, env={k: v for k, v in env.items() if k not in injected})
                holders = sorted(k for k in injected if env.get(k) in secrets)
                ok = (not any(s in json.dumps(rest) for s in secrets)
                      and all(env.get(k) == v for k, v in injected.items())
                      and stat.S_IMODE(os.stat(path).st_mode) == 0o600)
                c.check(ok, "%s (ansible-runner's record of the job's environment, mode 0600): the secret(s) "
                            "only as the values of %s" % (os.path.relpath(path, args.artifacts), ', '.join(holders)))
                continue
            hits.append('%s (secret #%s)' % (os.path.relpath(path, args.artifacts),
                                             ', #'.join(str(i + 1) for i in found)))
    c.check(files > 0 and not hits, 'no secret in the other %d files under %s (job events, stdout, status, rc, ...)' % (
        files - runner_record, args.artifacts), '\n'.join(hits))
    # 2. The emulator's request log, and other files (its stdout and stderr, ansible-runner's console output).
    with urllib.request.urlopen(args.emulator_url.rstrip('/') + '/_emulator/log', timeout=10) as r:
        log = r.read().decode('utf-8')
    entries = json.loads(log)
    c.check(not any(s in log for s in secrets), 'no secret in the emulator log (/_emulator/log, %d requests)' % len(entries))
    for path in args.files:
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
        c.check(not any(s in text for s in secrets), 'no secret in %s (%d bytes)' % (os.path.basename(path), len(text)))
    if args.key_id.startswith('issued:'):
        # keys the emulator issued itself (source oidc: AssumeRoleWithOIDC, which is unsigned)
        source = args.key_id.split(':', 1)[1]
        with urllib.request.urlopen(args.emulator_url.rstrip('/') + '/_emulator/credentials', timeout=10) as r:
            issued = set(i['access_key_id'] for i in json.load(r)['recent'] if i['source'] == source)
        exchanges = [e for e in entries if e.get('service') == 'sts' and e.get('action') == 'AssumeRoleWithOIDC']
        calls = [e for e in entries if e.get('access_key_id') in issued]
        answers = sorted(set(str(e.get('code') or e.get('status')) for e in calls + exchanges))
        c.check(bool(exchanges) and bool(calls) and len(calls) + len(exchanges) == len(entries) and answers == [args.answer],
                'the emulator saw %d requests: %d AssumeRoleWithOIDC, %d signed with keys it issued through %s; answers: %s' % (
                    len(entries), len(exchanges), len(calls), source, ', '.join(answers)))
        c.exit()
    calls = [e for e in entries if e.get('access_key_id') == args.key_id]
    answers = sorted(set(str(e.get('code') or e.get('status')) for e in calls))
    c.check(bool(calls) and len(calls) == len(entries) and answers == [args.answer],
            'the emulator saw %d requests, %d signed with %s; answers: %s' % (
                len(entries), len(calls), args.key_id, ', '.join(answers)))
    c.exit()


def cmd_clear_log(args):
    req = urllib.request.Request(args.emulator_url.rstrip('/') + '/_emulator/log/clear', data=b'', method='POST')
    with urllib.request.urlopen(req, timeout=10) as r:
        r.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    sub = parser.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('expect')
    p.add_argument('--data', required=True)
    p.add_argument('--task-id', required=True)
    p.add_argument('--product-name', required=True)
    p.add_argument('--plan-id', required=True)
    p = sub.add_parser('prepare')
    p.add_argument('--credential-type', required=True)
    p.add_argument('--inputs', required=True, help='JSON file: the credential inputs')
    p.add_argument('--private-data-dir', required=True)
    p.add_argument('--playbook', required=True)
    p.add_argument('--collections-path', required=True)
    p.add_argument('--python', required=True)
    p.add_argument('--extravars', required=True, help='JSON file')
    p.add_argument('--safe-env-out', required=True)
    p.add_argument('--job-id', type=int, default=42)
    p.add_argument('--job-timeout', type=int, default=300)
    p.add_argument('--verbosity', type=int, default=3)
    p = sub.add_parser('job')
    p.add_argument('--label', required=True)
    p.add_argument('--artifact-dir', required=True)
    p.add_argument('--expect', required=True)
    p.add_argument('--fail-code')
    p = sub.add_parser('secrets')
    p.add_argument('--label', required=True)
    p.add_argument('--secrets', required=True, help='JSON file: a list of strings')
    p.add_argument('--safe-env', required=True, help="JSON file: AWX's safe copy of the injected env")
    p.add_argument('--private-data-dir', required=True)
    p.add_argument('--artifacts', required=True)
    p.add_argument('--emulator-url', required=True)
    p.add_argument('--files', nargs='*', default=[], help="more files to search: the emulator's stdout, stderr...")
    p.add_argument('--key-id', required=True, help='the AccessKey ID every request of the job must be signed with, or issued:oidc '
                                                   '(keys the emulator issued through AssumeRoleWithOIDC)')
    p.add_argument('--answer', default='200', help="the emulator's answer to every request: 200 or an error code")
    p = sub.add_parser('clear-log')
    p.add_argument('--emulator-url', required=True)
    args = parser.parse_args()
    {'expect': cmd_expect, 'prepare': cmd_prepare, 'job': cmd_job, 'secrets': cmd_secrets,
     'clear-log': cmd_clear_log}[args.cmd](args)


if __name__ == '__main__':
    main()
