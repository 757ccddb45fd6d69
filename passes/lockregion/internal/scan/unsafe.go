package scan

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file reads the unsafe shapes of a body: addresses of Go data taken,
// conversions to uintptr and back (and whether they are written where the
// unsafe rules allow them), cgo calls, pointers and addresses stored.

// storedValues records a pointer assigned through a field, an element, a
// dereference or a global, and returns the values so assigned.
func (s *scanner) storedValues(fn *Func, n *ast.AssignStmt) []ast.Expr {
	var out []ast.Expr
	for i, lhs := range n.Lhs {
		switch l := ast.Unparen(lhs).(type) {
		case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
		case *ast.Ident:
			if v, ok := s.info.Uses[l].(*types.Var); !ok || v.Parent() != s.pkg.Scope() {
				continue // not a global
			}
		default:
			continue
		}
		if t := s.info.TypeOf(lhs); t != nil && bufmodel.IsPointerLike(t) {
			fn.unsafe.storesPointer = true
		}
		if len(n.Lhs) == len(n.Rhs) {
			out = append(out, n.Rhs[i])
		}
	}
	return out
}

// readAddress records the address of Go data taken: &x, &x.f, &s[i].
func (s *scanner) readAddress(fn *Func, n *ast.UnaryExpr) {
	if n.Op == token.AND {
		fn.unsafe.goAddress = true
	}
}

// convertsToUintptr reports whether e converts a pointer to uintptr
// somewhere in it: uintptr(unsafe.Pointer(&x)), uint64(uintptr(p)).
func (s *scanner) convertsToUintptr(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 1 && !found {
			if tv, ok := s.info.Types[call.Fun]; ok && tv.IsType() {
				found = bufmodel.BasicKind(tv.Type) == types.Uintptr && bufmodel.BasicKind(s.info.TypeOf(call.Args[0])) == types.UnsafePointer
			}
		}
		return !found
	})
	return found
}

// markAllowedForm marks the conversions to uintptr that e is made of, by
// arithmetic, as written where the unsafe rules allow them. The walk of a
// body meets an expression before its operands.
func (s *scanner) markAllowedForm(e ast.Expr) {
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		s.markAllowedForm(e.X)
		s.markAllowedForm(e.Y)
	case *ast.CallExpr:
		if s.allowedForm == nil {
			s.allowedForm = map[*ast.CallExpr]bool{}
		}
		s.allowedForm[e] = true
	}
}

// readUnsafeCall records the unsafe shapes of one call: a conversion
// between uintptr and unsafe.Pointer, an address from reflect, a byte
// slice's data pointer, a cgo call, a uintptr handed to a system function.
func (s *scanner) readUnsafeCall(fn *Func, call *ast.CallExpr) {
	sc := &fn.unsafe
	if tv, ok := s.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		switch to, from := bufmodel.BasicKind(tv.Type), bufmodel.BasicKind(s.info.TypeOf(call.Args[0])); {
		case to == types.Uintptr && from == types.UnsafePointer && s.allowedForm[call]:
			sc.toUintptrHere = true
		case to == types.Uintptr && from == types.UnsafePointer:
			sc.toUintptr = true
		case to == types.UnsafePointer && from == types.Uintptr:
			sc.fromUintptr = true
			s.markAllowedForm(call.Args[0]) // unsafe.Pointer(uintptr(p) + off)
		}
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
	switch obj := s.info.Uses[id].(type) {
	case *types.Builtin:
		if (obj.Name() == "SliceData" || obj.Name() == "StringData") && len(call.Args) == 1 {
			sc.goAddress = sc.goAddress || isGoData(s.info.TypeOf(call.Args[0]))
		}
	case *types.Func:
		switch {
		case bufmodel.IsAddressFunc(obj):
			sc.toUintptr = true
		case bufmodel.IsCgoFunc(obj.Name()):
			sc.callsC = true
		case obj.Pkg() != nil && obj.Pkg().Path() == "reflect" && obj.Name() == "ValueOf" && len(call.Args) == 1:
			sc.goAddress = sc.goAddress || isGoData(s.info.TypeOf(call.Args[0]))
		}
		if s.systemFunc(obj) {
			for _, a := range call.Args {
				s.markAllowedForm(a) // the compiler keeps these alive for the call
				if tv, ok := s.info.Types[a]; ok && tv.Value == nil && bufmodel.BasicKind(tv.Type) == types.Uintptr {
					sc.fromUintptr = true
				}
			}
		}
	}
}

func isGoData(t types.Type) bool { return t != nil && bufmodel.IsGoData(t) }

// readParamArgs records the parameters that may carry an address handed
// to a call, as they are or converted (bpf(cmd, unsafe.Pointer(attr)),
// unsafe.Pointer(p) for a uintptr p): a system call or a C function
// handed one, and a conversion back to a pointer, use it as an address;
// another function may hand it on.
func (s *scanner) readParamArgs(fn *Func, call *ast.CallExpr, ps *params) {
	if ps == nil {
		return
	}
	isParam := func(e ast.Expr) bool {
		id, ok := stripConversions(s.info, e).(*ast.Ident)
		return ok && ps.all[s.info.Uses[id]] && bufmodel.MayCarryAddress(s.info.TypeOf(id))
	}
	if tv, ok := s.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 && bufmodel.BasicKind(tv.Type) == types.UnsafePointer && bufmodel.BasicKind(s.info.TypeOf(call.Args[0])) == types.Uintptr && isParam(call.Args[0]) {
			fn.unsafe.handsParam = true
		}
		return
	}
	f, ok := typeutil.Callee(s.info, call).(*types.Func)
	if !ok || !slices.ContainsFunc(call.Args, isParam) {
		return
	}
	if bufmodel.IsCgoFunc(f.Name()) || s.systemFunc(f) {
		fn.unsafe.handsParam = true
		return
	}
	fn.unsafe.paramTo = append(fn.unsafe.paramTo, f.Origin())
}

// stripConversions returns e without the parentheses and type
// conversions around it.
func stripConversions(info *types.Info, e ast.Expr) ast.Expr {
	for range 8 {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
	return e
}

// systemFunc reports whether the system's rules apply to a call of f: a
// function of a system package, or a //go:uintptrescapes function of the
// package (the compiler keeps the pointers converted in its argument list
// alive for the call).
func (s *scanner) systemFunc(f *types.Func) bool {
	if f.Pkg() == nil {
		return false
	}
	if bufmodel.IsSystemPackage(f.Pkg().Path()) {
		return true
	}
	return f.Pkg() == s.pkg && bufmodel.HasDirective(s.out.Decl(f.Origin()), bufmodel.UintptrEscapesDirective)
}
