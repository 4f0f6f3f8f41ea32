#!/usr/bin/env bash
# Regenerates the real `terraform show -json` fixtures of internal/planscan:
# for each internal/planscan/testdata/fixtures/<case>/main.tf, plans the case
# offline with the real hashicorp/aws provider from a local filesystem mirror
# and writes <case>/plan.json. A case with a prior-state.json (a hand-written
# version 4 state; named so that .gitignore's *.tfstate keeps it) is planned
# against it with -refresh=false: updates, deletes and replacements without
# an AWS endpoint.
#
# Usage: scripts/make-fixtures.sh [case ...]      (default: every case)
# Environment: TF_MIRROR=<folder holding registry.terraform.io/> (else found
# under /opt, /usr/share, ~/.terraform.d); TERRAFORM=<cli> (else terraform,
# then tofu).
#
# Not part of `make test`: the committed plan.json files are what the tests
# read. Without a mirror the script says so and exits 0.
set -euo pipefail

# Cases whose provider configurations call STS while planning
# (allowed_account_ids and assume_role: the provider asks GetCallerIdentity
# and AssumeRole before it plans). They are planned inside `unshare -n`
# (loopback only) against Moto, as make-fixtures-apply.sh applies: Moto
# answers STS (an assumed role's credentials act in the role's account,
# Moto's multi-account support), and the plan gets moto_override.tf's
# endpoints in its configuration. Nothing is applied.
declare -A STS_AT_PLAN=(
  [provider_accounts]="allowed_account_ids on aws.tools, assume_role on aws.prod"
)

if [ "${1:-}" = "--inside" ]; then
  # Inside the network namespace: loopback up, Moto, init, plan.
  dir=$2 port=$3 cli=$4
  ip link set lo up
  MOTO_ACCOUNT_ID=111122223333 "${MOTO_SERVER:-moto_server}" -H 127.0.0.1 -p "$port" >"$dir/moto.log" 2>&1 &
  moto_pid=$!
  trap 'kill "$moto_pid" 2>/dev/null; wait "$moto_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.2
  done
  cd "$dir"
  "$cli" init -input=false >/dev/null
  "$cli" plan -input=false -lock=false -out=tfplan >/dev/null
  exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$root/internal/planscan/testdata/fixtures"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/fixtures-lib.sh
. "$root/scripts/fixtures-lib.sh"
fixtures_setup make-fixtures "$work" || exit 0

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in "$fixtures"/*/; do
    [ -f "$d/main.tf" ] && cases+=("$(basename "$d")")
  done
fi

for c in "${cases[@]}"; do
  src="$fixtures/$c"
  [ -f "$src/main.tf" ] || { echo "make-fixtures: $c: no main.tf" >&2; exit 1; }
  dir="$work/$c"
  mkdir -p "$dir"
  cp -R "$src/." "$dir/"
  rm -f "$dir/plan.json" "$dir/model.txt"
  cp "$fixtures/provider.tf.inc" "$dir/provider.tf"
  args=(-input=false -lock=false -out=tfplan)
  if [ -f "$dir/prior-state.json" ]; then
    mv "$dir/prior-state.json" "$dir/terraform.tfstate"
    args+=(-refresh=false)
  fi
  echo "== $c" >&2
  if [ -n "${STS_AT_PLAN[$c]:-}" ]; then
    moto_override "$dir" "http://127.0.0.1:${MOTO_PORT:-4566}"
    unshare -n "$0" --inside "$dir" "${MOTO_PORT:-4566}" "$cli"
    (cd "$dir" && "$cli" show -json tfplan > "$src/plan.json.tmp")
  else
    (
      cd "$dir"
      "$cli" init -input=false >/dev/null
      "$cli" plan "${args[@]}" >/dev/null
      "$cli" show -json tfplan > "$src/plan.json.tmp"
    )
  fi
  # stable output: drop the timestamp that changes on every run
  if command -v jq >/dev/null; then
    jq 'del(.timestamp)' "$src/plan.json.tmp" > "$src/plan.json"
  else
    cp "$src/plan.json.tmp" "$src/plan.json"
  fi
  rm -f "$src/plan.json.tmp"
  echo "   wrote ${src#$root/}/plan.json" >&2
done
