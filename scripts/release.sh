#!/usr/bin/env bash
# Usage: scripts/release.sh VENV VERSION          (make release VERSION=x.y.z)
#
# Prepares release VERSION of the collection in the working tree, for a maintainer to review and
# commit: sets `version:` in galaxy.yml, releases the changelog fragments with antsibull-changelog
# (changelogs/changelog.yaml gets the release, CHANGELOG.md is regenerated, the fragments are
# removed) and builds the tarball into build/dist/. VENV (build/venv-publish) has antsibull-changelog
# and ansible-core. Releasing a version that changelog.yaml already has adds the fragments that came
# since to that release (useful until it is published). Nothing is committed, tagged or published.
set -euo pipefail
usage="usage: $0 VENV VERSION (VERSION: x.y.z or x.y.z-pre, semantic versioning)"
venv=${1:?$usage}
version=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'
if [[ ! $version =~ $semver ]]; then
  echo "release: VERSION must be a semantic version such as 1.2.3 (got: '${version}')" >&2
  echo "$usage" >&2
  exit 2
fi
venv=$(cd "$venv" && pwd)
export PATH="$venv/bin:$PATH"
cd "$root"

old=$(sed -n 's/^version: *//p' galaxy.yml)
[[ -n $old ]] || { echo "release: no 'version:' line in galaxy.yml" >&2; exit 1; }
echo "release: galaxy.yml version $old -> $version"
sed -i "s/^version: .*/version: $version/" galaxy.yml

echo "+ antsibull-changelog lint"
antsibull-changelog lint
echo "+ antsibull-changelog release --version $version"
antsibull-changelog release --version "$version"

rm -rf "$root/build/dist"
mkdir -p "$root/build/dist"
echo "+ ansible-galaxy collection build --output-path build/dist"
ansible-galaxy collection build --force --output-path "$root/build/dist" "$root"
tarball=$root/build/dist/alicloud-servicecatalog-$version.tar.gz
[[ -f $tarball ]] || { echo "release: $tarball was not built" >&2; exit 1; }

cat <<EOT

release: $version prepared. Next:
  make galaxy-import lint docs        # the checks Galaxy and the docs site make
  git add -A galaxy.yml CHANGELOG.md changelogs && git commit -m "Release $version"
  git tag $version
  ansible-galaxy collection publish $tarball --api-key ...
EOT
