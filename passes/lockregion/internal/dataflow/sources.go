package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file follows a value back to the producers whose data it may
// alias: through local variables held in memory, the stores that reach a
// load, and the fields of a struct value made here.

// Sources returns the Produce calls (Bytes) whose data v may alias: v is
// such a call, or derived from one as FlowOf says, through local variables,
// phis and closure captures.
func (f *Func) Sources(v ssa.Value) []ssa.Value {
	if s, ok := f.srcs[v]; ok {
		return s
	}
	if f.pinless() {
		return nil // no producer in this context or an enclosing one
	}
	s := compact(f.sources(v, map[ssa.Value]bool{}))
	if !f.frozen {
		f.srcs[v] = s // only whole answers are kept: one cut short by a cycle is not
	}
	return s
}

func (f *Func) sources(v ssa.Value, seen map[ssa.Value]bool) []ssa.Value {
	if seen[v] {
		return nil
	}
	seen[v] = true
	if _, ok := f.pinned(v); ok {
		return []ssa.Value{v} // a producer: Bytes(), a guarded field's load, pool.Get()
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		return f.loadSources(v, seen) // the address of a variable holding a reference
	case *ssa.UnOp:
		if alloc, ok := v.X.(*ssa.Alloc); ok && v.Op == token.MUL && !addressEscapes(alloc) {
			// A load of a local variable yields what the stores that reach
			// it stored, not everything ever stored: the result slot of a
			// function with defers holds nil on one path and p on another.
			var out []ssa.Value
			for _, val := range reachingStores(v, alloc) {
				out = append(out, f.sources(val, seen)...)
			}
			return out
		}
	case *ssa.FreeVar:
		if f.parent != nil {
			if i := slices.Index(f.Fn.FreeVars, v); i >= 0 && i < len(f.bindings) {
				return f.parent.Sources(f.bindings[i])
			}
		}
		return nil
	case *ssa.Parameter:
		if f.parent != nil {
			if i := slices.Index(f.Fn.Params, v); i >= 0 && i < len(f.args) {
				return f.parent.Sources(f.args[i])
			}
		}
		return nil
	}
	if call, index := resultIndex(v); call != nil {
		// A function that returns (an object holding) a slice it was
		// given: its result aliases the argument.
		var out []ssa.Value
		for _, arg := range f.passedArgs(call, index) {
			out = append(out, f.sources(arg, seen)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, p := range instr.Operands(nil) {
		if p != nil && *p != nil && FlowOf(instr, *p)&Derive != 0 {
			out = append(out, f.sources(*p, seen)...)
		}
	}
	return out
}

// loadSources returns the sources of what a load from addr may yield, when
// addr is a local variable that lives in memory: one captured by a closure
// or whose address is taken.
func (f *Func) loadSources(addr *ssa.Alloc, seen map[ssa.Value]bool) []ssa.Value {
	var out []ssa.Value
	for _, v := range storedInto(addr) {
		out = append(out, f.sources(v, seen)...)
	}
	return out
}

// heldSources returns the sources of the aliases a struct value holds in
// its fields, when it is loaded from a local variable the function made
// (ReadPacket{buf[:n], from}): handing the struct to another goroutine
// hands them too.
func (f *Func) heldSources(v ssa.Value) []ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	alloc, ok := load.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	if _, isStruct := load.Type().Underlying().(*types.Struct); !isStruct {
		return nil
	}
	var out []ssa.Value
	for _, val := range fieldStores(alloc) {
		out = append(out, f.Sources(val)...)
	}
	return out
}

// fieldStores returns the values stored into the fields of the object
// alloc, one the function made (T{buf[:n], from}, or t.f = v).
func fieldStores(alloc ssa.Value) []ssa.Value {
	var out []ssa.Value
	for _, r := range *alloc.Referrers() {
		if fa, ok := r.(*ssa.FieldAddr); ok && fa.X == alloc {
			out = append(out, storedInto(fa)...)
		}
	}
	return out
}

// addressEscapes reports whether the address of a local variable is used
// other than by loads and stores of its own, so that it may be written
// where this function cannot see (a closure, a callee).
func addressEscapes(alloc *ssa.Alloc) bool { return addressUsedBeyond(alloc, false) }

// addressUsedBeyond reports whether the address of a local variable is
// used other than by its own loads and stores, and, with readers, by
// closures that capture it only to read it.
func addressUsedBeyond(alloc *ssa.Alloc, readers bool) bool {
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return true
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return true
			}
		case *ssa.MakeClosure:
			if !readers || !capturedReadOnly(r, alloc, 0) {
				return true // a closure may store another object into it
			}
		case *ssa.DebugRef:
		default:
			return true
		}
	}
	return false
}

// reachingStores returns the values stored into alloc by the stores that
// may reach load: on each path back from load, the nearest store. A path
// that reaches the entry without a store contributes the zero value, which
// refers to nothing.
func reachingStores(load ssa.Instruction, alloc *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	seen := map[*ssa.BasicBlock]bool{}
	// lastStore scans instrs backwards for a store to alloc.
	lastStore := func(instrs []ssa.Instruction) (ssa.Value, bool) {
		for i := len(instrs) - 1; i >= 0; i-- {
			if st, ok := instrs[i].(*ssa.Store); ok && st.Addr == alloc {
				return st.Val, true
			}
		}
		return nil, false
	}
	b := load.Block()
	if v, ok := lastStore(b.Instrs[:index(b, load)]); ok {
		return []ssa.Value{v}
	}
	stack := slices.Clone(b.Preds)
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[p] {
			continue
		}
		seen[p] = true
		if v, ok := lastStore(p.Instrs); ok {
			out = append(out, v)
			continue
		}
		stack = append(stack, p.Preds...)
	}
	return out
}

// index returns the position of instr in its block.
func index(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return len(b.Instrs)
}

// storedInto returns the values stored into a local variable that lives in
// memory (one captured by a closure, or whose address is taken), or into
// one of its fields.
func storedInto(alloc ssa.Value) []ssa.Value {
	var vs []ssa.Value
	for _, r := range *alloc.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
			vs = append(vs, st.Val)
		}
	}
	return vs
}

func compact(vs []ssa.Value) []ssa.Value {
	if len(vs) < 2 {
		return vs
	}
	seen := map[ssa.Value]bool{}
	out := vs[:0]
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
