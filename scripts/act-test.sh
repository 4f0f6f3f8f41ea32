#!/usr/bin/env bash
# Runs the GitHub Action (action.yml) with nektos/act, the way a runner
# would, on the shipped pr-gate plan: a workflow with actions/checkout and
# `uses: ./` (the action of this checkout, which builds planscan from its
# source), then a step that checks the action's outputs.
#
# Offline and without Docker: act runs the job on this host
# (-P ubuntu-latest=-self-hosted), copies this checkout for
# actions/checkout, and --local-repository replaces
# github/codeql-action/upload-sarif (the SARIF upload, a remote action the
# runner would fetch) with a local stub that only prints the file it got.
# act is built from the Go module proxy at the version pinned below.
#
#   scripts/act-test.sh            (make act-test)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ACT_VERSION=${ACT_VERSION:-v0.2.89}
act=$root/bin/act
if ! "$act" --version 2>/dev/null | grep -q "${ACT_VERSION#v}"; then
  echo "act-test: building github.com/nektos/act@$ACT_VERSION into bin/" >&2
  GOBIN=$root/bin go install "github.com/nektos/act@$ACT_VERSION"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/repo"
# the working tree's action.yml and workflow, also when they are not committed yet
cp "$root/action.yml" "$work/repo/action.yml"
mkdir -p "$work/repo/.github/workflows" "$work/stub/upload-sarif"
cp "$root/examples/act/gate.yml" "$work/repo/.github/workflows/gate.yml"
cat > "$work/stub/upload-sarif/action.yml" <<'YML'
name: upload-sarif stub
inputs:
  sarif_file: {required: false}
  category: {required: false}
runs:
  using: composite
  steps:
    - shell: bash
      run: echo "upload-sarif stub got ${{ inputs.sarif_file }}"
YML
(cd "$work/repo" && git add -A && git -c user.name=act -c user.email=act@localhost commit -qm "act-test workflow" --allow-empty)
log=$work/act.log
if ! (cd "$work/repo" && "$act" push -W .github/workflows/gate.yml -P ubuntu-latest=-self-hosted \
    --action-offline-mode --local-repository "github/codeql-action@v3=$work/stub" >"$log" 2>&1); then
  cat "$log" >&2
  echo "act-test: the workflow failed" >&2
  exit 1
fi
grep -q "verdict=fail exit-code=1 failed=3 sarif=" "$log" || { cat "$log" >&2; echo "act-test: outputs not as expected" >&2; exit 1; }
grep -q "upload-sarif stub got" "$log" || { cat "$log" >&2; echo "act-test: the SARIF upload step did not run" >&2; exit 1; }
echo "act-test: act $ACT_VERSION ran action.yml on examples/plans/pr-gate: verdict fail, exit-code 1, 3 failed, SARIF handed to upload-sarif"
