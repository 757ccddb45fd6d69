package summary

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// Confirm keeps the candidate guards of the package's fields that its
// solved functions bear out (see confirm), and reports whether every
// candidate dropped went unaccessed: then an analysis with only the
// confirmed guards would be the same as the one solved with them all.
func (s *Summaries) Confirm(cands map[*types.Var]*facts.GuardFact, funcs []*dataflow.Func, atomic, published func(*types.Var) bool) (map[*types.Var]*facts.GuardFact, bool) {
	ev := s.evidence(funcs)
	guards := confirm(cands, ev, atomic, published)
	same := true
	for v, g := range cands {
		if (guards[v] == nil || guards[v].How != g.How) && ev[v] != nil {
			same = false // dropped, or kept for what a read lock shows only
		}
	}
	return guards, same
}

// evidence is what the package's code shows of one candidate guard.
type evidence struct {
	held       int // accesses made with the guard held on every path
	writes     int // writes, outside objects not yet shared
	heldWrites int // in-place writes made with the guard held exclusively on every path
	// heldEntryWrites are changes in place of what the field holds (a
	// map's entries, an entry's field, its pointer's target) made with the
	// guard held exclusively: evidence for a comment's declaration only.
	heldEntryWrites int
	heldStores      int // writes of any kind made with the guard held exclusively on every path
	unlocked        int // writes made where the guard may be released
	// readLocked are the writes made holding the guard only for reading
	// on every path, in a function that takes it itself and holds no other
	// lock exclusively (which may be the field's guard).
	readLocked int
	// accessedIn are the functions that access the field; writtenIn those
	// that write it, and storedIn those that write it holding the guard
	// exclusively; readOutside those that read it where the guard may be
	// released, or is not taken yet.
	accessedIn, writtenIn, storedIn, readOutside map[*ssa.Function]bool
}

func (e *evidence) note(set *map[*ssa.Function]bool, fn *ssa.Function) {
	if *set == nil {
		*set = map[*ssa.Function]bool{}
	}
	(*set)[fn] = true
}

// confirm keeps the candidate guards that the code bears out. An
// annotation is trusted as written. A comment that names the lock (on the
// field, or on the lock: "mu guards the following") needs the field
// written somewhere after its object is shared (a field only constructors
// write is immutable, and reading it needs no lock) and accessed once with
// the lock held. The convention and use need, for a buffer, its storage
// changed in place (appended to, resliced, its elements or contents
// written) with the lock held exclusively: a buffer reused under the lock,
// not a value assigned once under it and read-only afterwards, as lazily
// initialized tables are. Use also needs no write of a buffer where the
// lock may be released.
//
// A field of another type (a count, an error, flags) is never guarded
// when it is handed to sync/atomic. Beyond that:
//   - declared by a comment, or in a group published through an atomic
//     field (double-checked locking: "state_ must only be accessed
//     atomically or when mu is held"), its own value must change under
//     the lock (s.n++, append): a value set once and read lock-free after
//     an atomic check, a first pass or a channel is not;
//   - by the convention or use, it must be written with the lock held
//     (a pointer, map or slice: changed in place), accessed in two
//     functions at least (its lock is how the type shares it), and never
//     written where the lock may be released;
//   - a field that is not a buffer, changed holding the lock only for
//     reading, in a function that takes the lock itself and holds no
//     other lock exclusively, and not handed to sync/atomic, keeps a
//     guard for those changes alone (ByReadLock) when the code bears out
//     nothing more: the candidate proposed for that shape, or one of the
//     rules above;
//   - whatever declared it, when one function writes it under the lock,
//     other writes are in what that function calls (an initializer run by
//     sync.Once), and the only reads without the lock are its own, it is
//     that function's own value (set once on a first pass and read back,
//     or serialized by other means), and the guard is not kept.
func confirm(cands map[*types.Var]*facts.GuardFact, ev map[*types.Var]*evidence, atomic, published func(*types.Var) bool) map[*types.Var]*facts.GuardFact {
	out := map[*types.Var]*facts.GuardFact{}
	for v, g := range cands {
		e := ev[v]
		if e == nil {
			e = &evidence{}
		}
		if !borneOut(v, g, e, atomic, published) {
			if g.How != facts.ByAnnotation && e.readLocked > 0 && !atomic(v) && !bufmodel.IsBufferType(v.Type()) {
				// Changed under a read lock: kept for those changes alone,
				// when the code does not bear out more.
				out[v] = &facts.GuardFact{Path: g.Path, Lock: g.Lock, How: facts.ByReadLock}
			}
			continue
		}
		out[v] = g
	}
	return out
}

// borneOut reports whether the evidence e bears out the candidate guard g
// of v as it was proposed; see confirm. A guard proposed for changes made
// under a read lock is kept, or not, for those alone.
func borneOut(v *types.Var, g *facts.GuardFact, e *evidence, atomic, published func(*types.Var) bool) bool {
	switch {
	case g.How == facts.ByAnnotation:
		return true
	case g.How == facts.ByReadLock:
		return false
	case !bufmodel.IsBufferType(v.Type()):
		return valueGuarded(v, g, e, atomic(v), published(v))
	case g.How == facts.ByComment:
		return e.writes > 0 && e.held > 0
	case g.How == facts.ByConvention:
		return e.heldWrites > 0
	}
	return e.heldWrites > 0 && e.unlocked == 0 // ByUse
}

// valueGuarded reports whether the evidence e bears out the guard g of a
// field that is not a buffer; see confirm.
func valueGuarded(v *types.Var, g *facts.GuardFact, e *evidence, atomic, published bool) bool {
	switch {
	case atomic:
		return false
	case published:
		return e.heldWrites > 0
	case ownValue(e):
		return false
	case g.How == facts.ByComment:
		// English names the lock; the code must show the value changed
		// in place under it, or what it holds (the entries of a map, the
		// target of a pointer): a value set once and published (an error,
		// a lazily made table, a flag, settings a second lock also guards)
		// is read lock-free by design too often.
		return e.heldWrites+e.heldEntryWrites > 0
	case !bufmodel.IsScalar(v.Type()):
		// A pointer, map or slice swapped whole under the lock is most
		// often made once and read lock-free after (a pipe, a cluster
		// state): the convention needs it changed in place.
		return e.heldWrites > 0 && len(e.accessedIn) >= 2 && e.unlocked == 0
	}
	return e.heldStores > 0 && len(e.accessedIn) >= 2 && e.unlocked == 0
}

// ownValue reports whether the field e is the evidence of is one
// function's own value: it alone writes it under the lock, other writes
// are in functions it calls or hands to a call (once.Do(c.init)), and it
// alone reads it without the lock.
func ownValue(e *evidence) bool {
	if len(e.readOutside) == 0 || len(e.storedIn) != 1 || !subset(e.readOutside, e.storedIn) {
		return false
	}
	var owner *ssa.Function
	for fn := range e.storedIn {
		owner = fn
	}
	for fn := range e.writtenIn {
		if fn != owner && !refers(owner, fn) {
			return false
		}
	}
	return true
}

// refers reports whether f calls g or hands it on as a value (a method
// value c.init is a bound wrapper of g).
func refers(f, g *ssa.Function) bool {
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			for _, op := range instr.Operands(nil) {
				if op == nil {
					continue
				}
				if fn, ok := (*op).(*ssa.Function); ok && (fn == g || fn.Synthetic != "" && fn.Object() != nil && fn.Object() == g.Object()) {
					return true
				}
			}
		}
	}
	return false
}

func subset(a, b map[*ssa.Function]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// evidence collects, for each candidate guard of the package's fields, what
// the solved functions show of it: accesses with the lock held, writes, and
// writes where it may be released.
func (s *Summaries) evidence(funcs []*dataflow.Func) map[*types.Var]*evidence {
	out := map[*types.Var]*evidence{}
	for _, f := range funcs {
		if !f.Complete || f.Ignored() {
			continue
		}
		f.Walk(dataflow.Visitor{Event: func(ev dataflow.Event, st *dataflow.State) {
			if ev.Field == nil || ev.Helper != nil || !ev.Effect.Has(bufmodel.Require) {
				return
			}
			e := out[ev.Field]
			if e == nil {
				e = &evidence{}
				out[ev.Field] = e
			}
			c := st.Guard(ev.Guard)
			held := c.S&(facts.Held|facts.ReadHeld) != 0 && c.S&(facts.Released|facts.Unknown) == 0
			if held {
				e.held++
			}
			e.note(&e.accessedIn, f.Fn)
			if ev.ContentsOnly && ev.InPlace && c.S == facts.Held {
				e.heldEntryWrites++
			}
			_, entry := s.EntryAcquirer(f, ev.Guard, ev.Field)
			outside := c.MayBe(facts.Released) || (entry && c.S == facts.Unknown)
			if ev.Mode == bufmodel.Exclusive {
				e.writes++
				e.note(&e.writtenIn, f.Fn)
				if c.S == facts.Held {
					e.heldStores++
					e.note(&e.storedIn, f.Fn)
				}
				if ev.InPlace && !ev.ContentsOnly && c.S == facts.Held {
					e.heldWrites++
				}
				if outside {
					e.unlocked++ // (an exported method that callers call unlocked)
				}
				if c.S == facts.ReadHeld && f.Acquires(ev.Guard) && !st.HeldExclusivelyBeside(ev.Guard) {
					e.readLocked++
				}
			} else if outside {
				e.note(&e.readOutside, f.Fn)
			}
		}})
	}
	return out
}

// EntryAcquirer reports whether f is an entry point for the guard k of the
// field fld it accesses without taking k: an exported method, reached by
// callers outside the package who cannot take the guard (an unexported
// lock reached from the receiver), not named ...Locked, of a type another
// of whose methods takes k itself, which shows the type is meant for
// concurrent use under k. It returns that method, the first by name so
// that messages do not depend on map order.
func (s *Summaries) EntryAcquirer(f *dataflow.Func, k dataflow.Key, fld *types.Var) (*ssa.Function, bool) {
	obj, ok := f.Fn.Object().(*types.Func)
	recv := f.Fn.Signature.Recv()
	if !ok || f.Start != dataflow.Called || !obj.Exported() || recv == nil || len(f.Fn.Params) == 0 ||
		k.Root != f.Fn.Params[0] || strings.HasSuffix(obj.Name(), "Locked") {
		return nil, false
	}
	g := s.DF.GuardOf(fld)
	if g == nil || token.IsExported(g.Lock[strings.LastIndexByte(g.Lock, '.')+1:]) {
		return nil, false
	}
	named := namedType(recv.Type())
	steps := k.Path.Steps()
	var best *ssa.Function
	for fn, fact := range s.sums {
		if fact == nil || fn == f.Fn || fn.Signature.Recv() == nil || namedType(fn.Signature.Recv().Type()) != named {
			continue
		}
		for _, p := range fact.Params {
			if p.Param == 0 && p.Entry == facts.Released && slices.Equal(p.Path, steps) &&
				(best == nil || s.DF.FuncName(fn) < s.DF.FuncName(best)) {
				best = fn
			}
		}
	}
	return best, best != nil
}

// namedType returns the named type t is or points to.
func namedType(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}
