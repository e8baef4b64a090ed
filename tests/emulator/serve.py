#!/usr/bin/env python
"""Start the Service Catalog emulator: ``python3 tests/emulator/serve.py [--port 0] [--generate N] ...``.

The first line on stdout is ``listening on http://HOST:PORT`` (``https://`` with --tls-cert/--tls-key); it serves
until SIGTERM or SIGINT. Besides Service Catalog it answers STS AssumeRole and the ECS metadata service on the same port.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sc_emulator.data import DataError, load_demo, load_json_file  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.faults import DEFAULT_RETRY_AFTER_MS, DEFAULT_SLOW_SECONDS, FAULT_KINDS  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.faults import FaultInjector, check_rate, check_slow_seconds, parse_kinds  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.imds import DEFAULT_ECS_ROLE, check_role_name  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.mutate import MAX_PER_PAGE  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.ram import DenyRules, parse_spec  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.server import EmulatorServer  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.signing import AccessKey  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.provision import check_seconds  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.store import DEFAULT_PROVISION_SECONDS, Store  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.sts import DEFAULT_OIDC_PROVIDER_ARN, DEFAULT_ROLE_ARN, Role, check_oidc_provider_arn  # noqa: E402  pylint: disable=wrong-import-position


def _access_key(spec: str) -> AccessKey:
    try:
        return AccessKey.parse(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError('must be >= 0')
    return value


def _checked(check, text_type=float):
    """An argparse type: convert, then validate with ``check`` (a ValueError becomes the error message)."""
    def convert(text: str):
        try:
            return check(text_type(text))
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return convert


def _role(spec: str) -> Role:
    try:
        return Role.parse(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _kinds(text: str) -> tuple[str, ...]:
    try:
        return parse_kinds(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _per_page(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_PER_PAGE:
        raise argparse.ArgumentTypeError(f'must be from 1 to {MAX_PER_PAGE}')
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError('must be >= 1')
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 <= value < float('inf'):
        raise argparse.ArgumentTypeError('must be a number of seconds >= 0')
    return value


def _deny(spec: str) -> tuple[str, tuple[str, ...]]:
    try:
        return parse_spec(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ecs_role(text: str) -> str:
    try:
        return check_role_name(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='Alibaba Cloud Service Catalog (2021-09-01) emulator.')
    parser.add_argument('--host', default='127.0.0.1', help='address to listen on (default 127.0.0.1)')
    parser.add_argument('--port', type=_count, default=0, help='port (0 = any free port, the default)')
    parser.add_argument('--access-key', type=_access_key, action='append', default=[], metavar='ID:SECRET[:TOKEN[:EXPIRATION]]',
                        help='accepted key pair, repeatable; with a TOKEN the key is temporary and requests must carry it '
                             '(default: the demo key pair)')
    parser.add_argument('--data', metavar='FILE', help='JSON dataset to serve (see README.md)')
    parser.add_argument('--generate', type=_count, default=0, metavar='N', help='N synthetic provisioned products (deterministic)')
    parser.add_argument('--latency-ms', type=_count, default=0, metavar='N', help='delay added to every response')
    parser.add_argument('--provision-seconds', type=_checked(check_seconds), default=DEFAULT_PROVISION_SECONDS, metavar='S',
                        help=f'how long a launch, update, terminate or plan preview takes, 0..86400 (default {DEFAULT_PROVISION_SECONDS:g})')
    parser.add_argument('--verbose', action='store_true', help='log each request to stderr (tokens and signatures redacted)')
    faults = parser.add_argument_group('fault injection (API requests only: Service Catalog and STS, never /_emulator/ or the metadata service)')
    faults.add_argument('--fault-rate', type=_checked(check_rate), default=0.0, metavar='P', help='probability 0..1 that a request is faulted (default 0)')
    faults.add_argument('--fault-seed', type=int, default=0, metavar='S', help='seed of random.Random drawing the faults (default 0)')
    faults.add_argument('--fault-kinds', type=_kinds, default=FAULT_KINDS, metavar='LIST',
                        help=f'comma-separated subset of {",".join(FAULT_KINDS)} (default: all)')
    faults.add_argument('--fault-slow-seconds', type=_checked(check_slow_seconds), default=DEFAULT_SLOW_SECONDS, metavar='S',
                        help=f'delay of the slow fault (default {DEFAULT_SLOW_SECONDS:g})')
    faults.add_argument('--fault-retry-after-ms', type=_positive_int, default=DEFAULT_RETRY_AFTER_MS, metavar='MS',
                        help=f'x-acs-retry-after header of the throttling fault (default {DEFAULT_RETRY_AFTER_MS})')
    parser.add_argument('--mutate-during-listing', action='store_true',
                        help='each ListProvisionedProducts request with PageNumber >= 2 first inserts new instances owned by demo-user')
    parser.add_argument('--mutate-per-page', type=_per_page, default=1, metavar='N', help='instances inserted per such request (default 1)')
    parser.add_argument('--deny', type=_deny, action='append', default=[], metavar='KEYID:ACTION[,ACTION...]',
                        help='RAM deny rule, repeatable: correctly signed Service Catalog requests of that access key for those actions '
                             '(ListTasks, servicecatalog:GetTask, List*, *) get 403 NoPermission')
    tls = parser.add_argument_group('HTTPS')
    tls.add_argument('--tls-cert', metavar='FILE', help='PEM certificate (chain) to serve HTTPS, TLS 1.2+; needs --tls-key')
    tls.add_argument('--tls-key', metavar='FILE', help='PEM private key of --tls-cert')
    creds = parser.add_argument_group('STS AssumeRole and the ECS metadata service')
    creds.add_argument('--role', type=_role, action='append', default=None, metavar='ARN[#EXTERNAL_ID]',
                       help=f'a role AssumeRole accepts, repeatable; with #EXTERNAL_ID the role requires that ExternalId (default {DEFAULT_ROLE_ARN})')
    creds.add_argument('--credential-lifetime', type=_seconds, default=0.0, metavar='SECONDS',
                       help='cap on the lifetime of every issued temporary credential, STS and metadata (default 0: no cap)')
    creds.add_argument('--ecs-role', type=_ecs_role, default=DEFAULT_ECS_ROLE, metavar='NAME',
                       help=f"the instance's RAM role in the metadata service (default {DEFAULT_ECS_ROLE}; '' turns the metadata service off)")
    creds.add_argument('--imds-v1', action='store_true', help='metadata GETs without a session token are allowed (default: IMDSv2 only)')
    creds.add_argument('--oidc-provider', type=_checked(check_oidc_provider_arn, str), action='append', default=None, metavar='ARN',
                       help=f'an OIDC provider AssumeRoleWithOIDC accepts, repeatable (default {DEFAULT_OIDC_PROVIDER_ARN})')
    creds.add_argument('--oidc-token', action='append', default=[], metavar='TOKEN',
                       help='a fixed OIDC token AssumeRoleWithOIDC accepts, repeatable (tokens from POST /_emulator/oidc-token are always accepted '
                            'until they expire)')
    creds.add_argument('--credentials-uri-token', metavar='TOKEN',
                       help='GET /credentials-uri (the credentials URI) requires ?token=TOKEN (default: no token needed)')
    args = parser.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error('--tls-cert and --tls-key go together')
    return args


def _stop(signum, frame):  # pylint: disable=unused-argument
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format='%(asctime)s %(message)s')
    try:
        if args.data:
            dataset = load_json_file(args.data)
        else:
            dataset = {} if args.generate else load_demo()
        store = Store(dataset, generate=args.generate, provision_seconds=args.provision_seconds)
    except DataError as exc:
        sys.stderr.write(f'serve.py: cannot load the dataset: {exc}\n')
        return 2
    faults = FaultInjector(args.fault_rate, args.fault_seed, args.fault_kinds, args.fault_slow_seconds, args.fault_retry_after_ms)
    try:
        server = EmulatorServer((args.host, args.port), store, args.access_key, args.latency_ms, args.verbose, faults=faults,
                                mutate_during_listing=args.mutate_during_listing, mutate_per_page=args.mutate_per_page, tls_cert=args.tls_cert,
                                tls_key=args.tls_key, roles=args.role, credential_lifetime=args.credential_lifetime, ecs_role=args.ecs_role,
                                imds_v1=args.imds_v1, deny=DenyRules(args.deny), oidc_providers=args.oidc_provider, oidc_tokens=args.oidc_token,
                                credentials_uri_token=args.credentials_uri_token)
    except OSError as exc:  # unreadable or unusable certificate or key (ssl.SSLError is an OSError), address in use
        sys.stderr.write(f'serve.py: cannot start: {exc}\n')
        return 2
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    sys.stdout.write(f'listening on {server.url}\n')
    sys.stdout.flush()
    try:
        server.serve_forever()
    except SystemExit:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
