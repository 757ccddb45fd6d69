package dataflow

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file answers whether a function that gives an object kept in a
// field of its receiver back to a pool leaves it there: a Close that puts
// b.buf back and keeps b.buf set puts it again when it is called again (an
// HTTP transport may close a request body twice), and two later Gets hand
// the same buffer to two owners.

// LeftInField reports whether ev, a Reuse that gives away an object kept
// in a field of f's receiver, leaves it there on return: f stores nothing
// into the field or the struct holding it, and takes no guard against a
// second call (a flag of the receiver it tests and sets, a
// CompareAndSwap on a field of it, the body run by a sync.Once is not
// f's own).
func (f *Func) LeftInField(ev Event) bool {
	if !ev.GivesAway || len(f.Fn.Params) == 0 || ev.Data.Root != f.Fn.Params[0] {
		return false
	}
	steps := ev.Data.Path.Steps()
	if len(steps) < 2 || steps[len(steps)-1].Op != Load {
		return false // the receiver itself, or not a field's value
	}
	field := PathOf(steps[:len(steps)-1])
	if ev.ByCall && !ev.Literal && !f.handsValue(ev) {
		return false // a method of the receiver gives it away: whether it clears the field is its own business (gz.close())
	}
	stored := map[Key]bool{}
	var tested []ssa.Value
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				k := f.keyOf(x.Addr)
				if k.Root == ev.Data.Root && isPrefix(k.Path, field) {
					return false // the field, or the struct holding it, is set again
				}
				stored[k] = true
			case *ssa.If:
				tested = append(tested, x.Cond)
			}
		}
	}
	for _, cond := range tested {
		if f.testsReceiverFlag(cond, stored, 3) {
			return false
		}
	}
	return true
}

// handsValue reports whether the call of ev is handed the object it
// gives away as it is (putBuf(r.buf)), rather than what holds it.
func (f *Func) handsValue(ev Event) bool {
	call, ok := ev.Instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	for _, a := range call.Common().Args {
		if f.keyOf(a) == ev.Data {
			return true
		}
	}
	return false
}

// testsReceiverFlag reports whether cond depends on a field of the
// receiver that the function also stores into (if c.closed { return };
// c.closed = true), or on a call handed the address of a field of the
// receiver (atomic.CompareAndSwapInt32(&c.closed, 0, 1)).
func (f *Func) testsReceiverFlag(cond ssa.Value, stored map[Key]bool, depth int) bool {
	if depth == 0 {
		return false
	}
	recv := f.Fn.Params[0]
	switch x := cond.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			k := f.keyOf(x.X)
			return k.Root == recv && stored[k]
		}
		return f.testsReceiverFlag(x.X, stored, depth-1)
	case *ssa.BinOp:
		return f.testsReceiverFlag(x.X, stored, depth-1) || f.testsReceiverFlag(x.Y, stored, depth-1)
	case *ssa.Call:
		for _, a := range x.Call.Args {
			if fa, ok := a.(*ssa.FieldAddr); ok && f.keyOf(fa).Root == recv {
				return true
			}
		}
		if x.Call.IsInvoke() || x.Call.StaticCallee() == nil {
			return false
		}
		// A method of a field of the receiver (c.closed.CompareAndSwap).
		if len(x.Call.Args) > 0 {
			if fa, ok := x.Call.Args[0].(*ssa.FieldAddr); ok && f.keyOf(fa).Root == recv {
				return true
			}
		}
	}
	return false
}

// isPrefix reports whether p is a prefix of q.
func isPrefix(p, q Path) bool {
	ps, qs := p.Steps(), q.Steps()
	return len(ps) <= len(qs) && slices.Equal(ps, qs[:len(ps)])
}
