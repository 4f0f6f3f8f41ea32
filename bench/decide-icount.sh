#!/usr/bin/env bash
# Instructions and L1 data read misses per decision of BenchmarkDecideRealistic,
# counted by valgrind's cachegrind (deterministic, unlike time on a shared
# VM): the benchmark is run for 10 and for 30 iterations of its 10,000
# requests (GOMAXPROCS=1, GOGC=off) and the difference is divided by
# 200,000 decisions, which leaves out loading and compiling the set.
# Usage (in internal/evaluator): bench/decide-icount.sh X.test
set -euo pipefail
bin=$1
run() {
  GOMAXPROCS=1 GOGC=off valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file=/dev/null \
    "$bin" -test.run '^$' -test.bench 'BenchmarkDecideRealistic$' -test.benchtime "${1}x" 2>&1 |
    tr -d ',(' | awk '/I +refs/ {i = $4} /D1 +misses/ {d = $5} END {print i, d}'
}
read -r i10 d10 <<< "$(run 10)"
read -r i30 d30 <<< "$(run 30)"
awk -v a="$i10" -v b="$i30" -v c="$d10" -v d="$d30" -v n="$bin" \
  'BEGIN {printf "%s: %.0f instructions/decision, %.1f L1 data read misses/decision\n", n, (b-a)/200000, (d-c)/200000}'
