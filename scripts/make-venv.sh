#!/usr/bin/env bash
# Usage: scripts/make-venv.sh VENV_DIR PYTHON PIP_INSTALL_ARGS...
#
# Creates (or re-creates) the virtual environment VENV_DIR with PYTHON and pip-installs
# PIP_INSTALL_ARGS into it. VENV_DIR/.stamp records a hash of the interpreter, the arguments and
# the content of every argument that is a file (requirements files); when it matches, nothing is
# done, so calling this before every test stage is cheap.
#
# Installer: uv when UV names a working uv binary (the Makefile bootstraps one into build/uv with
# pip: `make uv`), else pip. uv makes the venv (`uv venv --seed`: pip is in it, as with
# `python -m venv`) and installs the same arguments (`uv pip install`, PyPI only, its cache in
# UV_CACHE_DIR); a fresh venv takes about 4 s instead of 30 s with pip (docs/developers.md,
# "Build facts"). MAKE_VENV_INSTALLER=pip forces pip. Pip runs with --disable-pip-version-check -q;
# PIP_CACHE_DIR (the Makefile sets build/pip-cache) caches downloads.
set -euo pipefail
usage="usage: $0 VENV_DIR PYTHON PIP_INSTALL_ARGS..."
venv=${1:?$usage}
python=${2:?$usage}
shift 2

if ! "$python" -c 'import sys, venv' 2>/dev/null; then
  echo "make-venv: '$python' is not a working Python with the venv module (set PYTHON311/PYTHON312)" >&2
  exit 1
fi

want=$(
  {
    printf '%s\n' "$python"
    "$python" -VV
    printf '%s\n' "$@"
    for arg in "$@"; do
      [[ -f $arg ]] && cat "$arg"
    done
    true
  } | sha256sum | cut -d' ' -f1
)
if [[ -x $venv/bin/python && -f $venv/.stamp && $(cat "$venv/.stamp") == "$want" ]]; then
  exit 0
fi

uv=${UV:-}
if [[ ${MAKE_VENV_INSTALLER:-} == pip ]] || [[ -z $uv ]] || ! "$uv" --version >/dev/null 2>&1; then
  uv=
fi
rm -rf "$venv"
if [[ -n $uv ]]; then
  echo "==> creating $venv ($("$python" -V 2>&1)): uv pip install $*"
  if ! { "$uv" venv --quiet --seed --python "$python" "$venv" && "$uv" pip install --quiet --python "$venv/bin/python" "$@"; }; then
    echo "make-venv: uv failed (above); pip instead" >&2
    rm -rf "$venv"
    uv=
  fi
fi
if [[ -z $uv ]]; then
  echo "==> creating $venv ($("$python" -V 2>&1)): pip install $*"
  "$python" -m venv "$venv"
  # This machine's pip configuration names local package indexes that do not exist for every
  # package; pip warns about each. Drop those warnings, keep everything else.
  "$venv/bin/python" -m pip install --disable-pip-version-check -q "$@" \
    2> >(grep -v 'is neither a file nor a directory' >&2)
fi
echo "$want" >"$venv/.stamp"
