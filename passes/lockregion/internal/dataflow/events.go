package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// An Event is the effect of one call (or receive, or go statement) on one
// guard and what it guards, in the model's vocabulary: the effects of a
// model row, or those a helper's fact implies for the caller.
type Event struct {
	Effect bufmodel.Effect
	Mode   bufmodel.Mode
	Instr  ssa.Instruction
	Pos    token.Pos // where to report it; for a deferred call, the defer statement
	Guard  Key       // the guard the event concerns (zero if unknown)
	Handle Key       // the handle, for handle methods and Open
	// Exit is the set of states the call leaves the guard in (Acquire:
	// Held, Release: Released; a helper: its fact's), 0 when unchanged.
	Exit Status
	// Callee is the method ("Buffer.Len", "s.buf.Write") or helper
	// ("pkg.helper") called, and Method the method's own name ("Len"),
	// for messages.
	Callee, Method string
	// Access says what the event does to guarded data, for messages:
	// "Buffer.Len called", "s.buf.Write called", "s.buf read".
	Access string
	// Field is the guarded field accessed, for an access to a field whose
	// guard is another field of its struct (a sync.Mutex).
	Field *types.Var
	// InPlace is set for a write that changes the field's storage in place
	// (append to it, reslice it, write its elements, a mutating method)
	// rather than replacing it with a new value.
	InPlace bool
	// Alias is the value a Produce call returns (the alias it creates).
	Alias ssa.Value
	// Data is the data object a method of the model is called on (a
	// bytes.Buffer, guarded or not), or that sync.Pool.Put reuses: the
	// subject of Reuse and of PinData aliases.
	Data Key
	// Helper is the callee's fact for Guard, for a call to a function with
	// one, and HelperPos where the callee is declared.
	Helper    *ParamLock
	HelperPos token.Pos
	// Literal is set when the helper is a function literal; the literal is
	// analyzed in the caller's context too, so its problems are found inside.
	Literal bool
	// Go is set for calls made by a go statement: they start a goroutine
	// without the caller's guards, and change nothing in the caller.
	Go bool
	// Deferred is set for calls registered by defer, which run at return.
	Deferred bool
	// Replaces is set for a store of a new value into a guarded field
	// (Data is the field's key): aliases loaded from it before are the
	// loader's own.
	Replaces bool
	// GivesAway is set for a Reuse that hands the data itself to someone
	// else (sync.Pool.Put): even the data's own alias is dead after it.
	GivesAway bool
	// Given is, for a GivesAway reuse, the value handed over (without
	// its conversion to any): what was given back is no longer the
	// function's, whatever made it (Func.pinGiven).
	Given ssa.Value
	// Renews is set where new storage is made for the data (a make of a
	// scratch slice, a sync.Pool.Get): what was handed off from it before
	// concerns other storage.
	Renews bool
	// ByCall is set for a Reuse that a called function's fact implies
	// (putBuf(b)): Callee names the function.
	ByCall bool
	// ContentsOnly is set, with InPlace, where what changes in place is
	// what the storage holds rather than the field's own value: a map's
	// entries (s.m[k] = v, delete), the fields of an entry or of a
	// pointer's target (e := s.m[k]; e.n++). It is evidence for a guard a
	// comment declares, not for one inferred from the code.
	ContentsOnly bool
	// Lent is, for a Handoff at a call, the slice parameter the callee
	// lends on to a goroutine or a channel (lendEvents).
	Lent ssa.Value
	// Released is set for a Produce of an entry of guarded storage that
	// the callee returns after releasing the storage's guard: the alias
	// is dead from the call on.
	Released bool
	// Chan is the channel a Join received from, when the join is a
	// receive: it joins only the goroutines that may send on it or close
	// it (Func.spawnChans), or any goroutine whose channels are not known.
	Chan Key
}

// Evidence says what an event shows of the state its guard was in before
// it, for inferring a function's entry state: a guard operation needs it
// released (Acquire, a helper that takes it), an unlock held (Release, a
// helper that drops it). Accessors are requirements, not evidence: a
// function that only reads requires its caller to hold the guard.
func (ev Event) Evidence() Status {
	if ev.Go || !ev.Guard.Valid() {
		return 0
	}
	if h := ev.Helper; h != nil {
		switch {
		case h.Entry == Released:
			return Released
		case (h.Entry == Held || h.Entry == ReadHeld) && (h.Drops || h.Exit&Released != 0):
			return h.Entry
		}
		return 0
	}
	switch {
	case ev.Effect&(bufmodel.Acquire|bufmodel.TryAcquire) != 0:
		return Released
	case ev.Effect.Has(bufmodel.Release) && ev.Mode == bufmodel.Shared:
		return ReadHeld
	case ev.Effect.Has(bufmodel.Release):
		return Held
	}
	return 0
}

// blocks reports whether ev takes its guard with a call that waits for it
// (Lock, RLock), rather than trying (TryLock): a caller holding the guard
// would deadlock.
func (ev Event) blocks() bool {
	return ev.Helper == nil && ev.Effect.Has(bufmodel.Acquire)
}

// held is the status a guard acquired in mode has.
func held(mode bufmodel.Mode) Status {
	if mode == bufmodel.Shared {
		return ReadHeld
	}
	return Held
}

// events returns the effects of instr in f's context, computed once.
func (f *Func) events(instr ssa.Instruction) []Event {
	if evs, ok := f.evcache[instr]; ok {
		return evs
	}
	if f.eventsKnown && instr.Parent() == f.Fn {
		return nil // computed when f was made: it has none
	}
	var evs []Event
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		evs = f.callEvents(instr, instr.Common(), instr.Pos(), false)
	case *ssa.UnOp:
		if instr.Op == token.ARROW && !clockChan(instr.X) {
			evs = []Event{{Effect: bufmodel.Join, Instr: instr, Pos: instr.Pos(), Chan: f.keyOf(instr.X)}}
		}
	case *ssa.Select:
		// A select hands off what its send cases send; the branch of a case
		// that received takes that back, and joins (Func.edge).
		for _, st := range instr.States {
			if st.Dir == types.SendOnly {
				evs = append(evs, Event{Effect: bufmodel.Handoff, Instr: instr, Pos: instr.Pos()})
				break
			}
		}
	case *ssa.Send:
		evs = []Event{{Effect: bufmodel.Handoff, Instr: instr, Pos: instr.Pos()}}
	case *ssa.MakeSlice, *ssa.Alloc:
		if scratch(instr.(ssa.Value)) {
			// A scratch buffer (make([]byte, n), or the array go/ssa makes
			// for a constant n, or a local [N]byte): its own data, reused by
			// reads into it, new each time this runs.
			v := instr.(ssa.Value)
			f.pins[v] = aliasPin{kind: Data, key: Key{Root: v}, self: true}
			evs = []Event{{Instr: instr, Pos: instr.Pos(), Data: Key{Root: v}, Renews: true}}
		}
	}
	evs = append(evs, f.accessEvents(instr)...)
	if len(evs) > 0 && !f.frozen {
		f.evcache[instr] = evs // most instructions have none: only these are kept
	}
	return evs
}

// deferredEvents returns the effects of the call deferred by d, which run
// at RunDefers, computed once.
func (f *Func) deferredEvents(d *ssa.Defer) []Event {
	if evs, ok := f.defcache[d]; ok {
		return evs
	}
	evs := f.callEvents(d, d.Common(), d.Pos(), true)
	if !f.frozen {
		f.defcache[d] = evs
	}
	return evs
}

func (f *Func) callEvents(instr ssa.CallInstruction, c *ssa.CallCommon, pos token.Pos, deferred bool) []Event {
	_, isGo := instr.(*ssa.Go)
	_, isDefer := instr.(*ssa.Defer)
	if isDefer && !deferred {
		return nil // applied at RunDefers
	}
	fn, args, bindings := callee(c)
	var evs []Event
	row, ok := modelRow(fn)
	if fn == nil && c.IsInvoke() {
		// An interface the model knows (sync.Locker): its method on the
		// interface value.
		row, ok = bufmodel.Lookup(c.Method)
		args = append([]ssa.Value{c.Value}, c.Args...)
	}
	if ok && row.Effect&^(bufmodel.Join|bufmodel.NoReturn) != 0 {
		if isGo || len(args) == 0 {
			return nil // "go b.Unlock()" has no place in the protocol; ignore it
		}
		if ev, ok := f.rowEvent(row, instr, args, pos, deferred); ok {
			return []Event{ev}
		}
		return nil
	}
	if !isGo && mayJoin(fn, args, c) {
		evs = append(evs, Event{Effect: bufmodel.Join, Instr: instr, Pos: pos, Deferred: deferred})
	}
	switch {
	case fn != nil:
		evs = append(evs, f.helperEvents(instr, fn, args, bindings, pos, isGo, deferred)...)
	case !isGo && !c.IsInvoke():
		evs = append(evs, f.fieldCallEvents(instr, c, pos, deferred)...)
	}
	// A range-over-func loop body runs in place, during the iterator call.
	for _, arg := range args {
		if mc, ok := arg.(*ssa.MakeClosure); ok && isYieldBody(mc.Fn.(*ssa.Function)) {
			evs = append(evs, f.helperEvents(instr, mc.Fn.(*ssa.Function), nil, mc.Bindings, pos, false, deferred)...)
		}
	}
	if isGo {
		f.spawns[pos] = f.goroutineChans(fn, args, bindings)
		evs = append(evs, Event{Effect: bufmodel.Spawn, Instr: instr, Pos: pos})
	}
	return evs
}

// goroutineChans returns the channels, as keys of f, that the goroutine
// running fn with args and bindings may send on or close, directly or by
// handing them to a call; nil when none is known (a function without a
// body, or channels f cannot name).
func (f *Func) goroutineChans(fn *ssa.Function, args, bindings []ssa.Value) []Key {
	if fn == nil || len(fn.Blocks) == 0 {
		return nil
	}
	var out []Key
	add := func(ch ssa.Value) {
		k := keyOf(ch)
		var base ssa.Value
		switch r := k.Root.(type) {
		case *ssa.FreeVar:
			if i := slices.Index(fn.FreeVars, r); i >= 0 && i < len(bindings) {
				base = bindings[i]
			}
		case *ssa.Parameter:
			if i := slices.Index(fn.Params, r); i >= 0 && i < len(args) {
				base = args[i]
			}
		}
		if base == nil {
			return
		}
		if pk := f.rebase(base, k.Path); pk.Valid() && !slices.Contains(out, pk) {
			out = append(out, pk)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch i := instr.(type) {
			case *ssa.Send:
				add(i.Chan)
			case ssa.CallInstruction:
				for _, a := range i.Common().Args {
					if _, ok := a.Type().Underlying().(*types.Chan); ok {
						add(a) // close(ch), or a helper that may send on it
					}
				}
			}
		}
	}
	return out
}

// spawnChans returns the channels the goroutine started at pos, in f or
// an enclosing context, may send on or close, and whether they are known.
func (f *Func) spawnChans(pos token.Pos) ([]Key, bool) {
	for g := f; g != nil; g = g.parent {
		if chans, ok := g.spawns[pos]; ok {
			return chans, chans != nil
		}
	}
	return nil, false
}

// rowEvent is the event of a call to a model method or function with
// arguments args (a method's receiver first).
func (f *Func) rowEvent(row bufmodel.Row, instr ssa.CallInstruction, args []ssa.Value, pos token.Pos, deferred bool) (Event, bool) {
	ev := Event{Effect: row.Effect, Mode: row.Mode, Instr: instr, Pos: pos,
		Callee: row.String(), Method: row.Name, Deferred: deferred}
	recv := args[0]
	k := f.keyOf(recv)
	switch row.On {
	case bufmodel.OnHandle:
		ev.Handle, ev.Guard = k, f.ownerOf(k)
	case bufmodel.OnData:
		ev.Data = k
		ev.Callee = f.a.Name(k) + "." + row.Name
		if g, fld, ok := f.guardOfData(recv); ok {
			ev.Guard, ev.Field = g, fld
			ev.InPlace = row.Mode == bufmodel.Exclusive && row.Effect.Has(bufmodel.Require)
		} else {
			ev.Effect &^= bufmodel.Require // data no known lock guards
		}
	case bufmodel.OnArg:
		if len(args) < 2 {
			return ev, false
		}
		ev.Data, ev.GivesAway, ev.Given = f.keyOf(args[1]), true, givenValue(args[1])
	case bufmodel.OnNone:
	default:
		ev.Guard = k
	}
	ev.Access = ev.Callee + " called"
	switch {
	case row.Effect.Has(bufmodel.Acquire):
		ev.Exit = held(row.Mode)
	case row.Effect.Has(bufmodel.Release):
		ev.Exit = Released
	}
	if call, ok := instr.(*ssa.Call); ok {
		if row.Effect.Has(bufmodel.Open) {
			ev.Handle = Key{Root: call}
		}
		if row.Effect.Has(bufmodel.Produce) {
			ev.Alias = call
			switch row.Pin {
			case bufmodel.PinGuard:
				f.pins[call] = aliasPin{kind: Guard, key: ev.Guard}
			case bufmodel.PinHandle:
				f.pins[call] = aliasPin{kind: Handle, key: ev.Handle}
			case bufmodel.PinData:
				f.pins[call] = aliasPin{kind: Data, key: ev.Data, guard: ev.Guard}
			case bufmodel.PinSelf:
				f.pins[call] = aliasPin{kind: Data, key: Key{Root: call}, self: true}
				ev.Data, ev.Renews = Key{Root: call}, true
			}
		}
	} else {
		ev.Effect &^= bufmodel.Open | bufmodel.Produce // a deferred call's result is dropped
	}
	return ev, ev.Guard.Valid() || ev.Handle.Valid() || ev.Data.Valid() || ev.Alias != nil
}

// clockChan reports whether the channel ch is a timer's or a context's
// (bufmodel.ClockFuncs, ClockFields): receiving from it joins nothing.
func clockChan(ch ssa.Value) bool {
	switch v := ch.(type) {
	case *ssa.Call:
		if fn := v.Call.StaticCallee(); fn != nil {
			obj, _ := fn.Object().(*types.Func)
			return bufmodel.IsClockFunc(obj)
		}
		return v.Call.IsInvoke() && bufmodel.IsClockFunc(v.Call.Method)
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			if p, ok := fa.X.Type().Underlying().(*types.Pointer); ok {
				if s, ok := p.Elem().Underlying().(*types.Struct); ok && fa.Field < s.NumFields() {
					return bufmodel.IsClockField(p.Elem(), s.Field(fa.Field))
				}
			}
		}
	case *ssa.ChangeType:
		return clockChan(v.X)
	}
	return false
}
