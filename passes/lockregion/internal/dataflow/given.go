package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file derives the objects a function gives back to a pool. After
// pool.Put(x), or a call to a helper whose fact says it puts x, the next
// Get may hand x to another goroutine: reading *x, a field or a method of
// x, or putting it back again, races with that goroutine. Slices of a
// buffer from pool.Get are aliases of it already; x itself is one only
// from here, whatever made it (a parameter, a field's value, a result).

// givenValue returns the object a Put hands over when v is its argument:
// v without its conversion to any, when it can refer to memory (a
// pointer, a slice, a map). Constants, globals and functions are not an
// object the function holds.
func givenValue(v ssa.Value) ssa.Value {
	for {
		switch c := v.(type) {
		case *ssa.MakeInterface:
			v = c.X
			continue
		case *ssa.ChangeInterface:
			v = c.X
			continue
		case *ssa.ChangeType:
			v = c.X
			continue
		}
		break
	}
	switch x := v.(type) {
	case *ssa.Const, *ssa.Global, *ssa.Function, *ssa.FreeVar:
		return nil
	case *ssa.UnOp:
		if alloc, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL && addressEscapes(alloc) {
			// A variable a closure captures: every load of it is the
			// object put back, unless something stores another there.
			if !assignedOnce(alloc) {
				return nil
			}
			return alloc
		}
	}
	if !isReference(v.Type()) && !isMap(v) {
		return nil
	}
	return v
}

// givenArg returns the object a helper fn's fact says it gives back, from
// the argument (or closure binding) arg and the fact's path: the argument
// itself or, for the binding of free variable fv (fv >= 0), the variable
// it captures, when fn never stores into it (a literal that puts c and
// then sets c = nil, or c = newConn(), gives back only the old value).
// An address handed as an argument (acquire(&ctx)) is not followed: the
// helper may store a new object there.
func givenArg(fn *ssa.Function, fv int, arg ssa.Value, path []Step) ssa.Value {
	switch {
	case len(path) == 0:
		return givenValue(arg)
	case len(path) == 1 && path[0].Op == Load && fv >= 0 && fv < len(fn.FreeVars):
		if alloc, ok := arg.(*ssa.Alloc); ok && addressEscapes(alloc) && assignedOnce(alloc) {
			return alloc
		}
	}
	return nil
}

// assignedOnce reports whether the variable alloc, captured by closures,
// is assigned once (its declaration) and never again, here or in the
// closures, and its address is handed to nothing else: every load of it
// yields the same object.
func assignedOnce(alloc *ssa.Alloc) bool {
	stores := 0
	for _, ref := range *alloc.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Addr == alloc {
				stores++
			}
		case *ssa.UnOp, *ssa.DebugRef:
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == alloc && i < len(fn.FreeVars) && storesInto(fn, fn.FreeVars[i]) {
					return false
				}
			}
		default:
			return false // handed to a call, stored elsewhere: anyone may assign it
		}
	}
	return stores <= 1
}

// storesInto reports whether fn stores into the variable addr.
func storesInto(fn *ssa.Function, addr ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == addr {
				return true
			}
		}
	}
	return false
}

// reportsGiving reports whether fn has a boolean result: a helper that
// puts its argument back only on some paths often says whether it did
// (if done := wr.recycleIfDone(); !done { use wr }), and the caller's
// uses on the other branch are its own.
func reportsGiving(fn *ssa.Function) bool {
	res := fn.Signature.Results()
	for i := range res.Len() {
		if b, ok := res.At(i).Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			return true
		}
	}
	return false
}

func isMap(v ssa.Value) bool {
	_, ok := v.Type().Underlying().(*types.Map)
	return ok
}

// pinGiven makes each object given back to a pool its own alias, pinned
// by the data the Put gives away, unless it is an alias already (a buffer
// from pool.Get): uses after the Put are then uses of a dead alias. The
// instruction that defines it makes it anew, so that a loop's next value
// (for _, b := range bufs { pool.Put(b) }) is not the one put before.
func (f *Func) pinGiven() {
	given := func(evs []Event) {
		for _, ev := range evs {
			v := ev.Given
			if v == nil || !ev.Data.Valid() {
				continue
			}
			if _, ok := f.pinned(v); ok || len(f.Sources(v)) > 0 {
				continue
			}
			f.pins[v] = aliasPin{kind: Data, key: ev.Data, self: true, given: true}
			if instr, ok := v.(ssa.Instruction); ok {
				f.evcache[instr] = append(f.evcache[instr], Event{Effect: bufmodel.Produce, Instr: instr, Pos: v.Pos(),
					Alias: v, Data: ev.Data, Renews: true})
			}
		}
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			given(f.evcache[instr])
			if d, ok := instr.(*ssa.Defer); ok {
				given(f.defcache[d])
			}
		}
	}
}

// holdGiven makes live at entry the objects given back to a pool that
// nothing in the function defines (its parameters): the Put kills them,
// and a path that never reaches it leaves them live.
func (f *Func) holdGiven(st *State) {
	for v, p := range f.pins {
		if _, defined := v.(ssa.Instruction); p.given && !defined {
			st.set(Alias, Key{Root: v}, Cell{S: Held})
		}
	}
}

// GivesBack reports whether instr gives v back to a pool (directly, or
// through a helper whose fact says so): giving it back twice is a use of
// what was given back the first time.
func (f *Func) GivesBack(instr ssa.Instruction, v ssa.Value) bool {
	for _, ev := range f.events(instr) {
		if ev.GivesAway && ev.Given != nil && slices.Contains(f.Sources(ev.Given), v) {
			return true
		}
	}
	return false
}

// SameReference reports whether v is the reference src itself, converted
// (to an interface, another named type) or merged by a phi, or loaded
// from the variable src when src is one: not a pointer into what src
// refers to.
func SameReference(v, src ssa.Value) bool {
	seen := map[ssa.Value]bool{}
	var same func(ssa.Value) bool
	same = func(v ssa.Value) bool {
		if v == src {
			return true
		}
		if seen[v] {
			return false
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.MakeInterface:
			return same(x.X)
		case *ssa.ChangeType:
			return same(x.X)
		case *ssa.ChangeInterface:
			return same(x.X)
		case *ssa.TypeAssert:
			return same(x.X)
		case *ssa.Phi:
			return slices.ContainsFunc(x.Edges, same)
		}
		return false
	}
	return same(v)
}
