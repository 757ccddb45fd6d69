package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file derives, from a function solved as called by an unknown
// caller, what it does to the buffers reached from its parameters: the
// parts of its fact that are not about locks.

// ProducedParam returns the buffer reached from a parameter whose storage
// f's result aliases on some path: a slice from a model row that pins it
// to its data (Peek, Bytes), returned.
func (f *Func) ProducedParam() *ParamProduce {
	a := f.a
	for _, b := range f.Fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, res := range ret.Results {
			if types.IsInterface(res.Type()) {
				// An interface may hold the slice or something else
				// (xml.Token: a CharData or a StartElement of strings):
				// its callers' uses cannot tell which.
				continue
			}
			for _, src := range f.Sources(res) {
				p := f.pinOf(src)
				if p.kind != Data || p.self {
					continue
				}
				if param, ok := p.key.Root.(*ssa.Parameter); ok {
					if i := indexOf(f.Fn.Params, param); i >= 0 {
						return &ParamProduce{Param: i, Path: p.key.Path.Steps(), Name: a.Name(p.key)}
					}
				}
			}
		}
	}
	return nil
}

// EntryResult returns, when f returns a pointer to an entry of guarded
// storage whose guard is reached from a parameter, that guard.
func (f *Func) EntryResult() *ParamEntry {
	for _, b := range f.Fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, res := range ret.Results {
			for _, src := range f.Sources(res) {
				p := f.pinOf(src)
				if !p.entry {
					continue
				}
				if param, ok := p.key.Root.(*ssa.Parameter); ok {
					if i := indexOf(f.Fn.Params, param); i >= 0 {
						return &ParamEntry{Param: i, Path: p.key.Path.Steps(), Name: f.a.Name(p.field)}
					}
				}
			}
		}
	}
	return nil
}

// ParamReuse returns what ev, an event of f as called by an unknown
// caller, says of a buffer reached from one of f's parameters or free
// variables: that f may reuse it (Reset, a read into it, Put), on the path
// of ev. Reuses by a goroutine f starts are the goroutine's.
func (f *Func) ParamReuse(ev Event) (ParamReuse, bool) {
	a := f.a
	if ev.Go || !ev.Data.Valid() || !ev.Effect.Has(bufmodel.Reuse) {
		return ParamReuse{}, false
	}
	idx := ParamIndex(f.Fn, ev.Data.Root)
	if alloc, ok := ev.Data.Root.(*ssa.Alloc); ok && idx < 0 && ev.GivesAway && ev.Data.Path.Empty() {
		// pool.Put(&buf) of a variable that only holds slices of a
		// parameter (buf = buf[:0]): the parameter's storage is given.
		if p := slicedParamVar(alloc); p != nil {
			idx = indexOf(f.Fn.Params, p)
		}
	}
	if idx < 0 {
		return ParamReuse{}, false
	}
	via := ev.Method
	if ev.Helper != nil || ev.ByCall {
		via = ev.Callee
	}
	return ParamReuse{Param: idx, Path: ev.Data.Path.Steps(), Name: a.Name(ev.Data), Via: via, GivesAway: ev.GivesAway}, true
}

// ParamIndex returns the index of root among fn's parameters (receiver
// first), then its free variables, as facts number them; -1 for another
// value.
func ParamIndex(fn *ssa.Function, root ssa.Value) int {
	switch r := root.(type) {
	case *ssa.Parameter:
		return indexOf(fn.Params, r)
	case *ssa.FreeVar:
		if i := indexOf(fn.FreeVars, r); i >= 0 {
			return numParams(fn) + i
		}
	}
	return -1
}

func indexOf[T comparable](s []T, x T) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

// slicedParamVar returns the parameter a local variable holds slices of,
// when every value stored into it is the parameter or a slice of it and
// its address goes nowhere but to loads and calls (pool.Put(&buf)).
func slicedParamVar(alloc *ssa.Alloc) *ssa.Parameter {
	var param *ssa.Parameter
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return nil
			}
			v := r.Val
			for sl, ok := v.(*ssa.Slice); ok; sl, ok = v.(*ssa.Slice) {
				v = sl.X
			}
			if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL && ld.X == alloc {
				continue // buf = buf[:0]
			}
			p, ok := v.(*ssa.Parameter)
			if !ok || param != nil && p != param {
				return nil
			}
			param = p
		case *ssa.UnOp, *ssa.DebugRef, *ssa.Call, *ssa.MakeInterface:
		default:
			return nil
		}
	}
	return param
}
