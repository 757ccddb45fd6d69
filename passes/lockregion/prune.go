package lockregion

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file keeps the cost of relevant packages down: SSA is built only for
// the functions that can matter, decided from syntax and types before any
// SSA exists.

// buildSSA builds SSA for the package alone, the way buildssa does, but only
// once the package is known to be relevant, and, when keep is not nil, only
// for the function declarations keep accepts: the others are built without
// their bodies, as functions of unknown effect, which is what they are to
// every check (they touch no lock, no guarded field, no model API and call
// nothing that does).
//
// Of the imports, it creates only those whose functions or variables the
// built code mentions: creating a package makes a member for every object
// it declares, which for syscall or x/sys is thousands of constants, and
// was most of the memory SSA took. Init functions are built bare, without
// the calls to the imports' initializers that would need them all.
func buildSSA(pass *analysis.Pass, keep map[*ast.FuncDecl]bool) *ssa.Package {
	prog := ssa.NewProgram(pass.Fset, ssa.BareInits)
	prog.SetNoReturn(bufmodel.NoReturnFunc)
	files := pass.Files
	if keep != nil {
		files = make([]*ast.File, len(pass.Files))
		for i, f := range pass.Files {
			files[i] = pruned(f, keep)
		}
	}
	for _, p := range importsUsed(pass, files) {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// importsUsed returns the imports of pass's package whose package-level
// functions or variables files mention, in import order: the SSA builder
// needs the package of each such object to exist, and of nothing else
// (it makes imported methods on demand; constants, types and builtins need
// no package).
func importsUsed(pass *analysis.Pass, files []*ast.File) []*types.Package {
	used := map[*types.Package]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			switch obj := pass.TypesInfo.Uses[id].(type) {
			case *types.Func:
				if obj.Type().(*types.Signature).Recv() == nil {
					used[obj.Pkg()] = true
				}
			case *types.Var:
				if obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
					used[obj.Pkg()] = true
				}
			}
			return true
		})
	}
	var out []*types.Package
	for _, p := range pass.Pkg.Imports() {
		if used[p] {
			out = append(out, p)
		}
	}
	return out
}

// pruned returns a shallow copy of f whose function declarations that keep
// does not accept have no body. The syntax trees are shared with other
// analyzers, so f itself is left alone.
func pruned(f *ast.File, keep map[*ast.FuncDecl]bool) *ast.File {
	out := *f
	out.Decls = make([]ast.Decl, len(f.Decls))
	for i, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && !keep[fd] {
			cp := *fd
			cp.Body = nil
			d = &cp
		}
		out.Decls[i] = d
	}
	return &out
}

// keptFuncs returns the function declarations whose SSA can matter, or nil
// for "all of them" (a package that uses the buffer package, whose values
// flow everywhere). A declaration matters when its body (literals
// included) mentions a candidate guarded field, a function or method the
// model knows, an annotated function, an imported function with a lock
// fact, or a declaration of the package that matters, or is one of
// aliases (see aliasFuncs); init functions are always built.
func keptFuncs(pass *analysis.Pass, cands map[*types.Var]*GuardFact, annots map[*types.Func]*funcAnnots, aliases []*ast.FuncDecl, imported *importedFacts) map[*ast.FuncDecl]bool {
	for _, imp := range pass.Pkg.Imports() {
		if bufmodel.IsBufferPackage(imp) {
			return nil
		}
	}
	decls := map[*types.Func]*ast.FuncDecl{}
	calls := map[*ast.FuncDecl][]*ast.FuncDecl{} // callee -> callers within the package
	keep := map[*ast.FuncDecl]bool{}
	var work []*ast.FuncDecl
	mark := func(fd *ast.FuncDecl) {
		if !keep[fd] {
			keep[fd] = true
			work = append(work, fd)
		}
	}
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls[obj] = fd
				}
			}
		}
	}
	for _, fd := range aliases {
		mark(fd)
	}
	for obj, fd := range decls {
		if annots[obj] != nil || (fd.Recv == nil && fd.Name.Name == "init") {
			mark(fd)
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			switch o := pass.TypesInfo.Uses[id].(type) {
			case *types.Var:
				if o.IsField() && cands[o.Origin()] != nil {
					mark(fd)
				}
			case *types.Func:
				o = o.Origin()
				switch {
				case o.Pkg() == pass.Pkg:
					if callee := decls[o]; callee != nil && callee != fd {
						calls[callee] = append(calls[callee], fd)
					}
				case isModelled(o) || imported.lockFact(pass, o) != nil:
					mark(fd)
				}
			}
			return true
		})
	}
	// Callers of declarations that matter matter too.
	for len(work) > 0 {
		fd := work[len(work)-1]
		work = work[:len(work)-1]
		for _, caller := range calls[fd] {
			mark(caller)
		}
	}
	return keep
}

// isModelled reports whether the model has a row for fn with an effect on
// guards or guarded data. Joins and functions that never return matter
// only next to such effects, in functions kept for them.
func isModelled(fn *types.Func) bool {
	r, ok := bufmodel.Lookup(fn)
	return ok && r.Effect&^(bufmodel.Join|bufmodel.NoReturn) != 0
}

// aliasFuncs returns the function declarations where an alias of an
// ordinary buffer can outlive what keeps it valid: they use an API that
// produces one (bytes.Buffer.Bytes, bufio.Reader.Peek, sync.Pool.Get...)
// together with one that reuses or releases (Write, Reset, Put, Unlock, a
// defer), or hand data to another goroutine (a send, a go statement) next
// to a producer or a call that fills a slice (r.Read(buf)). A package-wide
// look at the functions it uses comes first, so that most packages pay
// nothing more.
func aliasFuncs(pass *analysis.Pass, imported *importedFacts) []*ast.FuncDecl {
	maybe := false
	for _, obj := range pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && (producer(fn) || filler(fn)) {
			maybe = true
			break
		}
	}
	if !maybe {
		return nil
	}
	helps := scanHelpers(pass)
	var out []*ast.FuncDecl
	var helpers []*types.Func // functions of the package the functions of out call
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			var produces, fills, reuses, handsOff, makes bool
			var called []*types.Func
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SendStmt, *ast.GoStmt:
					handsOff = true
				case *ast.CallExpr:
					// make([]byte, n), the storage a scratch buffer is
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "make" && len(n.Args) > 0 {
						if t := pass.TypesInfo.TypeOf(n.Args[0]); t != nil && bufmodel.IsByteSlice(t) {
							makes = true
						}
					}
				case *ast.Ident:
					fn, ok := pass.TypesInfo.Uses[n].(*types.Func)
					if !ok {
						return true
					}
					produces = produces || producer(fn)
					fills = fills || filler(fn)
					if r, ok := bufmodel.Lookup(fn); ok && r.Effect&(bufmodel.Reuse|bufmodel.Append|bufmodel.Consume) != 0 {
						reuses = true
					} else if !ok {
						// A helper that may reuse its argument (putBuf(b),
						// fill(r, buf)) or return a slice of it (peek(r)):
						// of this package, or with a fact that says so.
						if fn.Pkg() == pass.Pkg {
							called = append(called, fn.Origin())
							if helps.reuses[fn.Origin()] {
								reuses, fills = true, true
							}
							produces = produces || helps.produces[fn.Origin()]
						} else if imported.mayHaveArgFacts(pass, fn.Pkg()) {
							// Looked up now: a package analyzed on demand
							// may import no fact later.
							if fact := imported.lockFact(pass, fn.Origin()); fact != nil {
								if len(fact.Reuses) > 0 {
									reuses, fills = true, true
								}
								produces = produces || fact.Produces != nil
							}
						}
					}
				}
				return true
			})
			// (Aliases of guarded data, which a release kills, are the
			// business of packages with candidate guards, relevant anyway.)
			if (produces && (reuses || handsOff)) || (fills && makes && handsOff) {
				out = append(out, fd)
				helpers = append(helpers, called...)
			}
		}
	}
	// The functions of the package they call whose facts say what they do
	// to an argument: reuse it (with the reusers those call), or keep it.
	return append(out, helps.reach(helpers)...)
}

func producer(fn *types.Func) bool {
	r, ok := bufmodel.Lookup(fn)
	return ok && r.Effect.Has(bufmodel.Produce) && r.Pin != bufmodel.PinGuard && r.Pin != bufmodel.PinHandle
}

func filler(fn *types.Func) bool {
	_, ok := bufmodel.FilledArg(fn)
	return ok
}

// rootIdent returns the variable an expression such as b, &s.buf or
// *p.b starts from, or nil.
func rootIdent(e ast.Expr) *ast.Ident { return rootIdentVia(e, nil) }

// rootIdentVia is rootIdent, asking ok of each selector on the way; nil
// when one is refused.
func rootIdentVia(e ast.Expr, ok func(*ast.SelectorExpr) bool) *ast.Ident {
	for e != nil {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			if ok != nil && !ok(x) {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		default:
			return nil
		}
	}
	return nil
}
