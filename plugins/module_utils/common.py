# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The option adapter shared by every module and lookup plugin.

Modules pass ``module.params``, lookups a dict built from ``get_option``: both reach the same
client through ``client_from_options`` and the same validation helpers, so authentication,
endpoint, TLS and retry behave alike everywhere. ``snake_case`` turns API documents into what the
plugins return.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import math
import re
import time

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.client import MAX_PAGE_SIZE, ServiceCatalogClient
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import (
    DEFAULT_CONCURRENCY, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_RETRIES, Settings,
)
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.chain import resolve_credentials, resolve_region
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, WaitTimeout, quoted

# Options every module takes (documented once in doc_fragments/common.py). Environment variables
# are read by credentials.py / client_from_options, not by env_fallback, so that a key and its
# secret always come from one place and lookups and modules resolve them identically.
COMMON_ARGUMENT_SPEC = dict(
    alicloud_access_key=dict(type='str', aliases=['access_key', 'access_key_id'], no_log=False),
    alicloud_secret_key=dict(type='str', aliases=['secret_key', 'access_key_secret', 'secret_access_key'], no_log=True),
    alicloud_security_token=dict(type='str', aliases=['security_token'], no_log=True),
    alicloud_region=dict(type='str', aliases=['region', 'region_id']),
    profile=dict(type='str', aliases=['alicloud_profile']),
    shared_credentials_file=dict(type='path'),
    alicloud_assume_role_arn=dict(type='str', aliases=['assume_role_arn']),
    alicloud_assume_role_session_name=dict(type='str', aliases=['assume_role_session_name']),
    alicloud_assume_role_session_expiration=dict(type='int', aliases=['assume_role_session_expiration']),
    alicloud_assume_role_policy=dict(type='json', aliases=['assume_role_policy']),
    alicloud_assume_role_external_id=dict(type='str', aliases=['assume_role_external_id'], no_log=False),
    ecs_role_name=dict(type='str', aliases=['role_name']),
    oidc_role_arn=dict(type='str', aliases=['role_arn']),
    oidc_provider_arn=dict(type='str'),
    oidc_token_file=dict(type='path'),
    credentials_uri=dict(type='str', no_log=True),
    sts_endpoint=dict(type='str'),
    ecs_metadata_url=dict(type='str'),
    endpoint=dict(type='str'),
    validate_certs=dict(type='bool', default=True),
    ca_bundle=dict(type='path'),
    retries=dict(type='int', default=DEFAULT_RETRIES),
    concurrency=dict(type='int', default=DEFAULT_CONCURRENCY),
    connect_timeout=dict(type='float', default=DEFAULT_CONNECT_TIMEOUT),
    read_timeout=dict(type='float', default=DEFAULT_READ_TIMEOUT),
)

SORT_ORDERS = {'asc': 'Asc', 'desc': 'Desc'}
SORT_ARGUMENT_SPEC = dict(
    sort_by=dict(type='str', choices=['CreateTime']),
    sort_order=dict(type='str', choices=['asc', 'desc']),
)
WAIT_ARGUMENT_SPEC = dict(
    wait=dict(type='bool', default=False),
    wait_timeout=dict(type='int', default=600),
    wait_interval=dict(type='float', default=5),
)
# The longest ID an option or a lookup term takes. Service Catalog IDs are a prefix and about 15
# characters (task-bp1dmg242c0a01) and the API documents no maximum: 256 is far beyond every one, and
# keeps each request well within what servers and proxies accept (a 100,000-character ID was
# answered by nobody within 90 s).
MAX_ID_LENGTH = 256
# The longest name or search text an option takes: names, tag keys and tag values are 1-128
# characters (shared/api/write-operations.md, from the SDK's models), so a longer text matches nothing.
MAX_NAME_LENGTH = 128
PAGING_ARGUMENT_SPEC = dict(
    page_number=dict(type='int'),
    page_size=dict(type='int'),
)


def client_from_options(options, log=None, environ=None):
    """Build the client from a dict of option values (``None`` for unset): one Settings, shared by
    the client and the credential providers."""
    policy = options.get('alicloud_assume_role_policy')
    if isinstance(policy, (dict, list)):  # a lookup's raw option given as YAML
        options = dict(options, alicloud_assume_role_policy=json.dumps(policy))
    settings = Settings(options, environ, log=log)
    credentials = resolve_credentials(options, settings=settings)
    # With an explicit endpoint the region is not used: don't let a profile file fail the call.
    region = None if settings.endpoint else resolve_region(options, settings.environ)
    return ServiceCatalogClient(credentials, settings=settings, region=region)


def some(texts, shown=10):
    """At most ``shown`` of ``texts``, comma-separated, then how many more there are (a message stays short)."""
    texts = list(texts)
    more = len(texts) - shown
    return ', '.join(texts[:shown]) + (' and %d more' % more if more > 0 else '')


def require_text(options, name):
    """Reject an empty or blank string given for ``name``; return the stripped value or None."""
    value = options.get(name)
    if value is None:
        return None
    if not str(value).strip():
        raise ConfigError('%s: must not be empty' % name)
    return str(value).strip()


def check_text(name, value, limit):
    """``value`` (text) unless it holds a NUL character or is longer than ``limit`` characters:
    then ConfigError naming ``name`` and the maximum."""
    if '\x00' in value:
        raise ConfigError('%s: must not hold a NUL character' % name)
    if len(value) > limit:
        raise ConfigError('%s: at most %d characters, got %d' % (name, limit, len(value)))
    return value


def text_option(params, name, label=None):
    """``params[name]``: None, or text of 1-``MAX_NAME_LENGTH`` characters, the bound of the API's names and
    descriptions (blank is refused except for a description; ConfigError naming ``label`` or ``name``)."""
    value = params.get(name)
    if value is None:
        return None
    label = label or name
    if name != 'description' and not str(value).strip():
        raise ConfigError('%s: must not be empty' % label)
    return check_text(label, str(value), MAX_NAME_LENGTH)


def paging(options):
    """Validate page_number / page_size; return ``(page_number, page_size)``."""
    number, size = options.get('page_number'), options.get('page_size')
    if size is not None and not 1 <= size <= MAX_PAGE_SIZE:
        raise ConfigError('page_size: must be between 1 and %d, got %s' % (MAX_PAGE_SIZE, size))
    if number is not None and number < 1:
        raise ConfigError('page_number: must be 1 or greater, got %s' % number)
    return number, size


def sort_params(options):
    """SortBy / SortOrder API parameters from the sort_by / sort_order options."""
    order = options.get('sort_order')
    params = {'SortBy': options.get('sort_by')}
    if order is not None:
        if order not in SORT_ORDERS:
            raise ConfigError('sort_order: must be one of asc, desc, got %s' % order)
        params['SortOrder'] = SORT_ORDERS[order]
        params['SortBy'] = params['SortBy'] or 'CreateTime'
    return params


def filter_params(filters):
    """Flatten ``[(Key, value-or-list), ...]`` into ``Filters.N.Key`` / ``Filters.N.Value``.

    Several values for one key travel as one filter whose value is comma-separated.
    """
    params = {}
    index = 0
    for key, value in filters:
        if value is None or (isinstance(value, (list, tuple, str)) and len(value) == 0):
            continue
        if isinstance(value, (list, tuple)):
            value = ','.join(str(v) for v in value)
        index += 1
        params['Filters.%d.Key' % index] = key
        params['Filters.%d.Value' % index] = value
    return params


_FIRST_CAP = re.compile(r'(.)([A-Z][a-z]+)')
_ALL_CAP = re.compile(r'([a-z0-9])([A-Z])')
_TAG_LISTS = ('Tags', 'TaskTags')


_SNAKE = {}  # PascalCase key -> snake_case key: the API has a few dozen keys, converted once each


def camel_to_snake(name):
    snake = _SNAKE.get(name)
    if snake is None:
        snake = _SNAKE[name] = _ALL_CAP.sub(r'\1_\2', _FIRST_CAP.sub(r'\1_\2', name)).lower()
    return snake


def tags_to_dict(tags):
    return dict((t.get('Key'), t.get('Value')) for t in tags or [] if isinstance(t, dict))


def snake_case(value):
    """Convert an API document to snake_case keys, keeping user-defined names as they are.

    Tag lists become ``{Key: Value}`` dicts; ``Parameters`` and ``Outputs`` stay lists and gain
    ``parameter_values`` / ``output_values`` dicts keyed by the template's own names.
    """
    if isinstance(value, list):
        return [snake_case(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key in _TAG_LISTS and isinstance(item, list):
            out[camel_to_snake(key)] = tags_to_dict(item)
        else:
            out[camel_to_snake(key)] = snake_case(item)
    if isinstance(value.get('Parameters'), list):
        out['parameter_values'] = dict((p.get('ParameterKey'), p.get('ParameterValue')) for p in value['Parameters'] if isinstance(p, dict))
    if isinstance(value.get('Outputs'), list):
        out['output_values'] = outputs_dict(value['Outputs'])
    return out


def outputs_dict(outputs):
    """``[{OutputKey, OutputValue}, ...]`` as ``{OutputKey: OutputValue}``, keys exactly as defined
    (a key given twice keeps its last value: see ``repeated_keys``)."""
    return dict((o.get('OutputKey'), o.get('OutputValue')) for o in outputs or [] if isinstance(o, dict))


def repeated_keys(entries, key='OutputKey'):
    """The values of ``key`` that appear more than once among ``entries``, sorted."""
    seen, repeated = set(), set()
    for entry in entries or []:
        value = entry.get(key) if isinstance(entry, dict) else None
        (repeated if value in seen else seen).add(value)
    return sorted(str(value) for value in repeated)


def _finite(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def wait_settings(options):
    """``(wait_timeout, wait_interval)`` from options, checked: ConfigError naming the option otherwise."""
    timeout = options.get('wait_timeout')
    interval = options.get('wait_interval')
    # NaN compares false with everything and infinity never ends a wait: both are refused by name.
    if not _finite(timeout) or timeout < 0:
        raise ConfigError('wait_timeout: must be 0 or more seconds (a finite number), got %s' % timeout)
    if not _finite(interval) or interval <= 0:
        raise ConfigError('wait_interval: must be a positive number of seconds (a finite number), got %s' % interval)
    return timeout, interval


def _one_by_one(function, values):
    return [function(value) for value in values]


def poll(fetch, keys, pending, timeout, interval, each=None, clock=time.monotonic, sleep=time.sleep):
    """The one polling loop of every ``wait``: ``fetch(key)`` for every one of ``keys`` until none is
    ``pending(document)`` or ``timeout`` seconds have passed, ``interval`` seconds apart; each round
    reads only the keys still pending, through ``each(function, keys)`` (default: one after the
    other; instances.each reads them concurrently). Returns ``(documents in order, keys still pending)``."""
    each = each or _one_by_one
    deadline = clock() + timeout
    current = dict(zip(keys, each(fetch, keys)))
    while True:
        waiting = [key for key in keys if pending(current[key])]
        remaining = deadline - clock()
        if not waiting or remaining <= 0:
            return [current[key] for key in keys], waiting
        sleep(min(interval, remaining))
        current.update(zip(waiting, each(fetch, waiting)))


def wait_for(fetch, pending, options, what, clock=time.monotonic, sleep=time.sleep):
    """Call ``fetch()`` until ``pending(result)`` is false; ``wait_timeout`` / ``wait_interval`` from options.

    Raises WaitTimeout (with the last result) when the time runs out first.
    """
    timeout, interval = wait_settings(options)
    (item,), waiting = poll(lambda _key: fetch(), [None], pending, timeout, interval, clock=clock, sleep=sleep)
    if waiting:
        raise WaitTimeout('wait_timeout: %s still %s after %s seconds' % (what, quoted(item.get('Status'), limit=60), timeout), item)
    return item
