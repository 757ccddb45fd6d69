package bufmodel_test

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// TestModelCoversRuntime loads the real buffer package and checks that the
// model has a row for every exported method of Buffer and View, with the
// effects this test expects, so that a method added to the runtime cannot go
// unmodeled.
func TestModelCoversRuntime(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName}, bufmodel.PkgPath)
	if err != nil || len(pkgs) != 1 || pkgs[0].Types == nil {
		t.Fatalf("loading %s: %v %v", bufmodel.PkgPath, err, pkgs)
	}
	pkg := pkgs[0].Types
	const (
		acq, try, rel, req = bufmodel.Acquire, bufmodel.TryAcquire, bufmodel.Release, bufmodel.Require
		inv, prod, open    = bufmodel.Invalidate, bufmodel.Produce, bufmodel.Open
		closes, free       = bufmodel.Close, bufmodel.LockFree
	)
	want := map[string]bufmodel.Effects{
		"Buffer.Lock":    {Effect: acq},
		"Buffer.TryLock": {Effect: try},
		"Buffer.Unlock":  {Effect: rel},
		"Buffer.Len":     {Effect: req},
		"Buffer.Bytes":   {Effect: req | prod, Pin: bufmodel.PinGuard},
		"Buffer.View":    {Effect: req | open},
		"Buffer.Resize":  {Effect: req | inv},
		"Buffer.Exports": {Effect: free},
		"View.Bytes":     {Effect: req | prod, Pin: bufmodel.PinHandle, On: bufmodel.OnHandle},
		"View.Len":       {Effect: req, On: bufmodel.OnHandle},
		"View.Release":   {Effect: closes, On: bufmodel.OnHandle},
		"View.Released":  {Effect: free, On: bufmodel.OnHandle},
	}
	seen := 0
	for _, typ := range []string{"Buffer", "View"} {
		named := pkg.Scope().Lookup(typ).Type().(*types.Named)
		for m := range named.Methods() {
			if !m.Exported() {
				continue
			}
			seen++
			row, ok := bufmodel.Lookup(m)
			if !ok {
				t.Errorf("%s.%s has no row in the model", typ, m.Name())
				continue
			}
			w, ok := want[row.String()]
			if !ok {
				t.Errorf("%s is not in this test's table: model it and add it here", row)
				continue
			}
			if row.Effects != w {
				t.Errorf("%s: effects %+v, want %+v", row, row.Effects, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d exported methods, the table has %d", seen, len(want))
	}
}

// TestRowsNameRealAPIs checks that every row of a standard-library package
// names a function or method that exists, so that a typo cannot silently
// disable a row.
func TestRowsNameRealAPIs(t *testing.T) {
	paths := map[string]bool{}
	for _, r := range bufmodel.Rows {
		if r.Pkg != bufmodel.PkgPath && !isExternal(r.Pkg) {
			paths[r.Pkg] = true
		}
	}
	var list []string
	for p := range paths {
		list = append(list, p)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName}, list...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*types.Package{}
	for _, p := range pkgs {
		byPath[p.PkgPath] = p.Types
	}
	for _, r := range bufmodel.Rows {
		p := byPath[r.Pkg]
		if p == nil {
			continue
		}
		var obj types.Object
		if r.Type == "" {
			obj = p.Scope().Lookup(r.Name)
		} else if tn := p.Scope().Lookup(r.Type); tn != nil {
			recv := tn.Type()
			if !types.IsInterface(recv) {
				recv = types.NewPointer(recv) // an interface's methods are not a pointer's
			}
			obj, _, _ = types.LookupFieldOrMethod(recv, true, p, r.Name)
		}
		fn, ok := obj.(*types.Func)
		if !ok {
			t.Errorf("row %s names no function", r)
			continue
		}
		if got, ok := bufmodel.Lookup(fn); !ok || got != r {
			t.Errorf("Lookup(%s) = %v, %v; want the row itself", r, got, ok)
		}
	}
}

// isExternal reports whether path is outside the standard library (such
// rows are checked only where the module is a dependency).
func isExternal(path string) bool {
	for i := 0; i < len(path) && path[i] != '/'; i++ {
		if path[i] == '.' {
			return true
		}
	}
	return false
}

func TestMayJoin(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedTypes | packages.NeedName}, "sync")
	if err != nil || len(pkgs) != 1 {
		t.Fatal(err)
	}
	sync := pkgs[0].Types
	wg := sync.Scope().Lookup("WaitGroup").Type()
	wait, _, _ := types.LookupFieldOrMethod(types.NewPointer(wg), true, sync, "Wait")
	add, _, _ := types.LookupFieldOrMethod(types.NewPointer(wg), true, sync, "Add")
	ch := types.NewChan(types.SendRecv, types.Typ[types.Int])
	for _, c := range []struct {
		fn   types.Object
		args []types.Type
		want bool
	}{
		{wait, nil, true},
		{add, []types.Type{types.Typ[types.Int]}, false},
		{nil, []types.Type{ch}, true},
		{nil, []types.Type{types.NewPointer(wg)}, true},
		{nil, []types.Type{types.Typ[types.Int]}, false},
	} {
		fn, _ := c.fn.(*types.Func)
		if got := bufmodel.MayJoin(fn, c.args); got != c.want {
			t.Errorf("MayJoin(%v, %v) = %v, want %v", c.fn, c.args, got, c.want)
		}
	}
}
