// Package summary is lockregion's fourth layer: it computes each
// function's fact from its solved states (what it needs of and does to the
// locks and buffers reached from its parameters), confirms the candidate
// guards of fields from what the solved code shows, and imports and
// exports every fact through one Recorder. It answers the dataflow's
// questions about callees, so that a function is summarized before its
// callers are solved.
package summary

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// Summaries are the facts of one package's functions, computed on demand
// from its dataflow, which they answer as its Oracle.
type Summaries struct {
	// DF is the package's dataflow.
	DF     *dataflow.Package
	pass   *analysis.Pass
	rec    *Recorder
	annots map[*types.Func]*facts.FuncAnnots
	sums   map[*ssa.Function]*facts.LockFact
	busy   map[*ssa.Function]bool
}

// New prepares the dataflow of ssapkg, pass's package, with the guards of
// its fields and the annotations of its functions, and the summaries that
// answer it; rec imports and exports the facts.
func New(pass *analysis.Pass, ssapkg *ssa.Package, guards map[*types.Var]*facts.GuardFact, annots map[*types.Func]*facts.FuncAnnots, rec *Recorder) *Summaries {
	s := &Summaries{pass: pass, rec: rec, annots: annots,
		sums: map[*ssa.Function]*facts.LockFact{}, busy: map[*ssa.Function]bool{}}
	s.DF = dataflow.NewPackage(pass, ssapkg, guards, annots, s)
	return s
}

// ImportedGuard returns the guard of a field of another package.
func (s *Summaries) ImportedGuard(v *types.Var) *facts.GuardFact { return s.rec.Guard(v) }

// ImportedLockFact returns the fact of a function of another package.
func (s *Summaries) ImportedLockFact(obj *types.Func) *facts.LockFact { return s.rec.LockFact(obj) }

// Summary returns fn's LockFact: computed for functions of this package,
// imported for others; nil when fn does nothing to locks its caller can see.
func (s *Summaries) Summary(fn *ssa.Function) *facts.LockFact {
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if fn.Pkg != s.DF.SSA() || len(fn.Blocks) == 0 {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() == s.pass.Pkg {
			return nil
		}
		return s.rec.LockFact(obj.Origin())
	}
	if fact, ok := s.sums[fn]; ok {
		return fact
	}
	if s.busy[fn] {
		return nil // recursion: the call is treated as doing nothing to locks
	}
	s.busy[fn] = true
	fact := summarize(s.DF, s.DF.Solved(fn))
	delete(s.busy, fn)
	if an := s.DF.AnnotsOf(fn); an != nil && len(an.Retains) > 0 {
		// What the annotation declares, besides what the body shows.
		if fact == nil {
			fact = &facts.LockFact{}
		}
		for _, r := range an.Retains {
			if !slices.ContainsFunc(fact.Retains, func(x facts.ParamRetain) bool { return x.Param == r.Param }) {
				fact.Retains = append(fact.Retains, r)
			}
		}
	}
	s.sums[fn] = fact
	return fact
}

// Computed calls f for each function of the package summarized so far
// with a fact.
func (s *Summaries) Computed(f func(*ssa.Function, *facts.LockFact)) {
	for fn, fact := range s.sums {
		if fact != nil {
			f(fn, fact)
		}
	}
}

// ExportFuncFacts exports the facts of the package's functions that were
// summarized, and those of its //buflint:retains annotations, and
// HasArgFacts when an exported function reuses or keeps an argument. A
// function that returns an entry of guarded storage tells importers which
// of the entry's fields the package writes holding the guard (entryWrites,
// from dataflow.EntryWrites). It reports whether some exported function's
// fact binds its callers (LockFact.Binds).
func (s *Summaries) ExportFuncFacts(entryWrites map[*types.Var]token.Pos) (binds bool) {
	argFacts := false
	summarized := map[*types.Func]bool{}
	for fn, fact := range s.sums {
		if obj, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil && fact != nil && obj.Pkg() == s.pass.Pkg {
			if fact.Entry != nil && fn.Signature.Results().Len() > 0 {
				fact.Entry.Fields = dataflow.EntryFieldNames(fn.Signature.Results().At(0).Type(), entryWrites)
			}
			s.rec.ExportObject(obj, fact)
			summarized[obj] = true
			binds = binds || (obj.Exported() && fact.Binds())
			argFacts = argFacts || (obj.Exported() && (len(fact.Reuses)+len(fact.Retains)+len(fact.Addresses) > 0 || fact.Produces != nil))
		}
	}
	// Interface methods and functions without a body keep what their
	// annotations say; importers need it as a fact.
	for obj, an := range s.annots {
		if len(an.Retains) > 0 && !summarized[obj] {
			s.rec.ExportObject(obj, &facts.LockFact{Retains: an.Retains})
		}
		argFacts = argFacts || len(an.Retains) > 0
	}
	if argFacts {
		s.rec.ExportPackage(&facts.HasArgFacts{})
	}
	return binds
}
