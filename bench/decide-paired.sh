#!/usr/bin/env bash
# Compares two builds of the evaluator's tests on one benchmark, in pairs:
# each round runs both (the order alternating), and the median of the
# per-round ratios B/A is printed with the medians and minima of each.
# On a shared VM the speed of one build varies by 30-40% from minute to
# minute; the ratio of two runs taken seconds apart varies much less.
# Usage (in internal/evaluator, with test binaries built by go test -c):
#   bench/decide-paired.sh ROUNDS BENCH A.test B.test
# e.g. ../../bench/decide-paired.sh 10 BenchmarkDecideRealistic /tmp/base.test /tmp/head.test
set -euo pipefail
n=$1 bench=$2 a=$3 b=$4
val() {
  "$1" -test.run '^$' -test.bench "^$bench\$" -test.benchtime 1s |
    awk '/^Benchmark/ {for (i = 2; i <= NF; i++) if ($i == "ns/decision") print $(i-1)}'
}
for i in $(seq "$n"); do
  if (( i % 2 )); then x=$(val "$a"); y=$(val "$b"); else y=$(val "$b"); x=$(val "$a"); fi
  echo "$x $y"
done | python3 -c '
import statistics as st, sys
p = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
r = [b / a for a, b in p]
print("A ns/decision:", " ".join(str(round(a)) for a, _ in p))
print("B ns/decision:", " ".join(str(round(b)) for _, b in p))
print("median B/A %.3f; median A %.0f, B %.0f; min A %.0f, B %.0f" % (
    st.median(r), st.median(a for a, _ in p), st.median(b for _, b in p),
    min(a for a, _ in p), min(b for _, b in p)))'
