package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file finds the parameters a function keeps after it returns: what
// it stores where it outlives the call (a field or an element reached
// from another parameter, a global) may hold a parameter's byte slices,
// as the parameter itself, a slice of it, an interface made of it, an
// element or field read from it (the chunks of a []*chunk whose userData
// are slices of the caller's buffer), what an append adds, or a callee's
// result that its fact says holds the argument (packetize(p)).

// KeptParams returns the parameters f, as called by an unknown caller,
// keeps after it returns: stored into memory reached from another
// parameter or into a global, directly or through a call to a function
// that keeps them.
func (f *Func) KeptParams() []ParamRetain {
	out, _ := f.keptParams()
	return out
}

// KeptAt returns where f keeps its parameter i: the store, or the call
// of a function that keeps it (via, named), when it does other than by
// lending it to a goroutine or a channel's receiver (ParamRetain.Lent:
// whether that outlives f depends on whether f waits for them).
func (f *Func) KeptAt(i int) (pos token.Pos, via string, ok bool) {
	_, at := f.keptParams()
	k, ok := at[i]
	return k.pos, k.via, ok && !k.lent
}

// keptSite is where a parameter is kept.
type keptSite struct {
	pos  token.Pos
	via  string // the function called that keeps it, or "" for a store
	lent bool   // the function lends it (ParamRetain.Lent)
}

func (f *Func) keptParams() ([]ParamRetain, map[int]keptSite) {
	var out []ParamRetain
	at := map[int]keptSite{}
	add := func(v ssa.Value, into int, site keptSite, direct bool) {
		for _, p := range f.paramsHeld(v, map[ssa.Value]bool{}) {
			i := indexOf(f.Fn.Params, p)
			if i < 0 || i == into {
				continue
			}
			if old, seen := at[i]; seen {
				if old.lent && !site.lent {
					at[i] = site // kept, not only lent
				}
				continue
			}
			at[i] = site
			// Kept as it is, or sliced: what callers follow (the
			// retained rule). Kept in what holds it, or what it holds:
			// what an io method must not do with its slice either.
			holds := !direct || sliceRoot(v) != p
			out = append(out, ParamRetain{Param: i, Into: into, Name: p.Name(), Holds: holds})
		}
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Store:
				if into, ok := f.holderParam(instr.Addr); ok && !f.workingField(instr) {
					add(instr.Val, into, keptSite{pos: instr.Pos()}, true)
				}
			case *ssa.Call:
				f.callKeeps(instr, func(v ssa.Value, into int, r ParamRetain, via string) {
					add(v, into, keptSite{instr.Pos(), via, r.Lent}, !r.Holds)
				})
			}
		}
	}
	return out, at
}

// workingField reports whether st stores a slice into a field the
// function goes on to work through: it reads the field again, or hands
// the struct that holds it to a call (a decoder's d.buf = p, then
// parsing d.buf; a normalizer's w.rb.src = data[:m], then doAppend(&w.rb)).
// The field is a cursor over the current input, set again by the next
// call, not a place that keeps it. What an append adds to a field is kept.
func (f *Func) workingField(st *ssa.Store) bool {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	if call, ok := st.Val.(*ssa.Call); ok && appendCall(call) {
		return false
	}
	field, holder := f.keyOf(fa), f.keyOf(fa.X)
	if !field.Valid() {
		return false
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				if _, isConst := x.Val.(*ssa.Const); isConst && x != st && f.keyOf(x.Addr) == field {
					return true // cleared again (w.p = p; w.do(opWrite); w.p = nil)
				}
			case *ssa.UnOp:
				if x.Op == token.MUL && f.keyOf(x.X) == field {
					return true
				}
			case ssa.CallInstruction:
				if _, isFieldAddr := fa.X.(*ssa.FieldAddr); !isFieldAddr {
					continue // the receiver itself goes to every method
				}
				for _, a := range x.Common().Args {
					if f.keyOf(a) == holder {
						return true
					}
				}
			}
		}
	}
	return false
}

// callKeeps calls keep for each argument of call that the callee's fact
// says it keeps, with the parameter of f whose object keeps it (-1 for
// memory beyond every parameter), the fact's retain and the callee's
// name.
func (f *Func) callKeeps(call *ssa.Call, keep func(v ssa.Value, into int, r ParamRetain, via string)) {
	fn, args, _ := callee(call.Common())
	if fn == nil {
		return
	}
	if _, ok := modelRow(fn); ok {
		return
	}
	fact := f.a.summary(fn)
	if fact == nil {
		return
	}
	for _, r := range fact.Retains {
		if r.Param >= len(args) {
			continue
		}
		into := -1
		if r.Into >= 0 {
			if r.Into >= len(args) {
				continue
			}
			var ok bool
			if into, ok = f.holderParam(args[r.Into]); !ok {
				p, isParam := args[r.Into].(*ssa.Parameter)
				if !isParam {
					continue
				}
				into = indexOf(f.Fn.Params, p)
			}
		}
		keep(args[r.Param], into, r, f.a.FuncName(fn))
	}
}

// holderParam returns the parameter whose object addr is in (a field or
// an element, at any index, reached from it), or -1 for a global; false
// for local memory.
func (f *Func) holderParam(addr ssa.Value) (int, bool) {
	steps := 0
	for v := addr; steps < 16; steps++ { // a variable given itself (b = b.next) loops
		switch x := v.(type) {
		case *ssa.Parameter:
			return indexOf(f.Fn.Params, x), steps > 0
		case *ssa.Global:
			return -1, true
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Field:
			v = x.X // a pointer field of a struct value read from it
		case *ssa.Alloc:
			// A local copy of a struct (b in range s.backends): its
			// pointer fields are the original's.
			vals := storedInto(x)
			if len(vals) != 1 {
				return 0, false
			}
			v = vals[0]
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return 0, false
			}
			v = x.X
		default:
			return 0, false
		}
	}
	return 0, false
}

// paramsHeld returns the parameters of f, of types that may hold byte
// slices, whose data v may hold.
func (f *Func) paramsHeld(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Parameter {
	if v == nil || seen[v] || !bufmodel.HoldsByteSlices(v.Type()) {
		return nil // bytes copied out of a slice (append(t.raw, p...)) hold nothing
	}
	seen[v] = true
	var next []ssa.Value
	switch x := v.(type) {
	case *ssa.Parameter:
		if bufmodel.HoldsByteSlices(x.Type()) {
			return []*ssa.Parameter{x}
		}
		return nil
	case *ssa.Alloc:
		// An object made here (&chunk{userData: p}, the array an append's
		// elements are gathered in): what is stored into it.
		next = append(storedInto(x), fieldStores(x)...)
		next = append(next, elementStores(x)...)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			next = []ssa.Value{x.X}
		}
	case *ssa.FieldAddr:
		next = []ssa.Value{x.X}
	case *ssa.IndexAddr:
		next = []ssa.Value{x.X}
	case *ssa.Field:
		next = []ssa.Value{x.X}
	case *ssa.Index:
		next = []ssa.Value{x.X}
	case *ssa.Slice:
		next = []ssa.Value{x.X}
	case *ssa.MakeInterface:
		next = []ssa.Value{x.X}
	case *ssa.ChangeInterface:
		next = []ssa.Value{x.X}
	case *ssa.ChangeType:
		next = []ssa.Value{x.X}
	case *ssa.TypeAssert:
		next = []ssa.Value{x.X}
	case *ssa.Phi:
		next = x.Edges
	case *ssa.Call:
		if appendCall(x) {
			next = appendHolds(x)
		} else if call, i := resultIndex(x); call != nil {
			next = f.passedArgs(call, i)
		}
	case *ssa.Extract:
		if call, i := resultIndex(x); call != nil {
			next = f.passedArgs(call, i)
		}
	}
	var out []*ssa.Parameter
	for _, n := range next {
		out = append(out, f.paramsHeld(n, seen)...)
	}
	return out
}

// appendHolds returns the arguments of call, an append, whose data the
// slice it returns holds: its first argument's elements, and the ones it
// adds when they are slices or hold some (append(t.raw, p...) copies the
// bytes of p: the result holds nothing of it).
func appendHolds(call *ssa.Call) []ssa.Value {
	if !appendCall(call) {
		return nil
	}
	args := call.Call.Args
	if sl, ok := args[1].Type().Underlying().(*types.Slice); ok && bufmodel.HoldsByteSlices(sl.Elem()) {
		return args
	}
	return args[:1]
}

// elementStores returns the values stored into the elements of the array
// alloc (the array an append's variadic arguments are gathered in).
func elementStores(alloc ssa.Value) []ssa.Value {
	var out []ssa.Value
	for _, r := range *alloc.Referrers() {
		if ia, ok := r.(*ssa.IndexAddr); ok && ia.X == alloc {
			out = append(out, storedInto(ia)...)
		}
	}
	return out
}
