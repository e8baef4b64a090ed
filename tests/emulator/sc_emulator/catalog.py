"""The catalog: portfolios, products, versions, templates, constraints, tag options, and the views the operations show.

The catalog is small (hundreds of items even with --generate), so listings sort and filter plain lists. Listings
order by (CreateTime, ID), descending unless asked otherwise. References (a product's PortfolioIds and TagOptionIds, a
constraint's portfolio and product) are resolved here at read time; unknown references are skipped.
"""
from __future__ import annotations

import fnmatch
import threading
from typing import Iterable, Mapping

from .model import (PORTFOLIO_FIELDS, PRINCIPAL_FIELDS, PRODUCT_ADMIN_FIELDS, PRODUCT_SUMMARY_FIELDS, TAG_OPTION_FIELDS, VERSION_DETAIL_FIELDS,
                    Principal, epoch, project)
from .params import Page


def _order_key(item: Mapping, id_name: str) -> tuple:
    return (int(epoch(item['CreateTime'])), item[id_name])


def ordered(items: Iterable[dict], id_name: str, descending: bool) -> list[dict]:
    """Items by (CreateTime, ID): ascending, or descending (ties then by descending ID)."""
    return sorted(items, key=lambda item: _order_key(item, id_name), reverse=descending)


def page_of(items: list, page: Page) -> list:
    """One page of an already ordered list."""
    start = (page.number - 1) * page.size
    return items[start:start + page.size]


def _matches(item: Mapping, name_field: str, names: list[str], texts: list[str], searched: tuple[str, ...]) -> bool:
    """Name filter: exact, case-insensitive (values ORed); FullTextSearch: case-insensitive substring of the searched fields."""
    if names and item[name_field].lower() not in {name.lower() for name in names}:
        return False
    if texts:
        blob = '\x00'.join(str(item.get(name, '')) for name in searched).lower()
        return any(text.lower() in blob for text in texts)
    return True


class Catalog:
    """The catalog items of a store; every public method takes the store's lock."""

    def __init__(self, lock: threading.RLock):
        self._lock = lock
        self.clear()

    def clear(self) -> None:
        self.products: dict[str, dict] = {}
        self.versions: dict[str, dict] = {}
        self.portfolios: dict[str, dict] = {}
        self.constraints: dict[str, dict] = {}
        self.tag_options: dict[str, dict] = {}
        self.templates: dict[str, dict] = {}  # CreateTemplate: URL -> {body, document, type}

    def add(self, products=(), portfolios=(), constraints=(), tag_options=()) -> None:
        """Add or replace items by ID (a replaced product's old versions go)."""
        with self._lock:
            for product in products:
                for version in self.products.get(product['ProductId'], {}).get('Versions', []):
                    self.versions.pop(version['ProductVersionId'], None)
                self.products[product['ProductId']] = product
                for version in product.get('Versions', []):
                    self.versions[version['ProductVersionId']] = version
            for kind, items, id_name in ((self.portfolios, portfolios, 'PortfolioId'), (self.constraints, constraints, 'ConstraintId'),
                                         (self.tag_options, tag_options, 'TagOptionId')):
                for item in items:
                    kind[item[id_name]] = item

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {'portfolios': len(self.portfolios), 'constraints': len(self.constraints), 'tag_options': len(self.tag_options)}

    # -- views -----------------------------------------------------------------------------------------------------------

    def _portfolios_of(self, product: Mapping) -> list[dict]:
        return [self.portfolios[pid] for pid in dict.fromkeys(product.get('PortfolioIds', [])) if pid in self.portfolios]

    def _tag_options_of(self, item: Mapping) -> list[dict]:
        found = [self.tag_options[tid] for tid in dict.fromkeys(item.get('TagOptionIds', [])) if tid in self.tag_options]
        return [project(option, TAG_OPTION_FIELDS) for option in ordered(found, 'TagOptionId', False)]

    def _summary(self, product: Mapping) -> dict:
        return project({**product, 'HasDefaultLaunchOption': len(self._portfolios_of(product)) == 1}, PRODUCT_SUMMARY_FIELDS)

    # -- portfolios ------------------------------------------------------------------------------------------------------

    def portfolio(self, portfolio_id: str) -> tuple[dict, list[dict]] | None:
        """(PortfolioDetail, TagOptions) of GetPortfolio."""
        with self._lock:
            item = self.portfolios.get(portfolio_id)
            return None if item is None else (project(item, PORTFOLIO_FIELDS), self._tag_options_of(item))

    def list_portfolios(self, scope: str, product_id: str | None, names: list[str], texts: list[str], page: Page) -> tuple[int, list[dict]]:
        with self._lock:
            items = [item for item in self.portfolios.values() if _in_scope(item, scope)
                     and _matches(item, 'PortfolioName', names, texts, ('PortfolioName', 'PortfolioId', 'Description', 'ProviderName'))]
            if product_id:
                holding = {item['PortfolioId'] for item in self._portfolios_of(self.products.get(product_id, {}))}
                items = [item for item in items if item['PortfolioId'] in holding]
            items = ordered(items, 'PortfolioId', page.descending)
            return len(items), [project(item, PORTFOLIO_FIELDS) for item in page_of(items, page)]

    def principals(self, portfolio_id: str) -> list[dict] | None:
        with self._lock:
            item = self.portfolios.get(portfolio_id)
            return None if item is None else [project(principal, PRINCIPAL_FIELDS) for principal in item['Principals']]

    # -- products and versions ---------------------------------------------------------------------------------------------

    def product_as_admin(self, product_id: str) -> tuple[dict, list[dict]] | None:
        """(ProductDetail, TagOptions) of GetProductAsAdmin."""
        with self._lock:
            item = self.products.get(product_id)
            return None if item is None else (project(item, PRODUCT_ADMIN_FIELDS), self._tag_options_of(item))

    def product_as_end_user(self, product_id: str) -> dict | None:
        with self._lock:
            item = self.products.get(product_id)
            return None if item is None else self._summary(item)

    def list_products_as_admin(self, portfolio_id: str | None, scope: str, names: list[str], texts: list[str],
                               page: Page) -> tuple[int, list[dict]]:
        with self._lock:
            items = [item for item in self.products.values() if _in_scope(item, scope) and _searched_product(item, names, texts)]
            if portfolio_id:
                items = [item for item in items if portfolio_id in item.get('PortfolioIds', [])]
            items = ordered(items, 'ProductId', page.descending)
            return len(items), [project(item, PRODUCT_ADMIN_FIELDS) for item in page_of(items, page)]

    def list_products_as_end_user(self, caller: Principal, names: list[str], texts: list[str], page: Page) -> tuple[int, list[dict]]:
        """Products of the portfolios the caller is a principal of."""
        with self._lock:
            mine = {pid for pid, item in self.portfolios.items() if any(_is(caller, entry) for entry in item['Principals'])}
            items = [item for item in self.products.values()
                     if mine.intersection(item.get('PortfolioIds', [])) and _searched_product(item, names, texts)]
            items = ordered(items, 'ProductId', page.descending)
            return len(items), [self._summary(item) for item in page_of(items, page)]

    def versions_of(self, product_id: str) -> list[dict] | None:
        with self._lock:
            item = self.products.get(product_id)
            if item is None:
                return None
            return [project(version, VERSION_DETAIL_FIELDS) for version in ordered(item['Versions'], 'ProductVersionId', False)]

    def version(self, version_id: str) -> dict | None:
        with self._lock:
            item = self.versions.get(version_id)
            return None if item is None else project(item, VERSION_DETAIL_FIELDS)

    def template(self, product_id: str, version_id: str) -> tuple[bool, str | None]:
        """(product known, TemplateBody of that product's version or None)."""
        with self._lock:
            version = self.versions.get(version_id)
            if product_id not in self.products:
                return False, None
            return True, version['_TemplateBody'] if version is not None and version['ProductId'] == product_id else None

    def launch_options(self, product_id: str) -> list[dict] | None:
        """One option per portfolio holding the product, with the constraints set on that pair."""
        with self._lock:
            item = self.products.get(product_id)
            if item is None:
                return None
            return [{'PortfolioId': portfolio['PortfolioId'], 'PortfolioName': portfolio['PortfolioName'],
                     'ConstraintSummaries': self._constraint_summaries(portfolio['PortfolioId'], product_id)}
                    for portfolio in self._portfolios_of(item)]

    def _constraint_summaries(self, portfolio_id: str, product_id: str) -> list[dict]:
        found = [c for c in self.constraints.values() if c['PortfolioId'] == portfolio_id and c['ProductId'] == product_id]
        summaries = []
        for constraint in ordered(found, 'ConstraintId', False):
            summary = {'ConstraintType': constraint['ConstraintType'], 'Description': constraint['Description']}
            if constraint['ConstraintType'] == 'Approval':
                summary['OperationTypes'] = list(constraint['OperationTypes'])
            if constraint['ConstraintType'] == 'StackRegion':
                summary['StackRegions'] = list(constraint['StackRegions'])
            summaries.append(summary)
        return summaries

    def constraint(self, constraint_id: str) -> dict | None:
        with self._lock:
            item = self.constraints.get(constraint_id)
            if item is None:
                return None
            product = self.products.get(item['ProductId'], {})
            return {'ConstraintId': item['ConstraintId'], 'ConstraintType': item['ConstraintType'], 'Config': item['Config'],
                    'Description': item['Description'], 'PortfolioId': item['PortfolioId'], 'ProductId': item['ProductId'],
                    'ProductName': product.get('ProductName', ''), 'CreateTime': item['CreateTime']}

    # -- what a launch may use (LaunchProduct, plans) -------------------------------------------------------------------------

    def holding_portfolios(self, product_id: str) -> list[dict]:
        """The portfolios holding a product (its launch options), oldest first."""
        with self._lock:
            return ordered(self._portfolios_of(self.products.get(product_id, {})), 'PortfolioId', False)

    def constraints_on(self, portfolio_id: str, product_id: str) -> list[dict]:
        """The constraints set on a (portfolio, product) pair, oldest first."""
        with self._lock:
            return ordered((c for c in self.constraints.values() if c['PortfolioId'] == portfolio_id and c['ProductId'] == product_id),
                           'ConstraintId', False)

    def grants(self, portfolio_id: str, caller: Principal) -> bool:
        """The portfolio's principals name the caller (it may launch the portfolio's products)."""
        with self._lock:
            item = self.portfolios.get(portfolio_id)
            return item is not None and any(_is(caller, entry) for entry in item['Principals'])

    # -- tag options -------------------------------------------------------------------------------------------------------

    def tag_option(self, tag_option_id: str) -> dict | None:
        with self._lock:
            item = self.tag_options.get(tag_option_id)
            return None if item is None else project(item, TAG_OPTION_FIELDS)

    def list_tag_options(self, wanted: Mapping, descending: bool) -> list[dict]:
        """Every tag option passing the ListTagOptions filters, ordered: Active (default true), Key and Value exact,
        FullTextSearch a case-insensitive substring of the key, value or ID."""
        active = wanted.get('Active', True)
        text = wanted.get('FullTextSearch', '').lower()
        with self._lock:
            items = [item for item in self.tag_options.values() if item['Active'] == active
                     and wanted.get('Key', item['Key']) == item['Key'] and wanted.get('Value', item['Value']) == item['Value']
                     and text in f'{item["Key"]}\x00{item["Value"]}\x00{item["TagOptionId"]}'.lower()]
            return [project(item, TAG_OPTION_FIELDS) for item in ordered(items, 'TagOptionId', descending)]

    def resources_for_tag_option(self, tag_option_id: str, resource_type: str, page: Page) -> tuple[int, list[dict]] | None:
        """Products (``product``) or portfolios (``Portfolio``) the tag option is attached to, oldest first."""
        with self._lock:
            if tag_option_id not in self.tag_options:
                return None
            kind, id_name, name_name, arn_name = ((self.products, 'ProductId', 'ProductName', 'ProductArn') if resource_type == 'product'
                                                  else (self.portfolios, 'PortfolioId', 'PortfolioName', 'PortfolioArn'))
            items = ordered((item for item in kind.values() if tag_option_id in item.get('TagOptionIds', [])), id_name, page.descending)
            return len(items), [{'ResourceId': item[id_name], 'ResourceName': item[name_name], 'ResourceArn': item[arn_name],
                                 'Description': item['Description'], 'CreateTime': item['CreateTime']} for item in page_of(items, page)]


def _in_scope(item: Mapping, scope: str) -> bool:
    """Local: created in this account; Import: shared to it from another account; All: both."""
    return scope == 'All' or item.get('_Imported', False) == (scope == 'Import')


def _searched_product(item: Mapping, names: list[str], texts: list[str]) -> bool:
    return _matches(item, 'ProductName', names, texts, ('ProductName', 'ProductId', 'Description', 'ProviderName'))


def _is(caller: Principal, entry: Mapping) -> bool:
    """A portfolio principal entry names the caller: same type, and its ID, or its pattern matching the caller's name."""
    if entry['PrincipalType'] != caller.type:
        return False
    if entry['PrincipalId']:
        return entry['PrincipalId'] == caller.principal_id
    return fnmatch.fnmatchcase(caller.name, entry['PrincipalPattern'])
