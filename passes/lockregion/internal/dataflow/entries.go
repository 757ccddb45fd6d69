package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file derives which fields of the entries of guarded storage the
// package writes holding the storage's guard: those fields are the
// guard's, and reading or writing them through an entry after the guard
// is released is unguarded. An entry whose fields nothing writes under
// the guard is immutable once published.

// EntryWrites returns the fields of entries that some function of funcs
// writes through a reference taken while the storage's guard is held, and
// still live at the write (e := c.m[k]; e.n++ before c.mu.Unlock()), each
// with one such write.
func EntryWrites(funcs []*Func) map[*types.Var]token.Pos {
	out := map[*types.Var]token.Pos{}
	for _, f := range funcs {
		if !f.Complete || !f.HasEntries() {
			continue
		}
		f.Walk(Visitor{Instr: func(instr ssa.Instruction, st *State) {
			store, ok := instr.(*ssa.Store)
			if !ok {
				return
			}
			fa, ok := store.Addr.(*ssa.FieldAddr)
			if !ok {
				return
			}
			fld := FieldVar(fa)
			if fld == nil || out[fld].IsValid() {
				return
			}
			for _, src := range f.Sources(fa.X) {
				if f.pinOf(src).entry && !st.Get(Alias, Key{Root: src}).MayBe(Released) {
					out[fld] = store.Pos()
					return
				}
			}
		}})
	}
	return out
}

// EntryFieldNames returns the names of the fields of the struct the
// pointer type t points to that writes holds: what a function's fact
// tells importers of the entries it returns.
func EntryFieldNames(t types.Type, writes map[*types.Var]token.Pos) []string {
	if !isEntryPointer(t) {
		return nil
	}
	s := t.Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
	var out []string
	for i := range s.NumFields() {
		if _, ok := writes[s.Field(i)]; ok {
			out = append(out, s.Field(i).Name())
		}
	}
	return out
}
