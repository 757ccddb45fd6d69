package lockregion

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"weak"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/internal/checkdoc"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
	"github.com/buflint/buflint/passes/lockregion/internal/scan"
	"github.com/buflint/buflint/passes/lockregion/internal/ssabuild"
)

//go:embed doc.go
var doc string

// Analyzer computes, for every function of a package, where each guard is
// held or released. It reports nothing itself.
var Analyzer = &analysis.Analyzer{
	Name:       "lockregion",
	Doc:        checkdoc.MustExtract(doc, "lockregion"),
	URL:        "https://github.com/buflint/buflint/tree/main/passes/lockregion",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(LockFact), new(HasLockFacts), new(HasArgFacts), new(GuardFact)},
	// No Requires: buildssa would build SSA for every package the driver
	// visits. lockregion builds it only for packages that can matter.
}

// Result is the analysis of one package.
type Result struct {
	// Skipped is set when the package was found irrelevant before any SSA
	// was built: it neither imports the buffer package nor imports a
	// package with lock facts, and declares no guarded field.
	Skipped bool
	// BadAnnotations are guard annotations that name no lock.
	BadAnnotations []BadAnnotation

	// The analysis is held weakly: the driver keeps every result until the
	// end of the run, and runs the checks only on the packages it was asked
	// about, not on the dependencies lockregion also analyzes for their
	// facts. The first check to read it pins it (replaying it, from caches
	// that need no facts, if it was collected) until the suite's checks are
	// all done.
	mu       sync.Mutex
	live     *pkgAnalysis
	weak     weak.Pointer[pkgAnalysis]
	replay   func() *pkgAnalysis
	finished map[string]bool // the checks done reading it
}

// analysis returns the package's analysis, pinned until the checks are done.
func (r *Result) analysis() *pkgAnalysis {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.live == nil {
		if r.live = r.weak.Value(); r.live == nil {
			r.live = r.replay()
		}
	}
	return r.live
}

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

// done records that the check name has finished reading r. Once every
// check of the suite that reads lockregion's result is done, the analysis
// is unpinned. Only the packages the driver was asked about are checked,
// so only they are ever pinned: the others' analyses, kept for nothing but
// their facts, are held weakly from the start.
func (r *Result) done(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.finished == nil {
		r.finished = map[string]bool{}
	}
	r.finished[name] = true
	for _, c := range rules.Checks {
		if c.Engine && !r.finished[c.Name] {
			return
		}
	}
	r.live = nil
}

// pkgAnalysis is one analysis of the package's SSA under one set of
// guards.
type pkgAnalysis struct {
	pass      *analysis.Pass
	ssapkg    *ssa.Package
	called    map[*ssa.Function]*Func
	summaries map[*ssa.Function]*LockFact
	busy      map[*ssa.Function]bool
	guards    map[*types.Var]*GuardFact // of this package's fields, and imported ones looked up
	annots    map[*types.Func]*facts.FuncAnnots
	imported  *importedFacts // shared by the trial run and the real one
	funcs     []*Func        // the contexts to check (see Result.Funcs)
	// replaying is set for an analysis rebuilt after lockregion's run, when
	// facts can no longer be imported: every lookup is in the caches.
	replaying bool
}

// heavy bounds the analyses building SSA and solving at the same time.
var heavy = make(chan struct{}, runtime.GOMAXPROCS(0))

func run(pass *analysis.Pass) (any, error) {
	if res := reuseVariant(pass); res != nil {
		return res, nil
	}
	imported := newImportedFacts(pass)
	res, outcome := analyzePass(pass, imported)
	rememberVariant(pass, imported, res, outcome)
	return res, nil
}

// declared is what lockregion reads of a package before any SSA is built:
// its declarations, and the functions where an alias may outlive its
// buffer, or a reference into buffer data may escape the garbage
// collector, whose SSA the checks of both need.
type declared struct {
	*scan.Package
	aliases []*ast.FuncDecl
}

func declsOf(pass *analysis.Pass, imported *importedFacts) *declared {
	d := scan.Scan(pass)
	return &declared{Package: d, aliases: append(d.AliasFuncs(imported), d.UnsafeFuncs()...)}
}

// outcome says how analyzePass left a package, for variants that reuse it.
type outcome struct {
	kind runKind
	// guards are the package's confirmed guards, for runAnalyzed.
	guards map[*types.Var]*GuardFact
}

type runKind int

const (
	runSkipped  runKind = iota // nothing to check
	runOnDemand                // analyzed when a check asks (onDemand)
	runAnalyzed                // analyzed as it is compiled, facts exported
)

// analyzePass decides whether pass's package can hold a finding, analyzes
// it when its facts or findings need it, and exports its facts.
func analyzePass(pass *analysis.Pass, imported *importedFacts) (*Result, outcome) {
	d := declsOf(pass, imported)
	if !d.Relevant(imported).Relevant {
		if bufmodel.IsBufferPackage(pass.Pkg) {
			return &Result{Skipped: true, BadAnnotations: d.Bad}, outcome{kind: runSkipped}
		}
		if argFacts := d.ArgFactDecls(); len(argFacts) > 0 {
			exportArgFacts(pass, d, argFacts, imported)
		}
		imported.sealed = true
		if len(d.aliases) == 0 {
			return &Result{Skipped: true, BadAnnotations: d.Bad}, outcome{kind: runSkipped}
		}
		// Only aliases of ordinary buffers can be found here, and they
		// make no facts importers need: the analysis waits for a check to
		// ask, so that a package analyzed only for its dependents' facts
		// (the driver runs lockregion on every dependency) pays nothing
		// for it. The facts it can use are those aliasFuncs looked up.
		res := &Result{BadAnnotations: d.Bad}
		res.replay = func() *pkgAnalysis { return onDemand(pass, d, imported) }
		return res, outcome{kind: runOnDemand}
	}
	// The driver runs every package's analysis in its own goroutine, many
	// at once; the SSA and states of each are held until it returns. Bound
	// how many are built at the same time to the processors that can work
	// on them, so that memory does not grow with the number in flight.
	heavy <- struct{}{}
	defer func() { <-heavy }()
	d.aliases = append(d.aliases, d.ArgFactDecls()...)
	ssapkg := ssabuild.Build(pass, ssabuild.Kept(d.Package, pass.Pkg, d.aliases, imported))
	guards := d.Guards
	var a *pkgAnalysis
	var funcs []*Func
	if needsEvidence(d.Guards) {
		// A trial run with every candidate guard collects the evidence
		// that confirms or drops each; the real run has only those kept.
		// When every dropped candidate went unaccessed, the trial run is
		// what the real one would be, and is kept.
		trial := newPkgAnalysis(pass, ssapkg, maps.Clone(d.Guards), d.Annots, imported)
		tfuncs := trial.analyze()
		ev := trial.evidence(tfuncs)
		guards = confirm(d.Guards, ev)
		same := true
		for v := range d.Guards {
			if guards[v] == nil && ev[v] != nil {
				same = false
			}
		}
		if same {
			a, funcs = trial, tfuncs
			for v := range d.Guards {
				if guards[v] == nil {
					delete(a.guards, v)
				}
			}
		}
	}
	if a == nil {
		a = newPkgAnalysis(pass, ssapkg, maps.Clone(guards), d.Annots, imported)
		funcs = a.analyze()
	}
	a.funcs = funcs
	res := &Result{BadAnnotations: d.Bad}

	// HasLockFacts tells importers that they may hold findings because of
	// this package: it exports a guarded field, or a function whose fact a
	// caller can break (it needs a lock held, or releases one). Facts that
	// say only "takes the lock itself", which nearly every package with a
	// mutex has, do not make importers relevant.
	matters := false
	for v, g := range guards {
		if v.Pkg() == pass.Pkg {
			imported.exportObject(v, g)
			matters = matters || v.Exported()
		}
	}
	if a.exportFuncFacts() || matters {
		imported.exportPackage(&HasLockFacts{})
	}
	a.freeze()
	imported.sealed = true
	res.weak = weak.Make(a)
	res.replay = func() *pkgAnalysis { return reanalyze(pass, d, guards, imported) }
	runtime.KeepAlive(a) // until the weak pointer is made
	return res, outcome{kind: runAnalyzed, guards: guards}
}

// onDemand analyzes a package that no lock of its own or its imports'
// makes relevant, when a check first asks for it. Only the functions where
// an alias can outlive its buffer, and the helpers they call, can hold a
// finding here: no lock guards anything, so no other function's SSA
// matters.
func onDemand(pass *analysis.Pass, d *declared, imported *importedFacts) *pkgAnalysis {
	heavy <- struct{}{}
	defer func() { <-heavy }()
	keep := map[*ast.FuncDecl]bool{}
	for _, fd := range d.aliases {
		keep[fd] = true
	}
	ssapkg := ssabuild.Build(pass, keep)
	return replayed(newPkgAnalysis(pass, ssapkg, map[*types.Var]*GuardFact{}, d.Annots, imported))
}

// reanalyze analyzes again a package analyzed as it was compiled, with the
// guards that analysis confirmed, once the first one was collected.
func reanalyze(pass *analysis.Pass, d *declared, guards map[*types.Var]*GuardFact, imported *importedFacts) *pkgAnalysis {
	heavy <- struct{}{}
	defer func() { <-heavy }()
	ssapkg := ssabuild.Build(pass, ssabuild.Kept(d.Package, pass.Pkg, d.aliases, imported))
	return replayed(newPkgAnalysis(pass, ssapkg, maps.Clone(guards), d.Annots, imported))
}

// replayed solves a for the checks, after lockregion's run: every fact it
// can use is in its cache.
func replayed(a *pkgAnalysis) *pkgAnalysis {
	a.replaying = true
	a.funcs = a.analyze()
	a.freeze()
	return a
}

// exportFuncFacts exports the facts of the package's functions that were
// summarized, and those of its //buflint:retains annotations, and
// HasArgFacts when an exported function reuses or keeps an argument. It
// reports whether some exported function's fact binds its callers
// (LockFact.binds).
func (a *pkgAnalysis) exportFuncFacts() (binds bool) {
	pass := a.pass
	argFacts := false
	summarized := map[*types.Func]bool{}
	for fn, fact := range a.summaries {
		if obj, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil && fact != nil && obj.Pkg() == pass.Pkg {
			a.imported.exportObject(obj, fact)
			summarized[obj] = true
			binds = binds || (obj.Exported() && fact.Binds())
			argFacts = argFacts || (obj.Exported() && (len(fact.Reuses)+len(fact.Retains) > 0 || fact.Produces != nil))
		}
	}
	// Interface methods and functions without a body keep what their
	// annotations say; importers need it as a fact.
	for obj, an := range a.annots {
		if len(an.Retains) > 0 && !summarized[obj] {
			a.imported.exportObject(obj, &LockFact{Retains: an.Retains})
		}
		argFacts = argFacts || len(an.Retains) > 0
	}
	if argFacts {
		a.imported.exportPackage(&HasArgFacts{})
	}
	return binds
}

// exportArgFacts summarizes, in a package that is otherwise analyzed on
// demand, the exported functions whose facts importers need (decls, from
// argFactDecls), with SSA for them and the helpers they call only, and
// exports the facts.
func exportArgFacts(pass *analysis.Pass, d *declared, decls []*ast.FuncDecl, imported *importedFacts) {
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
	a := newPkgAnalysis(pass, ssapkg, map[*types.Var]*GuardFact{}, d.Annots, imported)
	for _, obj := range objs {
		a.summary(ssapkg.Prog.FuncValue(obj))
	}
	a.exportFuncFacts()
}

// freeze fills the caches of every function context, which the checks then
// read concurrently. Parents first: a context's sources may read its
// parent's caches.
func (a *pkgAnalysis) freeze() {
	for _, f := range a.funcs {
		if f.parent == nil {
			f.freeze()
		}
	}
	for _, f := range a.funcs {
		if f.parent != nil {
			f.freeze()
		}
	}
}

func newPkgAnalysis(pass *analysis.Pass, ssapkg *ssa.Package, guards map[*types.Var]*GuardFact, annots map[*types.Func]*facts.FuncAnnots, imported *importedFacts) *pkgAnalysis {
	return &pkgAnalysis{
		pass:      pass,
		ssapkg:    ssapkg,
		called:    map[*ssa.Function]*Func{},
		summaries: map[*ssa.Function]*LockFact{},
		busy:      map[*ssa.Function]bool{},
		guards:    guards,
		annots:    annots,
		imported:  imported,
	}
}

// needsEvidence reports whether some candidate guard rests on more than an
// annotation, so that the package's code must bear it out.
func needsEvidence(cands map[*types.Var]*GuardFact) bool {
	for _, g := range cands {
		if g.How != ByAnnotation {
			return true
		}
	}
	return false
}

// analyze solves every function of the package, and returns the function
// contexts to check, in source order: each function as called by an
// unknown caller, except function literals that are only called in place
// or started as goroutines, which appear once per such context instead.
func (a *pkgAnalysis) analyze() []*Func {
	funcs := sourceFuncs(a.pass, a.ssapkg)
	for _, fn := range funcs {
		a.summary(fn) // summaries first: contexts apply them
	}
	inContext := map[*ssa.Function]bool{}
	var ctxs []*Func
	queue := []*Func{}
	for _, fn := range funcs {
		if fn.Parent() == nil {
			queue = append(queue, a.solved(fn))
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
			out = append(out, a.solved(fn))
		}
	}
	return append(out, ctxs...)
}

// evidence collects, for each candidate guard of the package's fields, what
// the solved functions show of it: accesses with the lock held, writes, and
// writes where it may be released.
func (a *pkgAnalysis) evidence(funcs []*Func) map[*types.Var]*evidence {
	out := map[*types.Var]*evidence{}
	for _, f := range funcs {
		if !f.Complete || f.ignored() {
			continue
		}
		f.Walk(Visitor{Event: func(ev Event, st *State) {
			if ev.Field == nil || ev.Helper != nil || !ev.Effect.Has(bufmodel.Require) {
				return
			}
			e := out[ev.Field]
			if e == nil {
				e = &evidence{}
				out[ev.Field] = e
			}
			c := st.Guard(ev.Guard)
			held := c.S&(Held|ReadHeld) != 0 && c.S&(Released|Unknown) == 0
			if held {
				e.held++
			}
			if ev.Mode == bufmodel.Exclusive {
				e.writes++
				if ev.InPlace && c.S == Held {
					e.heldWrites++
				}
				if c.MayBe(Released) {
					e.unlocked++
				} else if _, entry := a.entryAcquirer(f, ev.Guard, ev.Field); entry && c.S == Unknown {
					e.unlocked++ // an exported method that callers call unlocked
				}
			}
		}})
	}
	return out
}

// sourceFuncs lists the package's functions with bodies, declared ones and
// their literals, in source order.
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
	return out
}

// solved returns fn analyzed as called by an unknown caller.
func (a *pkgAnalysis) solved(fn *ssa.Function) *Func {
	if f, ok := a.called[fn]; ok {
		return f
	}
	f := a.solveCalled(fn)
	a.called[fn] = f
	return f
}

// guardOf returns the guard of a field: found in this package's
// declarations, or imported as a fact; nil for a field nothing guards.
func (a *pkgAnalysis) guardOf(v *types.Var) *GuardFact {
	if g, ok := a.guards[v]; ok {
		return g
	}
	var g *GuardFact
	if v.Pkg() != nil && v.Pkg() != a.pass.Pkg {
		g = a.imported.guard(v)
	}
	a.guards[v] = g
	return g
}

// summary returns fn's LockFact: computed for functions of this package,
// imported for others; nil when fn does nothing to locks its caller can see.
func (a *pkgAnalysis) summary(fn *ssa.Function) *LockFact {
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if fn.Pkg != a.ssapkg || len(fn.Blocks) == 0 {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() == a.pass.Pkg {
			return nil
		}
		return a.imported.LockFact(obj.Origin())
	}
	if s, ok := a.summaries[fn]; ok {
		return s
	}
	if a.busy[fn] {
		return nil // recursion: the call is treated as doing nothing to locks
	}
	a.busy[fn] = true
	s := a.summarize(a.solved(fn))
	delete(a.busy, fn)
	if an := a.annotsOf(fn); an != nil && len(an.Retains) > 0 {
		// What the annotation declares, besides what the body shows.
		if s == nil {
			s = &LockFact{}
		}
		for _, r := range an.Retains {
			if !slices.ContainsFunc(s.Retains, func(x ParamRetain) bool { return x.Param == r.Param }) {
				s.Retains = append(s.Retains, r)
			}
		}
	}
	a.summaries[fn] = s
	return s
}

// summarize derives a function's LockFact from its analysis as called by an
// unknown caller, for locks reached from its parameters and free variables.
func (a *pkgAnalysis) summarize(f *Func) *LockFact {
	if !f.Complete {
		return nil
	}
	params := map[Key]*ParamLock{}
	var order []Key
	get := func(k Key) *ParamLock {
		if p, ok := params[k]; ok {
			return p
		}
		idx := paramIndex(f.Fn, k.Root)
		if idx < 0 {
			return nil
		}
		p := &ParamLock{Param: idx, Path: k.Path.Steps(), Name: a.Name(k)}
		if t := a.typeOf(k); t != nil && !bufmodel.IsLockType(t) {
			p.SelfGuarded = true
		}
		params[k] = p
		order = append(order, k)
		return p
	}
	// Locks its annotations name, and every guard the function changes,
	// before any return is seen: an early return may come first in block
	// order, and must still count.
	for _, k := range a.annotatedKeys(f) {
		if p := get(k); p != nil {
			p.Why = "its +checklocks annotation"
		}
	}
	ignored := f.ignored()
	fact := &LockFact{}
	reused := map[Key]int{} // index in fact.Reuses
	for _, evs := range f.allEvents() {
		for _, ev := range evs {
			if ev.Guard.Valid() && !ev.Go && (ev.Exit != 0 || ev.Evidence() != 0) {
				get(ev.Guard)
			}
			if r, ok := a.paramReuse(f, ev); ok {
				if i, seen := reused[ev.Data]; seen {
					fact.Reuses[i].GivesAway = fact.Reuses[i].GivesAway || r.GivesAway
				} else {
					reused[ev.Data] = len(fact.Reuses)
					fact.Reuses = append(fact.Reuses, r)
				}
			}
		}
	}
	dropped := map[Key]bool{}
	exit := map[Key]Status{} // the lock's states at the returns, as a set
	f.Walk(Visitor{
		Instr: func(instr ssa.Instruction, st *State) {
			if _, ok := instr.(*ssa.Return); ok {
				for _, k := range order {
					exit[k] |= st.Guard(k).S
				}
			}
		},
		Event: func(ev Event, st *State) {
			if !ev.Guard.Valid() || ev.Go {
				return
			}
			// A helper that needs the lock only because it releases it
			// first (its requirement names no access) is evidence of the
			// entry state, decided on every path by solveCalled; reached on
			// some paths only, it makes no requirement of its own.
			protocolOnly := ev.Helper != nil && ev.Helper.Why == ""
			if ev.Effect.Has(bufmodel.Require) && !ignored && !protocolOnly && st.Guard(ev.Guard).MayBe(Unknown) {
				if p := get(ev.Guard); p != nil {
					// A read needs the lock in either mode; a write needs it
					// exclusively, and names the requirement.
					if p.Entry == 0 {
						p.Entry, p.Why = ReadHeld, ev.Callee
					}
					if ev.Mode == bufmodel.Exclusive && !p.Exclusive {
						p.Entry, p.Why, p.Exclusive = Held, ev.Callee, true
					}
				}
			}
			if ev.Effect.Has(bufmodel.Release) || (ev.Helper != nil && ev.Effect.Has(bufmodel.Invalidate)) {
				dropped[ev.Guard] = true
			}
		},
	})
	for _, k := range order {
		p := params[k]
		entry := f.init.entry(k).S
		if entry == Held || entry == ReadHeld || entry == Released {
			p.Entry = entry
		}
		if entry == Held {
			p.Exclusive = true // it releases an exclusively held lock
		}
		if f.acquires[k] && entry&(Held|ReadHeld) == 0 {
			// The function takes the lock on some path: held at the call,
			// it would deadlock there. Accesses on other paths are not a
			// requirement then, and "unchanged" is "unlocked".
			entry, p.Entry, p.Exclusive, p.Why = Released, Released, false, ""
		}
		x := exit[k]
		if entry == Released && x&Unknown != 0 {
			x = x&^Unknown | Released
		}
		if x == 0 {
			x = entry // the function never returns
		}
		if x != entry {
			p.Exit = x // Unknown among them: unchanged on some path
		}
		p.Drops = p.Entry == Held && x == Held && dropped[k]
		if p.Entry != 0 || p.Exit != 0 || p.Drops {
			fact.Params = append(fact.Params, *p)
		}
	}
	fact.Retains = a.paramRetains(f)
	fact.Produces = a.paramProduce(f)
	if len(fact.Params) == 0 && len(fact.Reuses) == 0 && len(fact.Retains) == 0 && fact.Produces == nil {
		return nil
	}
	return fact
}

// paramProduce returns the buffer reached from a parameter whose storage
// f's result aliases on some path: a slice from a model row that pins it
// to its data (Peek, Bytes), returned.
func (a *pkgAnalysis) paramProduce(f *Func) *ParamProduce {
	for _, b := range f.Fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, res := range ret.Results {
			for _, src := range f.Sources(res) {
				p := f.pinOf(src)
				if p.kind != Data || p.self {
					continue
				}
				if param, ok := p.key.Root.(*ssa.Parameter); ok {
					if i := indexOf(f.Fn.Params, param); i >= 0 {
						return &ParamProduce{Param: i, Path: p.key.Path.Steps(), Name: a.Name(p.key)}
					}
				}
			}
		}
	}
	return nil
}

// paramReuse returns what ev, an event of f as called by an unknown
// caller, says of a buffer reached from one of f's parameters or free
// variables: that f may reuse it (Reset, a read into it, Put), on the path
// of ev. Reuses by a goroutine f starts are the goroutine's.
func (a *pkgAnalysis) paramReuse(f *Func, ev Event) (ParamReuse, bool) {
	if ev.Go || !ev.Data.Valid() || !ev.Effect.Has(bufmodel.Reuse) {
		return ParamReuse{}, false
	}
	idx := paramIndex(f.Fn, ev.Data.Root)
	if idx < 0 {
		return ParamReuse{}, false
	}
	via := ev.Method
	if ev.Helper != nil || ev.ByCall {
		via = ev.Callee
	}
	return ParamReuse{Param: idx, Path: ev.Data.Path.Steps(), Name: a.Name(ev.Data), Via: via, GivesAway: ev.GivesAway}, true
}

// paramIndex returns the index of root among fn's parameters (receiver
// first), then its free variables, as facts number them; -1 for another
// value.
func paramIndex(fn *ssa.Function, root ssa.Value) int {
	switch r := root.(type) {
	case *ssa.Parameter:
		return indexOf(fn.Params, r)
	case *ssa.FreeVar:
		if i := indexOf(fn.FreeVars, r); i >= 0 {
			return numParams(fn) + i
		}
	}
	return -1
}

func indexOf[T comparable](s []T, x T) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

// Name renders a key as the source expression it stands for, such as "b",
// "s.buf" or "bufs[0]", for messages.
func (r *Result) Name(k Key) string { return r.analysis().Name(k) }

// NameOr is like Name, but uses fallback for a value with no name of its own.
func (r *Result) NameOr(k Key, fallback string) string {
	if k.Valid() && k.Path.Empty() {
		if name := r.analysis().rootName(k.Root); name != "" {
			return name
		}
		return fallback
	}
	return r.analysis().Name(k)
}

// Name renders a key; see Result.Name.
func (a *pkgAnalysis) Name(k Key) string {
	if !k.Valid() {
		return "the buffer"
	}
	name, _ := a.walkKey(k)
	return name
}

// typeOf returns the type of the value k names, or nil.
func (a *pkgAnalysis) typeOf(k Key) types.Type {
	if !k.Valid() {
		return nil
	}
	_, t := a.walkKey(k)
	return t
}

// walkKey renders k's root and steps as a source expression, and returns
// the type of the value it names (nil when a step does not fit the type).
func (a *pkgAnalysis) walkKey(k Key) (string, types.Type) {
	name, t := a.rootName(k.Root), k.Root.Type()
	if name == "" {
		name = "the buffer"
	}
	for _, s := range k.Path.Steps() {
		if t == nil {
			break
		}
		switch s.Op {
		case Load:
			t = pointee(t)
		case FieldAddr, Field:
			st := t
			if s.Op == FieldAddr {
				st = pointee(t)
			}
			str, ok := st.Underlying().(*types.Struct)
			if !ok || s.Index >= str.NumFields() {
				t = nil
				continue
			}
			name += "." + str.Field(s.Index).Name()
			t = str.Field(s.Index).Type()
			if s.Op == FieldAddr {
				t = types.NewPointer(t)
			}
		case Elem:
			name += "[" + strconv.Itoa(s.Index) + "]"
			switch u := t.Underlying().(type) {
			case *types.Slice:
				t = types.NewPointer(u.Elem())
			case *types.Array:
				t = u.Elem()
			case *types.Pointer:
				if arr, ok := u.Elem().Underlying().(*types.Array); ok {
					t = types.NewPointer(arr.Elem())
				} else {
					t = nil
				}
			default:
				t = nil
			}
		}
	}
	return name, t
}

// pointee returns what t points to, or t itself.
func pointee(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// rootName names a root value: a parameter, free variable or global by its
// name, a local variable by the name it was assigned to in the source.
func (a *pkgAnalysis) rootName(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return v.Name()
	case *ssa.Phi:
		if v.Comment != "" {
			return v.Comment // the variable the phi merges
		}
	case *ssa.Alloc:
		switch v.Comment {
		case "", "complit", "makeslice", "slicelit", "varargs", "new":
			// what made it, not a variable: the assignment names it
		default:
			return v.Comment
		}
	case *ssa.Extract:
		return a.assignedName(v.Tuple.Pos()) // v, ok := <-ch; for v := range ch
	}
	return a.assignedName(v.Pos())
}

// assignedName finds the variable that the expression at pos is assigned to
// ("b := buffer.New(8)" names the call "b").
func (a *pkgAnalysis) assignedName(pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	for _, file := range a.pass.Files {
		if file.FileStart > pos || pos > file.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(file, pos, pos)
		for _, n := range path {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
					// p, err := r.Peek(n): the first result is the data.
					if id, ok := n.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
						return id.Name
					}
					return ""
				}
				if len(n.Lhs) == len(n.Rhs) {
					for i, rhs := range n.Rhs {
						if rhs.Pos() <= pos && pos < rhs.End() {
							if id, ok := n.Lhs[i].(*ast.Ident); ok {
								return id.Name
							}
						}
					}
				}
				return ""
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, val := range n.Values {
						if val.Pos() <= pos && pos < val.End() {
							return n.Names[i].Name
						}
					}
				}
				return ""
			case *ast.RangeStmt:
				// The value received or indexed by "for k, v := range x".
				if pos < n.Body.Pos() {
					id, _ := n.Value.(*ast.Ident)
					if _, isChan := a.pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan); isChan || id == nil {
						id, _ = n.Key.(*ast.Ident)
					}
					if id != nil {
						return id.Name
					}
				}
				return ""
			case *ast.FuncDecl, *ast.FuncLit:
				return ""
			}
		}
	}
	return ""
}
