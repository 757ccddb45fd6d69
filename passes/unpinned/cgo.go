package unpinned

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/analyzer/rules"
	"github.com/buflint/buflint/passes/lockregion"
)

// Go memory handed to C: cgo lets C see Go memory only during a call, and
// only memory that holds no Go pointers the collector could move or free
// while C keeps them.

// cgoStore reports a Go pointer into Go data stored into C memory: the
// collector does not scan C memory, so nothing there keeps the data alive
// or in place, and cgo forbids it unless the data is pinned.
func (c *checker) cgoStore(instr ssa.Instruction, pins map[any]bool, cplaces lockregion.CPlaces) {
	st, ok := instr.(*ssa.Store)
	if !ok {
		return
	}
	if _, ok := st.Val.Type().Underlying().(*types.Pointer); !ok && bufmodel.BasicKind(st.Val.Type()) != types.UnsafePointer {
		return
	}
	data := lockregion.DataRoot(st.Val)
	if data == nil || pins[lockregion.DataKey(data)] {
		return
	}
	alloc := cplaces.CMemory(st.Addr)
	if alloc == nil {
		return
	}
	c.report(instr, st.Val, rules.UnpinnedCgoStored, fmt.Sprintf("unpinned: a Go pointer into %s is stored into C memory from %s at %s; the garbage collector does not see it there and cgo forbids it: pin the data with a runtime.Pinner (p.Pin(&b[0]), p.Unpin() when C is done), or copy the bytes into C memory (C.CBytes)",
		c.dataName(data), lockregion.CallName(alloc), c.r.Line(alloc.Pos(), st.Pos())), analysis.RelatedInformation{Pos: alloc.Pos(), Message: "C memory allocated here"})
}

// cgoArg reports the address of Go memory that holds Go pointers (an
// interface, a struct with a pointer or slice field, a func) passed to a C
// function, in a function that pins nothing: cgo forbids it, its default
// check panics at the call, and C often keeps the address (a callback's
// state), where the collector does not see it.
func (c *checker) cgoArg(instr ssa.Instruction) {
	call, ok := instr.(ssa.CallInstruction)
	if !ok || !isCgo(call) || lockregion.PinsAny(instr.Parent()) {
		return
	}
	for _, a := range call.Common().Args {
		if !bufmodel.IsPointerLike(a.Type()) {
			continue // an address passed as an integer is unpinned/uintptr's
		}
		a = lockregion.PassedArg(a)
		t := lockregion.PassedPointee(a)
		if t == nil || !bufmodel.HoldsGoPointers(t) {
			continue
		}
		data := lockregion.DataRoot(a)
		if data == nil {
			continue
		}
		c.report(instr, a, rules.UnpinnedCgoArg, fmt.Sprintf("unpinned: the address of %s, which holds Go pointers, is passed to %s; cgo forbids handing C Go memory that holds Go pointers (its default check panics at the call), and C may keep the address where the collector does not see it: pass a cgo.Handle (runtime/cgo) and look the value up in the callback, or pin what it points to with a runtime.Pinner",
			c.dataName(data), lockregion.CallName(call)))
		return
	}
}
