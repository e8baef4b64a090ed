"""The catalog operations on the demo dataset: shapes, paging, filters, sorting, not-found, missing parameters, method logged."""
from __future__ import annotations

import json

import pytest

from emu_client import filters

ECS, RDS, VPC, SLB, REDIS = 'prod-bp18r7q127a001', 'prod-bp1rtrnh2ca002', 'prod-bp1vpcnet2ca003', 'prod-bp1slbweb2ca005', 'prod-bp1redis02ca006'
FAILING = 'prod-bp1fail02ca007'  # its template fails at apply (provisioning tests)
COMPUTE, DATA, SHARED = 'port-bp1yt7582g0a01', 'port-bp1438kf2j0a02', 'port-bp1shared0a03'
GET_OPERATIONS = [  # (action, parameters, result key, not-found code, missing-parameter code)
    ('GetPortfolio', {'PortfolioId': COMPUTE}, 'PortfolioDetail', 'EntityNotExist.Portfolio', 'MissingPortfolioId'),
    ('GetProductAsAdmin', {'ProductId': ECS}, 'ProductDetail', 'EntityNotExist.Product', 'MissingProductId'),
    ('GetProductAsEndUser', {'ProductId': ECS}, 'ProductSummary', 'EntityNotExist.Product', 'MissingProductId'),
    ('GetProductVersion', {'ProductVersionId': 'pv-bp15e79d26a001'}, 'ProductVersionDetail', 'EntityNotExist.ProductVersion',
     'MissingProductVersionId'),
    ('GetConstraint', {'ConstraintId': 'cons-bp1launch00a01'}, 'ConstraintDetail', 'EntityNotExist.Constraint', 'MissingConstraintId'),
    ('GetTagOption', {'TagOptionId': 'tag-bp1env0prod0a01'}, 'TagOptionDetail', 'EntityNotExist.TagOption', 'MissingTagOptionId'),
    ('ListPrincipals', {'PortfolioId': COMPUTE}, 'Principals', 'EntityNotExist.Portfolio', 'MissingPortfolioId'),
    ('ListProductVersions', {'ProductId': ECS}, 'ProductVersionDetails', 'EntityNotExist.Product', 'MissingProductId'),
    ('ListLaunchOptions', {'ProductId': ECS}, 'LaunchOptionSummaries', 'EntityNotExist.Product', 'MissingProductId'),
]


def _log(emulator):
    return emulator.server.request_log.entries()[-1]


@pytest.mark.parametrize('action,query,key,missing_code,missing_param', GET_OPERATIONS)
def test_lookup_found_not_found_missing(emulator, client, action, query, key, missing_code, missing_param):
    document = client.ok(action, query)
    assert document[key] and document['RequestId']
    (name, value), = query.items()
    status, error = client.error(action, {name: value + 'x'})
    assert (status, error['Code']) == (404, missing_code) and value + 'x' in error['Message']
    status, error = client.error(action, {})
    assert (status, error['Code']) == (400, missing_param)


def test_get_portfolio_with_tag_options(client):
    document = client.ok('GetPortfolio', {'PortfolioId': COMPUTE})
    assert list(document) == ['RequestId', 'PortfolioDetail', 'TagOptions']
    assert set(document['PortfolioDetail']) == {'PortfolioId', 'PortfolioName', 'PortfolioArn', 'ProviderName', 'Description', 'CreateTime'}
    assert [(t['Key'], t['Value'], t['Active']) for t in document['TagOptions']] == [('env', 'prod', True), ('team', 'web', True)]
    assert set(document['TagOptions'][0]) == {'TagOptionId', 'Key', 'Value', 'Active', 'Owner'}


def test_products_as_admin_and_end_user(client):
    admin = client.ok('GetProductAsAdmin', {'ProductId': VPC})
    assert admin['ProductDetail']['TemplateType'] == 'RosTerraformTemplate' and admin['TagOptions'][0]['Value'] == 'dev'
    assert client.ok('GetProductAsEndUser', {'ProductId': VPC})['ProductSummary']['HasDefaultLaunchOption'] is False
    assert client.ok('GetProductAsEndUser', {'ProductId': ECS})['ProductSummary']['HasDefaultLaunchOption'] is True


def test_versions_and_guidance(client):
    versions = client.ok('ListProductVersions', {'ProductId': RDS})['ProductVersionDetails']
    assert [(v['ProductVersionName'], v['Guidance'], v['Active']) for v in versions] == [
        ('0.9', 'Deprecated', False), ('1.0', 'Default', True), ('2.0', 'Latest', True)]
    one = client.ok('GetProductVersion', {'ProductVersionId': 'pv-bp15e79d26a002'})['ProductVersionDetail']
    assert (one['ProductId'], one['Guidance']) == (ECS, 'Recommended')


def test_templates_json_and_yaml(client):
    body = client.ok('GetTemplate', {'ProductId': ECS, 'ProductVersionId': 'pv-bp15e79d26a001'})['TemplateBody']
    template = json.loads(body)
    assert template['ROSTemplateFormatVersion'] == '2015-09-01' and 'instance_type' in template['Parameters'] and 'PublicIP' in template['Outputs']
    yaml_body = client.ok('GetTemplate', {'ProductId': ECS, 'ProductVersionId': 'pv-bp15e79d26a002'})['TemplateBody']
    assert yaml_body.startswith('ROSTemplateFormatVersion: "2015-09-01"\n') and '\nParameters:\n' in yaml_body and '\nOutputs:\n' in yaml_body
    assert '  system_disk_size:\n' in yaml_body


def test_template_errors(client):
    assert client.error('GetTemplate', {'ProductId': ECS})[1]['Code'] == 'MissingProductVersionId'
    assert client.error('GetTemplate', {'ProductId': 'prod-nope', 'ProductVersionId': 'pv-bp15e79d26a001'})[1]['Code'] == 'EntityNotExist.Product'
    status, error = client.error('GetTemplate', {'ProductId': ECS, 'ProductVersionId': 'pv-bp19udk22va003'})  # a version of another product
    assert (status, error['Code']) == (404, 'EntityNotExist.ProductVersion')


def test_launch_options_and_constraints(client):
    options = client.ok('ListLaunchOptions', {'ProductId': ECS})['LaunchOptionSummaries']
    assert [(o['PortfolioId'], [c['ConstraintType'] for c in o['ConstraintSummaries']]) for o in options] == [(COMPUTE, ['Launch', 'Template'])]
    assert all('OperationTypes' not in c and 'StackRegions' not in c for c in options[0]['ConstraintSummaries'])
    rds = client.ok('ListLaunchOptions', {'ProductId': RDS})['LaunchOptionSummaries'][0]['ConstraintSummaries']
    approval = [c for c in rds if c['ConstraintType'] == 'Approval'][0]
    assert approval['OperationTypes'] == ['LaunchProduct', 'UpdateProvisionedProduct'] and 'StackRegions' not in approval
    vpc = client.ok('ListLaunchOptions', {'ProductId': VPC})['LaunchOptionSummaries']
    assert [o['PortfolioName'] for o in vpc] == ['Compute and network', 'Shared network baseline']
    assert vpc[1]['ConstraintSummaries'][0]['StackRegions'] == ['cn-hangzhou', 'cn-shanghai', 'cn-beijing']
    detail = client.ok('GetConstraint', {'ConstraintId': 'cons-bp1launch00a01'})['ConstraintDetail']
    assert json.loads(detail['Config']) == {'LocalRoleName': 'ServiceCatalogLaunchRole'}
    assert (detail['ConstraintType'], detail['ProductName'], detail['PortfolioId']) == ('Launch', 'DEMO-ECS instance', COMPUTE)


def test_launch_options_show_portfolios_not_shared_with_the_caller(alice):
    """alice is a principal of Compute, not of Data: an administrator sees every portfolio holding the product (what the
    constraint module relies on to find a launch constraint without its ID; unverified on the real service, README)."""
    principals = [p.get('PrincipalId') for p in alice.ok('ListPrincipals', {'PortfolioId': DATA})['Principals']]
    assert '240000000000000002' not in principals
    options = alice.ok('ListLaunchOptions', {'ProductId': REDIS})['LaunchOptionSummaries']
    assert [o['PortfolioId'] for o in options] == [DATA]


def test_principals(client):
    principals = client.ok('ListPrincipals', {'PortfolioId': DATA})['Principals']
    assert principals[0] == {'PrincipalId': '240000000000000001', 'PrincipalType': 'RamUser', 'PrincipalPattern': ''}
    assert principals[-1] == {'PrincipalId': '', 'PrincipalType': 'RamRole', 'PrincipalPattern': 'sc-*-role'}


def test_list_portfolios_scope_product_filters_sorting(client):
    local = client.ok('ListPortfolios', {})
    assert [p['PortfolioId'] for p in local['PortfolioDetails']] == [DATA, COMPUTE] and local['TotalCount'] == 2
    assert [p['PortfolioId'] for p in client.ok('ListPortfolios', {'Scope': 'Import'})['PortfolioDetails']] == [SHARED]
    every = client.ok('ListPortfolios', {'Scope': 'All', 'SortOrder': 'Asc', 'PageSize': 2, 'PageNumber': 2})
    assert (every['TotalCount'], [p['PortfolioId'] for p in every['PortfolioDetails']]) == (3, [SHARED])
    assert [p['PortfolioId'] for p in client.ok('ListPortfolios', {'Scope': 'All', 'ProductId': VPC, 'SortOrder': 'Asc'})['PortfolioDetails']] == [
        COMPUTE, SHARED]
    named = client.ok('ListPortfolios', {'Scope': 'All', **filters(('PortfolioName', 'DATA SERVICES'))})['PortfolioDetails']
    assert [p['PortfolioId'] for p in named] == [DATA]
    assert client.ok('ListPortfolios', {'Scope': 'All', **filters(('FullTextSearch', 'landing'))})['TotalCount'] == 1
    assert client.error('ListPortfolios', {'Scope': 'Everything'})[1]['Code'] == 'InvalidParameter.Scope'
    assert client.error('ListPortfolios', filters(('ProductName', 'x')))[1]['Code'] == 'InvalidParameter'


def test_list_products_as_admin(client):
    first = client.ok('ListProductsAsAdmin', {'PageSize': 4})
    assert (first['TotalCount'], first['PageSize'], len(first['ProductDetails'])) == (7, 4, 4)
    assert first['ProductDetails'][0]['ProductId'] == FAILING  # newest first
    ascending = client.ok('ListProductsAsAdmin', {'SortBy': 'CreateTime', 'SortOrder': 'Asc', 'PageSize': 4, 'PageNumber': 2})
    assert [p['ProductId'] for p in ascending['ProductDetails']] == [SLB, REDIS, FAILING]
    assert client.ok('ListProductsAsAdmin', {'PortfolioId': DATA})['TotalCount'] == 3
    assert client.ok('ListProductsAsAdmin', {'PortfolioId': 'port-unknown'})['TotalCount'] == 0
    named = client.ok('ListProductsAsAdmin', filters(('ProductName', 'redis cache')))['ProductDetails']
    assert [p['ProductId'] for p in named] == [REDIS]
    assert client.ok('ListProductsAsAdmin', filters(('FullTextSearch', 'mysql')))['ProductDetails'][0]['ProductId'] == RDS
    assert client.ok('ListProductsAsAdmin', {'Scope': 'Import'})['TotalCount'] == 0
    assert client.error('ListProductsAsAdmin', {'PageSize': 0})[1]['Code'] == 'InvalidParameter'
    assert client.error('ListProductsAsAdmin', {'SortBy': 'Name'})[1]['Code'] == 'InvalidParameter'


def test_list_products_as_end_user(client, alice):
    mine = client.ok('ListProductsAsEndUser', {'PageSize': 10})['ProductSummaries']
    assert len(mine) == 7 and {p['ProductId']: p['HasDefaultLaunchOption'] for p in mine}[VPC] is False
    alices = alice.ok('ListProductsAsEndUser', {'SortOrder': 'Asc'})['ProductSummaries']
    assert [p['ProductId'] for p in alices] == [VPC, ECS, SLB, FAILING]  # alice is a principal of the compute portfolio only
    assert client.ok('ListProductsAsEndUser', filters(('FullTextSearch', 'cache')))['TotalCount'] == 1


def test_list_tag_options_filters(client):
    default = client.ok('ListTagOptions', {'PageSize': 100})
    assert default['TotalCount'] == 7 and all(t['Active'] for t in default['TagOptionDetails'])  # Active defaults to true
    inactive = client.ok('ListTagOptions', {'Filters': '{"Active":false}'})['TagOptionDetails']
    assert [t['Value'] for t in inactive] == ['staging']
    env = client.ok('ListTagOptions', {'Filters': json.dumps({'Active': True, 'Key': 'env'}), 'SortOrder': 'Asc'})['TagOptionDetails']
    assert [t['Value'] for t in env] == ['prod', 'dev', 'test']
    assert client.ok('ListTagOptions', {'Filters': '{"Key":"team","Value":"data"}'})['TagOptionDetails'][0]['TagOptionId'] == 'tag-bp1team0data0a06'
    assert client.ok('ListTagOptions', {'Filters': '{"FullTextSearch":"CC-"}'})['TotalCount'] == 2
    for bad in ('{"Active":true', '[1]', '{"Colour":"red"}', '{"Active":"maybe"}', '{"Key":3}'):
        status, error = client.error('ListTagOptions', {'Filters': bad})
        assert (status, error['Code']) == (400, 'InvalidParameter'), bad
    assert client.error('ListTagOptions', {'Filters.1.Key': 'Key'})[1]['Code'] == 'InvalidParameter'


def test_list_tag_options_pages_and_tokens(client):
    first = client.ok('ListTagOptions', {'PageSize': 3})
    assert (first['TotalCount'], first['PageNumber'], first['PageSize'], len(first['TagOptionDetails'])) == (7, 1, 3, 3) and first['NextToken']
    second = client.ok('ListTagOptions', {'PageSize': 3, 'PageNumber': 2})
    by_token = client.ok('ListTagOptions', {'NextToken': first['NextToken'], 'MaxResults': 3})
    assert by_token['TagOptionDetails'] == second['TagOptionDetails'] and by_token['PageNumber'] == 2
    last = client.ok('ListTagOptions', {'NextToken': by_token['NextToken'], 'MaxResults': 3})
    assert (len(last['TagOptionDetails']), last['NextToken']) == (1, '')
    seen = [t['TagOptionId'] for page in (first, by_token, last) for t in page['TagOptionDetails']]
    assert len(set(seen)) == 7
    assert client.ok('ListTagOptions', {'MaxResults': 5})['PageSize'] == 5
    assert client.error('ListTagOptions', {'NextToken': '!!not-a-token'})[1]['Code'] == 'InvalidParameter'
    status, error = client.error('ListTagOptions', {'NextToken': first['NextToken'], 'Filters': '{"Key":"env"}'})
    assert status == 400 and 'another query' in error['Message']
    assert client.error('ListTagOptions', {'MaxResults': 101})[1]['Code'] == 'InvalidParameter'


def test_resources_for_tag_option(client):
    products = client.ok('ListResourcesForTagOption', {'TagOptionId': 'tag-bp1team0data0a06', 'ResourceType': 'product', 'PageSize': 2})
    assert (products['TotalCount'], [r['ResourceId'] for r in products['ResourceDetails']]) == (3, ['prod-bp1ossbkt2ca004', RDS])
    assert set(products['ResourceDetails'][0]) == {'ResourceId', 'ResourceName', 'ResourceArn', 'Description', 'CreateTime'}
    page2 = client.ok('ListResourcesForTagOption', {'TagOptionId': 'tag-bp1team0data0a06', 'ResourceType': 'product', 'PageSize': 2, 'PageNumber': 2})
    assert [r['ResourceId'] for r in page2['ResourceDetails']] == [REDIS]
    portfolios = client.ok('ListResourcesForTagOption', {'TagOptionId': 'tag-bp1env0prod0a01', 'ResourceType': 'Portfolio'})
    assert [r['ResourceId'] for r in portfolios['ResourceDetails']] == [COMPUTE, SHARED]
    for wrong in ('Product', 'portfolio'):  # casing exactly as documented
        assert client.error('ListResourcesForTagOption', {'TagOptionId': 'tag-bp1env0prod0a01', 'ResourceType': wrong})[1]['Code'] == \
            'InvalidParameter.ResourceType'
    assert client.error('ListResourcesForTagOption', {'TagOptionId': 'tag-nope', 'ResourceType': 'product'})[1]['Code'] == 'EntityNotExist.TagOption'
    assert client.error('ListResourcesForTagOption', {'TagOptionId': 'tag-bp1env0prod0a01'})[1]['Code'] == 'MissingResourceType'
    assert client.error('ListResourcesForTagOption', {'ResourceType': 'product'})[1]['Code'] == 'MissingTagOptionId'


def test_plan_approvers(client):
    def names(query):
        return [(a['PrincipalType'], a['PrincipalName']) for a in client.ok('ListProvisionedProductPlanApprovers', query, method='GET')['Approvers']]
    account = names({'AccessLevelFilter': 'Account'})
    assert ('RamUser', 'bob') in account and ('RamRole', 'sc-approver-role') in account
    assert set(names({})) == set(names({'AccessLevelFilter': 'User'})) and set(names({})) <= set(account)
    assert names({'AccessLevelFilter': 'Account', **filters(('ProvisionedProductPlanApproverName', 'BOB,nobody'))}) == [('RamUser', 'bob')]
    assert set(names({'ApprovalFilter': 'AccountRequests'})) <= set(account)
    status, error = client.error('ListProvisionedProductPlanApprovers', {'AccessLevelFilter': 'Account', 'ApprovalFilter': 'AccountRequests'})
    assert (status, error['Code']) == (400, 'InvalidParameter')
    assert client.error('ListProvisionedProductPlanApprovers', {'ApprovalFilter': 'ReceivedRequests'})[1]['Code'] == 'InvalidParameter.ApprovalFilter'
    assert client.error('ListProvisionedProductPlanApprovers', filters(('FullTextSearch', 'x')))[1]['Code'] == 'InvalidParameter'


def test_regions(client):
    regions = client.ok('ListRegions')['Regions']
    assert regions[0] == {'RegionId': 'cn-hangzhou', 'LocalName': '华东1（杭州）', 'RegionEndpoint': 'servicecatalog.cn-hangzhou.aliyuncs.com'}
    assert len(regions) >= 3


@pytest.mark.parametrize('action,query,method', [
    ('GetTagOption', {'TagOptionId': 'tag-bp1env0prod0a01'}, 'GET'), ('ListTagOptions', {}, 'GET'),
    ('ListResourcesForTagOption', {'TagOptionId': 'tag-bp1env0prod0a01', 'ResourceType': 'product'}, 'GET'),
    ('ListProvisionedProductPlanApprovers', {}, 'GET'), ('ListRegions', {}, 'POST'), ('GetPortfolio', {'PortfolioId': COMPUTE}, 'POST')])
def test_declared_method_logged(emulator, client, action, query, method):
    other = 'POST' if method == 'GET' else 'GET'
    client.ok(action, query, method=other)  # both are accepted
    entry = _log(emulator)
    assert (entry['method'], entry['declared_method'], entry['action']) == (other, method, action)
    client.ok(action, query, method=method)
    assert _log(emulator)['method'] == _log(emulator)['declared_method'] == method


def test_faults_deny_and_canned_apply_to_catalog_operations(emulator, client):
    import requests
    url = emulator.url
    requests.post(f'{url}/_emulator/deny', json={'access_key_id': client.key_id, 'actions': ['ListTagOptions']}, timeout=10)
    try:
        assert client.error('ListTagOptions', {})[1]['Code'] == 'NoPermission'
        assert client.ok('GetTagOption', {'TagOptionId': 'tag-bp1env0prod0a01'})
    finally:
        requests.post(f'{url}/_emulator/deny', json={'clear': True}, timeout=10)
    requests.post(f'{url}/_emulator/respond', json={'actions': ['ListRegions'], 'answers': [{'status': 200, 'truncated_json': True}]}, timeout=10)
    truncated = client.call('ListRegions')
    assert truncated.status_code == 200 and truncated.text.startswith('{"RequestId"') and '"Regions":[' in truncated.text
    requests.post(f'{url}/_emulator/faults', json={'rate': 1.0, 'kinds': ['unavailable']}, timeout=10)
    try:
        assert client.error('ListPortfolios', {})[0] == 503
    finally:
        requests.post(f'{url}/_emulator/faults', json={'rate': 0.0}, timeout=10)


def test_seed_catalog_items(emulator, client):
    import requests
    seed = {'portfolios': [{'PortfolioId': 'port-seeded01', 'Principals': [{'PrincipalId': '240000000000000001'}], 'TagOptionIds': ['tag-seeded01']}],
            'products': [{'ProductId': 'prod-seeded01', 'ProductName': 'Seeded', 'PortfolioIds': ['port-seeded01'],
                          'Versions': [{'ProductVersionId': 'pv-seeded01', 'TemplateBody': 'ROSTemplateFormatVersion: 2015-09-01\n'}]}],
            'constraints': [{'ConstraintId': 'cons-seeded01', 'PortfolioId': 'port-seeded01', 'ProductId': 'prod-seeded01'}],
            'tag_options': [{'TagOptionId': 'tag-seeded01', 'Key': 'k', 'Value': 'v'}]}
    response = requests.post(f'{emulator.url}/_emulator/seed', json=seed, timeout=10)
    assert response.status_code == 200, response.text
    assert {k: v for k, v in response.json()['seeded'].items() if v} == {'portfolios': 1, 'products': 1, 'constraints': 1, 'tag_options': 1}
    assert client.ok('GetTemplate', {'ProductId': 'prod-seeded01', 'ProductVersionId': 'pv-seeded01'})['TemplateBody'].startswith('ROSTemplate')
    assert json.loads(client.ok('GetConstraint', {'ConstraintId': 'cons-seeded01'})['ConstraintDetail']['Config']) == {
        'LocalRoleName': 'ServiceCatalogLaunchRole'}
    assert client.ok('GetPortfolio', {'PortfolioId': 'port-seeded01'})['TagOptions'][0]['Owner'] == '1466115886170001'
    assert client.ok('GetProductAsEndUser', {'ProductId': 'prod-seeded01'})['ProductSummary']['HasDefaultLaunchOption'] is True
    requests.post(f'{emulator.url}/_emulator/reset', timeout=10)
    assert client.error('GetPortfolio', {'PortfolioId': 'port-seeded01'})[0] == 404


@pytest.mark.parametrize('bad,message', [
    ({'tag_options': [{'TagOptionId': 't', 'Key': 'k'}]}, 'tag_options[0].Value'),
    ({'constraints': [{'ConstraintId': 'c', 'PortfolioId': 'p', 'ProductId': 'x', 'ConstraintType': 'Launch', 'StackRegions': ['cn-hangzhou']}]},
     'constraints[0].StackRegions'),
    ({'products': [{'ProductId': 'p', 'Versions': [{'ProductVersionId': 'v', 'Guidance': 'Best'}]}]}, 'products[0].Versions[0].Guidance'),
    ({'portfolios': [{'PortfolioId': 'p', 'Principals': [{'PrincipalType': 'RamUser'}]}]}, 'portfolios[0].Principals[0]'),
    ({'products': [{'ProductId': 'p', 'Versions': [{'ProductVersionId': 'v', 'TemplateFormat': 'XML'}]}]}, 'TemplateFormat'),
])
def test_seed_catalog_validation(emulator, bad, message):
    import requests
    response = requests.post(f'{emulator.url}/_emulator/seed', json=bad, timeout=10)
    assert response.status_code == 400 and message in response.json()['error']


def test_generated_catalog_pages(gen_client):
    products = gen_client.ok('ListProductsAsAdmin', {'PageSize': 10, 'PageNumber': 3})
    assert products['TotalCount'] == 24 and len(products['ProductDetails']) == 4
    tags = gen_client.ok('ListTagOptions', {'Filters': '{"Active":true}', 'PageSize': 10})
    assert tags['TotalCount'] > 10 and tags['NextToken']
    version = gen_client.ok('ListProductVersions', {'ProductId': 'prod-bp18r7q127g001'})['ProductVersionDetails'][1]
    template = gen_client.ok('GetTemplate', {'ProductId': 'prod-bp18r7q127g001', 'ProductVersionId': version['ProductVersionId']})['TemplateBody']
    assert 'Parameters:' in template and 'Outputs:' in template
    instance = gen_client.ok('ListProvisionedProducts', {'AccessLevelFilter': 'Account', 'PageSize': 1})['ProvisionedProductDetails'][0]
    assert gen_client.ok('GetProductAsAdmin', {'ProductId': instance['ProductId']})
    options = gen_client.ok('ListLaunchOptions', {'ProductId': instance['ProductId']})['LaunchOptionSummaries']
    assert instance['PortfolioId'] in [o['PortfolioId'] for o in options]
    assert gen_client.ok('GetPortfolio', {'PortfolioId': instance['PortfolioId']})
