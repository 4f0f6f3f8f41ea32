#!/usr/bin/env bash
# Prints the path of a Terraform-compatible CLI for the acceptance tests:
#   1. $TF_ACC_TERRAFORM_PATH when set,
#   2. `terraform` on PATH,
#   3. `tofu` on PATH,
#   4. else OpenTofu built from the Go module proxy into .cache/tofu/<version>/tofu
#      (`go install pkg@version` cannot build it: its go.mod has a replace directive).
# Only the path goes to stdout; progress goes to stderr.
set -euo pipefail

TOFU_VERSION=${TOFU_VERSION:-v1.12.6}

if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ]; then
  echo "$TF_ACC_TERRAFORM_PATH"
  exit 0
fi
for cli in terraform tofu; do
  if path=$(command -v "$cli"); then
    echo "$path"
    exit 0
  fi
done

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.cache/tofu/$TOFU_VERSION"
if [ -x "$dest/tofu" ]; then
  echo "$dest/tofu"
  exit 0
fi

echo "terraform-cli: no terraform or tofu on PATH; building OpenTofu $TOFU_VERSION into $dest (several minutes)" >&2
modcache=$(mktemp -d)
cleanup() {
  GOMODCACHE="$modcache" go clean -modcache >/dev/null 2>&1 || true
  rm -rf "$modcache"
}
trap cleanup EXIT

dir=$(cd "$modcache" && GOMODCACHE="$modcache" GOFLAGS=-mod=mod \
  go mod download -json "github.com/opentofu/opentofu@$TOFU_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "terraform-cli: could not download github.com/opentofu/opentofu@$TOFU_VERSION" >&2
  exit 1
fi
mkdir -p "$dest"
(cd "$dir" && GOMODCACHE="$modcache" GOFLAGS=-mod=mod CGO_ENABLED=0 \
  go build -trimpath -o "$dest/tofu.tmp" ./cmd/tofu) >&2
mv "$dest/tofu.tmp" "$dest/tofu"
echo "$dest/tofu"
