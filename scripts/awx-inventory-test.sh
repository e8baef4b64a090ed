#!/usr/bin/env bash
# Usage: scripts/awx-inventory-test.sh VENV WORK_DIR
#
# The inventory plugin as an AWX inventory source, without AWX: an inventory update of a "Sourced from a
# Project" source (inventories/demo.servicecatalog.yml) with a credential of the custom type
# extensions/awx/credential_type.yml attached, run as AWX runs it: ansible-inventory --list --export
# through ansible-runner, from a private data directory whose env/envvars holds the credential's env
# injectors (tests/awx/awx_inventory.py, which renders them as tests/awx/awx_job.py does for jobs).
# Nothing in the source file names a key, a region or an endpoint: all of it comes from the credential.
#
# VENV (build/venv-awx) has ansible-core, requests, ansible-runner. WORK_DIR is emptied first and kept.
#   permanent  a generated permanent key: the update succeeds; the demo instances are grouped by product,
#              ansible_host from the PublicIP output
#   sts        a generated temporary key with its token: the same
#   wrong      the permanent key ID with a wrong secret: the update fails with SignatureDoesNotMatch
# After each: no secret in the runner's output, the inventory output or the artifacts.
# Prints one PASS/FAIL line per check and "awx-inventory-test: N passed, N failed" at the end.
set -euo pipefail
usage="usage: $0 VENV WORK_DIR"
venv=${1:?$usage}
work=${2:?$usage}
root=$(cd "$(dirname "$0")/.." && pwd)
scripts=$root/scripts
venv=$(cd "$venv" && pwd)
python=$venv/bin/python
helper=$root/tests/awx/awx_inventory.py
export PATH="$venv/bin:$PATH"
export ANSIBLE_NOCOLOR=1

case $work in
  /*) ;;
  *) work=$PWD/$work ;;
esac
rm -rf "$work"
mkdir -p "$work"
chmod 700 "$work"
state=$work/emulator
results=$work/results
trap '"$scripts/stop-emulator.sh" "$state"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

: >"$results"
# shellcheck source=scripts/checks-lib.sh
source "$root/scripts/checks-lib.sh"

install_collection awx-inventory-test
if [[ -f $work/collections/ansible_collections/alicloud/servicecatalog/plugins/inventory/provisioned_products.py ]]; then
  record PASS "collection $(basename "$tarball") with the inventory plugin installed into $work/collections"
else
  record FAIL "the inventory plugin is not in the installed collection"
  exit 1
fi

alnum=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789
perm_id=LTAI5tINV$(random_string 15 "$alnum")
perm_secret=$(random_string 30 "$alnum")
sts_id=STS.NTi$(random_string 21 "$alnum")
sts_secret=$(random_string 44 "$alnum")
sts_token=CAIS$(random_string 120 "$alnum+/=")
wrong_secret=$(random_string 30 "$alnum")
umask 077
"$python" -c 'import json, sys; print(json.dumps(sys.argv[1:]))' \
  "$perm_secret" "$sts_secret" "$sts_token" "$wrong_secret" >"$work/secrets.json"
url=$("$scripts/start-emulator.sh" "$state" "$python" "$root/tests/emulator/serve.py" \
  --access-key "$perm_id:$perm_secret" --access-key "$sts_id:$sts_secret:$sts_token")
echo "awx-inventory-test: emulator $url, keys $perm_id (permanent), $sts_id (temporary, with token)"

# What the demo source must give (tests/emulator/data/demo.json).
cat >"$work/expect.json" <<'JSON'
{"groups": {"product_DEMO_ECS_instance": ["web-server-prod", "web-server-staging"],
            "product_RDS_MySQL_database": ["orders-db"], "product_VPC_network": ["shared-network"],
            "status_Error": ["orders-db"]},
 "ansible_host": {"web-server-prod": "47.98.123.45", "web-server-staging": "47.98.200.17"}}
JSON

update() { # update LABEL KEY_ID SECRET TOKEN [FAIL_CODE]
  local label=$1 key_id=$2 secret=$3 token=$4 fail_code=${5:-}
  echo
  echo "---- inventory update '$label': key $key_id${token:+ with security token}, expecting ${fail_code:-success} ----"
  "$python" -c 'import json, sys; print(json.dumps({k: v for k, v in zip(("access_key_id", "access_key_secret", "security_token", "region_id", "endpoint"), sys.argv[1:]) if v}))' \
    "$key_id" "$secret" "$token" cn-hangzhou "$url" >"$work/$label.inputs.json"
  checked "$python" "$helper" --label "$label" --credential-type "$root/extensions/awx/credential_type.yml" \
    --inputs "$work/$label.inputs.json" --source "$root/inventories/demo.servicecatalog.yml" \
    --private-data-dir "$work/updates/$label" --collections-path "$work/collections" --secrets "$work/secrets.json" \
    --expect "$work/expect.json" ${fail_code:+--fail-code "$fail_code"}
}

update permanent "$perm_id" "$perm_secret" ""
update sts "$sts_id" "$sts_secret" "$sts_token"
update wrong "$perm_id" "$wrong_secret" "" SignatureDoesNotMatch

if grep -qF -f <("$python" -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1]))))' "$work/secrets.json") \
    "$state/emulator.out" "$state/emulator.err"; then
  record FAIL "a secret is in the emulator's output"
else
  record PASS "no secret in the emulator's output"
fi

finish "$(basename "$0" .sh)"
