package unguarded

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/internal/checkdoc"
	"github.com/buflint/buflint/passes/lockregion"
)

//go:embed doc.go
var doc string

// Analyzer is the unguarded analyzer; see the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:     "unguarded",
	Doc:      checkdoc.MustExtract(doc, "unguarded"),
	URL:      "https://github.com/buflint/buflint/tree/main/passes/unguarded",
	Requires: []*analysis.Analyzer{lockregion.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res, r := lockregion.ForPass(pass)
	for _, b := range res.BadAnnotations {
		if b.Retains {
			continue // unpinned's
		}
		r.Report(analysis.Diagnostic{
			Pos:      b.Pos,
			Category: rules.UnguardedAnnot,
			Message:  fmt.Sprintf("unguarded: %s names no lock: %s; %s", b.Text, b.Why, fixAnnotation(b)),
		})
	}
	for f := range res.Solved() {
		f.Walk(lockregion.Visitor{Event: func(ev lockregion.Event, st *lockregion.State) {
			check(r, res, f, ev, st)
		}})
	}
	r.Finish()
	return nil, nil
}

func check(r *lockregion.Reporter, res *lockregion.Result, f *lockregion.Func, ev lockregion.Event, st *lockregion.State) {
	// Invalidating methods that require the guard are the resize check's.
	if !ev.Guard.Valid() || !ev.Effect.Has(bufmodel.Require) || (ev.Helper == nil && ev.Effect.Has(bufmodel.Invalidate)) {
		return
	}
	if ev.Helper != nil && ev.Literal {
		return // the literal is analyzed in the caller's context: found inside
	}
	name := res.Name(ev.Guard)
	if ev.Go && ev.Helper != nil && ev.Helper.Why == "" && res.IsLock(ev.Guard) {
		// The helper needs the mutex only because it unlocks it: handing
		// the unlocking of a sync.Mutex to another goroutine is allowed.
		return
	}
	if ev.Go {
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedGo,
			Message: fmt.Sprintf("unguarded: %s needs %s locked%s, but it is started as a goroutine, which does not hold its caller's lock; lock %s inside it, or call it before going concurrent",
				ev.Callee, name, why(ev), name),
			Related: helperDecl(ev),
		})
		return
	}
	c := st.Guard(ev.Guard)
	if g := res.GuardOf(ev.Field); ev.Field != nil && g != nil && g.How == lockregion.ByReadLock {
		changedReadLocked(r, f, ev, c, st, name)
		return
	}
	if st.JoinedOnEveryPath() && res.IsLock(ev.Guard) {
		// Data a mutex guards, read after waiting for the goroutines
		// that wrote it, may have been handed over by that wait.
		return
	}
	if ownerRead(res, ev, c) || !directlyReleased(res, ev, c, st) {
		return
	}
	switch {
	case c.MayBe(lockregion.Released):
		reportReleased(r, res, ev, c, name)
	case ev.Mode == bufmodel.Exclusive && c.MayBe(lockregion.ReadHeld):
		some := ""
		if c.MayBe(lockregion.Held) {
			some = " on some path"
		}
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedShared,
			Message: fmt.Sprintf("unguarded: %s while %s is held only for reading%s (RLock): it changes guarded data, so goroutines holding the read lock at the same time race with it; take %s.Lock() instead",
				ev.Access, name, some, name),
		})
	case ev.Field != nil && ev.Helper == nil && c.S == lockregion.Unknown:
		acquirer, ok := res.EntryAcquirer(f, ev.Guard, ev.Field)
		if !ok {
			return // a requirement: the function's fact says callers hold the lock
		}
		method := res.FuncName(f.Fn)
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedEntry,
			Message: fmt.Sprintf("unguarded: %s without holding %s in exported method %s; %s guards %s and %s takes it, so callers cannot hold it for this method: lock %s here (or rename it ...Locked if every caller holds the lock)",
				ev.Access, name, method, name, ev.Field.Name(), res.FuncName(acquirer), name),
			Related: []analysis.RelatedInformation{{Pos: acquirer.Pos(), Message: res.FuncName(acquirer) + " locks " + name}},
		})
	}
}

// changedReadLocked reports ev, a change of a field whose guard is known
// only from changes made holding it for reading (ByReadLock), where the
// function took that lock for reading itself and holds no other lock
// exclusively. Nothing else is checked of such a guard.
func changedReadLocked(r *lockregion.Reporter, f *lockregion.Func, ev lockregion.Event, c lockregion.Cell, st *lockregion.State, name string) {
	if ev.Helper != nil || ev.Mode != bufmodel.Exclusive || c.S != lockregion.ReadHeld || !f.Acquires(ev.Guard) || st.HeldExclusivelyBeside(ev.Guard) {
		return
	}
	if !r.FirstOnLine(ev.Pos, "read-locked "+ev.Field.Name()) {
		return
	}
	r.Report(analysis.Diagnostic{
		Pos:      ev.Pos,
		Category: rules.UnguardedShared,
		Message: fmt.Sprintf("unguarded: %s while %s is held only for reading (RLock), which other goroutines may hold at the same time to run this same code: the change races with theirs; take %s.Lock() instead",
			ev.Access, name, name),
	})
}

// reportReleased reports ev, which needs the guard name held, where the
// guard may be released (c).
func reportReleased(r *lockregion.Reporter, res *lockregion.Result, ev lockregion.Event, c lockregion.Cell, name string) {
	released := r.ReleaseSite(c, res.LockName(ev.Guard))
	switch {
	case ev.Helper != nil:
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedHelper,
			Message: fmt.Sprintf("unguarded: call to %s needs %s locked%s, but %s; call it while holding the lock",
				ev.Callee, name, why(ev), r.LockState(c, ev.Guard, ev.Pos)),
			Related: append(released, helperDecl(ev)...),
		})
	case ev.Field != nil:
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedAccess,
			Message: fmt.Sprintf("unguarded: %s while %s; %s guards %s (%s): access it only while holding the lock",
				ev.Access, r.LockState(c, ev.Guard, ev.Pos), name, ev.Field.Name(), guardReason(res, ev)),
			Related: released,
		})
	default:
		r.Report(analysis.Diagnostic{
			Pos:      ev.Pos,
			Category: rules.UnguardedAccess,
			Message: fmt.Sprintf("unguarded: %s while %s; call it while holding the lock, before %s.Unlock(), and use the result afterwards",
				ev.Access, r.LockState(c, ev.Guard, ev.Pos), name),
			Related: released,
		})
	}
}

// why says which accessor or helper made a helper require the lock.
func why(ev lockregion.Event) string {
	if ev.Helper == nil || ev.Helper.Why == "" {
		return ""
	}
	return " (it calls " + ev.Helper.Why + ")"
}

// guardReason says why the field of ev is taken to be guarded.
func guardReason(res *lockregion.Result, ev lockregion.Event) string {
	g := res.GuardOf(ev.Field)
	if g == nil {
		return "as declared in its package"
	}
	switch g.How {
	case lockregion.ByAnnotation:
		return "as annotated"
	case lockregion.ByComment:
		return "as its comment says"
	case lockregion.ByUse:
		return "every write to it holds the lock"
	}
	return "declared below it"
}

// ownerRead reports whether ev reads a field whose guard was inferred (by
// convention or use) for a value that is not a buffer, in a function that
// never locks the guard itself and is entered without it only because a
// call it makes takes it, or in a goroutine the owner starts. Go code
// often lets the one goroutine that writes such a field, under the lock,
// read it without, and orders the goroutines it starts by channels (a
// server that waits for its handlers before it clears their listeners):
// a read in a function that takes part in the locking itself is
// reported, these are not.
func ownerRead(res *lockregion.Result, ev lockregion.Event, c lockregion.Cell) bool {
	if ev.Field == nil || ev.Mode == bufmodel.Exclusive || (c.Why != lockregion.ByEntryCall && c.Why != lockregion.ByGo) || bufmodel.IsBufferType(ev.Field.Type()) {
		return false
	}
	g := res.GuardOf(ev.Field)
	return g != nil && (g.How == lockregion.ByConvention || g.How == lockregion.ByUse)
}

// directlyReleased reports whether ev may be reported as far as its guard
// is concerned: for a field that is not a buffer, whose guard was inferred
// (by the convention or use), only where the function itself released the
// lock (an Unlock, on some path) or takes it later (not locked yet), and
// holds no other lock of the same struct. What a
// helper's fact says it may leave unlocked (a lock taken on a branch its
// caller decides), and the entry points of a type, are left to fields a
// comment declares or whose storage the lock guards: for a count or a flag
// inferred from the code alone, they are guesses.
func directlyReleased(res *lockregion.Result, ev lockregion.Event, c lockregion.Cell, st *lockregion.State) bool {
	if ev.Field == nil || bufmodel.IsBufferType(ev.Field.Type()) {
		return true
	}
	g := res.GuardOf(ev.Field)
	if g == nil || (g.How != lockregion.ByConvention && g.How != lockregion.ByUse) {
		return true
	}
	// Another lock of the struct, held here, may be the field's guard
	// (the group a lock heads in the source is not always what it guards:
	// nats' inMonitor sits below monitorMu and is guarded by mu).
	return c.MayBe(lockregion.Released) && (c.Why == lockregion.ByUnlock || c.Why == lockregion.ByEntry) && !st.HeldBeside(ev.Guard)
}

// helperDecl points at the declaration of the helper an event calls.
func helperDecl(ev lockregion.Event) []analysis.RelatedInformation {
	if !ev.HelperPos.IsValid() {
		return nil
	}
	msg := ev.Callee + " is declared here"
	if ev.Helper.Why != "" {
		msg = ev.Callee + ", which calls " + ev.Helper.Why + ", is declared here"
	}
	return []analysis.RelatedInformation{{Pos: ev.HelperPos, Message: msg}}
}

// fixAnnotation says how to write the annotation b got wrong.
func fixAnnotation(b lockregion.BadAnnotation) string {
	if b.OnFunc {
		return "name a sync.Mutex or sync.RWMutex reached from a parameter, as in +checklocks:s.mu"
	}
	return "name a sync.Mutex or sync.RWMutex field of the struct"
}
