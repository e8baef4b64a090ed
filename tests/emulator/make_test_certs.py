#!/usr/bin/env python
"""Make a throwaway CA and a server certificate for the emulator's HTTPS mode: ``python make_test_certs.py OUTDIR``.

Writes ``OUTDIR/ca.pem`` (the CA certificate: give it to clients, e.g. ``requests.get(..., verify='OUTDIR/ca.pem')``),
``OUTDIR/server.pem`` and ``OUTDIR/server-key.pem`` (for ``serve.py --tls-cert OUTDIR/server.pem --tls-key OUTDIR/server-key.pem``).
The server certificate is valid for IP 127.0.0.1 and DNS localhost, for 7 days; keys are P-256, the CA key is not kept.
Uses the ``openssl`` command (found on PATH, or given in $OPENSSL); without it, exits with status 2 and a message.
Importable: ``make_certs(outdir) -> {'ca': path, 'cert': path, 'key': path}`` (raises ``CertError``).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

DAYS = '7'
_CA_CONFIG = """[req]
distinguished_name = dn
prompt = no
x509_extensions = v3_ca
[dn]
CN = sc-emulator throwaway test CA
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
"""
_SERVER_CONFIG = """[req]
distinguished_name = dn
prompt = no
[dn]
CN = localhost
"""
_SERVER_EXTENSIONS = """basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
"""
_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']


class CertError(Exception):
    """openssl is missing or failed."""


def find_openssl() -> str | None:
    """The openssl command: $OPENSSL if set, else the one on PATH (None if there is none)."""
    return os.environ.get('OPENSSL') or shutil.which('openssl')


def _run(openssl: str, args: list[str], workdir: str) -> None:
    try:
        result = subprocess.run([openssl, *args], cwd=workdir, capture_output=True, text=True, timeout=60, check=False)
    except OSError as exc:
        raise CertError(f'cannot run {openssl}: {exc}') from None
    if result.returncode != 0:
        raise CertError(f'openssl {args[0]} failed (status {result.returncode}): {result.stderr.strip()[-800:]}')


def make_certs(outdir: str, openssl: str | None = None) -> dict[str, str]:
    """Write ca.pem, server.pem and server-key.pem into ``outdir`` (created if needed); their paths."""
    openssl = openssl or find_openssl()
    if not openssl:
        raise CertError('the openssl command is needed to make test certificates (not found on PATH; set $OPENSSL)')
    os.makedirs(outdir, exist_ok=True)
    paths = {'ca': os.path.join(outdir, 'ca.pem'), 'cert': os.path.join(outdir, 'server.pem'), 'key': os.path.join(outdir, 'server-key.pem')}
    with tempfile.TemporaryDirectory(prefix='sc-emulator-certs-') as work:
        for name, text in (('ca.cnf', _CA_CONFIG), ('server.cnf', _SERVER_CONFIG), ('server.ext', _SERVER_EXTENSIONS)):
            with open(os.path.join(work, name), 'w', encoding='ascii') as handle:
                handle.write(text)
        _run(openssl, ['req', '-x509', *_EC_KEY, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', DAYS, '-sha256', '-config', 'ca.cnf'], work)
        _run(openssl, ['req', '-new', *_EC_KEY, '-keyout', 'server-key.pem', '-out', 'server.csr', '-sha256', '-config', 'server.cnf'], work)
        _run(openssl, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'server.pem',
                       '-days', DAYS, '-sha256', '-extfile', 'server.ext'], work)
        for source, target in (('ca.pem', paths['ca']), ('server.pem', paths['cert']), ('server-key.pem', paths['key'])):
            with open(os.path.join(work, source), 'rb') as handle:
                data = handle.read()
            mode = 0o600 if target == paths['key'] else 0o644
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
            with os.fdopen(descriptor, 'wb') as handle:
                handle.write(data)
            os.chmod(target, mode)
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith('-'):
        sys.stderr.write('usage: make_test_certs.py OUTDIR   (writes ca.pem, server.pem, server-key.pem for 127.0.0.1 / localhost)\n')
        return 2
    try:
        paths = make_certs(args[0])
    except CertError as exc:
        sys.stderr.write(f'make_test_certs.py: {exc}\n')
        return 2
    except OSError as exc:
        sys.stderr.write(f'make_test_certs.py: cannot write to {args[0]}: {exc}\n')
        return 2
    sys.stdout.write(f'{paths["ca"]}\n{paths["cert"]}\n{paths["key"]}\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
