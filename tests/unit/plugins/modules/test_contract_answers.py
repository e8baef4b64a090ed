# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Trust nothing the server says, and fail clearly when there is no server: every module's ``main()``, in this process.

Each operation of each module is answered (the emulator's /_emulator/respond queue) with what a broken server or a
proxy may send: the wrong shape for the operation's declared result (module_utils/operations.py: object, list or
text, paging, lists of objects inside an item), an HTML page, non-JSON, an empty or truncated body, a bare 503, and
a 403 whose fields echo the secret key. Then endpoints that refuse, do not resolve or are malformed, and options
that cannot work. Every failure is one line naming the operation and what was wrong (or the option), with the
``error`` dict for API failures, no Python message, no secret.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

import pytest

from ansible_collections.alicloud.servicecatalog.plugins.module_utils import operations as ops
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.conftest import ENTRIES, SECRET, entry_ids
from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.modules.test_contract_reads import CALL_IDS, CALLS
from ansible_collections.alicloud.servicecatalog.tests.unit.stub_server import closed_port

PYTHON_WORDS = re.compile(r'Traceback|object has no attribute|invalid literal|NoneType|KeyError|TypeError|is not subscriptable')


def shapes(action):
    """(label, body, field, expected): wrong answers for ``action``, from its declaration (HTTP 200, RequestId abc)."""
    declared = ops.operation(action)
    key = declared.result_key
    base = {'RequestId': 'abc', 'TotalCount': 1} if declared.paging else {'RequestId': 'abc'}
    cases = [('result key missing', {'RequestId': 'abc'}, key, None)]
    if declared.result_type == ops.OBJECT:
        cases += [('result as text', dict(base, **{key: 'oops'}), key, 'an object'),
                  ('a list instead of an object', dict(base, **{key: [{'Status': 'Succeeded'}]}), key, 'an object')]
        for field, entry_key in declared.item_lists:
            cases += [('%s not a list' % field, dict(base, **{key: {field: 'oops'}}), '%s.%s' % (key, field),
                       'a list of objects with %s' % entry_key),
                      ('a %s entry without %s' % (field, entry_key), dict(base, **{key: {field: [{'Other': 'v'}]}}),
                       '%s.%s[0]' % (key, field), 'an object with %s' % entry_key)]
    elif declared.result_type == ops.TEXT:
        cases += [('a list instead of text', dict(base, **{key: ['oops']}), key, 'text'),
                  ('an object instead of text', dict(base, **{key: {'ROSTemplateFormatVersion': '2015-09-01'}}), key, 'text')]
    else:
        cases += [('result as text', dict(base, **{key: 'oops'}), key, 'a list of objects'),
                  ('an object instead of a list', dict(base, **{key: {'Status': 'Succeeded'}}), key, 'a list of objects'),
                  ('a list item that is not an object', dict(base, **{key: ['oops']}), '%s[0]' % key, 'an object')]
        if declared.paging:
            cases.append(('TotalCount as text', dict(base, **{key: [], 'TotalCount': 'abc'}), 'TotalCount', 'a whole number'))
        for field, entry_key in declared.item_lists:
            cases.append(('a %s entry that is not an object' % field, dict(base, **{key: [{field: ['x']}]}),
                          '%s[0].%s[0]' % (key, field), 'an object with %s' % entry_key))
    return cases


MALFORMED = [(entry, kind, action) + case for entry, kind, action in CALLS for case in shapes(action)]

HTML_502 = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>\n'
RAW = [
    ('HTML 502 page of a proxy', {'status': 502, 'content_type': 'text/html', 'body': HTML_502},
     502, 'HTTP502', r"HTTP 502: the endpoint answered HTTP 502 with a non-JSON body \(text/html, [0-9]+ bytes\): '502 Bad Gateway'$"),
    ('non-JSON 200', {'status': 200, 'content_type': 'text/plain; charset=utf-8', 'body': 'Service Catalog is under maintenance, please retry later.\n'},
     200, 'InvalidResponse', r"HTTP 200 InvalidResponse: the endpoint answered HTTP 200 without a JSON document: a non-JSON body "
                             r"\(text/plain, [0-9]+ bytes\): 'Service Catalog is under maintenance, please retry later\.'$"),
    ('empty 200', {'status': 200, 'body': ''}, 200, 'InvalidResponse',
     r'HTTP 200 InvalidResponse: the endpoint answered HTTP 200 without a JSON document: an empty body$'),
    ('truncated JSON 200', {'status': 200, 'truncated_json': True}, 200, 'InvalidResponse',
     r'HTTP 200 InvalidResponse: the endpoint answered HTTP 200 without a JSON document: truncated or invalid JSON \([^)]+\), [0-9]+ bytes, '
     r'application/json$'),
    ('503 with an empty body', {'status': 503, 'body': ''}, 503, 'HTTP503', r'HTTP 503: the endpoint answered HTTP 503 with an empty body$'),
]


def _answered(emulator, entry, kind, action, answer):
    emulator.control('respond', {'clear': True, 'actions': [action], 'answers': [answer]})
    try:
        ran = emulator.run(entry, dict(entry[kind], retries=0))
        assert emulator.control('respond')['queued'] == 0, 'the module read %s' % action
    finally:
        emulator.control('respond', {'clear': True})
    result = ran.result
    assert ran.rc == 1 and result.get('failed') is True and entry['key'] not in result and 'total_count' not in result, result
    assert isinstance(result['msg'], str) and '\n' not in result['msg'], result['msg']
    assert not PYTHON_WORDS.search(ran.stdout), ran.stdout
    assert result['msg'].startswith('%s failed: ' % action), result['msg']
    assert result['error']['action'] == action and result['error']['attempts'] == 1
    return ran


@pytest.mark.parametrize('entry, kind, action, label, body, field, expected', MALFORMED,
                         ids=['%s %s: %s' % (case[0]['name'], case[2], case[3]) for case in MALFORMED])
def test_a_malformed_answer_is_one_line_naming_the_field(emulator, entry, kind, action, label, body, field, expected):  # pylint: disable=unused-argument
    result = _answered(emulator, entry, kind, action, {'status': 200, 'body': json.dumps(body)}).result
    error, msg = result['error'], result['msg']
    assert (error['code'], error['http_status'], error['request_id']) == ('InvalidResponse', 200, 'abc')
    assert msg.startswith('%s failed: HTTP 200 InvalidResponse: ' % action) and 'RequestId: abc' in msg
    assert ('%s is ' % field) in msg, msg
    assert expected is None or (', expected %s' % expected) in msg, msg


@pytest.mark.parametrize('entry, kind, action, label, answer, status, code, words',
                         [(e, k, a) + raw for e, k, a in CALLS for raw in RAW],
                         ids=['%s: %s' % (i, raw[0]) for i in CALL_IDS for raw in RAW])
def test_what_a_proxy_or_a_broken_server_answers_is_said_in_one_line(emulator, entry, kind, action, label, answer, status, code,
                                                                     words):  # pylint: disable=unused-argument
    result = _answered(emulator, entry, kind, action, answer).result
    assert (result['error']['http_status'], result['error']['code']) == (status, code)
    assert 'access_denied_detail' not in result['error']
    assert re.match(re.escape('%s failed: ' % action) + words, result['msg']), result['msg']


def _echoing_denial(action):
    return {'RequestId': 'abc', 'HostId': 'servicecatalog.cn-hangzhou.aliyuncs.com', 'Code': 'NoPermission',
            'Message': 'You are not authorized to do this action (key secret %s).' % SECRET,
            'Recommend': 'https://api.aliyun.com/troubleshoot?q=NoPermission&secret=' + SECRET,
            'AccessDeniedDetail': {'AuthAction': 'servicecatalog:' + action, 'NoPermissionType': 'ImplicitDeny',
                                   'PolicyType': 'AccountLevelIdentityBasedPolicy ' + SECRET, 'AuthPrincipalType': 'SubUser',
                                   'AuthPrincipalDisplayName': SECRET, 'AuthPrincipalOwnerId': '1466115886170001',
                                   'EncodedDiagnosticMessage': 'AQEAAAAA' + SECRET, 'Echo': {'nested': [SECRET]}}}


@pytest.mark.parametrize('entry, kind, action', CALLS, ids=CALL_IDS)
def test_a_denial_echoing_the_secret_shows_it_nowhere(emulator, entry, kind, action):
    ran = _answered(emulator, entry, kind, action, {'status': 403, 'body': json.dumps(_echoing_denial(action))})
    error = ran.result['error']
    assert (error['code'], error['http_status'], error['request_id']) == ('NoPermission', 403, 'abc')
    assert SECRET not in ran.stdout
    assert error['access_denied_detail']['AuthPrincipalDisplayName'] == '********'
    assert error['access_denied_detail']['AuthAction'] == 'servicecatalog:' + action


def _transport_cases(url):
    port = closed_port()
    netloc = url.split('://', 1)[1]
    return [
        # (label, options replacing the connection's, regex of the message, error code or None)
        ('connection refused', {'endpoint': 'http://127.0.0.1:%d' % port, 'retries': 1},
         r'ConnectionRefused: connection to 127\.0\.0\.1:%d refused' % port, 'ConnectionRefused'),
        ('name resolution failure', {'endpoint': 'http://servicecatalog.no-such-host.invalid:8080', 'retries': 0},
         r'NameResolutionError: cannot resolve the endpoint host servicecatalog\.no-such-host\.invalid', 'NameResolutionError'),
        ('unknown region', {'endpoint': None, 'alicloud_region': 'xx-nowhere-7', 'retries': 0, 'connect_timeout': 3},
         r'servicecatalog\.xx-nowhere-7\.aliyuncs\.com.*alicloud_region', 'NameResolutionError'),
        ('malformed region', {'endpoint': None, 'alicloud_region': 'cn hangzhou'}, r'alicloud_region: ', None),
        ('no region and no endpoint', {'endpoint': None}, r'alicloud_region', None),
        ('endpoint with a path', {'endpoint': url + '/v1'}, r'endpoint: ', None),
        ('endpoint with another scheme', {'endpoint': 'ftp://' + netloc}, r'endpoint: ', None),
        ('endpoint with a bad port', {'endpoint': 'http://127.0.0.1:99999'}, r'endpoint: ', None),
        ('negative retries', {'retries': -1}, r'retries: must be between 0 and 50', None),
        ('zero read timeout', {'read_timeout': 0}, r'read_timeout: must be a positive number', None),
        ('missing CA bundle file', {'ca_bundle': '/nonexistent/ca.pem'}, r'ca_bundle: /nonexistent/ca\.pem is not a readable file', None),
        ('key without secret', {'alicloud_secret_key': None}, r'alicloud_secret_key: required when alicloud_access_key is set', None),
        ('token without key', {'alicloud_access_key': None, 'alicloud_secret_key': None, 'alicloud_security_token': 'abc'},
         r'alicloud_security_token: ', None),
    ]


@pytest.mark.parametrize('entry', ENTRIES, ids=entry_ids(ENTRIES))
def test_transport_failures_and_configuration_errors(emulator, entry):
    """Every module: one line naming the problem (the option, or the code), never a traceback."""
    some = entry.get('one') or entry['listing']
    problems = []
    for label, options, words, code in _transport_cases(emulator.url):
        args = dict(emulator.auth, **some)
        args.update(options)
        ran = emulator.run(entry, dict((k, v) for k, v in args.items() if v is not None), auth=False)
        result = ran.result
        if not (ran.rc == 1 and re.search(words, result.get('msg', '')) and '\n' not in result['msg']
                and 'Traceback' not in ran.stdout and (code is None or result.get('error', {}).get('code') == code)):
            problems.append('%s: %s' % (label, result))
    assert problems == []


def test_no_credentials_anywhere_names_every_source(emulator, tmp_path, monkeypatch):
    monkeypatch.setenv('HOME', str(tmp_path))
    for entry in ENTRIES:
        ran = emulator.run(entry, dict(entry.get('one') or entry['listing'], endpoint=emulator.url), auth=False)
        msg = ran.result['msg']
        assert ran.rc == 1 and '\n' not in msg, ran.result
        for words in ('alicloud_access_key', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'profile', 'ecs_role_name'):
            assert words in msg, (entry['name'], words, msg)
