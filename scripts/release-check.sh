#!/usr/bin/env bash
# Checks a goreleaser dist/ folder: the provider zips in the Terraform
# Registry layout, planscan archives for linux, darwin and windows on amd64
# and arm64, the manifest, and SHA256SUMS covering every archive.
#
#   scripts/release-check.sh [DIST]   (default dist)
set -euo pipefail
dist=${1:-dist}
cd "$dist"
sums=$(ls terraform-provider-iamsim_*_SHA256SUMS)
version=${sums#terraform-provider-iamsim_}
version=${version%_SHA256SUMS}
fail() { echo "release-check: $*" >&2; exit 1; }
[ -f "terraform-provider-iamsim_${version}_manifest.json" ] || fail "no manifest"
grep -q '"protocol_versions": \["6.0"\]' "terraform-provider-iamsim_${version}_manifest.json" || fail "manifest without protocol 6.0"
for os in linux darwin windows; do
  for arch in amd64 arm64; do
    z="terraform-provider-iamsim_${version}_${os}_${arch}.zip"
    [ -f "$z" ] || fail "missing $z"
    unzip -l "$z" | grep -q " terraform-provider-iamsim_v${version}\(\.exe\)\{0,1\}\$" || fail "$z lacks terraform-provider-iamsim_v${version}"
    ext=tar.gz; [ $os = windows ] && ext=zip
    p="planscan_${version}_${os}_${arch}.${ext}"
    [ -f "$p" ] || fail "missing $p"
  done
done
for f in terraform-provider-iamsim_*.zip planscan_*; do
  grep -q "  $f\$" "$sums" || fail "$f is not in $sums"
done
sha256sum -c --quiet "$sums" || fail "checksums do not match"
echo "release-check: $version: $(ls terraform-provider-iamsim_*.zip | wc -l) provider zips, $(ls planscan_* | wc -l) planscan archives, SHA256SUMS ok"
