package dataflow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file finds the C memory a store goes into, and the Go data pinned
// for C by a runtime.Pinner.

// CMemory returns the cgo call that allocated the memory addr is into, or
// nil; see cMemory.
func CMemory(addr ssa.Value) ssa.CallInstruction { return cMemory(addr, 0) }

// cMemory returns the cgo call that allocated the memory addr is into
// (C.malloc, a C function returning a pointer), or nil.
func cMemory(addr ssa.Value, depth int) ssa.CallInstruction {
	if depth > 32 {
		return nil
	}
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return cMemory(a.X, depth+1)
	case *ssa.IndexAddr:
		return cMemory(a.X, depth+1)
	case *ssa.Convert:
		return cMemory(a.X, depth+1)
	case *ssa.ChangeType:
		return cMemory(a.X, depth+1)
	case *ssa.Call:
		if b, ok := a.Call.Value.(*ssa.Builtin); ok && (b.Name() == "Add" || b.Name() == "Slice") && len(a.Call.Args) > 0 {
			return cMemory(a.Call.Args[0], depth+1)
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
					if call := cMemory(ret.Results[0], depth+1); call != nil {
						return a
					}
				}
			}
		}
	case *ssa.UnOp:
		// A local variable holding the pointer (one a deferred C.free
		// captures lives on the heap).
		if alloc, ok := a.X.(*ssa.Alloc); ok && a.Op == token.MUL {
			for _, v := range storedInto(alloc) {
				if call := cMemory(v, depth+1); call != nil {
					return call
				}
			}
		}
	}
	return nil
}

// pinnedData returns the byte data fn pins with a runtime.Pinner.
func PinnedData(fn *ssa.Function) map[ssa.Value]bool {
	out := map[ssa.Value]bool{}
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
					out[d] = true
				}
			}
		}
	}
	return out
}
