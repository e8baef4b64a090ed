"""Access-level tests: AccessLevelFilter and ApprovalFilter as demo-user, alice and (seeded) bob."""
from __future__ import annotations

import pytest
import requests

from emu_support import STS_KEY
from emu_client import Client

ALL_ACCOUNT_PLANS = [f'f{n:02d}' for n in range(1, 14) if n != 12]


def _instances(client, **query):
    doc = client.ok('ListProvisionedProducts', query)
    return sorted(item['ProvisionedProductName'] for item in doc['ProvisionedProductDetails'])


def _plans(client, **query):
    doc = client.ok('ListProvisionedProductPlans', {'PageSize': 100, **query})
    assert doc['TotalCount'] == len(doc['PlanDetails'])
    return sorted(plan['PlanId'][-3:] for plan in doc['PlanDetails'])


def test_instances_user_is_the_default(client):
    assert _instances(client) == _instances(client, AccessLevelFilter='User') == ['orders-db', 'web-server-prod', 'web-server-staging']
    assert all(i['OwnerPrincipalId'] == '240000000000000001' for i in client.ok('ListProvisionedProducts')['ProvisionedProductDetails'])


def test_instances_account(client, alice):
    everything = ['app-logs-bucket', 'orders-db', 'shared-network', 'web-server-prod', 'web-server-staging']
    assert _instances(client, AccessLevelFilter='Account') == everything
    assert _instances(alice, AccessLevelFilter='Account') == everything
    assert _instances(alice) == ['shared-network']


def test_plans_user_account_resource_directory(client, alice):
    assert _plans(client) == _plans(client, AccessLevelFilter='User') == ['f01', 'f02', 'f05', 'f06', 'f08', 'f11']
    assert _plans(client, AccessLevelFilter='Account') == ALL_ACCOUNT_PLANS
    assert _plans(client, AccessLevelFilter='ResourceDirectory') == sorted(ALL_ACCOUNT_PLANS + ['f12'])
    assert _plans(alice) == ['f03', 'f07', 'f09', 'f13']


def test_approval_filters_demo_user(client):
    assert _plans(client, ApprovalFilter='ReceivedRequests') == ['f04', 'f13']
    assert _plans(client, ApprovalFilter='ApprovalHistory') == ['f03', 'f09', 'f10']
    assert _plans(client, ApprovalFilter='AccountRequests') == ALL_ACCOUNT_PLANS
    # ApprovalFilter takes the review dimension: AccessLevelFilter does not narrow it to the caller's own plans.
    assert _plans(client, ApprovalFilter='ReceivedRequests', AccessLevelFilter='User') == ['f04', 'f13']


def test_approval_filters_alice(alice):
    assert _plans(alice, ApprovalFilter='ReceivedRequests') == []
    assert _plans(alice, ApprovalFilter='ApprovalHistory') == []


def test_approval_filters_seeded_principal(emulator):
    seeded = requests.post(f'{emulator.url}/_emulator/seed', timeout=10, json={'principals': {
        '240000000000000003': {'PrincipalName': 'bob', 'PrincipalType': 'RamUser', 'AccessKeyIds': [STS_KEY.access_key_id]}}})
    assert seeded.status_code == 200, seeded.text
    bob = Client(emulator.url, STS_KEY.access_key_id, STS_KEY.secret, STS_KEY.security_token)
    assert _plans(bob, ApprovalFilter='ReceivedRequests') == ['f04', 'f08']
    assert _plans(bob, ApprovalFilter='ApprovalHistory') == ['f01', 'f02']
    assert _plans(bob) == []
    assert _instances(bob) == []


def test_approval_filter_with_other_filters(client):
    status = {'Filters.1.Key': 'ProvisionedProductPlanStatus', 'Filters.1.Value': 'ApplicationInProgress'}
    assert _plans(client, ApprovalFilter='AccountRequests', **status) == ['f04', 'f08', 'f13']
    assert _plans(client, ApprovalFilter='ReceivedRequests', ProvisionedProductId='pp-bp1oss4q8z0e04') == ['f04']


@pytest.mark.parametrize('action, params, code, allowed', [
    ('ListProvisionedProducts', {'AccessLevelFilter': 'ResourceDirectory'}, 'InvalidParameter.AccessLevelFilter', 'User, Account'),
    ('ListProvisionedProducts', {'AccessLevelFilter': 'user'}, 'InvalidParameter.AccessLevelFilter', 'User, Account'),
    ('ListProvisionedProductPlans', {'AccessLevelFilter': 'All'}, 'InvalidParameter.AccessLevelFilter', 'User, Account, ResourceDirectory'),
    ('ListProvisionedProductPlans', {'ApprovalFilter': 'Mine'}, 'InvalidParameter.ApprovalFilter',
     'ReceivedRequests, ApprovalHistory, AccountRequests'),
])
def test_invalid_filters(client, action, params, code, allowed):
    status, doc = client.error(action, params)
    assert (status, doc['Code']) == (400, code)
    assert list(params)[0] in doc['Message'] and allowed in doc['Message']
