package dataflow

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// This file finds the types whose values a package hands, by address, to
// the system or to C: the structs and arrays the kernel or a C library
// reads (credential blobs, attribute arrays, bpf attributes). A uintptr
// field of such a value holding a Go address is a reference the callee
// follows and the collector does not see.

// HandedTypes maps a struct or array type to the calls that hand a value
// of it, by address, to the system or to C.
type HandedTypes struct{ m typeutil.Map }

// A Handing is a call that hands a value, by address, to the system or to
// C: a system call or a C function itself (Via is empty), or a function
// whose fact says it hands that argument on to Via.
type Handing struct {
	Call ssa.CallInstruction
	Via  string
}

// Call returns a call that hands values of t to the system or to C, one
// in the function in if there is one; its Call is nil when there is none.
func (h *HandedTypes) Call(t types.Type, in *ssa.Function) Handing {
	if t == nil {
		return Handing{}
	}
	all, _ := h.m.At(t).([]Handing)
	for _, by := range all {
		if by.Call.Parent() == in {
			return by
		}
	}
	if len(all) == 0 {
		return Handing{}
	}
	return all[0]
}

// add records a handing of t, and reports whether t was not handed
// before.
func (h *HandedTypes) add(t types.Type, by Handing) bool {
	all, _ := h.m.At(t).([]Handing)
	if slices.ContainsFunc(all, func(x Handing) bool { return x.Call == by.Call }) {
		return false
	}
	h.m.Set(t, append(all, by))
	return len(all) == 0
}

// FindHandedTypes returns the types whose values fns hand by address to a
// system call or a C function: directly (uintptr(unsafe.Pointer(&attr))),
// through a function of this or another package whose fact (addresses)
// says it hands that parameter on (bpfCall(cmd, unsafe.Pointer(&attr))),
// and through a uintptr field of a handed value that holds the address of
// a slice or array of them.
func FindHandedTypes(fns []*ssa.Function, addresses func(*ssa.Function) []facts.ParamAddress) *HandedTypes {
	h := &HandedTypes{}
	eachCall(fns, func(call ssa.CallInstruction) {
		args := call.Common().Args
		if systemCall(call) {
			for _, a := range args {
				if t := pointedComposite(stripConversions(a)); t != nil {
					h.add(t, Handing{Call: call})
				}
			}
			return
		}
		callee := call.Common().StaticCallee()
		if callee == nil {
			return
		}
		for _, pa := range addresses(callee) {
			if pa.Via != "" && pa.Param < len(args) {
				if t := pointedComposite(stripConversions(args[pa.Param])); t != nil {
					h.add(t, Handing{Call: call, Via: pa.Via})
				}
			}
		}
	})
	// A handed value's uintptr field holding the address of an array of
	// structs hands those too (a credential's attribute array).
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					st, ok := instr.(*ssa.Store)
					if !ok || !bufmodel.IsInteger(st.Val.Type()) {
						continue
					}
					by := h.Call(ContainerType(st.Addr), fn)
					if by.Call == nil {
						continue
					}
					for _, o := range UintptrOrigins(st.Val) {
						if o.Data != nil {
							if e := elemType(o.Data.Type()); e != nil && h.add(e, by) {
								changed = true
							}
						}
					}
				}
			}
		}
	}
	return h
}

// ContainerType returns the struct or array type a store address is a
// field or an element of, or nil.
func ContainerType(addr ssa.Value) types.Type {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return pointedComposite(a.X)
	case *ssa.IndexAddr:
		if t := pointedComposite(a.X); t != nil {
			return t // an array
		}
	}
	return nil
}

// eachCall calls f for every call instruction of fns.
func eachCall(fns []*ssa.Function, f func(ssa.CallInstruction)) {
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					f(call)
				}
			}
		}
	}
}

// stripConversions returns v without the conversions between pointer,
// unsafe.Pointer and integer types it went through.
func stripConversions(v ssa.Value) ssa.Value {
	for range 8 {
		switch c := v.(type) {
		case *ssa.Convert:
			v = c.X
		case *ssa.ChangeType:
			v = c.X
		default:
			return v
		}
	}
	return v
}

// pointedComposite returns the struct or array type v points to, or, for the
// address of an element of a slice, the element's type; nil otherwise.
func pointedComposite(v ssa.Value) types.Type {
	if ia, ok := v.(*ssa.IndexAddr); ok {
		if s, ok := ia.X.Type().Underlying().(*types.Slice); ok {
			return composite(s.Elem())
		}
	}
	if p, ok := v.Type().Underlying().(*types.Pointer); ok {
		return composite(p.Elem())
	}
	return nil
}

// elemType returns the struct or array type of the elements of a slice or
// array (or a pointer to one), or nil.
func elemType(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return composite(u.Elem())
	case *types.Array:
		return composite(u.Elem())
	}
	return nil
}

// composite returns t when it is a struct or an array type, else nil.
func composite(t types.Type) types.Type {
	switch t.Underlying().(type) {
	case *types.Struct, *types.Array:
		return t
	}
	return nil
}

// AddressParams returns the uintptr parameters fn uses as addresses (it
// converts them back to pointers or hands them to the system or to C),
// each with one such use. A caller's conversion in fn's argument list
// keeps nothing alive: only a system call's own argument list does.
func AddressParams(fn *ssa.Function) map[*ssa.Parameter]ssa.Instruction {
	if SystemFunc(fn) {
		// The system's own functions: the compiler keeps the conversions
		// in their argument lists alive (//go:uintptrkeepalive).
		return nil
	}
	var out map[*ssa.Parameter]ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, op := range AddressUses(instr) {
				for _, p := range integerParams(op, map[ssa.Value]bool{}) {
					if out == nil {
						out = map[*ssa.Parameter]ssa.Instruction{}
					}
					if out[p] == nil {
						out[p] = instr
					}
				}
			}
		}
	}
	return out
}

// integerParams returns the parameters the integer v is computed from by
// arithmetic, phis and integer conversions.
func integerParams(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Parameter {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Parameter:
		if bufmodel.IsInteger(v.Type()) {
			return []*ssa.Parameter{v}
		}
	case *ssa.BinOp:
		return append(integerParams(v.X, seen), integerParams(v.Y, seen)...)
	case *ssa.Convert:
		if bufmodel.IsInteger(v.X.Type()) {
			return integerParams(v.X, seen)
		}
	case *ssa.Phi:
		var out []*ssa.Parameter
		for _, e := range v.Edges {
			out = append(out, integerParams(e, seen)...)
		}
		return out
	}
	return nil
}
