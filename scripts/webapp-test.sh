#!/usr/bin/env bash
# Runs `terraform test` on examples/webapp with the real hashicorp/aws
# provider from a local filesystem mirror and this provider built from source.
#
#   scripts/webapp-test.sh
#
# Environment:
#   AWS_PROVIDER_MIRROR    the folder holding registry.terraform.io/hashicorp/aws/...
#                          (found under /opt, /usr/local, /usr/share, /srv, $HOME, /work when unset)
#   WEBAPP_TEST_OPTIONAL=1 skip (exit 0) instead of failing when that mirror is missing
#   TERRAFORM              the terraform CLI (default: terraform on PATH)
#
# Nothing is downloaded: both providers come from filesystem mirrors.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:-$(command -v terraform || true)}
if [ -z "$terraform" ]; then
  echo "webapp-test: FAIL: no terraform CLI on PATH (set TERRAFORM)" >&2
  exit 1
fi

find_aws_mirror() {
  local roots=() r bin
  for r in /opt /usr/local /usr/share /srv "${HOME:-/root}" /work /tmp; do
    [ -d "$r" ] && roots+=("$r")
  done
  bin=$(find "${roots[@]}" -maxdepth 8 -name 'terraform-provider-aws_*' -path '*registry.terraform.io/hashicorp/aws/*' 2>/dev/null | head -n 1 || true)
  [ -n "$bin" ] && echo "${bin%%/registry.terraform.io/*}"
  return 0
}

aws_mirror=${AWS_PROVIDER_MIRROR:-$(find_aws_mirror)}
if [ -z "$aws_mirror" ] || [ ! -d "$aws_mirror/registry.terraform.io/hashicorp/aws" ]; then
  msg="no local mirror of hashicorp/aws (looked for registry.terraform.io/hashicorp/aws/*/terraform-provider-aws_*; set AWS_PROVIDER_MIRROR)"
  if [ "${WEBAPP_TEST_OPTIONAL:-}" = 1 ]; then
    echo "webapp-test: SKIPPED: $msg" >&2
    exit 0
  fi
  echo "webapp-test: FAIL: $msg" >&2
  echo "webapp-test: set WEBAPP_TEST_OPTIONAL=1 to skip on machines without the mirror" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

platform="$(go env GOOS)_$(go env GOARCH)"
mirror2="$tmp/mirror"
plugin_dir="$mirror2/registry.terraform.io/iamsim/iamsim/0.0.1/$platform"
mkdir -p "$plugin_dir"
echo "webapp-test: building the provider into $plugin_dir"
(cd "$root" && go build -o "$plugin_dir/terraform-provider-iamsim_v0.0.1" .)

cat > "$tmp/terraform.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror2"
    include = ["registry.terraform.io/iamsim/iamsim"]
  }
  filesystem_mirror {
    path    = "$aws_mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
TFRC

cp -R "$root/examples/webapp" "$tmp/webapp"
rm -rf "$tmp/webapp/.terraform" "$tmp/webapp/.terraform.lock.hcl"
export TF_CLI_CONFIG_FILE="$tmp/terraform.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export TF_DATA_DIR="$tmp/webapp/.terraform"
cd "$tmp/webapp"
echo "webapp-test: terraform init (aws mirror: $aws_mirror)"
"$terraform" init -input=false -no-color >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; exit 1; }
echo "webapp-test: terraform test"
"$terraform" test -no-color ${WEBAPP_TEST_ARGS:-}
