# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Make ``ansible_collections.alicloud.servicecatalog`` importable, and shared fixtures.

Run from a checkout (``pytest tests/unit`` at the repository root) this puts a temporary
``<tmp>/ansible_collections/alicloud/servicecatalog`` symlink to the checkout first on sys.path;
run from a copy that already sits at ``.../ansible_collections/alicloud/servicecatalog`` (the
Makefile, ansible-test) it puts that tree's parent first. Either way the code under test is the
code next to this file, which is checked before any test runs.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import atexit
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

_NAMESPACE = ('ansible_collections', 'alicloud', 'servicecatalog')
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _parent_of_collections(path):
    parts = os.path.normpath(path).split(os.sep)
    if tuple(parts[-3:]) == _NAMESPACE:
        return os.sep.join(parts[:-3]) or os.sep
    return None


def _put_collection_on_path():
    base = _parent_of_collections(_ROOT) or _parent_of_collections(os.path.realpath(_ROOT))
    if base is None:
        base = tempfile.mkdtemp(prefix='alicloud-servicecatalog-unit-')
        atexit.register(shutil.rmtree, base, True)
        parent = os.path.join(base, 'ansible_collections', 'alicloud')
        os.makedirs(parent)
        os.symlink(_ROOT, os.path.join(parent, 'servicecatalog'))
    if base in sys.path:
        sys.path.remove(base)
    sys.path.insert(0, base)


_put_collection_on_path()


def _install_collection_finder():
    """Import ``ansible_collections`` through ansible-core's collection finder, as ansible-test's pytest plugin
    and every ansible CLI do: the collection's packages then carry its meta/runtime.yml, so ansible-core's
    plugin loaders (an ``InventoryManager``, a lookup by name) find its plugins in this process too. Done
    before any ``ansible_collections`` import; ``init_plugin_loader`` later keeps this finder."""
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder

    _AnsibleCollectionFinder(paths=[sys.path[0]])._install()


_install_collection_finder()

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import signer as _signer  # noqa: E402

if not os.path.realpath(_signer.__file__).startswith(os.path.realpath(_ROOT) + os.sep):
    raise ImportError('alicloud.servicecatalog was imported from %s, not from the tree under test %s'
                      % (_signer.__file__, _ROOT))

from ansible_collections.alicloud.servicecatalog.tests.unit.credential_stubs import FakeClock, StsResponder  # noqa: E402
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import StubServer  # noqa: E402

COLLECTION_ROOT = _ROOT

_CLEARED_ENV = (
    'http_proxy', 'https_proxy', 'all_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY',
    'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'ALICLOUD_SERVICECATALOG_ENDPOINT',
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No proxy (the stub is on 127.0.0.1) and no credentials of the person running the tests."""
    for name in list(os.environ):
        if name in _CLEARED_ENV or name.startswith(('ALIBABA_CLOUD_', 'ALICLOUD_')):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def stub():
    with StubServer() as server:
        yield server


@pytest.fixture(scope='session')
def tls_files(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 made with the openssl CLI (skip when it is absent)."""
    openssl = shutil.which('openssl')
    if not openssl:
        pytest.skip('openssl CLI not available')
    directory = tmp_path_factory.mktemp('tls')
    cert, key = str(directory / 'cert.pem'), str(directory / 'key.pem')
    try:
        subprocess.run([openssl, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
                        '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
                        '-addext', 'subjectAltName=IP:127.0.0.1'],
                       check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip('openssl could not make a test certificate: %s' % exc)
    return cert, key


@pytest.fixture
def tls_stub(tls_files):
    with StubServer(certfile=tls_files[0], keyfile=tls_files[1]) as server:
        yield server


@pytest.fixture
def home(tmp_path):
    """An empty home directory (credential files are looked for under it)."""
    path = tmp_path / 'home'
    path.mkdir()
    return path


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def sts(clock):
    """A stub STS issuing temporary keys that expire by ``clock``."""
    with StubServer(responder=StsResponder(clock)) as server:
        yield server


def pytest_sessionfinish(session, exitstatus):
    """SC_UNITS_EVERY_MODULE=1 (make units-py39): every module of plugins/modules must have run its main() in this
    process (tests/unit/module_runner.py records them), or the run fails naming those that did not."""
    if os.environ.get('SC_UNITS_EVERY_MODULE') != '1':
        return
    from ansible_collections.alicloud.servicecatalog.tests.unit import module_facts, module_runner

    ran = module_runner.RAN
    missing = sorted(set(module_facts.all_module_names()) - ran)
    where = 'Python %d.%d.%d' % sys.version_info[:3]
    reporter = session.config.pluginmanager.get_plugin('terminalreporter')
    write = reporter.write_line if reporter is not None else print
    if missing:
        write('FAIL: module(s) whose main() never ran on %s: %s' % (where, ', '.join(missing)))
        session.exitstatus = 1
    else:
        write('every module ran its main() on %s: %s' % (where, ', '.join(sorted(ran))))
