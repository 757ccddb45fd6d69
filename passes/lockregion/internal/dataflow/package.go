// Package dataflow is lockregion's engine: it turns each SSA instruction
// of a package's functions into events in the model's vocabulary (a model
// call's effects, a helper's fact turned into effects, a receive as a
// join, a go statement as a spawn, accesses to guarded fields), and solves
// a forward dataflow of the states of guards, handles and aliases at every
// instruction, once per function and once more per context a function
// literal runs in. It knows no fact encoding and no caching of facts: what
// it needs of other functions it asks an Oracle.
package dataflow

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// An Oracle answers what the dataflow of a package cannot know by itself:
// the facts of the functions it calls (of its own, computed from their
// solved states, which may solve them first; imported for the others), and
// the imported facts of fields and interface methods.
type Oracle interface {
	// Summary returns fn's fact, or nil when it does nothing to locks or
	// buffers its caller can see.
	Summary(fn *ssa.Function) *facts.LockFact
	// ImportedGuard returns the guard of a field of another package.
	ImportedGuard(v *types.Var) *facts.GuardFact
	// ImportedLockFact returns the fact of a function or interface method
	// of another package.
	ImportedLockFact(obj *types.Func) *facts.LockFact
}

// Package is the dataflow of one package's SSA under one set of guards.
type Package struct {
	pass   *analysis.Pass
	ssapkg *ssa.Package
	oracle Oracle
	called map[*ssa.Function]*Func
	guards map[*types.Var]*facts.GuardFact // of this package's fields, and imported ones looked up
	annots map[*types.Func]*facts.FuncAnnots
	fails  map[*ssa.Function][]int     // failsOn, per function of the package
	holds  map[*types.Var][]facts.Step // fieldHolds, computed on first use
	// funcFields is fieldFuncs, computed on first use.
	funcFields map[*types.Var]*fieldFunc
}

// NewPackage prepares the dataflow of ssapkg, pass's package built as SSA,
// with the guards of its fields and the annotations of its functions.
func NewPackage(pass *analysis.Pass, ssapkg *ssa.Package, guards map[*types.Var]*facts.GuardFact, annots map[*types.Func]*facts.FuncAnnots, oracle Oracle) *Package {
	return &Package{
		pass:   pass,
		ssapkg: ssapkg,
		oracle: oracle,
		called: map[*ssa.Function]*Func{},
		guards: guards,
		annots: annots,
	}
}

// SSA returns the package's SSA.
func (a *Package) SSA() *ssa.Package { return a.ssapkg }

// Pass returns the pass the package is analyzed for.
func (a *Package) Pass() *analysis.Pass { return a.pass }

// Analyze solves every function of the package, and returns the function
// contexts to check, in source order: each function as called by an
// unknown caller, except function literals that are only called in place
// or started as goroutines, which appear once per such context instead.
func (a *Package) Analyze() []*Func {
	funcs := sourceFuncs(a.pass, a.ssapkg)
	for _, fn := range funcs {
		a.oracle.Summary(fn) // summaries first: contexts apply them
	}
	inContext := map[*ssa.Function]bool{}
	var ctxs []*Func
	queue := []*Func{}
	for _, fn := range funcs {
		if fn.Parent() == nil {
			queue = append(queue, a.Solved(fn))
		}
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		for _, g := range a.contexts(f) {
			inContext[g.Fn] = true
			ctxs = append(ctxs, g)
			queue = append(queue, g)
		}
	}
	var out []*Func
	for _, fn := range funcs {
		if !inContext[fn] {
			out = append(out, a.Solved(fn))
		}
	}
	return append(out, ctxs...)
}

// sourceFuncs lists the package's functions with bodies, declared ones and
// their literals, in source order, then the literals of package-level
// variables' initializers (functions of the package initializer, which is
// itself synthetic: it only stores them).
func sourceFuncs(pass *analysis.Pass, pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	var add func(*ssa.Function)
	add = func(f *ssa.Function) {
		if len(f.Blocks) > 0 {
			out = append(out, f)
		}
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := pkg.Prog.FuncValue(obj); fn != nil {
				add(fn)
			}
		}
	}
	if init := pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs {
			add(anon)
		}
	}
	return out
}

// Solved returns fn analyzed as called by an unknown caller.
func (a *Package) Solved(fn *ssa.Function) *Func {
	if f, ok := a.called[fn]; ok {
		return f
	}
	f := a.solveCalled(fn)
	a.called[fn] = f
	return f
}

// GuardOf returns the guard of a field: found in this package's
// declarations, or imported as a fact; nil for a field nothing guards.
func (a *Package) GuardOf(v *types.Var) *facts.GuardFact {
	if g, ok := a.guards[v]; ok {
		return g
	}
	var g *facts.GuardFact
	if v.Pkg() != nil && v.Pkg() != a.pass.Pkg {
		g = a.oracle.ImportedGuard(v)
	}
	a.guards[v] = g
	return g
}

// ChangesOnly reports whether only changes of v made holding its guard
// for reading are checked against the guard (facts.ByReadLock): what v
// holds is not taken to be guarded storage.
func (a *Package) ChangesOnly(v *types.Var) bool {
	g := a.GuardOf(v)
	return g != nil && g.How == facts.ByReadLock
}

// KnownGuard returns the guard of a field the package's code accessed, or
// nil, without importing anything.
func (a *Package) KnownGuard(v *types.Var) *facts.GuardFact { return a.guards[v] }

// DropGuard forgets the candidate guard of v: the package's code did not
// bear it out.
func (a *Package) DropGuard(v *types.Var) { delete(a.guards, v) }

// summary returns the fact of a function called.
func (a *Package) summary(fn *ssa.Function) *facts.LockFact { return a.oracle.Summary(fn) }

// Freeze fills the caches of every function context, which the checks then
// read concurrently. Parents first: a context's sources may read its
// parent's caches.
func Freeze(funcs []*Func) {
	for _, f := range funcs {
		if f.parent == nil {
			f.freeze()
		}
	}
	for _, f := range funcs {
		if f.parent != nil {
			f.freeze()
		}
	}
}
