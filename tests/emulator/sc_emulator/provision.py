"""Provisioning: what the nine end-user write operations do to the store (instances, tasks, plans) and their state machines.

``Provisioning`` is a mixin of ``Store`` (it uses the store's lock, documents, rows and catalog). Every write is checked
completely before anything changes, so a refused write leaves no trace. Asynchronous work takes
``provision_seconds``: a task is written at once with its final outcome and ``_SettleAfterSeconds`` (the store shows it
``InProgress`` until then, its instance ``UnderChange``), and plan transitions due by then are applied by ``tick``, which
the API runs before every call. ``advance`` moves every pending piece of work forward, as if time had passed.
"""
from __future__ import annotations

from .errors import ApiError, invalid_parameter, not_found
from .model import DEFAULT_ACCOUNT_UID, REGIONS, Principal, default_approval_detail, iso, stable_uuid
from .provision_rules import effective_parameters, failure_message, outputs_for, resource_changes, resources_of, terraform_log

SERIAL_PREFIX = 'bp1wr'  # IDs of written items: pp-bp1wr000000001, task-bp1wr000000002, plan-bp1wr000000003 (growing serial)
NOT_EXECUTED_STATUSES = ('PreviewInProgress', 'PreviewSuccess', 'PreviewFailed', 'ApplicationInProgress', 'ApplicationApproved',
                         'ApplicationRejected')
PLAN_UPDATABLE_STATUSES = ('PreviewSuccess', 'PreviewFailed', 'ApplicationRejected')
DEFAULT_APPROVERS = ({'PrincipalType': 'RamUser', 'PrincipalName': 'demo-user'},)  # of an approval constraint whose data names none
TASK_VERBS = {'LaunchProduct': 'CREATE', 'UpdateProvisionedProduct': 'UPDATE', 'TerminateProvisionedProduct': 'DELETE'}


def invalid_status(thing: str, ident: str, status: str, wanted: str) -> ApiError:
    """400 InvalidStatus.<Thing>: the item is in a state that does not allow the call (code chosen by the emulator)."""
    return ApiError(400, f'InvalidStatus.{thing}', f'The {thing} {ident} is {status}; {wanted}.')


def no_permission(message: str) -> ApiError:
    return ApiError(403, 'NoPermission', message)


class Provisioning:
    """The write side of the store (mixed into Store)."""

    provision_seconds: float

    def _init_provisioning(self, provision_seconds: float) -> None:
        self.provision_seconds = check_seconds(provision_seconds)
        self._serial = 0
        self._pending_plans: set[str] = set()

    def _next_id(self, kind: str) -> str:
        self._serial += 1
        return f'{kind}-{SERIAL_PREFIX}{self._serial:09d}'

    # -- settings and time ---------------------------------------------------------------------------------------------

    def provisioning_settings(self, settings: dict | None = None) -> dict:
        """``/_emulator/provisioning``: ``{"seconds": S}`` sets the provisioning time of later writes, ``{"advance": S}``
        moves pending work S seconds forward, ``{"finish": true}`` finishes it all. ValueError (nothing changed) for a bad body."""
        settings = settings or {}
        unknown = sorted(set(settings) - {'seconds', 'advance', 'finish'})
        if unknown:
            raise ValueError(f'unknown provisioning settings: {", ".join(unknown)[:200]} (allowed: seconds, advance, finish)')
        seconds = check_seconds(settings['seconds']) if 'seconds' in settings else None
        advance = check_seconds(settings['advance']) if 'advance' in settings else 0.0
        finish = settings.get('finish', False)
        if not isinstance(finish, bool):
            raise ValueError('finish is true or false')
        with self._lock:
            if seconds is not None:
                self.provision_seconds = seconds
            if finish:
                advance = float('inf')
            if advance:
                self._advance(advance)
            self.tick()
            return {'seconds': self.provision_seconds, 'pending': self._pending_counts()}

    def _advance(self, seconds: float) -> None:
        now = self.clock()
        for doc in self.tasks.values():
            if doc.get('_Written') and doc['_LoadedAt'] + doc['_SettleAfterSeconds'] > now:
                doc['_LoadedAt'] = max(doc['_LoadedAt'] - seconds, now - doc['_SettleAfterSeconds'])
        for plan_id in self._pending_plans:
            doc = self.plans.get(plan_id)
            if doc is not None and doc.get('_PreviewDue') is not None and doc['_PreviewDue'] > now:
                doc['_PreviewDue'] = max(doc['_PreviewDue'] - seconds, now)

    def _pending_counts(self) -> dict:
        now = self.clock()
        tasks = sum(1 for doc in self.tasks.values() if doc.get('_Written') and doc['_LoadedAt'] + doc['_SettleAfterSeconds'] > now)
        return {'tasks': tasks, 'plans': len(self._pending_plans)}

    def tick(self) -> None:
        """Apply the plan transitions that are due: previews that ended, executions whose task ended."""
        with self._lock:
            if not self._pending_plans:
                return
            now = self.clock()
            changed = False
            for plan_id in sorted(self._pending_plans):
                doc = self.plans.get(plan_id)
                if doc is None or not doc.get('_Written'):
                    self._pending_plans.discard(plan_id)
                    continue
                if doc['Status'] == 'PreviewInProgress' and now >= doc['_PreviewDue']:
                    self._end_preview(doc)
                elif doc['Status'] == 'ExecuteInProgress':
                    task = self.tasks.get(doc['_ExecTaskId'])
                    view = self._task_view(task, now, self._raw_instance(task['ProvisionedProductId'])) if task else None
                    if view is None or view['Status'] == 'InProgress':
                        continue
                    doc['Status'] = 'ExecuteSuccess' if view['Status'] == 'Succeeded' else 'ExecuteFailed'
                    doc['UpdateTime'] = view['UpdateTime']
                    if view['Status'] == 'Failed':
                        doc['StatusMessage'] = view.get('StatusMessage', '')
                else:
                    continue
                if doc['Status'] not in ('PreviewInProgress', 'ExecuteInProgress'):
                    self._pending_plans.discard(plan_id)
                self._index_plan(doc)
                changed = True
            if changed:
                self._plan_index = None

    def _end_preview(self, doc: dict) -> None:
        due = doc['_PreviewDue']
        doc['UpdateTime'] = iso(due)
        failure = doc.get('_Failure')
        if failure and failure['Phase'] == 'plan':
            doc['Status'] = 'PreviewFailed'
            doc['StatusMessage'] = failure_message('plan', doc.get('ProvisionedProductId', ''), failure)
            return
        doc['ResourceChanges'] = doc.pop('_ResourceChanges', [])
        if doc['AssignedApprovers']:
            doc['Status'] = 'ApplicationInProgress'
            detail = self._approval_detail(doc)
            detail['OperationRecords'].append({'ApprovalAction': 'Submit', 'Comment': doc['Description'], 'CreateTime': iso(due), 'Operator': {
                'PrincipalId': doc['OwnerPrincipalId'], 'PrincipalName': doc['OwnerPrincipalName'], 'PrincipalType': doc['OwnerPrincipalType']}})
            detail['TodoTaskActivities'] = [{'ActivityName': 'Approval', 'Tasks': [
                {'Operator': {'PrincipalName': a['PrincipalName'], 'PrincipalType': a['PrincipalType']}} for a in doc['AssignedApprovers']]}]
        else:
            doc['Status'] = 'PreviewSuccess'

    # -- what a launch may use -----------------------------------------------------------------------------------------

    def _product_and_version(self, product_id: str, version_id: str) -> tuple[dict, dict]:
        product = self.cat.products.get(product_id)
        if product is None:
            raise not_found('Product', product_id)
        version = self.cat.versions.get(version_id)
        if version is None or version['ProductId'] != product_id:
            raise not_found('ProductVersion', version_id)
        if not version['Active']:
            raise invalid_status('ProductVersion', version_id, 'inactive', 'end users launch and update with active versions only')
        return product, version

    def _portfolio_for(self, caller: Principal, product_id: str, portfolio_id: str | None, fallback: str | None = None) -> str:
        """The launch option used: the given portfolio, else the product's only one (its default launch option), else ``fallback``."""
        holding = self.cat.holding_portfolios(product_id)
        if portfolio_id:
            if portfolio_id not in self.cat.portfolios:
                raise not_found('Portfolio', portfolio_id)
            if portfolio_id not in {p['PortfolioId'] for p in holding}:
                raise invalid_parameter(f'The product {product_id} is not in the portfolio {portfolio_id}; its launch options: '
                                        f'{", ".join(p["PortfolioId"] for p in holding) or "none"}.', 'InvalidParameter.PortfolioId')
        elif fallback:
            portfolio_id = fallback
        elif len(holding) == 1:
            portfolio_id = holding[0]['PortfolioId']
        elif not holding:
            raise invalid_parameter(f'The product {product_id} is in no portfolio: it cannot be launched.', 'InvalidParameter.PortfolioId')
        else:
            raise ApiError(400, 'MissingPortfolioId', f'PortfolioId is mandatory for this action: the product {product_id} has no default launch '
                                                      f'option; its launch options: {", ".join(p["PortfolioId"] for p in holding)}.')
        if not self.cat.grants(portfolio_id, caller):
            raise no_permission(f'The {caller.type} {caller.name} is not a principal of the portfolio {portfolio_id}: it cannot use its products.')
        return portfolio_id

    def _check_region(self, region: str, portfolio_id: str, product_id: str) -> None:
        known = [name for name, _local in REGIONS]
        if region not in known:
            raise invalid_parameter(f'The parameter StackRegionId must be one of {", ".join(known)}; got {region[:40]!r}.',
                                    'InvalidParameter.StackRegionId')
        for constraint in self.cat.constraints_on(portfolio_id, product_id):
            if constraint['ConstraintType'] == 'StackRegion' and region not in constraint['StackRegions']:
                raise invalid_parameter(f'A stack region constraint ({constraint["ConstraintId"]}) allows only '
                                        f'{", ".join(constraint["StackRegions"])}; got {region}.', 'InvalidParameter.StackRegionId')

    def _approvers(self, portfolio_id: str, product_id: str, operation: str) -> list[dict]:
        """The approvers of the approval constraints covering the operation (empty: no approval needed)."""
        found: dict = {}
        for constraint in self.cat.constraints_on(portfolio_id, product_id):
            if constraint['ConstraintType'] == 'Approval' and operation in constraint['OperationTypes']:
                for approver in constraint.get('Approvers') or DEFAULT_APPROVERS:
                    found.setdefault((approver['PrincipalType'], approver['PrincipalName']), None)
        return [{'PrincipalType': ptype, 'PrincipalName': name} for ptype, name in found]

    def _refuse_if_approval(self, portfolio_id: str, product_id: str, operation: str) -> None:
        if self._approvers(portfolio_id, product_id, operation):
            raise ApiError(400, 'InvalidOperation.ApprovalRequired',
                           f'An approval constraint applies to {operation} of the product {product_id} in the portfolio {portfolio_id}: '
                           'create a plan (CreateProvisionedProductPlan), have it approved, then execute it.')

    def _instance_for_change(self, caller: Principal, pp_id: str) -> dict:
        view = self._instance_view(pp_id, self.clock())
        if view is None or self._instance_uid(pp_id) != caller.uid:
            raise not_found('ProvisionedProduct', pp_id)
        if view['Status'] == 'UnderChange':
            raise invalid_status('ProvisionedProduct', pp_id, 'UnderChange', 'wait until its status is Available or Error')
        return view

    def _instance_uid(self, pp_id: str) -> str:
        row = self._instance_rows.get(pp_id)
        return row.uid if row else DEFAULT_ACCOUNT_UID

    def _current(self, view: dict) -> tuple[dict, list[dict], list[dict]]:
        """(effective parameters, Parameters list, TaskTags) of the instance's last successful launch or update."""
        now = self.clock()
        for task in reversed(self._task_views_for(view['ProvisionedProductId'], now)):
            if task['Status'] == 'Succeeded' and task['TaskType'] != 'TerminateProvisionedProduct':
                doc = self.tasks.get(task['TaskId'], task)
                effective = doc.get('_Effective')
                if effective is None:
                    version = self.cat.versions.get(task.get('ProductVersionId', ''), {})
                    effective = effective_parameters(version, [(p['ParameterKey'], p['ParameterValue']) for p in task.get('Parameters', [])],
                                                     strict=False)
                return dict(effective), list(task.get('Parameters', [])), list(task.get('TaskTags', []))
        return {}, [], []

    # -- tasks and instances -------------------------------------------------------------------------------------------

    def _start_task(self, caller: Principal, kind: str, instance: dict, version: dict, portfolio_id: str, given: list[tuple[str, str]],
                    effective: dict, tags: list[tuple[str, str]], changed: bool = True) -> str:
        """Write a task that runs for ``provision_seconds`` (its outcome decided now, shown when it settles); its ID."""
        now = self.clock()
        pp_id = instance['ProvisionedProductId']
        task_id = self._next_id('task')
        failure = version.get('_ProvisionFailure') if kind != 'TerminateProvisionedProduct' else None
        resources = resources_of(version)
        outputs = [] if failure or kind == 'TerminateProvisionedProduct' else outputs_for(version, pp_id, effective, instance['StackRegionId'])
        doc = {'TaskId': task_id, 'TaskType': kind, 'PortfolioId': portfolio_id, 'ProductId': version['ProductId'],
               'ProductName': self.cat.products.get(version['ProductId'], instance)['ProductName'], 'ProductVersionId': version['ProductVersionId'],
               'ProductVersionName': version['ProductVersionName'], 'ProvisionedProductId': pp_id,
               'ProvisionedProductName': instance['ProvisionedProductName'],
               'Parameters': [{'ParameterKey': key, 'ParameterValue': value} for key, value in given],
               'Outputs': outputs, 'Log': {'TerraformLogs': terraform_log(kind, len(resources) if changed else 0, outputs, failure)},
               'Status': 'Failed' if failure else 'Succeeded', 'CreateTime': iso(now), 'UpdateTime': iso(now),
               'TaskTags': [{'Key': key, 'Value': value} for key, value in tags],
               '_SettleAfterSeconds': self.provision_seconds, '_SettleStatus': 'Failed' if failure else 'Succeeded', '_LoadedAt': now,
               '_Written': True, '_Effective': dict(effective), '_Caller': caller.principal_id}
        if failure:
            doc['StatusMessage'] = failure_message(TASK_VERBS[kind], pp_id, failure)
        self._add_task(doc)
        return task_id

    def _new_instance(self, caller: Principal, pp_id: str, name: str, product: dict, version: dict, portfolio_id: str, region: str) -> dict:
        now = self.clock()
        doc = {'ProvisionedProductName': name, 'ProvisionedProductId': pp_id,
               'ProvisionedProductArn': f'acs:servicecatalog:{region}:{caller.uid}:provisionedproduct/{pp_id}',
               'ProductId': product['ProductId'], 'ProductName': product['ProductName'], 'ProductVersionId': version['ProductVersionId'],
               'ProductVersionName': version['ProductVersionName'], 'LastTaskId': '', 'LastProvisioningTaskId': '',
               'LastSuccessfulProvisioningTaskId': '', 'OwnerPrincipalType': caller.type, 'OwnerPrincipalId': caller.principal_id,
               'Status': 'UnderChange', 'CreateTime': iso(now), 'PortfolioId': portfolio_id, 'StackId': stable_uuid('stack', pp_id),
               'StackRegionId': region, 'ProvisionedProductType': 'RosStack', '_Uid': caller.uid, '_Written': True}
        self._add_instance(doc)
        self._instance_index = None
        return doc

    # -- the direct calls ----------------------------------------------------------------------------------------------

    def launch(self, caller: Principal, product_id: str, version_id: str, portfolio_id: str | None, name: str, region: str,
               given: list[tuple[str, str]], tags: list[tuple[str, str]]) -> str:
        """LaunchProduct: a new instance (UnderChange) and its launch task; the instance ID."""
        with self._lock:
            self.tick()
            product, version = self._product_and_version(product_id, version_id)
            portfolio_id = self._portfolio_for(caller, product_id, portfolio_id)
            self._check_region(region, portfolio_id, product_id)
            self._refuse_if_approval(portfolio_id, product_id, 'LaunchProduct')
            effective = effective_parameters(version, given)
            pp_id = self._next_id('pp')
            instance = self._new_instance(caller, pp_id, name, product, version, portfolio_id, region)
            self._start_task(caller, 'LaunchProduct', instance, version, portfolio_id, given, effective, tags)
            return pp_id

    def update_instance(self, caller: Principal, pp_id: str, product_id: str, version_id: str, portfolio_id: str | None,
                        given: list[tuple[str, str]] | None, tags: list[tuple[str, str]]) -> str:
        """UpdateProvisionedProduct: a new task on the instance; refused when neither the version nor the parameters change."""
        with self._lock:
            self.tick()
            view = self._instance_for_change(caller, pp_id)
            if product_id != view['ProductId']:
                raise invalid_parameter(f'The provisioned product {pp_id} is an instance of the product {view["ProductId"]}; '
                                        f'its product cannot change (got {product_id[:40]}).', 'InvalidParameter.ProductId')
            _product, version = self._product_and_version(product_id, version_id)
            portfolio_id = self._portfolio_for(caller, product_id, portfolio_id, fallback=view['PortfolioId'])
            self._refuse_if_approval(portfolio_id, product_id, 'UpdateProvisionedProduct')
            current, current_list, _current_tags = self._current(view)
            if given is None:
                given = [(p['ParameterKey'], p['ParameterValue']) for p in current_list]
                effective = effective_parameters(version, list(current.items()), strict=False)
            else:
                effective = effective_parameters(version, given)
            if version_id == view['ProductVersionId'] and effective == current and view['Status'] == 'Available':
                raise ApiError(400, 'InvalidOperation.NoChange',
                               f'Neither ProductVersionId nor Parameters differ from the current state of the provisioned product {pp_id}: '
                               'nothing to update.')
            instance = self.instances.get(pp_id) or self._raw_instance(pp_id)
            if pp_id in self.instances:
                self.instances[pp_id]['PortfolioId'] = portfolio_id
            self._start_task(caller, 'UpdateProvisionedProduct', instance, version, portfolio_id, given, effective, tags)
            return pp_id

    def terminate(self, caller: Principal, pp_id: str) -> None:
        """TerminateProvisionedProduct: a terminate task; the instance is gone once it succeeds."""
        with self._lock:
            self.tick()
            view = self._instance_for_change(caller, pp_id)
            self._refuse_if_approval(view['PortfolioId'], view['ProductId'], 'TerminateProvisionedProduct')
            self._terminate(caller, view)

    def _terminate(self, caller: Principal, view: dict) -> str:
        pp_id = view['ProvisionedProductId']
        version = self.cat.versions.get(view['ProductVersionId']) or {
            'ProductId': view['ProductId'], 'ProductVersionId': view['ProductVersionId'], 'ProductVersionName': view['ProductVersionName']}
        _effective, given, tags = self._current(view)
        instance = self.instances.get(pp_id) or self._raw_instance(pp_id)
        return self._start_task(caller, 'TerminateProvisionedProduct', instance, version, view['PortfolioId'],
                                [(p['ParameterKey'], p['ParameterValue']) for p in given], {}, [(t['Key'], t['Value']) for t in tags])

    # -- plans -----------------------------------------------------------------------------------------------------------

    def _owned_plan(self, caller: Principal, plan_id: str) -> dict:
        doc = self.plans.get(plan_id)
        if doc is None and self.generator and self.generator.plan_index(plan_id) is not None:
            raise invalid_status('ProvisionedProductPlan', plan_id, 'read-only', 'generated plans cannot be changed')
        if doc is None or doc.get('Uid', DEFAULT_ACCOUNT_UID) != caller.uid:
            raise not_found('ProvisionedProductPlan', plan_id)
        return doc

    def create_plan(self, caller: Principal, name: str, plan_type: str, operation: str, product_id: str, version_id: str,
                    portfolio_id: str | None, instance_name: str, region: str, given: list[tuple[str, str]] | None,
                    tags: list[tuple[str, str]], description: str) -> tuple[str, str]:
        """CreateProvisionedProductPlan: a plan in PreviewInProgress; (PlanId, ProvisionedProductId)."""
        with self._lock:
            self.tick()
            product, version = self._product_and_version(product_id, version_id)
            instance = None
            if operation == 'LaunchProduct':
                portfolio_id = self._portfolio_for(caller, product_id, portfolio_id)
                self._check_region(region, portfolio_id, product_id)
            else:
                instance = self._instance_named(caller, instance_name)
                if instance['ProductId'] != product_id:
                    raise invalid_parameter(f'The provisioned product {instance_name} is an instance of the product {instance["ProductId"]}; '
                                            f'got ProductId {product_id[:40]}.', 'InvalidParameter.ProductId')
                if instance['StackRegionId'] != region:
                    raise invalid_parameter(f'The provisioned product {instance_name} is in {instance["StackRegionId"]}; its region cannot change '
                                            f'(got {region[:40]}).', 'InvalidParameter.StackRegionId')
                portfolio_id = self._portfolio_for(caller, product_id, portfolio_id, fallback=instance['PortfolioId'])
            plan_id = self._next_id('plan')
            pp_id = instance['ProvisionedProductId'] if instance else self._next_id('pp')
            now = self.clock()
            doc = {'PlanId': plan_id, 'PlanName': name, 'PlanType': plan_type, 'PortfolioId': portfolio_id, 'ProductId': product_id,
                   'ProductVersionId': version_id, 'ProvisionedProductId': pp_id, 'Parameters': [], 'ProvisionedProductName': instance_name,
                   'StackId': instance['StackId'] if instance else stable_uuid('stack', pp_id), 'StackRegionId': region,
                   'Status': 'PreviewInProgress', 'CreateTime': iso(now), 'UpdateTime': iso(now), 'Tags': [], 'OperationType': operation,
                   'AssignedApprovers': self._approvers(portfolio_id, product_id, operation), 'ProductName': product['ProductName'],
                   'Description': description, 'OwnerPrincipalType': caller.type, 'OwnerPrincipalId': caller.principal_id,
                   'OwnerPrincipalName': caller.name, 'Uid': caller.uid, 'ResourceChanges': [],
                   'ApprovalDetail': {'OperationRecords': [], 'TodoTaskActivities': []}, '_Written': True}
            self._preview(doc, version, given, tags)
            self.plans[plan_id] = doc
            self._index_plan(doc)
            self._plan_index = None
            return plan_id, pp_id

    def _instance_named(self, caller: Principal, name: str) -> dict:
        """The caller's one instance of that exact name (an update or terminate plan names its instance so)."""
        now = self.clock()
        found = [view for view in (self._instance_view(pp_id, now) for pp_id, row in self._instance_rows.items()
                                   if row.name == name.lower() and row.owner == caller.principal_id)
                 if view is not None and view['ProvisionedProductName'] == name]
        if not found:
            raise ApiError(404, 'EntityNotExist.ProvisionedProduct', f'The specified ProvisionedProduct named {name[:128]} does not exist.')
        if len(found) > 1:
            raise invalid_parameter(f'Several provisioned products are named {name[:128]} ({", ".join(sorted(v["ProvisionedProductId"] for v in found))}): '
                                    'a plan cannot tell which one is meant.', 'InvalidParameter.ProvisionedProductName')
        return found[0]

    def _preview(self, doc: dict, version: dict, given: list[tuple[str, str]] | None, tags: list[tuple[str, str]]) -> None:
        """Validate the plan's inputs against the template, record them and (re)start the preview."""
        operation, pp_id = doc['OperationType'], doc['ProvisionedProductId']
        changed, version_changed, effective = True, False, {}
        if operation == 'LaunchProduct':
            effective = effective_parameters(version, given or [])
        elif operation == 'UpdateProvisionedProduct':
            view = self._instance_view(pp_id, self.clock()) or {}
            current, current_list, _tags = self._current(view) if view else ({}, [], [])
            if given is None:
                given = [(p['ParameterKey'], p['ParameterValue']) for p in current_list]
                effective = effective_parameters(version, list(current.items()), strict=False)
            else:
                effective = effective_parameters(version, given)
            version_changed = doc['ProductVersionId'] != view.get('ProductVersionId')
            changed = version_changed or effective != current
        doc['Parameters'] = [{'ParameterKey': key, 'ParameterValue': value} for key, value in (given or [])]
        doc['Tags'] = [{'Key': key, 'Value': value} for key, value in tags]
        doc['Status'] = 'PreviewInProgress'
        doc.pop('StatusMessage', None)
        doc['ResourceChanges'] = []
        doc['_ResourceChanges'] = resource_changes(version, pp_id, operation, changed, version_changed)
        doc['_Failure'] = version.get('_ProvisionFailure') if operation != 'TerminateProvisionedProduct' else None
        doc['_PreviewDue'] = self.clock() + self.provision_seconds
        doc['_Effective'] = effective
        self._pending_plans.add(doc['PlanId'])

    def update_plan(self, caller: Principal, plan_id: str, product_id: str, version_id: str, portfolio_id: str | None,
                    given: list[tuple[str, str]] | None, tags: list[tuple[str, str]], description: str | None) -> tuple[str, str]:
        """UpdateProvisionedProductPlan: new inputs and a new preview (from PreviewSuccess, PreviewFailed or ApplicationRejected)."""
        with self._lock:
            self.tick()
            doc = self._owned_plan(caller, plan_id)
            base = self._plan_base(doc)  # a plan of the data may leave product fields to its instance
            if base['Status'] not in PLAN_UPDATABLE_STATUSES:
                raise invalid_status('ProvisionedProductPlan', plan_id, base['Status'], f'a plan is updated in {", ".join(PLAN_UPDATABLE_STATUSES)}')
            if product_id != base['ProductId']:
                raise invalid_parameter(f'The plan {plan_id} is for the product {base["ProductId"]}; got ProductId {product_id[:40]}.',
                                        'InvalidParameter.ProductId')
            _product, version = self._product_and_version(product_id, version_id)
            portfolio_id = self._portfolio_for(caller, product_id, portfolio_id, fallback=base['PortfolioId'])
            if base['OperationType'] == 'LaunchProduct':
                self._check_region(base['StackRegionId'], portfolio_id, product_id)
            updated = dict(base, ProductVersionId=version_id, PortfolioId=portfolio_id, UpdateTime=iso(self.clock()),
                           AssignedApprovers=self._approvers(portfolio_id, product_id, base['OperationType']), _Written=True)
            if description is not None:
                updated['Description'] = description
            self._preview(updated, version, given, tags)  # raises before the stored plan changes
            doc.clear()
            doc.update(updated)
            self._index_plan(doc)
            self._plan_index = None
            return plan_id, doc['ProvisionedProductId']

    def execute_plan(self, caller: Principal, plan_id: str) -> str:
        """ExecuteProvisionedProductPlan: from PreviewSuccess (no approval needed) or ApplicationApproved; runs the operation."""
        with self._lock:
            self.tick()
            doc = self._owned_plan(caller, plan_id)
            status = doc['Status']
            if status == 'ApplicationInProgress':
                names = ', '.join(f'{a["PrincipalType"]}:{a["PrincipalName"]}' for a in doc['AssignedApprovers'])
                raise invalid_status('ProvisionedProductPlan', plan_id, status, f'it waits for the approval of one of {names}')
            if status not in ('PreviewSuccess', 'ApplicationApproved'):
                raise invalid_status('ProvisionedProductPlan', plan_id, status, 'a plan is executed from PreviewSuccess or ApplicationApproved')
            if status == 'PreviewSuccess' and doc['AssignedApprovers']:
                raise invalid_status('ProvisionedProductPlan', plan_id, status, 'an approval constraint applies: it must be approved first')
            plan = self._plan_base(doc)  # a plan of the data may leave product fields to its instance
            product, version = self._product_and_version(plan['ProductId'], plan['ProductVersionId'])
            given = [(p['ParameterKey'], p['ParameterValue']) for p in plan['Parameters']]
            tags = [(t['Key'], t['Value']) for t in plan['Tags']]
            effective = doc.get('_Effective')
            if effective is None:
                effective = effective_parameters(version, given, strict=False)
            operation, pp_id, portfolio_id = plan['OperationType'], plan['ProvisionedProductId'], plan['PortfolioId']
            if operation == 'LaunchProduct':
                if not pp_id:
                    pp_id = doc['ProvisionedProductId'] = self._next_id('pp')
                if self._instance_view(pp_id, self.clock()) is not None:
                    raise invalid_status('ProvisionedProductPlan', plan_id, status, f'its instance {pp_id} already exists')
                instance = self._new_instance(caller, pp_id, plan['ProvisionedProductName'] or pp_id, product, version, portfolio_id,
                                              plan['StackRegionId'])
                task_id = self._start_task(caller, operation, instance, version, portfolio_id, given, effective, tags)
            else:
                view = self._instance_for_change(caller, pp_id)
                if operation == 'UpdateProvisionedProduct':
                    current, _list, _tags = self._current(view)
                    changed = plan['ProductVersionId'] != view['ProductVersionId'] or effective != current
                    instance = self.instances.get(pp_id) or self._raw_instance(pp_id)
                    if pp_id in self.instances:
                        self.instances[pp_id]['PortfolioId'] = portfolio_id
                    task_id = self._start_task(caller, operation, instance, version, portfolio_id, given, effective, tags, changed)
                else:
                    task_id = self._terminate(caller, view)
            self._approval_detail(doc)['TodoTaskActivities'] = []
            doc['Status'] = 'ExecuteInProgress'
            doc['UpdateTime'] = iso(self.clock())
            doc['_ExecTaskId'] = task_id
            doc['_Written'] = True  # a plan of the data, once executed, is followed like a written one
            self._pending_plans.add(plan_id)
            self._index_plan(doc)
            self._plan_index = None
            return plan_id

    def cancel_plan(self, caller: Principal, plan_id: str) -> None:
        """CancelProvisionedProductPlan: any state before execution -> Canceled (a Cancel record)."""
        with self._lock:
            self.tick()
            doc = self._owned_plan(caller, plan_id)
            if doc['Status'] not in NOT_EXECUTED_STATUSES:
                raise invalid_status('ProvisionedProductPlan', plan_id, doc['Status'], 'only a plan that was not executed can be canceled')
            self._record(doc, caller, 'Cancel', '')
            doc['Status'] = 'Canceled'
            doc.pop('StatusMessage', None)
            self._pending_plans.discard(plan_id)
            self._index_plan(doc)
            self._plan_index = None

    def approve_plan(self, caller: Principal, plan_id: str, action: str, comment: str) -> None:
        """ApproveProvisionedProductPlan by one of the plan's approvers: ApplicationInProgress -> ApplicationApproved / Rejected."""
        with self._lock:
            self.tick()
            doc = self.plans.get(plan_id)
            if doc is None or doc.get('Uid', DEFAULT_ACCOUNT_UID) != caller.uid:
                raise not_found('ProvisionedProductPlan', plan_id)
            approvers = {(a['PrincipalType'], a['PrincipalName']) for a in doc['AssignedApprovers']}
            if caller.approver_key not in approvers:
                raise no_permission(f'The {caller.type} {caller.name} is not an approver of the plan {plan_id} (approvers: '
                                    f'{", ".join(f"{t}:{n}" for t, n in sorted(approvers)) or "none"}).')
            if doc['Status'] != 'ApplicationInProgress':
                raise invalid_status('ProvisionedProductPlan', plan_id, doc['Status'], 'only a plan in ApplicationInProgress can be reviewed')
            self._record(doc, caller, 'Approve' if action == 'Approve' else 'reject', comment)
            doc['Status'] = 'ApplicationApproved' if action == 'Approve' else 'ApplicationRejected'
            self._index_plan(doc)
            self._plan_index = None

    def _approval_detail(self, doc: dict) -> dict:
        """The plan's own ApprovalDetail; a plan of the data without one gets the one its status implies, to be added to."""
        if not isinstance(doc.get('ApprovalDetail'), dict):
            doc['ApprovalDetail'] = default_approval_detail(self._plan_base(doc), self._principals_by_approver_key())
        return doc['ApprovalDetail']

    def _record(self, doc: dict, caller: Principal, action: str, comment: str) -> None:
        detail = self._approval_detail(doc)
        now = iso(self.clock())
        detail.setdefault('OperationRecords', []).append({'ApprovalAction': action, 'Comment': comment, 'CreateTime': now, 'Operator': {
            'PrincipalId': caller.principal_id, 'PrincipalName': caller.name, 'PrincipalType': caller.type}})
        detail['TodoTaskActivities'] = []
        doc['UpdateTime'] = now

    def delete_plan(self, caller: Principal, plan_id: str) -> None:
        """DeleteProvisionedProductPlan: any state but ExecuteInProgress; a launch plan never executed leaves no instance."""
        with self._lock:
            self.tick()
            doc = self._owned_plan(caller, plan_id)
            if doc['Status'] == 'ExecuteInProgress':
                raise invalid_status('ProvisionedProductPlan', plan_id, doc['Status'], 'wait until the execution ends')
            del self.plans[plan_id]
            self._plan_rows.pop(plan_id, None)
            self._pending_plans.discard(plan_id)
            self._plan_index = None


def check_seconds(value) -> float:
    """A provisioning time: 0 to 86400 seconds; ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 86400.0:
        raise ValueError(f'seconds is a number from 0 to 86400; got {value!r:.40}')
    return float(value)
