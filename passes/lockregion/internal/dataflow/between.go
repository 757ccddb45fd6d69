package dataflow

import "golang.org/x/tools/go/ssa"

// This file answers whether the collector may run between two
// instructions: a call or an allocation on some path from one to the
// other.

// CallOrAllocBetween returns a call or an allocation on some path from def
// to use, excluding both, or nil. Builtins other than append are neither.
// Unless the value reached use through a phi (from an earlier turn of a
// loop), a def that precedes its use in one block reaches it only along
// the instructions between them: going around a loop runs def again.
func CallOrAllocBetween(def, use ssa.Instruction, throughPhi bool) ssa.Instruction {
	db, ub := def.Block(), use.Block()
	if db == ub && index(db, def) < index(ub, use) && (!throughPhi || !reaches(db, db)) {
		return firstCallOrAlloc(db.Instrs[index(db, def)+1 : index(ub, use)])
	}
	if x := firstCallOrAlloc(db.Instrs[index(db, def)+1:]); x != nil {
		return x
	}
	useAt := index(ub, use)
	if reaches(ub, ub) {
		useAt = len(ub.Instrs) // in a loop: what follows the use runs before its next turn
	}
	if x := firstCallOrAlloc(ub.Instrs[:useAt]); x != nil {
		return x
	}
	// Blocks strictly between: reachable from def's successors and reaching use's block.
	for _, b := range db.Parent().Blocks {
		if b != db && b != ub && reaches(db, b) && reaches(b, ub) {
			if x := firstCallOrAlloc(b.Instrs); x != nil {
				return x
			}
		}
	}
	return nil
}

// firstCallOrAlloc returns the first instruction of instrs that calls a
// function or allocates on the heap: where the collector may run.
func firstCallOrAlloc(instrs []ssa.Instruction) ssa.Instruction {
	for _, instr := range instrs {
		switch i := instr.(type) {
		case ssa.CallInstruction:
			if b, builtin := i.Common().Value.(*ssa.Builtin); builtin && b.Name() != "append" {
				continue
			}
			return instr
		case *ssa.Alloc:
			if i.Heap {
				return instr
			}
		case *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeClosure:
			return instr
		}
	}
	return nil
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
