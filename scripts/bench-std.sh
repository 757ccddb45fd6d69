#!/usr/bin/env bash
# Measures the wall time and peak memory of `buflint std` against the same
# driver running an analyzer that does nothing (internal/cmd/noopcheck), and
# prints the ratios. For scale it also measures a driver whose analyzer only
# requires buildssa (internal/cmd/ssafloor): what buflint would cost if it
# built SSA for every package instead of deciding relevance first. Usage: scripts/bench-std.sh [runs] [packages...]
# Defaults: 5 runs of each, on std. Runs alternate to spread machine noise.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
pkgs=("${@:-std}")
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/buflint" ./cmd/buflint
go build -o "$bin/noopcheck" ./internal/cmd/noopcheck
go build -o "$bin/ssafloor" ./internal/cmd/ssafloor

measure() { # prints "seconds kilobytes"; findings make the checkers exit non-zero
  /usr/bin/time -o "$bin/time.txt" -f '%e %M' "$@" >/dev/null 2>&1 || true
  tail -1 "$bin/time.txt"
}

# Warm the build and module caches so that neither run pays for them.
"$bin/noopcheck" "${pkgs[@]}" >/dev/null 2>&1 || true

: >"$bin/noop.txt"; : >"$bin/buflint.txt"; : >"$bin/ssa.txt"
for i in $(seq "$runs"); do
  measure "$bin/noopcheck" "${pkgs[@]}" >>"$bin/noop.txt"
  measure "$bin/buflint" "${pkgs[@]}" >>"$bin/buflint.txt"
  measure "$bin/ssafloor" "${pkgs[@]}" >>"$bin/ssa.txt"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
nt=$(cut -d' ' -f1 "$bin/noop.txt" | median);    nm=$(cut -d' ' -f2 "$bin/noop.txt" | median)
bt=$(cut -d' ' -f1 "$bin/buflint.txt" | median); bm=$(cut -d' ' -f2 "$bin/buflint.txt" | median)
st=$(cut -d' ' -f1 "$bin/ssa.txt" | median);     sm=$(cut -d' ' -f2 "$bin/ssa.txt" | median)
echo "packages: ${pkgs[*]} ($(go list "${pkgs[@]}" | wc -l) listed), $runs runs each, medians"
awk -v nt="$nt" -v nm="$nm" -v bt="$bt" -v bm="$bm" -v st="$st" -v sm="$sm" 'BEGIN {
  printf "noop floor:      %6.2f s  %6.0f MiB peak RSS\n", nt, nm/1024
  printf "buflint:         %6.2f s  %6.0f MiB peak RSS  (%.3fx time, %.3fx memory of the floor)\n", bt, bm/1024, bt/nt, bm/nm
  printf "buildssa always: %6.2f s  %6.0f MiB peak RSS  (%.3fx time, %.3fx memory of the floor)\n", st, sm/1024, st/nt, sm/nm
}'
