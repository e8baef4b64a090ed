#!/usr/bin/env python
"""Start the Service Catalog emulator: ``python3 tests/emulator/serve.py [--port 0] [--generate N] ...``.

The first line on stdout is ``listening on http://HOST:PORT``; it serves until SIGTERM or SIGINT.
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sc_emulator.data import DataError, load_demo, load_json_file  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.server import EmulatorServer  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.signing import AccessKey  # noqa: E402  pylint: disable=wrong-import-position
from sc_emulator.store import Store  # noqa: E402  pylint: disable=wrong-import-position


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
    parser.add_argument('--verbose', action='store_true', help='log each request to stderr')
    return parser.parse_args(argv)


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
        store = Store(dataset, generate=args.generate)
    except DataError as exc:
        sys.stderr.write(f'serve.py: cannot load the dataset: {exc}\n')
        return 2
    server = EmulatorServer((args.host, args.port), store, args.access_key, args.latency_ms, args.verbose)
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
