package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file follows byte slices a function is given into what it returns:
// a decoder that keeps its input in the message it returns
// (flux's unmarshalObject(source, chunks.Bytes())) hands its caller an
// alias of the argument, which a caller that keeps the result keeps too.

// PassedParams returns, for each result of f, the []byte parameters whose
// data the result may hold: returned as they are or sliced, or held in a
// field of a struct returned, by value, by pointer or in an interface.
func (f *Func) PassedParams() []ParamPass {
	var out []ParamPass
	seen := map[ParamPass]bool{}
	for _, b := range f.Fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, res := range ret.Results {
			for _, p := range heldParams(res, map[ssa.Value]bool{}) {
				pp := ParamPass{Param: indexOf(f.Fn.Params, p), Result: i, Name: p.Name()}
				if pp.Param >= 0 && !seen[pp] {
					seen[pp] = true
					out = append(out, pp)
				}
			}
		}
	}
	return out
}

// heldParams returns the []byte parameters whose data v may hold.
func heldParams(v ssa.Value, seen map[ssa.Value]bool) []*ssa.Parameter {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Parameter:
		if bufmodel.IsByteSlice(v.Type()) {
			return []*ssa.Parameter{v}
		}
		return nil
	case *ssa.Alloc:
		// An object made here (&msg{body: b}, a local variable): what is
		// stored into it or into its fields.
		var out []*ssa.Parameter
		for _, val := range append(append(storedInto(v), fieldStores(v)...), elementStores(v)...) {
			out = append(out, heldParams(val, seen)...)
		}
		return out
	case *ssa.UnOp:
		if alloc, ok := v.X.(*ssa.Alloc); ok && v.Op == token.MUL {
			return heldParams(alloc, seen) // a local struct or variable, read
		}
	case *ssa.MakeInterface:
		return heldParams(v.X, seen)
	case *ssa.Call:
		// What append returns holds the elements it adds when they are
		// slices or hold some (out = append(out, &chunk{data: p[i:j]})).
		// That it may be its first argument's array, when it does not
		// grow, is not followed: callers test cap to tell (fasthttp's
		// AppendBytes(w.AvailableBuffer())). What a callee returns is
		// its own (its fact says otherwise: Sources).
		if holds := appendHolds(v); len(holds) == 2 {
			return heldParams(holds[1], seen)
		}
		return nil
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return nil
	}
	var out []*ssa.Parameter
	for _, op := range instr.Operands(nil) {
		if op != nil && *op != nil && FlowOf(instr, *op)&Derive != 0 {
			out = append(out, heldParams(*op, seen)...)
		}
	}
	return out
}

// passedArgs returns the arguments of the call whose data its result at
// index may hold, as the callee's fact says.
func (f *Func) passedArgs(call *ssa.Call, index int) []ssa.Value {
	fn, args, _ := callee(call.Common())
	if fn == nil {
		return nil
	}
	if _, modelled := modelRow(fn); modelled {
		return nil
	}
	fact := f.a.summary(fn)
	if fact == nil {
		return nil
	}
	var out []ssa.Value
	for _, p := range fact.Passes {
		if p.Result == index && p.Param < len(args) {
			out = append(out, args[p.Param])
		}
	}
	return out
}

// resultIndex returns the call v is a result of, and which result: the
// call itself for a single result, or the call an Extract takes from.
func resultIndex(v ssa.Value) (*ssa.Call, int) {
	switch v := v.(type) {
	case *ssa.Call:
		if _, tuple := v.Type().(*types.Tuple); !tuple {
			return v, 0
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return call, v.Index
		}
	}
	return nil, 0
}
