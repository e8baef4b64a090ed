# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A thin base for this collection's lookup plugins.

It reads the common options (declared with env: and vars: in doc_fragments/common.py PLUGINS)
through plugin_utils/options.py, which builds the one client with the same adapter the modules use
(the inventory plugin reads them there too), shows retries at -vvv, applies
the on_missing / on_denied policies (``guard``) and turns ConfigError / ServiceCatalogError into
AnsibleLookupError with a one-line message.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import MAX_ID_LENGTH
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, CredentialError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.plugin_utils.options import not_boolean, plugin_client, templated, unknown_options

display = Display()


class Missing(Exception):
    """What a lookup was asked for is not there, though no API call answered "not found"
    (e.g. no provisioned product has the name, or it has no successful task yet)."""


class ServiceCatalogLookupBase(LookupBase):
    """Subclasses set ``NAME`` (the lookup's short name, which starts its messages) and declare the
    on_missing / on_denied options when they use ``guard``."""

    NAME = 'lookup'

    def set_options(self, task_keys=None, var_options=None, direct=None):
        """Ansible's own, then refuse keyword options the lookup does not have (a misspelled
        ``on_mising=`` or ``endpiont=`` would otherwise be ignored without a word)."""
        super(ServiceCatalogLookupBase, self).set_options(task_keys=task_keys, var_options=var_options, direct=direct)
        unknown = unknown_options(self, direct)
        if unknown:
            raise AnsibleLookupError('%s: unknown option%s %s; valid options: %s' % (
                self.NAME, 's' if len(unknown) > 1 else '', ', '.join(unknown), ', '.join(sorted(self._options))))
        wrong = not_boolean(direct)
        if wrong:
            raise AnsibleLookupError('%s: %s' % (self.NAME, wrong))

    def string_terms(self, terms, what, limit=MAX_ID_LENGTH):
        """The terms as a flat list of stripped, non-empty strings: lists (and lists of lists) are
        flattened, so ``lookup(name, *ids)`` and ``query(name, ids)`` read alike; anything else, a NUL
        character or a term longer than ``limit`` is an AnsibleLookupError naming the term."""
        flat = []
        pending = list(terms or [])
        while pending:
            term = pending.pop(0)
            if isinstance(term, (list, tuple)):
                pending[:0] = list(term)
                continue
            if not isinstance(term, str) or not term.strip():
                raise AnsibleLookupError('%s: each term must be %s (a non-empty string), got %s' % (self.NAME, what, _describe(term)))
            if '\x00' in term or len(term.strip()) > limit:
                raise AnsibleLookupError('%s: each term must be %s of at most %d characters without NUL, got %d characters%s' % (
                    self.NAME, what, limit, len(term.strip()), ' with a NUL' if '\x00' in term else ''))
            flat.append(term.strip())
        return flat

    def option(self, name):
        """An option's value; one taken from a variable (vars: entries) arrives untemplated."""
        return templated(self._templar, self.get_option(name))

    def client(self):
        """The one client (plugin_utils/options.py: values from env: entries are left to the chain)."""
        return plugin_client(self, self._templar)

    def guard(self, fetch, what):
        """``fetch()``, with the on_missing / on_denied options applied to its failures: ``error``
        raises, ``warn`` warns and yields None, ``skip`` yields None. A failure to get credentials
        (CredentialError) is never "missing" or "denied": it always raises."""
        try:
            return fetch()
        except Missing as err:
            return self._apply('on_missing', '%s: %s' % (self.NAME, err))
        except CredentialError:
            raise
        except ServiceCatalogError as err:
            if err.not_found:
                return self._apply('on_missing', '%s: %s does not exist (%s)' % (self.NAME, what, err))
            if err.access_denied:
                return self._apply('on_denied', '%s: access to %s denied (%s)' % (self.NAME, what, err))
            raise

    def _apply(self, option, message):
        policy = self.get_option(option)
        if policy == 'error':
            raise AnsibleLookupError(message)
        if policy == 'warn':
            display.warning(message)
        return None

    @staticmethod
    def lookup_error(err):
        if isinstance(err, (ConfigError, ServiceCatalogError)):
            return AnsibleLookupError(str(err))
        return err


def _describe(value):
    if isinstance(value, str):
        return 'an empty string' if not value.strip() else repr(value)
    kinds = ((bool, 'a boolean'), (dict, 'a dict'), (int, 'a number'), (float, 'a number'))
    kind = next((name for cls, name in kinds if isinstance(value, cls)), type(value).__name__)
    return 'None' if value is None else '%s (%s)' % (kind, str(value)[:40])
