package lockregion

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// annotsOf returns the annotations of the declared function fn, or nil.
func (a *pkgAnalysis) annotsOf(fn *ssa.Function) *facts.FuncAnnots {
	if fn == nil || fn.Parent() != nil {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	return a.annots[obj.Origin()]
}

// annotatedKeys returns the keys of the locks f's annotations name.
func (a *pkgAnalysis) annotatedKeys(f *Func) []Key {
	var out []Key
	if fa := a.annotsOf(f.Fn); fa != nil {
		for _, an := range fa.Locks {
			if an.Param < len(f.Fn.Params) {
				out = append(out, Key{f.Fn.Params[an.Param], PathOf(an.Path)})
			}
		}
	}
	return out
}

// ignored reports whether f is, or is a literal inside, a function
// annotated +checklocksignore: it is solved (its lock operations still
// count for its callers), but nothing in it is reported and its accesses
// make no requirement.
func (f *Func) ignored() bool {
	fn := f.Fn
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	fa := f.a.annotsOf(fn)
	return fa != nil && fa.Ignore
}
