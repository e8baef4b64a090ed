"""The administration writes: each one, what the reads show afterwards, and the refusals."""
from __future__ import annotations

import json

import pytest

from emu_client import filters
from emu_support import changed, provisioning_time

ECS, RDS, VPC, OSS = 'prod-bp18r7q127a001', 'prod-bp1rtrnh2ca002', 'prod-bp1vpcnet2ca003', 'prod-bp1ossbkt2ca004'
COMPUTE, DATA, SHARED = 'port-bp1yt7582g0a01', 'port-bp1438kf2j0a02', 'port-bp1shared0a03'
TEMPLATE = {'ROSTemplateFormatVersion': '2015-09-01', 'Transform': 'Aliyun::Terraform-v1.2', 'Description': 'queue',
            'Parameters': {'queue_name': {'Type': 'String', 'Default': 'jobs', 'Description': 'Queue name'}},
            'Workspace': {'main.tf': 'variable "queue_name" {}\noutput "queue_id" { value = "" }\n'},
            'Outputs': {'queue_id': {'Description': 'The queue ID.'}}}


def code_of(client, action, body):
    status, error = client.error(action, body=body)
    return status, error['Code']


def template_url(client, document=None, template_type='RosTerraformTemplate', **extra) -> str:
    body = {'TemplateBody': json.dumps(document or TEMPLATE), 'TemplateType': template_type, **extra}
    return client.ok('CreateTemplate', body=body)['TemplateUrl']


def new_product(client, name='queue', version=True) -> dict:
    body = {'ProductName': name, 'ProviderName': 'Platform', 'ProductType': 'Ros', 'Description': 'A message queue.'}
    if version:
        body['ProductVersionParameters'] = json.dumps({'ProductVersionName': '1.0', 'TemplateUrl': template_url(client), 'Guidance': 'Default'},
                                                      separators=(',', ':'))
    return client.ok('CreateProduct', body=body)


def test_portfolio_lifecycle(client):
    created = client.ok('CreatePortfolio', body={'PortfolioName': 'Messaging', 'ProviderName': 'Platform', 'Description': 'Queues.'})
    portfolio_id = created['PortfolioId']
    detail = client.ok('GetPortfolio', {'PortfolioId': portfolio_id})
    assert (detail['PortfolioDetail']['PortfolioName'], detail['PortfolioDetail']['Description'], detail['TagOptions']) == ('Messaging', 'Queues.', [])
    assert detail['PortfolioDetail']['PortfolioArn'].endswith(f':portfolio/{portfolio_id}')
    listed = client.ok('ListPortfolios', filters(('PortfolioName', 'messaging')))['PortfolioDetails']
    assert [p['PortfolioId'] for p in listed] == [portfolio_id]
    updated = client.ok('UpdatePortfolio', body={'PortfolioId': portfolio_id, 'PortfolioName': 'Messaging 2', 'ProviderName': 'Platform'})
    assert updated['PortfolioId'] == portfolio_id
    assert client.ok('GetPortfolio', {'PortfolioId': portfolio_id})['PortfolioDetail']['Description'] == 'Queues.'  # not sent: kept
    client.ok('UpdatePortfolio', body={'PortfolioId': portfolio_id, 'PortfolioName': 'Messaging 2', 'ProviderName': 'P', 'Description': ''})
    assert client.ok('GetPortfolio', {'PortfolioId': portfolio_id})['PortfolioDetail']['Description'] == ''  # sent empty: cleared
    assert client.ok('DeletePortfolio', body={'PortfolioId': portfolio_id}).keys() == {'RequestId'}
    assert code_of(client, 'GetPortfolio', {'PortfolioId': portfolio_id}) == (404, 'EntityNotExist.Portfolio')
    assert code_of(client, 'DeletePortfolio', {'PortfolioId': portfolio_id}) == (404, 'EntityNotExist.Portfolio')


def test_portfolio_errors(client):
    assert code_of(client, 'CreatePortfolio', {'ProviderName': 'P'}) == (400, 'MissingPortfolioName')
    assert code_of(client, 'CreatePortfolio', {'PortfolioName': 'n'}) == (400, 'MissingProviderName')
    assert code_of(client, 'CreatePortfolio', {'PortfolioName': 'n' * 129, 'ProviderName': 'P'}) == (400, 'InvalidParameter.PortfolioName')
    assert code_of(client, 'UpdatePortfolio', {'PortfolioId': COMPUTE, 'PortfolioName': 'x'}) == (400, 'MissingProviderName')
    assert code_of(client, 'UpdatePortfolio', {'PortfolioId': SHARED, 'PortfolioName': 'x', 'ProviderName': 'y'}) == (
        400, 'InvalidOperation.Imported')
    assert code_of(client, 'DeletePortfolio', {'PortfolioId': COMPUTE}) == (409, 'DeleteConflict.Portfolio.Product')  # it holds products
    assert client.ok('GetPortfolio', {'PortfolioId': COMPUTE})['PortfolioDetail']['PortfolioName'] == 'Compute and network'


def test_product_with_its_first_version(client):
    created = new_product(client)
    product_id, version_id = created['ProductId'], created['ProductVersionId']
    admin = client.ok('GetProductAsAdmin', {'ProductId': product_id})['ProductDetail']
    assert (admin['ProductName'], admin['ProductType'], admin['TemplateType'], admin['ProviderName']) == (
        'queue', 'Ros', 'RosTerraformTemplate', 'Platform')
    versions = client.ok('ListProductVersions', {'ProductId': product_id})['ProductVersionDetails']
    assert [(v['ProductVersionId'], v['ProductVersionName'], v['Active'], v['Guidance']) for v in versions] == [(version_id, '1.0', True, 'Default')]
    body = client.ok('GetTemplate', {'ProductId': product_id, 'ProductVersionId': version_id})['TemplateBody']
    assert json.loads(body) == TEMPLATE
    assert client.ok('ListProductsAsAdmin', filters(('ProductName', 'QUEUE')))['TotalCount'] == 1
    bare = new_product(client, 'bare', version=False)
    assert 'ProductVersionId' not in bare
    assert client.ok('ListProductVersions', {'ProductId': bare['ProductId']})['ProductVersionDetails'] == []


def test_product_update_copy_delete(client):
    product_id = new_product(client)['ProductId']
    client.ok('UpdateProduct', body={'ProductId': product_id, 'ProductName': 'queue-2', 'ProviderName': 'Platform'})
    detail = client.ok('GetProductAsAdmin', {'ProductId': product_id})['ProductDetail']
    assert (detail['ProductName'], detail['Description']) == ('queue-2', 'A message queue.')
    arn = detail['ProductArn']
    assert client.ok('CopyProduct', body={'SourceProductArn': arn, 'TargetProductName': 'queue-copy'}).keys() == {'RequestId'}
    copies = client.ok('ListProductsAsAdmin', filters(('ProductName', 'queue-copy')))['ProductDetails']
    assert len(copies) == 1 and copies[0]['ProductId'] != product_id
    copied_versions = client.ok('ListProductVersions', {'ProductId': copies[0]['ProductId']})['ProductVersionDetails']
    assert [v['ProductVersionName'] for v in copied_versions] == ['1.0']
    client.ok('DeleteProduct', body={'ProductId': product_id})
    assert code_of(client, 'GetProductAsAdmin', {'ProductId': product_id}) == (404, 'EntityNotExist.Product')
    assert code_of(client, 'DeleteProduct', {'ProductId': ECS}) == (409, 'DeleteConflict.Product.Portfolio')
    assert code_of(client, 'CopyProduct', {'SourceProductArn': 'prod-bp18r7q127a001'}) == (400, 'InvalidParameter.SourceProductArn')
    assert code_of(client, 'CopyProduct', {'SourceProductArn': 'acs:servicecatalog:cn-hangzhou:1:product/prod-bp1nosuch00000'}) == (
        404, 'EntityNotExist.Product')


@pytest.mark.parametrize('change, code', [
    ({'ProductType': None}, 'MissingProductType'),
    ({'ProductType': 'Terraform'}, 'InvalidParameter.ProductType'),
    ({'TemplateType': 'Helm'}, 'InvalidParameter.TemplateType'),
    ({'ProductVersionParameters': '{"ProductVersionName":"v1"}'}, 'InvalidParameter.ProductVersionParameters'),
    ({'ProductVersionParameters': '[1]'}, 'InvalidParameter.ProductVersionParameters'),
    ({'ProductVersionParameters': '{"ProductVersionName":"v1","TemplateUrl":"oss://nowhere/t.json"}'}, 'InvalidParameter.TemplateUrl'),
    ({'ProductVersionParameters': '{"ProductVersionName":"v1","TemplateUrl":"x","Colour":"red"}'}, 'InvalidParameter.ProductVersionParameters'),
])
def test_create_product_errors(client, change, code):
    assert code_of(client, 'CreateProduct', changed({'ProductName': 'broken', 'ProviderName': 'P', 'ProductType': 'Ros'}, change)) == (400, code)
    assert client.ok('ListProductsAsAdmin', filters(('ProductName', 'broken')))['TotalCount'] == 0


def test_versions(client):
    product_id = new_product(client)['ProductId']
    url = template_url(client)
    created = client.ok('CreateProductVersion', body={'ProductId': product_id, 'ProductVersionName': '2.0', 'TemplateType': 'RosTerraformTemplate',
                                                      'TemplateUrl': url, 'Active': 'False', 'Guidance': 'Latest', 'Description': 'next'})
    version_id = created['ProductVersionId']
    detail = client.ok('GetProductVersion', {'ProductVersionId': version_id})['ProductVersionDetail']
    assert (detail['Active'], detail['Guidance'], detail['TemplateUrl'], detail['ProductId']) == (False, 'Latest', url, product_id)
    client.ok('UpdateProductVersion', body={'ProductVersionId': version_id, 'ProductVersionName': '2.0.1', 'Active': 'true', 'Guidance': 'Default'})
    detail = client.ok('GetProductVersion', {'ProductVersionId': version_id})['ProductVersionDetail']
    assert (detail['ProductVersionName'], detail['Active'], detail['Guidance'], detail['Description']) == ('2.0.1', True, 'Default', 'next')
    # a version can reuse the template of an existing version (its URL)
    reuse = client.ok('CreateProductVersion', body={'ProductId': product_id, 'ProductVersionName': 'demo', 'TemplateType': 'RosTerraformTemplate',
                                                    'TemplateUrl': 'oss://servicecatalog-templates-cn-hangzhou/prod-bp18r7q127a001/1.0/template.tf'})
    assert 'instance_type' in client.ok('GetTemplate', {'ProductId': product_id, 'ProductVersionId': reuse['ProductVersionId']})['TemplateBody']
    client.ok('DeleteProductVersion', body={'ProductVersionId': version_id})
    assert code_of(client, 'GetProductVersion', {'ProductVersionId': version_id}) == (404, 'EntityNotExist.ProductVersion')
    assert len(client.ok('ListProductVersions', {'ProductId': product_id})['ProductVersionDetails']) == 2
    base = {'ProductId': product_id, 'ProductVersionName': 'x', 'TemplateType': 'RosTerraformTemplate', 'TemplateUrl': url}
    assert code_of(client, 'CreateProductVersion', dict(base, Active='yes')) == (400, 'InvalidParameter.Active')
    assert code_of(client, 'CreateProductVersion', dict(base, Guidance='Best')) == (400, 'InvalidParameter.Guidance')
    assert code_of(client, 'CreateProductVersion', dict(base, TemplateType='RosStandardTemplate')) == (400, 'InvalidParameter.TemplateType')
    assert code_of(client, 'CreateProductVersion', dict(base, TemplateUrl='oss://elsewhere/t.json')) == (400, 'InvalidParameter.TemplateUrl')
    assert code_of(client, 'CreateProductVersion', dict(base, ProductId='prod-bp1nosuch00000')) == (404, 'EntityNotExist.Product')
    assert code_of(client, 'UpdateProductVersion', {'ProductVersionId': 'pv-bp1nosuch000000', 'ProductVersionName': 'x'}) == (
        404, 'EntityNotExist.ProductVersion')


def test_a_new_catalog_can_be_launched(emulator, client):
    """Built from nothing with the administration writes, then used by an end user."""
    with provisioning_time(emulator, 0):
        portfolio_id = client.ok('CreatePortfolio', body={'PortfolioName': 'Messaging', 'ProviderName': 'Platform'})['PortfolioId']
        created = new_product(client)
        client.ok('AssociateProductWithPortfolio', body={'ProductId': created['ProductId'], 'PortfolioId': portfolio_id})
        launch = {'ProductId': created['ProductId'], 'ProductVersionId': created['ProductVersionId'], 'ProvisionedProductName': 'q1',
                  'StackRegionId': 'cn-hangzhou'}
        assert code_of(client, 'LaunchProduct', launch) == (403, 'NoPermission')  # not yet granted
        client.ok('AssociatePrincipalWithPortfolio', body={'PortfolioId': portfolio_id, 'PrincipalType': 'RamUser',
                                                           'PrincipalId': '240000000000000001'})
        summary = client.ok('GetProductAsEndUser', {'ProductId': created['ProductId']})['ProductSummary']
        assert summary['HasDefaultLaunchOption'] is True
        pp_id = client.ok('LaunchProduct', body=launch)['ProvisionedProductId']
        detail = client.ok('GetProvisionedProduct', {'ProvisionedProductId': pp_id})['ProvisionedProductDetail']
        outputs = client.ok('GetTask', body={'TaskId': detail['LastTaskId']})['TaskDetail']['Outputs']
        assert detail['Status'] == 'Available' and outputs[0]['OutputKey'] == 'queue_id'


def test_templates(client):
    url = template_url(client, **{'TerraformVariables.1.VariableName': 'queue_name', 'TerraformVariables.1.Description': '{"Label":"Queue"}'})
    assert url.startswith('oss://servicecatalog-templates-cn-hangzhou/uploads/') and url != template_url(client)  # a new URL each time
    bad = {'TemplateBody': json.dumps(TEMPLATE), 'TemplateType': 'RosTerraformTemplate'}
    assert code_of(client, 'CreateTemplate', dict(bad, **{'TerraformVariables.1.VariableName': 'nope'})) == (
        400, 'InvalidParameter.TerraformVariables')
    assert code_of(client, 'CreateTemplate', dict(bad, **{'TerraformVariables.1.VariableName': 'queue_name',
                                                          'TerraformVariables.1.Description': 'Label: Queue'})) == (
        400, 'InvalidParameter.TerraformVariables')
    assert code_of(client, 'CreateTemplate', dict(bad, TemplateBody='{"unterminated": ')) == (400, 'InvalidParameter.TemplateBody')
    assert code_of(client, 'CreateTemplate', dict(bad, TemplateBody='[1, 2]')) == (400, 'InvalidParameter.TemplateBody')
    assert code_of(client, 'CreateTemplate', dict(bad, TemplateType='Helm')) == (400, 'InvalidParameter.TemplateType')
    assert code_of(client, 'CreateTemplate', {'TemplateType': 'RosTerraformTemplate'}) == (400, 'MissingTemplateBody')
    yaml_url = client.ok('CreateTemplate', body={'TemplateBody': "ROSTemplateFormatVersion: '2015-09-01'\n",
                                                 'TemplateType': 'RosStandardTemplate'})['TemplateUrl']
    assert yaml_url != url


def test_constraints(client):
    product_id = new_product(client)['ProductId']
    client.ok('AssociateProductWithPortfolio', body={'ProductId': product_id, 'PortfolioId': COMPUTE})
    body = {'ConstraintType': 'Launch', 'Config': '{"LocalRoleName":"QueueRole"}', 'PortfolioId': COMPUTE, 'ProductId': product_id,
            'Description': 'as QueueRole'}
    constraint_id = client.ok('CreateConstraint', body=body)['ConstraintId']
    detail = client.ok('GetConstraint', {'ConstraintId': constraint_id})['ConstraintDetail']
    assert (detail['ConstraintType'], json.loads(detail['Config']), detail['ProductName']) == ('Launch', {'LocalRoleName': 'QueueRole'}, 'queue')
    summaries = client.ok('ListLaunchOptions', {'ProductId': product_id})['LaunchOptionSummaries'][0]['ConstraintSummaries']
    assert summaries == [{'ConstraintType': 'Launch', 'Description': 'as QueueRole'}]
    assert code_of(client, 'CreateConstraint', body) == (409, 'EntityAlreadyExist.Constraint')
    client.ok('UpdateConstraint', body={'ConstraintId': constraint_id, 'Config': '{"LocalRoleName":"QueueRole2"}'})
    detail = client.ok('GetConstraint', {'ConstraintId': constraint_id})['ConstraintDetail']
    assert (json.loads(detail['Config']), detail['Description']) == ({'LocalRoleName': 'QueueRole2'}, 'as QueueRole')
    for config in ('not json', '["x"]', '{"Role":"x"}'):
        assert code_of(client, 'UpdateConstraint', {'ConstraintId': constraint_id, 'Config': config}) == (400, 'InvalidParameter.Config')
    assert code_of(client, 'CreateConstraint', dict(body, ConstraintType='Approval')) == (400, 'InvalidParameter.ConstraintType')
    assert code_of(client, 'CreateConstraint', dict(body, PortfolioId=DATA)) == (400, 'InvalidParameter.PortfolioId')
    client.ok('DeleteConstraint', body={'ConstraintId': constraint_id})
    assert code_of(client, 'GetConstraint', {'ConstraintId': constraint_id}) == (404, 'EntityNotExist.Constraint')
    assert code_of(client, 'DeleteConstraint', {'ConstraintId': constraint_id}) == (404, 'EntityNotExist.Constraint')
    # disassociating a product removes the constraints on that pair
    again = client.ok('CreateConstraint', body=body)['ConstraintId']
    client.ok('DisassociateProductFromPortfolio', body={'ProductId': product_id, 'PortfolioId': COMPUTE})
    assert code_of(client, 'GetConstraint', {'ConstraintId': again}) == (404, 'EntityNotExist.Constraint')


def test_tag_options(client):
    detail = client.ok('CreateTagOption', body={'Key': 'cost-center', 'Value': 'cc-42'})['TagOptionDetail']
    assert list(detail) == ['TagOptionId', 'Key', 'Value', 'Active', 'Owner']
    assert (detail['Key'], detail['Value'], detail['Active'], detail['Owner']) == ('cost-center', 'cc-42', True, '1466115886170001')
    tag_id = detail['TagOptionId']
    assert client.ok('GetTagOption', {'TagOptionId': tag_id}, method='GET')['TagOptionDetail'] == detail
    assert code_of(client, 'CreateTagOption', {'Key': 'cost-center', 'Value': 'cc-42'}) == (409, 'EntityAlreadyExist.TagOption')
    updated = client.ok('UpdateTagOption', body={'TagOptionId': tag_id, 'Value': 'cc-43', 'Active': 'False'})['TagOptionDetail']
    assert (updated['Value'], updated['Active']) == ('cc-43', False)
    listed = client.ok('ListTagOptions', {'Filters': '{"Active":false,"Key":"cost-center"}'}, method='GET')['TagOptionDetails']
    assert [t['TagOptionId'] for t in listed] == [tag_id]
    assert code_of(client, 'AssociateTagOptionWithResource', {'TagOptionId': tag_id, 'ResourceId': ECS}) == (400, 'InvalidStatus.TagOption')
    client.ok('UpdateTagOption', body={'TagOptionId': tag_id, 'Active': 'true'})
    for bad in ({'Key': 'acs:x', 'Value': 'v'}, {'Key': 'aliyun-x', 'Value': 'v'}, {'Key': 'k', 'Value': 'http://x'}, {'Key': 'k' * 129, 'Value': 'v'}):
        assert code_of(client, 'CreateTagOption', bad) == (400, 'InvalidParameter.TagOption')
    assert code_of(client, 'CreateTagOption', {'Key': 'k'}) == (400, 'MissingValue')
    assert code_of(client, 'UpdateTagOption', {'TagOptionId': tag_id, 'Value': 'acs:v'}) == (400, 'InvalidParameter.TagOption')
    client.ok('DeleteTagOption', body={'TagOptionId': tag_id})
    assert code_of(client, 'GetTagOption', {'TagOptionId': tag_id}) == (404, 'EntityNotExist.TagOption')
    assert code_of(client, 'DeleteTagOption', {'TagOptionId': 'tag-bp1env0prod0a01'}) == (409, 'DeleteConflict.TagOption.Resource')


def test_tag_option_associations(client):
    tag_id = client.ok('CreateTagOption', body={'Key': 'tier', 'Value': 'gold'})['TagOptionDetail']['TagOptionId']
    client.ok('AssociateTagOptionWithResource', body={'TagOptionId': tag_id, 'ResourceId': ECS})
    client.ok('AssociateTagOptionWithResource', body={'TagOptionId': tag_id, 'ResourceId': ECS})  # again: nothing changes
    client.ok('AssociateTagOptionWithResource', body={'TagOptionId': tag_id, 'ResourceId': DATA})
    assert tag_id in [t['TagOptionId'] for t in client.ok('GetProductAsAdmin', {'ProductId': ECS})['TagOptions']]
    assert tag_id in [t['TagOptionId'] for t in client.ok('GetPortfolio', {'PortfolioId': DATA})['TagOptions']]
    products = client.ok('ListResourcesForTagOption', {'TagOptionId': tag_id, 'ResourceType': 'product'}, method='GET')
    assert [r['ResourceId'] for r in products['ResourceDetails']] == [ECS]
    assert code_of(client, 'DeleteTagOption', {'TagOptionId': tag_id}) == (409, 'DeleteConflict.TagOption.Resource')
    client.ok('DisAssociateTagOptionFromResource', body={'TagOptionId': tag_id, 'ResourceId': ECS})
    client.ok('DisAssociateTagOptionFromResource', body={'TagOptionId': tag_id, 'ResourceId': DATA})
    assert client.ok('ListResourcesForTagOption', {'TagOptionId': tag_id, 'ResourceType': 'product'}, method='GET')['TotalCount'] == 0
    assert code_of(client, 'DisAssociateTagOptionFromResource', {'TagOptionId': tag_id, 'ResourceId': ECS}) == (404, 'EntityNotExist.Association')
    assert code_of(client, 'AssociateTagOptionWithResource', {'TagOptionId': tag_id, 'ResourceId': 'port-bp1nosuch0000'}) == (
        404, 'EntityNotExist.Portfolio')
    assert code_of(client, 'AssociateTagOptionWithResource', {'TagOptionId': tag_id, 'ResourceId': 'prod-bp1nosuch00000'}) == (
        404, 'EntityNotExist.Product')
    assert code_of(client, 'AssociateTagOptionWithResource', {'TagOptionId': 'tag-bp1nosuch00000', 'ResourceId': ECS}) == (
        404, 'EntityNotExist.TagOption')
    client.ok('DeleteTagOption', body={'TagOptionId': tag_id})


def test_product_portfolio_associations(client):
    client.ok('AssociateProductWithPortfolio', body={'ProductId': OSS, 'PortfolioId': COMPUTE})
    assert OSS in [p['ProductId'] for p in client.ok('ListProductsAsAdmin', {'PortfolioId': COMPUTE, 'PageSize': 100})['ProductDetails']]
    options = client.ok('ListLaunchOptions', {'ProductId': OSS})['LaunchOptionSummaries']
    assert sorted(o['PortfolioId'] for o in options) == sorted([COMPUTE, DATA])
    assert client.ok('GetProductAsEndUser', {'ProductId': OSS})['ProductSummary']['HasDefaultLaunchOption'] is False
    client.ok('AssociateProductWithPortfolio', body={'ProductId': OSS, 'PortfolioId': COMPUTE})  # again: nothing changes
    assert len(client.ok('ListLaunchOptions', {'ProductId': OSS})['LaunchOptionSummaries']) == 2
    client.ok('DisassociateProductFromPortfolio', body={'ProductId': OSS, 'PortfolioId': COMPUTE})
    assert [o['PortfolioId'] for o in client.ok('ListLaunchOptions', {'ProductId': OSS})['LaunchOptionSummaries']] == [DATA]
    assert code_of(client, 'DisassociateProductFromPortfolio', {'ProductId': OSS, 'PortfolioId': COMPUTE}) == (404, 'EntityNotExist.Association')
    assert code_of(client, 'AssociateProductWithPortfolio', {'ProductId': OSS, 'PortfolioId': 'port-bp1nosuch0000'}) == (
        404, 'EntityNotExist.Portfolio')
    assert code_of(client, 'AssociateProductWithPortfolio', {'ProductId': OSS}) == (400, 'MissingPortfolioId')


def test_principal_associations(client, alice):
    assert [p['ProductId'] for p in alice.ok('ListProductsAsEndUser', filters(('ProductName', 'OSS bucket')))['ProductSummaries']] == []
    client.ok('AssociatePrincipalWithPortfolio', body={'PortfolioId': DATA, 'PrincipalType': 'RamUser', 'PrincipalId': '240000000000000002'})
    principals = client.ok('ListPrincipals', {'PortfolioId': DATA})['Principals']
    assert {'PrincipalId': '240000000000000002', 'PrincipalType': 'RamUser', 'PrincipalPattern': ''} in principals
    assert [p['ProductId'] for p in alice.ok('ListProductsAsEndUser', filters(('ProductName', 'OSS bucket')))['ProductSummaries']] == [OSS]
    client.ok('AssociatePrincipalWithPortfolio', body={'PortfolioId': DATA, 'PrincipalType': 'RamUser', 'PrincipalId': '240000000000000002'})
    assert len(client.ok('ListPrincipals', {'PortfolioId': DATA})['Principals']) == len(principals)  # again: nothing changes
    client.ok('DisassociatePrincipalFromPortfolio', body={'PortfolioId': DATA, 'PrincipalType': 'RamUser', 'PrincipalId': '240000000000000002'})
    assert alice.ok('ListProductsAsEndUser', filters(('ProductName', 'OSS bucket')))['ProductSummaries'] == []
    client.ok('AssociatePrincipalWithPortfolio', body={'PortfolioId': COMPUTE, 'PrincipalType': 'RamRole', 'PrincipalPattern': 'ops-*'})
    assert {'PrincipalId': '', 'PrincipalType': 'RamRole', 'PrincipalPattern': 'ops-*'} in client.ok(
        'ListPrincipals', {'PortfolioId': COMPUTE})['Principals']
    bad = {'PortfolioId': DATA, 'PrincipalType': 'RamUser', 'PrincipalId': '240000000000000099'}
    assert code_of(client, 'DisassociatePrincipalFromPortfolio', bad) == (404, 'EntityNotExist.Association')
    assert code_of(client, 'AssociatePrincipalWithPortfolio', dict(bad, PrincipalType='RamGroup')) == (400, 'InvalidParameter.PrincipalType')
    assert code_of(client, 'AssociatePrincipalWithPortfolio', {'PortfolioId': DATA, 'PrincipalType': 'RamUser'}) == (400, 'MissingPrincipalId')
    assert code_of(client, 'AssociatePrincipalWithPortfolio', dict(bad, PortfolioId='port-bp1nosuch0000')) == (404, 'EntityNotExist.Portfolio')


def test_an_emptied_portfolio_can_be_deleted(client):
    client.ok('DisassociateProductFromPortfolio', body={'ProductId': VPC, 'PortfolioId': SHARED})
    assert code_of(client, 'DeletePortfolio', {'PortfolioId': SHARED}) == (400, 'InvalidOperation.Imported')
    for product_id in (RDS, OSS, 'prod-bp1redis02ca006'):
        client.ok('DisassociateProductFromPortfolio', body={'ProductId': product_id, 'PortfolioId': DATA})
    client.ok('DeletePortfolio', body={'PortfolioId': DATA})
    assert code_of(client, 'ListPrincipals', {'PortfolioId': DATA}) == (404, 'EntityNotExist.Portfolio')
    assert client.ok('ListLaunchOptions', {'ProductId': RDS})['LaunchOptionSummaries'] == []
