#!/usr/bin/env bash
# Times planscan eval on ../shared/bench/realistic-10k.json against the
# oracle's own throughput run (node bench.mjs $N --modes=raw) in the same
# run, and prints the cost per decision of each and their ratio. planscan
# is timed before and after the oracle and the best run counts (the machine
# may be shared; the best run is the least disturbed one).
# Env: SHARED (default ../shared), PLANSCAN (default bin/planscan),
# RUNS (planscan repetitions before and after, 10), N (oracle requests, 10000),
# BASE (another planscan binary, e.g. main's, timed the same way in the
# same run for a side-by-side comparison).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "${SHARED:-$root/../shared}" && pwd)
planscan=${PLANSCAN:-$root/bin/planscan}
runs=${RUNS:-10}
n=${N:-10000}
input="$shared/bench/realistic-10k.json"

[ -x "$planscan" ] || { echo "eval-vs-oracle: $planscan not built (run make build)" >&2; exit 2; }
requests=$("$planscan" eval "$input" | wc -l)

now_ns() { date +%s%N; }

base=${BASE:-}
best=
base_best=
time_planscan() {
  local t0 t
  for _ in $(seq "$runs"); do
    t0=$(now_ns)
    "$planscan" eval "$input" > /dev/null
    t=$(( $(now_ns) - t0 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    if [ -n "$base" ]; then
      t0=$(now_ns)
      "$base" eval "$input" > /dev/null
      t=$(( $(now_ns) - t0 ))
      if [ -z "$base_best" ] || [ "$t" -lt "$base_best" ]; then base_best=$t; fi
    fi
  done
}

echo "== planscan eval $input ($requests requests, best of 2 x $runs runs)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" "$planscan eval $input > /dev/null"
fi
time_planscan

echo
echo "== oracle: node bench.mjs $n --modes=raw"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$shared/oracle" "$work/oracle"
chmod -R u+w "$work/oracle"
cd "$work/oracle"
npm ci --silent --no-audit --no-fund >/dev/null
oracle_out=$(node bench.mjs "$n" --modes=raw)
echo "$oracle_out"
oracle_us=$(echo "$oracle_out" | grep -Eio '[0-9][0-9,.]* *(µs|us)/decision' | head -n 1 | tr -d ', ' | sed -E 's/(µs|us)\/decision//I')
if [ -z "$oracle_us" ]; then
  echo "eval-vs-oracle: could not read the oracle's us/decision from its output" >&2
  exit 1
fi
time_planscan
planscan_us=$(awk -v t="$best" -v n="$requests" 'BEGIN { printf "%.2f", t / 1000 / n }')
echo
echo "planscan: best $(awk -v t="$best" 'BEGIN { printf "%.1f", t / 1e6 }') ms for $requests decisions (process start included)"
echo "oracle:   $oracle_us us/decision"
echo "planscan: $planscan_us us/decision"
awk -v o="$oracle_us" -v p="$planscan_us" 'BEGIN { printf "ratio:    planscan is %.0fx faster per decision\n", o / p }'
if [ -n "$base" ]; then
  base_us=$(awk -v t="$base_best" -v n="$requests" 'BEGIN { printf "%.2f", t / 1000 / n }')
  echo
  echo "base ($base): best $(awk -v t="$base_best" 'BEGIN { printf "%.1f", t / 1e6 }') ms, $base_us us/decision"
  awk -v o="$oracle_us" -v p="$base_us" 'BEGIN { printf "base ratio: %.0fx\n", o / p }'
fi
