package lockregion

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// EventKind says what an instruction does to the resources the engine tracks.
type EventKind uint8

const (
	EvLock    EventKind = iota // Buffer.Lock
	EvTryLock                  // Buffer.TryLock: held on its success branch only
	EvUnlock                   // Buffer.Unlock
	EvAccess                   // a data accessor (Len, Bytes, View); View also creates a view
	EvResize                   // Buffer.Resize
	EvRelease                  // View.Release
	EvHelper                   // a call to a function with a LockFact for Lock
	EvGo                       // a go statement (its sharing of view data is applied here)
	EvJoin                     // a wait for goroutines (WaitGroup.Wait, a receive)
)

// An Event is one effect of an instruction.
type Event struct {
	Kind  EventKind
	Instr ssa.Instruction
	Pos   token.Pos // where to report it; for a deferred call, the defer statement
	Lock  Key       // the buffer whose lock the event concerns (zero if unknown)
	View  Key       // the view, for view methods and exports
	// Callee is the method ("Buffer.Len") or helper ("pkg.helper") called.
	Callee string
	// NewView is set for Buffer.View: View is the view it creates.
	NewView bool
	// Alias is the value a Bytes call returns (the alias it creates).
	Alias ssa.Value
	// Helper is the callee's summary for Lock, for EvHelper, and
	// HelperPos where the callee is declared.
	Helper    *ParamLock
	HelperPos token.Pos
	// Literal is set when the helper is a function literal; the literal is
	// analyzed in the caller's context too, so its problems are found inside.
	Literal bool
	// Go is set for calls made by a go statement: they start a goroutine
	// without the caller's lock.
	Go bool
	// Deferred is set for calls registered by defer, which run at return.
	Deferred bool
}

// callee resolves the function a call invokes, with its arguments in
// parameter order followed by closure bindings. It understands method values
// (b.Unlock bound into a closure) and returns nil for dynamic calls.
func callee(c *ssa.CallCommon) (fn *ssa.Function, args []ssa.Value, bindings []ssa.Value) {
	if c.IsInvoke() {
		return nil, nil, nil
	}
	switch v := c.Value.(type) {
	case *ssa.Function:
		return v, c.Args, nil
	case *ssa.MakeClosure:
		fn := v.Fn.(*ssa.Function)
		if m, ok := fn.Object().(*types.Func); ok && strings.HasSuffix(fn.Name(), "$bound") && len(v.Bindings) == 1 {
			// A method value: the receiver is bound, the rest are the args.
			// The wrapper's Object is the method, so the model still knows it.
			target := fn.Prog.FuncValue(m)
			if target == nil {
				target = fn
			}
			return target, append([]ssa.Value{v.Bindings[0]}, c.Args...), nil
		}
		return fn, c.Args, v.Bindings
	}
	return nil, nil, nil
}

// apiMethod returns the buffer API method fn is, if any.
func apiMethod(fn *ssa.Function) *types.Func {
	if fn == nil {
		return nil
	}
	if f, ok := fn.Object().(*types.Func); ok && bufmodel.Classify(f.Origin()) != bufmodel.OpNone {
		return f.Origin()
	}
	return nil
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
			evs = []Event{{Kind: EvJoin, Instr: instr, Pos: instr.Pos()}}
		}
	case *ssa.Select:
		for _, st := range instr.States {
			if st.Dir == types.RecvOnly {
				evs = []Event{{Kind: EvJoin, Instr: instr, Pos: instr.Pos()}}
				break
			}
		}
	}
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
	if m := apiMethod(fn); m != nil {
		if isGo || len(args) == 0 {
			return nil // "go b.Unlock()" has no place in the protocol; ignore it
		}
		ev := Event{Instr: instr, Pos: pos, Callee: bufmodel.Name(m), Deferred: deferred}
		recv := f.keyOf(args[0])
		if bufmodel.OnView(m) {
			ev.View = recv
			ev.Lock = f.ownerOf(recv)
		} else {
			ev.Lock = recv
		}
		switch bufmodel.Classify(m) {
		case bufmodel.OpLock:
			ev.Kind = EvLock
		case bufmodel.OpTryLock:
			ev.Kind = EvTryLock
		case bufmodel.OpUnlock:
			ev.Kind = EvUnlock
		case bufmodel.OpAccess, bufmodel.OpExport:
			ev.Kind = EvAccess
			if call, ok := instr.(*ssa.Call); ok {
				if bufmodel.Classify(m) == bufmodel.OpExport {
					ev.View, ev.NewView = Key{Root: call}, true
				}
				switch bufmodel.Returns(m) {
				case bufmodel.PinnedByLock:
					ev.Alias = call
					f.pins[call] = aliasPin{LockOf, ev.Lock}
				case bufmodel.PinnedByView:
					ev.Alias = call
					f.pins[call] = aliasPin{ViewOf, ev.View}
				}
			}
		case bufmodel.OpResize:
			ev.Kind = EvResize
		case bufmodel.OpRelease:
			ev.Kind = EvRelease
		default:
			return nil
		}
		if !ev.Lock.Valid() && !ev.View.Valid() {
			return nil
		}
		return []Event{ev}
	}
	if !isGo && mayJoin(fn, args, c) {
		evs = append(evs, Event{Kind: EvJoin, Instr: instr, Pos: pos, Deferred: deferred})
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
		evs = append(evs, Event{Kind: EvGo, Instr: instr, Pos: pos})
	}
	return evs
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
				k = f.rebase(args[p.Param], p.Path)
			}
		} else if j := p.Param - nparams; j < len(bindings) {
			k = f.rebase(bindings[j], p.Path)
		}
		if k.Valid() {
			evs = append(evs, Event{Kind: EvHelper, Instr: instr, Pos: pos, Lock: k,
				Callee: f.a.funcName(fn), Helper: p, HelperPos: fn.Pos(), Literal: fn.Parent() != nil, Go: isGo, Deferred: deferred})
		}
	}
	return evs
}

// funcName names a function for messages: "helper", "pkg.helper",
// "(*T).method", "T.method" or "the function literal at line N".
func (a *pkgAnalysis) funcName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the function literal at line " + strconv.Itoa(a.pass.Fset.Position(fn.Pos()).Line)
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return fn.Name()
	}
	qual := func(p *types.Package) string {
		if p == a.pass.Pkg {
			return ""
		}
		return p.Name()
	}
	if recv := obj.Type().(*types.Signature).Recv(); recv != nil {
		t := types.TypeString(recv.Type(), qual)
		if strings.HasPrefix(t, "*") {
			t = "(" + t + ")"
		}
		return t + "." + obj.Name()
	}
	if q := qual(obj.Pkg()); q != "" {
		return q + "." + obj.Name()
	}
	return obj.Name()
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
