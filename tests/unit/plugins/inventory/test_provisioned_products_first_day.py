# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.servicecatalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What trips a newcomer or an AWX admin with the inventory plugin: an output option naming no output
says so; plain host variables are plain strings (AWX imports them from --export)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.alicloud.servicecatalog.tests.unit.plugins.inventory.test_provisioned_products import Run, product, task


def test_host_output_naming_no_output_warns_with_the_outputs_there(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, host_output='PublicIP').parse()  # the outputs are PublicIp and Nodes
    assert 'ansible_host' not in run.hostvars('web-1')
    assert run.warnings == ['provisioned_products: host_output: no instance has an output named PublicIP; the outputs are Nodes, PublicIp']


def test_hosts_from_output_naming_no_output_warns(monkeypatch, tmp_path):
    run = Run(monkeypatch, tmp_path, hosts_from_output='nodes').parse()
    assert run.hosts() == ['web-1', 'web-2']
    assert run.warnings == ['provisioned_products: hosts_from_output: no instance has an output named nodes; the outputs are Nodes, PublicIp']


def test_output_options_that_match_or_no_outputs_at_all_say_nothing(monkeypatch, tmp_path):
    assert Run(monkeypatch, tmp_path, host_output='PublicIp', hosts_from_output='Nodes').parse().warnings == []
    # only some instances have the output: the others get no ansible_host, as documented, without a warning
    run = Run(monkeypatch, tmp_path, statuses=['Available', 'Error'], host_output='ConnectionString').parse()
    assert run.warnings == [] and run.hostvars('db-1')['ansible_host'] == 'rm-1.mysql'
    # nothing has outputs: nothing to compare with (the instance's own warning says why)
    bare = Run(monkeypatch, tmp_path, statuses=['UnderChange'], host_output='PublicIP').parse()
    assert [w for w in bare.warnings if 'host_output' in w] == []


def test_plain_host_variables_are_plain_strings(monkeypatch, tmp_path):
    products = [product('pp-9', 'web-9', product_name='Web {blue}')]
    tasks = {'task-pp-9': task({'Ip': '47.0.0.9', 'Motd': '{{ lookup("pipe", "id") }}'}, {'Zone': 'cn-hangzhou-h'})}
    hostvars = Run(monkeypatch, tmp_path, products=products, tasks=tasks, host_output='Ip').parse().hostvars('web-9')
    plain = [hostvars['ansible_host'], hostvars['provisioned_product_id'], hostvars['status'], hostvars['outputs']['Ip'],
             hostvars['parameters']['Zone']]
    assert plain == ['47.0.0.9', 'pp-9', 'Available', '47.0.0.9', 'cn-hangzhou-h']
    assert set(type(value) for value in plain) == {str}
    assert hostvars['outputs']['Motd'] == '{{ lookup("pipe", "id") }}' and hostvars['product_name'] == 'Web {blue}'
