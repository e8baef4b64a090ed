# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: provisioned_products
short_description: Alibaba Cloud Service Catalog provisioned products as inventory hosts
version_added: 0.2.0
description:
  - Lists the provisioned products (product instances) of Alibaba Cloud Service Catalog with C(ListProvisionedProducts)
    (every page, concurrently) and makes each one a host, or several hosts with O(hosts_from_output).
  - The outputs and parameters of each instance's last successful provisioning task (C(GetTask)) become the host's
    C(outputs) and C(parameters) variables; they are read concurrently, at most O(concurrency) at a time.
  - An instance without a successful provisioning task yet is kept, with empty C(outputs) and C(parameters) and a warning.
  - The inventory source is a YAML file whose name ends with C(servicecatalog.yml) or C(servicecatalog.yaml), whose
    O(plugin) is V(alicloud.servicecatalog.provisioned_products).
  - Connection and credential options are those of the modules and lookups, with the same environment variables,
    so the collection's AWX credential type works for inventory sources unchanged. The C(vars:) entries of these
    options are read from extra variables only (an inventory source has no other variables).
  - Unknown keys in the file are an error naming them.
author:
  - Alibaba Cloud Service Catalog collection maintainers (@alicloud-ansible)
options:
  plugin:
    description: The name of this plugin; it makes the file an inventory source of this plugin.
    type: str
    required: true
    choices: [alicloud.servicecatalog.provisioned_products]
  access_level_filter:
    description:
      - V(User) lists the provisioned products created by the caller, V(Account) those of the whole Alibaba Cloud account.
      - When not set the API's default applies (V(User)). Any other value is an error naming the allowed ones.
    type: str
  names:
    description:
      - Only the provisioned products with one of these exact names, compared without regard to case
        (the C(ProvisionedProductName) filter; one listing per name, concurrently).
    type: list
    elements: str
    default: []
  full_text_search:
    description:
      - Only the provisioned products whose name, product name or ID contains this text (the C(FullTextSearch) filter).
    type: str
  statuses:
    description:
      - Only the provisioned products in one of these states, V(Available), V(UnderChange) or V(Error).
        An empty list keeps every state. Any other value is an error naming the allowed ones.
      - Instances left out here are never read further (no C(GetTask)).
    type: list
    elements: str
    default: [Available]
  product_ids:
    description: Only the provisioned products of these products (C(ProductId)). Empty, every product.
    type: list
    elements: str
    default: []
  portfolio_ids:
    description: Only the provisioned products launched from these portfolios (C(PortfolioId)). Empty, every portfolio.
    type: list
    elements: str
    default: []
  hostnames:
    description:
      - How hosts are named. Each entry is either a Jinja2 expression such as a variable name (V(provisioned_product_id),
        V(outputs.PublicIp), V(outputs['Mixed.Key'])) or a template (V({{ product_name }}-{{ provisioned_product_id }})),
        evaluated with the host's variables (without O(hostvars_prefix)).
      - The first entry that gives a non-empty text names the host; an undefined variable (an output the instance does not
        have) counts as empty, any other failure is an error with O(strict). An instance for which no entry gives a name is
        left out, with a warning (an error with O(strict)).
      - When two instances get the same name, the first keeps it and the others are left out with a warning (an error with O(strict)).
    type: list
    elements: str
    default: [provisioned_product_name]
  host_output:
    description:
      - The name of a template output (as the template defines it, for example V(PublicIp)) whose value becomes
        C(ansible_host). Instances without that output get no C(ansible_host); when no instance has it, a warning
        names the outputs they have (names are case-sensitive).
    type: str
  hosts_from_output:
    description:
      - The name of a template output that holds a list of addresses, as JSON text (V(["10.0.0.1", "10.0.0.2"])) or
        comma-separated (V(10.0.0.1,10.0.0.2)). An instance that has it becomes one host per element, named
        C(<hostname>-<n>) (n from 1), with the element as C(ansible_host), C(host_index) set to n and all the
        instance's variables. O(host_output) is not used for them.
      - Instances without that output (or with an empty list) are one host as usual.
    type: str
  hostvars_prefix:
    description:
      - A prefix for the names of the host variables this plugin sets (the instance's fields, C(outputs),
        C(parameters) and C(host_index)), for example V(sc_). C(ansible_host) is never prefixed.
      - O(hostnames), O(compose), O(groups) and O(keyed_groups) see the variables both with and without it.
    type: str
    default: ''
  keyed_groups:
    description:
      - Add hosts to groups based on the values of a variable (see the C(constructed) plugin).
      - The default makes one group per product, C(product_<product name>). Group names are made of letters, digits and
        underscores (other characters become underscores).
      - Other useful keys are V(portfolio_id), V(status), V(owner_principal_id) and V(product_version_name).
    type: list
    elements: dict
    default: [{key: product_name, prefix: product}]
extends_documentation_fragment:
  - alicloud.servicecatalog.common.plugins
  - alicloud.servicecatalog.common
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
notes:
  - With O(cache) V(true) and a persistent cache plugin (for example C(ansible.builtin.jsonfile) with O(cache_connection)),
    a run within O(cache_timeout) of the last reads nothing from the API; C(--flush-cache) (of C(ansible-playbook), and of
    C(ansible-inventory) from ansible-core 2.17 on) or the C(refresh_inventory) meta task reads again.
    The cache holds the instances, outputs and parameters (no credentials); it is kept per inventory file and selection.
  - In AWX each inventory sync runs in a fresh container, so a cache there (C(ansible.builtin.jsonfile) under C(~))
    does not outlive the sync; use the inventory source's C(Update on launch) with a C(Cache timeout) instead
    (the user guide has more).
  - Host variables are the instance's fields in snake_case (C(provisioned_product_id), C(product_name), C(status),
    C(portfolio_id), C(owner_principal_id)...), C(outputs) and C(parameters) (dicts keyed as the template defines them),
    none of them ever templated (from ansible-core 2.19 on no API data is; before, the strings that hold a C({) are marked
    unsafe). C(ansible-inventory --list --export), which AWX runs to import an inventory, shows plain values as plain
    strings and, before ansible-core 2.19, only those marked ones as C(__ansible_unsafe) mappings.
seealso:
  - module: alicloud.servicecatalog.provisioned_product_info
  - plugin: alicloud.servicecatalog.task_outputs
    plugin_type: lookup
'''

EXAMPLES = r'''
---
# One inventory source per file, named *.servicecatalog.yml. This one: the Available, UnderChange and
# Error instances of the account, grouped by product, portfolio, status and owner, ansible_host from
# each instance's PublicIp output, cached for an hour. Credentials and region may come from the
# environment instead (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_REGION_ID...), as in
# inventories/demo.servicecatalog.yml.
plugin: alicloud.servicecatalog.provisioned_products
alicloud_region: cn-hangzhou
access_level_filter: Account
statuses: [Available, UnderChange, Error]
host_output: PublicIp
# Named by the InstanceName output, else product name and instance ID
hostnames:
  - outputs.InstanceName
  - "{{ product_name | lower | replace(' ', '-') }}-{{ provisioned_product_id }}"
keyed_groups:
  - key: product_name
    prefix: product
  - key: portfolio_id
    prefix: portfolio
  - key: status
    prefix: status
  - key: owner_principal_id
    prefix: owner
groups:
  production: "'prod' in provisioned_product_name"
compose:
  ansible_user: parameters.LoginUser | default('root')
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-servicecatalog
cache_timeout: 3600

# Other sources, each in a file of its own (shown commented: one YAML document per example).
#
# A cluster product whose NodeIps output lists its nodes: one host per node, web-cluster-1, web-cluster-2...
#   plugin: alicloud.servicecatalog.provisioned_products
#   names: [web-cluster]
#   hosts_from_output: NodeIps
#   hostvars_prefix: sc_
#
# Only the instances of two products
#   plugin: alicloud.servicecatalog.provisioned_products
#   product_ids: [prod-bp18r7q127a001, prod-bp1rtrnh2ca002]
'''

import hashlib
import json
import re

from ansible.errors import AnsibleParserError, AnsibleUndefinedVariable
from ansible.inventory.group import to_safe_group_name
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.display import Display

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import (
    COMMON_ARGUMENT_SPEC, MAX_NAME_LENGTH, check_text, filter_params, snake_case,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.documents import json_text
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.instances import each, outputs_of
from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils.options import not_boolean, plugin_client, unknown_options
from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils.unsafe import unsafe_templates

display = Display()

STATUSES = ('Available', 'UnderChange', 'Error')
ACCESS_LEVELS = ('User', 'Account')
# Options that change what is read from the API: with the file's path they make the cache key.
QUERY_OPTIONS = ('access_level_filter', 'names', 'full_text_search', 'statuses', 'product_ids', 'portfolio_ids',
                 'endpoint', 'alicloud_region', 'profile', 'alicloud_assume_role_arn')
CACHE_FORMAT = 1


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'alicloud.servicecatalog.provisioned_products'
    INVENTORY_FILE_SUFFIXES = ('servicecatalog.yml', 'servicecatalog.yaml')

    # Group names: letters, digits and underscores, whatever TRANSFORM_INVALID_GROUP_CHARS says (product
    # names have spaces and dashes), without a warning for each.
    @staticmethod
    def _sanitize_group_name(name):
        return to_safe_group_name(name, replacer='_', force=True, silent=True)

    def _compose(self, template, variables, *args, **kwargs):
        """Constructable's, with a fast path for a plain variable name or dotted path (``product_name``,
        ``outputs.PublicIp``): compiling the same expression for each of 10,000 hosts costs seconds."""
        value = _plain_lookup(template, variables, self._extra_names())
        if value is not _NOT_PLAIN:
            return value
        return super(InventoryModule, self)._compose(template, variables, *args, **kwargs)

    def _extra_names(self):
        """Names extra vars may override in templates (use_extra_vars); the fast path leaves them alone."""
        try:
            use_extra = self.get_option('use_extra_vars')
        except KeyError:
            use_extra = False
        return set(getattr(self, '_vars', None) or {}) if use_extra else set()

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(self.INVENTORY_FILE_SUFFIXES)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path)
        config = self._read_config_data(path)
        unknown = unknown_options(self, config)
        if unknown:
            raise AnsibleParserError('provisioned_products: unknown option%s %s in %s; valid options: %s' % (
                's' if len(unknown) > 1 else '', ', '.join(unknown), path, ', '.join(sorted(self._options))))
        wrong = not_boolean(config)
        if wrong:
            raise AnsibleParserError('provisioned_products: %s in %s' % (wrong, path))
        try:
            selection = self._selection()
            self._check_host_options()
            records = self._records(path, selection, cache)
            self._populate(records)
        except (ConfigError, ServiceCatalogError) as err:
            raise AnsibleParserError('provisioned_products: %s' % to_text(err))

    # -- options ----------------------------------------------------------------------------

    def _selection(self):
        """The selection options, checked: one line naming the option when one is wrong."""
        access = self.get_option('access_level_filter')
        if access is not None and access not in ACCESS_LEVELS:
            raise ConfigError('access_level_filter: must be one of %s, got %s' % (', '.join(ACCESS_LEVELS), access))
        selection = {'access_level_filter': access, 'full_text_search': _text_option('full_text_search', self.get_option('full_text_search'))}
        for name in ('names', 'product_ids', 'portfolio_ids', 'statuses'):
            selection[name] = _text_list(name, self.get_option(name))
        for text in selection['names'] + [selection['full_text_search'] or '']:  # sent to the API: no longer than a name can be
            check_text('names' if text in selection['names'] else 'full_text_search', text, MAX_NAME_LENGTH)
        wrong = [status for status in selection['statuses'] if status not in STATUSES]
        if wrong:
            raise ConfigError('statuses: each must be one of %s, got %s' % (', '.join(STATUSES), ', '.join(wrong)))
        return selection

    def _check_host_options(self):
        hostnames = self.get_option('hostnames')
        if not hostnames or not all(isinstance(entry, str) and entry.strip() for entry in hostnames):
            raise ConfigError('hostnames: must be a list of non-empty expressions or templates, got %s' % (hostnames,))
        for name in ('host_output', 'hosts_from_output'):
            _text_option(name, self.get_option(name))
        prefix = self.get_option('hostvars_prefix') or ''
        if not isinstance(prefix, str) or (prefix and not (prefix[0].isalpha() or prefix[0] == '_')):
            raise ConfigError('hostvars_prefix: must start with a letter or an underscore, got %r' % (prefix,))
        if not _VARIABLE_PREFIX.match(prefix):
            raise ConfigError('hostvars_prefix: must hold only letters, digits and underscores (it starts variable names), got %r' % (prefix,))
        for index, entry in enumerate(self.get_option('keyed_groups') or []):
            if not isinstance(entry, dict) or not isinstance(entry.get('key'), str) or not entry['key'].strip():
                raise ConfigError('keyed_groups: entry %d needs key, the variable or expression whose values name the groups, '
                                  'got %r' % (index + 1, entry))

    # -- reading, through the cache ------------------------------------------------------------

    def _cache_key(self, path, selection):
        """The Cacheable key of the file, plus a digest of what changes the answer (never a secret)."""
        query = dict(selection)
        query.update((name, self.get_option(name)) for name in QUERY_OPTIONS if name in COMMON_ARGUMENT_SPEC)
        digest = hashlib.sha256(json.dumps(query, sort_keys=True, default=str).encode('utf-8')).hexdigest()[:16]
        return '%s_%s' % (self.get_cache_key(path), digest)

    def _records(self, path, selection, cache):
        """The selected instances with their outputs: from the cache when it is on and fresh (``cache``
        is false with --flush-cache or refresh_inventory), else from the API, then stored."""
        use_cache = bool(self.get_option('cache'))
        key = self._cache_key(path, selection) if use_cache else None
        if use_cache and cache:
            try:
                cached = self._cache[key]
            except KeyError:
                cached = None
            if isinstance(cached, dict) and cached.get('format') == CACHE_FORMAT and isinstance(cached.get('records'), list):
                display.vvv('alicloud.servicecatalog: provisioned_products: %d instance(s) from the inventory cache' % len(cached['records']))
                for record in cached['records']:
                    if record.get('warning'):
                        display.warning('provisioned_products: %s' % record['warning'])
                return cached['records']
        records = self._read(selection)
        if use_cache:
            self._cache[key] = {'format': CACHE_FORMAT, 'records': records}
        return records

    def _read(self, selection):
        with plugin_client(self, self.templar) as client:
            products = self._list(client, selection)
            results = outputs_of(client, products)
        records = []
        for product, (outputs, parameters, warning) in zip(products, results):
            if warning:
                display.warning('provisioned_products: %s' % warning)
            records.append({'product': product, 'outputs': outputs, 'parameters': parameters, 'warning': warning})
        return records

    def _list(self, client, selection):
        """Every instance the selection keeps, each once, in the API's order."""
        base = {'AccessLevelFilter': selection['access_level_filter']}

        def listing(name):
            params = dict(base)
            params.update(filter_params([('ProvisionedProductName', name), ('FullTextSearch', selection['full_text_search'])]))
            return client.list('ListProvisionedProducts', params)

        results = each(client, listing, selection['names'] or [None])
        keep = _keeper(selection)
        products, seen = [], set()
        for result in results:
            for warning in result.warnings:
                display.warning('provisioned_products: %s' % warning)
            for product in result.items:
                key = product.get('ProvisionedProductId')
                if key in seen or not keep(product):
                    continue
                seen.add(key)
                products.append(product)
        display.vvv('alicloud.servicecatalog: provisioned_products: %d instance(s) selected' % len(products))
        return products

    # -- hosts --------------------------------------------------------------------------------

    def _populate(self, records):
        strict = self.get_option('strict')
        prefix = self.get_option('hostvars_prefix') or ''
        host_output = self.get_option('host_output')
        list_output = self.get_option('hosts_from_output')
        taken = {}
        seen = set()  # every output name, for the warning when an output option names none of them
        for record in records:
            product = record.get('product') or {}
            fields = snake_case(product)
            plain = dict(fields, outputs=record.get('outputs') or {}, parameters=record.get('parameters') or {})
            seen.update(plain['outputs'])
            what = 'provisioned product %s' % (product.get('ProvisionedProductId') or product.get('ProvisionedProductName'))
            hostname = self._hostname(plain, what, strict)
            if hostname is None:
                continue
            addresses = _addresses(plain['outputs'].get(list_output), list_output, what, strict) if list_output else None
            if addresses:
                hosts = [('%s-%d' % (hostname, index), address, index) for index, address in enumerate(addresses, 1)]
            else:
                address = plain['outputs'].get(host_output) if host_output else None
                hosts = [(hostname, address, None)]
            for name, address, index in hosts:
                if name in taken:
                    message = 'provisioned_products: %s would be host %s, which %s already is; left out' % (what, name, taken[name])
                    if strict:
                        raise AnsibleParserError(message)
                    display.warning(message)
                    continue
                taken[name] = what
                self._add(name, plain, prefix, address, index, strict)
        for option, output in (('host_output', host_output), ('hosts_from_output', list_output)):
            if output and seen and output not in seen:
                display.warning('provisioned_products: %s: no instance has an output named %s; the outputs are %s' % (
                    option, output, ', '.join(sorted(seen))))

    def _add(self, name, plain, prefix, address, index, strict):
        values = unsafe_templates(dict(plain) if index is None else dict(plain, host_index=index))
        self.inventory.add_host(name)
        for key, value in values.items():
            self.inventory.set_variable(name, prefix + key, value)
        if address not in (None, ''):
            self.inventory.set_variable(name, 'ansible_host', unsafe_templates(to_text(address).strip()))
        # compose, groups and keyed_groups see the variables with and without the prefix
        variables = dict(values)
        variables.update(self.inventory.get_host(name).get_vars())
        self._set_composite_vars(self.get_option('compose'), variables, name, strict=strict)
        self._add_host_to_composed_groups(self.get_option('groups'), variables, name, strict=strict)
        self._add_host_to_keyed_groups(self.get_option('keyed_groups'), variables, name, strict=strict)

    def _hostname(self, plain, what, strict):
        """The first non-empty name the ``hostnames`` entries give; None (a warning) when none does."""
        variables = unsafe_templates(plain)
        for entry in self.get_option('hostnames'):
            try:
                if '{{' in entry or '{%' in entry:
                    self.templar.available_variables = variables
                    value = self.templar.template(entry)
                else:
                    value = self._compose(entry, variables)
            except AnsibleUndefinedVariable:
                continue  # e.g. an output this instance does not have: the next entry
            except Exception as err:  # pylint: disable=broad-except
                if strict:
                    raise AnsibleParserError('hostnames: %r failed for %s: %s' % (entry, what, to_text(err).splitlines()[0]))
                continue
            if value is not None and not isinstance(value, (dict, list)) and to_text(value).strip():
                return to_text(value).strip()
        message = 'hostnames: no entry gives a name for %s; left out' % what
        if strict:
            raise AnsibleParserError(message)
        display.warning('provisioned_products: %s' % message)
        return None


_VARIABLE_PREFIX = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)?$')
_NOT_PLAIN = object()
_PLAIN = re.compile(r'^\s*[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\s*$')


def _plain_lookup(template, variables, overridden):
    """The value of ``template`` when it is a plain dotted name found in ``variables`` (dicts all the
    way, no name a dict method would shadow, none overridden by extra vars); else _NOT_PLAIN."""
    if not isinstance(template, str) or not _PLAIN.match(template):
        return _NOT_PLAIN
    parts = template.strip().split('.')
    if parts[0] in overridden:
        return _NOT_PLAIN
    value = variables
    for index, part in enumerate(parts):
        if not isinstance(value, dict) or part not in value or (index and hasattr(dict, part)):
            return _NOT_PLAIN
        value = value[part]
    return value


def _text_option(name, value):
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError('%s: must be a non-empty string, got %r' % (name, value))
    return value.strip()


def _text_list(name, values):
    values = values or []
    if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
        raise ConfigError('%s: must be a list of non-empty strings, got %s' % (name, values))
    return [value.strip() for value in values]


def _keeper(selection):
    """The client-side filters (the API filters only by name and text): statuses, products, portfolios."""
    wanted = (('Status', set(selection['statuses'])), ('ProductId', set(selection['product_ids'])),
              ('PortfolioId', set(selection['portfolio_ids'])))

    def keep(product):
        return all(not values or (isinstance(product.get(field), str) and product.get(field) in values) for field, values in wanted)
    return keep


def _addresses(value, name, what, strict):
    """The elements of a list output: JSON text of a list, or comma-separated text. Elements that are
    not text or numbers are left out with a warning (an error with ``strict``)."""
    if value is None:
        return []
    items = value
    if isinstance(value, str):
        text = value.strip()
        if text.startswith('['):
            try:
                items = json_text(text)
            except ValueError:  # not JSON, or nested deeper than documents.MAX_DEPTH
                items = None
            if not isinstance(items, list):
                return _bad(name, what, 'is not valid JSON text of a list', strict)
        else:
            items = text.split(',')
    if not isinstance(items, list):
        items = [items]
    addresses = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            _bad(name, what, 'has an element that is not text (%s)' % type(item).__name__, strict)
            continue
        if to_text(item).strip():
            addresses.append(to_text(item).strip())
    return addresses


def _bad(name, what, problem, strict):
    message = 'hosts_from_output: output %s of %s %s' % (name, what, problem)
    if strict:
        raise AnsibleParserError(message)
    display.warning('provisioned_products: %s; left out' % message)
    return []
