#!/usr/bin/env bash
# Runs buflint over the standard library and over large real modules fetched
# through the module proxy into a temporary GOPATH, each as its own main
# module (so its tests and their imports count), and prints one Markdown
# row per target: packages, findings, wall time, peak memory. It fails if
# buflint panics, reports an internal error, or exits with status 1.
# None of these modules uses the buffer package; the last six share buffers
# under locks. docs/real-world.md triages every finding.
#
# Usage: scripts/realcode.sh [module@version ...]   (default: the list below)
# With FINDINGS_DIR set, each target's findings are kept there as
# <target>.txt (file:line:col: message, paths relative to the target), and
# the guards inferred as <target>.guards.txt, for triage in
# docs/real-world.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(std
    golang.org/x/tools@v0.52.0
    google.golang.org/grpc@v1.85.0
    github.com/cockroachdb/pebble@v1.1.5
    go.etcd.io/etcd/server/v3@v3.7.3
    github.com/prometheus/prometheus@v0.316.0
    golang.org/x/net@v0.62.0
    github.com/quic-go/quic-go@v0.65.0
    github.com/hashicorp/yamux@v0.1.2
    github.com/nats-io/nats-server/v2@v2.15.2
    github.com/valyala/fasthttp@v1.78.0
    github.com/gorilla/websocket@v1.5.3)
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/buflint" ./cmd/buflint
go build -o "$work/findings" ./internal/cmd/findings
export GOPATH="$work/gopath" GOFLAGS=-mod=mod GOWORK=off # a module may ship a go.work of its repository

echo "| target | packages | not analyzed | findings | time | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
status=0
for t in "${targets[@]}"; do
  dir="$work/mod"; rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  if [ "$t" = std ]; then
    pattern=std
  else
    # The module's source from the proxy, made writable and the main module.
    src=$(go mod download -json "$t" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    if [ -z "$src" ]; then echo "cannot download $t" >&2; status=1; cd "$root"; continue; fi
    cp -r "$src/." "$dir"; chmod -R u+w "$dir"
    # Replacements by relative path point into the module's repository,
    # outside its published zip: use the required versions instead.
    for r in $(sed -n 's/^[[:space:]]*\([^ ]*\)\( [^ ]*\)\{0,1\} => \.\{1,2\}\/.*/\1/p' go.mod); do
      go mod edit -dropreplace="$r"
    done
    go mod download >"$work/get.txt" 2>&1 || { echo "go mod download for $t failed:" >&2; tail -5 "$work/get.txt" >&2; status=1; cd "$root"; continue; }
    pattern=./...
  fi
  npkgs=$(go list "$pattern" 2>/dev/null | wc -l)
  /usr/bin/time -o "$work/time" -f '%e %M' "$work/buflint" -json "$pattern" >"$work/out.json" 2>"$work/err.txt" || true
  read -r secs kb <"$work/time" || true
  if [ -n "${FINDINGS_DIR:-}" ]; then
    mkdir -p "$FINDINGS_DIR"
    "$work/findings" -strip "$dir/" -strip "$(go env GOROOT)/src/" <"$work/out.json" >"$FINDINGS_DIR/${t//\//_}.txt"
    # The guards buflint inferred, one line each, for per-rule precision.
    "$work/buflint" -debug=f "$pattern" 2>&1 >/dev/null | grep 'has fact guardedby' |
      sed -e "s|$dir/||" -e "s|$(go env GOROOT)/src/||" | sort -u >"$FINDINGS_DIR/${t//\//_}.guards.txt" || true
  fi
  findings=$(grep -c '"posn"' "$work/out.json" || true)
  if grep -Eq 'panic:|internal error|goroutine [0-9]+ \[' "$work/err.txt" "$work/out.json"; then
    echo "buflint crashed on $t:" >&2; head -40 "$work/err.txt" >&2; status=1
  fi
  # Packages the driver could not analyze (load or type errors of the module
  # itself, such as a missing C library) are counted, not hidden.
  skipped=$(grep -c 'analysis skipped due to errors' "$work/out.json" || true)
  if [ "$skipped" -gt 0 ]; then
    echo "note: $t: $skipped packages not analyzed; first errors:" >&2
    grep -v '^#' "$work/err.txt" | head -5 >&2
  fi
  printf '| %s | %d | %d | %d | %.0f s | %.0f MiB |\n' "$t" "$npkgs" "$skipped" "$findings" "$secs" "$(awk -v k="$kb" 'BEGIN{print k/1024}')"
  cd "$root"
done
exit $status
