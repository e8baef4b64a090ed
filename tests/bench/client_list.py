"""The collection's client alone, in-process (`make bench`, row B1 (d)); also writes the floor's data.

Run with the Python of the Ansible venv:
``python client_list.py --collections PATH --endpoint URL --key ID --secret SECRET [--runs N]
[--floor-out FILE] [--picks N]``. It imports ``ServiceCatalogClient`` from the installed collection
under PATH (``PATH/ansible_collections/alicloud/servicecatalog``) and times
``client.list('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})`` N times (client
construction included, imports excluded). ``--floor-out``: the listing in snake_case, as
provisioned_product_info returns it, for the floor module. ``--picks``: up to N instances that are
Available with a successful provisioning task (ID, name, that task's ID), for the other rows.
Prints one JSON document on stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--collections', required=True)
    parser.add_argument('--endpoint', required=True)
    parser.add_argument('--key', required=True)
    parser.add_argument('--secret', required=True)
    parser.add_argument('--runs', type=int, default=1)
    parser.add_argument('--floor-out')
    parser.add_argument('--picks', type=int, default=0)
    args = parser.parse_args()

    sys.path.insert(0, os.path.realpath(args.collections))
    # pylint: disable=import-outside-toplevel
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils import client as client_module
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import snake_case
    from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, StaticCredentialsProvider

    expected = os.path.join(os.path.realpath(args.collections), 'ansible_collections', 'alicloud', 'servicecatalog', '')
    if not os.path.realpath(client_module.__file__).startswith(expected):
        raise SystemExit('client_list: imported the client from %s, not from %s' % (client_module.__file__, expected))

    credentials = StaticCredentialsProvider(Credentials(args.key, args.secret, None, 'bench'))
    seconds = []
    result = None
    for _run in range(max(1, args.runs)):
        result = None  # let the previous listing go before the next one
        start = time.perf_counter()
        client = client_module.ServiceCatalogClient(credentials, endpoint=args.endpoint)
        try:
            result = client.list('ListProvisionedProducts', {'AccessLevelFilter': 'Account'})
        finally:
            client.close()
        seconds.append(time.perf_counter() - start)
        attempts = client.attempts

    items = result.items
    if len(items) != result.total_count:
        raise SystemExit('client_list: %d items for TotalCount %d' % (len(items), result.total_count))
    if args.floor_out:
        with open(args.floor_out, 'w', encoding='utf-8') as handle:
            json.dump({'total_count': result.total_count, 'provisioned_products': snake_case(items)}, handle)
    picks = []
    for item in items:
        if len(picks) >= args.picks:
            break
        if item.get('Status') == 'Available' and item.get('LastSuccessfulProvisioningTaskId'):
            picks.append({'id': item['ProvisionedProductId'], 'name': item['ProvisionedProductName'],
                          'task_id': item['LastSuccessfulProvisioningTaskId']})
    json.dump({'seconds': seconds, 'total_count': result.total_count, 'items': len(items), 'attempts_last_run': attempts,
               'warnings': list(result.warnings), 'picks': picks, 'client_file': client_module.__file__}, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
