package bufmodel

import (
	"go/ast"
	"go/types"
	"strings"
)

// The unsafe half of the model: what makes a reference into buffer data
// that the garbage collector does not see (a uintptr, a reflect header
// held as a value, a Go pointer in C memory), what hands such a reference
// to code that uses it as an address, and what pins data for C.

// AddressFuncs are methods whose uintptr result is the address of the data
// their receiver refers to: reflect.ValueOf(b).Pointer().
var AddressFuncs = []TypeName{
	{"reflect", "Value.Pointer"},
	{"reflect", "Value.UnsafeAddr"},
}

// HeaderTypes are the runtime representations of slices and strings with
// a uintptr Data field, valid only over a real slice or string.
var HeaderTypes = []TypeName{
	{"reflect", "SliceHeader"},
	{"reflect", "StringHeader"},
}

// SystemPackages are the packages whose functions take addresses as
// uintptr arguments (syscall.Syscall, unix.Syscall, unix.Mmap...).
var SystemPackages = []string{"syscall", "golang.org/x/sys/"}

// CollectorPackages implement the collector and the memory it manages:
// their uintptrs follow the runtime's own invariants (memory outside the
// heap, no preemption, no stack growth), not the unsafe package's rules
// for other code.
var CollectorPackages = []string{"runtime", "internal/runtime/"}

// NoCheckptrDirective marks a function whose pointer arithmetic its author
// declares exempt from the unsafe rules that -d=checkptr enforces; buflint
// trusts the declaration as written.
const NoCheckptrDirective = "//go:nocheckptr"

// UintptrEscapesDirective marks a function whose uintptr arguments the
// compiler keeps alive for the call when they are converted from pointers
// in its argument list, as it does for a system call's: such a function
// is one the system's rules apply to.
const UintptrEscapesDirective = "//go:uintptrescapes"

// PinMethods pin an object for C until Unpin: runtime.Pinner.Pin.
var PinMethods = []TypeName{{"runtime", "Pinner.Pin"}}

// IsAddressFunc reports whether fn is one of AddressFuncs.
func IsAddressFunc(fn *types.Func) bool { return isMethod(fn, AddressFuncs) }

// IsPin reports whether fn is one of PinMethods.
func IsPin(fn *types.Func) bool { return isMethod(fn, PinMethods) }

// IsHeaderType reports whether t is one of HeaderTypes.
func IsHeaderType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	for _, h := range HeaderTypes {
		if n.Obj().Pkg().Path() == h.Pkg && n.Obj().Name() == h.Name {
			return true
		}
	}
	return false
}

// IsSystemPackage reports whether path is one of SystemPackages (a prefix
// ending in / covers the packages below it).
func IsSystemPackage(path string) bool { return inPackages(path, SystemPackages) }

// inPackages reports whether path is one of list, where a prefix ending in
// / covers the packages below it.
func inPackages(path string, list []string) bool {
	for _, p := range list {
		if path == p || (strings.HasSuffix(p, "/") && strings.HasPrefix(path, p)) {
			return true
		}
	}
	return false
}

// IsCollectorPackage reports whether path is one of CollectorPackages.
func IsCollectorPackage(path string) bool { return inPackages(path, CollectorPackages) }

// IsCgoFunc reports whether name is one cgo gives the C function a Go file
// calls (C.f is _Cfunc_f, C.malloc is _CMalloc).
func IsCgoFunc(name string) bool {
	return strings.HasPrefix(name, "_Cfunc_") || name == "_CMalloc"
}

// IsCgoType reports whether t is (a pointer to) a type cgo made for a C
// type (C.struct_x is _Ctype_struct_x).
func IsCgoType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && strings.HasPrefix(n.Obj().Name(), "_Ctype_")
}

// IsByteData reports whether a value of type t refers to bytes a buffer
// holds: []byte, [N]byte or a pointer to one, *byte, string, or a buffer
// type of the model.
func IsByteData(t types.Type) bool {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return allTerms(tp, IsByteData) // [B ~[]byte]
	}
	u := types.Unalias(t).Underlying()
	if p, ok := u.(*types.Pointer); ok {
		if isByte(p.Elem()) {
			return true
		}
		u = types.Unalias(p.Elem()).Underlying()
	}
	switch u := u.(type) {
	case *types.Slice:
		return isByte(u.Elem())
	case *types.Array:
		return isByte(u.Elem())
	case *types.Basic:
		return u.Info()&types.IsString != 0
	}
	return IsBufferType(t)
}

// IsGoData reports whether a value of type t holds or refers to elements
// the collector manages and may move or free: a slice, an array or a
// pointer to one, of any element type, a string, or byte data of the model.
// The unsafe rules cover them all; a uintptr into a []uint64 is no safer
// than one into a []byte.
func IsGoData(t types.Type) bool {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return allTerms(tp, IsGoData)
	}
	u := types.Unalias(t).Underlying()
	if p, ok := u.(*types.Pointer); ok {
		if _, isArray := p.Elem().Underlying().(*types.Array); isArray {
			return true
		}
	}
	switch u := u.(type) {
	case *types.Slice, *types.Array:
		return true
	case *types.Basic:
		return u.Info()&types.IsString != 0
	}
	return IsByteData(t)
}

// allTerms reports whether every type in tp's type set satisfies ok; false
// when the set is not a finite union of types.
func allTerms(tp *types.TypeParam, ok func(types.Type) bool) bool {
	iface, isIface := tp.Constraint().Underlying().(*types.Interface)
	if !isIface || iface.NumEmbeddeds() == 0 {
		return false
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		switch e := iface.EmbeddedType(i).(type) {
		case *types.Union:
			for j := 0; j < e.Len(); j++ {
				if !ok(e.Term(j).Type()) {
					return false
				}
			}
		default:
			if !ok(e) {
				return false
			}
		}
	}
	return true
}

// isMethod reports whether fn is one of the methods names lists, each as
// {package path, "Type.Method"}.
func isMethod(fn *types.Func, names []TypeName) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	n := namedOf(sig.Recv().Type())
	if n == nil {
		return false
	}
	for _, m := range names {
		if fn.Pkg().Path() == m.Pkg && n.Obj().Name()+"."+fn.Name() == m.Name {
			return true
		}
	}
	return false
}

// IsInteger reports whether t is an integer type: a uintptr, or a uint64
// or C.uintptr_t an address may be converted to.
func IsInteger(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// IsPointerLike reports whether t is a pointer type or unsafe.Pointer.
func IsPointerLike(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok || BasicKind(t) == types.UnsafePointer
}

// BasicKind returns the kind of t's underlying basic type (types.Uintptr,
// types.UnsafePointer...), or types.Invalid for nil or another type.
func BasicKind(t types.Type) types.BasicKind {
	if t == nil {
		return types.Invalid
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Kind()
	}
	return types.Invalid
}

// MayCarryAddress reports whether a parameter of type t can carry the
// address of Go memory to the system or to C for its callers: a uintptr,
// an unsafe.Pointer, or a pointer to a struct or an array (a credential,
// an attribute block). Other integers are counts and descriptors.
func MayCarryAddress(t types.Type) bool {
	if t == nil {
		return false
	}
	switch k := BasicKind(t); k {
	case types.Uintptr, types.UnsafePointer:
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		switch p.Elem().Underlying().(type) {
		case *types.Struct, *types.Array:
			return true
		}
	}
	return false
}

// HasDirective reports whether a function declaration carries a //go:
// directive (NoCheckptrDirective, UintptrEscapesDirective).
func HasDirective(decl *ast.FuncDecl, directive string) bool {
	if decl == nil || decl.Doc == nil {
		return false
	}
	for _, c := range decl.Doc.List {
		if c.Text == directive || strings.HasPrefix(c.Text, directive+" ") {
			return true
		}
	}
	return false
}

// HoldsGoPointers reports whether a value of type t holds Go pointers
// whenever it is not its zero value, as cgo's rules count them: strings,
// slices, maps, channels, functions, interfaces and pointers to Go types,
// directly or in a field or an element. Cgo's own types (C.struct_x,
// *C.char) and unsafe.Pointer are taken to hold C memory or nothing: cgo
// code keeps its C pointers in them.
func HoldsGoPointers(t types.Type) bool { return holdsGoPointers(t, map[types.Type]bool{}) }

func holdsGoPointers(t types.Type, seen map[types.Type]bool) bool {
	if t == nil || seen[t] || IsCgoType(t) {
		return false
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Pointer:
		return !IsCgoType(u.Elem())
	case *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	case *types.Array:
		return u.Len() > 0 && holdsGoPointers(u.Elem(), seen)
	case *types.Struct:
		for i := range u.NumFields() {
			if holdsGoPointers(u.Field(i).Type(), seen) {
				return true
			}
		}
	}
	return false
}
