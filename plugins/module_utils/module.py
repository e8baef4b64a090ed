# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""``ServiceCatalogModule``: AnsibleModule with the common options, the client and one error policy.

A module builds it with its own argument spec, then does its work inside ``with module.errors():``;
bad input (ConfigError) and failed calls (ServiceCatalogError) become a one-line ``fail_json``,
the latter with an ``error`` dict (code, message, http_status, request_id, ...). Retries and
listing re-reads are returned as ``api_log`` when the play runs with -vvv or more; ``warnings``
collected on the way are issued at exit.

The ``_info`` modules do not build it themselves: they declare an ``info.InfoModule``, whose
``run()`` builds it, reads, and calls ``exit_json`` once, after the ``errors()`` block.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.errors import ArgumentTypeError, ElementError, NoLogError, UnsupportedError

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import COMMON_ARGUMENT_SPEC, client_from_options
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError, WaitTimeout


class ServiceCatalogModule(AnsibleModule):

    def __init__(self, argument_spec=None, **kwargs):
        spec = dict(COMMON_ARGUMENT_SPEC)
        spec.update(argument_spec or {})
        kwargs.setdefault('supports_check_mode', True)
        super(ServiceCatalogModule, self).__init__(argument_spec=spec, **kwargs)
        self.api_log = []
        self.warnings = []
        self._client = None
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)

    def _log_invocation(self):
        """AnsibleModule logs its arguments to syslog or the journal, which fails on a NUL character with
        a message about logging: refuse such a value first, naming the option (the value is not shown)."""
        for name in sorted(self.params):
            value = self.params[name]
            if any(isinstance(text, str) and '\x00' in text for text in (value if isinstance(value, list) else [value])):
                self.fail_json(msg='%s: must not hold a NUL character' % name)
                return
        super(ServiceCatalogModule, self)._log_invocation()

    @property
    def client(self):
        if self._client is None:
            self._client = client_from_options(self.params, log=self.api_log.append)
        return self._client

    @contextlib.contextmanager
    def errors(self):
        """Turn ConfigError / WaitTimeout / ServiceCatalogError raised inside the block into fail_json.

        fail_json is called after the except clause has ended: ansible-core 2.19 and later attach
        the exception being handled to the result, and these failures are not tracebacks.
        """
        try:
            yield
        except (ConfigError, WaitTimeout, ServiceCatalogError) as err:
            failure = failure_of(err)
        else:
            return
        self.fail_json(**failure)

    def _finish(self, kwargs):
        """Close the client and add warnings and, at -vvv, the API log. AnsibleModule.__init__
        may fail (bad arguments) before our attributes exist, hence the getattr defaults."""
        client = getattr(self, '_client', None)
        if client is not None:
            client.close()
        api_log = getattr(self, 'api_log', None)
        if api_log and self._verbosity >= 3:
            kwargs.setdefault('api_log', list(api_log))
        for warning in getattr(self, 'warnings', None) or []:
            self.warn(warning)
        self.warnings = []
        return kwargs

    def exit_json(self, **kwargs):
        super(ServiceCatalogModule, self).exit_json(**self._finish(kwargs))

    def fail_json(self, msg, **kwargs):
        super(ServiceCatalogModule, self).fail_json(msg=_unsupported_first(self, msg), **self._finish(kwargs))


def failure_of(err):
    """The failure result of ConfigError / WaitTimeout / ServiceCatalogError ``err``: ``msg``, plus ``error`` (code,
    message, http_status, request_id...) for a failed call, or what a wait that ended badly read (errors.WaitFailed's result)."""
    if isinstance(err, ServiceCatalogError):
        return dict(msg=str(err), error=err.to_dict())
    return dict(getattr(err, 'result', None) or {}, msg=str(err))


def _unsupported_first(module, msg):
    """AnsibleModule fails with the first argument error only, and checks required_one_of and the like
    before unknown options: a misspelt ``task_idd=x`` would fail with "one of the following is required:
    task_id, ...". When that failure comes with an unknown option, the unknown option is named first."""
    result = getattr(module, 'validation_result', None)
    errors = list(getattr(result, 'errors', None) or [])
    if not errors or msg != result.errors.msg or isinstance(errors[0], UnsupportedError):
        return msg
    if isinstance(errors[0], NoLogError):
        # a dict option with suboptions given a text that is not a dict fails first with the bare conversion message
        # ("dictionary requested, ..."); the type error right after it names the option. A list of dicts given an
        # element that is not a dict: its element error names the option ("Elements value for option 'instances' ...").
        msg = next((error.msg for error in errors[1:] if isinstance(error, ArgumentTypeError) and error.msg.endswith(errors[0].msg)
                    or isinstance(error, ElementError)), msg)
    unsupported = [error for error in errors if isinstance(error, UnsupportedError)]
    if not unsupported:
        return msg
    return 'Unsupported parameters for (%s) module: %s; and %s' % (module._name, unsupported[0].msg.rstrip('.'), msg)
