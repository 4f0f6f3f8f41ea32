#!/usr/bin/env bash
# Regenerates plan.json from main.tf offline with the real hashicorp/aws
# provider from a local filesystem mirror (TF_MIRROR=<folder holding
# registry.terraform.io/>; see scripts/make-fixtures.sh for the search).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${TF_MIRROR:-}
if [ -z "$mirror" ]; then
  hit=$(find / -path '*registry.terraform.io/hashicorp/aws/5.100.0/*' -name 'terraform-provider-aws_*' -print -quit 2>/dev/null || true)
  mirror=${hit%%/registry.terraform.io/*}
fi
if [ -z "$mirror" ]; then
  echo "make-plan: no local mirror of hashicorp/aws 5.100.0 (set TF_MIRROR); skipping" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/main.tf" "$work/"
cat > "$work/mirror.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/mirror.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
cd "$work"
terraform init -input=false >/dev/null
terraform plan -input=false -out tfplan >/dev/null
terraform show -json tfplan > "$here/plan.json"
echo "make-plan: wrote $here/plan.json"
