# Usage: python3 scripts/changelog-page.py ROOT > changelog.md        (scripts/build-docs.sh)
#
# The docs site's changelog page: ROOT/CHANGELOG.md, and, when galaxy.yml's version is not released
# in changelogs/changelog.yaml yet, first (after the title) a section "v<version> (unreleased)" with
# the changelog fragments of changelogs/fragments/, grouped by the sections of changelogs/config.yaml.
# So the site always shows what the version it documents holds. Needs PyYAML (ansible-core has it).
"""Write the docs site's changelog page (see the comment above)."""

import glob
import os
import re
import sys

import yaml


def main(root):
    with open(os.path.join(root, 'galaxy.yml'), encoding='utf-8') as handle:
        version = str(yaml.safe_load(handle)['version'])
    with open(os.path.join(root, 'changelogs', 'changelog.yaml'), encoding='utf-8') as handle:
        released = set(str(name) for name in (yaml.safe_load(handle) or {}).get('releases') or {})
    with open(os.path.join(root, 'changelogs', 'config.yaml'), encoding='utf-8') as handle:
        config = yaml.safe_load(handle)
    with open(os.path.join(root, 'CHANGELOG.md'), encoding='utf-8') as handle:
        changelog = handle.read()
    if version in released:
        return changelog
    entries = {}
    for path in sorted(glob.glob(os.path.join(root, 'changelogs', 'fragments', '*.y*ml'))):
        with open(path, encoding='utf-8') as handle:
            for section, items in (yaml.safe_load(handle) or {}).items():
                entries.setdefault(section, []).extend(items if isinstance(items, list) else [items])
    lines = ['## v%s (unreleased)' % version, '',
             'What galaxy.yml\'s version %s holds so far: the changelog fragments not released yet '
             '(`make release VERSION=%s` releases them).' % (version, version), '']
    for section, title in [(config['prelude_section_name'], config['prelude_section_title'])] + [tuple(pair) for pair in config['sections']]:
        if entries.get(section):
            lines += ['### %s' % title, '']
            lines += ['* %s' % _markdown(item) for item in entries[section]]
            lines.append('')
    title, _sep, rest = changelog.partition('\n')
    return '\n'.join([title, ''] + lines) + rest


def _markdown(text):
    """A fragment's RST-ish text as one Markdown line: ``code`` becomes `code`."""
    return re.sub(r'``([^`]+)``', r'`\1`', ' '.join(str(text).split()))


if __name__ == '__main__':
    sys.stdout.write(main(sys.argv[1]))
