#!/usr/bin/env bash
# Runs buflint over the standard library and over large real modules fetched
# through the module proxy into a temporary GOPATH, each as its own main
# module (so its tests and their imports count), and prints one Markdown
# row per target: packages, packages not analyzed, findings, wall time, peak
# memory. None of these modules uses the buffer package; most share buffers
# under locks, and the last five (x/sys for Linux and for Windows, ebpf,
# go-sqlite3, purego) are heavy users of uintptr, system calls and cgo.
# docs/real-world.md triages every finding.
#
# Packages that do not type-check (a module's published zip may lack
# generated files, or need a C library) are a normal outcome: buflint skips
# them and analyzes the rest, and the row counts them as "not analyzed". The
# run fails only if buflint panics, reports an internal error (or one of its
# analyses fails on a package that type-checks), or analyzes no package of
# a target, as when the target cannot be fetched or nothing in it
# type-checks.
#
# Usage: scripts/realcode.sh [target ...]   (default: the list below)
# A target is "std", a module@version from the proxy, or the directory of a
# module on disk, copied and analyzed like a downloaded one (the test
# module of integration.TestRealCodeTypeErrors is one). A target may end in
# "#GOOS" to analyze it as built for another system
# (golang.org/x/sys@v0.50.0#windows).
# With FINDINGS_DIR set, each target's findings are kept there as
# <target>.txt (file:line:col: message, paths relative to the target), and
# the guards inferred as <target>.guards.txt, for triage in
# docs/real-world.md.
set -euo pipefail
# A directory target is relative to the caller's directory: make it absolute
# before moving to the repository root.
targets=()
for t in "$@"; do
  if [ "$t" != std ] && [ -d "$t" ]; then t=$(cd "$t" && pwd); fi
  targets+=("$t")
done
cd "$(dirname "$0")/.."
root=$PWD
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
    github.com/gorilla/websocket@v1.5.3
    github.com/sirupsen/logrus@v1.10.2
    go.uber.org/zap@v1.28.0
    github.com/IBM/sarama@v1.61.1
    github.com/segmentio/kafka-go@v0.4.51
    github.com/redis/go-redis/v9@v9.23.0
    github.com/miekg/dns@v1.1.73
    github.com/hashicorp/raft@v1.7.2
    github.com/minio/minio-go/v7@v7.4.1
    github.com/caddyserver/caddy/v2@v2.11.9
    golang.org/x/sys@v0.50.0
    "golang.org/x/sys@v0.50.0#windows"
    github.com/cilium/ebpf@v0.22.0
    github.com/mattn/go-sqlite3@v1.14.53
    github.com/ebitengine/purego@v0.11.3)
fi
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/buflint" ./cmd/buflint
go build -o "$work/findings" ./internal/cmd/findings
# A fresh GOPATH: each target downloads what it needs into it. A module that
# requires nothing and imports only itself and the standard library needs
# nothing (-mod=mod adds a requirement only for an import no module
# provides), so a local module like that is analyzed offline.
export GOPATH="$work/gopath" GOFLAGS=-mod=mod GOWORK=off # a module may ship a go.work of its repository

# The first n lines of buflint's errors, without go list's "# package"
# headers (awk, not grep | head: under pipefail, head closing the pipe early
# would fail the script).
# The findings file of a target: its name with / and the GOOS suffix's
# spaces and parentheses made plain.
file_of() { local f=${1//\//_}; f=${f// (GOOS=/_}; echo "${f%)}"; }

first_errors() { awk -v n="$1" '!/^#/ && n-- > 0' "$work/err.txt" >&2; }

echo "| target | packages | not analyzed | findings | time | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
status=0
hostgoos=$(go env GOOS)
for t in "${targets[@]}"; do
  dir="$work/mod"; rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  export GOOS=$hostgoos; suffix=""
  if [[ "$t" == *"#"* ]]; then GOOS=${t##*#} t=${t%#*}; suffix=" (GOOS=$GOOS)"; fi
  if [ "$t" = std ]; then
    name=std pattern=std
  else
    if [ -d "$t" ]; then
      # A module on disk: its own directory is left as it is.
      if [ ! -f "$t/go.mod" ]; then echo "$t: not a module (no go.mod)" >&2; status=1; cd "$root"; continue; fi
      src=$t
    else
      # The module's source from the proxy. (go mod download fails for an
      # unknown module: that is reported here, not by set -e.)
      go mod download -json "$t" >"$work/dl.json" 2>&1 || true
      src=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$work/dl.json")
      if [ -z "$src" ]; then echo "cannot download $t:" >&2; grep '"Error"' "$work/dl.json" >&2 || cat "$work/dl.json" >&2; status=1; cd "$root"; continue; fi
    fi
    # Made writable and the main module.
    cp -r "$src/." "$dir"; chmod -R u+w "$dir"
    # Replacements by relative path point into the module's repository,
    # outside its published zip: use the required versions instead.
    for r in $(sed -n 's/^[[:space:]]*\([^ ]*\)\( [^ ]*\)\{0,1\} => \.\{1,2\}\/.*/\1/p' go.mod); do
      go mod edit -dropreplace="$r"
    done
    go mod download >"$work/get.txt" 2>&1 || { echo "go mod download for $t failed:" >&2; tail -5 "$work/get.txt" >&2; status=1; cd "$root"; continue; }
    pattern=./...
    # A directory is named by its module path, not by where it lies.
    name=$t
    if [ -d "$t" ]; then name=$(go list -m); fi
    name=$name$suffix
  fi
  # -e: a package with errors is still one of the target's packages.
  go list -e "$pattern" >"$work/pkgs.txt" 2>/dev/null || true
  npkgs=$(wc -l <"$work/pkgs.txt")
  # What buflint analyzes: each package and its test variants, by the ids
  # its JSON uses ("p", "p [p.test]", "p_test [p.test]", "p.test").
  go list -e -test "$pattern" >"$work/variants.txt" 2>/dev/null || true

  # With -json, buflint exits 0 whether or not there are findings, and 1 if
  # a package has load or type errors (or nothing could be loaded): then
  # the JSON still holds the findings of the packages it analyzed, and an
  # "error" for each one it skipped. Its exit status alone cannot tell a
  # partial run from a failed one; the JSON below does.
  rc=0
  /usr/bin/time -o "$work/time" -f '%e %M' "$work/buflint" -json "$pattern" >"$work/out.json" 2>"$work/err.txt" || rc=$?
  # GNU time writes "Command exited with non-zero status N" (or "Command
  # terminated by signal N") before the figures when the command fails:
  # take the figures from their own line, the last of the form "secs kb".
  read -r secs kb < <(awk 'NF == 2 && $1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9]+$/ { line = $0 } END { print line }' "$work/time") || true
  if [ -n "${FINDINGS_DIR:-}" ]; then
    mkdir -p "$FINDINGS_DIR"
    "$work/findings" -strip "$dir/" -strip "$(go env GOROOT)/src/" <"$work/out.json" >"$FINDINGS_DIR/$(file_of "$name").txt"
    # The guards buflint inferred, one line each, for per-rule precision.
    "$work/buflint" -debug=f "$pattern" 2>&1 >/dev/null | grep 'has fact guardedby' |
      sed -e "s|$dir/||" -e "s|$(go env GOROOT)/src/||" | sort -u >"$FINDINGS_DIR/$(file_of "$name").guards.txt" || true
  fi
  findings=$(grep -c '"posn"' "$work/out.json" || true)
  failed=""
  if grep -Eq 'panic:|internal error|goroutine [0-9]+ \[' "$work/err.txt" "$work/out.json"; then
    echo "buflint crashed on $name:" >&2; head -40 "$work/err.txt" >&2; failed=1
  elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    # 1 is errors in packages; anything else (2 for a panic, 128+N for a
    # signal) is buflint failing.
    echo "buflint exited with status $rc on $name:" >&2; head -40 "$work/err.txt" >&2; failed=1
  fi

  # The analyses that failed, as "package id<TAB>error", from the JSON
  # {"<package id>": {"<analyzer>": {"error": "<message>"}}} that the driver
  # indents with one tab per level.
  awk '/^\t"/ { id = $0; sub(/^\t"/, "", id); sub(/": \{$/, "", id) }
       /^\t\t\t"error": "/ { msg = $0; sub(/^\t\t\t"error": "/, "", msg); sub(/"$/, "", msg); print id "\t" msg }' \
    "$work/out.json" >"$work/errors.tsv"
  # A package with errors is skipped by every analyzer ("analysis skipped due
  # to errors in package"), and the analyzers that need its results fail
  # with "failed prerequisites". Any other error is an analysis of buflint
  # failing on a package that type-checks.
  if grep -Ev $'\t(analysis skipped due to errors in package|failed prerequisites: .*)$' "$work/errors.tsv" >"$work/analysis-errors.tsv"; then
    echo "buflint's analysis failed on $name:" >&2; head -20 "$work/analysis-errors.tsv" >&2; failed=1
  fi
  # The target's variants skipped; nothing was analyzed if that is all of
  # them (dependencies outside the target do not count).
  cut -f1 "$work/errors.tsv" | sort -u | { grep -Fxf "$work/variants.txt" || true; } >"$work/skipped.txt"
  # Packages not analyzed, for the row: those with any variant skipped (the
  # package or only its tests), each counted once.
  skipped=$(sed -e 's/ \[.*\]$//' -e 's/_test$//' -e 's/\.test$//' "$work/skipped.txt" | sort -u |
    { grep -Fxf "$work/pkgs.txt" || true; } | wc -l)
  if [ ! -s "$work/out.json" ] || [ "$(wc -l <"$work/skipped.txt")" -ge "$(wc -l <"$work/variants.txt")" ]; then
    # No JSON at all (the packages could not even be loaded), or every
    # variant skipped: the target was not analyzed.
    echo "buflint analyzed no package of $name:" >&2; first_errors 10; failed=1
  elif [ "$skipped" -gt 0 ]; then
    # Some packages skipped, the others analyzed: counted in the row, not a
    # failure.
    echo "note: $name: $skipped of $npkgs packages not analyzed, in whole or in their tests; first errors:" >&2
    first_errors 5
  elif [ "$rc" -eq 1 ]; then
    # Status 1 with every package analyzed: an error the JSON does not show
    # (such as a module error of a dependency). Shown, not a failure: the
    # target was analyzed.
    echo "note: $name: buflint exited with status 1 but skipped no package; first errors:" >&2
    first_errors 5
  fi
  [ -z "$failed" ] || status=1

  printf '| %s | %d | %d | %d | %.0f s | %.0f MiB |\n' "$name" "$npkgs" "$skipped" "$findings" "${secs:-0}" "$(awk -v k="${kb:-0}" 'BEGIN{print k/1024}')"
  cd "$root"
done
exit $status
