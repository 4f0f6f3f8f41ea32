#!/usr/bin/env bash
# Differential test of planscan eval against the iam-simulate oracle
# (../shared/oracle, run as a separate process: it is AGPL, never linked).
#
#   1. the fuzz kit: gen-fuzz.mjs --seed $SEED --n $N, oracle vs planscan eval;
#   2. the realistic set: ../shared/bench/realistic-10k.json expanded to case
#      lines, oracle vs planscan eval; planscan's batch output vs the stored
#      oracle answers (realistic-10k.oracle.jsonl); planscan's batch output vs
#      its lines output (must be byte-identical; exit 1 otherwise).
#   3. the paths generator (scripts/difftest-paths.mjs, this repository's):
#      log groups and streams, IAM roles and users with paths, SSM parameter
#      paths; PATHS_SEED (7), PATHS_N (3000; 0 skips it).
#   After each oracle comparison on case lines, scripts/difftest-classify.mjs
#   sets apart the known, documented disagreements (classes listed with their
#   documentation sentence in internal/evaluator/testdata/ORACLE-DISAGREEMENTS.md)
#   and requires 100% agreement on everything else: a new disagreement makes
#   the script exit 1 (after running every section).
#
# Needs node >= 20 and the npm registry once (npm ci). Not part of `make test`.
# Env: SHARED (default ../shared), PLANSCAN (default bin/planscan), SEED (1),
# N (3000), PATHS_SEED (7), PATHS_N (3000), SHOW (disagreements listed per comparison, 10), OUT (keep the
# outputs in this folder instead of a temporary one).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "${SHARED:-$root/../shared}" && pwd)
planscan=${PLANSCAN:-$root/bin/planscan}
seed=${SEED:-1}
n=${N:-3000}
paths_seed=${PATHS_SEED:-7}
paths_n=${PATHS_N:-3000}
show=${SHOW:-10}

[ -x "$planscan" ] || { echo "difftest: $planscan not built (run make build)" >&2; exit 2; }
command -v node >/dev/null || { echo "difftest: node is required" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$shared/oracle" "$work/oracle"
chmod -R u+w "$work/oracle"
cd "$work/oracle"
npm ci --silent --no-audit --no-fund >/dev/null
out=${OUT:-$work/out}
mkdir -p "$out"
status=0
classify() { # ORACLE ENGINE CASES
  echo "-- known and new disagreements (scripts/difftest-classify.mjs)"
  node "$root/scripts/difftest-classify.mjs" "$1" "$2" "$3" --doc="$root/internal/evaluator/testdata/ORACLE-DISAGREEMENTS.md" || status=1
}

echo "== fuzz kit: seed $seed, $n cases"
node gen-fuzz.mjs --seed "$seed" --n "$n" > "$out/fuzz-cases.jsonl"
node run-oracle.mjs < "$out/fuzz-cases.jsonl" > "$out/fuzz-oracle.jsonl" 2>/dev/null
"$planscan" eval "$out/fuzz-cases.jsonl" > "$out/fuzz-planscan.jsonl"
node compare.mjs "$out/fuzz-oracle.jsonl" "$out/fuzz-planscan.jsonl" "$out/fuzz-cases.jsonl" --show="$show"
classify "$out/fuzz-oracle.jsonl" "$out/fuzz-planscan.jsonl" "$out/fuzz-cases.jsonl"

if [ "$paths_n" -gt 0 ]; then
  echo
  echo "== paths generator: seed $paths_seed, $paths_n cases (scripts/difftest-paths.mjs)"
  node "$root/scripts/difftest-paths.mjs" --seed "$paths_seed" --n "$paths_n" > "$out/paths-cases.jsonl"
  node run-oracle.mjs < "$out/paths-cases.jsonl" > "$out/paths-oracle.jsonl" 2>/dev/null
  "$planscan" eval "$out/paths-cases.jsonl" > "$out/paths-planscan.jsonl"
  node compare.mjs "$out/paths-oracle.jsonl" "$out/paths-planscan.jsonl" "$out/paths-cases.jsonl" --show="$show"
  classify "$out/paths-oracle.jsonl" "$out/paths-planscan.jsonl" "$out/paths-cases.jsonl"
fi

echo
echo "== realistic-10k as case lines: oracle vs planscan eval"
node batch-to-cases.mjs "$shared/bench/realistic-10k.json" > "$out/bench-cases.jsonl"
node run-oracle.mjs < "$out/bench-cases.jsonl" > "$out/bench-oracle.jsonl" 2>/dev/null
"$planscan" eval "$out/bench-cases.jsonl" > "$out/bench-planscan-lines.jsonl"
node compare.mjs "$out/bench-oracle.jsonl" "$out/bench-planscan-lines.jsonl" "$out/bench-cases.jsonl" --show="$show"
classify "$out/bench-oracle.jsonl" "$out/bench-planscan-lines.jsonl" "$out/bench-cases.jsonl"

echo
echo "== realistic-10k batch document: stored oracle answers vs planscan eval"
"$planscan" eval "$shared/bench/realistic-10k.json" > "$out/bench-planscan-batch.jsonl"
node compare.mjs "$shared/bench/realistic-10k.oracle.jsonl" "$out/bench-planscan-batch.jsonl" --show="$show"
classify "$shared/bench/realistic-10k.oracle.jsonl" "$out/bench-planscan-batch.jsonl" "$out/bench-cases.jsonl"

echo
echo "== realistic-10k: planscan batch output vs lines output (must be identical)"
if cmp -s "$out/bench-planscan-lines.jsonl" "$out/bench-planscan-batch.jsonl"; then
  echo "identical: $(wc -l < "$out/bench-planscan-batch.jsonl") lines"
else
  echo "DIFFERENT: $(diff "$out/bench-planscan-lines.jsonl" "$out/bench-planscan-batch.jsonl" | grep -c '^<') of $(wc -l < "$out/bench-planscan-batch.jsonl") lines differ"
  exit 1
fi
[ "$status" -eq 0 ] || echo "difftest: new disagreements with the oracle (see above)"
exit "$status"
