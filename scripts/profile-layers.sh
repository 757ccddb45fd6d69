#!/usr/bin/env bash
# Shows where buflint's CPU time goes on a target (default std), by layer
# of the engine and by the driver's own work, from a CPU profile of one
# run: the cumulative share of the samples in each layer's functions.
# Shares overlap where one layer calls another (the dataflow asks the
# summaries, which solve callees); "type checking and loading" is what the
# no-op floor pays too, and "garbage collection" is the collector's
# background work, which the floor pays less of.
#
# Usage: scripts/profile-layers.sh [packages...]
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=("${@:-std}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/buflint" ./cmd/buflint
"$work/buflint" -cpuprofile "$work/cpu.pprof" "${pkgs[@]}" >/dev/null 2>&1 || true
go tool pprof -top -cum -nodecount=100000 "$work/buflint" "$work/cpu.pprof" 2>/dev/null >"$work/top.txt"
total=$(awk '/^Duration:/ {print}' "$work/top.txt")
echo "$total"
# share REGEXP: the largest cumulative share among functions matching it
# (the layer's entry points include every call below them).
share() { awk -v re="$1" 'NR > 6 && $6 ~ re { v = $5; sub(/%/, "", v); if (v + 0 > m) m = v + 0 } END { printf "%5.1f%%", m }' "$work/top.txt"; }
printf '%-36s %s\n' \
  "lockregion, all layers" "$(share '^github.com/buflint/buflint/passes/lockregion.run$')" \
  "  syntax scan" "$(share '^github.com/buflint/buflint/passes/lockregion/internal/scan.Scan$')" \
  "  SSA build" "$(share '^github.com/buflint/buflint/passes/lockregion/internal/ssabuild.Build$')" \
  "  dataflow and summaries" "$(share '^github.com/buflint/buflint/passes/lockregion/internal/dataflow.\(\*Package\).Analyze$')" \
  "  variant reuse" "$(share '^github.com/buflint/buflint/passes/lockregion/internal/reuse.Reuse$')" \
  "checks (unguarded, resize, unpinned)" "$(share '^github.com/buflint/buflint/passes/(unguarded|resize|unpinned).run$')" \
  "type checking and loading" "$(share '^golang.org/x/tools/go/packages.\(\*loader\).loadPackage$')" \
  "garbage collection" "$(share '^runtime.gcBgMarkWorker$')"
