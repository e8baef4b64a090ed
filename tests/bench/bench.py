#!/usr/bin/env python
"""`make bench`: figures and ratios of alicloud.servicecatalog at scale, against the local emulator.

``python tests/bench/bench.py --root REPO --build BUILD --core-venv VENV --sdk-venv VENV [options]``
(the Makefile passes these). It builds the collection tarball from REPO, installs it into
BUILD/bench/collections, starts the emulator itself (``--latency-ms 50``, 127.0.0.1 only), measures
every row of ROWS, prints one table (Markdown) on stdout, writes it as JSON to
BUILD/bench/bench-<timestamp>.json and BUILD/bench/latest.json, and always stops the emulator.
Progress and the wall time of each step go to stderr. Exit status 1 when a row could not be
measured (its line in the table says why), 2 when the set-up failed; a target that is not met is
reported, not a failure.

Adding a row: write ``def row_bN(ctx)`` returning a list of ``Result`` (one per ratio) and append
it to ROWS. ``ctx`` gives the emulator (``ctx.emulator(n)``: started with ``--generate n`` when not
already running with it), the in-process client listing with instances picked from it
(``ctx.listing(n)``), ``ctx.adhoc(...)`` / ``ctx.playbook(...)`` (timed ansible runs against it)
and ``ctx.step(name)`` (a timed step).
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import datetime
import json
import math
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import namedtuple

from inventory_b6 import measure_inventory, measure_module_outputs  # pylint: disable=import-error
from launch_b7 import measure_launches  # pylint: disable=import-error

HERE = os.path.dirname(os.path.abspath(__file__))
COLLECTION = 'alicloud.servicecatalog'
DEMO_KEY_ID = 'LTAI5tSCDemoAccessKey01'
DEMO_SECRET = 'SCDemoSecret-not-a-real-key-0123456789'
RUN_TIMEOUT = 600  # seconds, any single command
EMULATOR_START_TIMEOUT = 120

# One line of the table. ratio / met are None when not measured; error says why a row failed.
Result = namedtuple('Result', ['row', 'what', 'figures', 'ratio', 'target', 'met', 'error', 'details'])


class BenchError(Exception):
    """A step failed; the message says which and why."""


def result(row, what, figures, ratio, target, details=None):
    return Result(row, what, figures, ratio, target, None if ratio is None else ratio <= target, None, details or {})


def median(values):
    return statistics.median(values)


def fmt_s(seconds):
    return '%.2f s' % seconds


def fmt_cpu(seconds):
    return 'n/a' if seconds is None else fmt_s(seconds)


# -- the rows ------------------------------------------------------------------------------------

def row_b1(ctx):
    """B1: full listing of 10,000 provisioned products (100 pages of 100)."""
    n = ctx.args.listing_size
    listing = ctx.listing(n)
    runs = ctx.args.runs_listing
    module_s, floor_s, module_cpu = [], [], []
    for run in range(runs):  # interleaved, so that a busy moment of the machine hits both alike
        with ctx.step('B1 module listing %d/%d' % (run + 1, runs)):
            cpu = ctx.emulator_cpu()
            seconds, res = ctx.adhoc('%s.provisioned_product_info' % COLLECTION, 'access_level_filter=Account')
            module_cpu.append(ctx.emulator_cpu(since=cpu))
        ctx.check_listing(res, listing, 'B1 module')
        module_s.append(seconds)
        with ctx.step('B1 floor module %d/%d' % (run + 1, runs)):
            seconds, res = ctx.adhoc('bench_floor_info', 'data=%s access_level_filter=Account' % listing['floor_file'], floor=True)
        ctx.check_listing(res, listing, 'B1 floor')
        floor_s.append(seconds)
    with ctx.step('B1 official SDK loop (%d run)' % ctx.args.runs_sdk):
        cpu = ctx.emulator_cpu()
        sdk = ctx.sdk_listing(n)
        sdk_cpu = ctx.emulator_cpu(since=cpu, runs=ctx.args.runs_sdk)
    pages = math.ceil(n / 100.0)
    concurrency = ctx.default_concurrency()
    network = ctx.latency * math.ceil(pages / float(concurrency))
    module, floor, client = median(module_s), median(floor_s), median(listing['seconds'])
    sdk_s = median(sdk['seconds'])
    details = dict(module_s=module_s, floor_s=floor_s, client_s=listing['seconds'], sdk_s=sdk['seconds'], pages=pages,
                   concurrency=concurrency, network_limit_s=network, client_requests=listing['attempts_last_run'],
                   emulator_cpu_s=dict(module=module_cpu, client=listing['emulator_cpu_s'], sdk=sdk_cpu))
    return [
        result('B1', 'list %s products ad hoc: (module - floor) / network limit' % format(n, ','),
               'module %s, floor %s, network limit %s (%d ms x ceil(%d/%d)); emulator CPU per module listing %s' % (
                   fmt_s(module), fmt_s(floor), fmt_s(network), ctx.args.latency_ms, pages, concurrency,
                   fmt_cpu(median(module_cpu) if None not in module_cpu else None)),
               (module - floor) / network, 1.5, details),
        result('B1', 'list %s products: client in-process / official SDK loop' % format(n, ','),
               'client %s, SDK loop %s; emulator CPU per listing %s / %s' % (
                   fmt_s(client), fmt_s(sdk_s), fmt_cpu(listing['emulator_cpu_s']), fmt_cpu(sdk_cpu)),
               client / sdk_s, 0.2, details),
    ]


def row_b2(ctx):
    """B2: one GetTask ad hoc vs ansible -m ping, after subtracting one round trip of latency."""
    task_id = ctx.listing(ctx.args.listing_size)['picks'][0]['task_id']
    task_s, ping_s = [], []
    for run in range(ctx.args.runs):
        with ctx.step('B2 ping %d/%d' % (run + 1, ctx.args.runs)):
            ping_s.append(ctx.adhoc('ping', None)[0])
        with ctx.step('B2 task_info %d/%d' % (run + 1, ctx.args.runs)):
            seconds, res = ctx.adhoc('%s.task_info' % COLLECTION, 'task_id=%s' % task_id)
        tasks = res.get('tasks') or []
        if len(tasks) != 1 or tasks[0].get('task_id') != task_id:
            raise BenchError('B2: task_info did not return task %s: %s' % (task_id, short(res)))
        task_s.append(seconds)
    task, ping = median(task_s), median(ping_s)
    return [result('B2', 'one GetTask ad hoc: (task_info - 1 round trip) / ping',
                   'task_info %s, ping %s, round trip %s' % (fmt_s(task), fmt_s(ping), fmt_s(ctx.latency)),
                   (task - ctx.latency) / ping, 1.10, dict(task_info_s=task_s, ping_s=ping_s, task_id=task_id))]


def row_b3(ctx):
    """B3: the lookup with 50 task IDs in one query() vs with one."""
    picks = ctx.listing(ctx.args.listing_size)['picks']
    many = [p['task_id'] for p in picks[:50]]
    if len(many) < 50:
        raise BenchError('B3: only %d instances with a successful task in the generated data, 50 needed' % len(many))
    expr = "msg={{ query('%s.task_outputs', *bench_ids) }}" % COLLECTION
    one_s, many_s = [], []
    for run in range(ctx.args.runs):
        for ids, samples in (([many[0]], one_s), (many, many_s)):
            with ctx.step('B3 query %d ID(s) %d/%d' % (len(ids), run + 1, ctx.args.runs)):
                seconds, res = ctx.adhoc('debug', expr, extra_vars={'bench_ids': ids})
            msg = res.get('msg')
            if not isinstance(msg, list) or len(msg) != len(ids) or not all(isinstance(m, dict) and m for m in msg):
                raise BenchError('B3: query() of %d task IDs did not give %d dicts of outputs: %s' % (len(ids), len(ids), short(res)))
            samples.append(seconds)
    one, fifty = median(one_s), median(many_s)
    return [result('B3', 'lookup task_outputs: 50 IDs in one query() / 1 ID',
                   '50 IDs %s, 1 ID %s' % (fmt_s(fifty), fmt_s(one)), fifty / one, 1.3, dict(one_s=one_s, fifty_s=many_s))]


def row_b4(ctx):
    """B4: the role provisioned_product_outputs for 20 instances vs for 1 (its public variables only)."""
    picks = ctx.listing(ctx.args.listing_size)['picks'][:20]
    if len(picks) < 20:
        raise BenchError('B4: only %d Available instances with a successful task, 20 needed' % len(picks))
    one_s, many_s = [], []
    start = time.monotonic()
    for run in range(ctx.args.runs_role):
        # Bounded: no further pair of runs once the row has taken --role-budget seconds.
        if run and time.monotonic() - start > ctx.args.role_budget:
            say('B4: %d run(s) used the %d s budget (--role-budget); the median is of those' % (run, ctx.args.role_budget))
            break
        for chosen, samples in ((picks[:1], one_s), (picks, many_s)):
            with ctx.step('B4 role, %d instance(s) %d/%d' % (len(chosen), run + 1, ctx.args.runs_role)):
                samples.append(ctx.role_run([p['id'] for p in chosen], [p['name'] for p in chosen]))
    one, twenty = median(one_s), median(many_s)
    return [result('B4', 'role provisioned_product_outputs: 20 instances / 1',
                   '20 instances %s, 1 instance %s (%d run%s)' % (fmt_s(twenty), fmt_s(one), len(one_s), '' if len(one_s) == 1 else 's'),
                   twenty / one, 1.5, dict(one_s=one_s, twenty_s=many_s))]


def row_b5(ctx):
    """B5: peak RSS of the module listing 100,000 products vs the floor module returning the same."""
    n = ctx.args.rss_size
    listing = ctx.listing(n, runs=1, picks=0)
    figures = {}
    for name, module, args, floor in (
            ('module', '%s.provisioned_product_info' % COLLECTION, 'access_level_filter=Account', False),
            ('floor', 'bench_floor_info', 'data=%s access_level_filter=Account' % listing['floor_file'], True)):
        with ctx.step('B5 %s, %s products, peak RSS' % (name, format(n, ','))):
            seconds, res, module_kib, tree_kib = ctx.adhoc_rss(module, args, floor=floor)
        ctx.check_listing(res, listing, 'B5 %s' % name, compare_items=False)
        figures[name] = dict(seconds=seconds, module_process_kib=module_kib, largest_process_kib=tree_kib)
    mod, flo = figures['module'], figures['floor']
    return [result('B5', 'peak RSS, module process, listing %s products: module / floor' % format(n, ','),
                   'module %s, floor %s (largest process of the whole ansible run: %s / %s)' % (
                       mib(mod['module_process_kib']), mib(flo['module_process_kib']),
                       mib(mod['largest_process_kib']), mib(flo['largest_process_kib'])),
                   mod['module_process_kib'] / float(flo['module_process_kib']), 1.2, figures)]


def row_b6(ctx):
    """B6: the inventory plugin (ansible-inventory --list) vs provisioned_product_info outputs=true, 1,000 products
    (tests/bench/inventory_b6.py). Until the module has its outputs option, the inventory's time is shown
    against its floor (one listing plus ceil(1,000 / concurrency) rounds of task reads) and no ratio."""
    inventory = measure_inventory(ctx, 1000, error=BenchError)
    inv = median(inventory['seconds'])
    floor = 'floor %s: one listing + %d rounds of task reads at %s' % (fmt_s(inventory['floor_s']), inventory['task_rounds'], fmt_s(ctx.latency))
    what = 'inventory plugin / provisioned_product_info outputs=true, 1,000 products'
    try:
        module = measure_module_outputs(ctx, 1000, error=BenchError)
    except BenchError as exc:
        if 'no outputs option' not in str(exc):
            raise
        return [Result('B6', what, 'inventory %s (%s); module: no outputs option yet' % (fmt_s(inv), floor),
                       None, 1.0, None, None, dict(inventory=inventory))]
    mod = median(module['seconds'])
    return [result('B6', what, 'inventory %s, module %s (%s)' % (fmt_s(inv), fmt_s(mod), floor), inv / mod, 1.0,
                   dict(inventory=inventory, module=module))]


B7_PATTERNS = (('instances', 'provisioned_product instances (one task, one module run)'),
               ('loop', 'for comparison: loop wait=false + one provisioned_product_info wait'),
               ('hosts', 'for comparison: one host per instance, forks=20, each waiting'))


def row_b7(ctx):
    """B7: 20 launches to Available vs 1."""
    # tests/bench/launch_b7.py: the emulator's demo catalog with --provision-seconds. The row's ratio: provisioned_product
    # with instances (every launch in one module run, one wait for all). For comparison, each with its own ratio and
    # no target: the loop with wait=false and one provisioned_product_info wait, and one inventory host per instance.
    figures = measure_launches(ctx, 20)
    rows = []
    for name, what in B7_PATTERNS:
        if name not in figures:
            continue  # not chosen (--b7-patterns)
        one, many = median(figures[name]['one_s']), median(figures[name]['many_s'])
        runs = len(figures[name]['one_s'])
        figures_text = '20 instances %s, 1 instance %s; provisioning %s s (%d run%s)' % (
            fmt_s(many), fmt_s(one), format(ctx.args.provision_seconds, 'g'), runs, '' if runs == 1 else 's')
        details = dict(figures[name], provision_seconds=ctx.args.provision_seconds)
        what = 'launch to Available, %s: 20 instances / 1' % what
        if name == 'instances':
            rows.append(result('B7', what, figures_text, many / one, 1.5, details))
        else:
            rows.append(Result('B7', what, figures_text, many / one, '-', None, None, details))
    return rows


ROWS = [('B1', row_b1), ('B2', row_b2), ('B3', row_b3), ('B4', row_b4), ('B5', row_b5), ('B6', row_b6), ('B7', row_b7)]


def mib(kib):
    return '%.0f MiB' % (kib / 1024.0)


def short(value, limit=400):
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= limit else text[:limit] + '...'


# -- the machinery -------------------------------------------------------------------------------

class Context:
    """What the rows share: paths, environment, the emulator, cached listings, timed steps."""

    def __init__(self, args):
        self.args = args
        self.latency = args.latency_ms / 1000.0
        self.root = os.path.abspath(args.root)
        self.out = os.path.join(os.path.abspath(args.build), 'bench')
        self.work = os.path.join(self.out, 'work')
        self.collections = os.path.join(self.out, 'collections')
        self.core_python = os.path.join(args.core_venv, 'bin', 'python')
        self.sdk_python = os.path.join(args.sdk_venv, 'bin', 'python')
        self.steps = []
        self.proc = None
        self.url = None
        self.generated = None
        self.emulator_files = None
        self.installed = None
        self._listings = {}
        self._counter = 0

    # steps and commands

    @contextlib.contextmanager
    def step(self, name):
        say('%s ...' % name)
        start = time.perf_counter()
        ok = False
        try:
            yield
            ok = True
        finally:
            seconds = time.perf_counter() - start
            self.steps.append({'step': name, 'seconds': round(seconds, 3), 'ok': ok})
            say('%s: %s%s' % (name, fmt_s(seconds), '' if ok else ' (failed)'))

    def env(self):
        """The environment of every command: nothing of the caller's Ansible or cloud settings, no proxies."""
        drop = ('ANSIBLE_', 'ALIBABA_CLOUD_', 'ALICLOUD_')
        env = dict((k, v) for k, v in os.environ.items()
                   if not k.startswith(drop) and k.lower() not in ('http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'))
        env.update(
            PATH=os.path.join(self.args.core_venv, 'bin') + os.pathsep + env.get('PATH', ''),
            NO_PROXY='127.0.0.1,localhost', no_proxy='127.0.0.1,localhost',
            ANSIBLE_HOME=os.path.join(self.out, 'ansible-home'),
            ANSIBLE_COLLECTIONS_PATH=self.collections,
            ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false',
            ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false',
            ANSIBLE_NOCOLOR='1', ANSIBLE_RETRY_FILES_ENABLED='false',
            PYTHONDONTWRITEBYTECODE='1',
        )
        if self.url:
            env.update(ALIBABA_CLOUD_ACCESS_KEY_ID=self.args.access_key, ALIBABA_CLOUD_ACCESS_KEY_SECRET=self.args.secret_key,
                       ALICLOUD_SERVICECATALOG_ENDPOINT=self.url)
        return env

    def run(self, cmd, what, env=None, timeout=RUN_TIMEOUT):
        """Run ``cmd`` (stdout and stderr to files under work/); return (seconds, stdout text, stderr text).

        Raises BenchError naming ``what`` when it fails or times out; the process group it started is ended.
        """
        self._counter += 1
        base = os.path.join(self.work, 'cmd-%03d' % self._counter)
        with open(base + '.out', 'wb') as out, open(base + '.err', 'wb') as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=self.work,
                                    env=env or self.env(), start_new_session=True)
            try:
                status = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                end_group(proc)
                raise BenchError('%s: did not finish within %d s (%s); stdout/stderr: %s.out/.err' % (
                    what, timeout, shlex.join(cmd), base)) from None
            except BaseException:  # interrupted: end what this started, then unwind
                end_group(proc)
                raise
            seconds = time.perf_counter() - start
        with open(base + '.out', encoding='utf-8', errors='replace') as out, open(base + '.err', encoding='utf-8', errors='replace') as err:
            stdout, stderr = out.read(), err.read()
        if status != 0:
            raise BenchError('%s: exit status %d (%s)\n  stdout: %s\n  stderr: %s\n  (whole output: %s.out/.err)' % (
                what, status, shlex.join(cmd), short(stdout.strip()[-1500:], 1500), short(stderr.strip()[-1500:], 1500), base))
        return seconds, stdout, stderr

    # set-up

    def build_and_install(self):
        for path in (self.work, os.path.join(self.out, 'dist')):
            shutil.rmtree(path, ignore_errors=True)
            os.makedirs(path)
        shutil.rmtree(self.collections, ignore_errors=True)
        os.makedirs(self.collections)
        galaxy = os.path.join(self.args.core_venv, 'bin', 'ansible-galaxy')
        dist = os.path.join(self.out, 'dist')
        with self.step('build the collection tarball'):
            self.run([galaxy, 'collection', 'build', '--force', '--output-path', dist, self.root], 'ansible-galaxy collection build')
        tarballs = [name for name in os.listdir(dist) if name.endswith('.tar.gz')]
        if len(tarballs) != 1:
            raise BenchError('ansible-galaxy collection build: expected one tarball in %s, found %s' % (dist, tarballs))
        with self.step('install it into build/bench/collections'):
            self.run([galaxy, 'collection', 'install', '--force', '-p', self.collections, os.path.join(dist, tarballs[0])],
                     'ansible-galaxy collection install')
        installed = os.path.join(self.collections, 'ansible_collections', 'alicloud', 'servicecatalog')
        if not os.path.isfile(os.path.join(installed, 'plugins', 'modules', 'provisioned_product_info.py')):
            raise BenchError('the collection is not installed at %s' % installed)
        self.installed = installed

    def default_concurrency(self):
        """DEFAULT_CONCURRENCY of plugins/module_utils/transport.py, as installed."""
        path = os.path.join(self.installed, 'plugins', 'module_utils', 'transport.py')
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), path)
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'DEFAULT_CONCURRENCY' for t in node.targets):
                return int(ast.literal_eval(node.value))
        raise BenchError('DEFAULT_CONCURRENCY not found in %s' % path)

    # the emulator

    def emulator(self, generate):
        """The emulator serving ``--generate generate`` (started, or restarted with another size)."""
        if self.proc is not None and self.generated == generate:
            return self.url
        self.stop_emulator()
        base = os.path.join(self.work, 'emulator-%d' % generate)
        self.emulator_files = (base + '.out', base + '.err')
        cmd = [self.core_python, '-u', os.path.join(self.root, 'tests', 'emulator', 'serve.py'), '--host', '127.0.0.1', '--port', '0',
               '--generate', str(generate), '--latency-ms', str(self.args.latency_ms),
               '--provision-seconds', format(self.args.provision_seconds, 'g'),
               '--access-key', '%s:%s' % (self.args.access_key, self.args.secret_key)]
        with self.step('start the emulator, --generate %d --latency-ms %d' % (generate, self.args.latency_ms)):
            with open(base + '.out', 'wb') as out, open(base + '.err', 'wb') as err:
                self.proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
            self.generated = generate
            deadline = time.monotonic() + EMULATOR_START_TIMEOUT
            while time.monotonic() < deadline:
                with open(base + '.out', encoding='utf-8', errors='replace') as out:
                    line = out.readline()
                if line.startswith('listening on http://') and line.endswith('\n'):
                    self.url = line[len('listening on '):].strip()
                    break
                if self.proc.poll() is not None:
                    raise BenchError('the emulator exited (status %s) before listening: %s' % (self.proc.returncode, self._emulator_output()))
                time.sleep(0.1)
            else:
                raise BenchError('the emulator printed no "listening on" line within %d s: %s' % (EMULATOR_START_TIMEOUT, self._emulator_output()))
        host = self.url.split('//', 1)[1].rsplit(':', 1)[0]
        if host not in ('127.0.0.1', 'localhost'):
            raise BenchError('the emulator listens on %s, not on the loopback interface' % self.url)
        say('emulator: %s (pid %d)' % (self.url, self.proc.pid))
        return self.url

    def emulator_cpu(self, since=None, runs=1):
        """CPU seconds (user + system) the emulator has used (Linux /proc), minus ``since`` and per run
        when given; None where /proc is not there. The emulator is one Python process: its CPU time
        per page is serialized, whatever the client's concurrency."""
        try:
            with open('/proc/%d/stat' % self.proc.pid, encoding='ascii') as handle:
                fields = handle.read().rsplit(')', 1)[1].split()
            now = (int(fields[11]) + int(fields[12])) / float(os.sysconf('SC_CLK_TCK'))
        except (OSError, ValueError, IndexError, AttributeError):
            return None
        if since is None:
            return now
        return round((now - since) / runs, 3)

    def _emulator_output(self):
        text = []
        for path in self.emulator_files:
            with open(path, encoding='utf-8', errors='replace') as handle:
                text.append(handle.read().strip()[-1500:])
        return ' | '.join(t for t in text if t) or '(no output)'

    def stop_emulator(self):
        proc, self.proc, self.url, self.generated = self.proc, None, None, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)

    # measurements shared by rows

    def listing(self, generate, runs=None, picks=50):
        """The in-process client listing of ``generate`` products (B1 (d)): its times, the floor's
        data file (snake_case) and instances picked from it; measured once per size."""
        if generate in self._listings:
            return self._listings[generate]
        self.emulator(generate)
        runs = self.args.runs_listing if runs is None else runs
        floor_file = os.path.join(self.work, 'floor-%d.json' % generate)
        with self.step('client in-process listing of %d products (%d run(s)), floor data written' % (generate, runs)):
            cpu = self.emulator_cpu()
            _s, stdout, _e = self.run([self.core_python, os.path.join(HERE, 'client_list.py'), '--collections', self.collections,
                                       '--endpoint', self.url, '--key', self.args.access_key, '--secret', self.args.secret_key,
                                       '--runs', str(runs), '--floor-out', floor_file, '--picks', str(picks)],
                                      'client_list.py (the collection client, in-process)')
            cpu = self.emulator_cpu(since=cpu, runs=runs)
        doc = json.loads(stdout)
        doc['emulator_cpu_s'] = cpu
        if doc['total_count'] != generate:
            raise BenchError('client listing: TotalCount %d, but the emulator generated %d' % (doc['total_count'], generate))
        if doc['warnings']:
            raise BenchError('client listing warned: %s' % doc['warnings'])
        doc['floor_file'] = floor_file
        self._listings[generate] = doc
        return doc

    def check_listing(self, res, listing, what, compare_items=True):
        """A module's ad hoc result must be the listing: same TotalCount, same items (as the floor returns them)."""
        items = res.get('provisioned_products')
        if res.get('total_count') != listing['total_count'] or not isinstance(items, list) or len(items) != listing['total_count']:
            raise BenchError('%s: expected %d provisioned products, got total_count %s and %s items' % (
                what, listing['total_count'], res.get('total_count'), len(items) if isinstance(items, list) else items))
        if compare_items:
            with open(listing['floor_file'], encoding='utf-8') as handle:
                expected = json.load(handle)['provisioned_products']
            if items != expected:
                raise BenchError('%s: the items differ from the in-process listing (floor data)' % what)

    def sdk_listing(self, generate):
        url = self.emulator(generate)
        _s, stdout, _e = self.run([self.sdk_python, os.path.join(HERE, 'sdk_list.py'), '--endpoint', url.split('//', 1)[1],
                                   '--key', self.args.access_key, '--secret', self.args.secret_key, '--runs', str(self.args.runs_sdk)],
                                  'sdk_list.py (the official SDK loop)')
        doc = json.loads(stdout)
        if doc['items'] != generate:
            raise BenchError('SDK loop: %d items, expected %d' % (doc['items'], generate))
        return doc

    def _adhoc_cmd(self, module, args, floor, interpreter, extra_vars):
        cmd = [os.path.join(self.args.core_venv, 'bin', 'ansible'), 'localhost', '-m', module]
        if args is not None:
            cmd += ['-a', args]
        if floor:
            cmd += ['-M', os.path.join(HERE, 'library')]
        cmd += ['-e', 'ansible_python_interpreter=%s' % (interpreter or self.core_python)]
        if extra_vars:
            cmd += ['-e', json.dumps(extra_vars)]
        return cmd

    def adhoc(self, module, args, floor=False, extra_vars=None, interpreter=None):
        """``ansible localhost -m MODULE -a ARGS``, timed; returns (seconds, the result dict)."""
        cmd = self._adhoc_cmd(module, args, floor, interpreter, extra_vars)
        seconds, stdout, _stderr = self.run(cmd, 'ansible -m %s' % module)
        return seconds, parse_adhoc(stdout, module)

    def adhoc_rss(self, module, args, floor=False):
        """Like adhoc, with peak RSS: of the module process (its interpreter is rss_wrap.py around the
        venv's Python) and of the largest process of the whole run (rss_wrap.py around ansible)."""
        self._counter += 1
        module_file = os.path.join(self.work, 'rss-module-%03d.txt' % self._counter)
        tree_file = os.path.join(self.work, 'rss-tree-%03d.txt' % self._counter)
        wrapper = os.path.join(self.work, 'python-rss-%03d' % self._counter)
        with open(wrapper, 'w', encoding='utf-8') as handle:
            handle.write('#!/bin/sh\nexec %s %s %s %s "$@"\n' % tuple(shlex.quote(p) for p in (
                self.core_python, os.path.join(HERE, 'rss_wrap.py'), module_file, self.core_python)))
        os.chmod(wrapper, 0o755)
        cmd = [self.core_python, os.path.join(HERE, 'rss_wrap.py'), tree_file] + self._adhoc_cmd(module, args, floor, wrapper, None)
        seconds, stdout, _stderr = self.run(cmd, 'ansible -m %s (peak RSS)' % module)
        res = parse_adhoc(stdout, module)
        module_kib, tree_kib = read_kib(module_file, 'the module process'), read_kib(tree_file, 'the ansible run')
        return seconds, res, module_kib, tree_kib

    def role_run(self, ids, names):
        """The role for ``ids`` through its public variables; checks the fact it sets; returns seconds."""
        playbook = os.path.join(self.work, 'role.yml')
        with open(playbook, 'w', encoding='utf-8') as handle:
            handle.write(ROLE_PLAYBOOK % {'collection': COLLECTION})
        cmd = [os.path.join(self.args.core_venv, 'bin', 'ansible-playbook'), playbook,
               '-e', 'ansible_python_interpreter=%s' % self.core_python,
               '-e', json.dumps({'bench_ids': ids, 'bench_names': names})]
        seconds, _stdout, _stderr = self.run(cmd, 'ansible-playbook (role provisioned_product_outputs, %d instance(s))' % len(ids))
        return seconds


ROLE_PLAYBOOK = '''---
# Written by tests/bench/bench.py: the role through its public variables, then a check of its fact.
- name: Role provisioned_product_outputs for bench_ids
  hosts: localhost
  gather_facts: false
  roles:
    - role: %(collection)s.provisioned_product_outputs
      vars:
        provisioned_product_outputs_ids: "{{ bench_ids }}"
        provisioned_product_outputs_access_level_filter: Account
  post_tasks:
    - name: Every instance has its outputs in the fact
      ansible.builtin.assert:
        that:
          - provisioned_product_outputs | length == bench_ids | length
          - provisioned_product_outputs.keys() | sort == bench_names | sort
          - provisioned_product_outputs.values() | select('truthy') | list | length == bench_ids | length
        quiet: true
'''


def parse_adhoc(stdout, module):
    """The result dict of ``ansible localhost -m ...`` (default callback: ``localhost | SUCCESS => {...}``)."""
    head, sep, body = stdout.partition(' => ')
    if not sep or 'SUCCESS' not in head:
        raise BenchError('ansible -m %s: no "localhost | SUCCESS => {...}" in its output: %s' % (module, short(stdout)))
    try:
        return json.loads(body)
    except ValueError as exc:
        raise BenchError('ansible -m %s: its result is not JSON (%s): %s' % (module, exc, short(body))) from None


def read_kib(path, what):
    try:
        with open(path, encoding='utf-8') as handle:
            values = [int(line) for line in handle if line.strip()]
    except (OSError, ValueError) as exc:
        raise BenchError('peak RSS of %s: %s' % (what, exc)) from None
    if not values:
        raise BenchError('peak RSS of %s: nothing recorded in %s' % (what, path))
    return max(values)


def end_group(proc):
    """End the process group this script started for ``proc`` (TERM, then KILL)."""
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def on_sigterm(_signum, _frame):
    raise KeyboardInterrupt()


def say(message):
    sys.stderr.write('[bench %s] %s\n' % (time.strftime('%H:%M:%S'), message))
    sys.stderr.flush()


def table(results):
    lines = ['| row | what | figures | ratio | target | met |', '|---|---|---|---|---|---|']
    for res in results:
        if res.error:
            ratio, met = '-', 'error'
        elif res.ratio is None:
            ratio, met = '-', '-'
        else:
            ratio, met = '%.2f' % res.ratio, '-' if res.met is None else 'yes' if res.met else 'NO'  # None: no target
        figures = res.figures if not res.error else 'error: %s' % res.error.splitlines()[0]
        target = '<= %s' % res.target if isinstance(res.target, (int, float)) else res.target
        lines.append('| %s | %s | %s | %s | %s | %s |' % (res.row, res.what, figures, ratio, target, met))
    return '\n'.join(lines)


def machine():
    info = {'host': platform.node(), 'python': platform.python_version(), 'cpus': os.cpu_count(), 'platform': platform.platform()}
    with contextlib.suppress(OSError):
        info['loadavg'] = list(os.getloadavg())
    return info


def git_commit(root):
    try:
        out = subprocess.run(['git', '-C', root, 'rev-parse', 'HEAD'], capture_output=True, text=True, timeout=30, check=False)
        dirty = subprocess.run(['git', '-C', root, 'status', '--porcelain', '--untracked-files=no'], capture_output=True, text=True,
                               timeout=30, check=False)
        return out.stdout.strip() + (' (with uncommitted changes)' if dirty.stdout.strip() else '')
    except (OSError, subprocess.SubprocessError):
        return None


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--root', required=True, help='the repository (collection source) to build from')
    parser.add_argument('--build', required=True, help='the build directory; results go to BUILD/bench/')
    parser.add_argument('--core-venv', required=True, help='venv with ansible-core and requests')
    parser.add_argument('--sdk-venv', required=True, help='venv with alibabacloud_servicecatalog20210901')
    parser.add_argument('--access-key', default=DEMO_KEY_ID)
    parser.add_argument('--secret-key', default=DEMO_SECRET)
    parser.add_argument('--latency-ms', type=int, default=50)
    parser.add_argument('--listing-size', type=int, default=10000, help='products generated for B1-B4')
    parser.add_argument('--rss-size', type=int, default=100000, help='products generated for B5')
    parser.add_argument('--runs', type=int, default=5, help='runs of B2 and B3 (median)')
    parser.add_argument('--runs-listing', type=int, default=3, help='runs of each B1 listing but the SDK loop (median)')
    parser.add_argument('--runs-sdk', type=int, default=1, help='runs of the SDK loop (median)')
    parser.add_argument('--runs-role', type=int, default=3, help='runs of B4 (median), at most')
    parser.add_argument('--role-budget', type=int, default=40, help='seconds after which B4 starts no further run')
    parser.add_argument('--provision-seconds', type=float, default=5.0,
                        help='how long a launch stays UnderChange in the emulator (B7; default 5)')
    parser.add_argument('--runs-b7', type=int, default=3, help='runs of B7 (median), at most')
    parser.add_argument('--b7-budget', type=int, default=120, help='seconds after which B7 starts no further run')
    parser.add_argument('--b7-patterns', default='instances,loop,hosts',
                        help='the B7 patterns to measure, comma-separated (default instances,loop,hosts)')
    parser.add_argument('--only', help='comma-separated rows to measure, e.g. B1,B3 (default: all)')
    args = parser.parse_args(argv)
    for name in ('latency_ms', 'listing_size', 'rss_size', 'runs', 'runs_listing', 'runs_sdk', 'runs_role', 'role_budget', 'runs_b7',
                 'b7_budget'):
        if getattr(args, name) < 1:
            parser.error('--%s must be 1 or more' % name.replace('_', '-'))
    args.b7_patterns = [p.strip() for p in args.b7_patterns.split(',') if p.strip()]
    unknown = sorted(set(args.b7_patterns) - set(name for name, _what in B7_PATTERNS))
    if unknown or not args.b7_patterns:
        parser.error('--b7-patterns: give some of instances, loop, hosts (got %s)' % (', '.join(unknown) or 'none'))
    if not 0 < args.provision_seconds <= 60:
        parser.error('--provision-seconds must be more than 0 and at most 60')
    return args


def main(argv=None):
    args = parse_args(argv)
    only = set(r.strip().upper() for r in args.only.split(',')) if args.only else None
    rows = [(name, fn) for name, fn in ROWS if only is None or name in only]
    if not rows:
        raise SystemExit('bench: no rows selected by --only %s (rows: %s)' % (args.only, ', '.join(n for n, _f in ROWS)))
    for python in (os.path.join(args.core_venv, 'bin', 'python'), os.path.join(args.sdk_venv, 'bin', 'python')):
        if not os.access(python, os.X_OK):
            raise SystemExit('bench: %s not found (make venv-core-latest venv-emulator)' % python)

    # SIGTERM (make interrupted, a time-out) unwinds like Ctrl-C, so that the emulator is stopped.
    signal.signal(signal.SIGTERM, on_sigterm)
    ctx = Context(args)
    started = datetime.datetime.now(datetime.timezone.utc)
    info = dict(started=started.strftime('%Y-%m-%dT%H:%M:%SZ'), commit=git_commit(args.root), machine_before=machine(),
                latency_ms=args.latency_ms, provision_seconds=args.provision_seconds,
                runs=dict(b2_b3=args.runs, b1=args.runs_listing, sdk=args.runs_sdk, b4=args.runs_role, b7=args.runs_b7))
    results, status = [], 0
    try:
        ctx.build_and_install()
        for name, fn in rows:
            try:
                with ctx.step('row %s' % name):
                    results.extend(fn(ctx))
            except BenchError as exc:
                status = 1
                say('row %s FAILED: %s' % (name, exc))
                results.append(Result(name, (fn.__doc__ or name).split(':', 1)[-1].strip().rstrip('.'), '', None, '-', None, str(exc), {}))
    except BenchError as exc:
        say('FAILED: %s' % exc)
        status = 2
    except KeyboardInterrupt:
        say('interrupted')
        status = 130
    finally:
        ctx.stop_emulator()

    versions = {}
    with contextlib.suppress(Exception):
        versions['ansible_core'] = subprocess.run([ctx.core_python, '-c', 'import ansible.release as r; print(r.__version__)'],
                                                  capture_output=True, text=True, timeout=60, check=False).stdout.strip()
    info.update(machine_after=machine(), versions=versions,
                wall_seconds=round((datetime.datetime.now(datetime.timezone.utc) - started).total_seconds(), 1))
    text = table(results)
    print(text)
    print()
    print('latency %d ms; medians of %d run(s) (B2, B3), %d (B1), up to %d (B4), up to %d (B7, provisioning %s s); load average %s before, '
          '%s after; %d s in all' % (
              args.latency_ms, args.runs, args.runs_listing, args.runs_role, args.runs_b7, format(args.provision_seconds, 'g'),
              info['machine_before'].get('loadavg'), info['machine_after'].get('loadavg'), info['wall_seconds']))
    doc = dict(info, rows=[dict(r._asdict()) for r in results], table=text, steps=ctx.steps, status=status)
    os.makedirs(ctx.out, exist_ok=True)
    name = os.path.join(ctx.out, 'bench-%s.json' % started.strftime('%Y%m%dT%H%M%SZ'))
    # latest.json: only a run that measured every row it could (not an interrupted one or a failed set-up)
    paths = [name] + ([os.path.join(ctx.out, 'latest.json')] if status in (0, 1) else [])
    for path in paths:
        with open(path, 'w', encoding='utf-8') as handle:
            json.dump(doc, handle, indent=2, default=str)
            handle.write('\n')
    say('written: %s' % ', '.join(paths))
    return status


if __name__ == '__main__':
    sys.exit(main())
