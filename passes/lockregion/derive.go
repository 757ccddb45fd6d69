package lockregion

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// Sources returns the Bytes calls whose data v may alias: v is the result of
// Buffer.Bytes or View.Bytes, or derived from one by reslicing, indexing (&p[i]),
// unsafe.Pointer and uintptr conversions, unsafe.Slice and friends, local
// variables, phis and closure captures. A conversion to string copies, and
// ends the alias.
func (f *Func) Sources(v ssa.Value) []ssa.Value {
	if s, ok := f.srcs[v]; ok {
		return s
	}
	s := compact(f.sources(v, map[ssa.Value]bool{}))
	if !f.frozen {
		f.srcs[v] = s // only whole answers are kept: one cut short by a cycle is not
	}
	return s
}

func (f *Func) sources(v ssa.Value, seen map[ssa.Value]bool) []ssa.Value {
	if seen[v] {
		return nil
	}
	seen[v] = true
	var out []ssa.Value
	add := func(vs ...ssa.Value) {
		for _, x := range vs {
			out = append(out, f.sources(x, seen)...)
		}
	}
	switch v := v.(type) {
	case *ssa.Call:
		if _, ok := f.pinned(v); ok {
			out = append(out, v)
		} else if b, ok := v.Call.Value.(*ssa.Builtin); ok {
			switch b.Name() {
			case "Slice", "SliceData", "String", "StringData", "Add", "append":
				if len(v.Call.Args) > 0 {
					add(v.Call.Args[0])
				}
			}
		}
	case *ssa.Slice:
		add(v.X)
	case *ssa.IndexAddr:
		add(v.X)
	case *ssa.Convert:
		if !isString(v.Type()) {
			add(v.X)
		}
	case *ssa.ChangeType:
		add(v.X)
	case *ssa.MakeInterface:
		add(v.X)
	case *ssa.SliceToArrayPointer:
		add(v.X)
	case *ssa.Phi:
		add(v.Edges...)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			out = append(out, f.loadSources(v.X, seen)...)
		}
	case *ssa.BinOp:
		add(v.X, v.Y) // uintptr arithmetic
	case *ssa.Alloc:
		out = append(out, f.loadSources(v, seen)...) // the address of a variable holding data
	case *ssa.FreeVar:
		if f.parent != nil {
			if i := slices.Index(f.Fn.FreeVars, v); i >= 0 && i < len(f.bindings) {
				out = append(out, f.parent.Sources(f.bindings[i])...)
			}
		}
	case *ssa.Parameter:
		if f.parent != nil {
			if i := slices.Index(f.Fn.Params, v); i >= 0 && i < len(f.args) {
				out = append(out, f.parent.Sources(f.args[i])...)
			}
		}
	}
	return out
}

// loadSources returns the sources of what a load from addr may yield, when
// addr is a local variable that lives in memory: one captured by a closure
// (in the closure, a free variable bound to the parent's variable) or whose
// address is taken.
func (f *Func) loadSources(addr ssa.Value, seen map[ssa.Value]bool) []ssa.Value {
	switch addr := addr.(type) {
	case *ssa.Alloc:
		var out []ssa.Value
		for _, v := range storedInto(addr) {
			out = append(out, f.sources(v, seen)...)
		}
		return out
	case *ssa.FreeVar:
		if f.parent != nil {
			if i := slices.Index(f.Fn.FreeVars, addr); i >= 0 && i < len(f.bindings) {
				return f.parent.loadSources(f.bindings[i], map[ssa.Value]bool{})
			}
		}
	}
	return nil
}

// storedInto returns the values stored into a local variable that lives in
// memory (one captured by a closure, or whose address is taken).
func storedInto(alloc *ssa.Alloc) []ssa.Value {
	var vs []ssa.Value
	for _, r := range *alloc.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
			vs = append(vs, st.Val)
		}
	}
	return vs
}

func compact(vs []ssa.Value) []ssa.Value {
	if len(vs) < 2 {
		return vs
	}
	seen := map[ssa.Value]bool{}
	out := vs[:0]
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// viewEscapes reports whether the view created by call may be released
// somewhere this function cannot see: anything but calling the view's own
// methods (directly, deferred, or as a method value) lets it escape, and an
// escaping view is not tracked for leaks or for Resize while held.
func (f *Func) viewEscapes(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return true
	}
	for _, r := range *call.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
			continue
		case ssa.CallInstruction:
			c := r.Common()
			if fn, args, _ := callee(c); apiMethod(fn) != nil && len(args) > 0 && args[0] == call &&
				!slices.Contains(args[1:], ssa.Value(call)) {
				continue
			}
		case *ssa.MakeClosure:
			if fn := r.Fn.(*ssa.Function); apiMethod(fn) != nil && len(r.Bindings) == 1 {
				// A method value such as v.Release, used only by calls.
				if onlyCalled(r) {
					continue
				}
			}
		}
		return true
	}
	return false
}

func onlyCalled(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		c, ok := r.(ssa.CallInstruction)
		if !ok || c.Common().Value != mc {
			return false
		}
	}
	return true
}

// ownerOf returns the key of the buffer a view was taken from, when the view
// is the result of a Buffer.View call in this function or an enclosing one.
func (f *Func) ownerOf(view Key) Key {
	call, ok := view.Root.(*ssa.Call)
	if !ok || view.Path != "" {
		return Key{}
	}
	fn, args, _ := callee(call.Common())
	m := apiMethod(fn)
	if m == nil || bufmodel.Classify(m) != bufmodel.OpExport || len(args) == 0 {
		return Key{}
	}
	for g := f; g != nil; g = g.parent {
		if g.Fn == call.Parent() {
			return g.keyOf(args[0])
		}
	}
	return keyOf(args[0])
}

// ViewOwner returns the key of the buffer the view named by view was taken
// from, or the zero Key when that is not known here.
func (f *Func) ViewOwner(view Key) Key { return f.ownerOf(view) }

// Pin returns what keeps the data returned by the Bytes call src valid in
// f's context: the lock of a buffer (LockOf) or a view (ViewOf). src is one
// of f.Sources: a call of f's function or of an enclosing context's.
func (f *Func) Pin(src ssa.Value) (Kind, Key) {
	p, _ := f.pinned(src)
	return p.kind, p.key
}

// pinned returns what pins the alias returned by call v, as this context or
// the enclosing one that made the call computed it. Pins belong to contexts:
// a literal solved in two contexts pins the same call to different keys.
func (f *Func) pinned(v ssa.Value) (aliasPin, bool) {
	for g := f; g != nil; g = g.parent {
		if p, ok := g.pins[v]; ok {
			return p, true
		}
	}
	return aliasPin{}, false
}

// pinOf is pinned without the found flag, for State.invalidate.
func (f *Func) pinOf(v ssa.Value) aliasPin {
	p, _ := f.pinned(v)
	return p
}
