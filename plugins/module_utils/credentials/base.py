# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every credential source shares: ``Credentials``, the static provider and ``Source``.

A source is one module of this package with its ``find``; the chain (chain.py) lists the sources in
order, each as a ``Source`` (keys.py and oidc.py declare theirs; chain.py declares those of the
sources it imports only when it gets to them: profile.py, ecs_role.py, uri.py). ``find(settings)`` returns the source's provider when the source is
configured, None when it is not, and raises ConfigError when it is configured but incomplete or
malformed. It fetches nothing: a refreshing provider fetches at its first ``get()``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections import namedtuple


class Credentials(namedtuple('Credentials', ['access_key_id', 'access_key_secret', 'security_token', 'source'])):
    """A key, its secret and optional STS token; the repr never shows the secret or the token."""

    __slots__ = ()

    def __repr__(self):
        return 'Credentials(access_key_id=%r, access_key_secret=%s, security_token=%s, source=%r)' % (
            self.access_key_id, '<hidden>' if self.access_key_secret else None,
            '<hidden>' if self.security_token else None, self.source)


class StaticCredentialsProvider:
    """Long-lived keys, or an STS key with its token, given once; never refreshed."""

    refreshable = False

    def __init__(self, credentials):
        self._credentials = credentials

    def get(self):
        return self._credentials

    def refresh(self, stale=None):  # pylint: disable=unused-argument
        """Nothing to fetch: static credentials stay what they are."""
        return self._credentials

    def close(self):
        pass

    @property
    def source(self):
        return self._credentials.source

    def __repr__(self):
        return 'StaticCredentialsProvider(source=%r)' % self.source


class Source(namedtuple('Source', ['name', 'find', 'wants', 'options', 'check'])):
    """One step of the chain.

    ``name``: what the source is called in messages; ``find(settings)``: the provider, None when the
    source is not configured, ConfigError when it is configured badly; ``wants``: how a user
    configures it, for the message when no source is configured; ``options``: the options that
    name this source (given in the task, they make it the source, ahead of the environment and
    of the chain's order); ``check(settings)`` (optional): validation run before any source is
    chosen, for settings that must not be silently ignored when another source wins.
    """

    __slots__ = ()

    def __new__(cls, name, find, wants, options=(), check=None):
        return super(Source, cls).__new__(cls, name, find, wants, tuple(options), check)


def one_line(exc):
    return ' '.join(str(exc).split())
