"""Offline stand-in for the pip bootstrap script (get-pip.py) that ansible-test downloads.

ansible-test creates its sanity-test virtual environments with ``python -m venv --without-pip``
and then bootstraps pip by running a ``get-pip-<version>.py`` script that it downloads from
ci-files.testing.ansible.com, unless ``~/.ansible/test/cache/get_pip_<version>.py`` already
exists. That host is not reachable from this project's machines (only PyPI is), so
scripts/ansible-test-prepare.sh copies this file to that cache path.

It is run by ansible-test's quiet_pip.py as ``__main__`` with the arguments meant for the real
get-pip.py, e.g. ``--disable-pip-version-check pip==25.2 [setuptools==X wheel==Y]
[--no-setuptools] [--no-wheel]``, in the directory ansible-test runs in (the stage's copy of the
collection, build/<stage>/ansible_collections/alicloud/servicecatalog). It installs the requested
pinned packages from the package index: with the checkout's uv (build/uv/bin/uv in the first
directory upwards that has one, made by `make uv`) when there is one (about 0.3 CPU s instead of
about 9), else with the pip bundled with the interpreter (ensurepip, no network) and that pip.
ansible-test passes no UV_* variable and no SSL_CERT_FILE here: uv's cache is then its default
(~/.cache/uv), and uv is told to trust the system's certificate store (--system-certs) as pip does
here (a machine whose HTTPS goes through a proxy with its own certificate authority needs that).
"""
import os
import subprocess
import sys


def find_uv():
    """The checkout's uv: build/uv/bin/uv in the working directory or the first parent that has it."""
    here = os.getcwd()
    while True:
        uv = os.path.join(here, 'build', 'uv', 'bin', 'uv')
        if os.access(uv, os.X_OK):
            return uv
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def main():
    args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel', '--disable-pip-version-check')]
    uv = find_uv()
    if uv:
        env = dict(os.environ, UV_PYTHON_DOWNLOADS='never')
        if subprocess.call([uv, 'pip', 'install', '--quiet', '--system-certs', '--python', sys.executable] + args, env=env) == 0:
            return
        print('get-pip-shim: %s failed; bootstrapping pip with ensurepip' % uv, file=sys.stderr)
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'], stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q', '--disable-pip-version-check'] + args)


if __name__ == '__main__':
    main()
