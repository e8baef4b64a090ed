"""The official SDK's sequential listing loop (`make bench`, row B1 (b)).

Run with the Python of build/venv-emulator (alibabacloud_servicecatalog20210901):
``python sdk_list.py --endpoint HOST:PORT --key ID --secret SECRET [--runs N] [--page-size 100]``.
Pages through ListProvisionedProducts (AccessLevelFilter Account) one page after another, as a
plain script would, N times (client construction included, imports excluded); prints one JSON
document on stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from alibabacloud_servicecatalog20210901 import models
from alibabacloud_servicecatalog20210901.client import Client
from alibabacloud_tea_openapi import models as openapi_models


def list_all(args):
    config = openapi_models.Config(access_key_id=args.key, access_key_secret=args.secret, endpoint=args.endpoint,
                                   protocol='http', region_id='cn-hangzhou', read_timeout=30000, connect_timeout=5000)
    client = Client(config)
    items, page, max_pages = [], 1, None
    while True:
        request = models.ListProvisionedProductsRequest(access_level_filter='Account', page_number=page, page_size=args.page_size)
        body = client.list_provisioned_products(request).body
        details = body.provisioned_product_details or []
        items.extend(details)
        if max_pages is None:  # bounded by what the first page announces (plus one for growth)
            max_pages = (body.total_count + args.page_size - 1) // args.page_size + 1
        if not details or len(items) >= body.total_count:
            return items, body.total_count
        page += 1
        if page > max_pages:
            raise SystemExit('sdk_list: still no end of the listing after %d pages' % max_pages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--endpoint', required=True, help='HOST:PORT')
    parser.add_argument('--key', required=True)
    parser.add_argument('--secret', required=True)
    parser.add_argument('--runs', type=int, default=1)
    parser.add_argument('--page-size', type=int, default=100)
    args = parser.parse_args()
    seconds = []
    for _run in range(max(1, args.runs)):
        start = time.perf_counter()
        items, total = list_all(args)
        seconds.append(time.perf_counter() - start)
    if len(items) != total:
        raise SystemExit('sdk_list: %d items for TotalCount %d' % (len(items), total))
    json.dump({'seconds': seconds, 'total_count': total, 'items': len(items)}, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
