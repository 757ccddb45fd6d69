package dataflow

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file resolves what a call calls: static callees, method values,
// interface calls on values made in place, model rows, and calls that may
// wait for other goroutines.

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
