package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file finds the C memory a store goes into, and the Go data pinned
// for C by a runtime.Pinner.

// CPlaces are the fields and globals that hold pointers into C memory,
// each with the cgo call that allocated what one of them holds: a Go
// struct keeping a C struct (e.raw = C.newImage()), a global C array.
type CPlaces map[types.Object]ssa.CallInstruction

// FindCPlaces returns the fields and globals the functions fns store C
// memory into.
func FindCPlaces(fns []*ssa.Function) CPlaces {
	out := CPlaces{}
	callsC := false
	eachCall(fns, func(call ssa.CallInstruction) {
		if fn := call.Common().StaticCallee(); fn != nil && bufmodel.IsCgoFunc(fn.Name()) {
			callsC = true
		}
	})
	if !callsC {
		return out // no C memory to keep
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if place := PlaceOf(st.Addr); place != nil && out[place] == nil {
					if call := out.cMemory(st.Val, map[ssa.Value]bool{}); call != nil {
						out[place] = call
					}
				}
			}
		}
	}
	return out
}

// CMemory returns the cgo call that allocated the memory addr is into, or
// nil; see cMemory.
func (cp CPlaces) CMemory(addr ssa.Value) ssa.CallInstruction {
	return cp.cMemory(addr, map[ssa.Value]bool{})
}

// cMemory returns the cgo call that allocated the memory addr is into
// (C.malloc, a C function returning a pointer), reached through locals,
// conversions, slices over it, and the fields and globals of cp; or nil.
func (cp CPlaces) cMemory(addr ssa.Value, seen map[ssa.Value]bool) ssa.CallInstruction {
	if seen[addr] || len(seen) > 256 {
		return nil // a loop (p = p.next), or further than worth following
	}
	seen[addr] = true
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return cp.cMemory(a.X, seen)
	case *ssa.IndexAddr:
		return cp.cMemory(a.X, seen)
	case *ssa.Slice:
		return cp.cMemory(a.X, seen)
	case *ssa.Convert:
		return cp.cMemory(a.X, seen)
	case *ssa.ChangeType:
		return cp.cMemory(a.X, seen)
	case *ssa.Call:
		if b, ok := a.Call.Value.(*ssa.Builtin); ok && (b.Name() == "Add" || b.Name() == "Slice") && len(a.Call.Args) > 0 {
			return cp.cMemory(a.Call.Args[0], seen)
		}
		fn := a.Call.StaticCallee()
		switch {
		case fn == nil:
		case bufmodel.IsCgoFunc(fn.Name()):
			return a
		case fn.Parent() != nil:
			// cgo wraps a C call whose arguments it checks in a function
			// literal called in place: the C call is what it returns.
			for _, b := range fn.Blocks {
				if len(b.Instrs) == 0 {
					continue
				}
				if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
					if call := cp.cMemory(ret.Results[0], seen); call != nil {
						return a
					}
				}
			}
		}
	case *ssa.UnOp:
		if a.Op != token.MUL {
			break
		}
		// A local variable holding the pointer (one a deferred C.free
		// captures lives on the heap).
		if alloc, ok := a.X.(*ssa.Alloc); ok {
			for _, v := range storedInto(alloc) {
				if call := cp.cMemory(v, seen); call != nil {
					return call
				}
			}
			break
		}
		// A field or a global some function stored C memory into.
		if place := PlaceOf(a.X); place != nil {
			return cp[place]
		}
	}
	return nil
}

// PinnedData returns the Go data fn pins with a runtime.Pinner, by
// DataKey.
func PinnedData(fn *ssa.Function) map[any]bool {
	out := map[any]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || !bufmodel.IsPin(funcObject(callee)) {
				continue
			}
			args := call.Common().Args
			if len(args) < 2 {
				continue // Pin's receiver and its argument
			}
			for _, a := range args[1:] {
				if mi, ok := a.(*ssa.MakeInterface); ok {
					a = mi.X
				}
				if d := dataRoot(a, 0); d != nil {
					out[DataKey(d)] = true
				}
			}
		}
	}
	return out
}

// fieldOfValue is the field of the value base is (a load of) a pointer
// to: d.payload, read twice, is one field.
type fieldOfValue struct {
	base  any
	field int
}

// DataKey identifies Go data across loads: a load of a field is keyed by
// the key of the value it is a field of and the field, a load of a local
// variable (a receiver cgo's checks capture) by the variable, anything
// else by itself.
func DataKey(v ssa.Value) any { return dataKey(v, 0) }

func dataKey(v ssa.Value, depth int) any {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL && depth < 8 {
		switch x := load.X.(type) {
		case *ssa.FieldAddr:
			return fieldOfValue{dataKey(x.X, depth+1), x.Field}
		case *ssa.Alloc:
			return x
		}
	}
	return v
}

// PassedArg returns the pointer the argument v of a call was made from,
// through conversions and, when it is a load of a variable captured from
// the enclosing function (cgo's wrapper of a C call copies its arguments
// in a function literal: _cgo0 := h), the one value that function stores
// into that variable.
func PassedArg(v ssa.Value) ssa.Value {
	v = stripConversions(v)
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return v
	}
	fv, ok := load.X.(*ssa.FreeVar)
	if !ok {
		return v
	}
	bs := bindings(fv)
	if len(bs) != 1 {
		return v
	}
	alloc, ok := bs[0].(*ssa.Alloc)
	if !ok || addressEscapesBeyondClosures(alloc) {
		return v
	}
	if stored := storedInto(alloc); len(stored) == 1 {
		return stripConversions(stored[0])
	}
	return v
}

// PinsAny reports whether fn, or a function it is a literal of, pins
// anything with a runtime.Pinner: what it hands C may be pinned.
func PinsAny(fn *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					if callee := call.Common().StaticCallee(); callee != nil && bufmodel.IsPin(funcObject(callee)) {
						return true
					}
				}
			}
		}
	}
	return false
}

// PassedPointee returns the type of what the argument v of a call points
// to, through the conversions it went through (unsafe.Pointer(&x) points
// to x's type), or nil when v is not made from a typed pointer.
func PassedPointee(v ssa.Value) types.Type {
	if p, ok := stripConversions(v).Type().Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return nil
}
