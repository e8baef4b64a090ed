#!/usr/bin/env bash
# Usage: scripts/awx-runner-test.sh VENV WORK_DIR
#
# The AWX credential type, tested the way AWX uses it, without AWX: jobs run through ansible-runner
# (the CLI, as AWX's receptor worker runs it) from a private data directory built the way AWX builds
# one for a job template with a credential of the type extensions/awx/credential_type.yml.
#
# VENV (build/venv-awx) has ansible-core, requests, ansible-runner. WORK_DIR is emptied first and kept
# afterwards for inspection (it holds the random test keys, which only this run's emulator accepted).
#  1. ansible-galaxy collection build + install into WORK_DIR/collections (AWX installs a project's
#     collections into a path of its own and sets ANSIBLE_COLLECTIONS_PATH to it).
#  2. The emulator (tests/emulator/serve.py --verbose) with two generated key pairs, neither the demo
#     pair: a permanent one (ID:SECRET) and a temporary one (ID:SECRET:TOKEN, whose requests must carry
#     the token). Always stopped (EXIT trap).
#  3. Three jobs, each in its own private data dir (tests/awx/awx_job.py prepare): env/envvars holds the
#     credential's env injectors rendered with Jinja2 from the credential's inputs (AWX's sandboxed
#     namespace), plus ANSIBLE_COLLECTIONS_PATH; env/extravars; env/settings; env/cmdline -vvv;
#     inventory/hosts: localhost, local connection, the venv's Python; project/playbook.yml
#     (tests/awx/playbook.yml: every module and the task_outputs lookup, no credential options).
#       permanent  the permanent key: the job succeeds; its events and stdout hold the demo data's values
#       sts        the temporary key with its token: the same
#       wrong      the permanent key ID with a wrong secret: the job fails with SignatureDoesNotMatch
#       sts-without-token  the temporary key without its token: fails with MissingSecurityToken (so
#                  the sts job passed because the token was injected and sent)
#       oidc       a credential of extensions/awx/credential_type_oidc.yml only (RRSA: role ARN, OIDC
#                  provider ARN, a token file as Kubernetes projects one, minted by the emulator's OIDC
#                  issuer): the job succeeds with no key at all; every request is signed with a key the
#                  emulator issued through AssumeRoleWithOIDC, and the token appears nowhere
#     After each: no secret (nor token, nor the wrong secret) in any file under artifacts/ except
#     ansible-runner's own record of the job's environment (artifacts/<ident>/command, see awx_job.py),
#     nor in the emulator's request log, stdout or stderr, nor in the runner's console output; every request of the job was signed with the
#     job's key and got the expected answer.
# Prints one PASS/FAIL line per check and "awx-runner-test: N passed, N failed" at the end.
set -euo pipefail
usage="usage: $0 VENV WORK_DIR"
venv=${1:?$usage}
work=${2:?$usage}
root=$(cd "$(dirname "$0")/.." && pwd)
scripts=$root/scripts
venv=$(cd "$venv" && pwd)
python=$venv/bin/python
helper=$root/tests/awx/awx_job.py
export PATH="$venv/bin:$PATH"
export ANSIBLE_NOCOLOR=1

# The demo data picked for the job (tests/emulator/data/demo.json); the expected values are read from it.
task_id=task-bp1dmg242c0a01
product_name=web-server-staging
plan_id=plan-bp18mmdh2u0f01
region=cn-hangzhou

case $work in
  /*) ;;
  *) work=$PWD/$work ;;
esac
rm -rf "$work"
mkdir -p "$work"
chmod 700 "$work"
state=$work/emulator
results=$work/results

cleanup() {
  "$scripts/stop-emulator.sh" "$state"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

: >"$results"
# shellcheck source=scripts/checks-lib.sh
source "$root/scripts/checks-lib.sh"

# 1. The collection, built and installed.
install_collection awx-runner-test
if [[ -f $work/collections/ansible_collections/alicloud/servicecatalog/MANIFEST.json ]]; then
  record PASS "collection $(basename "$tarball") installed into $work/collections"
else
  record FAIL "collection $(basename "$tarball") not installed into $work/collections"
  exit 1
fi

"$python" "$helper" expect --data "$root/tests/emulator/data/demo.json" \
  --task-id "$task_id" --product-name "$product_name" --plan-id "$plan_id" >"$work/expect.json"

# 2. Keys of this run only, and the emulator accepting exactly those.
alnum=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789
perm_id=LTAI5tAWX$(random_string 15 "$alnum")
perm_secret=$(random_string 30 "$alnum")
sts_id=STS.NTx$(random_string 21 "$alnum")
sts_secret=$(random_string 44 "$alnum")
sts_token=CAIS$(random_string 120 "$alnum+/=")
wrong_secret=$(random_string 30 "$alnum")
umask 077
printf '%s:%s\n%s:%s:%s\n' "$perm_id" "$perm_secret" "$sts_id" "$sts_secret" "$sts_token" >"$work/keys"
"$python" -c 'import json, sys; print(json.dumps(sys.argv[1:]))' \
  "$perm_secret" "$sts_secret" "$sts_token" "$wrong_secret" >"$work/secrets.json"

url=$("$scripts/start-emulator.sh" "$state" "$python" "$root/tests/emulator/serve.py" --verbose \
  --access-key "$perm_id:$perm_secret" --access-key "$sts_id:$sts_secret:$sts_token")
echo "awx-runner-test: emulator $url, keys $perm_id (permanent), $sts_id (temporary, with token)"

# The OIDC token of the RRSA job, as Kubernetes projects it into the job's pod (minted by the emulator's
# OIDC issuer); a secret like the others.
mkdir -p "$work/rrsa"
oidc_token_file=$work/rrsa/token
"$python" - "$url" "$oidc_token_file" "$work/secrets.json" <<'PY'
import json, os, sys, urllib.request
url, path, secrets_file = sys.argv[1:]
req = urllib.request.Request(url + '/_emulator/oidc-token', data=b'{}', method='POST', headers={'content-type': 'application/json'})
with urllib.request.urlopen(req, timeout=10) as answer:
    token = json.load(answer)['token']
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, 'w') as f:
    f.write(token)
with open(secrets_file) as f:
    secrets = json.load(f)
with open(secrets_file, 'w') as f:
    json.dump(secrets + [token], f)
PY

# 3. The jobs.
run_job() { # run_job LABEL KEY_ID SECRET TOKEN ANSWER [CREDENTIAL_TYPE INPUTS_JSON]
  # KEY_ID issued:oidc: every request signed with a key the emulator issued through AssumeRoleWithOIDC
  local label=$1 key_id=$2 secret=$3 token=$4 answer=$5
  local cred_type=${6:-$root/extensions/awx/credential_type.yml} inputs=${7:-}
  local pdd=$work/jobs/$label ident=job-$label rc=0
  mkdir -p "$pdd"
  echo
  echo "---- job '$label': key $key_id${token:+ with security token}, expecting ${answer/#200/success} ----"
  # The credential's inputs, as a user enters them in AWX.
  # (AWX leaves a field that is left empty out of the credential's inputs.)
  if [[ -n $inputs ]]; then
    printf '%s\n' "$inputs" >"$work/jobs/$label.inputs.json"
  else
    "$python" -c 'import json, sys; print(json.dumps({k: v for k, v in zip(("access_key_id", "access_key_secret", "security_token", "region_id", "endpoint"), sys.argv[1:]) if v}))' \
      "$key_id" "$secret" "$token" "$region" "$url" >"$work/jobs/$label.inputs.json"
  fi
  "$python" -c 'import json, sys; print(json.dumps({"sc_expect": json.load(open(sys.argv[1])), "sc_collections_path": sys.argv[2]}))' \
    "$work/expect.json" "$work/collections" >"$work/jobs/$label.extravars.json"
  "$python" "$helper" prepare --credential-type "$cred_type" \
    --inputs "$work/jobs/$label.inputs.json" --private-data-dir "$pdd" \
    --playbook "$root/tests/awx/playbook.yml" --collections-path "$work/collections" --python "$python" \
    --extravars "$work/jobs/$label.extravars.json" --safe-env-out "$work/jobs/$label.safe-env.json"
  "$python" "$helper" clear-log --emulator-url "$url"
  ansible-runner run "$pdd" -p playbook.yml --ident "$ident" >"$work/jobs/$label.runner.out" 2>&1 || rc=$?
  echo "ansible-runner run $pdd -p playbook.yml --ident $ident: exit status $rc (console output: $work/jobs/$label.runner.out)"
  local artifacts=$pdd/artifacts/$ident
  if [[ ! -f $artifacts/status ]]; then
    record FAIL "$label: ansible-runner wrote no $artifacts/status"
    sed 's/^/      /' "$work/jobs/$label.runner.out" | tail -n 40
    return 0
  fi
  if [[ $answer == 200 ]]; then
    checked "$python" "$helper" job --label "$label" --artifact-dir "$artifacts" --expect "$work/expect.json"
  else
    checked "$python" "$helper" job --label "$label" --artifact-dir "$artifacts" --expect "$work/expect.json" \
      --fail-code "$answer"
  fi
  checked "$python" "$helper" secrets --label "$label" --secrets "$work/secrets.json" \
    --safe-env "$work/jobs/$label.safe-env.json" --private-data-dir "$pdd" --artifacts "$pdd/artifacts" \
    --emulator-url "$url" --files "$state/emulator.out" "$state/emulator.err" "$work/jobs/$label.runner.out" \
    --key-id "$key_id" --answer "$answer"
  # The same secret check, plainly: grep over every file of the job's artifacts (the runner's
  # environment record, artifacts/<ident>/command, is checked above).
  local leaked
  leaked=$(grep -rlF -f <("$python" -c 'import json, sys; print("\n".join(json.load(open(sys.argv[1]))))' "$work/secrets.json") \
    --exclude=command "$pdd/artifacts" || true)
  if [[ -z $leaked ]]; then
    record PASS "$label: grep -rF finds no secret under artifacts/ (except artifacts/$ident/command)"
  else
    record FAIL "$label: grep -rF finds a secret in: $leaked"
  fi
}

run_job permanent "$perm_id" "$perm_secret" "" 200
run_job sts "$sts_id" "$sts_secret" "$sts_token" 200
run_job wrong "$perm_id" "$wrong_secret" "" SignatureDoesNotMatch
run_job sts-without-token "$sts_id" "$sts_secret" "" MissingSecurityToken
run_job oidc issued:oidc "" "" 200 "$root/extensions/awx/credential_type_oidc.yml" "$("$python" -c '
import json, sys
print(json.dumps({"role_arn": "acs:ram::1466115886170001:role/servicecatalog-reader",
                  "oidc_provider_arn": "acs:ram::1466115886170001:oidc-provider/ack-rrsa-emulator",
                  "oidc_token_file": sys.argv[1], "region_id": sys.argv[2], "sts_endpoint": sys.argv[3], "endpoint": sys.argv[3]}))
' "$oidc_token_file" "$region" "$url")"

finish "$(basename "$0" .sh)"
