package bufmodel_test

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// TestModelCoversRuntime loads the real buffer package and checks that the
// model classifies every exported method of Buffer and View, so that a method
// added to the runtime cannot go unmodeled.
func TestModelCoversRuntime(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName}, bufmodel.PkgPath)
	if err != nil || len(pkgs) != 1 || pkgs[0].Types == nil {
		t.Fatalf("loading %s: %v %v", bufmodel.PkgPath, err, pkgs)
	}
	pkg := pkgs[0].Types
	want := map[string]bufmodel.Op{
		"Buffer.Lock": bufmodel.OpLock, "Buffer.TryLock": bufmodel.OpTryLock, "Buffer.Unlock": bufmodel.OpUnlock,
		"Buffer.Len": bufmodel.OpAccess, "Buffer.Bytes": bufmodel.OpAccess, "Buffer.View": bufmodel.OpExport,
		"Buffer.Resize": bufmodel.OpResize, "Buffer.Exports": bufmodel.OpLockFree,
		"View.Bytes": bufmodel.OpAccess, "View.Len": bufmodel.OpAccess,
		"View.Release": bufmodel.OpRelease, "View.Released": bufmodel.OpLockFree,
	}
	seen := 0
	for _, typ := range []string{bufmodel.BufferType, bufmodel.ViewType} {
		named := pkg.Scope().Lookup(typ).Type().(*types.Named)
		for m := range named.Methods() {
			if !m.Exported() {
				continue
			}
			seen++
			name := bufmodel.Name(m)
			w, ok := want[name]
			if !ok {
				t.Errorf("%s is not in this test's table: classify it in bufmodel and add it here", name)
				continue
			}
			if got := bufmodel.Classify(m); got != w {
				t.Errorf("Classify(%s) = %d, want %d", name, got, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d exported methods, the table has %d", seen, len(want))
	}
	if d := bufmodel.Returns(lookupMethod(pkg, "Buffer", "Bytes")); d != bufmodel.PinnedByLock {
		t.Errorf("Returns(Buffer.Bytes) = %d, want PinnedByLock", d)
	}
	if d := bufmodel.Returns(lookupMethod(pkg, "View", "Bytes")); d != bufmodel.PinnedByView {
		t.Errorf("Returns(View.Bytes) = %d, want PinnedByView", d)
	}
}

func lookupMethod(pkg *types.Package, typ, name string) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(pkg.Scope().Lookup(typ).Type()), true, pkg, name)
	return obj.(*types.Func)
}
