package dataflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file follows aliases of ordinary buffers kept where they outlive the
// statement that keeps them: stored into a field of an object the function
// did not make, or into a global, or passed to a function that keeps its
// argument (its fact says so, or a //buflint:retains annotation does, for
// interfaces and code the analyzer cannot see into). A buffer reused after
// that leaves the kept slice seeing other data.

// retainSite is one store or call that keeps aliases where they outlive
// it. Its Retained cell is keyed by the site's value (the stored value, or
// the call).
type retainSite struct {
	pos    token.Pos
	addr   Key // where a store keeps them; zero for a call
	srcs   []ssa.Value
	callee string // the function that keeps them, for a call
	escape escape // how the object addr is inside outlives f, if f made it
}

// escape says how an object a function makes outlives it: returned, or
// kept in a place that outlives the function.
type escape struct {
	returned bool
	in       Key
	appended bool // the object is the array of elements an append added to the slice that escapes so
}

func (e escape) escapes() bool { return e.returned || e.in.Valid() }

// RetainedAt returns, for the Retained cell keyed by k, where the aliases
// were kept, which aliases, and for a call, the function that keeps them.
func (f *Func) RetainedAt(k Key) (token.Pos, []ssa.Value, string) {
	s := f.retained[k.Root]
	return s.pos, s.srcs, s.callee
}

// RetainedIn returns where the store of the Retained cell keyed by k keeps
// its aliases (the field, the global); zero for a call. When that place is
// inside an object the function makes, returned says it returns the object
// and holder where else it keeps it.
func (f *Func) RetainedIn(k Key) (in Key, returned bool, holder Key) {
	s := f.retained[k.Root]
	return s.addr, s.escape.returned, s.escape.in
}

// RetainedAppended reports whether the store of the Retained cell keyed by
// k is an element append adds to a slice that outlives the function
// (returned, or kept where RetainedIn's holder says).
func (f *Func) RetainedAppended(k Key) bool { return f.retained[k.Root].escape.appended }

// escapingObjects returns the objects f makes (new, composite literals,
// make, local variables, the slices append returns) that outlive it
// because it returns them, by pointer or by value, or stores them where
// they outlive it, or into an object that does. The elements append adds
// are held by the slice it returns: when that slice escapes, so does the
// array its variadic arguments were gathered in (out = append(out,
// s.Bytes()) in a loop whose out is returned).
func (f *Func) escapingObjects() map[ssa.Value]escape {
	local := func(v ssa.Value) ssa.Value {
		switch r := f.keyOf(v).Root.(type) {
		case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeSlice:
			return r
		case *ssa.Call:
			if appendCall(r) {
				return r
			}
		}
		return nil
	}
	out := map[ssa.Value]escape{}
	var stores []ssa.Instruction
	var appends []*ssa.Call
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Return:
				for _, r := range instr.Results {
					for _, v := range phiEdges(r) {
						if o := local(v); o != nil {
							out[o] = escape{returned: true}
						}
					}
				}
			case *ssa.Store, *ssa.MapUpdate:
				stores = append(stores, instr)
			case *ssa.Call:
				if appendCall(instr) {
					appends = append(appends, instr)
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, instr := range stores {
			var into Key
			var val ssa.Value
			switch instr := instr.(type) {
			case *ssa.Store:
				// Into a local variable, the value escapes if the variable
				// does (the result slot of a function with defers).
				into, val = f.keyOf(instr.Addr), instr.Val
			case *ssa.MapUpdate:
				into, val = f.keyOf(instr.Map), instr.Value
			}
			for _, v := range phiEdges(val) {
				o := local(v)
				if o == nil || out[o].escapes() {
					continue
				}
				switch {
				case outlives(into) || isParamRoot(into):
					out[o], changed = escape{in: into}, true
				case out[into.Root].escapes():
					out[o], changed = out[into.Root], true // held by an escaping object
				}
			}
		}
		for _, call := range appends {
			e := out[call]
			if !e.escapes() {
				continue
			}
			// The slice append returns holds its first argument's elements
			// and the array of the others.
			held := phiEdges(call.Call.Args[0])
			for _, v := range held {
				if o := local(v); o != nil && !out[o].escapes() {
					out[o], changed = e, true
				}
			}
			if sl, ok := call.Call.Args[1].(*ssa.Slice); ok {
				if o := local(sl.X); o != nil && !out[o].escapes() {
					e.appended = true
					out[o], changed = e, true
				}
			}
		}
	}
	return out
}

// appendCall reports whether call is a call of the append builtin with
// elements to add.
func appendCall(call *ssa.Call) bool {
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "append" && len(call.Call.Args) == 2
}

// phiEdges returns the values v may be, through phis: v itself when it is
// not a phi.
func phiEdges(v ssa.Value) []ssa.Value {
	if _, ok := v.(*ssa.Phi); !ok {
		return []ssa.Value{v}
	}
	var out []ssa.Value
	seen := map[*ssa.Phi]bool{}
	var walk func(ssa.Value)
	walk = func(v ssa.Value) {
		phi, ok := v.(*ssa.Phi)
		if !ok {
			out = append(out, v)
			return
		}
		if seen[phi] {
			return
		}
		seen[phi] = true
		for _, e := range phi.Edges {
			walk(e)
		}
	}
	walk(v)
	return out
}

// outlives reports whether memory named by k outlives the function's
// statements: it is reached from a parameter, a free variable or a global,
// not from an object the function makes.
func outlives(k Key) bool {
	switch k.Root.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return !k.Path.Empty()
	case *ssa.Global:
		return true
	}
	return false
}

// retainEvents adds the Retain events of f's stores and calls: for a store
// of an alias of ordinary data into memory that outlives the function, or
// a call to a function that keeps such an alias; and, for every other
// store into a place that keeps an alias somewhere in f, an event that
// says it no longer does. They depend on Sources, so they come once every
// producer of the context is known.
func (f *Func) retainEvents() {
	kept := map[Key]bool{}
	var stores []*ssa.Store
	escaping := f.escapingObjects()
	keep := func(instr ssa.Instruction, k Key, val ssa.Value) (Event, bool) {
		srcs := append(f.dataAliases(val), f.ordinaryAliases(f.heldSources(val))...)
		if len(srcs) == 0 {
			return Event{}, false
		}
		ev := Event{Effect: bufmodel.Retain, Instr: instr, Pos: PosOf(instr), Data: k, Alias: val, Access: "stored"}
		site := f.retained[val]
		if !site.pos.IsValid() {
			site.pos = ev.Pos
		}
		site.addr, site.srcs, site.escape = k, append(site.srcs, srcs...), escaping[k.Root]
		f.retained[val] = site
		return ev, true
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			var ev Event
			switch instr := instr.(type) {
			case *ssa.Store:
				k := f.keyOf(instr.Addr)
				if ia, ok := instr.Addr.(*ssa.IndexAddr); ok && !k.Valid() {
					// s.lines[i] = p: an element at a variable index of a
					// slice or array that outlives the function keeps p.
					// Other elements are other places: no store ends it.
					sk := f.keyOf(ia.X)
					if !sk.Valid() || !outlives(sk) && !escaping[sk.Root].escapes() {
						continue
					}
					var ok bool
					if ev, ok = keep(instr, sk, instr.Val); !ok {
						continue
					}
					ev.Data = Key{}
					break
				}
				if !outlives(k) && (k.Path.Empty() || !escaping[k.Root].escapes()) {
					continue
				}
				stores = append(stores, instr)
				var ok bool
				if ev, ok = keep(instr, k, instr.Val); !ok {
					continue
				}
				kept[k] = true
			case *ssa.MapUpdate:
				// A map is a reference: one reached from a parameter or a
				// global, or one the function returns, outlives it.
				k := f.keyOf(instr.Map)
				if !outlives(k) && !isParamRoot(k) && !escaping[k.Root].escapes() {
					continue
				}
				var ok bool
				if ev, ok = keep(instr, k, instr.Value); !ok {
					continue
				}
			case *ssa.Call:
				for _, ev := range f.callRetains(instr) {
					f.evcache[instr] = append(f.evcache[instr], ev)
				}
				continue
			default:
				continue
			}
			f.evcache[instr] = append(f.evcache[instr], ev)
		}
	}
	for _, st := range stores {
		if k := f.keyOf(st.Addr); kept[k] && len(f.dataAliases(st.Val)) == 0 {
			f.evcache[st] = append(f.evcache[st], Event{Effect: bufmodel.Retain, Instr: st, Pos: PosOf(st), Data: k})
		}
	}
}

// dataAliases returns the sources of v that are aliases of ordinary data
// (a bytes.Buffer's storage, a pooled buffer), the ones Retain tracks.
// Aliases of guarded fields are not: keeping one in another field the
// same lock guards is how guarded data is meant to be used.
func (f *Func) dataAliases(v ssa.Value) []ssa.Value { return f.ordinaryAliases(f.Sources(v)) }

// ordinaryAliases returns the sources among srcs that are aliases of
// ordinary data, as dataAliases.
func (f *Func) ordinaryAliases(srcs []ssa.Value) []ssa.Value {
	var out []ssa.Value
	for _, src := range srcs {
		if p := f.pinOf(src); p.kind == Data && p.key.Valid() {
			if _, scratch := p.key.Root.(*ssa.MakeSlice); scratch && p.self {
				continue // a scratch slice made here: nothing recycles it
			}
			if _, scratch := p.key.Root.(*ssa.Alloc); scratch && p.self {
				continue
			}
			out = append(out, src)
		}
	}
	return out
}

// callRetains returns the Retain events of a call to a function that keeps
// an argument: one per kept argument that is an alias of ordinary data and
// is kept by an object that outlives the function (or beyond every
// parameter).
func (f *Func) callRetains(call *ssa.Call) []Event {
	c := call.Common()
	var retains []ParamRetain
	var args []ssa.Value
	name := ""
	if fn, fargs, _ := callee(c); fn != nil {
		if _, ok := modelRow(fn); ok {
			return nil
		}
		if fact := f.a.summary(fn); fact != nil {
			retains, args, name = fact.Retains, fargs, f.a.FuncName(fn)
		}
	} else if c.IsInvoke() {
		retains, args = f.a.interfaceRetains(c.Method), append([]ssa.Value{c.Value}, c.Args...)
		name = types.TypeString(c.Value.Type(), types.RelativeTo(f.a.pass.Pkg)) + "." + c.Method.Name()
	}
	var evs []Event
	for _, r := range retains {
		if r.Param >= len(args) || r.Holds {
			continue
		}
		srcs := f.dataAliases(args[r.Param])
		if len(srcs) == 0 {
			continue
		}
		if r.Into >= 0 {
			if r.Into >= len(args) {
				continue
			}
			if k := f.keyOf(args[r.Into]); !outlives(k) && !isParamRoot(k) {
				continue // kept by an object the function made
			}
		}
		pos := call.Pos()
		ev := Event{Effect: bufmodel.Retain, Instr: call, Pos: pos, Alias: call, Callee: name, Access: "passed to " + name}
		site := f.retained[call]
		f.retained[call] = retainSite{pos: pos, srcs: append(site.srcs, srcs...), callee: name}
		evs = append(evs, ev)
	}
	return evs
}

func isParamRoot(k Key) bool {
	switch k.Root.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return true
	}
	return false
}

// interfaceRetains returns what the annotations say an interface method
// keeps: this package's, or imported as its fact.
func (a *Package) interfaceRetains(m *types.Func) []ParamRetain {
	if m.Pkg() == a.pass.Pkg {
		if an := a.annots[m]; an != nil {
			return an.Retains
		}
		return nil
	}
	if fact := a.oracle.ImportedLockFact(m); fact != nil {
		return fact.Retains
	}
	return nil
}
