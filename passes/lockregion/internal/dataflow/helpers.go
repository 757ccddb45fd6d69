package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file turns calls into events by what the callee's fact says (a
// helper), and calls that write into a slice they are handed into reuses
// of the data the slice aliases.

// helperEvents maps the summary of fn, called with args and bindings, to
// events on the caller's keys.
func (f *Func) helperEvents(instr ssa.CallInstruction, fn *ssa.Function, args, bindings []ssa.Value, pos token.Pos, isGo, deferred bool) []Event {
	fact := f.a.summary(fn)
	if fact == nil {
		return nil
	}
	var evs []Event
	nparams := numParams(fn)
	for i := range fact.Params {
		p := &fact.Params[i]
		var k Key
		if p.Param < nparams {
			if p.Param < len(args) {
				k = f.rebase(args[p.Param], PathOf(p.Path))
			}
		} else if j := p.Param - nparams; j < len(bindings) {
			k = f.rebase(bindings[j], PathOf(p.Path))
		}
		if !k.Valid() {
			continue
		}
		ev := Event{Instr: instr, Pos: pos, Guard: k, Callee: f.a.FuncName(fn), Helper: p,
			HelperPos: fn.Pos(), Literal: fn.Parent() != nil, Go: isGo, Deferred: deferred}
		ev.Access = "call to " + ev.Callee
		if p.Entry == Held || p.Entry == ReadHeld {
			ev.Effect |= bufmodel.Require
			if !p.Exclusive {
				ev.Mode = bufmodel.Shared
			}
		}
		if !isGo {
			// Started by go, it changes nothing in the caller.
			ev.Exit = p.Exit
			if p.Drops {
				ev.Effect |= bufmodel.Invalidate
			}
			if p.Exit&Held != 0 {
				ev.Effect |= bufmodel.Acquire
			}
			if p.Exit&Released != 0 {
				ev.Effect |= bufmodel.Release
			}
		}
		evs = append(evs, ev)
	}
	if !isGo {
		evs = append(evs, f.lendEvents(instr, fact, args, pos)...)
		evs = append(evs, f.reuseEvents(instr, fn, fact, args, bindings, pos, deferred, false)...)
		if ev, ok := f.produceEvent(instr, fn, fact, args); ok {
			evs = append(evs, ev) // after the reuses: Peek reuses, then returns a new slice
		}
	}
	return evs
}

// produceEvent is the Produce event of a call to a function whose result
// aliases a buffer reached from an argument (its fact's Produces): the
// result is pinned to that buffer's data, as a model row's would be.
func (f *Func) produceEvent(instr ssa.CallInstruction, fn *ssa.Function, fact *LockFact, args []ssa.Value) (Event, bool) {
	call, ok := instr.(*ssa.Call)
	if ok && fact.Entry != nil && fact.Entry.Param < len(args) {
		// An entry of guarded storage: pinned by the storage's guard, dead
		// from the call on if the callee released it.
		if k := f.rebase(args[fact.Entry.Param], PathOf(fact.Entry.Path)); k.Valid() {
			f.pins[call] = aliasPin{kind: Guard, key: k, entry: true}
			callee := f.a.FuncName(fn)
			return Event{Effect: bufmodel.Produce, Instr: instr, Pos: call.Pos(), Alias: call,
				Callee: callee, Access: "call to " + callee, ByCall: true, Guard: k,
				Released: releasesEntryGuard(fact)}, true
		}
	}
	p := fact.Produces
	if !ok || p == nil || p.Param >= len(args) {
		return Event{}, false
	}
	k := f.rebase(args[p.Param], PathOf(p.Path))
	if !k.Valid() {
		return Event{}, false
	}
	pin := aliasPin{kind: Data, key: k}
	if g, _, ok := f.guardOfData(args[p.Param]); ok && len(p.Path) == 0 {
		pin.guard = g
	}
	f.pins[call] = pin
	callee := f.a.FuncName(fn)
	return Event{Effect: bufmodel.Produce, Instr: instr, Pos: call.Pos(), Alias: call, Data: k,
		Callee: callee, Access: "call to " + callee, ByCall: true}, true
}

// reuseEvents maps the buffers fn's fact says it reuses to Reuse events on
// the caller's data: the argument's own key or, with viaSources, the
// scratch or pooled buffers an argument is a slice of (buf[:n]), which are
// known only once every producer of the context is.
func (f *Func) reuseEvents(instr ssa.CallInstruction, fn *ssa.Function, fact *LockFact, args, bindings []ssa.Value, pos token.Pos, deferred, viaSources bool) []Event {
	var evs []Event
	nparams := numParams(fn)
	for _, r := range fact.Reuses {
		var arg ssa.Value
		if r.Param < nparams {
			if r.Param < len(args) {
				arg = args[r.Param]
			}
		} else if j := r.Param - nparams; j < len(bindings) {
			arg = bindings[j]
		}
		if arg == nil {
			continue
		}
		own := f.rebase(arg, PathOf(r.Path))
		keys := []Key{own}
		if viaSources {
			keys = nil
			for _, src := range f.Sources(arg) {
				if p := f.pinOf(src); len(r.Path) == 0 && p.kind == Data && p.self && p.key.Valid() && p.key != own && !slices.Contains(keys, p.key) {
					keys = append(keys, p.key)
				}
			}
		}
		var given ssa.Value
		if r.GivesAway && !viaSources && !reportsGiving(fn) {
			given = givenArg(fn, r.Param-nparams, arg, r.Path)
		}
		for _, k := range keys {
			if k.Valid() {
				evs = append(evs, f.reuseEvent(instr, fn, f.a.FuncName(fn), r, k, given, pos, deferred))
			}
		}
	}
	return evs
}

// reuseEvent is the Reuse event of a call, named callee, to fn, whose
// fact's r says it reuses the buffer k names in the caller.
func (f *Func) reuseEvent(instr ssa.CallInstruction, fn *ssa.Function, callee string, r ParamReuse, k Key, given ssa.Value, pos token.Pos, deferred bool) Event {
	return Event{Effect: bufmodel.Reuse, Instr: instr, Pos: pos, Data: k, GivesAway: r.GivesAway, Given: given,
		Callee: callee, Method: r.Via, Access: "call to " + callee, ByCall: true, Deferred: deferred,
		HelperPos: fn.Pos(), Literal: fn.Parent() != nil}
}

// fillEvents returns the Reuse events of a call that writes into a byte
// slice it is handed (r.Read(buf), io.ReadFull(r, buf), copy(buf, p)),
// for the data the slice is an alias of. They depend on Sources, so they
// are computed once every producer of the context is known.
func (f *Func) fillEvents(instr ssa.Instruction) []Event {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return nil
	}
	if _, isGo := instr.(*ssa.Go); isGo {
		return nil
	}
	if _, isDefer := instr.(*ssa.Defer); isDefer {
		return nil
	}
	c := call.Common()
	var target ssa.Value
	name := ""
	if b, ok := c.Value.(*ssa.Builtin); ok {
		if mode, ok := bufmodel.BuiltinMode(b.Name(), 0); ok && mode == bufmodel.Exclusive && b.Name() != "append" && len(c.Args) > 0 {
			target, name = c.Args[0], b.Name()
		}
	} else {
		var obj *types.Func
		args := c.Args
		switch {
		case c.IsInvoke():
			obj = c.Method
		case c.StaticCallee() != nil:
			obj, _ = c.StaticCallee().Object().(*types.Func)
			if obj != nil && obj.Type().(*types.Signature).Recv() != nil && len(args) > 0 {
				args = args[1:]
			}
		}
		if i, ok := bufmodel.FilledArg(obj); ok && i < len(args) {
			target, name = args[i], obj.Name()
			if obj.Type().(*types.Signature).Recv() == nil && obj.Pkg() != f.a.pass.Pkg {
				name = obj.Pkg().Name() + "." + name // io.ReadFull
			}
		}
	}
	if target == nil {
		return f.calleeFillEvents(call)
	}
	var keys []Key
	for _, src := range f.Sources(target) {
		if p := f.pinOf(src); p.kind == Data && p.key.Valid() {
			keys = append(keys, p.key)
		}
	}
	if p := sliceRoot(target); f.parent == nil && (p != nil) {
		// The caller's buffer (fill(r, buf) { io.ReadFull(r, buf[:n]) }):
		// the function's fact says it reuses it.
		keys = append(keys, Key{Root: p})
	}
	var evs []Event
	for _, k := range keys {
		evs = append(evs, Event{Effect: bufmodel.Reuse, Instr: instr, Pos: instr.Pos(), Data: k, Method: name,
			Callee: name, Access: name + " writes into it"})
	}
	return evs
}

// sliceRoot returns the parameter or free variable a slice value is
// (a reslice of), or nil.
func sliceRoot(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.Slice:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Parameter, *ssa.FreeVar:
			return x
		default:
			return nil
		}
	}
}

// calleeFillEvents returns the Reuse events of a call to a function whose
// fact says it reuses an argument, for the scratch or pooled buffers the
// argument is a slice of (fill(buf[:n]) reuses buf).
func (f *Func) calleeFillEvents(call ssa.CallInstruction) []Event {
	fn, args, bindings := callee(call.Common())
	if fn == nil {
		return nil
	}
	if _, ok := modelRow(fn); ok {
		return nil
	}
	fact := f.a.summary(fn)
	if fact == nil || len(fact.Reuses) == 0 {
		return nil
	}
	return f.reuseEvents(call, fn, fact, args, bindings, call.Pos(), false, true)
}

// scratch reports whether v makes new byte storage: a make([]byte, n), or
// an allocation of a [N]byte array.
func scratch(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.MakeSlice:
		return bufmodel.IsByteSlice(v.Type())
	case *ssa.Alloc:
		if p, ok := v.Type().Underlying().(*types.Pointer); ok {
			if arr, ok := p.Elem().Underlying().(*types.Array); ok {
				b, ok := arr.Elem().Underlying().(*types.Basic)
				return ok && b.Kind() == types.Byte
			}
		}
	}
	return false
}

// releasesEntryGuard reports whether a function that returns an entry of
// guarded storage returns with the storage's guard released on every
// path: it takes the guard itself (needs it released at the call) and
// does not leave it held.
func releasesEntryGuard(fact *LockFact) bool {
	e := fact.Entry
	for _, p := range fact.Params {
		if p.Param == e.Param && slices.Equal(p.Path, e.Path) {
			return p.Entry == Released && p.Exit&(Held|ReadHeld) == 0
		}
	}
	return false
}

// lendEvents are the hand-offs of a call to a function that lends a slice
// parameter on (its fact's Retains, Lent): the slice the caller was lent
// itself (yamux's Write hands b to waitForSendErr, which may return on a
// timeout while the send loop still holds it) is shared from the call on.
func (f *Func) lendEvents(instr ssa.CallInstruction, fact *LockFact, args []ssa.Value, pos token.Pos) []Event {
	var evs []Event
	for _, r := range fact.Retains {
		if r.Lent && r.Param < len(args) && len(f.borrowedParams(args[r.Param])) > 0 {
			evs = append(evs, Event{Effect: bufmodel.Handoff, Instr: instr, Pos: pos, Lent: args[r.Param]})
		}
	}
	return evs
}
