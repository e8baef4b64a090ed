# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The connection options of this collection's plugins (lookups and the inventory plugin).

Both declare them with the PLUGINS doc fragment (env: and vars: entries) and read them here, so
that a lookup and an inventory source given the same options and environment reach the same
client through ``client_from_options``, the adapter the modules use.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible import constants as C
from ansible.utils.display import Display

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import COMMON_ARGUMENT_SPEC, client_from_options

display = Display()

# PLUGINS options whose env: variable only the plugin documentation reads (the chain and Settings
# do not look at it themselves).
OWN_ENV_OPTIONS = ('concurrency',)


def unknown_options(plugin, given):
    """The names in ``given`` (a lookup's keywords, an inventory source's keys) that are neither an
    option of ``plugin`` (set_options done) nor one of its documented aliases (``region`` for
    alicloud_region...: Ansible resolves those itself), sorted."""
    known = set(plugin._options)
    name = getattr(plugin, '_load_name', None)  # set by the plugin loader
    definitions = (C.config.get_configuration_definitions(plugin.plugin_type, name) if name else None) or {}
    for name, definition in definitions.items():
        known.add(name)
        known.update((definition or {}).get('aliases') or ())
    return sorted(set(given or ()) - known)


def not_boolean(given):
    """``'<option>: must be true or false, got <value>'`` for the first value in ``given`` (a lookup's
    keywords, an inventory source's keys) of a boolean connection option (or an alias) that is not a
    boolean; else None. ansible-core takes any text it does not know for false: ``validate_certs=maybe``
    would turn certificate checks off without a word."""
    from ansible.module_utils.parsing.convert_bool import BOOLEANS

    for option, spec in sorted(COMMON_ARGUMENT_SPEC.items()):
        if spec.get('type') != 'bool':
            continue
        for key in [option] + list(spec.get('aliases') or ()):
            value = (given or {}).get(key)
            if value is not None and (isinstance(value, (dict, list)) or (value.lower() if isinstance(value, str) else value) not in BOOLEANS):
                return '%s: must be true or false, got %s' % (key, str(value)[:40])
    return None


def templated(templar, value):
    """``value`` templated when it is a string holding a template (an option taken from a variable
    arrives untemplated; an inventory source may write ``"{{ lookup('env', 'X') }}"``)."""
    if isinstance(value, str) and templar is not None and templar.is_template(value):
        return templar.template(value)
    return value


def from_env(plugin, name, value):
    """True when the plugin's option ``name`` has ``value`` because an environment variable gave it."""
    if value is None:
        return False
    try:
        current, origin = plugin.get_option_and_origin(name)
    except (KeyError, AttributeError):
        return False
    return str(origin).startswith('env:') and current == value


def connection_options(plugin, templar=None):
    """The COMMON_ARGUMENT_SPEC options of ``plugin`` (an AnsiblePlugin whose options are set) as
    the dict ``client_from_options`` takes.

    Values that came from environment variables (the env: entries) are left to the credential chain
    and ``client_from_options`` to read from the environment themselves, as they do for modules: same
    precedence and same rules (first variable of a family wins, a key never paired with another
    family's secret or token), and -vvv names the variable (env:ALIBABA_CLOUD_ACCESS_KEY_ID).
    Options no module reads from the environment (concurrency) keep the value their env: entry gave.
    """
    options = dict((name, templated(templar, plugin.get_option(name))) for name in COMMON_ARGUMENT_SPEC)
    for name in options:
        if name not in OWN_ENV_OPTIONS and from_env(plugin, name, options[name]):
            options[name] = None
    return options


def plugin_client(plugin, templar=None):
    """The one client, from ``plugin``'s connection options; retries and credential sources at -vvv."""
    return client_from_options(connection_options(plugin, templar),
                               log=lambda message: display.vvv('alicloud.servicecatalog: %s' % message))
