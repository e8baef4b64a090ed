# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The two exception types of the collection.

``ConfigError``: something the user can fix in their options (one line, names the option).
``ServiceCatalogError``: a call that failed, from the API (HTTP status, Code, Message, RequestId)
or on the way to it (connection refused, TLS, time-outs: status None, a descriptive Code).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ConfigError(Exception):
    """Bad or missing input; the message is one line naming the option and what is allowed."""


class ServiceCatalogError(Exception):
    """A failed API call, with everything the API said about it."""

    def __init__(self, action, status, code, message, request_id=None, host_id=None, recommend=None,
                 access_denied_detail=None, retryable=False, retry_after=None):
        self.action = action
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.host_id = host_id
        self.recommend = recommend
        self.access_denied_detail = access_denied_detail
        self.retryable = retryable
        self.retry_after = retry_after
        self.attempts = 1
        super(ServiceCatalogError, self).__init__(self.__str__())

    @property
    def not_found(self):
        code = self.code or ''
        if code.startswith(('InvalidAccessKeyId', 'InvalidAction')):
            return False
        return self.status == 404 or code.startswith('EntityNotExist') or code.endswith('.NotFound')

    @property
    def access_denied(self):
        code = self.code or ''
        return self.status == 403 or code.startswith(('Forbidden', 'NoPermission'))

    def short(self):
        status = 'HTTP %s ' % self.status if self.status else ''
        return '%s%s' % (status, self.code)

    def __str__(self):
        parts = ['%s failed: %s: %s' % (self.action, self.short(), self.message or '(no message)')]
        if self.request_id:
            parts.append('RequestId: %s' % self.request_id)
        if self.recommend:
            parts.append('Recommend: %s' % self.recommend)
        if self.access_denied_detail:
            parts.append('AccessDeniedDetail: %s' % _flat(self.access_denied_detail))
        if self.attempts > 1:
            parts.append('after %d attempts' % self.attempts)
        # one line, whatever the API put in its Message
        return ' '.join('; '.join(parts).split())

    def to_dict(self):
        """The ``error`` value modules return: snake_case keys, None values left out."""
        data = {
            'action': self.action,
            'http_status': self.status,
            'code': self.code,
            'message': self.message,
            'request_id': self.request_id,
            'host_id': self.host_id,
            'recommend': self.recommend,
            'access_denied_detail': self.access_denied_detail,
            'attempts': self.attempts,
        }
        return dict((k, v) for k, v in data.items() if v is not None)


def _flat(value):
    if isinstance(value, dict):
        return ', '.join('%s=%s' % (k, value[k]) for k in sorted(value))
    return str(value)


class WaitTimeout(Exception):
    """``wait`` ran out of ``wait_timeout`` before the resource settled; ``item`` is its last state."""

    def __init__(self, message, item=None):
        self.item = item
        super(WaitTimeout, self).__init__(message)
