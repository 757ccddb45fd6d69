// Package ssabuild is lockregion's second layer: it builds SSA for a
// package found relevant, pruned to the function declarations that can
// matter, with SSA packages only for the imports the built code uses.
package ssabuild

import (
	"go/ast"
	"go/token"
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
// Of the imports, it creates only the members the built code names: the
// package-level functions and variables it uses. Creating an import whole
// makes a member for every object it declares and every method of its
// types, which for runtime, syscall or x/sys is thousands, and was most
// of the memory SSA took. Init functions are built bare, without the calls
// to the imports' initializers that would need them all.
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
	for _, imp := range importsUsed(pass, files) {
		prog.CreatePackage(imp.pkg, []*ast.File{imp.decls}, imp.info, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// usedImport is the part of an import the built code names, as the
// declarations ssa.CreatePackage reads members from: bodiless function
// declarations and variable specs whose names Defs maps to the import's
// own objects. The builder never builds an import's functions (they are
// functions of unknown body, as those created from export data are), so
// nothing but the names is read.
type usedImport struct {
	pkg   *types.Package
	decls *ast.File
	info  *types.Info
}

// importsUsed returns the imports of pass's package whose package-level
// functions or variables files mention, in import order, each with those
// objects: the SSA builder needs a member for each such object, and for
// nothing else (it makes imported methods on demand; constants, types and
// builtins need no member).
func importsUsed(pass *analysis.Pass, files []*ast.File) []usedImport {
	used := map[*types.Package][]types.Object{}
	seen := map[types.Object]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := pass.TypesInfo.Uses[id]
			if obj == nil || obj.Pkg() == nil || obj.Pkg() == pass.Pkg || seen[obj] {
				return true
			}
			switch obj := obj.(type) {
			case *types.Func:
				if obj.Type().(*types.Signature).Recv() != nil {
					return true
				}
			case *types.Var:
				if obj.Parent() != obj.Pkg().Scope() {
					return true
				}
			default:
				return true
			}
			seen[obj] = true
			used[obj.Pkg()] = append(used[obj.Pkg()], obj)
			return true
		})
	}
	var out []usedImport
	for _, p := range pass.Pkg.Imports() {
		if objs := used[p]; objs != nil {
			out = append(out, declsOf(p, objs))
		}
	}
	return out
}

// declsOf makes the declarations of objs, objects of p, for
// ssa.CreatePackage: a bodiless function declaration for a function, a
// variable spec for a variable.
func declsOf(p *types.Package, objs []types.Object) usedImport {
	imp := usedImport{pkg: p, decls: &ast.File{Name: ast.NewIdent(p.Name())}, info: &types.Info{Defs: map[*ast.Ident]types.Object{}}}
	for _, obj := range objs {
		id := ast.NewIdent(obj.Name())
		imp.info.Defs[id] = obj
		var d ast.Decl
		if _, ok := obj.(*types.Func); ok {
			d = &ast.FuncDecl{Name: id, Type: &ast.FuncType{}}
		} else {
			d = &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id}}}}
		}
		imp.decls.Decls = append(imp.decls.Decls, d)
	}
	return imp
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
