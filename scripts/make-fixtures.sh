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
  (
    cd "$dir"
    "$cli" init -input=false >/dev/null
    "$cli" plan "${args[@]}" >/dev/null
    "$cli" show -json tfplan > "$src/plan.json.tmp"
  )
  # stable output: drop the timestamp that changes on every run
  if command -v jq >/dev/null; then
    jq 'del(.timestamp)' "$src/plan.json.tmp" > "$src/plan.json"
  else
    cp "$src/plan.json.tmp" "$src/plan.json"
  fi
  rm -f "$src/plan.json.tmp"
  echo "   wrote ${src#$root/}/plan.json" >&2
done
