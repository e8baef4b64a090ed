#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: portfolio
short_description: Create, update and delete Alibaba Cloud Service Catalog portfolios
version_added: 0.3.0
description:
  - Creates a portfolio (C(CreatePortfolio)), changes its name, provider or description (C(UpdatePortfolio)), or deletes
    it (C(DeletePortfolio)).
  - Idempotent. The portfolio is found by its exact O(name) or by O(portfolio_id), compared with the options given, and
    written only when something differs.
  - The name filter of C(ListPortfolios) is not documented, so the module reads every page of the caller's portfolios and
    matches the name itself, exactly (case included). Several portfolios of that name fail, listing their IDs.
  - A write whose answer is lost after it may have reached the server (a time-out, an HTTP 5xx answer, a dropped
    connection) is never sent again; the module reads the portfolios again and continues from what it finds.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  name:
    description:
      - The name of the portfolio (1 to 128 characters), its natural key. Required to create one.
      - With O(portfolio_id), the name the portfolio should have (a different name renames it).
    type: str
  portfolio_id:
    description:
      - The ID of an existing portfolio, for example C(port-bp1yt7582g****), used instead of the name to find it.
      - With O(state=present) the portfolio must exist.
    type: str
  provider_name:
    description:
      - Who provides the portfolio (1 to 128 characters). Required to create one; not given, an update keeps it.
    type: str
  description:
    description:
      - The description (at most 128 characters). Not given, an update keeps it; an empty string clears it (it is sent empty;
        whether the service accepts that is not documented).
    type: str
  state:
    description:
      - V(present) creates the portfolio or updates it to the options given.
      - V(absent) deletes it. A portfolio that does not exist is not an error.
      - A portfolio that still holds products cannot be deleted. The module then fails with the service's error and lists
        what it still holds, products and principals, to remove first (with M(alicloud.servicecatalog.portfolio_principal)
        and the module that removes products from portfolios, O(state=absent)).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.portfolio_info
  - module: alicloud.servicecatalog.portfolio_principal
  - module: alicloud.servicecatalog.tag_option_resource
'''

EXAMPLES = r'''
- name: Create a portfolio (or leave it as it is)
  alicloud.servicecatalog.portfolio:
    name: Web stacks
    provider_name: Platform Engineering
    description: Products for the web teams.
  register: web

- name: Change its description
  alicloud.servicecatalog.portfolio:
    name: Web stacks
    description: ECS and SLB products for the web teams.

- name: Rename a portfolio by its ID
  alicloud.servicecatalog.portfolio:
    portfolio_id: port-bp1yt7582g0a01
    name: Compute and network (shared)

- name: Give it its name back
  alicloud.servicecatalog.portfolio:
    portfolio_id: port-bp1yt7582g0a01
    name: Compute and network

- name: Delete the portfolio
  alicloud.servicecatalog.portfolio:
    name: Web stacks
    state: absent
'''

RETURN = r'''
portfolio:
  description:
    - The portfolio as C(GetPortfolio) returns it, in snake_case, with its tag options (as
      M(alicloud.servicecatalog.portfolio_info) returns it by ID); empty once deleted and in check mode before a create.
  returned: always
  type: dict
  sample:
    portfolio_id: port-bp1wr000000001
    portfolio_name: Web stacks
    provider_name: Platform Engineering
    description: Products for the web teams.
    portfolio_arn: acs:servicecatalog:cn-hangzhou:146611588617****:portfolio/port-bp1wr000000001
    create_time: "2026-01-05T08:00:00Z"
    tag_options: []
changes:
  description: "What changed (or, in check mode, would change), one line each, for example C(description: old -> new)."
  returned: always
  type: list
  elements: str
  sample: ["create portfolio"]
diff:
  description: Before and after of the name, provider and description (also shown with C(--diff)).
  returned: always
  type: dict
  contains:
    before:
      description: The portfolio as found (empty for a create).
      type: dict
    after:
      description: The desired portfolio (empty for a delete).
      type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import MAX_NAME_LENGTH, check_text, require_text, snake_case, some
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Resource, run

GET = 'GetPortfolio'
FIELDS = (('name', 'PortfolioName'), ('provider_name', 'ProviderName'), ('description', 'Description'))


class Portfolio(Resource):
    what = 'portfolio'
    argument_spec = dict(
        name=dict(type='str'),
        portfolio_id=dict(type='str'),
        provider_name=dict(type='str'),
        description=dict(type='str'),
    )
    rules = dict(required_one_of=[('name', 'portfolio_id')])

    def __init__(self, module):
        super(Portfolio, self).__init__(module)
        self.opts = {}  # the options checked (find() checks them, inside the module's error handling)

    def find(self):
        self.opts = dict((name, require_text(self.params, name)) for name in ('name', 'portfolio_id', 'provider_name'))
        self.opts['description'] = self.params['description']
        for name in ('name', 'provider_name', 'description'):
            if self.opts[name] is not None:
                check_text(name, self.opts[name], MAX_NAME_LENGTH)
        portfolio_id, name = self.opts['portfolio_id'], self.opts['name']
        if portfolio_id:
            current = self.by_id(GET, 'PortfolioId', portfolio_id)
            if current is None and self.params['state'] == 'present':
                raise ConfigError('portfolio_id: there is no portfolio %s; give name (without the ID) to create one' % portfolio_id)
            return current
        found = self.by_name('ListPortfolios', None, 'PortfolioName', 'PortfolioId', name)
        return self.by_id(GET, 'PortfolioId', found['PortfolioId']) if found is not None else None

    def view(self, document):
        return dict((option, document.get(field) or '') for option, field in FIELDS)

    def desired(self, current):
        given = dict((option, self.opts[option]) for option, _field in FIELDS if self.opts[option] is not None)
        if current is not None:
            return dict(self.view(current), **given)
        for option in ('name', 'provider_name'):
            if not self.opts[option]:
                raise ConfigError('%s: required to create a portfolio' % option)
        return given

    def create(self, desired):
        name = desired['name']

        def recover():
            found = self.by_name('ListPortfolios', None, 'PortfolioName', 'PortfolioId', name)
            return self.by_id(GET, 'PortfolioId', found['PortfolioId']) if found is not None else None

        answer, found = self.write('CreatePortfolio', dict(PortfolioName=name, ProviderName=desired['provider_name'],
                                                           Description=desired.get('description') or None), recover=recover)
        return found or self.by_id(GET, 'PortfolioId', answer['PortfolioId'])

    def update(self, current, desired, changes):
        portfolio_id = current['PortfolioId']

        def recover():
            now = self.by_id(GET, 'PortfolioId', portfolio_id)
            return now if now is not None and self.view(now) == desired else None

        # name and provider are required on every call; the description only when it changes (as Terraform does)
        description = desired['description'] if desired['description'] != self.view(current)['description'] else None
        _answer, found = self.write('UpdatePortfolio', dict(PortfolioId=portfolio_id, PortfolioName=desired['name'],
                                                            ProviderName=desired['provider_name'], Description=description),
                                    recover=recover)
        return found or self.by_id(GET, 'PortfolioId', portfolio_id)

    def delete(self, current):
        portfolio_id = current['PortfolioId']
        return self.remove('DeletePortfolio', {'PortfolioId': portfolio_id}, gone=lambda: self.by_id(GET, 'PortfolioId', portfolio_id) is None,
                           refused=lambda: self.still_holding(portfolio_id))

    def still_holding(self, portfolio_id):
        """What the portfolio still holds (read again), to remove before it can be deleted; None when nothing."""
        products = self.client.list('ListProductsAsAdmin', {'PortfolioId': portfolio_id}).items
        principals = self.client.list('ListPrincipals', {'PortfolioId': portfolio_id}).items
        held = []
        if products:
            held.append('products %s (alicloud.servicecatalog.portfolio_product, state: absent)' % some(
                '%s (%s)' % (p.get('ProductId'), p.get('ProductName')) for p in products))
        if principals:
            held.append('principals %s (alicloud.servicecatalog.portfolio_principal, state: absent)' % some(
                '%s %s' % (p.get('PrincipalType'), p.get('PrincipalId') or p.get('PrincipalPattern')) for p in principals))
        return 'remove what portfolio %s still holds first: %s' % (portfolio_id, '; '.join(held)) if held else None

    def result(self, document):
        return dict(portfolio=snake_case(document) if document else {})


def main():
    run(Portfolio)


if __name__ == '__main__':
    main()
