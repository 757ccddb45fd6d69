package dataflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
)

// This file finds the []byte fields that hold a slice of a buffer of
// their own struct: a decoder's Next stores what its reader's ReadSlice
// returns into d.msg, and Msg returns d.msg. A load of such a field is an
// alias of that buffer, valid until the buffer is reused (the next Next),
// as the producer's own result is; a method that returns it says so in its
// fact (Produces), and its callers' aliases die with the reuse.

// fieldHolds returns, for each []byte field that some function of the
// package stores a producer's slice into, the path from the struct's
// pointer to the buffer it slices (d.msg = line, line from
// d.br.ReadSlice('\n'): msg holds a slice of [br, load]). A field that
// receives slices of two buffers is left out.
func (a *Package) fieldHolds() map[*types.Var][]facts.Step {
	if a.holds != nil {
		return a.holds
	}
	a.holds = map[*types.Var][]facts.Step{}
	conflict := map[*types.Var]bool{}
	for _, fn := range sourceFuncs(a.pass, a.ssapkg) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok || !bufmodel.IsByteSlice(st.Val.Type()) {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				fld := FieldVar(fa)
				path, ok := slicedBuffer(st.Val, fa.X)
				if fld == nil || !ok || conflict[fld] {
					continue
				}
				if old, seen := a.holds[fld]; seen && !slices.Equal(old, path) {
					delete(a.holds, fld)
					conflict[fld] = true
					continue
				}
				a.holds[fld] = path
			}
		}
	}
	return a.holds
}

// slicedBuffer returns the path from obj, a pointer to a struct, to the
// buffer whose storage v is a slice of: v is the result of a model method
// that produces a slice of its receiver's data (ReadSlice, Peek, Bytes),
// resliced or not, called on a field of obj.
func slicedBuffer(v, obj ssa.Value) ([]facts.Step, bool) {
	for range 4 {
		switch x := v.(type) {
		case *ssa.Slice:
			v = x.X
			continue
		case *ssa.Extract:
			if x.Index != 0 {
				return nil, false
			}
			v = x.Tuple
			continue
		}
		break
	}
	call, ok := v.(*ssa.Call)
	if !ok || call.Call.IsInvoke() {
		return nil, false
	}
	row, ok := modelRow(call.Call.StaticCallee())
	if !ok || !row.Effect.Has(bufmodel.Produce) || row.Pin != bufmodel.PinData || row.On != bufmodel.OnData || len(call.Call.Args) == 0 {
		return nil, false
	}
	recv := call.Call.Args[0]
	var path []facts.Step
	if load, ok := recv.(*ssa.UnOp); ok && load.Op == token.MUL {
		recv = load.X
		path = append(path, facts.Step{Op: facts.Load})
	}
	fa, ok := recv.(*ssa.FieldAddr)
	if !ok || fa.X != obj {
		return nil, false
	}
	return append([]facts.Step{{Op: facts.FieldAddr, Index: fa.Field}}, path...), true
}

// heldSliceEvent makes the load of a field that holds a slice of a
// buffer of its struct (fieldHolds) an alias of that buffer's data.
func (f *Func) heldSliceEvent(load *ssa.UnOp, fa *ssa.FieldAddr) (Event, bool) {
	path, ok := f.a.fieldHolds()[FieldVar(fa)]
	if !ok {
		return Event{}, false
	}
	k := f.rebase(fa.X, PathOf(path))
	if !k.Valid() {
		return Event{}, false
	}
	f.pins[load] = aliasPin{kind: Data, key: k, field: f.keyOf(fa)}
	return Event{Effect: bufmodel.Produce, Instr: load, Pos: load.Pos(), Alias: load, Data: k}, true
}
