package dataflow

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file solves a function context: the forward dataflow to a fixed
// point, the refinements on branch edges, and the transfer function.

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
	f.holdGiven(f.in[0])
	queued := make([]bool, len(blocks))
	work := []int{0}
	queued[0] = true
	budget := 20*len(blocks) + 100
	ends := f.pathEnds()
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
		if ends[i] {
			continue // require_NoError(t, err) where err != nil: nothing after runs
		}
		for j, succ := range b.Succs {
			out := f.carryPhis(f.edge(st, b, j), b, succ)
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
	if sel, k, chosen, ok := selectCase(ifs, j); ok {
		s := sel.States[k]
		switch {
		case chosen && s.Dir != types.RecvOnly:
			return st
		case !chosen && !onlySend(sel, k):
			return st // another send case may be the one chosen
		}
		// A receive case was chosen, or the one send case was not (the
		// default, or another receive): nothing was sent.
		out := st.clone()
		var unsent []Key
		out.Each(Shared, func(k Key, c Cell) {
			if c.At == sel.Pos() && c.S == Held {
				unsent = append(unsent, k)
			}
		})
		for _, k := range unsent {
			out.forget(Shared, k)
		}
		if chosen && !clockChan(s.Chan) {
			f.join(out, f.keyOf(s.Chan), sel.Pos())
		}
		return out
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
	v, nonNil, ok := nilTest(ifs)
	call, isCall := v.(*ssa.Call)
	if !ok || !isCall {
		return nil, false
	}
	return call, j == nonNil
}

// nilTest recognizes "if v != nil" and "if v == nil", and returns v and
// the index of the edge where v is not nil.
func nilTest(ifs *ssa.If) (ssa.Value, int, bool) {
	cmp, ok := ifs.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) || !isNil(cmp.Y) {
		return nil, 0, false
	}
	if cmp.Op == token.EQL {
		return cmp.X, 1, true
	}
	return cmp.X, 0, true
}

// revalidate returns st with the aliases invalidated by the call at pos
// live again.
func revalidate(st *State, pos token.Pos) *State {
	out := st.clone()
	for r, c := range out.cells {
		if r.Kind == Alias && c.Why == ByInvalidate && c.At == pos && c.S == Released {
			out.writable()
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
		f.applyHandoff(st, ev)
		return
	}
	if e.Has(bufmodel.Retain) {
		f.applyRetain(st, ev)
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
	f.applyData(st, ev)
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
		f.join(st, ev.Chan, ev.Pos)
	}
}

// join records, at pos, a wait for other goroutines: a receive from ch
// (the zero Key for a wait on anything else, such as WaitGroup.Wait).
// The data handed to a goroutine is no longer shared once it is joined: a
// receive joins the goroutines that may send on ch or close it, and those
// whose channels are not known; another wait joins them all.
func (f *Func) join(st *State, ch Key, pos token.Pos) {
	st.joined = Held
	var joined []Key
	st.Each(Shared, func(k Key, c Cell) {
		if ch.Valid() {
			if chans, known := f.spawnChans(c.At); known && !slices.Contains(chans, ch) {
				return // started elsewhere, signals elsewhere: still running
			}
		}
		joined = append(joined, k)
	})
	for _, k := range joined {
		st.release(Shared, k, Cell{At: pos, Why: ByClose})
	}
}

// selectCase recognizes the branch on a select's chosen case ("if idx ==
// k" on the select's first result): it reports the select, k, and whether
// edge j is the one taken when case k was chosen (the other edge is taken
// when it was not).
func selectCase(ifs *ssa.If, j int) (*ssa.Select, int, bool, bool) {
	cmp, ok := ifs.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return nil, 0, false, false
	}
	ex, ok := cmp.X.(*ssa.Extract)
	c, isConst := cmp.Y.(*ssa.Const)
	if !ok || !isConst || ex.Index != 0 || c.Value == nil || c.Value.Kind() != constant.Int {
		return nil, 0, false, false
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	k, exact := constant.Int64Val(c.Value)
	if !ok || !exact || k < 0 || int(k) >= len(sel.States) {
		return nil, 0, false, false
	}
	return sel, int(k), j == 0, true
}

// onlySend reports whether case k is the select's one send case.
func onlySend(sel *ssa.Select, k int) bool {
	for i, st := range sel.States {
		if st.Dir == types.SendOnly && i != k {
			return false
		}
	}
	return sel.States[k].Dir == types.SendOnly
}

// applyHandoff marks shared, until a join, the handles and buffers whose
// data a new goroutine, or a channel's receiver, is handed, alone or in a
// struct.
func (f *Func) applyHandoff(st *State, ev Event) {
	values := handedOff(ev.Instr)
	if ev.Lent != nil {
		values = append(values, ev.Lent)
	}
	f.handOff(st, values, ev.Pos)
}

// handOff marks shared, from pos, what the values handed off refer to.
func (f *Func) handOff(st *State, values []ssa.Value, pos token.Pos) {
	for _, arg := range values {
		for _, src := range append(f.Sources(arg), f.heldSources(arg)...) {
			// An object given back to a pool is followed only to its uses
			// after the Put: whether the variable handed off still holds
			// it at the Put (hjr = br; br = nil; ...; if br != nil {
			// put(br) }) is more than its key tells.
			if p := f.pinOf(src); (p.kind == Handle || p.kind == Data) && p.key.Valid() && !p.given {
				st.set(Shared, p.key, Cell{S: Held, At: pos})
			}
		}
		for _, p := range f.borrowedParams(arg) {
			// The caller's slice: borrowed, and shared until a join.
			st.set(Shared, Key{Root: p}, Cell{S: Held, At: pos})
		}
	}
}

// applyRetain tracks an alias kept where it outlives the statement, while
// what it aliases is valid. A store into the same place ends what was
// kept there before.
func (f *Func) applyRetain(st *State, ev Event) {
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
}

// applyData applies what ev does to data and the aliases of it: a reuse,
// an append after reads, a read, a new alias, an invalidation, a close.
func (f *Func) applyData(st *State, ev Event) {
	e := ev.Effect
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
		c := Cell{S: Held}
		if ev.Released {
			c = Cell{S: Released, At: ev.Pos, Why: ByHelper} // an entry its helper returned unlocked
		}
		st.set(Alias, Key{Root: ev.Alias}, c)
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
