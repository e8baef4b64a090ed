#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: constraint
short_description: Create, update and delete the launch constraint of an Alibaba Cloud Service Catalog product in a portfolio
version_added: 0.3.0
description:
  - Manages the launch constraint of a product in a portfolio (the RAM role the product is deployed with when launched
    from that portfolio) with C(CreateConstraint), C(UpdateConstraint) and C(DeleteConstraint).
  - "How the module stays idempotent: no operation of the API lists constraints with their IDs (there is no
    C(ListConstraints)). With O(constraint_id) the module reads the constraint (C(GetConstraint)), compares its
    configuration (parsed JSON, so formatting does not count) and description, and updates or deletes it.
    Without O(constraint_id) it reads the product's launch options (C(ListLaunchOptions)), which show, for each portfolio
    holding the product, the type and description of its constraints but not their IDs."
  - Without O(constraint_id) and no launch constraint on the product in O(portfolio_id), the module creates one and returns
    its ID as RV(constraint_id); keep it (in your inventory or variables) to update or delete the constraint later.
  - Without O(constraint_id) and a launch constraint already there, the module never creates a second one. Only its
    description can be compared; the same (or O(description) not given) is C(changed=false), even if its configuration
    differs, since it cannot be read without the ID; a different description fails, saying that O(constraint_id)
    is needed to update it. O(state=absent) without O(constraint_id) fails in the same way when a launch constraint is there.
  - A write whose answer is lost after it may have reached the server is not sent again; the constraint is read again.
    A create recovered so (the launch options show the new constraint) returns RV(constraint_id) C(null), since its ID was in
    the lost answer, and the module warns.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  constraint_id:
    description:
      - The ID of the constraint, for example C(cons-bp1yx7682g****), as RV(constraint_id) of the run that created it
        (or M(alicloud.servicecatalog.constraint_info) and the console show it).
      - With O(state=present) the constraint must exist; it must be a C(Launch) constraint.
    type: str
  portfolio_id:
    description:
      - The portfolio. Required without O(constraint_id). The product must be in the portfolio
        (M(alicloud.servicecatalog.portfolio_product)) before its constraint can be created.
      - With O(constraint_id), must be the constraint's portfolio (a constraint cannot move).
    type: str
  product_id:
    description:
      - The product. Required without O(constraint_id).
      - With O(constraint_id), must be the constraint's product.
    type: str
  local_role_name:
    description:
      - 'The name of the RAM role the product is launched with: the configuration C({"LocalRoleName": "<role>"}).'
      - This or O(config) is required to create a constraint; not given, an update keeps the current configuration.
    type: str
  config:
    description:
      - 'The configuration as a dict, sent as JSON text, for example C({"LocalRoleName": "ServiceCatalogLaunchRole"}).'
      - Compared with the constraint's configuration as parsed JSON (the order of keys and the spacing of the text do not count).
    type: dict
  description:
    description:
      - The description of the constraint, 1 to 128 characters. Not given, a new constraint has none and an update keeps
        the current one.
    type: str
  state:
    description:
      - V(present) creates the constraint or updates its configuration and description.
      - V(absent) deletes it (by O(constraint_id)). A constraint that does not exist is not an error.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.servicecatalog.common
  - alicloud.servicecatalog.attributes.RESOURCE_MODULE
seealso:
  - module: alicloud.servicecatalog.constraint_info
  - module: alicloud.servicecatalog.launch_option_info
  - module: alicloud.servicecatalog.portfolio_product
notes:
  - Whether the service refuses a second launch constraint on the same product and portfolio, and whether
    C(ListLaunchOptions) shows an administrator the portfolios that are not shared with them, is not documented; the module
    relies on the launch options to find an existing constraint without its ID.
'''

EXAMPLES = r'''
- name: Products of the Compute portfolio are launched with the ServiceCatalogLaunchRole role
  alicloud.servicecatalog.constraint:
    portfolio_id: port-bp1yt7582g0a01
    product_id: prod-bp1slbweb2ca005
    local_role_name: ServiceCatalogLaunchRole
    description: Launch as ServiceCatalogLaunchRole.
  register: launch

- name: Its ID, to keep (no API call lists constraint IDs)
  ansible.builtin.debug:
    msg: "{{ launch.constraint_id }}"

- name: Launch as another role from now on (the ID is needed to update it)
  alicloud.servicecatalog.constraint:
    constraint_id: "{{ launch.constraint_id }}"
    config:
      LocalRoleName: ServiceCatalogDeployRole
  when: launch.constraint_id

- name: Delete it
  alicloud.servicecatalog.constraint:
    constraint_id: "{{ launch.constraint_id }}"
    state: absent
  when: launch.constraint_id
'''

RETURN = r'''
constraint_id:
  description:
    - The ID of the constraint; C(null) when it is not known (found without O(constraint_id), or created with its answer
      lost), when it is deleted, and in check mode before a create.
  returned: always
  type: str
  sample: cons-bp1wr000000001
constraint:
  description:
    - The constraint as C(GetConstraint) returns it, in snake_case, its configuration parsed (as
      M(alicloud.servicecatalog.constraint_info) returns it); empty once deleted and in check mode before a create.
    - Found without O(constraint_id), only what the launch options show (RV(constraint.portfolio_id),
      RV(constraint.product_id), RV(constraint.constraint_type) and RV(constraint.description)).
  returned: always
  type: dict
  contains:
    constraint_id:
      description: The constraint ID.
      type: str
      returned: when known
    constraint_type:
      description: C(Launch).
      type: str
    config:
      description: The configuration, parsed from RV(constraint.config_text).
      type: dict
      returned: when known
    config_text:
      description: The configuration as the API gives it, JSON text.
      type: str
      returned: when known
    description:
      description: The description.
      type: str
    portfolio_id:
      description: The portfolio.
      type: str
    product_id:
      description: The product.
      type: str
  sample:
    constraint_id: cons-bp1wr000000001
    constraint_type: Launch
    config: {LocalRoleName: ServiceCatalogLaunchRole}
    config_text: '{"LocalRoleName":"ServiceCatalogLaunchRole"}'
    description: Launch as ServiceCatalogLaunchRole.
    portfolio_id: port-bp1yt7582g0a01
    product_id: prod-bp1slbweb2ca005
changes:
  description: What changed (or, in check mode, would change), one line each.
  returned: always
  type: list
  elements: str
  sample: ["config.LocalRoleName: ServiceCatalogLaunchRole -> ServiceCatalogDeployRole"]
diff:
  description: The constraint's portfolio, product, type, configuration and description before and after.
  returned: always
  type: dict
api_log:
  description: Retries and recoveries, one line each (only with C(-vvv) or more).
  returned: when verbosity is 3 or more and there is something to log
  type: list
  elements: str
'''

import json

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import MAX_NAME_LENGTH, check_text, require_text, snake_case
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.documents import json_text, parse_config
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.resource import Resource, run

GET = 'GetConstraint'
LAUNCH = 'Launch'
WHERE_IS_THE_ID = 'the constraint_id returned by the run that created it, or the console'


class Constraint(Resource):
    what = 'launch constraint'
    argument_spec = dict(
        constraint_id=dict(type='str'),
        portfolio_id=dict(type='str'),
        product_id=dict(type='str'),
        local_role_name=dict(type='str'),
        config=dict(type='dict'),
        description=dict(type='str'),
    )
    # without constraint_id, both portfolio_id and product_id
    rules = dict(required_one_of=[('constraint_id', 'portfolio_id'), ('constraint_id', 'product_id')],
                 mutually_exclusive=[('local_role_name', 'config')])

    # -- find and compare --------------------------------------------------------------------------

    def find(self):
        self.opts = opts = dict((name, require_text(self.params, name)) for name in (
            'constraint_id', 'portfolio_id', 'product_id', 'local_role_name', 'description'))
        if opts['description'] is not None:
            check_text('description', opts['description'], MAX_NAME_LENGTH)
        if opts['constraint_id']:
            return self._by_id(opts['constraint_id'])
        found = self._launch_summaries()
        if found is None or not found:
            return None
        where = 'product %s in portfolio %s' % (opts['product_id'], opts['portfolio_id'])
        if len(found) > 1:
            raise ConfigError('constraint_id: %d launch constraints are set on %s; give the ID of one (%s)' % (
                len(found), where, WHERE_IS_THE_ID))
        if self.params['state'] == 'absent':
            raise ConfigError('constraint_id: a launch constraint is set on %s, and without its ID it cannot be deleted: give '
                              'constraint_id (%s)' % (where, WHERE_IS_THE_ID))
        return dict(found[0], PortfolioId=opts['portfolio_id'], ProductId=opts['product_id'])

    def _by_id(self, constraint_id):
        current = self.by_id(GET, 'ConstraintId', constraint_id)
        if current is None:
            if self.params['state'] == 'present':
                raise ConfigError('constraint_id: there is no constraint %s; leave constraint_id out (and give portfolio_id and '
                                  'product_id) to create one' % constraint_id)
            return None
        if current.get('ConstraintType') != LAUNCH:
            raise ConfigError('constraint_id: %s is a %s constraint; this module manages launch constraints' % (
                constraint_id, current.get('ConstraintType')))
        for option, field in (('portfolio_id', 'PortfolioId'), ('product_id', 'ProductId')):
            if self.opts[option] and self.opts[option] != current.get(field):
                raise ConfigError('%s: constraint %s belongs to %s, not %s (a constraint cannot move: delete it and create '
                                  'another)' % (option, constraint_id, current.get(field), self.opts[option]))
        return current

    def _launch_summaries(self):
        """The Launch constraint summaries (ListLaunchOptions) of the product in the portfolio; None when the product is unknown
        (``state: absent`` only: otherwise the API's error)."""
        try:
            options = self.client.list('ListLaunchOptions', {'ProductId': self.opts['product_id']}).items
        except ServiceCatalogError as err:
            if err.not_found and self.params['state'] == 'absent':
                return None
            raise
        summaries = [s for option in options if option.get('PortfolioId') == self.opts['portfolio_id']
                     for s in option.get('ConstraintSummaries') or [] if s.get('ConstraintType') == LAUNCH]
        return [{'ConstraintType': LAUNCH, 'Description': s.get('Description') or ''} for s in summaries]

    def view(self, document):
        view = dict(portfolio_id=document.get('PortfolioId'), product_id=document.get('ProductId'),
                    constraint_type=document.get('ConstraintType'), description=document.get('Description') or '')
        if document.get('ConstraintId'):
            view['config'] = _parsed(document.get('Config'))
        return view

    def desired(self, current):
        config, description = self._config(), self.opts['description']
        if current is None:
            if config is None:
                raise ConfigError('local_role_name: required (or config) to create a launch constraint')
            return dict(portfolio_id=self.opts['portfolio_id'], product_id=self.opts['product_id'], constraint_type=LAUNCH,
                        description=description or '', config=config)
        before = self.view(current)
        after = dict(before)
        if description is not None:
            after['description'] = description
        if 'config' not in before:  # found through the launch options: only the description can be compared
            if after != before:
                raise ConfigError('constraint_id: a launch constraint is already set on product %s in portfolio %s, with the '
                                  'description %r; without its ID it cannot be read or updated: give constraint_id (%s)' % (
                                      before['product_id'], before['portfolio_id'], before['description'], WHERE_IS_THE_ID))
            return after
        if config is not None:
            after['config'] = config
        return after

    def _config(self):
        if self.params['local_role_name'] is not None:
            return {'LocalRoleName': self.opts['local_role_name']}
        return self.params['config']

    # -- writes --------------------------------------------------------------------------------------

    def create(self, desired):
        opts = self.opts

        def recover():
            found = self._launch_summaries()
            return dict(found[0], PortfolioId=opts['portfolio_id'], ProductId=opts['product_id']) if found else None

        answer, found = self.write('CreateConstraint', dict(
            ConstraintType=LAUNCH, PortfolioId=opts['portfolio_id'], ProductId=opts['product_id'], Config=_text(desired['config']),
            Description=opts['description']), recover=recover)
        if answer is None:
            self.module.warnings.append('CreateConstraint: the ID of the new launch constraint was in the lost answer; '
                                        'find it in the console to manage the constraint by its ID')
            return found
        return self.by_id(GET, 'ConstraintId', answer['ConstraintId'])

    def update(self, current, desired, changes):
        constraint_id = current['ConstraintId']

        def recover():
            now = self.by_id(GET, 'ConstraintId', constraint_id)
            return now if now is not None and self.view(now) == desired else None

        _answer, found = self.write('UpdateConstraint', dict(
            ConstraintId=constraint_id, Config=_text(desired['config']), Description=self.opts['description']), recover=recover)
        return found or self.by_id(GET, 'ConstraintId', constraint_id)

    def delete(self, current):
        return self.delete_by_id('DeleteConstraint', GET, 'ConstraintId', current['ConstraintId'])

    def result(self, document):
        if not document:
            return dict(constraint={}, constraint_id=None)
        return dict(constraint=parse_config(snake_case(document)), constraint_id=document.get('ConstraintId'))


def _parsed(text):
    """A constraint's Config: the parsed JSON (the text itself when it is not JSON)."""
    try:
        return json_text(text) if isinstance(text, str) else text
    except ValueError:
        return text


def _text(config):
    """The Config sent: compact JSON text (a current Config that is not JSON goes back as it is)."""
    return config if isinstance(config, str) else json.dumps(config, sort_keys=True, separators=(',', ':'))


def main():
    run(Constraint)


if __name__ == '__main__':
    main()
