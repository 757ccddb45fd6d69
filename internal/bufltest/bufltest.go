// Package bufltest prepares analysistest trees for buflint's passes.
package bufltest

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// GOPATH returns a temporary GOPATH-style tree holding a copy of testdata/src
// of the calling test's package and, at its import path, the real buffer
// package (its non-test sources), so that test programs compile against the
// runtime API exactly as it is.
func GOPATH(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata")); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "src", filepath.FromSlash(bufmodel.PkgPath))
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(moduleRoot(t), "buffer")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// ModuleRoot returns the root of the buflint module.
func ModuleRoot(t testing.TB) string { return moduleRoot(t) }

func moduleRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the buflint module")
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	if _, err := fs.Stat(os.DirFS(root), "go.mod"); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return root
}
