package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// Start says how a function context is entered.
type Start uint8

const (
	Called    Start = iota // by some caller: entry states are inferred
	InPlace                // a function literal called where it stands (or deferred, or a loop body of range-over-func): the caller's states
	Goroutine              // the body of a go statement: every lock released
)

// A Func is one function analyzed in one context. A function literal called
// in place or started as a goroutine is analyzed in each such context, with
// keys rooted at its free variables renamed to the caller's, so that its
// states and the caller's speak of the same buffers.
type Func struct {
	Fn    *ssa.Function
	Start Start
	// At is the call or go statement that starts an InPlace or Goroutine context.
	At token.Pos
	// Complete is false when the function was too large to solve within
	// the budget; passes report nothing from an incomplete function.
	Complete bool

	a        *Package
	parent   *Func
	bindings []ssa.Value // the closure's bindings, in the parent
	args     []ssa.Value // arguments of the in-place call or go statement, in the parent
	init     *State
	in       []*State // per block; nil for blocks not reached
	defers   []*ssa.Defer
	evcache  map[ssa.Instruction][]Event
	defcache map[*ssa.Defer][]Event
	srcs     map[ssa.Value][]ssa.Value
	// pins records, for each alias-producing call, what keeps its result
	// valid in this context (keys are the context's, renamed to the
	// caller's): per context, so that no context overwrites another's.
	pins map[ssa.Value]aliasPin
	// acquires holds, for a function solved as Called, the locks whose
	// first operation on every path that has one takes them: the function
	// needs them released at the call.
	acquires map[Key]bool
	// retained records, for each store or call that keeps aliases where
	// they outlive it (a Retain event), which aliases it keeps.
	retained map[ssa.Value]retainSite
	// frozen is set once every cache is filled, at the end of lockregion's
	// run: the checks that share the Result then walk it concurrently, and
	// must find it read-only.
	frozen bool
}

// Visitor receives a replay of a solved function: Instr before each
// instruction, then Event before each of its effects is applied. The state
// passed must not be retained or modified.
type Visitor struct {
	Instr func(ssa.Instruction, *State)
	Event func(Event, *State)
}

// newFunc prepares fn for solving in a context: started as start, by parent
// (nil for an unknown caller) at the call at, which binds the closure's free
// variables to bindings and its parameters to args.
func (a *Package) newFunc(fn *ssa.Function, start Start, parent *Func, at token.Pos, bindings, args []ssa.Value) *Func {
	f := &Func{Fn: fn, Start: start, At: at, Complete: true, a: a, parent: parent, bindings: bindings, args: args,
		evcache: map[ssa.Instruction][]Event{}, defcache: map[*ssa.Defer][]Event{}, srcs: map[ssa.Value][]ssa.Value{},
		pins: map[ssa.Value]aliasPin{}, acquires: map[Key]bool{}, retained: map[ssa.Value]retainSite{}}
	// Events (and the pins they record) are computed eagerly, before the
	// context is solved, so that nothing depends on the order of solving.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			f.events(instr)
			if d, ok := instr.(*ssa.Defer); ok {
				f.defers = append(f.defers, d)
				f.deferredEvents(d)
			}
		}
	}
	// Then the events that follow aliases to their producers, all known now.
	f.srcs = map[ssa.Value][]ssa.Value{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if evs := f.fillEvents(instr); len(evs) > 0 {
				f.evcache[instr] = append(f.evcache[instr], evs...)
			}
		}
	}
	f.retainEvents()
	return f
}

// keyOf resolves v in f's context: keys rooted at a closure's free variables,
// or at parameters bound by the call that starts the context, are renamed to
// the caller's keys.
func (f *Func) keyOf(v ssa.Value) Key {
	k := keyOf(v)
	if !k.Valid() || f.parent == nil {
		return k
	}
	switch r := k.Root.(type) {
	case *ssa.FreeVar:
		if i := slices.Index(f.Fn.FreeVars, r); i >= 0 && i < len(f.bindings) {
			return f.parent.rebase(f.bindings[i], k.Path)
		}
	case *ssa.Parameter:
		if i := slices.Index(f.Fn.Params, r); i >= 0 && i < len(f.args) {
			return f.parent.rebase(f.args[i], k.Path)
		}
	}
	return k
}

// rebase returns the key that path from v names in f's context.
func (f *Func) rebase(v ssa.Value, path Path) Key {
	k := f.keyOf(v)
	if !k.Valid() {
		return k
	}
	return normalize(Key{k.Root, k.Path.Concat(path)})
}

// solve computes the state at the entry of every reachable block, by a
// forward dataflow to a fixed point. States only grow (sets of statuses, and
// positions that only move earlier), so it terminates; a budget keeps huge
// functions from taking long, and marks them incomplete.
func (f *Func) solve() {
	blocks := f.Fn.Blocks
	f.in = make([]*State, len(blocks))
	if len(blocks) == 0 {
		return
	}
	f.in[0] = f.init.clone()
	queued := make([]bool, len(blocks))
	work := []int{0}
	queued[0] = true
	budget := 20*len(blocks) + 100
	for len(work) > 0 {
		if budget--; budget < 0 {
			f.Complete = false
			return
		}
		i := work[0]
		work = work[1:]
		queued[i] = false
		b := blocks[i]
		st := f.in[i].clone()
		for _, instr := range b.Instrs {
			f.step(st, instr, nil)
		}
		for j, succ := range b.Succs {
			out := f.edge(st, b, j)
			if f.in[succ.Index] == nil {
				f.in[succ.Index] = out.clone()
			} else if !f.in[succ.Index].join(out) {
				continue
			}
			if !queued[succ.Index] {
				queued[succ.Index] = true
				work = append(work, succ.Index)
			}
		}
	}
}

// edge returns the state on the j'th out-edge of b. Two conditions refine
// it: on the success branch of a TryAcquire ("if b.TryLock()") the guard is
// held; on the failure branch of an invalidating call's error ("if err :=
// b.Resize(n); err != nil") the data did not move, so the aliases the call
// invalidated are valid again.
func (f *Func) edge(st *State, b *ssa.BasicBlock, j int) *State {
	ifs, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return st
	}
	if call, failed := failureEdge(ifs, j); call != nil {
		for _, ev := range f.events(call) {
			if ev.Effect.Has(bufmodel.Invalidate) && ev.Helper == nil && failed {
				return revalidate(st, ev.Pos)
			}
		}
		return st
	}
	cond, success := ifs.Cond, 0
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, success = not.X, 1
	}
	call, ok := cond.(*ssa.Call)
	if !ok || j != success {
		return st
	}
	for _, ev := range f.events(call) {
		if ev.Effect.Has(bufmodel.TryAcquire) {
			out := st.clone()
			out.set(Guard, ev.Guard, Cell{S: held(ev.Mode)})
			return out
		}
	}
	return st
}

// failureEdge recognizes "if err != nil" and "if err == nil" on the
// error a call returns, and reports the call and whether edge j is the one
// where the error is not nil.
func failureEdge(ifs *ssa.If, j int) (*ssa.Call, bool) {
	cmp, ok := ifs.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
		return nil, false
	}
	call, ok := cmp.X.(*ssa.Call)
	if c, isConst := cmp.Y.(*ssa.Const); !ok || !isConst || !c.IsNil() {
		return nil, false
	}
	failure := 0 // err != nil: the true edge
	if cmp.Op == token.EQL {
		failure = 1
	}
	return call, j == failure
}

// revalidate returns st with the aliases invalidated by the call at pos
// live again.
func revalidate(st *State, pos token.Pos) *State {
	out := st.clone()
	for r, c := range out.cells {
		if r.Kind == Alias && c.Why == ByInvalidate && c.At == pos && c.S == Released {
			out.cells[r] = Cell{S: Held}
		}
	}
	return out
}

// step applies instr to st, telling v (if any) about it first.
func (f *Func) step(st *State, instr ssa.Instruction, v *Visitor) {
	if v != nil && v.Instr != nil {
		v.Instr(instr, st)
	}
	evs := f.events(instr)
	if _, ok := instr.(*ssa.RunDefers); ok {
		evs = nil
		for _, d := range slices.Backward(f.defers) {
			if st.defers[d] {
				evs = append(evs, f.deferredEvents(d)...)
			}
		}
	}
	for _, ev := range evs {
		if v != nil && v.Event != nil {
			v.Event(ev, st)
		}
		f.apply(st, ev)
	}
	if d, ok := instr.(*ssa.Defer); ok {
		st.addDefer(d)
	}
}

// apply is the transfer function: the one place where effects change the
// state. Checks read the state before each event; they never change it.
func (f *Func) apply(st *State, ev Event) {
	e := ev.Effect
	if e.Has(bufmodel.Spawn) || e.Has(bufmodel.Handoff) {
		// The handles and buffers whose data the new goroutine, or the
		// channel's receiver, is handed are shared until a join.
		for _, arg := range handedOff(ev.Instr) {
			for _, src := range f.Sources(arg) {
				if p := f.pinOf(src); (p.kind == Handle || p.kind == Data) && p.key.Valid() {
					st.set(Shared, p.key, Cell{S: Held, At: ev.Pos})
				}
			}
		}
		return
	}
	if e.Has(bufmodel.Retain) {
		// Kept where it outlives the statement: tracked while what it
		// aliases is valid. A store into the same place ends what was kept
		// there before.
		if ev.Data.Valid() {
			st.forgetRetained(f.retained, ev.Data)
		}
		if ev.Alias == nil {
			return
		}
		for _, src := range f.retained[ev.Alias].srcs {
			if c := st.Get(Alias, Key{Root: src}); c.S&Held != 0 && c.S&Released == 0 {
				st.set(Retained, Key{Root: ev.Alias}, Cell{S: Held, At: ev.Pos})
				break
			}
		}
		return
	}
	if ev.Renews {
		st.forget(Shared, ev.Data)
	}
	if ev.Replaces {
		st.own(f.pinOf, ev.Data)
	}
	if ev.Go {
		return // a helper started by go changes nothing in the caller
	}
	if e.Has(bufmodel.Open) && !f.viewEscapes(ev.Handle.Root) {
		st.set(Handle, ev.Handle, Cell{S: Held})
	}
	if ev.Data.Valid() && (e.Has(bufmodel.Reuse) || (e.Has(bufmodel.Append) && st.Get(Consumed, ev.Data).MayBe(Held))) {
		// Before Produce: Peek and Next kill the slices of earlier calls,
		// not their own. An append reuses storage only after reads, when
		// it may slide the unread bytes down.
		at := Cell{At: ev.Pos, Why: ByReuse, Via: ev.Method}
		if ev.Helper != nil || ev.ByCall {
			at.Why, at.Via = ByHelper, ""
			if ev.ByCall {
				at.Via = ev.Callee
			}
		}
		st.invalidate(f.pinOf, aliasPin{kind: Data, key: ev.Data, self: ev.GivesAway}, at, false)
		st.killRetained(f.retained, at)
		if e.Has(bufmodel.Reuse) {
			st.forget(Consumed, ev.Data)
		}
	}
	if e.Has(bufmodel.Consume) && ev.Data.Valid() {
		st.set(Consumed, ev.Data, Cell{S: Held, At: ev.Pos})
	}
	if e.Has(bufmodel.Produce) && ev.Alias != nil {
		st.set(Alias, Key{Root: ev.Alias}, Cell{S: Held})
	}
	if e.Has(bufmodel.Invalidate) {
		at := Cell{At: ev.Pos, Why: ByInvalidate, Via: ev.Method}
		if ev.Helper != nil {
			at = Cell{At: ev.Pos, Why: ByHelper}
		}
		st.invalidate(f.pinOf, aliasPin{kind: Guard, key: ev.Guard}, at, false)
	}
	if e.Has(bufmodel.Close) {
		at := Cell{At: ev.Pos, Why: ByClose}
		if st.Get(Handle, ev.Handle).S != 0 {
			st.release(Handle, ev.Handle, at)
		}
		st.invalidate(f.pinOf, aliasPin{kind: Handle, key: ev.Handle}, at, false)
	}
	if e.Has(bufmodel.TryAcquire) && ev.Helper == nil {
		// Past a TryLock, on the path where it failed, the lock is not
		// held by this goroutine (the success branch holds it: edge).
		if c := st.Guard(ev.Guard); c.MayBe(Unknown) {
			c.S = c.S&^Unknown | Released
			if !c.At.IsValid() {
				c.At, c.Why = ev.Pos, ByEntry
			}
			st.set(Guard, ev.Guard, c)
		}
	}
	if ev.Exit != 0 {
		why := ByUnlock
		if ev.Helper != nil {
			why = ByHelper
		}
		st.settle(f.pinOf, ev.Guard, ev.Exit, Cell{At: ev.Pos, Why: why})
	}
	if e.Has(bufmodel.Join) {
		st.joined = Held
		var joined []Key
		st.Each(Shared, func(k Key, c Cell) { joined = append(joined, k) })
		for _, k := range joined {
			st.release(Shared, k, Cell{At: ev.Pos, Why: ByClose})
		}
	}
}

// handedOff returns what an instruction hands to another goroutine: a go
// statement's arguments and the closure's captured variables, the value a
// send or a select's send cases send.
func handedOff(instr ssa.Instruction) []ssa.Value {
	switch i := instr.(type) {
	case *ssa.Go:
		ops := slices.Clone(i.Call.Args)
		if mc, ok := i.Call.Value.(*ssa.MakeClosure); ok {
			ops = append(ops, mc.Bindings...)
		}
		return ops
	case *ssa.Send:
		return []ssa.Value{i.X}
	case *ssa.Select:
		var ops []ssa.Value
		for _, st := range i.States {
			if st.Dir == types.SendOnly && st.Send != nil {
				ops = append(ops, st.Send)
			}
		}
		return ops
	}
	return nil
}

// Walk replays the solved function, block by block in order, calling v.
func (f *Func) Walk(v Visitor) {
	for i, b := range f.Fn.Blocks {
		if f.in == nil || f.in[i] == nil {
			continue
		}
		st := f.in[i].clone()
		for _, instr := range b.Instrs {
			f.step(st, instr, &v)
		}
	}
}

// AllEvents returns the events of every instruction and deferred call of f.
func (f *Func) AllEvents() [][]Event {
	var out [][]Event
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			out = append(out, f.events(instr))
			if d, ok := instr.(*ssa.Defer); ok {
				out = append(out, f.deferredEvents(d))
			}
		}
	}
	return out
}

// freeze fills every cache the checks read (the events of each instruction
// and deferred call, the sources of each operand) and makes the Func
// read-only. Computing events may import facts, which only lockregion's own
// run may do.
func (f *Func) freeze() {
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			f.events(instr)
			if d, ok := instr.(*ssa.Defer); ok {
				f.deferredEvents(d)
			}
			for _, op := range instr.Operands(nil) {
				if op != nil && *op != nil {
					f.Sources(*op)
				}
			}
		}
	}
	f.frozen = true
}

// EntryState returns what f was solved assuming of the guard k on entry.
func (f *Func) EntryState(k Key) Cell { return f.init.entry(k) }

// Acquires reports whether f, solved as called by an unknown caller, takes
// the lock k as its first operation on it on every path that has one: it
// needs the lock released at the call.
func (f *Func) Acquires(k Key) bool { return f.acquires[k] }

// unknownEntry is the entry state of a function about whose callers nothing
// is known.
func unknownEntry(Key) Cell { return Cell{S: Unknown} }

// solveCalled analyzes fn as entered by an unknown caller. A first pass, with
// every lock in an unknown state, finds each lock's first operation on every
// path: if it is always Lock the function is entered with the lock released,
// if always Unlock, held. A second pass solves with those entry states.
func (a *Package) solveCalled(fn *ssa.Function) *Func {
	f := a.newFunc(fn, Called, nil, token.NoPos, nil, nil)
	f.init = newState(unknownEntry)
	f.solve()
	evidence := map[Key]Cell{}
	note := func(k Key, s Status, pos token.Pos) {
		c := evidence[k]
		c.S |= s
		if s == Released && (!c.At.IsValid() || pos < c.At) {
			c.At = pos // where the function first takes the lock
		}
		evidence[k] = c
	}
	var returns []*State // the states at the returns
	f.Walk(Visitor{
		Instr: func(instr ssa.Instruction, st *State) {
			if _, ok := instr.(*ssa.Return); ok {
				returns = append(returns, st.clone())
			}
		},
		Event: func(ev Event, st *State) {
			if s := ev.Evidence(); s != 0 && st.Guard(ev.Guard).MayBe(Unknown) {
				note(ev.Guard, s, ev.Pos)
			}
		},
	})
	decided := map[Key]Cell{}
	for k, c := range evidence {
		if c.S == Released {
			f.acquires[k] = true
		}
		// A path that returns without touching the lock says nothing of
		// it: "if locked { mu.Unlock() }" and "if done { return };
		// mu.Lock()" may be called either way. Only a lock touched on
		// every path that returns decides the entry state.
		if slices.ContainsFunc(returns, func(st *State) bool { return st.Guard(k).MayBe(Unknown) }) {
			continue
		}
		switch c.S {
		case Held, ReadHeld:
			decided[k] = Cell{S: c.S}
		case Released:
			decided[k] = Cell{S: Released, At: c.At, Why: ByEntry}
		}
	}
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
