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

cli=${TERRAFORM:-}
if [ -z "$cli" ]; then
  cli=$(command -v terraform || command -v tofu || true)
fi
if [ -z "$cli" ]; then
  echo "make-fixtures: no terraform or tofu on PATH; skipping" >&2
  exit 0
fi

mirror=${TF_MIRROR:-}
if [ -z "$mirror" ]; then
  for base in /opt /usr/share /usr/local/share "$HOME/.terraform.d" "$HOME/.local/share"; do
    [ -d "$base" ] || continue
    hit=$(find "$base" -maxdepth 8 -path '*registry.terraform.io/hashicorp/aws/5.100.0/*' -name 'terraform-provider-aws_*' -print -quit 2>/dev/null || true)
    if [ -n "$hit" ]; then
      mirror=${hit%%/registry.terraform.io/*}
      break
    fi
  done
fi
if [ -z "$mirror" ] || [ ! -d "$mirror/registry.terraform.io/hashicorp/aws" ]; then
  echo "make-fixtures: no local mirror of registry.terraform.io/hashicorp/aws 5.100.0 found (set TF_MIRROR); skipping" >&2
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/mirror.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/mirror.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export TF_PLUGIN_CACHE_DIR=""

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
