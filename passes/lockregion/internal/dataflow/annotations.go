package dataflow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// AnnotsOf returns the annotations of the declared function fn, or nil.
func (a *Package) AnnotsOf(fn *ssa.Function) *facts.FuncAnnots {
	if fn == nil || fn.Parent() != nil {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	return a.annots[obj.Origin()]
}

// AnnotatedKeys returns the keys of the locks f's annotations name.
func (a *Package) AnnotatedKeys(f *Func) []Key {
	var out []Key
	if fa := a.AnnotsOf(f.Fn); fa != nil {
		for _, an := range fa.Locks {
			if an.Param < len(f.Fn.Params) {
				out = append(out, Key{f.Fn.Params[an.Param], PathOf(an.Path)})
			}
		}
	}
	return out
}

// Ignored reports whether f is, or is a literal inside, a function
// annotated +checklocksignore: it is solved (its lock operations still
// count for its callers), but nothing in it is reported and its accesses
// make no requirement.
func (f *Func) Ignored() bool {
	fn := f.Fn
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	fa := f.a.AnnotsOf(fn)
	return fa != nil && fa.Ignore
}
