#!/usr/bin/env bash
# Checks a goreleaser dist/ folder: the provider zips in the Terraform
# Registry layout (terraform-provider-iamsim_VERSION_OS_ARCH.zip holding
# terraform-provider-iamsim_vVERSION), planscan archives, and SHA256SUMS
# listing every archive and the registry manifest.
#
#   scripts/release-check.sh [DIST [PLATFORMS]]
#   (default dist, and linux, darwin and windows on amd64 and arm64)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${1:-dist}
platforms=${2:-linux_amd64 linux_arm64 darwin_amd64 darwin_arm64 windows_amd64 windows_arm64}
fail() { echo "release-check: $*" >&2; exit 1; }
grep -q '"protocol_versions": \["6.0"\]' "$root/terraform-registry-manifest.json" || fail "manifest without protocol 6.0"
cd "$dist"
sums=$(ls terraform-provider-iamsim_*_SHA256SUMS)
version=${sums#terraform-provider-iamsim_}
version=${version%_SHA256SUMS}
grep -q "  terraform-provider-iamsim_${version}_manifest.json\$" "$sums" || fail "the manifest is not in $sums"
for p in $platforms; do
  os=${p%_*}
  z="terraform-provider-iamsim_${version}_${p}.zip"
  [ -f "$z" ] || fail "missing $z"
  # The listing is read whole before grep looks at it: with pipefail, `unzip | grep -q` fails whenever grep
  # stops reading first and unzip dies of SIGPIPE.
  listing=$(unzip -Z1 "$z")
  grep -qx "terraform-provider-iamsim_v${version}\(\.exe\)\{0,1\}" <<<"$listing" || fail "$z lacks terraform-provider-iamsim_v${version}"
  ext=tar.gz; [ "$os" = windows ] && ext=zip
  [ -f "planscan_${version}_${p}.${ext}" ] || fail "missing planscan_${version}_${p}.${ext}"
done
for f in terraform-provider-iamsim_*.zip planscan_*.tar.gz planscan_*.zip; do
  [ -e "$f" ] || continue
  grep -q "  $f\$" "$sums" || fail "$f is not in $sums"
done
sha256sum -c --quiet --ignore-missing "$sums" || fail "checksums do not match"
echo "release-check: $version: $platforms: provider zips, planscan archives and $sums ok"
