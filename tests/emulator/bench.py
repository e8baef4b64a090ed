#!/usr/bin/env python
"""Benchmark the emulator: start ``serve.py --generate N`` and print startup time, memory and page latencies.

``python3 tests/emulator/bench.py [--generate 100000] [--repeat 20]``. Standard library only; figures are
printed, nothing is asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sc_emulator import signing  # noqa: E402  pylint: disable=wrong-import-position

KEY_ID = signing.DEMO_ACCESS_KEY_ID
SECRET = signing.DEMO_ACCESS_KEY_SECRET


class Caller:
    """Signed V3 calls over one keep-alive connection."""

    def __init__(self, host: str, port: int):
        self.netloc = f'{host}:{port}'
        self.connection = http.client.HTTPConnection(host, port, timeout=60)

    def call(self, action: str, query: dict) -> dict:
        query = {k: str(v) for k, v in query.items()}
        headers = {'host': self.netloc, 'x-acs-action': action, 'x-acs-version': '2021-09-01',
                   'x-acs-date': datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), 'x-acs-signature-nonce': uuid.uuid4().hex,
                   'x-acs-content-sha256': hashlib.sha256(b'').hexdigest()}
        signed = sorted(headers)
        canonical = signing.v3_canonical_request('POST', '/', list(query.items()), headers, signed, headers['x-acs-content-sha256'])
        signature = signing.v3_signature(SECRET, signing.v3_string_to_sign(canonical))
        headers['authorization'] = f'ACS3-HMAC-SHA256 Credential={KEY_ID},SignedHeaders={";".join(signed)},Signature={signature}'
        path = '/?' + '&'.join(f'{k}={quote(v, safe="~")}' for k, v in query.items()) if query else '/'
        self.connection.request('POST', path, body=b'', headers=headers)
        response = self.connection.getresponse()
        document = json.loads(response.read())
        if response.status != 200:
            raise RuntimeError(f'{action}: {response.status} {document}')
        return document


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process (Linux /proc), in MiB."""
    try:
        with open(f'/proc/{pid}/status', encoding='ascii') as handle:
            for line in handle:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def timed(caller: Caller, action: str, queries: list[dict]) -> tuple[float, list[float], int]:
    """(first call ms, later calls ms, TotalCount)."""
    times, total = [], 0
    for query in queries:
        started = time.perf_counter()
        doc = caller.call(action, query)
        times.append((time.perf_counter() - started) * 1000)
        total = doc.get('TotalCount', total)
    return times[0], times[1:], total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--generate', type=int, default=100000)
    parser.add_argument('--repeat', type=int, default=20, help='calls per scenario after the first one')
    args = parser.parse_args()
    rng = random.Random(7)

    started = time.perf_counter()
    command = [sys.executable, os.path.join(HERE, 'serve.py'), '--port', '0', '--generate', str(args.generate)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline().strip()
            startup = time.perf_counter() - started
            host, port = line.rsplit('//', 1)[1].rsplit(':', 1)
            caller = Caller(host, int(port))
            print(f'instances generated: {args.generate}')
            print(f'startup (process start to "listening on" line): {startup:.2f} s')
            print(f'resident memory after startup: {rss_mb(process.pid) or 0:.0f} MiB')

            pages_user = max(1, int(args.generate * 0.4) // 100)
            pages_all = max(1, args.generate // 100)

            def pages(count: int, base: dict) -> list[dict]:
                return [{**base, 'PageSize': 100, 'PageNumber': rng.randint(1, count)} for _call in range(args.repeat + 1)]

            fts = {'Filters.1.Key': 'FullTextSearch'}
            scenarios = [
                ('ListProvisionedProducts User (default), random pages', 'ListProvisionedProducts', pages(pages_user, {})),
                ('ListProvisionedProducts Account, random pages', 'ListProvisionedProducts', pages(pages_all, {'AccessLevelFilter': 'Account'})),
                ('ListProvisionedProducts Account, Asc, random pages', 'ListProvisionedProducts',
                 pages(pages_all, {'AccessLevelFilter': 'Account', 'SortOrder': 'Asc'})),
                ('ListProvisionedProducts FullTextSearch=rds-mysql (25 %)', 'ListProvisionedProducts',
                 pages(max(1, pages_all // 4), {'AccessLevelFilter': 'Account', **fts, 'Filters.1.Value': 'rds-mysql'})),
                ('ListProvisionedProducts FullTextSearch, selective', 'ListProvisionedProducts',
                 pages(1, {'AccessLevelFilter': 'Account', **fts, 'Filters.1.Value': 'ecs-web-prod-0123'})),
                ('ListProvisionedProducts ProvisionedProductName', 'ListProvisionedProducts',
                 pages(1, {'AccessLevelFilter': 'Account', 'Filters.1.Key': 'ProvisionedProductName', 'Filters.1.Value': 'VPC-NET-DEV-000002'})),
                ('ListProvisionedProductPlans Account, random pages', 'ListProvisionedProductPlans', pages(pages_all, {'AccessLevelFilter': 'Account'})),
                ('ListProvisionedProductPlans Status=Canceled,ExecuteFailed', 'ListProvisionedProductPlans',
                 pages(max(1, pages_all // 5), {'AccessLevelFilter': 'Account', 'Filters.1.Key': 'ProvisionedProductPlanStatus',
                                                'Filters.1.Value': 'Canceled,ExecuteFailed'})),
                ('ListProvisionedProductPlans Approver=RamUser:bob', 'ListProvisionedProductPlans',
                 pages(max(1, pages_all // 2), {'AccessLevelFilter': 'Account', 'Filters.1.Key': 'ProvisionedProductPlanApprover',
                                                'Filters.1.Value': 'RamUser:bob'})),
                ('ListProvisionedProductPlans ApprovalFilter=ReceivedRequests', 'ListProvisionedProductPlans',
                 pages(max(1, pages_all // 15), {'ApprovalFilter': 'ReceivedRequests'})),
                ('ListProvisionedProductPlans FullTextSearch=vpc-net (25 %)', 'ListProvisionedProductPlans',
                 pages(max(1, pages_all // 4), {'AccessLevelFilter': 'ResourceDirectory', **fts, 'Filters.1.Value': 'vpc-net'})),
            ]
            print(f'\nPageSize 100; each scenario: first call, then {args.repeat} calls (median / max), times in ms, over HTTP keep-alive')
            print(f'{"scenario":62} {"total":>7} {"first":>8} {"median":>8} {"max":>8}')
            for label, action, queries in scenarios:
                first, rest, total = timed(caller, action, queries)
                print(f'{label:62} {total:>7} {first:8.1f} {statistics.median(rest) if rest else first:8.1f} {max(rest) if rest else first:8.1f}')
            some = caller.call('ListProvisionedProducts', {'AccessLevelFilter': 'Account', 'PageSize': 1, 'PageNumber': pages_all})
            pp_id = some['ProvisionedProductDetails'][0]['ProvisionedProductId'] if some['ProvisionedProductDetails'] else 'pp-none'
            for label, action, query in (('GetProvisionedProduct', 'GetProvisionedProduct', {'ProvisionedProductId': pp_id}),
                                         ('ListTasks', 'ListTasks', {'ProvisionedProductId': pp_id})):
                first, rest, _total = timed(caller, action, [query] * (args.repeat + 1))
                print(f'{label:62} {"":>7} {first:8.1f} {statistics.median(rest) if rest else first:8.1f} {max(rest) if rest else first:8.1f}')
            print(f'\nresident memory after the benchmark: {rss_mb(process.pid) or 0:.0f} MiB')
        finally:
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == '__main__':
    sys.exit(main())
