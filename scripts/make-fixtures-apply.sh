#!/usr/bin/env bash
# Regenerates the post-apply state fixtures of internal/planscan (issue 8,
# "ground truth after apply"): for each case, applies
# internal/planscan/testdata/fixtures/<case>/main.tf against Moto (a local
# stand-in of the AWS APIs) with the real hashicorp/aws provider from the
# local filesystem mirror, fully offline, and writes <case>/state.json, the
# `terraform show -json` of the state after apply.
#
# Offline: each case runs inside `unshare -n` (a network namespace with only
# the loopback interface, brought up with `ip link set lo up`), where
# `moto_server -H 127.0.0.1 -p PORT` serves every AWS API on one port.
# The committed main.tf is left alone: the work copy gets provider.tf (from
# provider.tf.inc, as for plans) and a generated moto_override.tf that sets
# the provider's endpoints (iam, sts, s3, kms, sqs, sns, dynamodb, lambda,
# organizations, ecr, secretsmanager) to http://127.0.0.1:PORT with
# s3_use_path_style. The fixtures name account 111122223333 in ARNs; Moto
# runs with MOTO_ACCOUNT_ID=111122223333 so that the applied ARNs carry the
# same account. MOTO_IAM_LOAD_MANAGED_POLICIES=true loads the AWS managed
# policies (arn:aws:iam::aws:policy/...) that the fixtures attach.
#
# What a configuration uses without managing it (a Lambda function named by
# ARN, a group and a policy named by name, the organization and its root
# r-ab12) is created first by `seed` with boto3: the plan treats these as
# outside the plan, and they are not in the state.
#
# Before applying, the script plans again inside the namespace and checks
# that its resource_changes equal the committed plan.json's (the plan that
# the ground-truth test compares with is the plan that was applied); a
# difference stops the case (regenerate plan.json with make-fixtures.sh).
#
# Usage: scripts/make-fixtures-apply.sh [case ...]   (default: every case
# that Moto can apply; see SKIP below)
# Environment: TF_MIRROR, TERRAFORM as in make-fixtures.sh; MOTO_SERVER
# (else moto_server on PATH); MOTO_PORT (default 4566).
#
# Not part of `make test`: the committed state.json files are what the tests
# read. Without terraform, the mirror, moto_server or unshare the script
# says so and exits 0.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$root/internal/planscan/testdata/fixtures"

# Cases Moto cannot apply, with the reason (also in the fixtures README).
declare -A SKIP=(
  [updates_deletes]="planned against a hand-written prior state (-refresh=false): its updates and deletes act on objects that never existed in Moto"
  [provider_accounts]="two accounts (aws.prod assumes a role of 444455556666); not yet checked that Moto keeps the accounts apart (fixtures README)"
  [escalation_existing_compute]="creates an EC2 instance and a Glue dev endpoint, services outside the endpoints this script points at Moto (the apply would leave the namespace's loopback)"
)

# seed CASE ENDPOINT creates, before the apply, what a case's configuration
# uses without managing it (a resource outside the plan that AWS would have):
# the plan does not model these, and they are not in the state.
seed() {
  case $1 in
  cross_account)
    # the Lambda function that aws_lambda_permission names by ARN (without
    # it the provider retries CreatePermission for minutes, then fails)
    python3 - "$2" <<'PY'
import io, sys, zipfile
import boto3
kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
role = boto3.client("iam", **kw).create_role(RoleName="partner-hook-exec", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("index.py", "def handler(event, context):\n    return event\n")
boto3.client("lambda", **kw).create_function(FunctionName="partner-hook", Runtime="python3.12", Role=role,
                                             Handler="index.handler", Code={"ZipFile": code.getvalue()})
PY
    ;;
  module_for_each)
    # the group and the customer managed policy the module names by name and
    # ARN without managing them
    python3 - "$2" <<'PY'
import json, sys
import boto3
kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
iam = boto3.client("iam", **kw)
iam.create_group(GroupName="legacy-admins")
doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "*"}]}
iam.create_policy(PolicyName="ci-extra", PolicyDocument=json.dumps(doc))
PY
    ;;
  org_scp_rcp)
    # the organization (root r-ab12, see start_moto) with SCPs and RCPs
    # enabled, which the configuration uses without managing it
    python3 - "$2" <<'PY'
import sys
import boto3
kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
org = boto3.client("organizations", **kw)
org.create_organization(FeatureSet="ALL")
root = org.list_roots()["Roots"][0]["Id"]
assert root == "r-ab12", root
for t in ("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"):
    org.enable_policy_type(RootId=root, PolicyType=t)
PY
    ;;
  esac
}

# start_moto PORT CASE LOG starts Moto on 127.0.0.1:PORT in the background
# (its pid in moto_pid). For org_scp_rcp, whose configuration names the
# organization root r-ab12, Moto is started in process with its random root
# id fixed to that value (Moto has no setting for it).
start_moto() {
  local env=(MOTO_ACCOUNT_ID=111122223333 MOTO_IAM_LOAD_MANAGED_POLICIES=true)
  if [ "$2" = org_scp_rcp ]; then
    env "${env[@]}" python3 - "$1" >"$3" 2>&1 <<'PY' &
import sys
import moto.organizations.utils as utils
utils.make_random_root_id = lambda: "r-ab12"
from moto.server import main
main(["-H", "127.0.0.1", "-p", sys.argv[1]])
PY
  else
    env "${env[@]}" "${MOTO_SERVER:-moto_server}" -H 127.0.0.1 -p "$1" >"$3" 2>&1 &
  fi
  moto_pid=$!
}

if [ "${1:-}" = "--inside" ]; then
  # Inside the network namespace: loopback up, Moto, init, plan, apply, show.
  shift
  dir=$1 src=$2 port=$3 cli=$4
  ip link set lo up
  start_moto "$port" "$(basename "$src")" "$dir/moto.log"
  trap 'kill "$moto_pid" 2>/dev/null; wait "$moto_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.2
  done
  cd "$dir"
  seed "$(basename "$src")" "http://127.0.0.1:$port"
  "$cli" init -input=false >/dev/null
  "$cli" plan -input=false -lock=false -out=tfplan >/dev/null
  "$cli" show -json tfplan | jq -S '.resource_changes' > rc.moto.json
  jq -S '.resource_changes' "$src/plan.json" > rc.committed.json
  if ! cmp -s rc.moto.json rc.committed.json; then
    echo "make-fixtures-apply: $(basename "$src"): the plan made against Moto differs from the committed plan.json; run scripts/make-fixtures.sh $(basename "$src") first" >&2
    diff rc.committed.json rc.moto.json | head -20 >&2 || true
    exit 1
  fi
  "$cli" apply -input=false -lock=false -auto-approve tfplan >apply.log 2>&1 || { cat apply.log >&2; exit 1; }
  "$cli" show -json > state.raw.json
  exit 0
fi

for need in "${MOTO_SERVER:-moto_server}" unshare ip jq python3; do
  if ! command -v "$need" >/dev/null; then
    echo "make-fixtures-apply: $need not found; skipping" >&2
    exit 0
  fi
done
if ! unshare -n true 2>/dev/null; then
  echo "make-fixtures-apply: cannot create a network namespace (unshare -n needs root or user namespaces); skipping" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/fixtures-lib.sh
. "$root/scripts/fixtures-lib.sh"
fixtures_setup make-fixtures-apply "$work" || exit 0
port=${MOTO_PORT:-4566}

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in "$fixtures"/*/; do
    c=$(basename "$d")
    [ -f "$d/main.tf" ] || continue
    if [ -n "${SKIP[$c]:-}" ]; then
      echo "== $c: skipped: ${SKIP[$c]}" >&2
      continue
    fi
    cases+=("$c")
  done
fi

failed=()
for c in "${cases[@]}"; do
  src="$fixtures/$c"
  [ -f "$src/main.tf" ] || { echo "make-fixtures-apply: $c: no main.tf" >&2; exit 1; }
  [ -f "$src/plan.json" ] || { echo "make-fixtures-apply: $c: no plan.json (run scripts/make-fixtures.sh $c)" >&2; exit 1; }
  dir="$work/$c"
  mkdir -p "$dir"
  cp -R "$src/." "$dir/"
  rm -f "$dir/plan.json" "$dir/state.json" "$dir/model.txt" "$dir"/*.planscan.hcl "$dir/planscan.hcl" "$dir/prior-state.json"
  cp "$fixtures/provider.tf.inc" "$dir/provider.tf"
  ep="http://127.0.0.1:$port"
  moto_override "$dir" "$ep"
  echo "== $c" >&2
  start=$(date +%s)
  if ! unshare -n "$0" --inside "$dir" "$src" "$port" "$cli"; then
    echo "   $c: FAILED (state.json left as it was)" >&2
    failed+=("$c")
    continue
  fi
  # stable output: drop the timestamp; keep terraform's order
  jq 'del(.timestamp)' "$dir/state.raw.json" > "$src/state.json"
  echo "   wrote ${src#$root/}/state.json ($(( $(date +%s) - start ))s)" >&2
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "make-fixtures-apply: failed: ${failed[*]}" >&2
  exit 1
fi
