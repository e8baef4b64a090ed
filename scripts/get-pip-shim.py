"""Offline stand-in for the pip bootstrap script (get-pip.py) that ansible-test downloads.

ansible-test creates its sanity-test virtual environments with ``python -m venv --without-pip``
and then bootstraps pip by running a ``get-pip-<version>.py`` script that it downloads from
ci-files.testing.ansible.com, unless ``~/.ansible/test/cache/get_pip_<version>.py`` already
exists. That host is not reachable from this project's machines (only PyPI is), so
scripts/ansible-test-prepare.sh copies this file to that cache path.

It is run by ansible-test's quiet_pip.py as ``__main__`` with the arguments meant for the real
get-pip.py, e.g. ``--disable-pip-version-check pip==25.2 [setuptools==X wheel==Y]
[--no-setuptools] [--no-wheel]``. It installs the pip bundled with the interpreter
(ensurepip, no network), then installs the requested pinned packages from the package index.
"""
import subprocess
import sys


def main():
    args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'], stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q', '--disable-pip-version-check'] + args)


if __name__ == '__main__':
    main()
