#!/usr/bin/env bash
# Usage: scripts/build-docs.sh VENV WORK_DIR        (make docs)
#
# Builds the HTML docs site into WORK_DIR/html (WORK_DIR is emptied first; build/docs by default):
#  1. the checkout is made visible as alicloud.servicecatalog through a symlink in
#     WORK_DIR/collections (ANSIBLE_COLLECTIONS_PATH), nothing is installed;
#  2. `antsibull-docs sphinx-init` writes the Sphinx project (conf.py from the pinned
#     antsibull-docs, with docs/site/conf-extra.py.in appended; the front page docs/site/index.rst);
#  3. `antsibull-docs collection --use-current --fail-on-error` writes the collection page and one
#     page per plugin and role: every plugin the collection has, found by ansible-doc, no list here;
#  4. docs/user-guide.md and CHANGELOG.md are copied in (Markdown, read by myst-parser; the
#     guide's links to repository files point to the repository), with docs/site/ansible-references.rst
#     where the labels that antsibull-docs pages take from the Ansible docs resolve (offline build);
#     each role's page gets its README (requirements, variables, an example, AWX) appended; when
#     galaxy.yml's version is not released yet, the changelog page starts with the changelog
#     fragments of changelogs/fragments/ under "v<version> (unreleased)";
#  5. `sphinx-build -W --keep-going -n`: any warning (a broken reference, a bad page) fails the build;
#  6. the site is checked: the role pages carry their README, the changelog names galaxy.yml's
#     version, and no page links to "/" (the logo links to the site's own front page, so that it
#     works when the site is opened as files).
# VENV (build/venv-publish) has ansible-core, antsibull-docs, sphinx, sphinx-ansible-theme, myst-parser.
set -euo pipefail
usage="usage: $0 VENV WORK_DIR"
venv=${1:?$usage}
work=${2:?$usage}
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$venv" && pwd)
export PATH="$venv/bin:$PATH"
case $work in /*) ;; *) work=$PWD/$work ;; esac
rm -rf "$work"
mkdir -p "$work/collections/ansible_collections/alicloud"
ln -s "$root" "$work/collections/ansible_collections/alicloud/servicecatalog"
export ANSIBLE_COLLECTIONS_PATH=$work/collections
export ANSIBLE_LOCAL_TEMP=$work/tmp
src=$work/src
# antsibull-docs wants its output directories owned by the caller and writable by no one else.
mkdir -m 700 "$src"

echo "+ antsibull-docs sphinx-init   ($(antsibull-docs --version 2>&1 | sed -n 1p), $(sphinx-build --version))"
antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir "$src" \
  --index-rst-source "$root/docs/site/index.rst" \
  --project alicloud.servicecatalog --copyright 'alicloud.servicecatalog contributors' \
  --title 'alicloud.servicecatalog' --html-short-title 'alicloud.servicecatalog' \
  alicloud.servicecatalog >/dev/null
cat "$root/docs/site/conf-extra.py.in" >>"$src/conf.py"

echo "+ antsibull-docs collection --use-current --fail-on-error alicloud.servicecatalog"
mkdir -p "$src/rst"
chmod 700 "$src/rst"
antsibull-docs --config-file "$src/antsibull-docs.cfg" collection --use-current --fail-on-error \
  --cleanup everything --dest-dir "$src/rst" alicloud.servicecatalog
# sphinx-init put the front page at rst/index.rst; `collection --cleanup everything` keeps it.
[[ -f $src/rst/index.rst ]] || cp "$root/docs/site/index.rst" "$src/rst/index.rst"
cp "$root/docs/site/ansible-references.rst" "$src/rst/"
# Links from the guide to files of the repository (../extensions/...) go to the repository.
repo=$(sed -n 's/^repository: *//p' "$root/galaxy.yml")
sed "s#](\.\./#]($repo/blob/main/#g" "$root/docs/user-guide.md" >"$src/rst/user-guide.md"
"$venv/bin/python" "$root/scripts/changelog-page.py" "$root" >"$src/rst/changelog.md"
# Each role's README on its page (Markdown through myst-parser, headings one level down; a suffix
# Sphinx does not read as a page of its own).
role_pages=$src/rst/collections/alicloud/servicecatalog
for readme in "$root"/roles/*/README.md; do
  role=$(basename "$(dirname "$readme")")
  [[ -f $role_pages/${role}_role.rst ]] || { echo "build-docs: antsibull-docs wrote no page for the role $role" >&2; exit 1; }
  sed -e '1{/^# /d}' -e 's/^#\(#*\) /\1 /' "$readme" >"$role_pages/${role}_role.readme"
  printf '\n\n.. _%s:\n\nThe role'"'"'s README\n-----------------\n\n.. include:: %s_role.readme\n   :parser: myst_parser.sphinx_\n' \
    "ansible_collections.alicloud.servicecatalog.${role}_role__readme" "$role" >>"$role_pages/${role}_role.rst"
done

echo "+ sphinx-build -M html -W --keep-going -n"
sphinx-build -M html "$src/rst" "$work/build" -c "$src" -W --keep-going -n -q -j 1
rm -rf "$work/html"
mv "$work/build/html" "$work/html"

version=$(sed -n 's/^version: *//p' "$root/galaxy.yml")
problems=()
for readme in "$root"/roles/*/README.md; do
  role=$(basename "$(dirname "$readme")")
  page=$work/html/collections/alicloud/servicecatalog/${role}_role.html
  grep -q '<section id="the-role-s-readme">' "$page" && grep -q '<section id="example">' "$page" ||
    problems+=("$page lacks the role's README and its example")
done
grep -q "v${version//./\\.}" "$work/html/changelog.html" || problems+=("changelog.html does not mention galaxy.yml's version $version")
if grep -rlq 'href="/"' "$work/html" --include='*.html'; then
  problems+=("pages link to \"/\", which opened as files is the file system's root: $(grep -rl 'href="/"' "$work/html" --include='*.html' | head -3 | tr '\n' ' ')")
fi
if ((${#problems[@]})); then
  printf 'build-docs: %s\n' "${problems[@]}" >&2
  exit 1
fi
pages=$(find "$work/html" -name '*.html' | wc -l)
echo "docs: $pages pages in $work/html (start at $work/html/index.html)"
