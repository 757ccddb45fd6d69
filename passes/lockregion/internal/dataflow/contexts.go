package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file decides the entry states of a function as called by an unknown
// caller, and solves the function literals it calls in place, defers,
// runs as loop bodies or starts as goroutines, in their caller's state.

// unknownEntry is the entry state of a function about whose callers nothing
// is known.
func unknownEntry(Key) Cell { return Cell{S: Unknown} }

// solveCalled analyzes fn as entered by an unknown caller. A first pass, with
// every lock in an unknown state, finds each lock's first operation on every
// path: if it is always Lock the function is entered with the lock released,
// if always Unlock, held. A second pass solves with those entry states.
//
// A function that takes a lock itself with a blocking Lock or RLock on
// some path cannot be entered holding it: sync.Mutex is not reentrant,
// and RWMutex forbids recursive read locking. So when no path releases
// the lock first, it is entered released even if some paths return
// without touching it. (A helper's fact is weaker evidence: the helper
// may take the lock through another path to the same object, which keys
// cannot tell apart; it decides only when every path calls it.)
func (a *Package) solveCalled(fn *ssa.Function) *Func {
	f := a.newFunc(fn, Called, nil, token.NoPos, nil, nil)
	f.init = newState(unknownEntry)
	f.solve()
	decided := entryEvidenceOf(f).decide(f)
	// An annotation says what callers guarantee, whatever the body does.
	if fa := a.AnnotsOf(fn); fa != nil {
		for _, an := range fa.Locks {
			if an.Param < len(fn.Params) {
				k := Key{fn.Params[an.Param], PathOf(an.Path)}
				decided[k] = Cell{S: an.Entry, At: fn.Pos(), Why: ByEntry}
			}
		}
	}
	if len(decided) > 0 {
		f.init = newState(func(k Key) Cell {
			if c, ok := decided[k]; ok {
				return c
			}
			return Cell{S: Unknown}
		})
		f.solve()
	}
	return f
}

// entryEvidence is what a function solved from an unknown entry shows of
// the state each lock it touches must be in when it is entered.
type entryEvidence struct {
	cells    map[Key]Cell // what the function does to the lock first, where it is as on entry
	blocking map[Key]bool // a blocking acquisition is some path's first operation
	direct   map[Key]bool // a Lock or RLock of the function's own is
	partial  map[Key]bool // released by a call deferred on some paths only
	// decidedByCaller: taken on a branch a parameter decides, so a caller
	// may hold it on the other branch.
	decidedByCaller map[Key]bool
	returns         []*State // the states at the returns
}

// entryEvidenceOf replays f, solved from an unknown entry, for the
// evidence of its entry states.
func entryEvidenceOf(f *Func) *entryEvidence {
	e := &entryEvidence{cells: map[Key]Cell{}, blocking: map[Key]bool{}, direct: map[Key]bool{},
		partial: map[Key]bool{}, decidedByCaller: map[Key]bool{}}
	note := func(k Key, s Status, pos token.Pos) {
		c := e.cells[k]
		c.S |= s
		if s == Released && (!c.At.IsValid() || pos < c.At) {
			c.At = pos // where the function first takes the lock
		}
		e.cells[k] = c
	}
	var at ssa.Instruction
	f.Walk(Visitor{
		Instr: func(instr ssa.Instruction, st *State) {
			at = instr
			if _, ok := instr.(*ssa.Return); ok {
				e.returns = append(e.returns, st.clone())
			}
		},
		Event: func(ev Event, st *State) {
			if ev.Deferred && !ev.Instr.Block().Dominates(at.Block()) {
				// A call deferred on some paths only: the paths that
				// reach here merge the defers they registered, so it
				// runs here in the solution even on paths that did not
				// defer it. It says nothing of their entry state, and
				// those paths may return without touching the lock.
				if ev.Guard.Valid() && ev.Evidence() != 0 {
					e.partial[ev.Guard] = true
				}
				return
			}
			if s := ev.Evidence(); s != 0 && st.Guard(ev.Guard).MayBe(Unknown) {
				note(ev.Guard, s, ev.Pos)
				controlled := paramControlled(at.Block())
				e.blocking[ev.Guard] = e.blocking[ev.Guard] || (ev.blocks() && !controlled)
				e.decidedByCaller[ev.Guard] = e.decidedByCaller[ev.Guard] || (s == Released && controlled)
				e.direct[ev.Guard] = e.direct[ev.Guard] || (s == Released && ev.Helper == nil)
			}
		},
	})
	return e
}

// decide returns the entry states the evidence decides, and records in f
// the locks it acquires.
func (e *entryEvidence) decide(f *Func) map[Key]Cell {
	decided := map[Key]Cell{}
	for k, c := range e.cells {
		if c.S == Released && !e.decidedByCaller[k] {
			f.acquires[k] = true
		}
		// A path that returns without touching the lock says nothing of
		// it: "if locked { mu.Unlock() }" may be called either way. Only a
		// lock touched on every path that returns decides the entry state,
		// or one the function takes with a blocking call and never
		// releases first: "if done { return }; mu.Lock()" would deadlock
		// if called holding mu.
		untouched := e.partial[k] || slices.ContainsFunc(e.returns, func(st *State) bool { return st.Guard(k).MayBe(Unknown) })
		if untouched && !(c.S == Released && e.blocking[k]) {
			continue
		}
		switch c.S {
		case Held, ReadHeld:
			decided[k] = Cell{S: c.S}
		case Released:
			why := ByEntry
			if !e.direct[k] {
				why = ByEntryCall
			}
			decided[k] = Cell{S: Released, At: c.At, Why: why}
		}
	}
	return decided
}

// contexts finds the function literals that f calls in place, defers, runs as
// range-over-func loop bodies or starts as goroutines, and analyzes each in
// that context.
func (a *Package) contexts(f *Func) []*Func {
	var out []*Func
	add := func(fn *ssa.Function, start Start, at token.Pos, bindings, args []ssa.Value, st *State) {
		if fn == nil || fn.Parent() == nil || len(fn.Blocks) == 0 || a.depth(f) > maxDepth {
			return
		}
		g := a.newFunc(fn, start, f, at, bindings, args)
		if start == Goroutine {
			g.init = goroutineEntry(st, g.pinOf, at)
		} else {
			g.init = st.clone()
			g.init.defers = nil
		}
		g.solve()
		out = append(out, g)
	}
	closureOf := func(v ssa.Value) (*ssa.Function, []ssa.Value) {
		switch v := v.(type) {
		case *ssa.MakeClosure:
			return v.Fn.(*ssa.Function), v.Bindings
		case *ssa.Function:
			return v, nil
		}
		return nil, nil
	}
	f.Walk(Visitor{Instr: func(instr ssa.Instruction, st *State) {
		switch instr := instr.(type) {
		case *ssa.Call:
			if fn, b := closureOf(instr.Call.Value); fn != nil {
				add(fn, InPlace, instr.Pos(), b, instr.Call.Args, st)
			}
			for _, arg := range instr.Call.Args {
				if fn, b := closureOf(arg); fn != nil && isYieldBody(fn) {
					add(fn, InPlace, instr.Pos(), b, nil, st)
				}
			}
		case *ssa.Go:
			if fn, b := closureOf(instr.Call.Value); fn != nil {
				add(fn, Goroutine, instr.Pos(), b, instr.Call.Args, st)
			}
		case *ssa.RunDefers:
			// Deferred calls run last in, first out: each literal runs in
			// the state the calls deferred after it leave.
			cur := st.clone()
			for _, d := range slices.Backward(f.defers) {
				if !st.defers[d] {
					continue
				}
				if fn, b := closureOf(d.Call.Value); fn != nil {
					add(fn, InPlace, d.Pos(), b, d.Call.Args, cur)
				}
				for _, ev := range f.deferredEvents(d) {
					f.apply(cur, ev)
				}
			}
		}
	}})
	return out
}

// maxDepth bounds the nesting of closure contexts analyzed.
const maxDepth = 8

func (a *Package) depth(f *Func) int {
	n := 0
	for ; f != nil; f = f.parent {
		n++
	}
	return n
}

// goroutineEntry is the state a goroutine starts in: its parent's handles
// and the data they pin as they were at the go statement, and no guard held.
func goroutineEntry(parent *State, pinOf func(ssa.Value) aliasPin, at token.Pos) *State {
	released := Cell{S: Released, At: at, Why: ByGo}
	st := newState(func(Key) Cell { return released })
	for r, c := range parent.cells {
		switch r.Kind {
		case Guard:
			st.cells[r] = released
		case Alias:
			if p := pinOf(r.Key.Root); c.S&Owned == 0 && (p.kind == Guard || p.guard.Valid()) {
				c = released // pinned by a lock, which the goroutine does not hold
			}
			st.cells[r] = c
		case Handle:
			st.cells[r] = c
		}
	}
	return st
}

// paramControlled reports whether block b runs only on a branch that a
// parameter decides ("if !locked { mu.Lock() }"): the caller chooses the
// path, and may hold the lock on the path that does not take it.
func paramControlled(b *ssa.BasicBlock) bool {
	for d := b.Idom(); d != nil; d = d.Idom() {
		ifs, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if ok && isParamTest(ifs.Cond) {
			return true
		}
	}
	return false
}

// isParamTest reports whether v is a boolean parameter (or, in a function
// literal, a boolean variable it captures: lock := func() { if needLock {
// mu.Lock() } }), or its negation: a flag that tells whether the caller
// holds the lock.
func isParamTest(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return isBool(v.Type())
	case *ssa.UnOp:
		if v.Op == token.MUL {
			_, captured := v.X.(*ssa.FreeVar)
			return captured && isBool(v.Type())
		}
		return v.Op == token.NOT && isParamTest(v.X)
	}
	return false
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}
