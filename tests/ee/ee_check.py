#!/usr/bin/env python
"""Checks of scripts/ee-create-test.sh: the collection's execution-environment metadata and what
``ansible-builder create`` / ``ansible-builder introspect`` make of it.

Run with the Python of build/venv-awx (ansible-builder, so bindep, packaging and PyYAML). Subcommands:

``lint ROOT``                     meta/execution-environment.yml, requirements.txt, bindep.txt of the
                                  collection at ROOT
``context CONTEXT TARBALL EE``    the build context ``ansible-builder create`` wrote for the definition EE
``installed COLLECTIONS ROOT``    the collection ``ansible-galaxy collection install -r`` put in COLLECTIONS
``introspect OUTPUT ROOT``        the YAML that ``ansible-builder introspect`` printed (file OUTPUT)
``written DIR ROOT``              requirements.txt and bindep.txt that the build context's own
                                  introspect.py wrote into DIR (the image's /tmp/src: what its
                                  ``assemble`` pip-installs and ``install-from-bindep`` installs)

Every check prints one ``PASS <what>`` or ``FAIL <what>`` line; the exit status is 1 when one failed.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import sys

import yaml
from bindep.depends import Depends
from packaging.requirements import InvalidRequirement, Requirement
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'awx'))
from checks import Checks  # noqa: E402  pylint: disable=wrong-import-position,import-error

# ansible-builder leaves these out of a collection's Python requirements (the image has them); a
# collection must not ask for them. Pins and upper bounds make images unbuildable next to other collections.
ANSIBLE_ITSELF = frozenset(('ansible', 'ansible-core', 'ansible-base'))
PINNING = frozenset(('==', '===', '<', '<=', '~='))
# Platform profiles of an RPM-based base image (AWX's and the community EE images) and of a Debian one.
RPM_PROFILES = ['platform:rpm', 'platform:redhat', 'platform:centos']
DPKG_PROFILES = ['platform:dpkg', 'platform:debian', 'platform:ubuntu']


def content_lines(path):
    """Non-empty lines without comments (pip and bindep syntax alike)."""
    with open(path, encoding='utf-8') as f:
        lines = [re.sub(r'(^|\s+)#.*$', '', line).strip() for line in f]
    return [line for line in lines if line]


def galaxy_version(root):
    with open(os.path.join(root, 'galaxy.yml'), encoding='utf-8') as f:
        meta = yaml.safe_load(f)
    return meta['namespace'], meta['name'], str(meta['version'])


# --- lint -------------------------------------------------------------------------------------------
def cmd_lint(args):
    c = Checks('lint')
    root = args.root
    path = os.path.join(root, 'meta', 'execution-environment.yml')
    with open(path, encoding='utf-8') as f:
        meta = yaml.safe_load(f)
    c.check(isinstance(meta, dict) and set(meta) <= {'version', 'dependencies'},
            'meta/execution-environment.yml: a mapping of version and dependencies only (%s)' % sorted(meta or {}))
    c.check(meta.get('version') == 1 and isinstance(meta.get('version'), int),
            'meta/execution-environment.yml: version 1 (the collection metadata format), got %r' % meta.get('version'))
    deps = meta.get('dependencies') or {}
    c.check(deps == {'python': 'requirements.txt', 'system': 'bindep.txt'},
            'meta/execution-environment.yml: dependencies python -> requirements.txt, system -> bindep.txt (%s)' % deps)
    for name in ('requirements.txt', 'bindep.txt'):
        c.check(os.path.isfile(os.path.join(root, name)) and bool(content_lines(os.path.join(root, name))),
                '%s exists at the collection root and lists something' % name)

    reqs = content_lines(os.path.join(root, 'requirements.txt'))
    names = []
    for line in reqs:
        try:
            req = Requirement(line)
        except InvalidRequirement as exc:
            c.check(False, 'requirements.txt: %r is a PEP 508 requirement' % line, exc)
            continue
        names.append(req.name.lower())
        pins = sorted(s.operator + s.version for s in req.specifier if s.operator in PINNING)
        c.check(not pins, 'requirements.txt: %s has no pin or upper bound%s' % (
            req.name, ' (%s)' % ', '.join(pins) if pins else ''))
        c.check(req.name.lower() not in ANSIBLE_ITSELF, 'requirements.txt: %s is not ansible itself' % req.name)
    c.check('requests' in names, 'requirements.txt lists requests (%s)' % ', '.join(names))

    try:
        bindep = Depends(open(os.path.join(root, 'bindep.txt'), encoding='utf-8').read())
    except Exception as exc:  # pylint: disable=broad-exception-caught  # bindep raises parsley's errors
        c.check(False, 'bindep.txt parses', exc)
        c.exit()
    rules = bindep._rules  # pylint: disable=protected-access  # the parsed (package, selectors, versions)
    c.check(bool(rules), 'bindep.txt parses: %s' % ', '.join(
        '%s [%s]' % (r[0], ' '.join(('' if inc else '!') + p for inc, p in r[1])) for r in rules))
    for label, profiles in (('RPM', RPM_PROFILES), ('Debian', DPKG_PROFILES)):
        active = [r[0] for r in bindep.active_rules(profiles)]
        c.check('ca-certificates' in active, 'bindep.txt: ca-certificates selected on %s images (%s)' % (
            label, ', '.join(active)))
    c.check(all(r[1] for r in rules), 'bindep.txt: every entry names its platforms (no entry for every profile)')
    c.exit()


# --- context ----------------------------------------------------------------------------------------
def cmd_context(args):
    c = Checks('create')
    ctx = args.context
    with open(args.ee, encoding='utf-8') as f:
        ee = yaml.safe_load(f)
    containerfile = os.path.join(ctx, 'Containerfile')
    c.check(os.path.isfile(containerfile), 'the build context has a Containerfile')
    text = open(containerfile, encoding='utf-8').read() if os.path.isfile(containerfile) else ''
    base = ee['images']['base_image']['name']
    for what, needle in (('the base image', 'ARG EE_BASE_IMAGE="%s"' % base),
                         ('the galaxy stage', 'FROM base AS galaxy'),
                         ('the collection install', 'ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml'),
                         ('the introspection of the installed collections', 'introspect.py introspect'),
                         ('the bindep install', 'install-from-bindep'),
                         ('the Python requirements install', '/output/scripts/assemble')):
        c.check(needle in text, 'Containerfile has %s (%s)' % (what, needle))
    build = os.path.join(ctx, '_build')
    with open(os.path.join(build, 'requirements.yml'), encoding='utf-8') as f:
        galaxy = yaml.safe_load(f) or {}
    wanted = ee['dependencies']['galaxy']['collections']
    c.check(galaxy.get('collections') == wanted, '_build/requirements.yml: %s' % galaxy.get('collections'))
    for entry in wanted:
        path = os.path.join(build, entry['name'])
        c.check(os.path.isfile(path) and filecmp.cmp(path, args.tarball, shallow=False),
                '_build/%s is the built tarball %s' % (entry['name'], os.path.basename(args.tarball)))
    leftovers = [n for n in ('requirements.txt', 'bindep.txt') if os.path.exists(os.path.join(build, n))]
    c.check(not leftovers, 'no user Python or system requirements in _build (they come from the collection): %s' % (
        leftovers or 'none'))
    c.exit()


# --- installed --------------------------------------------------------------------------------------
def cmd_installed(args):
    c = Checks('galaxy stage')
    namespace, name, version = galaxy_version(args.root)
    coll = os.path.join(args.collections, 'ansible_collections', namespace, name)
    manifest = os.path.join(coll, 'MANIFEST.json')
    info = {}
    if os.path.isfile(manifest):
        with open(manifest, encoding='utf-8') as f:
            info = json.load(f).get('collection_info', {})
    c.check((info.get('namespace'), info.get('name'), info.get('version')) == (namespace, name, version),
            'installed %s.%s %s from the context (MANIFEST.json: %s.%s %s)' % (
                namespace, name, version, info.get('namespace'), info.get('name'), info.get('version')))
    for rel in ('meta/execution-environment.yml', 'requirements.txt', 'bindep.txt'):
        c.check(os.path.isfile(os.path.join(coll, rel)), 'the installed collection has %s' % rel)
    c.exit()


# --- introspect -------------------------------------------------------------------------------------
def cmd_introspect(args):
    c = Checks('introspect')
    namespace, name, _version = galaxy_version(args.root)
    fqcn = '%s.%s' % (namespace, name)
    with open(args.output, encoding='utf-8') as f:
        text = f.read()
    # The document runs from its '---' line to the first empty line (log lines may follow).
    document = text[text.index('---\n'):].split('\n\n', 1)[0] if '---\n' in text else ''
    try:
        data = yaml.safe_load(document)
    except yaml.YAMLError:
        data = None
    c.check(isinstance(data, dict), 'introspect printed a YAML document', text)
    if not isinstance(data, dict):
        c.exit()
    python = data.get('python') or []
    system = data.get('system') or []
    tag = '  # from collection %s' % fqcn
    python_names = [Requirement(line.split('#')[0].strip()).name.lower() for line in python]
    c.check('requests' + tag in python, 'python: requests%s (%s)' % (tag, python))
    c.check(not set(python_names) & ANSIBLE_ITSELF and not re.search(r'ansible[-_]core', text),
            'no ansible-core (nor ansible, ansible-base) anywhere in the output')
    wanted = [Requirement(line).name.lower() for line in content_lines(os.path.join(args.root, 'requirements.txt'))]
    c.check(sorted(python_names) == sorted(wanted), 'python: exactly requirements.txt (%s)' % ', '.join(wanted))
    expected_system = [line + tag for line in content_lines(os.path.join(args.root, 'bindep.txt'))]
    c.check(system == expected_system, 'system: exactly bindep.txt (%s)' % system)
    c.exit()


def cmd_written(args):
    c = Checks('builder stage')
    namespace, name, _version = galaxy_version(args.root)
    tag = '  # from collection %s.%s' % (namespace, name)
    for name_ in ('requirements.txt', 'bindep.txt'):
        path = os.path.join(args.dir, name_)
        got = []
        if os.path.isfile(path):
            with open(path, encoding='utf-8') as f:
                got = [line.rstrip('\n') for line in f if line.strip()]
        want = [line + tag for line in content_lines(os.path.join(args.root, name_))]
        c.check(got == want, '%s written for the image: %s' % (name_, got))
    c.exit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    sub = parser.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('lint')
    p.add_argument('root')
    p = sub.add_parser('context')
    p.add_argument('context')
    p.add_argument('tarball')
    p.add_argument('ee')
    p = sub.add_parser('installed')
    p.add_argument('collections')
    p.add_argument('root')
    p = sub.add_parser('introspect')
    p.add_argument('output')
    p.add_argument('root')
    p = sub.add_parser('written')
    p.add_argument('dir')
    p.add_argument('root')
    args = parser.parse_args()
    {'lint': cmd_lint, 'context': cmd_context, 'installed': cmd_installed, 'introspect': cmd_introspect,
     'written': cmd_written}[args.cmd](args)


if __name__ == '__main__':
    main()
