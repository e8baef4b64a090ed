# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The order of the credential chain for the task_outputs lookup: the lookup as ansible-core's lookup loader gives it,
in this process, its options read by ansible-core's configuration from keyword arguments, variables and the
process environment (the controller's, where a lookup runs), against the private emulator of
``test_credential_precedence.py`` where each source has its own key; the losing source holds a wrong secret (or a
role the instance lacks), so the call would fail if it were used.

Keyword arguments > variables and > the environment, profile and ECS role; the environment's keys > the profile and
the ECS role; a profile keyword > the environment's keys; ALIBABA_CLOUD_PROFILE naming no usable profile leaves the
environment's keys winning; the current profile > the ECS role; the ECS role last; keyword keys never paired with
the environment's token; ALIBABA_CLOUD_ECS_METADATA_DISABLED. These ran as nested ``ansible`` runs in the
``credentials_precedence`` target on both cores; the target keeps the lookup in its play and one nested run (the
controller's environment reaching the lookup).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleError

from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_credential_precedence import (
    ENV_BAD, ENV_KEYS, KEY_ENV, KEY_ENV2, KEY_OPTIONS, KEY_PROFILE, OPTION_KEYS, SECRET_ENV, SECRET_ENV2, SECRET_OPTIONS, SECRET_PROFILE,
    WRONG_SECRET, Precedence,
)
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_credential_sources import (
    TASK, calls, environment, private_setting, signing_keys,
)

from sc_emulator.signing import AccessKey  # pylint: disable=import-error

INSTANCE = 'i-bp1g6zv0ce8oghu7k5n1'


@pytest.fixture(scope='module')
def setting(tmp_path_factory):
    keys = [AccessKey(KEY_OPTIONS, SECRET_OPTIONS), AccessKey(KEY_ENV, SECRET_ENV), AccessKey(KEY_ENV2, SECRET_ENV2),
            AccessKey(KEY_PROFILE, SECRET_PROFILE)]
    yield from private_setting(Precedence, tmp_path_factory, keys)


def lookup(setting, task_outputs, monkeypatch, options=None, env=None, home=None, variables=None):
    """The lookup's outputs (or its error) with keyword arguments ``options``, ``variables`` and the process environment
    ``env`` (HOME: the empty home, or homes/<home>; the emulator as the endpoint), and the emulator's log of the call."""
    setting.control('log/clear', {})
    with environment(setting, monkeypatch, dict({'ALICLOUD_SERVICECATALOG_ENDPOINT': setting.url}, **(env or {})), home):
        try:
            answer = task_outputs.run([TASK], variables=variables or {}, alicloud_region='cn-hangzhou', **(options or {}))[0]
        except AnsibleError as exc:
            answer = exc
    log = setting.control('log')
    return answer, signing_keys(log), log


# name, keyword arguments, environment (or a function of the setting), home, the key that signs (None: one the
# emulator issued through the metadata service), whether the metadata service may be asked
CASES = [
    ('keyword arguments beat the environment, profile and ECS role', OPTION_KEYS, lambda s: dict(ENV_BAD, **s.ecs('no-such-role')), 'bad',
     KEY_OPTIONS, True),
    ("the environment's keys beat the profile and ECS role", None, lambda s: dict(ENV_KEYS, **s.ecs('no-such-role')), 'bad', KEY_ENV, True),
    ("a profile keyword argument beats the environment's keys", {'profile': 'main'}, ENV_BAD, 'profile', KEY_PROFILE, True),
    ("ALIBABA_CLOUD_PROFILE (the option's env: entry) names no source; the environment's keys still win", None,
     dict(ENV_KEYS, ALIBABA_CLOUD_PROFILE='bad'), 'profile', KEY_ENV, True),
    ('the current profile beats the ECS role', None, lambda s: s.ecs('no-such-role'), 'profile', KEY_PROFILE, False),
    ('the ECS role last', None, lambda s: s.ecs(), None, None, True),
    ("keyword keys are never paired with a token from the environment", OPTION_KEYS, {'ALIBABA_CLOUD_SECURITY_TOKEN': 'not-a-token-of-this-key'},
     'bad', KEY_OPTIONS, True),
]


@pytest.mark.parametrize('name, options, env, home, key, metadata', CASES, ids=[case[0] for case in CASES])
def test_the_winner_signs(setting, task_outputs, monkeypatch, name, options, env, home, key, metadata):  # pylint: disable=unused-argument
    answer, keys, log = lookup(setting, task_outputs, monkeypatch, options, env(setting) if callable(env) else env, home)
    assert not isinstance(answer, Exception), str(answer)
    assert answer['instance_id'] == INSTANCE
    if key is None:
        assert len(keys) == 1 and keys[0].startswith('STS.'), keys
        assert len(calls(log, 'metadata')) >= 2
    else:
        assert keys == [key]
    if not metadata:
        assert calls(log, 'metadata') == []


def test_keyword_arguments_beat_variables(setting, task_outputs, monkeypatch):
    answer, keys, _log = lookup(setting, task_outputs, monkeypatch, OPTION_KEYS,
                                variables={'alicloud_access_key': KEY_ENV, 'alicloud_secret_key': WRONG_SECRET})
    assert not isinstance(answer, Exception), str(answer)
    assert answer['instance_id'] == INSTANCE and keys == [KEY_OPTIONS]


def test_metadata_disabled_turns_the_role_name_variables_off(setting, task_outputs, monkeypatch):
    answer, keys, log = lookup(setting, task_outputs, monkeypatch, env=dict(setting.ecs(), ALIBABA_CLOUD_ECS_METADATA_DISABLED='true'))
    assert isinstance(answer, AnsibleError) and 'no credentials found' in str(answer), answer
    assert keys == [] and calls(log, 'metadata') == []
