# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Resource modules (``state: present / absent``): find -> compare -> write -> wait -> read back.

The API has no idempotency token (shared/api/write-operations.md, "Idempotent clients"), so a
resource module gets idempotency only by looking the object up by its natural key (exact match;
several matches fail, listing them) or its ID, comparing, and writing only what differs. Check mode
and ``--diff`` are built in: ``run()`` never calls ``create`` / ``update`` / ``delete`` in check mode.

A module subclasses ``Resource`` and declares what differs per resource type:

- ``what`` (``'provisioned product'``), ``argument_spec`` (its own options; ``state`` is added unless
  ``has_state = False``),
  ``rules`` (AnsibleModule rules: ``mutually_exclusive``, ``required_one_of``...);
- ``find()``: the current document or None (``by_id`` and ``by_name`` below do the work);
- ``desired(current)``: the wanted state, a dict of comparable values (``current`` None: a create);
- ``view(document)``: the same keys read from a current document (the diff's ``before``);
- ``create(desired)`` / ``update(current, desired, changes)`` / ``delete(current)``: the writes,
  through ``self.write``; each returns the document to read back (None once deleted);
- ``result(document)``: the module's return values besides ``changed``, ``changes`` and ``diff``;
- ``preview(current, desired)`` (optional): more return values for check mode, e.g. a server-side plan.

``changes`` (returned) lists each difference as one line; ``diff`` is ``{before, after}`` of ``view``
and ``desired``.

Writes go through ``write(action, params, recover)``: the client sends them under the ``write``
retry profile (only what cannot have been executed is retried: throttling, a connection never
made). A failure that may have reached the server (a time-out, a 5xx answer, a dropped connection)
is never sent again: ``recover()`` reads the state again and returns the document to continue from,
or None when the write did not take effect (the original error is then raised, and nothing re-sent).
``remove(action, params, gone, refused)`` is a delete through ``write``: not found counts as done, and a refusal
(HTTP 4xx) can say what stands in the way (e.g. the products a portfolio still holds).

``Association`` is a Resource for a link between two objects (portfolio and principal, tag option and resource): its
key is all there is, so it declares only its two writes, ``find()`` (with ``members()``: the whole listing, every page)
and ``desired()``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.plugins.module_utils.common import WAIT_ARGUMENT_SPEC, wait_for
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.errors import ConfigError, ServiceCatalogError
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.module import ServiceCatalogModule
from ansible_collections.alicloud.servicecatalog.plugins.module_utils.transport import not_executed

STATE_SPEC = dict(state=dict(type='str', default='present', choices=['present', 'absent']))
# Resource modules wait by default (WAIT_ARGUMENT_SPEC's default is the _info modules' false).
RESOURCE_WAIT_SPEC = dict(WAIT_ARGUMENT_SPEC, wait=dict(type='bool', default=True))


def may_have_executed(err):
    """True for a failed write that may have reached the server and been executed: a transient failure
    (time-out, 5xx, dropped connection) that is not one of those the write profile retries."""
    return isinstance(err, ServiceCatalogError) and err.retryable and not not_executed(err)


class Resource:
    what = 'resource'
    argument_spec = {}
    rules = {}
    has_state = True  # False: no state option (the resource is always wanted present, e.g. a decision)

    def __init__(self, module, params=None):
        # ``params``: the options of this object when they are not the module's (one of several objects a run manages)
        self.module = module
        self.params = module.params if params is None else params
        self.client = module.client
        self.check_mode = module.check_mode
        self.log = module.api_log.append
        self.warn = module.warnings.append

    # -- the declaration (overridden by each module) -----------------------------------------------

    def find(self):
        raise NotImplementedError

    def desired(self, current):
        raise NotImplementedError

    def view(self, document):
        raise NotImplementedError

    def create(self, desired):
        raise NotImplementedError

    def update(self, current, desired, changes):
        raise NotImplementedError

    def delete(self, current):
        raise NotImplementedError

    def result(self, document):
        return {}

    def preview(self, current, desired):
        return {}

    # -- shared steps ------------------------------------------------------------------------------

    def by_id(self, action, id_param, item_id):
        """The document of ``action`` (a Get) for ``item_id``, or None when the API says not found."""
        try:
            return self.client.get(action, {id_param: item_id})
        except ServiceCatalogError as err:
            if err.not_found:
                return None
            raise

    def by_name(self, action, filter_key, name_field, id_field, name, params=None):
        """The one item of listing ``action`` whose ``name_field`` is exactly ``name`` (the server's name
        filter ignores case; the match here does not), or None. Several: ConfigError listing their IDs.
        ``filter_key`` None: no server-side filter (its keys are undocumented): every page is read and matched here."""
        name_filter = {'Filters.1.Key': filter_key, 'Filters.1.Value': name} if filter_key else {}
        listing = self.client.list(action, dict(params or {}, **name_filter))
        found = [item for item in listing.items if item.get(name_field) == name]
        if len(found) > 1:
            raise ConfigError('name: %d %ss are named %r (%s); give the ID of one instead' % (
                len(found), self.what, name, ', '.join(sorted(str(item.get(id_field)) for item in found))))
        return found[0] if found else None

    def write(self, action, params, recover=None):
        """Send the write ``action``; return ``(answer, None)``, or ``(None, document)`` when its answer was
        lost after it may have been executed and ``recover()`` found the state it left."""
        try:
            return self.client.call(action, params, profile='write'), None
        except ServiceCatalogError as err:
            if recover is None or not may_have_executed(err):
                raise
            self.log('%s: %s; the request may have been executed, so it is not sent again: reading the %s again' % (
                action, err.short(), self.what))
            document = recover()
            if document is None:
                raise err.replace(message='%s; the %s shows no trace of it, nothing was sent again' % (
                    err.message or 'no answer', self.what))
            self.warn('%s: the answer was lost (%s), but the %s shows the change was made; continued from there' % (
                action, err.short(), self.what))
            return None, document

    def delete_by_id(self, action, get_action, id_param, item_id):
        """Send the Delete ``action`` for ``item_id`` (``id_param`` names it in the Delete and in ``get_action``, its Get); already
        gone is not an error. Its answer lost: deleted when ``get_action`` no longer finds it. None (nothing to read back)."""
        return self.remove(action, {id_param: item_id}, gone=lambda: self.by_id(get_action, id_param, item_id) is None)

    def remove(self, action, params, gone, refused=None):
        """Send the delete ``action``; None (the object is gone). Not found: it was gone already. A lost answer:
        ``gone()`` (a read) says whether it took effect. A refusal (HTTP 4xx but access denied): ``refused()``, when
        given, reads what stands in the way and returns it as text (or None), added to the error's message."""
        try:
            self.write(action, params, recover=lambda: {} if gone() else None)
        except ServiceCatalogError as err:
            if err.not_found:
                return None
            if refused is None or not err.status or not 400 <= err.status < 500 or err.access_denied:
                raise
            try:
                reason = refused()
            except ServiceCatalogError:
                reason = None  # the refusal itself says more than a failed read
            if not reason:
                raise
            raise err.replace(message='%s; %s' % ((err.message or '').strip().rstrip('.'), reason))
        return None

    def wait(self, fetch, pending, what):
        """``fetch()`` until not ``pending(document)`` (wait_timeout / wait_interval); the last document."""
        return wait_for(fetch, pending, self.params, what)

    # -- the run -----------------------------------------------------------------------------------

    def run(self):
        """Find, compare, write (not in check mode), read back; exit_json with changed, changes, diff."""
        with self.module.errors():
            result = self.outcome()
        self.module.exit_json(**result)

    def outcome(self):
        """Find, compare, write (not in check mode), read back: the result (changed, changes, diff and ``result()``'s)."""
        current = self.find()
        if self.params.get('state') == 'absent':
            return self._absent(current)
        return self._present(current)

    def _absent(self, current):
        if current is None:
            return dict(changed=False, changes=[], diff=dict(before={}, after={}), **self.result(None))
        before = self.view(current)
        extra = self.preview(current, None) if self.params.get('preview') else {}
        document = current if self.check_mode else self.delete(current)
        return dict(changed=True, changes=['delete %s' % self.what], diff=dict(before=before, after={}),
                    **dict(self.result(document), **extra))

    def _present(self, current):
        desired = self.desired(current)
        before = self.view(current) if current is not None else {}
        changes = differences(before, desired) if current is not None else ['create %s' % self.what]
        extra = {}
        if changes and self.params.get('preview'):
            extra = self.preview(current, desired)
        document = current
        if changes and not self.check_mode:
            document = self.create(desired) if current is None else self.update(current, desired, changes)
        return dict(changed=bool(changes), changes=changes, diff=dict(before=before, after=desired),
                    **dict(self.result(document), **extra))


class Association(Resource):
    """A link between two objects (portfolio and principal, tag option and resource...): its key is all there is, so,
    found, it is as desired (no update). A subclass declares ``associate`` / ``disassociate`` (the write actions),
    ``find()`` (which also sets ``self.link``, the key as the writes' parameters, from the checked options; returns the
    link as listed, or None) and ``desired()`` (the key in option names); ``result``."""
    associate = disassociate = None

    def __init__(self, module):
        super(Association, self).__init__(module)
        self.link = {}  # set by find(), which checks the options inside the module's error handling

    def members(self, action, params, missing=None):
        """Every item of the listing ``action`` (every page), or None when the object it lists is not found: an error
        for ``state: present`` (ConfigError ``missing``, which names the option; None: the API's not-found error as it
        is), nothing to remove for ``absent``. The listing's warnings become the module's."""
        try:
            listing = self.client.list(action, params)
        except ServiceCatalogError as err:
            if not err.not_found:
                raise
            if self.params.get('state') == 'present':
                if missing is None:
                    raise
                raise ConfigError(missing)
            return None
        self.module.warnings.extend(listing.warnings)
        return listing.items

    def view(self, document):
        return self.desired(document)

    def create(self, desired):
        _answer, found = self.write(self.associate, self.link, recover=self.find)
        # read back; a listing that does not show the link yet still reports the key the service accepted
        return found or self.find() or dict(self.link)

    def delete(self, current):
        return self.remove(self.disassociate, self.link, gone=lambda: self.find() is None)


def differences(before, after):
    """One line per difference between two views: ``key: old -> new``; dict values compared key by key
    (``key.sub: added`` / ``removed``). Keys missing from ``after`` are not compared (not managed)."""
    lines = []
    for key, value in after.items():
        old = before.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            for sub in sorted(set(value) | set(old)):
                if sub not in old:
                    lines.append('%s.%s: added (%s)' % (key, sub, value[sub]))
                elif sub not in value:
                    lines.append('%s.%s: removed' % (key, sub))
                elif old[sub] != value[sub]:
                    lines.append('%s.%s: %s -> %s' % (key, sub, old[sub], value[sub]))
        elif old != value:
            lines.append('%s: %s -> %s' % (key, old, value))
    return lines


def module_for(resource_class):
    """The module of ``resource_class``'s declaration (its options, ``state`` added, its rules)."""
    spec = dict(resource_class.argument_spec)
    if resource_class.has_state:
        spec.update(STATE_SPEC)
    return ServiceCatalogModule(argument_spec=spec, supports_check_mode=True, **resource_class.rules)


def run(resource_class, module=None):
    """Build the module from ``resource_class``'s declaration (or take ``module``, built by ``module_for``) and run it."""
    module = module or module_for(resource_class)
    with module.errors():  # a constructor that checks its options (a blank name) fails in one line, not a traceback
        resource = resource_class(module)
    resource.run()
