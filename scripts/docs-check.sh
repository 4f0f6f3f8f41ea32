#!/usr/bin/env bash
# Fails when docs/ is stale: regenerates the documentation in a temporary copy
# of the provider sources and compares it with the committed docs/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/provider"
(cd "$root" && tar cf - go.mod go.sum main.go internal examples templates) | (cd "$tmp/provider" && tar xf -)
"$root/scripts/docs.sh" "$tmp/provider"

if ! diff -ru "$root/docs" "$tmp/provider/docs"; then
  echo "docs-check: docs/ is stale; run 'make docs' and commit the result" >&2
  exit 1
fi
echo "docs-check: docs/ is up to date"
