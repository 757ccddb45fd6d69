package lockregion

import (
	"go/token"
	"go/types"
	"iter"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/reuse"
)

// Result is the analysis of one package.
type Result struct {
	// Skipped is set when the package was found irrelevant before any SSA
	// was built: it neither imports the buffer package nor imports a
	// package with lock facts, and declares no guarded field.
	Skipped bool
	// BadAnnotations are guard annotations that name no lock.
	BadAnnotations []BadAnnotation

	// The analysis, held weakly until a check reads it; nil when Skipped.
	held *reuse.Pinned[pkgAnalysis]
}

// analysis returns the package's analysis, pinned until the checks are done.
func (r *Result) analysis() *pkgAnalysis { return r.held.Get() }

// Funcs returns every function context to check, in source order: each
// function as called by an unknown caller, except function literals that
// are only called in place or started as goroutines, which appear once per
// such context instead. It is empty for a skipped package.
func (r *Result) Funcs() []*Func {
	if r.Skipped {
		return nil
	}
	return r.analysis().funcs
}

// Solved yields the function contexts that were solved completely and are
// not annotated +checklocksignore; checks report nothing from the others.
func (r *Result) Solved() iter.Seq[*Func] {
	return func(yield func(*Func) bool) {
		for _, f := range r.Funcs() {
			if f.Complete && !f.Ignored() && !yield(f) {
				return
			}
		}
	}
}

// done records that the check name has finished reading r. Once every
// check of the suite that reads lockregion's result is done, the analysis
// is unpinned. Only the packages the driver was asked about are checked,
// so only they are ever pinned: the others' analyses, kept for nothing but
// their facts, are held weakly from the start.
func (r *Result) done(name string) {
	if r.held == nil {
		return
	}
	var readers []string
	for _, c := range rules.Checks {
		if c.Engine {
			readers = append(readers, c.Name)
		}
	}
	r.held.Done(name, readers)
}

// Name renders a key as the source expression it stands for, such as "b",
// "s.buf" or "bufs[0]", for messages.
func (r *Result) Name(k Key) string { return r.analysis().DF.Name(k) }

// NameOr is like Name, but uses fallback for a value with no name of its own.
func (r *Result) NameOr(k Key, fallback string) string {
	if k.Valid() && k.Path.Empty() {
		if name := r.analysis().DF.RootName(k.Root); name != "" {
			return name
		}
		return fallback
	}
	return r.analysis().DF.Name(k)
}

// GuardOf returns the guard of a field the package's code accessed, or nil.
func (r *Result) GuardOf(v *types.Var) *GuardFact { return r.analysis().DF.KnownGuard(v) }

// FuncName names a function for messages: "helper", "(*T).method".
func (r *Result) FuncName(fn *ssa.Function) string { return r.analysis().DF.FuncName(fn) }

// EntryWrite returns where the package writes the field v of an entry of
// guarded storage holding the storage's guard, if it does.
func (r *Result) EntryWrite(v *types.Var) (token.Pos, bool) {
	pos, ok := r.analysis().EntryWrites()[v]
	return pos, ok
}

// EntryFields returns the fields of the entries fn returns that fn's
// package writes holding their storage's guard, as its fact says: for a
// function of another package, whose writes this one cannot see.
func (r *Result) EntryFields(fn *ssa.Function) []string {
	if fact := r.analysis().Summary(fn); fact != nil && fact.Entry != nil {
		return fact.Entry.Fields
	}
	return nil
}

// Addresses returns the parameters fn, of this package or an imported
// one, uses as addresses the collector cannot see it use (its fact).
func (r *Result) Addresses(fn *ssa.Function) []ParamAddress {
	return r.analysis().DF.CalleeAddresses(fn)
}

// HandedTypes returns the struct and array types whose values fns hand,
// by address, to the system or to C, directly or through a function whose
// fact says it hands them on.
func (r *Result) HandedTypes(fns []*ssa.Function) *HandedTypes {
	return dataflow.FindHandedTypes(fns, r.analysis().DF.CalleeAddresses)
}

// EntryAcquirer reports whether f is an entry point for the guard k of the
// field fld it accesses without taking k: an exported method, reached by
// callers outside the package who cannot take the guard (an unexported
// lock reached from the receiver), not named ...Locked, of a type another
// of whose methods takes k itself, which shows the type is meant for
// concurrent use under k. It returns that method, the first by name so
// that messages do not depend on map order.
func (r *Result) EntryAcquirer(f *Func, k Key, fld *types.Var) (*ssa.Function, bool) {
	return r.analysis().EntryAcquirer(f, k, fld)
}

// LockName names the guard k for messages: "s.mu" for a lock, "b's lock"
// for an object that is its own guard (a buffer.Buffer).
func (r *Result) LockName(k Key) string {
	name := r.analysis().DF.Name(k)
	if r.IsLock(k) {
		return name
	}
	return name + "'s lock"
}

// IsLock reports whether the guard k is a lock (a sync.Mutex or RWMutex)
// rather than an object that guards its own data (a buffer.Buffer).
func (r *Result) IsLock(k Key) bool {
	t := r.analysis().DF.TypeOf(k)
	return t != nil && bufmodel.IsLockType(t)
}
