#!/usr/bin/env bash
# Growth curves of planscan check and diff on generated plans
# (bench/plangen): N roles with one inline policy each, one role with many
# inline policies, one policy with many statements. Prints one line per
# run: shape, n, command, elapsed seconds, user+system CPU seconds (the
# machine is shared: CPU time is steadier than wall-clock), peak RSS
# (/usr/bin/time -v).
#
#   bench/plan-scaling.sh                      # the curves of BENCHMARKS.md
#   ROLES="1000 2000" INLINE= STATEMENTS= bench/plan-scaling.sh
#   PLANSCAN=/tmp/planscan-old bench/plan-scaling.sh   # another binary
set -euo pipefail
cd "$(dirname "$0")/.."
ROLES=${ROLES-"1000 2000 5000 10000 20000"}
INLINE=${INLINE-"8000"}
STATEMENTS=${STATEMENTS-"20000"}
COMMANDS=${COMMANDS-"check diff"}
TIMEOUT=${TIMEOUT-300}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/plangen" ./bench/plangen
PLANSCAN=${PLANSCAN:-}
if [ -z "$PLANSCAN" ]; then
	go build -o "$dir/planscan" ./cmd/planscan
	PLANSCAN=$dir/planscan
fi
run() { # shape n
	"$dir/plangen" -shape "$1" -n "$2" > "$dir/plan.json"
	for cmd in $COMMANDS; do
		set +e
		timeout "$TIMEOUT" /usr/bin/time -v "$PLANSCAN" "$cmd" "$dir/plan.json" --account-id 111122223333 > /dev/null 2> "$dir/time.txt"
		rc=$?
		set -e
		secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$dir/time.txt")
		cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$dir/time.txt")
		rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$dir/time.txt")
		[ "$rc" = 124 ] && secs=">$TIMEOUT"
		printf '%-10s %6s  %-5s  %8s s  %8s s CPU  %6s MB  (exit %s)\n' "$1" "$2" "$cmd" "${secs:-?}" "${cpu:-?}" "${rss:-?}" "$rc"
	done
}
for n in $ROLES; do run roles "$n"; done
for n in $INLINE; do run inline "$n"; done
for n in $STATEMENTS; do run statements "$n"; done
