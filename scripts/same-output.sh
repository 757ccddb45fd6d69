#!/usr/bin/env bash
# Checks that a change leaves buflint's behaviour unchanged: it builds
# buflint at a base revision and from the working tree, runs both with
# -json over the standard library, the bundled example, robustness and
# scenario modules, and every analysistest package, and fails when any
# output differs by a byte. The analysistest packages' exported facts
# (-debug=f, sorted) are compared too.
#
# Usage: scripts/same-output.sh [base-rev] [-quick]
#   base-rev  defaults to HEAD (compare the working tree with the last commit)
#   -quick    leave out std (a minute per binary)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
base=HEAD; quick=
for a in "$@"; do
  case $a in
    -quick) quick=1 ;;
    *) base=$a ;;
  esac
done
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
(cd "$work/base" && go build -o "$work/old" ./cmd/buflint)
go build -o "$work/new" ./cmd/buflint

status=0
# compare NAME DIR ENV... -- ARGS...: runs both binaries in DIR, diffs stdout.
compare() {
  local name=$1 dir=$2; shift 2
  local env=()
  while [ "$1" != "--" ]; do env+=("$1"); shift; done
  shift
  for b in old new; do
    (cd "$dir" && env "${env[@]}" "$work/$b" "$@" >"$work/$b.out" 2>"$work/$b.err") || true
  done
  if cmp -s "$work/old.out" "$work/new.out"; then
    echo "same: $name ($(grep -c '"posn"' "$work/new.out" || true) findings, $(grep -c '"error"' "$work/new.out" || true) errors)"
  else
    echo "DIFFERENT: $name"; { diff "$work/old.out" "$work/new.out" || true; } | head -20; status=1
  fi
}
# facts NAME DIR ENV... -- ARGS...: the same for the sorted facts that -debug=f prints.
facts() {
  local name=$1 dir=$2; shift 2
  local env=()
  while [ "$1" != "--" ]; do env+=("$1"); shift; done
  shift
  for b in old new; do
    (cd "$dir" && env "${env[@]}" "$work/$b" -debug=f "$@" 2>&1 >/dev/null | grep 'has fact' | sort >"$work/$b.out") || true
  done
  if cmp -s "$work/old.out" "$work/new.out"; then
    echo "same facts: $name ($(wc -l <"$work/new.out") facts)"
  else
    echo "DIFFERENT facts: $name"; { diff "$work/old.out" "$work/new.out" || true; } | head -20; status=1
  fi
}

for m in testdata/examples testdata/robust testdata/scenarios; do
  compare "$m" "$m" X=1 -- -json ./...
done
# The analysistest trees, as the tests lay them out: GOPATH mode, with the
# real buffer package at its import path.
for td in passes/*/testdata; do
  gp="$work/gopath/${td//\//_}"
  mkdir -p "$gp/src/github.com/buflint/buflint/buffer"
  cp -r "$td/src/." "$gp/src/"
  find buffer -maxdepth 1 -name '*.go' ! -name '*_test.go' -exec cp {} "$gp/src/github.com/buflint/buflint/buffer/" \;
  pkgs=$(cd "$td/src" && ls -d */ | tr -d /)
  # shellcheck disable=SC2086
  compare "$td" "$gp" GOPATH="$gp" GO111MODULE=off GOFLAGS= -- -json $pkgs
  # shellcheck disable=SC2086
  facts "$td" "$gp" GOPATH="$gp" GO111MODULE=off GOFLAGS= -- $pkgs
done
if [ -z "$quick" ]; then
  compare std . X=1 -- -json std
fi
exit $status
