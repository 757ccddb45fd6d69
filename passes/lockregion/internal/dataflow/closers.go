package dataflow

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file answers whether a function that gives back to a pool an
// object or storage that a field of its receiver holds leaves the field
// holding it: a Close that puts b.buf back and keeps b.buf set puts it
// again when it is called again (an HTTP transport may close a request
// body twice); a flush that recycles a slice of its cache's buffer while
// the cache keeps the buffer hands memory the cache still uses to the
// next Get.

// GivenFromField says what a give-away event gives of a field of the
// receiver.
type GivenFromField struct {
	// Field is the key of the field (b.buf, mb.cache.buf).
	Field Key
	// Storage is set when what is given is a slice of the storage of the
	// buffer the field holds (from a producer of it), not the field's
	// value itself.
	Storage bool
	// Alias is, with Storage, the alias given.
	Alias ssa.Value
}

// GivenField returns the field of f's receiver whose value, or whose
// buffer's storage, ev gives back to a pool, when it is left holding it
// on some path to a return: f does not set the field again after the
// give on that path, nor guard against a second call (a flag of the
// receiver it tests and sets, a CompareAndSwap on a field of it; what a
// sync.Once runs is not f's own). A method of the receiver that gives
// the field away itself (gz.close()) decides for itself.
func (f *Func) GivenField(ev Event) (GivenFromField, bool) {
	if !ev.GivesAway || len(f.Fn.Params) == 0 || f.Fn.Signature.Recv() == nil {
		return GivenFromField{}, false
	}
	g, ok := f.givenFrom(ev)
	if !ok || !f.leftAfter(ev.Instr, g.Field) || f.guardedAgainstRepeat() {
		return GivenFromField{}, false
	}
	return g, true
}

// givenFrom finds the field: ev's data is the field's value (b.buf), or
// the value given is an alias of the data of a buffer a field holds.
func (f *Func) givenFrom(ev Event) (GivenFromField, bool) {
	recv := f.Fn.Params[0]
	if ev.Data.Root == recv {
		if steps := ev.Data.Path.Steps(); len(steps) > 0 && steps[len(steps)-1].Op == FieldAddr && ev.Given != nil {
			// The field's own address (blocks.Put(&c.buf)).
			return GivenFromField{Field: ev.Data, Storage: true, Alias: ev.Given}, true
		}
		if field, ok := heldFieldOf(ev.Data); ok {
			if ev.ByCall && !ev.Literal && !f.handsValue(ev) {
				return GivenFromField{}, false
			}
			return GivenFromField{Field: field}, true
		}
	}
	if ev.Given == nil {
		return GivenFromField{}, false
	}
	for _, src := range f.Sources(ev.Given) {
		if p := f.pinOf(src); p.kind == Data && p.key.Root == recv {
			if field, ok := heldFieldOf(p.key); ok {
				return GivenFromField{Field: field, Storage: true, Alias: src}, true
			}
		}
		if field, ok := f.fieldSlice(src, 2); ok && field.Root == recv {
			return GivenFromField{Field: field, Storage: true, Alias: src}, true
		}
	}
	return GivenFromField{}, false
}

// fieldSlice returns the field whose []byte value v is a slice of
// (mb.cache.buf[wp:]), directly or as the result of a function of the
// package that returns one of its parameter's (mb.bytesPending()).
func (f *Func) fieldSlice(v ssa.Value, depth int) (Key, bool) {
	k, ok := fieldSliceKey(v, depth)
	if !ok {
		return Key{}, false
	}
	return f.rebase(k.Root, k.Path), true
}

// fieldSliceKey is fieldSlice in the terms of v's own function, depth
// calls deep.
func fieldSliceKey(v ssa.Value, depth int) (Key, bool) {
	for {
		sl, ok := v.(*ssa.Slice)
		if !ok {
			break
		}
		v = sl.X
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL {
			if k := keyOf(fa); k.Valid() {
				return k, true
			}
		}
	case *ssa.Extract, *ssa.Call:
		call, i := resultIndex(x)
		if call == nil || depth == 0 {
			return Key{}, false
		}
		fn, args, _ := callee(call.Common())
		if fn == nil || fn.Pkg != call.Parent().Pkg || len(fn.Blocks) == 0 {
			return Key{}, false
		}
		return returnedFieldSlice(fn, i, args, depth-1)
	}
	return Key{}, false
}

// returnedFieldSlice returns, in the caller's terms, the field of an
// argument whose slice fn's result i is on every path that returns one.
func returnedFieldSlice(fn *ssa.Function, i int, args []ssa.Value, depth int) (Key, bool) {
	var field Key
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || i >= len(ret.Results) {
			continue
		}
		if c, ok := ret.Results[i].(*ssa.Const); ok && c.IsNil() {
			continue
		}
		k, ok := fieldSliceKey(ret.Results[i], depth)
		p, isParam := k.Root.(*ssa.Parameter)
		if !ok || !isParam {
			return Key{}, false
		}
		j := indexOf(fn.Params, p)
		if j < 0 || j >= len(args) {
			return Key{}, false
		}
		base := keyOf(args[j])
		if !base.Valid() {
			return Key{}, false
		}
		mapped := Key{Root: base.Root, Path: base.Path.Concat(k.Path)}
		if field.Valid() && mapped != field {
			return Key{}, false
		}
		field = mapped
	}
	return field, field.Valid()
}

// heldFieldOf returns the key of the field whose value k is (k with its
// last Load removed), when k is a field's value.
func heldFieldOf(k Key) (Key, bool) {
	steps := k.Path.Steps()
	if len(steps) < 2 || steps[len(steps)-1].Op != Load || steps[len(steps)-2].Op != FieldAddr {
		return Key{}, false
	}
	return Key{Root: k.Root, Path: PathOf(steps[:len(steps)-1])}, true
}

// handsValue reports whether the call of ev is handed the object it
// gives away as it is (putBuf(r.buf)), rather than what holds it. A
// method of the object itself that gives it back (i.iter.Close() putting
// the iterator into its pool) is the object's own lifecycle, not the
// caller's: its receiver does not count.
func (f *Func) handsValue(ev Event) bool {
	call, ok := ev.Instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	c := call.Common()
	args := c.Args
	if fn := c.StaticCallee(); fn != nil && fn.Signature.Recv() != nil && len(args) > 0 {
		args = args[1:]
	}
	for _, a := range args {
		if f.keyOf(a) == ev.Data {
			return true
		}
	}
	return false
}

// leftAfter reports whether some path from instr reaches a return without
// storing into field or into a struct that holds it.
func (f *Func) leftAfter(instr ssa.Instruction, field Key) bool {
	sets := func(i ssa.Instruction) bool {
		st, ok := i.(*ssa.Store)
		if !ok {
			return false
		}
		k := f.keyOf(st.Addr)
		return k.Root == field.Root && isPrefix(k.Path, field.Path)
	}
	start := instr.Block()
	if start == nil {
		return false
	}
	// The rest of the give's own block.
	at := slices.Index(start.Instrs, instr)
	for _, i := range start.Instrs[at+1:] {
		if sets(i) {
			return false
		}
	}
	if endsInReturn(start) {
		return true
	}
	return returnReachable(start.Succs, func(b *ssa.BasicBlock) bool { return slices.ContainsFunc(b.Instrs, sets) })
}

// guardedAgainstRepeat reports whether f tests a flag of its receiver
// that it also sets (if c.closed { return }; c.closed = true), or a call
// handed the address of a field of its receiver (CompareAndSwap).
func (f *Func) guardedAgainstRepeat() bool {
	stored := map[Key]bool{}
	var tested []ssa.Value
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				stored[f.keyOf(x.Addr)] = true
			case *ssa.If:
				tested = append(tested, x.Cond)
			}
		}
	}
	return slices.ContainsFunc(tested, func(cond ssa.Value) bool { return f.testsReceiverFlag(cond, stored, 3) })
}

// testsReceiverFlag reports whether cond depends on a field of the
// receiver that the function also stores into, or on a call handed the
// address of a field of the receiver (atomic.CompareAndSwapInt32(&c.n,
// 0, 1), c.closed.CompareAndSwap(false, true)).
func (f *Func) testsReceiverFlag(cond ssa.Value, stored map[Key]bool, depth int) bool {
	if depth == 0 {
		return false
	}
	recv := f.Fn.Params[0]
	switch x := cond.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			k := f.keyOf(x.X)
			return k.Root == recv && stored[k]
		}
		return f.testsReceiverFlag(x.X, stored, depth-1)
	case *ssa.BinOp:
		return f.testsReceiverFlag(x.X, stored, depth-1) || f.testsReceiverFlag(x.Y, stored, depth-1)
	case *ssa.Call:
		for _, a := range x.Call.Args {
			if fa, ok := a.(*ssa.FieldAddr); ok && f.keyOf(fa).Root == recv {
				return true
			}
		}
	}
	return false
}

// isPrefix reports whether p is a prefix of q.
func isPrefix(p, q Path) bool {
	ps, qs := p.Steps(), q.Steps()
	return len(ps) <= len(qs) && slices.Equal(ps, qs[:len(ps)])
}
