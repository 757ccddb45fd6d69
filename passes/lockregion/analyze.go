package lockregion

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"runtime"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
	"github.com/buflint/buflint/passes/lockregion/internal/reuse"
	"github.com/buflint/buflint/passes/lockregion/internal/scan"
	"github.com/buflint/buflint/passes/lockregion/internal/ssabuild"
	"github.com/buflint/buflint/passes/lockregion/internal/summary"
)

// This file runs the layers in order: the syntax scan decides relevance,
// the pruned SSA build follows, then the dataflow with its summaries, whose
// facts are exported before the checks run.

// pkgAnalysis is one analysis of the package's SSA under one set of
// guards: its dataflow, the summaries that answer it, and the function
// contexts the checks read.
type pkgAnalysis struct {
	*summary.Summaries
	funcs []*Func // the contexts to check (see Result.Funcs)
	// entryWrites are the fields of entries of guarded storage written
	// holding the guard (dataflow.EntryWrites), computed on first use.
	entryWrites map[*types.Var]token.Pos
	// replaying is set for an analysis rebuilt after lockregion's run, when
	// facts can no longer be imported: every lookup is in the caches.
	replaying bool
}

func newPkgAnalysis(pass *analysis.Pass, ssapkg *ssa.Package, guards map[*types.Var]*facts.GuardFact, annots map[*types.Func]*facts.FuncAnnots, rec *summary.Recorder) *pkgAnalysis {
	return &pkgAnalysis{Summaries: summary.New(pass, ssapkg, guards, annots, rec)}
}

// analyze solves every function of the package and keeps the contexts to
// check.
func (a *pkgAnalysis) analyze() *pkgAnalysis {
	a.funcs = a.DF.Analyze()
	return a
}

// EntryWrites returns the fields of entries of guarded storage that the
// package writes holding the storage's guard.
func (a *pkgAnalysis) EntryWrites() map[*types.Var]token.Pos {
	if a.entryWrites == nil {
		a.entryWrites = dataflow.EntryWrites(a.funcs)
	}
	return a.entryWrites
}

// heavy bounds the analyses building SSA and solving at the same time.
var heavy = make(chan struct{}, runtime.GOMAXPROCS(0))

// declared is what lockregion reads of a package before any SSA is built:
// its declarations, and the functions where an alias may outlive its
// buffer, or a reference into buffer data may escape the garbage
// collector, whose SSA the checks of both need.
type declared struct {
	*scan.Package
	aliases []*ast.FuncDecl
}

func declsOf(pass *analysis.Pass, rec *summary.Recorder) *declared {
	d := scan.Scan(pass)
	return &declared{Package: d, aliases: append(d.AliasFuncs(rec), d.UnsafeFuncs(rec)...)}
}

// analyzePass decides whether pass's package can hold a finding, analyzes
// it when its facts or findings need it, and exports its facts.
func analyzePass(pass *analysis.Pass, rec *summary.Recorder) (*Result, reuse.Outcome) {
	d := declsOf(pass, rec)
	if !d.Relevant(rec).Relevant {
		return irrelevant(pass, d, rec)
	}
	// The driver runs every package's analysis in its own goroutine, many
	// at once; the SSA and states of each are held until it returns. Bound
	// how many are built at the same time to the processors that can work
	// on them, so that memory does not grow with the number in flight.
	heavy <- struct{}{}
	defer func() { <-heavy }()
	d.aliases = append(d.aliases, d.ArgFactDecls(rec)...)
	ssapkg := ssabuild.Build(pass, ssabuild.Kept(d.Package, pass.Pkg, d.aliases, rec))
	a, guards := solveConfirmed(pass, ssapkg, d, rec)

	// HasLockFacts tells importers that they may hold findings because of
	// this package: it exports a guarded field, or a function whose fact a
	// caller can break (it needs a lock held, or releases one). Facts that
	// say only "takes the lock itself", which nearly every package with a
	// mutex has, do not make importers relevant.
	matters := false
	for v, g := range guards {
		if v.Pkg() == pass.Pkg {
			rec.ExportObject(v, g)
			matters = matters || v.Exported()
		}
	}
	if a.ExportFuncFacts(a.EntryWrites()) || matters {
		rec.ExportPackage(&HasLockFacts{})
	}
	dataflow.Freeze(a.funcs)
	rec.Sealed = true
	res := &Result{BadAnnotations: d.Bad,
		held: reuse.NewPinned(a, func() *pkgAnalysis { return reanalyze(pass, d, guards, rec) })}
	runtime.KeepAlive(a) // until the weak pointer is made
	return res, reuse.Outcome{Kind: reuse.Analyzed, Guards: guards, Bad: d.Bad}
}

// irrelevant handles a package that no lock of its own or its imports'
// makes relevant: it exports the facts of its exported functions that
// reuse or keep an argument, and leaves the alias checks, if it has
// candidates for them, to be analyzed when a check asks.
func irrelevant(pass *analysis.Pass, d *declared, rec *summary.Recorder) (*Result, reuse.Outcome) {
	skipped := &Result{Skipped: true, BadAnnotations: d.Bad}
	if bufmodel.IsBufferPackage(pass.Pkg) {
		return skipped, reuse.Outcome{Kind: reuse.Skipped, Bad: d.Bad}
	}
	if argFacts := d.ArgFactDecls(rec); len(argFacts) > 0 {
		exportArgFacts(pass, d, argFacts, rec)
	}
	rec.Sealed = true
	if len(d.aliases) == 0 {
		return skipped, reuse.Outcome{Kind: reuse.Skipped, Bad: d.Bad}
	}
	// Only aliases of ordinary buffers can be found here, and they make no
	// facts importers need: the analysis waits for a check to ask, so that
	// a package analyzed only for its dependents' facts (the driver runs
	// lockregion on every dependency) pays nothing for it. The facts it
	// can use are those AliasFuncs looked up.
	res := &Result{BadAnnotations: d.Bad,
		held: reuse.NewPinned(nil, func() *pkgAnalysis { return onDemand(pass, d, rec) })}
	return res, reuse.Outcome{Kind: reuse.OnDemand, Bad: d.Bad}
}

// solveConfirmed solves the package with the guards its code bears out.
// A trial run with every candidate guard collects the evidence that
// confirms or drops each; the real run has only those kept. When every
// dropped candidate went unaccessed, the trial run is what the real one
// would be, and is kept.
func solveConfirmed(pass *analysis.Pass, ssapkg *ssa.Package, d *declared, rec *summary.Recorder) (*pkgAnalysis, map[*types.Var]*facts.GuardFact) {
	guards := d.Guards
	if needsEvidence(d.Guards) {
		trial := newPkgAnalysis(pass, ssapkg, maps.Clone(d.Guards), d.Annots, rec).analyze()
		var same bool
		guards, same = trial.Confirm(d.Guards, trial.funcs, d.Atomic, d.Published)
		if same {
			for v := range d.Guards {
				if guards[v] == nil {
					trial.DF.DropGuard(v)
				}
			}
			return trial, guards
		}
	}
	return newPkgAnalysis(pass, ssapkg, maps.Clone(guards), d.Annots, rec).analyze(), guards
}

// needsEvidence reports whether some candidate guard rests on more than an
// annotation, so that the package's code must bear it out.
func needsEvidence(cands map[*types.Var]*facts.GuardFact) bool {
	for _, g := range cands {
		if g.How != facts.ByAnnotation {
			return true
		}
	}
	return false
}

// onDemand analyzes a package that no lock of its own or its imports'
// makes relevant, when a check first asks for it. Only the functions where
// an alias can outlive its buffer, and the helpers they call, can hold a
// finding here: no lock guards anything, so no other function's SSA
// matters.
func onDemand(pass *analysis.Pass, d *declared, rec *summary.Recorder) *pkgAnalysis {
	heavy <- struct{}{}
	defer func() { <-heavy }()
	keep := map[*ast.FuncDecl]bool{}
	for _, fd := range d.aliases {
		keep[fd] = true
	}
	ssapkg := ssabuild.Build(pass, keep)
	return replayed(newPkgAnalysis(pass, ssapkg, map[*types.Var]*facts.GuardFact{}, d.Annots, rec))
}

// reanalyze analyzes again a package analyzed as it was compiled, with the
// guards that analysis confirmed, once the first one was collected.
func reanalyze(pass *analysis.Pass, d *declared, guards map[*types.Var]*facts.GuardFact, rec *summary.Recorder) *pkgAnalysis {
	heavy <- struct{}{}
	defer func() { <-heavy }()
	ssapkg := ssabuild.Build(pass, ssabuild.Kept(d.Package, pass.Pkg, d.aliases, rec))
	return replayed(newPkgAnalysis(pass, ssapkg, maps.Clone(guards), d.Annots, rec))
}

// replayed solves a for the checks, after lockregion's run: every fact it
// can use is in its cache.
func replayed(a *pkgAnalysis) *pkgAnalysis {
	a.replaying = true
	a.analyze()
	dataflow.Freeze(a.funcs)
	return a
}

// reusedResult is the result of a variant that reuses another variant's
// analysis (reuse.Reuse): analyzed again, with the other's answers, only
// if a check asks.
func reusedResult(pass *analysis.Pass, rec *summary.Recorder, out reuse.Outcome) *Result {
	res := &Result{BadAnnotations: out.Bad}
	switch out.Kind {
	case reuse.Skipped:
		res.Skipped = true
	case reuse.OnDemand:
		res.held = reuse.NewPinned(nil, func() *pkgAnalysis { return onDemand(pass, declsOf(pass, rec), rec) })
	case reuse.Analyzed:
		res.held = reuse.NewPinned(nil, func() *pkgAnalysis {
			d := declsOf(pass, rec)
			d.aliases = append(d.aliases, d.ArgFactDecls(rec)...)
			return reanalyze(pass, d, out.Guards, rec)
		})
	}
	return res
}

// exportArgFacts summarizes, in a package that is otherwise analyzed on
// demand, the exported functions whose facts importers need (decls, from
// ArgFactDecls), with SSA for them and the helpers they call only, and
// exports the facts.
func exportArgFacts(pass *analysis.Pass, d *declared, decls []*ast.FuncDecl, rec *summary.Recorder) {
	heavy <- struct{}{}
	defer func() { <-heavy }()
	keep := map[*ast.FuncDecl]bool{}
	var objs []*types.Func
	for _, fd := range decls {
		keep[fd] = true
		if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			objs = append(objs, obj)
		}
	}
	for _, fd := range d.Reach(objs) {
		keep[fd] = true
	}
	ssapkg := ssabuild.Build(pass, keep)
	a := newPkgAnalysis(pass, ssapkg, map[*types.Var]*facts.GuardFact{}, d.Annots, rec)
	for _, obj := range objs {
		a.Summary(ssapkg.Prog.FuncValue(obj))
	}
	a.ExportFuncFacts(nil) // no guards here: no entries of guarded storage
}
