package dataflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/analyzer/bufmodel"
)

// This file follows references into Go data that the garbage collector
// does not see: where a uintptr's value comes from (through arithmetic,
// phis, local variables and closure captures), which Go data a pointer
// points into, which C call allocated the memory a store goes into, and
// what a runtime.Pinner pins. It reads each function's SSA alone, without
// lock states: the unpinned check asks it once per function.

// Origin is where a uintptr's value comes from: the conversion (or the
// reflect call) that took the address of Go byte data, or a load from a
// field or a global.
type Origin struct {
	At    ssa.Instruction
	Data  ssa.Value    // the slice, array or string the address is into
	Place types.Object // the field or global it was loaded from
	// Header is set for the Data field of a reflect header held as a value.
	Header types.Type
	// Captured is set when the uintptr reached the function that uses it
	// through a closure's free variable: the closure runs later.
	Captured bool
	// ThroughPhi is set when the value reached its use through a phi: in a
	// loop, from an earlier turn.
	ThroughPhi bool
}

// UintptrOrigins returns the origins of the uintptr v.
func UintptrOrigins(v ssa.Value) []Origin { return uintptrOrigins(v, map[ssa.Value]bool{}) }

// DataRoot returns the Go data the pointer v points into, or nil; see
// dataRoot.
func DataRoot(v ssa.Value) ssa.Value { return dataRoot(v, 0) }

// uintptrOrigins returns the origins of v, through arithmetic, phis and
// local variables whose address is taken. It is one switch over the value
// kinds a uintptr flows through, kept whole so that the cases read as the
// list of ways an address becomes a number.
func uintptrOrigins(v ssa.Value, seen map[ssa.Value]bool) []Origin {
	if seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Convert:
		if bufmodel.BasicKind(v.X.Type()) == types.UnsafePointer {
			if d := dataRoot(v.X, 0); d != nil {
				return []Origin{{At: v, Data: d}}
			}
		}
		if bufmodel.IsInteger(v.X.Type()) && bufmodel.IsInteger(v.Type()) {
			return uintptrOrigins(v.X, seen) // uint64(uintptr(p)), C.uintptr_t(uintptr(p))
		}
	case *ssa.Call:
		if fn := v.Call.StaticCallee(); fn != nil && bufmodel.IsAddressFunc(funcObject(fn)) && len(v.Call.Args) > 0 {
			if d := reflected(v.Call.Args[0]); d != nil {
				return []Origin{{At: v, Data: d}}
			}
		}
	case *ssa.BinOp:
		if v.Op == token.SUB && isAddress(v.Y) {
			return nil // the distance between two addresses: an offset
		}
		return append(uintptrOrigins(v.X, seen), uintptrOrigins(v.Y, seen)...)
	case *ssa.Phi:
		var out []Origin
		for _, e := range v.Edges {
			for _, o := range uintptrOrigins(e, seen) {
				o.ThroughPhi = true
				out = append(out, o)
			}
		}
		return out
	case *ssa.Field:
		if t := v.X.Type(); bufmodel.IsHeaderType(t) {
			return []Origin{{At: v, Header: t}}
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		switch x := v.X.(type) {
		case *ssa.Alloc:
			if !x.Heap {
				return storedOrigins(x, seen)
			}
		case *ssa.FreeVar:
			// A variable captured by a function literal.
			var out []Origin
			for _, b := range bindings(x) {
				if alloc, ok := b.(*ssa.Alloc); ok {
					for _, o := range storedOrigins(alloc, seen) {
						o.Captured = true
						out = append(out, o)
					}
				}
			}
			return out
		}
		if fa, ok := v.X.(*ssa.FieldAddr); ok {
			if _, local := fa.X.(*ssa.Alloc); local && IsHeaderPointer(fa.X.Type()) {
				return []Origin{{At: v, Header: fa.X.Type().Underlying().(*types.Pointer).Elem()}}
			}
		}
		if p := PlaceOf(v.X); p != nil {
			return []Origin{{At: v, Place: p}}
		}
	case *ssa.Lookup:
		if p := ContainerPlace(v.X); p != nil {
			return []Origin{{At: v, Place: p}}
		}
	case *ssa.FreeVar:
		// Bound by the enclosing function: the closure runs after it is
		// made, so the uintptr is kept until then.
		var out []Origin
		for _, b := range bindings(v) {
			for _, o := range uintptrOrigins(b, seen) {
				o.Captured = true
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// isAddress reports whether the integer v is a pointer converted to an
// integer (uintptr(p), through integer conversions).
func isAddress(v ssa.Value) bool {
	for range 8 {
		c, ok := v.(*ssa.Convert)
		if !ok {
			return false
		}
		if bufmodel.BasicKind(c.X.Type()) == types.UnsafePointer {
			return true
		}
		v = c.X
	}
	return false
}

// storedOrigins returns the origins of the values stored into the local
// variable alloc.
func storedOrigins(alloc *ssa.Alloc, seen map[ssa.Value]bool) []Origin {
	var out []Origin
	for _, v := range storedInto(alloc) {
		out = append(out, uintptrOrigins(v, seen)...)
	}
	return out
}

// bindings returns the values the enclosing function binds to the free
// variable fv where it makes the closure.
func bindings(fv *ssa.FreeVar) []ssa.Value {
	fn := fv.Parent()
	i := slices.Index(fn.FreeVars, fv)
	if fn.Parent() == nil || i < 0 {
		return nil
	}
	var out []ssa.Value
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && i < len(mc.Bindings) {
				out = append(out, mc.Bindings[i])
			}
		}
	}
	return out
}

// dataRoot returns the Go data the pointer v points into: the slice,
// array or string of any element type whose element it addresses (&b[i],
// unsafe.SliceData(b), unsafe.StringData(s)), or the Go variable it, or a
// field of it, is the address of (&x, &x.f, new(T)). It returns nil when v
// is not such a pointer as far as its definition shows, or when it points
// into memory Go did not allocate (a pointer made from an integer, a slice
// over C memory). A pointer parameter or a pointer loaded from memory is
// not followed: it may point into C or system memory.
func dataRoot(v ssa.Value, depth int) ssa.Value {
	if depth > 32 {
		return nil
	}
	switch v := v.(type) {
	case *ssa.Convert:
		if bufmodel.BasicKind(v.X.Type()) == types.Uintptr {
			return nil // made from an integer
		}
		return dataRoot(v.X, depth+1)
	case *ssa.ChangeType:
		return dataRoot(v.X, depth+1)
	case *ssa.IndexAddr:
		if bufmodel.IsGoData(v.X.Type()) {
			return dataValue(v.X, depth+1)
		}
	case *ssa.Slice:
		if bufmodel.IsGoData(v.X.Type()) {
			return dataValue(v.X, depth+1)
		}
	case *ssa.FieldAddr:
		if _, isAlloc := v.X.(*ssa.Alloc); isAlloc {
			return v.X // a field of a Go variable
		}
		if x := dataRoot(v.X, depth+1); x != nil {
			return x
		}
	case *ssa.Alloc:
		return v // a Go variable: local, new(T), &T{}
	case *ssa.FreeVar:
		// A variable captured by a function literal (as cgo's wrappers
		// capture the arguments of a C call) is the enclosing function's.
		if bs := bindings(v); len(bs) == 1 {
			if alloc, ok := bs[0].(*ssa.Alloc); ok {
				return alloc
			}
		}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && len(v.Call.Args) > 0 {
			switch b.Name() {
			case "SliceData", "StringData":
				return dataValue(v.Call.Args[0], depth+1)
			case "Add":
				return dataRoot(v.Call.Args[0], depth+1)
			}
		}
	}
	return nil
}

// dataValue returns the Go value holding the elements of x, a slice, array
// pointer or string: x itself, or what it was derived from; nil when it
// was made over memory Go did not allocate (unsafe.Slice of a C pointer).
func dataValue(x ssa.Value, depth int) ssa.Value {
	switch x := x.(type) {
	case *ssa.Convert:
		if bufmodel.IsGoData(x.X.Type()) && !bufmodel.IsPointerLike(x.Type()) && !bufmodel.IsPointerLike(x.X.Type()) {
			return x // string(b) and []byte(s) are copies the conversion made
		}
		return dataRoot(x, depth)
	case *ssa.ChangeType, *ssa.Slice, *ssa.IndexAddr:
		return dataRoot(x, depth)
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && (b.Name() == "Slice" || b.Name() == "String") && len(x.Call.Args) > 0 {
			return dataRoot(x.Call.Args[0], depth)
		}
	}
	return x
}

// reflected returns the byte data a reflect.Value was made of
// (reflect.ValueOf(b)), or nil.
func reflected(v ssa.Value) ssa.Value {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := call.Call.StaticCallee()
	if fn == nil || PkgOf(fn) == nil || PkgOf(fn).Path() != "reflect" || fn.Name() != "ValueOf" || len(call.Call.Args) != 1 {
		return nil
	}
	if mi, ok := call.Call.Args[0].(*ssa.MakeInterface); ok && bufmodel.IsGoData(mi.X.Type()) {
		return dataValue(mi.X, 0)
	}
	return nil
}

// placeOf returns the field or global an address names, or, for an element
// of a slice, array or map, the field or global holding it.
func PlaceOf(addr ssa.Value) types.Object {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return fieldOf(a.X.Type(), a.Field)
	case *ssa.Global:
		return a.Object()
	case *ssa.IndexAddr:
		return ContainerPlace(a.X)
	}
	return nil
}

// containerPlace returns the field or global holding the slice, array or
// map x.
func ContainerPlace(x ssa.Value) types.Object {
	switch x := x.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return PlaceOf(x.X)
		}
	case *ssa.FieldAddr, *ssa.Global:
		return PlaceOf(x) // an array in a field or a global
	}
	return nil
}

// OverlaysReal reports whether the header pointer h is the address of a
// real slice or string variable (a local, a parameter's copy, a field),
// converted: (*reflect.SliceHeader)(unsafe.Pointer(&b)).
func OverlaysReal(h ssa.Value) bool {
	v := stripConversions(h)
	if v == h {
		return false // not converted from another pointer
	}
	p, ok := v.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	switch p.Elem().Underlying().(type) {
	case *types.Slice:
		return true
	case *types.Basic:
		return bufmodel.BasicKind(p.Elem()) == types.String
	}
	return false
}

// isHeaderPointer reports whether t points to a reflect header.
func IsHeaderPointer(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && bufmodel.IsHeaderType(p.Elem())
}

// fieldOf returns field i of the struct ptr points to; nil for a reflect
// header, whose Data the header check follows.
func fieldOf(ptr types.Type, i int) types.Object {
	if IsHeaderPointer(ptr) {
		return nil
	}
	if p, ok := ptr.Underlying().(*types.Pointer); ok {
		if s, ok := p.Elem().Underlying().(*types.Struct); ok && i < s.NumFields() {
			return s.Field(i)
		}
	}
	return nil
}

// addressUse returns the uintptr operands that instr uses as addresses: a
// conversion to unsafe.Pointer, or the uintptr arguments of a call to the
// system or to C, which the callee dereferences.
func AddressUses(instr ssa.Instruction) []ssa.Value {
	switch i := instr.(type) {
	case *ssa.Convert:
		if bufmodel.BasicKind(i.Type()) == types.UnsafePointer && bufmodel.BasicKind(i.X.Type()) == types.Uintptr {
			return []ssa.Value{i.X}
		}
	case ssa.CallInstruction:
		if !systemCall(i) {
			return nil
		}
		// A C function may take an address as any integer type
		// (C.uintptr_t); the system's functions take a uintptr.
		cgo := bufmodel.IsCgoFunc(i.Common().StaticCallee().Name())
		var out []ssa.Value
		for _, a := range i.Common().Args {
			if _, isConst := a.(*ssa.Const); !isConst && (bufmodel.BasicKind(a.Type()) == types.Uintptr || cgo && bufmodel.IsInteger(a.Type())) {
				out = append(out, a)
			}
		}
		return out
	}
	return nil
}

// systemCall reports whether call hands its arguments to the system or to
// C: a function of a system package (syscall.Syscall, unix.Syscall), one
// cgo made for a C function, or a //go:uintptrescapes function of the
// package (SystemFunc).
func systemCall(call ssa.CallInstruction) bool { return SystemFunc(call.Common().StaticCallee()) }

// SystemFunc reports whether fn is a function the system's rules apply
// to: the compiler keeps the pointers converted in its argument lists
// alive for the call, and what it is handed by address the collector does
// not see it use. Only the package's own //go:uintptrescapes declarations
// are known; an imported function's directive is not in its export data.
func SystemFunc(fn *ssa.Function) bool {
	if fn == nil {
		return false
	}
	if bufmodel.IsCgoFunc(fn.Name()) {
		return true
	}
	if p := PkgOf(fn); p != nil && bufmodel.IsSystemPackage(p.Path()) {
		return true
	}
	decl, _ := fn.Syntax().(*ast.FuncDecl)
	return bufmodel.HasDirective(decl, bufmodel.UintptrEscapesDirective)
}

// addressPlaces returns the fields and globals whose uintptr values some
// function of the package uses as an address, with one such use.
func AddressPlaces(fns []*ssa.Function) map[types.Object]ssa.Instruction {
	out := map[types.Object]ssa.Instruction{}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, op := range AddressUses(instr) {
					for _, o := range uintptrOrigins(op, map[ssa.Value]bool{}) {
						if o.Place != nil && out[o.Place] == nil {
							out[o.Place] = instr
						}
					}
				}
			}
		}
	}
	return out
}

// convertedToPointer reports whether the address of the header alloc is
// converted to unsafe.Pointer: the header is reinterpreted as a slice or
// a string.
func ConvertedToPointer(alloc *ssa.Alloc) bool {
	for _, ref := range *alloc.Referrers() {
		if conv, ok := ref.(*ssa.Convert); ok && bufmodel.BasicKind(conv.Type()) == types.UnsafePointer {
			return true
		}
	}
	return false
}

func funcObject(fn *ssa.Function) *types.Func {
	f, _ := fn.Object().(*types.Func)
	return f
}

// pkgOf returns the package that declares fn, or nil for a synthetic
// function of none. A method of an imported type that the SSA builder made
// on demand has no ssa.Package, but its object has a package.
func PkgOf(fn *ssa.Function) *types.Package {
	if obj := fn.Object(); obj != nil {
		return obj.Pkg()
	}
	if fn.Pkg != nil {
		return fn.Pkg.Pkg
	}
	return nil
}
