package unpinned

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/rules"
)

// uintptrs reports a uintptr into buffer data that is used after a call made
// since it was computed. A uintptr is an integer: it keeps nothing alive or
// pinned, so the unsafe.Pointer rules allow it only within one expression.
func (c *checker) uintptrs(instr ssa.Instruction) {
	if _, ok := instr.(*ssa.DebugRef); ok {
		return
	}
	if _, derived := instr.(*ssa.BinOp); derived {
		return // u+off: its own uses are checked
	}
	if !dereferences(instr) {
		return // a uintptr kept as a number (stored, printed, compared) refers to nothing
	}
	for _, op := range operands(instr) {
		if !isUintptr(op.Type()) || len(c.f.Sources(op)) == 0 {
			continue
		}
		var call ssa.CallInstruction
		for _, origin := range uintptrOrigins(op, map[ssa.Value]bool{}) {
			if call = callBetween(origin, instr); call != nil {
				break
			}
		}
		if call == nil {
			continue
		}
		c.report(instr, op, rules.UnpinnedUintptr, fmt.Sprintf("unpinned: uintptr into buffer data is kept across the call at %s; a uintptr does not keep the data alive or pinned: convert it back to unsafe.Pointer in the same expression, or keep an unsafe.Pointer instead",
			c.r.Line(call.Pos(), instr.Pos())), analysis.RelatedInformation{Pos: call.Pos(), Message: "call made while only a uintptr refers to the data"})
	}
}

// uintptrOrigins returns the conversions from unsafe.Pointer to uintptr that
// v is computed from, through arithmetic and phis: where the data stopped
// being referenced by a pointer.
func uintptrOrigins(v ssa.Value, seen map[ssa.Value]bool) []ssa.Instruction {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Convert:
		return []ssa.Instruction{v}
	case *ssa.BinOp:
		return append(uintptrOrigins(v.X, seen), uintptrOrigins(v.Y, seen)...)
	case *ssa.Phi:
		var out []ssa.Instruction
		for _, e := range v.Edges {
			out = append(out, uintptrOrigins(e, seen)...)
		}
		return out
	}
	return nil
}

func isUintptr(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uintptr
}

// callBetween returns a call on some path from def to use, excluding both,
// or nil. Builtins such as len and unsafe.Add are not calls.
func callBetween(def, use ssa.Instruction) ssa.CallInstruction {
	db, ub := def.Block(), use.Block()
	if db == ub && index(db, def) < index(ub, use) && !reaches(db, db) {
		return firstCall(db.Instrs[index(db, def)+1 : index(ub, use)])
	}
	if call := firstCall(db.Instrs[index(db, def)+1:]); call != nil {
		return call
	}
	if call := firstCall(ub.Instrs[:index(ub, use)]); call != nil {
		return call
	}
	// Blocks strictly between: reachable from def's successors and reaching use's block.
	for _, b := range db.Parent().Blocks {
		if b != db && b != ub && reaches(db, b) && reaches(b, ub) {
			if call := firstCall(b.Instrs); call != nil {
				return call
			}
		}
	}
	return nil
}

func firstCall(instrs []ssa.Instruction) ssa.CallInstruction {
	for _, instr := range instrs {
		call, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		if _, builtin := call.Common().Value.(*ssa.Builtin); builtin {
			continue
		}
		return call
	}
	return nil
}

func index(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return len(b.Instrs)
}

// reaches reports whether to is reachable from from's successors.
func reaches(from, to *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), from.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == to {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

// dereferences reports whether instr turns a uintptr back into a reference:
// a conversion to unsafe.Pointer, or a call that hands it to the system or
// to C (syscall.Syscall and friends, golang.org/x/sys, a cgo function),
// where it is used as an address.
func dereferences(instr ssa.Instruction) bool {
	switch i := instr.(type) {
	case *ssa.Convert:
		b, ok := i.Type().Underlying().(*types.Basic)
		return ok && b.Kind() == types.UnsafePointer
	case ssa.CallInstruction:
		fn := i.Common().StaticCallee()
		if fn == nil {
			return false
		}
		if strings.HasPrefix(fn.Name(), "_Cfunc_") {
			return true
		}
		if fn.Pkg != nil {
			switch path := fn.Pkg.Pkg.Path(); {
			case path == "syscall", strings.HasPrefix(path, "golang.org/x/sys/"):
				return true
			}
		}
	}
	return false
}
