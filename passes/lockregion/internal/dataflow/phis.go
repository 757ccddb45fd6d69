package dataflow

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// carryPhis returns st as it enters succ from b: for each phi of succ
// that is a key of its own (its edges are different objects), the lock
// states of the object it takes on this edge become the phi's, and what
// was known of the phi's last object is dropped. Around a loop that walks
// a chain holding one lock at a time (l := y.l; y.mu.Unlock(); l.mu.Lock();
// y = l), the phi names the next object on the back edge, whose lock is
// held, not the one just unlocked.
func (f *Func) carryPhis(st *State, b, succ *ssa.BasicBlock) *State {
	pred := slices.Index(succ.Preds, b)
	if pred < 0 {
		return st
	}
	out := st
	for _, instr := range succ.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if _, ptr := phi.Type().Underlying().(*types.Pointer); !ptr {
			continue // a number, a flag, an error: no lock of its own
		}
		if k := f.keyOf(phi); k.Root != phi || !k.Path.Empty() || pred >= len(phi.Edges) {
			continue
		}
		from := f.keyOf(phi.Edges[pred])
		if !from.Valid() || from.Root == phi && from.Path.Empty() {
			continue
		}
		var drop []Key
		carried := map[Key]Cell{}
		st.Each(Guard, func(k Key, c Cell) {
			if k.Root == phi {
				drop = append(drop, k)
			}
			if rest, ok := trimKey(k, from); ok {
				carried[Key{Root: phi, Path: rest}] = c
			}
		})
		if len(drop) == 0 && len(carried) == 0 {
			continue
		}
		if out == st {
			out = st.clone()
		}
		for _, k := range drop {
			out.forget(Guard, k)
		}
		for k, c := range carried {
			out.set(Guard, k, c)
		}
	}
	return out
}

// trimKey returns the rest of k's path after prefix's, when k is prefix
// or an object reached from it.
func trimKey(k, prefix Key) (Path, bool) {
	if k.Root != prefix.Root {
		return Path{}, false
	}
	ks, ps := k.Path.Steps(), prefix.Path.Steps()
	if len(ks) < len(ps) || !slices.Equal(ks[:len(ps)], ps) {
		return Path{}, false
	}
	return PathOf(ks[len(ps):]), true
}
