// Package ssabuild is lockregion's second layer: it builds SSA for a
// package found relevant, pruned to the function declarations that can
// matter, with SSA packages only for the imports the built code uses.
package ssabuild

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// Build builds SSA for the package alone, the way buildssa does, and,
// when keep is not nil, only for the function declarations keep accepts:
// the others are built without their bodies, as functions of unknown
// effect, which is what they are to every check (they touch no lock, no
// guarded field, no model API and call nothing that does).
//
// Of the imports, it creates only those whose functions or variables the
// built code mentions: creating a package makes a member for every object
// it declares, which for syscall or x/sys is thousands of constants, and
// was most of the memory SSA took. Init functions are built bare, without
// the calls to the imports' initializers that would need them all.
func Build(pass *analysis.Pass, keep map[*ast.FuncDecl]bool) *ssa.Package {
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
