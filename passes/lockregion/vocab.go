package lockregion

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/buflint/buflint/passes/lockregion/internal/dataflow"
	"github.com/buflint/buflint/passes/lockregion/internal/facts"
	"github.com/buflint/buflint/passes/lockregion/internal/scan"
)

// The vocabulary the checks read: the engine's solved functions, states
// and events, and the facts. They are defined by the engine's layers
// (internal/dataflow, internal/facts) and named here, the one package the
// checks import.
type (
	Func    = dataflow.Func
	Visitor = dataflow.Visitor
	State   = dataflow.State
	Cell    = dataflow.Cell
	Key     = dataflow.Key
	Path    = dataflow.Path
	Event   = dataflow.Event
	Kind    = dataflow.Kind
	Why     = dataflow.Why
	Start   = dataflow.Start
	Flow    = dataflow.Flow
	Pinning = dataflow.Pinning

	LockFact      = facts.LockFact
	ParamLock     = facts.ParamLock
	ParamReuse    = facts.ParamReuse
	ParamRetain   = facts.ParamRetain
	ParamProduce  = facts.ParamProduce
	GuardFact     = facts.GuardFact
	HasLockFacts  = facts.HasLockFacts
	HasArgFacts   = facts.HasArgFacts
	BadAnnotation = facts.BadAnnotation
	How           = facts.How
	Status        = facts.Status
	Step          = facts.Step
	StepOp        = facts.StepOp
)

const (
	Held     = facts.Held
	Released = facts.Released
	Unknown  = facts.Unknown
	ReadHeld = facts.ReadHeld
	Owned    = facts.Owned

	FieldAddr = facts.FieldAddr
	Field     = facts.Field
	Load      = facts.Load
	Elem      = facts.Elem

	ByAnnotation = facts.ByAnnotation
	ByConvention = facts.ByConvention
	ByComment    = facts.ByComment
	ByUse        = facts.ByUse
	ByReadLock   = facts.ByReadLock

	Guard    = dataflow.Guard
	Handle   = dataflow.Handle
	Alias    = dataflow.Alias
	Shared   = dataflow.Shared
	Data     = dataflow.Data
	Consumed = dataflow.Consumed
	Retained = dataflow.Retained

	ByUnlock     = dataflow.ByUnlock
	ByEntry      = dataflow.ByEntry
	ByEntryCall  = dataflow.ByEntryCall
	ByGo         = dataflow.ByGo
	ByHelper     = dataflow.ByHelper
	ByInvalidate = dataflow.ByInvalidate
	ByClose      = dataflow.ByClose
	ByReuse      = dataflow.ByReuse

	Called    = dataflow.Called
	InPlace   = dataflow.InPlace
	Goroutine = dataflow.Goroutine

	Use     = dataflow.Use
	Derive  = dataflow.Derive
	Inspect = dataflow.Inspect
)

// FlowOf returns what instr does with the data that its operand op refers to.
func FlowOf(instr ssa.Instruction, op ssa.Value) Flow { return dataflow.FlowOf(instr, op) }

// PathOf returns the path made of steps.
func PathOf(steps []Step) Path { return dataflow.PathOf(steps) }

// SameReference reports whether v is the reference src itself (converted,
// or merged by a phi), not a pointer into what src refers to.
func SameReference(v, src ssa.Value) bool { return dataflow.SameReference(v, src) }

// PosOf returns a source position for instr: its own, or else that of the
// nearest instruction after it in its block that has one, or else, for a
// return, the closing brace of the function.
func PosOf(instr ssa.Instruction) token.Pos { return dataflow.PosOf(instr) }

// The engine's derivation of references the collector does not see, for
// the unpinned check (see internal/dataflow's unsafe.go and cgo.go).
type Origin = dataflow.Origin

// UintptrOrigins returns where the uintptr v's value comes from: the
// conversions that took an address of Go data, loads from fields and
// globals, the Data of a header value; through arithmetic, phis, local
// variables and closure captures.
func UintptrOrigins(v ssa.Value) []Origin { return dataflow.UintptrOrigins(v) }

// AddressUses returns the uintptr operands that instr uses as addresses: a
// conversion to unsafe.Pointer, or the uintptr arguments of a call to the
// system or to C.
func AddressUses(instr ssa.Instruction) []ssa.Value { return dataflow.AddressUses(instr) }

// AddressPlaces returns the fields and globals whose uintptr values some
// function of fns uses as an address, with one such use.
func AddressPlaces(fns []*ssa.Function) map[types.Object]ssa.Instruction {
	return dataflow.AddressPlaces(fns)
}

// PlaceOf returns the field or global an address names, or, for an element
// of a slice, array or map, the field or global holding it.
func PlaceOf(addr ssa.Value) types.Object { return dataflow.PlaceOf(addr) }

// ContainerPlace returns the field or global holding the slice, array or
// map x.
func ContainerPlace(x ssa.Value) types.Object { return dataflow.ContainerPlace(x) }

// DataRoot returns the Go slice, array or string whose bytes the pointer v
// points into, or nil.
func DataRoot(v ssa.Value) ssa.Value { return dataflow.DataRoot(v) }

// CPlaces are the fields and globals that hold pointers into C memory.
type CPlaces = dataflow.CPlaces

// FindCPlaces returns the fields and globals the functions fns store C
// memory into; its CMemory method returns the cgo call that allocated the
// memory an address is into, or nil.
func FindCPlaces(fns []*ssa.Function) CPlaces { return dataflow.FindCPlaces(fns) }

// PinnedData returns the Go data fn pins with a runtime.Pinner, by
// DataKey.
func PinnedData(fn *ssa.Function) map[any]bool { return dataflow.PinnedData(fn) }

// FieldOf returns the field a FieldAddr addresses, or nil.
func FieldOf(fa *ssa.FieldAddr) *types.Var { return dataflow.FieldVar(fa) }

// PassedArg returns the pointer a call's argument was made from, through
// conversions and cgo's copy of a captured variable.
func PassedArg(v ssa.Value) ssa.Value { return dataflow.PassedArg(v) }

// PinsAny reports whether fn, or a function it is a literal of, pins
// anything with a runtime.Pinner.
func PinsAny(fn *ssa.Function) bool { return dataflow.PinsAny(fn) }

// PassedPointee returns the type of what a call's argument points to,
// through its conversions, or nil.
func PassedPointee(v ssa.Value) types.Type { return dataflow.PassedPointee(v) }

// DataKey identifies Go data across loads of one field.
func DataKey(v ssa.Value) any { return dataflow.DataKey(v) }

// HandedTypes are the struct and array types a package hands, by address,
// to the system or to C.
type HandedTypes = dataflow.HandedTypes

// A Handing is a call that hands a value, by address, to the system or to
// C, directly or (Via) through a function that hands it on.
type Handing = dataflow.Handing

// ParamAddress is a parameter a function uses as an address (its fact).
type ParamAddress = facts.ParamAddress

// CallName names the function a call calls, as users write it (C.malloc,
// C.f, syscall.Syscall).
func CallName(call ssa.CallInstruction) string { return dataflow.CallName(call) }

// ContainerType returns the struct or array type a store address is a
// field or an element of, or nil.
func ContainerType(addr ssa.Value) types.Type { return dataflow.ContainerType(addr) }

// AddressParams returns the uintptr parameters fn uses as addresses, each
// with one such use.
func AddressParams(fn *ssa.Function) map[*ssa.Parameter]ssa.Instruction {
	return dataflow.AddressParams(fn)
}

// OverlaysReal reports whether the header pointer h is the address of a
// real slice or string variable, converted.
func OverlaysReal(h ssa.Value) bool { return dataflow.OverlaysReal(h) }

// UnsafeExempt reports whether the unsafe rules do not apply to fn (or the
// function declaring it): its author declares it //go:nocheckptr.
func UnsafeExempt(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	decl, _ := fn.Syntax().(*ast.FuncDecl)
	return scan.UnsafeExempt(decl)
}

// CallOrAllocBetween returns a call or an allocation on some path from def
// to use, excluding both, or nil: where the collector may run.
func CallOrAllocBetween(def, use ssa.Instruction, throughPhi bool) ssa.Instruction {
	return dataflow.CallOrAllocBetween(def, use, throughPhi)
}

// IsHeaderPointer reports whether t points to a reflect header.
func IsHeaderPointer(t types.Type) bool { return dataflow.IsHeaderPointer(t) }

// ConvertedToPointer reports whether the address of the header alloc is
// converted to unsafe.Pointer: the header is reinterpreted as a slice or a
// string.
func ConvertedToPointer(alloc *ssa.Alloc) bool { return dataflow.ConvertedToPointer(alloc) }

// PkgOf returns the package that declares fn, or nil for a synthetic
// function of none.
func PkgOf(fn *ssa.Function) *types.Package { return dataflow.PkgOf(fn) }
