package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// This file resolves calls through function fields: a message keeps a
// release func() set, where it is made, to a closure that puts the
// message's buffer back into its pool (m := &msg{buf: b, release: func()
// { pool.Put(b) }}), and Close calls m.release(). The closure's captured
// variables are named by where the same function stored them into the
// same object (b is m.buf), so a call of x.release() does to x.buf what
// the closure does to b.

// fieldFunc is the one function the package stores into a func field,
// with the path from the field's object to each variable the closure
// captures, as every store of it says (unknown where they differ, or
// where the capture is not kept in the object).
type fieldFunc struct {
	fn    *ssa.Function
	bound []boundPath
}

// boundPath is where a closure's captured variable is in the object its
// field belongs to. With cell, the closure captured the variable itself
// (its address): the object holds the value the variable was given once.
type boundPath struct {
	path        Path
	known, cell bool
}

// fieldFuncs returns, for each func-typed field the package stores a
// function or closure into, what fieldFunc says; a field given two
// different functions, or a value that is not a function of the package,
// is left out (which one runs is not known).
func (a *Package) fieldFuncs() map[*types.Var]*fieldFunc {
	if a.funcFields != nil {
		return a.funcFields
	}
	a.funcFields = map[*types.Var]*fieldFunc{}
	conflict := map[*types.Var]bool{}
	for _, fn := range sourceFuncs(a.pass, a.ssapkg) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if _, isFunc := st.Val.Type().Underlying().(*types.Signature); !isFunc {
					continue
				}
				fld := FieldVar(fa)
				if fld == nil || conflict[fld] {
					continue
				}
				ff, ok := storedFunc(st.Val, fa.X)
				old, seen := a.funcFields[fld]
				switch {
				case !ok || seen && old.fn != ff.fn:
					conflict[fld] = true
					delete(a.funcFields, fld)
				case !seen:
					a.funcFields[fld] = ff
				default:
					for i := range old.bound {
						if old.bound[i] != ff.bound[i] {
							old.bound[i] = boundPath{}
						}
					}
				}
			}
		}
	}
	return a.funcFields
}

// storedFunc describes v, a function value stored into a field of obj: a
// declared function, or a closure whose captures are each obj itself or a
// value the same function stored into a field of obj.
func storedFunc(v, obj ssa.Value) (*fieldFunc, bool) {
	switch v := v.(type) {
	case *ssa.Function:
		return &fieldFunc{fn: v}, true
	case *ssa.MakeClosure:
		fn, ok := v.Fn.(*ssa.Function)
		if !ok || fn.Parent() == nil {
			return nil, false // a bound method: its receiver is the binding
		}
		ff := &fieldFunc{fn: fn, bound: make([]boundPath, len(v.Bindings))}
		for i, b := range v.Bindings {
			ff.bound[i] = pathInObject(b, obj, v.Parent())
		}
		return ff, true
	}
	return nil, false
}

// pathInObject returns where v, a closure's binding, is in obj: obj
// itself, or the field of it that fn stored v into (m := &msg{buf: b,
// release: func() { pool.Put(b) }}). A captured variable is followed to
// the one value it was given.
func pathInObject(v, obj ssa.Value, fn *ssa.Function) boundPath {
	var bp boundPath
	if c, ok := v.(*ssa.Alloc); ok {
		x := onlyStored(c)
		if x == nil {
			return boundPath{}
		}
		v, bp.cell = x, true
	}
	v, obj = sameValue(v), sameValue(obj)
	if v == obj {
		bp.known = true
		return bp
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok || sameValue(st.Val) != v {
				continue
			}
			if fa, ok := st.Addr.(*ssa.FieldAddr); ok && sameValue(fa.X) == obj {
				bp.path, bp.known = Path{}.Extend(Step{Op: FieldAddr, Index: fa.Field}).Extend(Step{Op: Load}), true
				return bp
			}
		}
	}
	return boundPath{}
}

// sameValue returns the value a load of a captured variable reads, when
// the variable is given one value only; v otherwise.
func sameValue(v ssa.Value) ssa.Value {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if c, ok := u.X.(*ssa.Alloc); ok {
			if x := onlyStored(c); x != nil {
				return x
			}
		}
	}
	return v
}

// onlyStored returns the one value stored into the variable c, when c is
// only stored once, loaded and captured by closures; nil otherwise.
func onlyStored(c *ssa.Alloc) ssa.Value {
	var x ssa.Value
	for _, r := range *c.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if x != nil || r.Addr != c {
				return nil
			}
			x = r.Val
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil
		}
	}
	return x
}

// at returns the path from the field's object to what a closure's fact
// path r, from its captured variable, names.
func (bp boundPath) at(r []Step) (Path, bool) {
	if !bp.known {
		return Path{}, false
	}
	if bp.cell {
		if len(r) == 0 || r[0].Op != Load {
			return Path{}, false // the variable itself, not its value
		}
		r = r[1:]
	}
	return bp.path.Concat(PathOf(r)), true
}

// fieldCallEvents returns the events of a call through a function field
// (x.release()) whose function the package knows (fieldFuncs): the
// buffers its fact says it reuses or gives away, reached from the call's
// arguments or from what the closure captured, named from x.
func (f *Func) fieldCallEvents(instr ssa.CallInstruction, c *ssa.CallCommon, pos token.Pos, deferred bool) []Event {
	load, ok := c.Value.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	ff := f.a.fieldFuncs()[FieldVar(fa)]
	if ff == nil {
		return nil
	}
	fact := f.a.summary(ff.fn)
	if fact == nil {
		return nil
	}
	callee := f.a.Name(f.keyOf(load))
	nparams := numParams(ff.fn)
	var evs []Event
	for _, r := range fact.Reuses {
		var k Key
		if r.Param < nparams {
			if r.Param < len(c.Args) {
				k = f.rebase(c.Args[r.Param], PathOf(r.Path))
			}
		} else if j := r.Param - nparams; j < len(ff.bound) {
			if p, ok := ff.bound[j].at(r.Path); ok {
				k = f.rebase(fa.X, p)
			}
		}
		if k.Valid() {
			evs = append(evs, f.reuseEvent(instr, ff.fn, callee, r, k, nil, pos, deferred))
		}
	}
	return evs
}
