#!/usr/bin/env bash
# Runs `terraform test` on examples/negative-tests with this provider built
# from source in a filesystem mirror (nothing is downloaded).
#
#   scripts/negative-test.sh        TERRAFORM: the CLI (default: scripts/terraform-cli.sh)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:-$("$root/scripts/terraform-cli.sh")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case "$(basename "$terraform")" in
  tofu*) host=registry.opentofu.org ;;
  *) host=registry.terraform.io ;;
esac
plugin_dir="$tmp/mirror/$host/iamsim/iamsim/0.0.1/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$plugin_dir"
(cd "$root" && go build -o "$plugin_dir/terraform-provider-iamsim_v0.0.1" .)
cat > "$tmp/terraform.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$tmp/mirror"
    include = ["$host/iamsim/iamsim"]
  }
}
TFRC
cp -R "$root/examples/negative-tests" "$tmp/work"
export TF_CLI_CONFIG_FILE="$tmp/terraform.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
cd "$tmp/work"
"$terraform" init -input=false -no-color >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; exit 1; }
"$terraform" test -no-color
