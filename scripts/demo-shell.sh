#!/usr/bin/env bash
# Usage: scripts/demo-shell.sh VENV WORK_DIR [COMMAND [ARG...]]        (make demo-shell)
#
# The quick start's next step after `make demo`: builds the collection tarball from this checkout,
# installs it into WORK_DIR/demo-collections (as `make demo` does), starts the emulator with its demo
# data (state in WORK_DIR/state/demo-shell), and with VENV/bin first on PATH,
# ANSIBLE_COLLECTIONS_PATH, the demo key pair and ALICLOUD_SERVICECATALOG_ENDPOINT exported, runs
# COMMAND, or else an interactive bash. The emulator is stopped when that ends. The emulator's extra
# options come from DEMO_EMULATOR_ARGS (words); its key pair from SC_ACCESS_KEY / SC_SECRET_KEY.
set -euo pipefail
usage="usage: $0 VENV WORK_DIR [COMMAND [ARG...]]"
venv=$(cd "${1:?$usage}" && pwd)
work=${2:?$usage}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)
export PATH="$venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$work/demo-collections"
dist="$work/state/demo-shell-dist"
rm -rf "$dist"
mkdir -p "$dist" "$ANSIBLE_COLLECTIONS_PATH"
ansible-galaxy collection build --force --output-path "$dist" "$root" >/dev/null
ansible-galaxy collection install --force -p "$ANSIBLE_COLLECTIONS_PATH" "$dist"/alicloud-servicecatalog-*.tar.gz >/dev/null
state="$work/state/demo-shell"
trap '"$root/scripts/stop-emulator.sh" "$state"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# shellcheck disable=SC2086 # DEMO_EMULATOR_ARGS is a list of words
url=$("$root/scripts/start-emulator.sh" "$state" "$venv/bin/python" "$root/tests/emulator/serve.py" ${DEMO_EMULATOR_ARGS:-})
export ALIBABA_CLOUD_ACCESS_KEY_ID=${SC_ACCESS_KEY:-LTAI5tSCDemoAccessKey01}
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${SC_SECRET_KEY:-SCDemoSecret-not-a-real-key-0123456789}
export ALICLOUD_SERVICECATALOG_ENDPOINT=$url
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
cd "$root"
if (($#)); then
  "$@"
  exit
fi
cat <<TEXT
demo-shell: a shell with the demo's ansible-core ($venv/bin first on PATH), the collection
installed in $ANSIBLE_COLLECTIONS_PATH, the demo key pair and the emulator at $url.
Try:
  ansible localhost -m alicloud.servicecatalog.provisioned_product_info -a access_level_filter=Account
  ansible-inventory -i inventories/demo.servicecatalog.yml --graph
'exit' stops the emulator.
TEXT
bash -i
