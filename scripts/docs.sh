#!/usr/bin/env bash
# Generates docs/ from the provider schema, examples/ and templates/ with
# tfplugindocs (pinned in tools/docs/go.mod).
#
#   scripts/docs.sh [PROVIDER_DIR]   (default: the repository root)
#
# tfplugindocs builds the provider and reads its schema with the terraform
# CLI found on PATH; it never downloads one here, because the script fails
# first when terraform is missing. It does not work with OpenTofu.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(cd "${1:-$root}" && pwd)

if ! command -v terraform >/dev/null 2>&1; then
  if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ "$(basename "$TF_ACC_TERRAFORM_PATH")" = terraform ]; then
    PATH="$(dirname "$TF_ACC_TERRAFORM_PATH"):$PATH"
  else
    echo "docs: tfplugindocs needs the terraform CLI on PATH (OpenTofu does not work for it)" >&2
    exit 1
  fi
fi

export CHECKPOINT_DISABLE=1
cd "$root/tools/docs"
go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate \
  --provider-dir "$dir" --provider-name iamsim --rendered-provider-name iamsim >/dev/null
