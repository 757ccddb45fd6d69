package dataflow

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file finds the calls that cannot return on the path that reaches
// them: a call to a function that never returns when its argument is not
// nil (a test's require_NoError(t, err), a must(err) that panics), made
// where that argument was just found not nil. The solver propagates no
// state out of such a block: nothing after the call runs on that path.

// failsOn returns the indices of fn's parameters (errors, interfaces,
// pointers) for which fn never returns when the argument is not nil: every
// return of fn lies past a test of the parameter against nil, and the
// branch where it is not nil reaches no return (it ends in a call that
// never returns, or a panic).
func failsOn(fn *ssa.Function) []int {
	if len(fn.Blocks) == 0 {
		return nil
	}
	var returns []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			returns = append(returns, b)
		}
	}
	var out []int
	for i, p := range fn.Params {
		if !nillable(p.Type()) {
			continue
		}
		for _, b := range fn.Blocks {
			s := nonNilSucc(b, p)
			if s == nil || !dominatesAll(b, returns) || reachesReturn(s) {
				continue
			}
			out = append(out, i)
			break
		}
	}
	return out
}

// nonNilSucc returns the successor of b taken when v is not nil, when b
// ends by testing v against nil and that successor is entered from b only.
func nonNilSucc(b *ssa.BasicBlock, v ssa.Value) *ssa.BasicBlock {
	ifs, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || len(b.Succs) != 2 {
		return nil
	}
	tested, nonNil, ok := nilTest(ifs)
	if !ok || tested != v {
		return nil
	}
	s := b.Succs[nonNil]
	if len(s.Preds) != 1 {
		return nil
	}
	return s
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

func nillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Interface, *types.Pointer:
		return true
	}
	return false
}

func dominatesAll(b *ssa.BasicBlock, blocks []*ssa.BasicBlock) bool {
	for _, r := range blocks {
		if !b.Dominates(r) {
			return false
		}
	}
	return len(blocks) > 0
}

// reachesReturn reports whether a return is reachable from b.
func reachesReturn(b *ssa.BasicBlock) bool {
	return returnReachable([]*ssa.BasicBlock{b}, func(x *ssa.BasicBlock) bool {
		return !endsInReturn(x) && invokesNoReturn(x)
	})
}

// returnReachable reports whether a block that ends in a return is
// reachable from the blocks from, through blocks that blocked does not
// stop (a stopped block's own return does not count).
func returnReachable(from []*ssa.BasicBlock, blocked func(*ssa.BasicBlock) bool) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := slices.Clone(from)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		if blocked(x) {
			continue
		}
		if endsInReturn(x) {
			return true
		}
		work = append(work, x.Succs...)
	}
	return false
}

// endsInReturn reports whether b's last instruction is a return.
func endsInReturn(b *ssa.BasicBlock) bool {
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	return ok
}

// pathEnds reports, per block of f, whether it ends the path that reaches
// it (endsPath): decided once, before solving, since it depends on no state.
func (f *Func) pathEnds() []bool {
	out := make([]bool, len(f.Fn.Blocks))
	for i, b := range f.Fn.Blocks {
		out[i] = f.endsPath(b)
	}
	return out
}

// endsPath reports whether block b of f cannot be left on the path that
// reaches it: it calls, through an interface, a method that never returns
// (t.Fatalf on a testing.TB), or a function of the package that never
// returns when an argument is not nil (failsOn), where a test of that
// argument against nil that dominates b found it not nil.
func (f *Func) endsPath(b *ssa.BasicBlock) bool {
	if invokesNoReturn(b) {
		return true
	}
	for _, instr := range b.Instrs {
		call, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		callee := call.Call.StaticCallee()
		if callee == nil || callee.Pkg != f.Fn.Pkg {
			continue
		}
		for _, i := range f.a.failsOn(callee) {
			if i < len(call.Call.Args) && knownNonNil(b, call.Call.Args[i]) {
				return true
			}
		}
	}
	return false
}

// knownNonNil reports whether v is not nil wherever b runs: b is
// dominated by the branch of a test of v against nil where it is not.
func knownNonNil(b *ssa.BasicBlock, v ssa.Value) bool {
	for d := b; d != nil; d = d.Idom() {
		if len(d.Preds) == 1 && nonNilSucc(d.Preds[0], v) == d {
			return true
		}
	}
	return false
}

// failsOn caches failsOn per function of the package.
func (a *Package) failsOn(fn *ssa.Function) []int {
	if a.fails == nil {
		a.fails = map[*ssa.Function][]int{}
	}
	if out, ok := a.fails[fn]; ok {
		return out
	}
	out := failsOn(fn)
	a.fails[fn] = out
	return out
}

// invokesNoReturn reports whether b calls, through an interface, a method
// that never returns (t.Fatalf on a testing.TB): go/ssa ends blocks after
// static calls of such functions only.
func invokesNoReturn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if call, ok := instr.(ssa.CallInstruction); ok && call.Common().IsInvoke() && bufmodel.NoReturnFunc(call.Common().Method) {
			return true
		}
	}
	return false
}
