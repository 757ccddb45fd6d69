package dataflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

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
	// Renews is set where new storage is made for the data (a make of a
	// scratch slice, a sync.Pool.Get): what was handed off from it before
	// concerns other storage.
	Renews bool
	// ByCall is set for a Reuse that a called function's fact implies
	// (putBuf(b)): Callee names the function.
	ByCall bool
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

// held is the status a guard acquired in mode has.
func held(mode bufmodel.Mode) Status {
	if mode == bufmodel.Shared {
		return ReadHeld
	}
	return Held
}

// callee resolves the function a call invokes, with its arguments in
// parameter order followed by closure bindings. It understands method values
// (b.Unlock bound into a closure) and returns nil for dynamic calls.
func callee(c *ssa.CallCommon) (fn *ssa.Function, args []ssa.Value, bindings []ssa.Value) {
	if c.IsInvoke() {
		return invoked(c)
	}
	switch v := c.Value.(type) {
	case *ssa.Function:
		return v, c.Args, nil
	case *ssa.MakeClosure:
		fn := v.Fn.(*ssa.Function)
		if m, ok := fn.Object().(*types.Func); ok && strings.HasSuffix(fn.Name(), "$bound") && len(v.Bindings) == 1 {
			// A method value: the receiver is bound, the rest are the args.
			// The wrapper's Object is the method, so the model still knows it.
			target := methodFunc(fn.Prog, m)
			if target == nil {
				target = fn
			}
			return target, append([]ssa.Value{v.Bindings[0]}, c.Args...), nil
		}
		return fn, c.Args, v.Bindings
	}
	return nil, nil, nil
}

// methodFunc returns the function of method m that a static call of m
// calls: the package's own, or for a method of an imported type, the one
// the builder makes on demand (buildSSA creates no package for imports
// used only through methods). It is nil for generic methods.
func methodFunc(prog *ssa.Program, m *types.Func) *ssa.Function {
	if fn := prog.FuncValue(m); fn != nil {
		return fn
	}
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	sel := prog.MethodSets.MethodSet(recv.Type()).Lookup(m.Pkg(), m.Name())
	if sel == nil || sel.Obj() != m {
		return nil
	}
	return prog.MethodValue(sel)
}

// invoked resolves an interface method call whose dynamic value is known
// at the call: the interface was made here from a concrete value ("var l
// sync.Locker = &s.mu; l.Lock()"). Methods promoted through embedding are
// not resolved: their receiver is not the value the interface holds.
func invoked(c *ssa.CallCommon) (*ssa.Function, []ssa.Value, []ssa.Value) {
	mi, ok := c.Value.(*ssa.MakeInterface)
	if !ok || mi.Parent() == nil {
		return nil, nil, nil
	}
	prog := mi.Parent().Prog
	sel := prog.MethodSets.MethodSet(mi.X.Type()).Lookup(c.Method.Pkg(), c.Method.Name())
	if sel == nil || len(sel.Index()) != 1 {
		return nil, nil, nil
	}
	fn := prog.MethodValue(sel)
	if fn == nil {
		return nil, nil, nil
	}
	return fn, append([]ssa.Value{mi.X}, c.Args...), nil
}

// modelRow returns the model's row for fn, if it has one.
func modelRow(fn *ssa.Function) (bufmodel.Row, bool) {
	if fn == nil {
		return bufmodel.Row{}, false
	}
	obj, _ := fn.Object().(*types.Func)
	return bufmodel.Lookup(obj)
}

// events returns the effects of instr in f's context, computed once.
func (f *Func) events(instr ssa.Instruction) []Event {
	if evs, ok := f.evcache[instr]; ok {
		return evs
	}
	var evs []Event
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		evs = f.callEvents(instr, instr.Common(), instr.Pos(), false)
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			evs = []Event{{Effect: bufmodel.Join, Instr: instr, Pos: instr.Pos()}}
		}
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Dir == types.RecvOnly {
				evs = []Event{{Effect: bufmodel.Join, Instr: instr, Pos: instr.Pos()}}
				break
			}
		}
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
	if !f.frozen {
		f.evcache[instr] = evs
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
	if row, ok := modelRow(fn); ok && row.Effect&^(bufmodel.Join|bufmodel.NoReturn) != 0 {
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
	if fn != nil {
		evs = append(evs, f.helperEvents(instr, fn, args, bindings, pos, isGo, deferred)...)
	}
	// A range-over-func loop body runs in place, during the iterator call.
	for _, arg := range args {
		if mc, ok := arg.(*ssa.MakeClosure); ok && isYieldBody(mc.Fn.(*ssa.Function)) {
			evs = append(evs, f.helperEvents(instr, mc.Fn.(*ssa.Function), nil, mc.Bindings, pos, false, deferred)...)
		}
	}
	if isGo {
		evs = append(evs, Event{Effect: bufmodel.Spawn, Instr: instr, Pos: pos})
	}
	return evs
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
		ev.Data, ev.GivesAway = f.keyOf(args[1]), true
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
		for _, k := range keys {
			if !k.Valid() {
				continue
			}
			callee := f.a.FuncName(fn)
			evs = append(evs, Event{Effect: bufmodel.Reuse, Instr: instr, Pos: pos, Data: k, GivesAway: r.GivesAway,
				Callee: callee, Method: r.Via, Access: "call to " + callee, ByCall: true, Deferred: deferred,
				HelperPos: fn.Pos(), Literal: fn.Parent() != nil})
		}
	}
	return evs
}

// isYieldBody reports whether fn is the body of a range-over-func loop, which
// the iterator calls in place, with the caller's locks as they are.
func isYieldBody(fn *ssa.Function) bool {
	_, ok := fn.Syntax().(*ast.RangeStmt)
	return ok
}

// funcBody returns the body of a function built from syntax.
func funcBody(fn *ssa.Function) *ast.BlockStmt {
	switch s := fn.Syntax().(type) {
	case *ast.FuncDecl:
		return s.Body
	case *ast.FuncLit:
		return s.Body
	}
	return nil
}

// numParams returns the number of SSA parameters of fn, receiver included,
// from its signature: functions of other packages have no Params.
func numParams(fn *ssa.Function) int {
	n := fn.Signature.Params().Len()
	if fn.Signature.Recv() != nil {
		n++
	}
	return n
}

// mayJoin reports whether the call may wait for other goroutines; see
// bufmodel.MayJoin. args are the callee's arguments as callee returns them
// (a method's receiver first); the receiver does not count as handed to the
// call: wg.Add does not wait, wg.Wait does. A dynamic call is judged by its
// arguments.
func mayJoin(fn *ssa.Function, args []ssa.Value, c *ssa.CallCommon) bool {
	var obj *types.Func
	switch {
	case fn != nil:
		obj, _ = fn.Object().(*types.Func)
		if fn.Signature.Recv() != nil && len(args) > 0 {
			args = args[1:]
		}
	default:
		args = c.Args // invoke mode: the receiver is c.Value, not in Args
	}
	ts := make([]types.Type, len(args))
	for i, a := range args {
		ts[i] = a.Type()
	}
	return bufmodel.MayJoin(obj, ts)
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
