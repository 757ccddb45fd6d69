package lockregion

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// unsafeFuncs returns the function declarations where a reference into
// buffer data can escape the garbage collector, as their syntax tells:
// they convert between uintptr and unsafe.Pointer, take an address from
// reflect, hand a uintptr to the system or to C, use a reflect header, or
// store into C memory. It reads syntax and types only, so that a package
// with none costs no SSA; a package that does not import unsafe, reflect
// or a system package has none.
func unsafeFuncs(pass *analysis.Pass) []*ast.FuncDecl {
	maybe := false
	for _, imp := range pass.Pkg.Imports() {
		switch p := imp.Path(); {
		case p == "unsafe", p == "reflect", bufmodel.IsSystemPackage(p):
			maybe = true
		}
	}
	if !maybe {
		return nil
	}
	var out []*ast.FuncDecl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && mentionsUnsafeReference(pass.TypesInfo, fd.Body) {
				out = append(out, fd)
			}
		}
	}
	return out
}

// mentionsUnsafeReference reports whether body holds one of the shapes
// unsafeFuncs looks for.
func mentionsUnsafeReference(info *types.Info, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			found = unsafeCall(info, n)
		case *ast.CompositeLit:
			found = bufmodel.IsHeaderType(info.TypeOf(n))
		case *ast.SelectorExpr:
			if t := info.TypeOf(n.X); t != nil {
				if p, ok := t.Underlying().(*types.Pointer); ok {
					t = p.Elem()
				}
				found = bufmodel.IsHeaderType(t) || bufmodel.IsCgoType(t)
			}
		}
		return !found
	})
	return found
}

// unsafeCall reports whether call converts between uintptr and
// unsafe.Pointer, takes an address from reflect, calls C, or hands a
// uintptr to a system function.
func unsafeCall(info *types.Info, call *ast.CallExpr) bool {
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		to, from := basicKind(tv.Type), basicKind(info.TypeOf(call.Args[0]))
		return (to == types.Uintptr && from == types.UnsafePointer) || (to == types.UnsafePointer && from == types.Uintptr)
	}
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	}
	if id == nil {
		return false
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok {
		return false
	}
	if bufmodel.IsAddressFunc(fn) || bufmodel.IsCgoFunc(fn.Name()) {
		return true // an address from reflect; C memory that may be stored into
	}
	if fn.Pkg() != nil && bufmodel.IsSystemPackage(fn.Pkg().Path()) {
		for _, a := range call.Args {
			if tv, ok := info.Types[a]; ok && tv.Value == nil && basicKind(tv.Type) == types.Uintptr {
				return true
			}
		}
	}
	return false
}

func basicKind(t types.Type) types.BasicKind {
	if t == nil {
		return types.Invalid
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Kind()
	}
	return types.Invalid
}
