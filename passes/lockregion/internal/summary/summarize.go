package summary

import (
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// summarize derives a function's LockFact from its analysis as called by an
// unknown caller, for locks reached from its parameters and free variables.
func summarize(df *dataflow.Package, f *dataflow.Func) *facts.LockFact {
	if !f.Complete {
		return nil
	}
	ls := &lockParams{df: df, f: f, params: map[dataflow.Key]*facts.ParamLock{}}
	// Locks its annotations name, and every guard the function changes,
	// before any return is seen: an early return may come first in block
	// order, and must still count.
	for _, k := range df.AnnotatedKeys(f) {
		if p := ls.get(k); p != nil {
			p.Why = "its +checklocks annotation"
		}
	}
	fact := &facts.LockFact{Reuses: ls.changedAndReused()}
	exit, dropped := ls.requirements()
	fact.Params = ls.finish(exit, dropped)
	fact.Retains = lentOn(f.KeptParams(), borrowed(f))
	fact.Produces = f.ProducedParam()
	fact.Passes = f.PassedParams()
	fact.Addresses = df.ParamAddresses(f.Fn)
	fact.Entry = f.EntryResult()
	if len(fact.Params) == 0 && len(fact.Reuses) == 0 && len(fact.Retains) == 0 && fact.Produces == nil && len(fact.Passes) == 0 && len(fact.Addresses) == 0 && fact.Entry == nil {
		return nil
	}
	return fact
}

// lockParams collects a function's facts about the locks reached from its
// parameters, in the order they are first met.
type lockParams struct {
	df     *dataflow.Package
	f      *dataflow.Func
	params map[dataflow.Key]*facts.ParamLock
	order  []dataflow.Key
}

// get returns the fact being built for the lock k, or nil when k is not
// reached from a parameter or free variable.
func (ls *lockParams) get(k dataflow.Key) *facts.ParamLock {
	if p, ok := ls.params[k]; ok {
		return p
	}
	idx := dataflow.ParamIndex(ls.f.Fn, k.Root)
	if idx < 0 {
		return nil
	}
	p := &facts.ParamLock{Param: idx, Path: k.Path.Steps(), Name: ls.df.Name(k)}
	if t := ls.df.TypeOf(k); t != nil && !bufmodel.IsLockType(t) {
		p.SelfGuarded = true
	}
	ls.params[k] = p
	ls.order = append(ls.order, k)
	return p
}

// changedAndReused notes every guard the function changes or shows
// evidence of, and returns the buffers reached from parameters that it
// reuses, each once.
func (ls *lockParams) changedAndReused() []facts.ParamReuse {
	var reuses []facts.ParamReuse
	reused := map[dataflow.Key]int{} // index in reuses
	for evs := range ls.f.AllEvents() {
		for _, ev := range evs {
			if ev.Guard.Valid() && !ev.Go && (ev.Exit != 0 || ev.Evidence() != 0) {
				ls.get(ev.Guard)
			}
			if r, ok := ls.f.ParamReuse(ev); ok {
				if i, seen := reused[ev.Data]; seen {
					reuses[i].GivesAway = reuses[i].GivesAway || r.GivesAway
				} else {
					reused[ev.Data] = len(reuses)
					reuses = append(reuses, r)
				}
			}
		}
	}
	return reuses
}

// requirements replays the function and records what it requires of each
// lock where its state is as on entry, the states each lock is in at the
// returns, and the locks it drops.
func (ls *lockParams) requirements() (exit map[dataflow.Key]facts.Status, dropped map[dataflow.Key]bool) {
	ignored := ls.f.Ignored()
	exit = map[dataflow.Key]facts.Status{} // the lock's states at the returns, as a set
	dropped = map[dataflow.Key]bool{}
	ls.f.Walk(dataflow.Visitor{
		Instr: func(instr ssa.Instruction, st *dataflow.State) {
			if _, ok := instr.(*ssa.Return); ok {
				for _, k := range ls.order {
					exit[k] |= st.Guard(k).S
				}
			}
		},
		Event: func(ev dataflow.Event, st *dataflow.State) {
			if !ev.Guard.Valid() || ev.Go {
				return
			}
			// A helper that needs the lock only because it releases it
			// first (its requirement names no access) is evidence of the
			// entry state, decided on every path by solveCalled; reached on
			// some paths only, it makes no requirement of its own.
			protocolOnly := ev.Helper != nil && ev.Helper.Why == ""
			if ev.Effect.Has(bufmodel.Require) && !ignored && !protocolOnly && !ls.inferredScalar(ev) && st.Guard(ev.Guard).MayBe(facts.Unknown) {
				if p := ls.get(ev.Guard); p != nil {
					// A read needs the lock in either mode; a write needs it
					// exclusively, and names the requirement.
					if p.Entry == 0 {
						p.Entry, p.Why = facts.ReadHeld, ev.Callee
					}
					if ev.Mode == bufmodel.Exclusive && !p.Exclusive {
						p.Entry, p.Why, p.Exclusive = facts.Held, ev.Callee, true
					}
				}
			}
			if ev.Effect.Has(bufmodel.Release) || (ev.Helper != nil && ev.Effect.Has(bufmodel.Invalidate)) {
				dropped[ev.Guard] = true
			}
		},
	})
	return exit, dropped
}

// finish settles each lock's entry and exit states from the solved entry
// state and the states at the returns, and returns the locks the function
// says something of.
func (ls *lockParams) finish(exit map[dataflow.Key]facts.Status, dropped map[dataflow.Key]bool) []facts.ParamLock {
	var out []facts.ParamLock
	for _, k := range ls.order {
		p := ls.params[k]
		entry := ls.f.EntryState(k).S
		if entry == facts.Held || entry == facts.ReadHeld || entry == facts.Released {
			p.Entry = entry
		}
		if entry == facts.Held {
			p.Exclusive = true // it releases an exclusively held lock
		}
		if ls.f.Acquires(k) && entry&(facts.Held|facts.ReadHeld) == 0 {
			// The function takes the lock on some path: held at the call,
			// it would deadlock there. Accesses on other paths are not a
			// requirement then, and "unchanged" is "unlocked".
			entry, p.Entry, p.Exclusive, p.Why = facts.Released, facts.Released, false, ""
		}
		x := exit[k]
		if entry == facts.Released && x&facts.Unknown != 0 {
			x = x&^facts.Unknown | facts.Released
		}
		if x == 0 {
			x = entry // the function never returns
		}
		if x != entry {
			p.Exit = x // Unknown among them: unchanged on some path
		}
		p.Drops = p.Entry == facts.Held && x == facts.Held && dropped[k]
		if p.Entry != 0 || p.Exit != 0 || p.Drops {
			out = append(out, *p)
		}
	}
	return out
}

// borrowed returns the []byte parameters that a goroutine or a channel's
// receiver may still use when f returns, on some path: f keeps them, as
// a function that stores them does, beyond every parameter.
func borrowed(f *dataflow.Func) []facts.ParamRetain {
	var out []facts.ParamRetain
	f.Walk(dataflow.Visitor{Instr: func(instr ssa.Instruction, st *dataflow.State) {
		if _, ok := instr.(*ssa.Return); !ok {
			return
		}
		st.Each(dataflow.Shared, func(k dataflow.Key, c dataflow.Cell) {
			p, ok := k.Root.(*ssa.Parameter)
			if !ok || !k.Path.Empty() || !c.MayBe(facts.Held) {
				return
			}
			i := slices.Index(f.Fn.Params, p)
			if i >= 0 && !slices.ContainsFunc(out, func(r facts.ParamRetain) bool { return r.Param == i }) {
				out = append(out, facts.ParamRetain{Param: i, Into: -1, Name: p.Name(), Lent: true})
			}
		})
	}})
	slices.SortFunc(out, func(a, b facts.ParamRetain) int { return a.Param - b.Param })
	return out
}

// lentOn merges the parameters a function keeps and those it lends to a
// goroutine or a channel: one kept and lent (sent on a channel of the
// receiver's, and returned from on a timeout) is both.
func lentOn(kept, lent []facts.ParamRetain) []facts.ParamRetain {
	for _, l := range lent {
		if i := slices.IndexFunc(kept, func(r facts.ParamRetain) bool { return r.Param == l.Param }); i >= 0 {
			kept[i].Lent = true
			continue
		}
		kept = append(kept, l)
	}
	return kept
}

// inferredScalar reports whether ev accesses a field that is not a buffer
// and whose guard was inferred (by a comment held to evidence, or the
// convention): such an access found where the lock's state is unknown
// makes no requirement for callers. Those guards are checked where the
// function itself takes or drops the lock; carried into callers, a key
// path that names the lock through another path to the same object
// would make requirements no caller can see it meets.
func (ls *lockParams) inferredScalar(ev dataflow.Event) bool {
	if ev.Field == nil || bufmodel.IsBufferType(ev.Field.Type()) {
		return false
	}
	g := ls.df.KnownGuard(ev.Field)
	return g != nil && g.How != facts.ByAnnotation
}
