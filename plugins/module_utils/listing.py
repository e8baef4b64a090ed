# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading every page of a paged listing, for ``ServiceCatalogClient.list``: concurrently, in order,
de-duplicated by ID, following growth, re-read when TotalCount moves, and bounded: a listing that
would never end (pages that repeat, a TotalCount beyond MAX_LISTING_TOTAL, pages over their size or
their total) ends with an InvalidResponse error naming the operation, and no page is asked for
after that. Split from client.py, which sends each page.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections import namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ServiceCatalogError

# A listing whose TotalCount changes while it is read is read again, page by page in order, at most
# this many times; then every item seen is returned with a warning.
LISTING_REREADS = 2
# Following a listing that grows while read stops at GROWTH_FACTOR x the pages the first page
# planned (at least GROWTH_MIN_PAGES): a listing growing as fast as it is read is reported, not chased.
GROWTH_FACTOR = 2
GROWTH_MIN_PAGES = 10
# A TotalCount above this ends a listing with an error before a second page is asked for: twice the
# largest listing the collection is measured with (make bench B5: 100,000 provisioned products, 424 MiB
# in the module), 2,000 full pages, so a module never holds much more than 1 GB of items. A larger
# count is a broken or hostile answer; single pages (page_number) can still be read.
MAX_LISTING_TOTAL = 200000

ListResult = namedtuple('ListResult', ['items', 'total_count', 'warnings'])


def read_listing(reader, workers, log):
    """Every page of ``reader``'s listing: ListResult(items, total_count, warnings). The first reading uses
    ``workers`` at once; when TotalCount changes, the listing is read again page by page, in order
    (LISTING_REREADS times at most), and if it never settles every item seen is returned with a warning."""
    declared = reader.declared
    action = declared.name
    seen = {}  # every item of every reading, by ID, latest document kept
    for reading in range(LISTING_REREADS + 1):
        # A re-read goes page by page, in order: items added at either end then only move towards
        # pages not read yet, so none can slip between two pages as with concurrent reads.
        keyed, totals, warnings = reader.read(workers if reading == 0 else 1)
        if len(set(totals)) == 1:
            return ListResult([item for _key, item in keyed], totals[0], warnings)
        for key, item in keyed:
            seen[key if key is not None else ('#', len(seen))] = item
        if reading < LISTING_REREADS:
            log('%s: TotalCount changed during the listing (%s); reading it again' % (action, _span(totals)))
    warning = ('%s: the number of items changed while listing (TotalCount %s, %d readings); the result holds every item '
               'seen, de-duplicated by %s' % (action, _span(totals), LISTING_REREADS + 1, declared.id_key))
    return ListResult(list(seen.values()), totals[-1], [warning] + warnings)


class Listing:
    """Readings of one paged listing; the page limit for following growth is set by the first.

    Pages are asked for at most ``2 x workers`` ahead of the one being looked at (``workers`` under
    way at once) and looked at in order: a page that brings nothing new or more items than the total
    allows, or a TotalCount past MAX_LISTING_TOTAL, ends the reading; pages not yet sent are not sent.
    """

    def __init__(self, client, declared, params, size, convert):
        self.client = client
        self.declared = declared
        self.params = params
        self.size = size
        self.convert = convert
        self.page_limit = None

    def page(self, number):
        """``(TotalCount, [(ID, converted item), ...], RequestId)`` of page ``number``; the raw page is dropped here."""
        doc = self.client.call(self.declared.name, dict(self.params, PageNumber=number, PageSize=self.size))
        id_key = self.declared.id_key
        items = doc[self.declared.result_key]
        total = doc['TotalCount']
        if total > MAX_LISTING_TOTAL:
            self.fail(doc.get('RequestId'), 'TotalCount is %d, more than the %d items a listing may have (MAX_LISTING_TOTAL); '
                      'narrow the listing with its filters or read single pages with page_number' % (total, MAX_LISTING_TOTAL))
        if len(items) > self.size:
            self.fail(doc.get('RequestId'), 'page %d holds %d items, more than the PageSize of %d asked for' % (number, len(items), self.size))
        return total, [(item.get(id_key), self.convert(item)) for item in items], doc.get('RequestId')

    def fail(self, request_id, why):
        raise ServiceCatalogError(action=self.declared.name, status=200, code='InvalidResponse', request_id=request_id,
                                  message='the listing was stopped: %s' % why)

    def pages_for(self, total):
        return (total + self.size - 1) // self.size

    def read(self, workers):
        """One reading of every page: ``([(ID, item), ...] de-duplicated by ID, every TotalCount seen, warnings)``."""
        reading = _Reading(self)
        first = self.page(1)
        reading.add(1, first)
        last = self.pages_for(first[0])
        if self.page_limit is None:
            self.page_limit = GROWTH_FACTOR * max(last, GROWTH_MIN_PAGES)
        pool, asked, number = None, {}, 2
        window = 2 * workers if workers > 1 else 1
        try:
            while not reading.stopped and number <= min(last, self.page_limit):
                ahead = number + len(asked)
                while ahead <= min(last, self.page_limit) and len(asked) < window:
                    if pool is None and workers > 1 and ahead < min(last, self.page_limit):
                        from concurrent.futures import ThreadPoolExecutor  # only listings of several pages need threads
                        pool = ThreadPoolExecutor(max_workers=workers)
                    asked[ahead] = pool.submit(self.page, ahead) if pool is not None else _Done(self.page, ahead)
                    ahead += 1
                page = asked.pop(number).result()
                reading.add(number, page)
                # Items added while reading push older ones past the last page planned: follow them.
                last = max(last, self.pages_for(page[0]))
                number += 1
        finally:
            for future in asked.values():
                future.cancel()
            if pool is not None:
                pool.shutdown(wait=True)
        return reading.result()


class _Reading:
    """What one reading has seen so far, page by page in order, and the rules that end it early."""

    def __init__(self, listing):
        self.listing = listing
        self.keyed, self.keys, self.totals, self.warnings = [], set(), [], []
        self.stopped = False

    def add(self, number, page):
        total, items, request_id = page
        self.totals.append(total)
        new = 0
        for key, item in items:
            if key is not None and key in self.keys:
                continue
            self.keys.add(key)
            self.keyed.append((key, item))
            new += 1
        stable, action = len(set(self.totals)) == 1, self.listing.declared.name
        if stable and len(self.keyed) > total:
            self.listing.fail(request_id, 'page %d brings the items read to %d, more than the TotalCount of %d' % (
                number, len(self.keyed), total))
        if new or number == 1:
            return
        # A page with nothing new: the listing moved (items vanished: an empty page, or TotalCount changed)
        # and is read again, or the answers repeat themselves. Either way no further page is asked for.
        self.stopped = True
        if not items:
            return
        if len(self.keyed) >= total:  # every item the latest TotalCount counts was read: complete, by that count
            self.warnings.append('%s: page %d repeats items already listed after all %d items were read; the listing ends there' % (
                action, number, total))
        elif stable:
            self.listing.fail(request_id, 'page %d brings no item not already listed (%d items read, TotalCount %d): the answers '
                                          'repeat themselves' % (number, len(self.keyed), total))

    def result(self):
        totals = list(self.totals)
        if len(self.keyed) != totals[0] and len(set(totals)) == 1 and not self.warnings:
            # Items vanished between pages without TotalCount telling: count it as a change.
            totals.append(len(self.keyed))
        return self.keyed, totals, self.warnings


class _Done:
    """A page read at once, with the interface of the Future a pool would give (one worker: no threads)."""

    def __init__(self, function, number):
        self.value = function(number)

    def result(self):
        return self.value

    def cancel(self):
        return False


def _span(totals):
    low, high = min(totals), max(totals)
    return 'from %d to %d' % (totals[0], totals[-1]) if low == totals[0] and high == totals[-1] else 'between %d and %d' % (low, high)
