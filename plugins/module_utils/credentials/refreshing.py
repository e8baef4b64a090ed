# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The provider of temporary credentials, shared by every source that fetches them.

Temporary credentials (assume role, OIDC role, ECS role, credentials URI, and the profiles of
those kinds) are fetched on the first ``get()`` and fetched again by ``get()`` when less than
min(180 s, 20 % of their lifetime) remains, once for all threads. ``refresh(stale)`` forces a new
fetch (for an API answer such as InvalidSecurityToken.Expired); given the Credentials the failed
call used, it fetches only if no other thread has done so meanwhile. Every fetch is logged with
the new key ID and expiration, never a secret.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time
from collections import namedtuple

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.base import Credentials, one_line
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.credentials.document import format_expiration
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError

# refresh when less than min(REFRESH_MARGIN_CAP, REFRESH_MARGIN_SHARE * lifetime) remains
REFRESH_MARGIN_CAP = 180.0
REFRESH_MARGIN_SHARE = 0.2
# after a failed background refresh (old credentials still valid), wait this long before trying again
RETRY_AFTER_FAILURE = 10.0
# credentials that arrive already expired by the local clock (clock skew) are kept this long
MIN_REUSE = 30.0


_State = namedtuple('_State', ['credentials', 'expiration', 'refresh_at'])


class RefreshingCredentialsProvider:
    """Temporary credentials from ``fetch()``, cached until shortly before they expire.

    ``fetch()`` returns ``(access_key_id, access_key_secret, security_token, expiration)``,
    the expiration in seconds since the epoch. ``get()`` fetches on first use and whenever less
    than min(180 s, 20 % of the lifetime at issue) remains; one thread fetches while the others wait
    for its result. When a fetch made ahead of time fails while the cached credentials are still
    valid, those are kept (and the fetch is tried again 10 s later). ``clock`` is ``time.time``
    unless a test gives another.
    """

    refreshable = True

    def __init__(self, source, fetch, clock=None, log=None, closers=()):
        self._source = source
        self._fetch = fetch
        self._clock = clock or time.time
        self._log = log
        self._closers = closers
        self._lock = threading.Lock()
        self._state = None
        self._retry_at = 0.0
        self.fetches = 0

    @property
    def source(self):
        return self._source

    @property
    def expiration(self):
        """Seconds since the epoch when the cached credentials expire (None before the first fetch)."""
        state = self._state
        return state.expiration if state is not None else None

    def get(self):
        state = self._state
        if state is not None and not self._due(state, self._clock()):
            return state.credentials
        with self._lock:
            state = self._state
            now = self._clock()
            if state is not None and not self._due(state, now):
                return state.credentials  # another thread refreshed while this one waited
            try:
                return self._renew()
            except (ServiceCatalogError, ConfigError) as exc:
                if state is None or now >= state.expiration:
                    raise
                self._retry_at = now + RETRY_AFTER_FAILURE
                self._say('credentials: refreshing %s failed (%s); the current credentials stay in use until %s' % (
                    self._source, one_line(exc), format_expiration(state.expiration)))
                return state.credentials

    def refresh(self, stale=None):
        """Fetch new credentials now and return them.

        ``stale``: the Credentials a failed call used. When given and the cached credentials are
        no longer those (another thread has refreshed them meanwhile), nothing is fetched.
        """
        with self._lock:
            state = self._state
            if stale is not None and state is not None and state.credentials is not stale:
                return state.credentials
            return self._renew()

    def close(self):
        for close in self._closers:
            close()

    def _due(self, state, now):
        return now >= state.refresh_at and (now >= self._retry_at or now >= state.expiration)

    def _renew(self):
        first = self._state is None
        key_id, secret, token, expiration = self._fetch()
        now = self._clock()
        lifetime = expiration - now
        if lifetime > 0:
            refresh_at = expiration - min(REFRESH_MARGIN_CAP, REFRESH_MARGIN_SHARE * lifetime)
        else:
            refresh_at = now + MIN_REUSE
            self._say('credentials: %s: the new credentials expire at %s, which the local clock says is past; '
                      'check the clock' % (self._source, format_expiration(expiration)))
        credentials = Credentials(key_id, secret, token, self._source)
        self._state = _State(credentials, expiration, refresh_at)
        self._retry_at = 0.0
        self.fetches += 1
        self._say('credentials: %s: %s temporary access key %s, expires %s (in %d s)' % (
            self._source, 'fetched' if first else 'refreshed', key_id, format_expiration(expiration), int(lifetime)))
        return credentials

    def _say(self, message):
        if self._log is not None:
            self._log(message)

    def __repr__(self):
        return 'RefreshingCredentialsProvider(source=%r, expiration=%r)' % (self._source, self.expiration)
