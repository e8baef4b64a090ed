#!/usr/bin/env python
"""Helper of scripts/awx-inventory-test.sh: an AWX inventory update from a project's inventory source file.

AWX runs an inventory update of a "Sourced from a Project" source as ``ansible-inventory -i
<project>/<source file> --list --export --output <file>`` through ansible-runner, in a private data
directory whose env/envvars holds the env injectors of the credentials attached to the source (the same
rendering as for jobs: awx_job.render_injectors). This builds that directory, runs the command with
ansible-runner's ``run_command`` (which reads env/envvars) and checks the result:

- success: the output holds the groups and hosts of ``--expect`` (JSON: {"groups": {group: [hosts]},
  "ansible_host": {host: address}}), values taken as ansible-inventory writes them (``__ansible_unsafe``
  mappings decoded, as AWX's import does);
- ``--fail-code CODE``: the update fails and its output names CODE;
- always: no secret of ``--secrets`` in the runner's stdout / stderr, the output file or any artifact
  (except artifacts/<ident>/command, ansible-runner's record of the environment it started, see awx_job.py).

Run with build/venv-awx's Python. One PASS / FAIL line per check; exit status 1 when one failed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from awx_job import load_json, render_injectors, write_private  # noqa: E402  pylint: disable=wrong-import-position,import-error
from checks import Checks  # noqa: E402  pylint: disable=wrong-import-position,import-error


def plain(value):
    """ansible-inventory's JSON with every {"__ansible_unsafe": text} as text."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def prepare(args):
    with open(args.credential_type, encoding='utf-8') as f:
        credential_type = yaml.safe_load(f)
    env, _safe_env = render_injectors(credential_type, load_json(args.inputs))
    pdd = args.private_data_dir
    shutil.rmtree(pdd, ignore_errors=True)
    os.makedirs(pdd, mode=0o700)
    # What AWX adds for an inventory update (a subset), then the credential's variables and the collections path.
    envvars = {
        'INVENTORY_SOURCE_ID': '7', 'INVENTORY_UPDATE_ID': '42', 'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'True',
        'ANSIBLE_NOCOLOR': '1',
    }
    envvars.update(env)
    envvars['ANSIBLE_COLLECTIONS_PATH'] = args.collections_path
    write_private(os.path.join(pdd, 'env', 'envvars'), yaml.safe_dump(envvars, default_flow_style=False))
    write_private(os.path.join(pdd, 'env', 'settings'), yaml.safe_dump({'job_timeout': 300}, default_flow_style=False))
    source = os.path.join(pdd, 'project', 'inventories', os.path.basename(args.source))
    with open(args.source, encoding='utf-8') as f:
        write_private(source, f.read())
    return source


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--label', required=True)
    parser.add_argument('--credential-type', required=True)
    parser.add_argument('--inputs', required=True, help='JSON file: the credential inputs')
    parser.add_argument('--source', required=True, help='the inventory source file of the project')
    parser.add_argument('--private-data-dir', required=True)
    parser.add_argument('--collections-path', required=True)
    parser.add_argument('--secrets', required=True, help='JSON file: a list of texts that must appear nowhere')
    parser.add_argument('--expect', help='JSON file: {"groups": {...}, "ansible_host": {...}}')
    parser.add_argument('--fail-code')
    args = parser.parse_args()

    import ansible_runner  # pylint: disable=import-outside-toplevel

    c = Checks(args.label)
    source = prepare(args)
    pdd = args.private_data_dir
    ident = 'inventory-update'
    output = os.path.join(pdd, 'artifacts', 'output.json')
    os.makedirs(os.path.dirname(output), exist_ok=True)
    stdout, stderr, rc = ansible_runner.run_command(
        executable_cmd='ansible-inventory',
        cmdline_args=['-i', source, '--list', '--export', '--output', output, '--playbook-dir', os.path.dirname(source)],
        private_data_dir=pdd, ident=ident, input_fd=None, quiet=True)
    text = (stdout or '') + (stderr or '')
    with open(os.path.join(pdd, 'runner.out'), 'w', encoding='utf-8') as f:
        f.write(text)

    if args.fail_code:
        c.check(rc != 0, 'the inventory update fails (exit status %s)' % rc, text[-2000:])
        c.check(args.fail_code in text, 'its output names %s' % args.fail_code, text[-2000:])
        c.check('Traceback' not in text, 'no traceback in its output', text[-2000:])
    else:
        c.check(rc == 0, 'ansible-inventory --list --export through ansible-runner succeeds', text[-2000:])
        data = plain(load_json(output)) if os.path.exists(output) else {}
        expect = load_json(args.expect)
        for group, hosts in sorted(expect['groups'].items()):
            got = sorted((data.get(group) or {}).get('hosts') or [])
            c.check(got == sorted(hosts), 'group %s holds %s' % (group, ', '.join(sorted(hosts))), got)
        hostvars = (data.get('_meta') or {}).get('hostvars') or {}
        for host, address in sorted(expect['ansible_host'].items()):
            got = (hostvars.get(host) or {}).get('ansible_host')
            c.check(got == address, 'host %s has ansible_host %s' % (host, address), got)
        c.check(all(isinstance((hostvars.get(h) or {}).get('outputs'), dict) for h in hostvars),
                'every host has its outputs as a dict (%d hosts)' % len(hostvars))

    secrets = load_json(args.secrets)
    leaks = []
    for root, _dirs, files in os.walk(os.path.join(pdd, 'artifacts')):
        for name in files:
            path = os.path.join(root, name)
            if name == 'command' and os.path.basename(os.path.dirname(path)) == ident:
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                content = f.read()
            leaks.extend(path for secret in secrets if secret in content)
    leaks.extend('runner output' for secret in secrets if secret in text)
    c.check(not leaks, 'no secret in the runner output, the inventory output or the artifacts', sorted(set(leaks)))
    c.exit()


if __name__ == '__main__':
    main()
