package dataflow

import (
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// Flow says what an instruction does with the data an operand refers to,
// when the operand is a reference into guarded data (a slice, a pointer, a
// uintptr, or a variable holding one). It is the one table both halves of
// alias tracking read: Sources follows Derive, and the unpinned check reports
// Use.
type Flow uint8

const (
	// Use reads or writes the data, or hands the reference to code that
	// may: a load through it, a store through or of it, a call argument.
	Use Flow = 1 << iota
	// Derive makes the instruction's own value refer to the same data:
	// p[1:], &p[i], unsafe.Pointer(p), uintptr arithmetic, a phi, a load of
	// a local variable that holds the reference.
	Derive
)

// Inspect is the flow of instructions that read only the reference itself
// (len, cap, a comparison with nil) or record it for later (a closure's
// captured variable, whose loads are followed): neither a use nor a new
// reference.
const Inspect Flow = 0

// FlowOf returns what instr does with the data that its operand op refers to.
func FlowOf(instr ssa.Instruction, op ssa.Value) Flow {
	switch i := instr.(type) {
	case *ssa.Slice, *ssa.IndexAddr, *ssa.ChangeType, *ssa.MakeInterface, *ssa.TypeAssert, *ssa.ChangeInterface,
		*ssa.SliceToArrayPointer, *ssa.Phi:
		return Derive
	case *ssa.DebugRef, *ssa.MakeClosure:
		return Inspect
	case *ssa.Extract:
		if isReference(i.Type()) && !types.Identical(i.Type(), errorType) {
			return Derive // p, err := r.Peek(n): p is the slice
		}
		return Inspect // the error or the count beside it
	case *ssa.Convert:
		if isString(i.Type()) {
			return Use // string(p) copies the data: it reads it, and ends the alias
		}
		return Derive
	case *ssa.BinOp:
		switch i.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			return Inspect // p != nil compares references, not data
		}
		return Derive // uintptr arithmetic
	case *ssa.UnOp:
		if i.Op == token.MUL {
			switch i.X.(type) {
			case *ssa.Alloc, *ssa.FreeVar:
				return Derive // reading a local variable that holds the reference
			}
		}
	case *ssa.Store:
		switch i.Addr.(type) {
		case *ssa.Alloc, *ssa.FreeVar:
			// Kept in a local variable (its loads are followed), or the
			// variable itself overwritten: no buffer data is written.
			return Inspect
		}
		return Use // a write through the reference, or published to a field, global or element
	case *ssa.Call:
		if b, ok := i.Call.Value.(*ssa.Builtin); ok {
			switch b.Name() {
			case "len", "cap":
				return Inspect
			case "Slice", "SliceData", "String", "StringData", "Add":
				if len(i.Call.Args) > 0 && i.Call.Args[0] == op {
					return Derive
				}
				return Inspect // the length or offset
			case "append":
				if len(i.Call.Args) > 0 && i.Call.Args[0] == op {
					return Use | Derive // writes into the array, and may return it
				}
			}
		}
	}
	return Use
}

// isString reports whether t is a string type.
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
			if fn, args, _ := callee(c); isHandleMethod(fn) && len(args) > 0 && args[0] == call &&
				!slices.Contains(args[1:], ssa.Value(call)) {
				continue
			}
		case *ssa.MakeClosure:
			if fn := r.Fn.(*ssa.Function); isHandleMethod(fn) && len(r.Bindings) == 1 {
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

// isHandleMethod reports whether fn is a method the model knows on handles.
func isHandleMethod(fn *ssa.Function) bool {
	row, ok := modelRow(fn)
	return ok && row.On == bufmodel.OnHandle
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

// ownerOf returns the key of the object a handle was opened on, when the
// handle is the result of an Open call (Buffer.View) in this function or an
// enclosing one.
func (f *Func) ownerOf(view Key) Key {
	call, ok := view.Root.(*ssa.Call)
	if !ok || !view.Path.Empty() {
		return Key{}
	}
	fn, args, _ := callee(call.Common())
	if row, ok := modelRow(fn); !ok || !row.Effect.Has(bufmodel.Open) || len(args) == 0 {
		return Key{}
	}
	for g := f; g != nil; g = g.parent {
		if g.Fn == call.Parent() {
			return g.keyOf(args[0])
		}
	}
	return keyOf(args[0])
}

// ViewOwner returns the key of the object the handle named by view was
// opened on, or the zero Key when that is not known here.
func (f *Func) ViewOwner(view Key) Key { return f.ownerOf(view) }

// Pin returns what keeps the data returned by the Produce call src valid in
// f's context: a guard (Guard) or a handle (Handle). src is one
// of f.Sources: a call of f's function or of an enclosing context's.
func (f *Func) Pin(src ssa.Value) (Kind, Key) {
	p, _ := f.pinned(src)
	return p.kind, p.key
}

// ThroughPhi reports whether v reaches the alias src only through a phi (a
// variable assigned on several paths): on some paths v may hold other data
// than src's, and a state of src's "on some path" may be the state of
// paths where v does not hold it.
func (f *Func) ThroughPhi(v, src ssa.Value) bool {
	direct := map[ssa.Value]bool{}
	var walk func(ssa.Value) bool // reports whether src is reached without a phi
	walk = func(x ssa.Value) bool {
		if x == src {
			return true
		}
		if direct[x] {
			return false
		}
		direct[x] = true
		if _, ok := x.(*ssa.Phi); ok {
			return false
		}
		if _, ok := f.pinned(x); ok {
			return false
		}
		instr, ok := x.(ssa.Instruction)
		if !ok {
			return false
		}
		if u, ok := x.(*ssa.UnOp); ok && u.Op == token.MUL {
			if alloc, ok := u.X.(*ssa.Alloc); ok {
				if addressEscapes(alloc) {
					return false
				}
				for _, val := range reachingStores(u, alloc) {
					if walk(val) {
						return true
					}
				}
				return false
			}
		}
		for _, p := range instr.Operands(nil) {
			if p != nil && *p != nil && FlowOf(instr, *p)&Derive != 0 && walk(*p) {
				return true
			}
		}
		return false
	}
	return !walk(v)
}

// A Pinning says what keeps an alias valid; see Func.Pinning.
type Pinning struct {
	Kind  Kind // Guard, Handle or Data
	Key   Key  // the guard, handle or data object
	Guard Key  // for Data: the guard of the data, if it is a guarded field
	Field Key  // for an alias loaded from a guarded field: the field
	Self  bool // the data is its own alias (a pooled buffer, a scratch slice)
	Given bool // the alias is an object given back to a pool (Func.pinGiven)
	// Entry is set for a pointer to an object kept in guarded storage,
	// pinned by the storage's guard (Field is the storage's field).
	Entry bool
}

// Pinning returns what keeps the alias src (one of f.Sources) valid.
func (f *Func) Pinning(src ssa.Value) Pinning {
	p := f.pinOf(src)
	return Pinning{Kind: p.kind, Key: p.key, Guard: p.guard, Field: p.field, Self: p.self, Given: p.given, Entry: p.entry}
}

// Producer names what made the alias src, for messages: "b.Bytes()",
// "pool.Get()", "s.buf", "the buffer made at line 12".
func (f *Func) Producer(src ssa.Value) string {
	p := f.pinOf(src)
	switch v := src.(type) {
	case *ssa.Call:
		fn, args, _ := callee(v.Common())
		if row, ok := modelRow(fn); ok && len(args) > 0 {
			return f.a.Name(f.keyOf(args[0])) + "." + row.Name + "()"
		}
		if fn != nil {
			return f.a.FuncName(fn) + "()" // a function whose fact says it returns a slice
		}
	case *ssa.UnOp:
		if p.field.Valid() {
			return f.a.Name(p.field)
		}
	case *ssa.Slice:
		if p.field.Valid() {
			return f.a.Name(p.field) + "[:]"
		}
	case *ssa.MakeSlice:
		return "the buffer made at line " + strconv.Itoa(f.a.pass.Fset.Position(v.Pos()).Line)
	}
	return f.a.Name(p.key)
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

// pinless reports whether neither f nor an enclosing context has a
// producer, so that no value has sources.
func (f *Func) pinless() bool {
	for g := f; g != nil; g = g.parent {
		if len(g.pins) > 0 {
			return false
		}
	}
	return true
}

// IsProducer reports whether v makes an alias in f's context (or an
// enclosing one): it is its own source.
func (f *Func) IsProducer(v ssa.Value) bool {
	_, ok := f.pinned(v)
	return ok
}

// pinOf is pinned without the found flag, for State.invalidate.
func (f *Func) pinOf(v ssa.Value) aliasPin {
	p, _ := f.pinned(v)
	return p
}

// isReference reports whether a value of type t can refer to buffer data:
// a slice, a pointer, an unsafe.Pointer, a uintptr, an interface.
var errorType = types.Universe.Lookup("error").Type()

func isReference(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Pointer, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer || u.Kind() == types.Uintptr
	}
	return false
}

// borrowedParams returns the []byte parameters of f, as called by an
// unknown caller, that v hands on: the parameter or a slice of it, the
// variable a closure captures it in, or those a struct made here holds in
// its fields. The caller owns that storage, and gets it back when f
// returns.
func (f *Func) borrowedParams(v ssa.Value) []*ssa.Parameter {
	if f.parent != nil || f.Start != Called {
		return nil
	}
	param := func(v ssa.Value) *ssa.Parameter {
		p, _ := sliceRoot(v).(*ssa.Parameter)
		if a, ok := v.(*ssa.Alloc); ok && spilled(a) != nil {
			p = spilled(a)
		}
		if p != nil && !bufmodel.IsByteSlice(p.Type()) {
			return nil
		}
		return p
	}
	if p := param(v); p != nil {
		return []*ssa.Parameter{p}
	}
	var out []*ssa.Parameter
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if alloc, ok := load.X.(*ssa.Alloc); ok {
			for _, r := range *alloc.Referrers() {
				if fa, ok := r.(*ssa.FieldAddr); ok && fa.X == ssa.Value(alloc) {
					for _, val := range storedInto(fa) {
						if p := param(val); p != nil && !slices.Contains(out, p) {
							out = append(out, p)
						}
					}
				}
			}
		}
	}
	return out
}
