#!/usr/bin/env bash
# Usage: scripts/ee-create-test.sh VENV WORK_DIR
#
# The collection in an execution environment, as far as that goes without a container runtime.
# VENV (build/venv-awx) has ansible-core and ansible-builder; WORK_DIR is emptied first and kept.
#  1. lint: meta/execution-environment.yml (version 1, dependencies python -> requirements.txt and
#     system -> bindep.txt), requirements.txt (PEP 508, no pins or upper bounds, no ansible-core),
#     bindep.txt (parsed by bindep; ca-certificates on RPM and Debian images)   (tests/ee/ee_check.py)
#  2. ansible-galaxy collection build; tests/ee/execution-environment.yml (schema version 3) and the
#     tarball, as alicloud-servicecatalog.tar.gz, into WORK_DIR/definition/
#  3. ansible-builder create -f WORK_DIR/definition/execution-environment.yml -c WORK_DIR/context
#     --output-filename Containerfile: the Containerfile (base image, galaxy stage, introspection,
#     bindep and pip installs) and _build/ (requirements.yml naming the tarball, the tarball itself)
#  4. the image build's galaxy stage, without the image: in _build/ (the build's /build), the
#     Containerfile's `ansible-galaxy collection install -r requirements.yml`, into WORK_DIR/collections
#  5. its builder stage's introspection: ansible-builder introspect WORK_DIR/collections (3.x always
#     sanitizes; there is no --sanitize option any more): python must be requests from our collection,
#     system our bindep.txt entries, and ansible-core must appear nowhere; then the context's own
#     _build/scripts/introspect.py as the Containerfile runs it, writing the files the image installs.
# Prints one PASS/FAIL line per check and "ee-create-test: N passed, N failed" at the end.
set -euo pipefail
usage="usage: $0 VENV WORK_DIR"
venv=${1:?$usage}
work=${2:?$usage}
root=$(cd "$(dirname "$0")/.." && pwd)
venv=$(cd "$venv" && pwd)
python=$venv/bin/python
check=$root/tests/ee/ee_check.py
export PATH="$venv/bin:$PATH"
export ANSIBLE_NOCOLOR=1

case $work in
  /*) ;;
  *) work=$PWD/$work ;;
esac
rm -rf "$work"
mkdir -p "$work"
results=$work/results
: >"$results"
# shellcheck source=scripts/checks-lib.sh
source "$root/scripts/checks-lib.sh"

echo "ee-create-test: $(ansible-builder --version 2>&1 | sed -n 1p | sed 's/^/ansible-builder /'), container runtimes on PATH: $(command -v podman docker 2>/dev/null | tr '\n' ' ' || true)"

# 1. The collection's metadata.
checked "$python" "$check" lint "$root"

# 2. Tarball and definition.
ansible-galaxy collection build --force --output-path "$work/dist" "$root" >/dev/null
tarball=$(compgen -G "$work/dist/alicloud-servicecatalog-*.tar.gz") ||
  { echo "ee-create-test: ansible-galaxy collection build made no $work/dist/alicloud-servicecatalog-*.tar.gz" >&2; exit 1; }
mkdir -p "$work/definition"
cp "$root/tests/ee/execution-environment.yml" "$work/definition/"
cp "$tarball" "$work/definition/alicloud-servicecatalog.tar.gz"

# 3. The build context.
if ansible-builder create -f "$work/definition/execution-environment.yml" -c "$work/context" \
    --output-filename Containerfile -v 3 >"$work/create.out" 2>&1; then
  record PASS "ansible-builder create -f definition/execution-environment.yml -c context (output: $work/create.out)"
else
  record FAIL "ansible-builder create failed:"
  sed 's/^/      /' "$work/create.out"
  finish "$(basename "$0" .sh)"
fi
checked "$python" "$check" context "$work/context" "$tarball" "$work/definition/execution-environment.yml"

# 4. The galaxy stage's install, from the same working directory with the same requirements file.
if (cd "$work/context/_build" &&
  ANSIBLE_COLLECTIONS_PATH=$work/collections \
    ansible-galaxy collection install -r requirements.yml --collections-path "$work/collections") \
  >"$work/galaxy.out" 2>&1; then
  record PASS "in context/_build: ansible-galaxy collection install -r requirements.yml (output: $work/galaxy.out)"
else
  record FAIL "in context/_build: ansible-galaxy collection install -r requirements.yml failed:"
  sed 's/^/      /' "$work/galaxy.out"
  finish "$(basename "$0" .sh)"
fi
checked "$python" "$check" installed "$work/collections" "$root"

# 5. The introspection of the installed collections.
mkdir -p "$work/introspect"
if ansible-builder introspect "$work/collections" --write-pip "$work/introspect/requirements.txt" \
    --write-bindep "$work/introspect/bindep.txt" >"$work/introspect.out" 2>"$work/introspect.err"; then
  record PASS "ansible-builder introspect $work/collections"
  sed 's/^/      /' "$work/introspect.out"
else
  record FAIL "ansible-builder introspect failed:"
  sed 's/^/      /' "$work/introspect.out" "$work/introspect.err"
fi
checked "$python" "$check" introspect "$work/introspect.out" "$root"
if grep -qiE 'warning|passing through|non-pep508' "$work/introspect.err" "$work/introspect.out"; then
  record FAIL "introspect warned: $(cat "$work/introspect.err")"
else
  record PASS "introspect printed no warning"
fi

# 6. The builder stage's own step: the context's introspect.py with the Containerfile's arguments,
#    writing what the image's assemble and install-from-bindep steps install.
if "$python" "$work/context/_build/scripts/introspect.py" introspect --write-bindep="$work/image-src/bindep.txt" \
    --write-pip="$work/image-src/requirements.txt" "$work/collections" >"$work/image-src.out" 2>&1; then
  record PASS "context/_build/scripts/introspect.py introspect --write-bindep --write-pip (as the Containerfile runs it)"
else
  record FAIL "context/_build/scripts/introspect.py failed:"
  sed 's/^/      /' "$work/image-src.out"
fi
checked "$python" "$check" written "$work/image-src" "$root"

finish "$(basename "$0" .sh)"
