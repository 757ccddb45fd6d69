package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file turns accesses to guarded fields (a []byte or bytes.Buffer field
// that a sync.Mutex of the same struct guards) into events that require the
// guard: loads read the field, stores write it, method calls of the model
// read or change it as their rows say (see rowEvent), and any other use of
// the field's address (passed to a call, sliced) reads it.

// FieldVar returns the struct field a FieldAddr selects, or nil.
func FieldVar(fa *ssa.FieldAddr) *types.Var {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return nil
	}
	return st.Field(fa.Field)
}

// guardOfAddr returns the key of the guard of the field fa selects, when
// the field is guarded and the struct is not one this function allocated
// (a fresh object is not shared yet).
func (f *Func) guardOfAddr(fa *ssa.FieldAddr) (Key, *types.Var, bool) {
	v := FieldVar(fa)
	if v == nil {
		return Key{}, nil, false
	}
	g := f.a.GuardOf(v)
	if g == nil {
		return Key{}, nil, false
	}
	base := f.keyOf(fa.X)
	if !base.Valid() || f.fresh(base) {
		return Key{}, nil, false
	}
	return Key{base.Root, base.Path.Concat(PathOf(g.Path))}, v, true
}

// fresh reports whether the object k names was allocated by this function
// (or an enclosing context), so that no other goroutine can reach it yet: a
// composite literal, new(T), a local struct. A variable that holds a
// pointer (a parameter captured by a closure lives in one) is not: what it
// points to may be shared. The package initializer's work, and init's, run
// before any goroutine starts.
func (f *Func) fresh(k Key) bool {
	if alloc, ok := k.Root.(*ssa.Alloc); ok {
		if steps := k.Path.Steps(); len(steps) == 0 || steps[0].Op != Load || holdsOnlyNew(alloc) {
			return true
		}
	}
	for g := f; g != nil; g = g.parent {
		if g.Fn.Synthetic == "package initializer" {
			return true
		}
		if obj, ok := g.Fn.Object().(*types.Func); ok && obj.Name() == "init" && g.Fn.Signature.Recv() == nil {
			return true
		}
	}
	return false
}

// guardOfData returns the guard of the guarded data v is: the address of a
// guarded field (s.buf with buf bytes.Buffer), or a pointer loaded from one
// (buf *bytes.Buffer).
func (f *Func) guardOfData(v ssa.Value) (Key, *types.Var, bool) {
	switch v := v.(type) {
	case *ssa.FieldAddr:
		return f.guardOfAddr(v)
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			if _, ptr := v.Type().Underlying().(*types.Pointer); ptr {
				return f.guardOfAddr(fa)
			}
		}
	}
	return Key{}, nil, false
}

// guardedAddr returns the guarded field address addr is: the field's own
// address, or the address of an element of a guarded array field.
func (f *Func) guardedAddr(addr ssa.Value) (*ssa.FieldAddr, bool) {
	if ia, ok := addr.(*ssa.IndexAddr); ok {
		addr = ia.X
	}
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return nil, false
	}
	_, _, guarded := f.guardOfAddr(fa)
	return fa, guarded
}

// accessEvents returns the events of instr's accesses to guarded fields.
// It is one switch over the kinds of instruction that reach a field, kept
// whole so that the access mode each kind makes reads side by side.
func (f *Func) accessEvents(instr ssa.Instruction) []Event {
	var evs []Event
	add := func(fa *ssa.FieldAddr, mode bufmodel.Mode, verb string, inPlace bool) *Event {
		g, fld, ok := f.guardOfAddr(fa)
		if !ok {
			return nil
		}
		pos := instr.Pos()
		if !pos.IsValid() {
			pos = fa.Pos()
		}
		name := f.a.Name(f.keyOf(fa))
		evs = append(evs, Event{Effect: bufmodel.Require, Mode: mode, Instr: instr, Pos: pos,
			Guard: g, Field: fld, Callee: name, Access: name + " " + verb, InPlace: inPlace, Data: f.keyOf(fa)})
		return &evs[len(evs)-1]
	}
	// produce makes ev, the load of a guarded []byte field or a slice of a
	// guarded array, the producer of an alias that the guard pins.
	produce := func(ev *Event, v ssa.Value) {
		if ev == nil {
			return
		}
		ev.Effect |= bufmodel.Produce
		ev.Alias = v
		f.pins[v] = aliasPin{kind: Guard, key: ev.Guard, field: ev.Data}
	}
	switch i := instr.(type) {
	case *ssa.DebugRef, *ssa.IndexAddr, *ssa.FieldAddr:
		return nil // an address is not an access; its uses are
	case *ssa.UnOp:
		if i.Op == token.MUL {
			if fa, ok := i.X.(*ssa.FieldAddr); ok && bufmodel.IsByteSlice(i.Type()) {
				if _, guarded := f.guardedAddr(fa); !guarded {
					if ev, ok := f.heldSliceEvent(i, fa); ok {
						return append(evs, ev) // m := d.msg: a slice of d.br's buffer
					}
				}
			}
			if fa, ok := f.guardedAddr(i.X); ok && !onlyDataReceiver(i) && !f.feedsOwnStore(i, fa) {
				var ev *Event
				if writesThrough(i, map[ssa.Value]bool{}) {
					// s.buf[i] = x, copy(s.buf, p): in place, unless the
					// field was just given new storage (s.buf = make(...);
					// copy(s.buf, p) initializes it).
					ev = add(fa, bufmodel.Exclusive, "written", !f.freshlyStored(i, fa))
					if _, isMap := i.Type().Underlying().(*types.Map); isMap && ev != nil {
						ev.ContentsOnly = true // s.m[k] = v
					}
				} else {
					ev = add(fa, bufmodel.Shared, "read", false)
					if ev != nil && writesEntries(i) {
						// e := s.m[k]; e.n++: the storage is read, what it
						// holds changed in place.
						ev.InPlace, ev.ContentsOnly = true, true
					}
				}
				if i.X == ssa.Value(fa) && bufmodel.IsByteSlice(i.Type()) {
					produce(ev, i) // p := s.buf shares s.buf's array
				}
				if ev != nil && i.X == ssa.Value(fa) {
					evs = append(evs, f.entryEvents(*ev, i)...)
				}
			}
			return evs
		}
	case *ssa.Store:
		if fa, ok := f.guardedAddr(i.Addr); ok {
			_, element := i.Addr.(*ssa.IndexAddr)
			derived := f.derivesFrom(i.Val, fa)
			ev := add(fa, bufmodel.Exclusive, "written", (element || derived) && !f.freshlyStored(i, fa))
			if ev != nil && !element && !derived {
				ev.Replaces = true // the field's old value is the loader's own now
			}
		}
		if fa, ok := i.Val.(*ssa.FieldAddr); ok {
			if _, guarded := f.guardedAddr(fa); guarded {
				add(fa, bufmodel.Shared, "used", false) // its address stored elsewhere
			}
		}
		return evs
	case ssa.CallInstruction:
		c := i.Common()
		fn, args, _ := callee(c)
		if row, ok := modelRow(fn); ok && row.On == bufmodel.OnData && len(args) > 0 {
			args = args[1:] // the receiver: rowEvent's
		}
		for _, a := range args {
			if fa, ok := a.(*ssa.FieldAddr); ok {
				if _, guarded := f.guardedAddr(fa); guarded {
					add(fa, bufmodel.Shared, "used", false)
				}
			}
		}
		return evs
	}
	for _, op := range instr.Operands(nil) {
		if fa, ok := (*op).(*ssa.FieldAddr); ok {
			if _, guarded := f.guardedAddr(fa); guarded {
				ev := add(fa, bufmodel.Shared, "used", false)
				if sl, ok := instr.(*ssa.Slice); ok && sl.X == ssa.Value(fa) {
					produce(ev, sl) // s.arr[:n] shares the array
				}
			}
		}
	}
	return evs
}

// onlyDataReceiver reports whether the pointer a load yields is only the
// receiver of model methods on guarded data, whose events say more than
// the load's.
func onlyDataReceiver(load *ssa.UnOp) bool {
	if _, ptr := load.Type().Underlying().(*types.Pointer); !ptr {
		return false
	}
	refs := *load.Referrers()
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		if _, ok := r.(*ssa.DebugRef); ok {
			continue
		}
		call, ok := r.(ssa.CallInstruction)
		if !ok {
			return false
		}
		fn, args, _ := callee(call.Common())
		row, ok := modelRow(fn)
		if !ok || row.On != bufmodel.OnData || len(args) == 0 || args[0] != ssa.Value(load) {
			return false
		}
	}
	return true
}

// writesThrough reports whether the slice or map v is written through
// where it is used: an element stored (v[i] = x, m[k] = x), or v passed as
// the destination of a builtin (copy, append, clear, delete), directly or
// through reslicing.
func writesThrough(v ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return false
	}
	seen[v] = true
	switch v.Type().Underlying().(type) {
	case *types.Slice, *types.Map:
	default:
		return false
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.MapUpdate:
			if r.Map == v {
				return true // s.m[k] = x
			}

		case *ssa.IndexAddr:
			for _, rr := range *r.Referrers() {
				if st, ok := rr.(*ssa.Store); ok && st.Addr == r {
					return true
				}
			}
		case *ssa.Slice:
			if writesThrough(r, seen) {
				return true
			}
		case *ssa.Call:
			if b, ok := r.Call.Value.(*ssa.Builtin); ok {
				for i, arg := range r.Call.Args {
					if mode, ok := bufmodel.BuiltinMode(b.Name(), i); ok && arg == v && mode == bufmodel.Exclusive {
						return true
					}
				}
			}
		}
	}
	return false
}

// writesEntries reports whether what the loaded storage v holds is
// changed in place where v is used: a field of what the pointer v points
// to (s.cur.n = x), of a map's pointer entry (e := s.m[k]; e.n++) or of a
// slice's pointer element (s.list[i].n++) is stored.
func writesEntries(v ssa.Value) bool {
	if t, ok := v.Type().Underlying().(*types.Pointer); ok {
		return writesPointee(v, t)
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Lookup:
			if t, ok := r.Type().Underlying().(*types.Pointer); ok && r.X == v && writesPointee(r, t) {
				return true
			}
		case *ssa.IndexAddr:
			for _, rr := range *r.Referrers() {
				if el, ok := rr.(*ssa.UnOp); ok && el.Op == token.MUL {
					if t, ok := el.Type().Underlying().(*types.Pointer); ok && writesPointee(el, t) {
						return true
					}
				}
			}
		}
	}
	return false
}

// writesPointee reports whether a field of the struct the pointer v
// points to is stored through v (s.cur.n = x): what a guarded pointer
// field refers to is changed in place.
func writesPointee(v ssa.Value, t *types.Pointer) bool {
	if _, ok := t.Elem().Underlying().(*types.Struct); !ok {
		return false
	}
	for _, r := range *v.Referrers() {
		if fa, ok := r.(*ssa.FieldAddr); ok {
			for _, rr := range *fa.Referrers() {
				if st, ok := rr.(*ssa.Store); ok && st.Addr == ssa.Value(fa) {
					return true
				}
			}
		}
	}
	return false
}

// derivesFrom reports whether v, stored into the field fa selects, is the
// field's own value changed in place: append(s.buf, ...) or s.buf[:n] of a
// load of the same field, or arithmetic on it (s.n++), rather than a new
// value replacing it.
func (f *Func) derivesFrom(v ssa.Value, fa *ssa.FieldAddr) bool {
	var base ssa.Value
	switch v := v.(type) {
	case *ssa.Slice:
		base = v.X
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) > 0 {
			base = v.Call.Args[0]
		}
	case *ssa.BinOp:
		// s.n++, s.n += k, s.flags |= f: a read-modify-write of the field.
		return f.derivesFrom(v.X, fa) || f.derivesFrom(v.Y, fa) || f.loadsField(v.X, fa) || f.loadsField(v.Y, fa)
	}
	load, ok := base.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	other, ok := load.X.(*ssa.FieldAddr)
	return ok && f.keyOf(other) == f.keyOf(fa)
}

// loadsField reports whether v is a load of the field fa selects.
func (f *Func) loadsField(v ssa.Value, fa *ssa.FieldAddr) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	other, ok := load.X.(*ssa.FieldAddr)
	return ok && f.keyOf(other) == f.keyOf(fa)
}

// feedsOwnStore reports whether the load of a field is used only to change
// the field in place (s.buf = append(s.buf, x...), s.buf = s.buf[:0]): the
// store's event says it all, and one finding per statement is enough.
func (f *Func) feedsOwnStore(load *ssa.UnOp, fa *ssa.FieldAddr) bool {
	refs := *load.Referrers()
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		v, ok := r.(ssa.Value)
		if !ok {
			return false
		}
		stored := false
		for _, rr := range *v.Referrers() {
			if st, ok := rr.(*ssa.Store); ok && st.Val == v {
				if dst, ok := st.Addr.(*ssa.FieldAddr); ok && f.keyOf(dst) == f.keyOf(fa) && f.derivesFrom(v, dst) {
					stored = true
				}
			}
		}
		if !stored {
			return false
		}
	}
	return true
}

// freshlyStored reports whether instr, a write into the field fa selects,
// follows in its block another store into the same field: the field was
// just given new storage (s.buf = make(...); copy(s.buf, p), or t.tab =
// data(); t.tab = t.tab[:n]), and the write finishes initializing it rather
// than changing storage others may hold.
func (f *Func) freshlyStored(instr ssa.Instruction, fa *ssa.FieldAddr) bool {
	b := instr.Block()
	for i := index(b, instr) - 1; i >= 0; i-- {
		if st, ok := b.Instrs[i].(*ssa.Store); ok {
			if dst, ok := st.Addr.(*ssa.FieldAddr); ok && f.keyOf(dst) == f.keyOf(fa) {
				return true
			}
		}
	}
	return false
}

// holdsOnlyNew reports whether the local variable alloc (one captured by a
// closure lives in memory) only ever holds objects this function allocates:
// c := &client{...} captured by a callback.
func holdsOnlyNew(alloc *ssa.Alloc) bool {
	stores := storedInto(alloc)
	for _, v := range stores {
		if _, ok := v.(*ssa.Alloc); !ok {
			return false
		}
	}
	return len(stores) > 0 && !addressEscapesBeyondClosures(alloc)
}

// addressEscapesBeyondClosures reports whether the address of a local
// variable goes anywhere but its own loads and stores and the closures that
// capture it only to read it (whose stores storedInto does not see).
func addressEscapesBeyondClosures(alloc *ssa.Alloc) bool { return addressUsedBeyond(alloc, true) }

// entryEvents makes the entries of the guarded storage load yields (the
// object a guarded pointer field points to, a guarded map's or slice's
// elements that are pointers to structs: e := c.m[k]) aliases pinned by
// the storage's guard: a reference obtained under the lock, used after it
// is released. ev is the load's access event.
func (f *Func) entryEvents(ev Event, load *ssa.UnOp) []Event {
	if f.a.ChangesOnly(ev.Field) {
		return nil
	}
	var out []Event
	pin := func(v ssa.Value) {
		f.pins[v] = aliasPin{kind: Guard, key: ev.Guard, field: ev.Data, entry: true}
		out = append(out, Event{Effect: bufmodel.Produce, Instr: ev.Instr, Pos: ev.Pos, Alias: v, Data: ev.Data})
	}
	if isEntryPointer(load.Type()) {
		pin(load)
		return out
	}
	for _, r := range *load.Referrers() {
		switch r := r.(type) {
		case *ssa.Lookup:
			if r.X == ssa.Value(load) && isEntryPointer(mapElem(load.Type())) {
				pin(r)
			}
		case *ssa.IndexAddr:
			if r.X != ssa.Value(load) || !isEntryPointer(r.Type().Underlying().(*types.Pointer).Elem()) {
				continue
			}
			for _, rr := range *r.Referrers() {
				if el, ok := rr.(*ssa.UnOp); ok && el.Op == token.MUL {
					pin(el)
				}
			}
		}
	}
	return out
}

// isEntryPointer reports whether t is a pointer to a struct: an entry
// whose fields its storage's guard may guard.
func isEntryPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	_, isStruct := p.Elem().Underlying().(*types.Struct)
	return isStruct && !bufmodel.IsLockType(p.Elem())
}

// mapElem returns the element type of the map type t, or nil.
func mapElem(t types.Type) types.Type {
	if m, ok := t.Underlying().(*types.Map); ok {
		return m.Elem()
	}
	return nil
}
