#!/usr/bin/env bash
# Usage: scripts/copy-collection.sh DEST_ROOT
#
# ansible-test only runs inside an .../ansible_collections/NAMESPACE/NAME directory. This copies
# the working tree (the repo root is the collection root) afresh to
# DEST_ROOT/ansible_collections/alicloud/servicecatalog, leaving out build/, .git, tests/output,
# virtual environments, caches and build artefacts, and prints that directory. No stamp: it is
# small and always re-copied, so what is tested is what is in the working tree now.
#
# The copy gets an empty git repository of its own (`git init`, nothing added or committed): the
# copy lies inside this repo's work tree, and ansible-test, looking upwards for a .git, would
# otherwise take this repo's file list, in which build/ is ignored, and skip every target. With its
# own .git, ansible-test tests the files git would list here: tracked or untracked, minus
# .gitignore'd ones, i.e. exactly what the working tree would commit.
set -euo pipefail
command -v git >/dev/null || { echo "copy-collection: git is needed (ansible-test lists files with it)" >&2; exit 1; }
dest_root=${1:?usage: $0 DEST_ROOT}
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dest_root"
dest_root=$(cd "$dest_root" && pwd)
dest=$dest_root/ansible_collections/alicloud/servicecatalog
case $dest in
  "$src"/build/*) ;;
  *) echo "copy-collection: refusing to copy outside $src/build: $dest" >&2; exit 2 ;;
esac
rm -rf "$dest"
mkdir -p "$dest"
tar -C "$src" -cf - \
  --exclude=./build --exclude=./.git --exclude=./tests/output \
  --exclude=./.venv --exclude='./.venv-*' --exclude=./venv \
  --exclude=./tests/integration/integration_config.yml \
  --exclude=./changelogs/.plugin-cache.yaml \
  --exclude='./*.tar.gz' \
  --exclude=__pycache__ --exclude='*.pyc' --exclude=.pytest_cache --exclude=.mypy_cache --exclude=.tox \
  . | tar -C "$dest" -xf -
git -c init.defaultBranch=main init -q "$dest"
echo "$dest"
