#!/usr/bin/env bash
# Measures `buflint std` against the same driver running an analyzer that
# does nothing (internal/cmd/noopcheck): the floor every checker built on
# the driver pays, mostly for type-checking. Runs alternate, one pair at a
# time (floor, then buflint), so that the machine's drift hits both; each
# pair gives the ratios of wall time, CPU time (user + system) and peak
# memory, and the script prints the median and the spread (lowest and
# highest) of each ratio over the pairs, with the medians of the figures.
#
# Usage: scripts/bench-std.sh [pairs] [packages...]   (defaults: 5 pairs, std)
# With SSAFLOOR=1 it also runs, in each pair, a driver whose analyzer only
# requires buildssa (internal/cmd/ssafloor): what buflint would cost if it
# built SSA for every package instead of deciding relevance first.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
shift || true
pkgs=("${@:-std}")
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/buflint" ./cmd/buflint
go build -o "$bin/noopcheck" ./internal/cmd/noopcheck
go build -o "$bin/ssafloor" ./internal/cmd/ssafloor

# measure NAME CMD...: appends "wall cpu kilobytes" to $bin/NAME.txt.
# Findings make the checkers exit non-zero; GNU time then writes a line
# before the figures, so the figures are read from their own line.
measure() {
  local name=$1; shift
  /usr/bin/time -o "$bin/time.txt" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
  awk 'NF == 4 && $1 ~ /^[0-9.]+$/ { printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$bin/time.txt" | tail -1 >>"$bin/$name.txt"
}

# Warm the build and module caches so that no run pays for them.
"$bin/noopcheck" "${pkgs[@]}" >/dev/null 2>&1 || true

: >"$bin/noop.txt"; : >"$bin/buflint.txt"; : >"$bin/ssa.txt"
for i in $(seq "$pairs"); do
  measure noop "$bin/noopcheck" "${pkgs[@]}"
  measure buflint "$bin/buflint" "${pkgs[@]}"
  if [ "${SSAFLOOR:-}" = 1 ]; then measure ssa "$bin/ssafloor" "${pkgs[@]}"; fi
done

echo "packages: ${pkgs[*]} ($(go list "${pkgs[@]}" | wc -l) listed), $pairs alternating pairs"
echo "pair  floor: wall   cpu   MiB   buflint: wall   cpu   MiB   ratio: wall  cpu   mem"
paste -d' ' "$bin/noop.txt" "$bin/buflint.txt" | awk '{
  printf "%4d  %11.1f %5.1f %5.0f  %13.1f %5.1f %5.0f  %11.3f %5.3f %5.3f\n", NR, $1, $2, $3/1024, $4, $5, $6/1024, $4/$1, $5/$2, $6/$3
}' | tee "$bin/pairs.txt"
# stats COLUMN: "median (lowest-highest)" of a column of pairs.txt.
stats() {
  awk -v c="$1" '{print $c}' "$bin/pairs.txt" | sort -n | awk '{a[NR]=$1} END {
    m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2
    printf "%.3f (%.3f-%.3f)", m, a[1], a[NR] }'
}
median() { awk -v c="$1" '{print $c}' "$2" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf 'floor median:   %.1f s wall, %.1f s CPU, %.0f MiB\n' "$(median 1 "$bin/noop.txt")" "$(median 2 "$bin/noop.txt")" "$(median 3 "$bin/noop.txt" | awk '{print $1/1024}')"
printf 'buflint median: %.1f s wall, %.1f s CPU, %.0f MiB\n' "$(median 1 "$bin/buflint.txt")" "$(median 2 "$bin/buflint.txt")" "$(median 3 "$bin/buflint.txt" | awk '{print $1/1024}')"
echo "ratio of buflint to the floor, median (lowest-highest) over the pairs:"
echo "  wall $(stats 8)   CPU $(stats 9)   peak memory $(stats 10)"
if [ -s "$bin/ssa.txt" ]; then
  printf 'buildssa always, median: %.1f s wall, %.1f s CPU, %.0f MiB\n' "$(median 1 "$bin/ssa.txt")" "$(median 2 "$bin/ssa.txt")" "$(median 3 "$bin/ssa.txt" | awk '{print $1/1024}')"
fi
