package ssabuild

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/scan"
)

// Kept returns the function declarations of a relevant package whose SSA
// can matter, or nil for "all of them" (a package that uses the buffer
// package, whose values flow everywhere). A declaration matters when its
// body (literals included) mentions a candidate guarded field, a function
// or method the model knows, an annotated function, an imported function
// with a lock fact, or a declaration of the package that matters, or is
// one of also (the alias and unsafe candidates); init functions are always
// built.
func Kept(p *scan.Package, pkg *types.Package, also []*ast.FuncDecl, src scan.FactSource) map[*ast.FuncDecl]bool {
	for _, imp := range pkg.Imports() {
		if bufmodel.IsBufferPackage(imp) {
			return nil
		}
	}
	calls := map[*ast.FuncDecl][]*ast.FuncDecl{} // callee -> callers within the package
	keep := map[*ast.FuncDecl]bool{}
	var work []*ast.FuncDecl
	mark := func(fd *ast.FuncDecl) {
		if !keep[fd] {
			keep[fd] = true
			work = append(work, fd)
		}
	}
	for _, fd := range also {
		mark(fd)
	}
	for _, fn := range p.Funcs() {
		fd := fn.Decl
		if p.Annots[fn.Obj] != nil || (fd.Recv == nil && fd.Name.Name == "init") || fn.MentionsCandidate {
			mark(fd)
		}
		for _, o := range fn.Named {
			o = o.Origin()
			switch {
			case o.Pkg() == pkg:
				if callee := p.Decl(o); callee != nil && callee != fd {
					calls[callee] = append(calls[callee], fd)
				}
			case scan.IsModelled(o) || src.LockFact(o) != nil:
				mark(fd)
			}
		}
	}
	// Callers of declarations that matter matter too.
	for len(work) > 0 {
		fd := work[len(work)-1]
		work = work[:len(work)-1]
		for _, caller := range calls[fd] {
			mark(caller)
		}
	}
	// Helpers that return only when an argument is nil (require_NoError)
	// end their callers' paths: their bodies say so, without making their
	// other callers matter.
	for _, fn := range p.Funcs() {
		if fn.MayFailOnNil && slices.ContainsFunc(calls[fn.Decl], func(c *ast.FuncDecl) bool { return keep[c] }) {
			keep[fn.Decl] = true
		}
	}
	return keep
}
