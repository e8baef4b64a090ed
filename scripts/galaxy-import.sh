#!/usr/bin/env bash
# Usage: scripts/galaxy-import.sh VENV WORK_DIR
#
# What Galaxy does with an uploaded collection, run here: `ansible-galaxy collection build` of the
# working tree into WORK_DIR/dist, then galaxy-importer (the importer Galaxy runs) on the tarball,
# with ansible-lint (the importer runs it at the production profile) and ansible-doc, without
# ansible-test (`make test` runs sanity itself) and flake8. The importer finds every plugin, role
# and playbook by itself. It exits 0 even when it logs warnings; this fails on any line it logs as
# WARNING or ERROR, and unless it ends with "Importer processing completed successfully".
# VENV (build/venv-publish) has galaxy-importer, ansible-lint and ansible-core. WORK_DIR is emptied
# first; the importer's log is WORK_DIR/importer.log, its result WORK_DIR/importer_result.json.
set -euo pipefail
usage="usage: $0 VENV WORK_DIR"
venv=${1:?$usage}
work=${2:?$usage}
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$venv" && pwd)
export PATH="$venv/bin:$PATH"
case $work in /*) ;; *) work=$PWD/$work ;; esac
rm -rf "$work"
mkdir -p "$work/dist" "$work/tmp"

ansible-galaxy collection build --force --output-path "$work/dist" "$root" >/dev/null
tarball=$(compgen -G "$work/dist/alicloud-servicecatalog-*.tar.gz") ||
  { echo "galaxy-import: ansible-galaxy collection build made no tarball in $work/dist" >&2; exit 1; }

cat >"$work/galaxy-importer.cfg" <<EOT
[galaxy-importer]
RUN_ANSIBLE_TEST = False
RUN_ANSIBLE_LINT = True
OFFLINE_ANSIBLE_LINT = True
RUN_ANSIBLE_DOC = True
RUN_FLAKE8 = False
CHECK_CHANGELOG = True
CHECK_REQUIRED_TAGS = False
ANSIBLE_LOCAL_TMP = $work/tmp
TMP_ROOT_DIR = $work/tmp
EOT

echo "+ python -m galaxy_importer.main $(basename "$tarball")   (galaxy-importer $(python -c 'import importlib.metadata as m; print(m.version("galaxy-importer"))'), ansible-lint on, ansible-test off)"
rc=0
(cd "$work" && GALAXY_IMPORTER_CONFIG=$work/galaxy-importer.cfg python -m galaxy_importer.main "$tarball") \
  >"$work/importer.log" 2>&1 || rc=$?
cat "$work/importer.log"
problems=$(grep -E '^(WARNING|ERROR|CRITICAL)\b|Traceback' "$work/importer.log" || true)
echo
if ((rc != 0)); then
  echo "galaxy-import: FAILED: galaxy-importer exited $rc" >&2
  exit 1
fi
if [[ -n $problems ]]; then
  echo "galaxy-import: FAILED: the importer reported $(wc -l <<<"$problems") warning(s) or error(s):" >&2
  printf '%s\n' "$problems" >&2
  exit 1
fi
if ! grep -q '^Importer processing completed successfully' "$work/importer.log"; then
  echo "galaxy-import: FAILED: no 'Importer processing completed successfully' in the importer's log" >&2
  exit 1
fi
echo "galaxy-import: $(basename "$tarball") imports into Galaxy with no warning"
