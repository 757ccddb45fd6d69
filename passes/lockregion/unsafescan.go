package lockregion

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// unsafeFuncs returns the function declarations where a reference into
// buffer data can escape the garbage collector, as their syntax tells:
// they take the address of byte data and convert it to a uintptr or call
// C, or use a reflect header; and, when one of those keeps a uintptr in a
// field or a global, the functions that turn a uintptr back into an
// address. It reads syntax and types only, so that a package
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
	// Makers take the address of byte data and convert it, use a header
	// or call C; users turn a uintptr back into an address, and matter
	// only when some maker keeps one in a field or a global for them.
	var makers, users []*ast.FuncDecl
	keeps := false
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			sc := scanUnsafe(pass.TypesInfo, fd.Body)
			switch {
			case sc.header || (sc.byteAddress && (sc.toUintptr || sc.callsC)):
				makers = append(makers, fd)
				keeps = keeps || sc.storesUintptr
			case sc.fromUintptr:
				users = append(users, fd)
			}
		}
	}
	if keeps {
		return append(makers, users...)
	}
	return makers
}

// unsafeShapes is what the syntax of one function body holds.
type unsafeShapes struct {
	byteAddress   bool // &b[i], &arr, unsafe.SliceData(b), unsafe.StringData(s), reflect.ValueOf(b)
	toUintptr     bool // uintptr(unsafe.Pointer(p)), v.Pointer()
	fromUintptr   bool // unsafe.Pointer(u), a uintptr handed to a system call
	header        bool // a reflect header used
	callsC        bool // a cgo call
	storesUintptr bool // a uintptr assigned to a field, an element or a global
}

// scanUnsafe reads the shapes unsafeFuncs looks for in body.
func scanUnsafe(info *types.Info, body *ast.BlockStmt) unsafeShapes {
	var sc unsafeShapes
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			scanUnsafeCall(info, n, &sc)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				switch x := ast.Unparen(n.X).(type) {
				case *ast.IndexExpr:
					sc.byteAddress = sc.byteAddress || isByteData(info.TypeOf(x.X))
				default:
					if t := info.TypeOf(x); t != nil {
						if _, isArray := t.Underlying().(*types.Array); isArray && bufmodel.IsByteData(t) {
							sc.byteAddress = true
						}
					}
				}
			}
		case *ast.CompositeLit:
			sc.header = sc.header || bufmodel.IsHeaderType(info.TypeOf(n))
		case *ast.SelectorExpr:
			if t := info.TypeOf(n.X); t != nil {
				if p, ok := t.Underlying().(*types.Pointer); ok {
					t = p.Elem()
				}
				sc.header = sc.header || bufmodel.IsHeaderType(t)
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if basicKind(info.TypeOf(lhs)) != types.Uintptr {
					continue
				}
				switch l := ast.Unparen(lhs).(type) {
				case *ast.SelectorExpr, *ast.IndexExpr:
					sc.storesUintptr = true
				case *ast.Ident:
					if v, ok := info.Uses[l].(*types.Var); ok && v.Parent() == v.Pkg().Scope() {
						sc.storesUintptr = true // a global
					}
				}
			}
		}
		return true
	})
	return sc
}

func isByteData(t types.Type) bool { return t != nil && bufmodel.IsByteData(t) }

// scanUnsafeCall records the shapes of one call: a conversion between
// uintptr and unsafe.Pointer, an address from reflect, a byte slice's
// data pointer, a cgo call, a uintptr handed to a system function.
func scanUnsafeCall(info *types.Info, call *ast.CallExpr, sc *unsafeShapes) {
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		to, from := basicKind(tv.Type), basicKind(info.TypeOf(call.Args[0]))
		sc.toUintptr = sc.toUintptr || (to == types.Uintptr && from == types.UnsafePointer)
		sc.fromUintptr = sc.fromUintptr || (to == types.UnsafePointer && from == types.Uintptr)
		return
	}
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	}
	if id == nil {
		return
	}
	switch obj := info.Uses[id].(type) {
	case *types.Builtin:
		if (obj.Name() == "SliceData" || obj.Name() == "StringData") && len(call.Args) == 1 {
			sc.byteAddress = sc.byteAddress || isByteData(info.TypeOf(call.Args[0]))
		}
	case *types.Func:
		switch {
		case bufmodel.IsAddressFunc(obj):
			sc.toUintptr = true
		case bufmodel.IsCgoFunc(obj.Name()):
			sc.callsC = true
		case obj.Pkg() != nil && obj.Pkg().Path() == "reflect" && obj.Name() == "ValueOf" && len(call.Args) == 1:
			sc.byteAddress = sc.byteAddress || isByteData(info.TypeOf(call.Args[0]))
		}
		if obj.Pkg() != nil && bufmodel.IsSystemPackage(obj.Pkg().Path()) {
			for _, a := range call.Args {
				if tv, ok := info.Types[a]; ok && tv.Value == nil && basicKind(tv.Type) == types.Uintptr {
					sc.fromUintptr = true
				}
			}
		}
	}
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
