package lockregion

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file tells from syntax, before any SSA is built, which functions may
// reuse or keep a buffer their caller passes: their SSA must be built for
// their facts, and, for exported ones, their package analyzed as it is
// compiled, since importers need those facts.

// HasArgFacts is a package fact exported by packages whose exported
// functions may reuse or keep an argument (argFactDecls): importers look
// up their functions' facts for the alias checks.
type HasArgFacts struct{}

func (*HasArgFacts) AFact()         {}
func (*HasArgFacts) String() string { return "hasargfacts" }

// argUse is what syntax tells of one function declaration.
type argUse struct {
	// reuses: it resets, reads into or puts back a buffer reached from a
	// parameter (the receiver included), or calls a function of the
	// package that does with an argument reached from one.
	reuses bool
	// keeps: it stores a byte slice or buffer parameter into memory
	// reached from another parameter, or into a global.
	keeps bool
	// produces: it returns a slice, and takes one of a buffer reached from
	// a parameter (Peek, Bytes).
	produces bool
	// calls are the functions of the package it calls with an argument
	// reached from a parameter.
	calls []*types.Func
}

// helpers are the argument uses of the package's function declarations.
type helpers struct {
	reuses   map[*types.Func]bool // transitively, through calls
	keeps    map[*types.Func]bool
	produces map[*types.Func]bool
	decls    map[*types.Func]*ast.FuncDecl
	calls    map[*types.Func][]*types.Func
}

// scanHelpers reads every function declaration of the package.
func scanHelpers(pass *analysis.Pass) *helpers {
	h := &helpers{reuses: map[*types.Func]bool{}, keeps: map[*types.Func]bool{}, produces: map[*types.Func]bool{},
		decls: map[*types.Func]*ast.FuncDecl{}, calls: map[*types.Func][]*types.Func{}}
	callers := map[*types.Func][]*types.Func{}
	var work []*types.Func
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			self, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			u := scanArgUse(pass, fd, false)
			h.decls[self], h.calls[self] = fd, u.calls
			h.keeps[self], h.produces[self] = u.keeps, u.produces
			if u.reuses {
				h.reuses[self] = true
				work = append(work, self)
			}
			for _, c := range u.calls {
				callers[c] = append(callers[c], self)
			}
		}
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range callers[fn] {
			if !h.reuses[c] {
				h.reuses[c] = true
				work = append(work, c)
			}
		}
	}
	return h
}

// reach returns the declarations, among called and the functions they call
// with a parameter's buffer, of those that reuse or keep one: their bodies
// are what their facts come from.
func (h *helpers) reach(called []*types.Func) []*ast.FuncDecl {
	seen := map[*types.Func]bool{}
	var out []*ast.FuncDecl
	for len(called) > 0 {
		fn := called[len(called)-1]
		called = called[:len(called)-1]
		if seen[fn] || !(h.reuses[fn] || h.keeps[fn] || h.produces[fn]) {
			continue
		}
		seen[fn] = true
		if fd := h.decls[fn]; fd != nil {
			out = append(out, fd)
		}
		called = append(called, h.calls[fn]...)
	}
	return out
}

// argFactDecls returns the exported functions and methods of the package
// whose facts importers can use: they reuse a buffer the caller can hold a
// slice of (reached from a parameter through exported fields only: no
// importer can hold a slice of an unexported one), or keep a byte slice or
// buffer parameter.
func argFactDecls(pass *analysis.Pass) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !fd.Name.IsExported() {
				continue
			}
			if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); !ok || isModelled(obj) || filler(obj) {
				// The model says what it does: a row (bytes.Buffer's own
				// methods), or every Read method fills its argument.
				continue
			}
			if u := scanArgUse(pass, fd, true); u.reuses || u.keeps || u.produces {
				out = append(out, fd)
			}
		}
	}
	return out
}

// scanArgUse reads fd's body for what it does to buffers reached from its
// parameters; with exportedOnly, through exported fields only.
func scanArgUse(pass *analysis.Pass, fd *ast.FuncDecl, exportedOnly bool) argUse {
	params := map[types.Object]bool{} // receiver included
	bufs := map[types.Object]bool{}   // parameters that can alias a buffer
	for _, fl := range []*ast.FieldList{fd.Recv, fd.Type.Params} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				obj := pass.TypesInfo.Defs[n]
				if obj == nil {
					continue
				}
				params[obj] = true
				if fl == fd.Type.Params && bufmodel.IsBufferType(obj.Type()) {
					bufs[obj] = true
				}
			}
		}
	}
	if len(params) == 0 {
		return argUse{}
	}
	// reachedVia reports whether e is reached from a parameter: the
	// parameter, or a field (exported, with exported) or element of it.
	reachedVia := func(e ast.Expr, exported bool) bool {
		var ok func(*ast.SelectorExpr) bool
		if exported {
			ok = func(x *ast.SelectorExpr) bool { return x.Sel.IsExported() }
		}
		id := rootIdentVia(e, ok)
		return id != nil && params[pass.TypesInfo.Uses[id]]
	}
	returnsSlice := false
	if res := fd.Type.Results; res != nil {
		for _, f := range res.List {
			if t := pass.TypesInfo.TypeOf(f.Type); t != nil && bufmodel.IsByteSlice(t) {
				returnsSlice = true
			}
		}
	}
	// A buffer the function reuses must be one the caller can hold a slice
	// of; a place it keeps a parameter in may be any.
	reached := func(e ast.Expr) bool { return reachedVia(e, exportedOnly) }
	var u argUse
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, lhs := range n.Lhs {
				rhs := ast.Unparen(n.Rhs[i])
				if sl, ok := rhs.(*ast.SliceExpr); ok {
					rhs = sl.X
				}
				id, ok := ast.Unparen(rhs).(*ast.Ident)
				if !ok || !bufs[pass.TypesInfo.Uses[id]] {
					continue
				}
				switch l := ast.Unparen(lhs).(type) {
				case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
					u.keeps = u.keeps || reachedVia(l, false)
				case *ast.Ident:
					v, ok := pass.TypesInfo.Uses[l].(*types.Var)
					u.keeps = u.keeps || (ok && v.Parent() == pass.Pkg.Scope())
				}
			}
		case *ast.CallExpr:
			fn := typeutil.Callee(pass.TypesInfo, n)
			f, ok := fn.(*types.Func)
			if !ok {
				return true
			}
			var subjects []ast.Expr
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && f.Type().(*types.Signature).Recv() != nil {
				subjects = append(subjects, sel.X)
			}
			if r, ok := bufmodel.Lookup(f); ok {
				if producer(f) && returnsSlice && r.On == bufmodel.OnData && len(subjects) > 0 {
					u.produces = u.produces || reached(subjects[0])
				}
				if !r.Effect.Has(bufmodel.Reuse) {
					return true
				}
				switch {
				case r.On == bufmodel.OnArg && len(n.Args) > 0:
					u.reuses = u.reuses || reached(n.Args[0])
				case r.On == bufmodel.OnData && len(subjects) > 0:
					u.reuses = u.reuses || reached(subjects[0])
				}
				return true
			}
			if i, ok := bufmodel.FilledArg(f); ok && i < len(n.Args) {
				u.reuses = u.reuses || reached(n.Args[i])
				return true
			}
			if f.Pkg() == pass.Pkg {
				for _, a := range append(subjects, n.Args...) {
					if reached(a) {
						u.calls = append(u.calls, f.Origin())
						break
					}
				}
			}
		}
		return true
	})
	return u
}
