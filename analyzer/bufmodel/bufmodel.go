// Package bufmodel is buflint's single model of the APIs it understands: for
// each function or method, the effects a call has on guards (locks), guarded
// data, the aliases and handles that reference it, and goroutines. The model
// is a table of rows; a new API is a few rows, not code in a pass. Every pass
// asks this package; no pass spells a type or method name itself.
package bufmodel

import (
	"go/types"
	"strings"
)

// PkgPath is the import path of the runtime package whose discipline buflint
// checks.
const PkgPath = "github.com/buflint/buflint/buffer"

// Effect is a set of things a call does, as far as buflint is concerned.
type Effect uint16

const (
	// Acquire takes the guard of the receiver (in Mode).
	Acquire Effect = 1 << iota
	// TryAcquire takes the guard when the call returns true.
	TryAcquire
	// Release drops the guard of the receiver.
	Release
	// Require needs the guard held: the call reads or writes guarded data.
	Require
	// Invalidate may move, truncate or reuse the guarded data: every alias
	// the guard pins is stale after it.
	Invalidate
	// Produce returns an alias of the guarded data, pinned as Pin says.
	Produce
	// Open returns a handle (a view) that pins the data until it is closed.
	Open
	// Close ends the handle it is called on: aliases it pinned are stale.
	Close
	// Join waits for other goroutines (WaitGroup.Wait and the like).
	Join
	// NoReturn never returns to its caller.
	NoReturn
	// Spawn is a go statement: the call runs in a new goroutine, which
	// holds none of its parent's guards. No row has it; the engine uses it
	// for the language construct.
	Spawn
)

// Has reports whether every effect of x is in e.
func (e Effect) Has(x Effect) bool { return x != 0 && e&x == x }

// Mode is how a guard is held.
type Mode uint8

const (
	Exclusive Mode = iota // Lock: one holder, who may read and write
	Shared                // RLock: many holders, who may only read
)

// Pin says what keeps an alias a call produces valid.
type Pin uint8

const (
	PinNone   Pin = iota
	PinGuard      // valid while the guard stays held (Buffer.Bytes)
	PinHandle     // valid until the handle is closed (View.Bytes)
)

// Subject says what the receiver of a method is to the model.
type Subject uint8

const (
	// OnGuarded: the receiver is the guarded object and its own guard
	// (buffer.Buffer), or a guard.
	OnGuarded Subject = iota
	// OnHandle: the receiver is a handle; the guard it needs is that of
	// the object the handle was opened on.
	OnHandle
)

// A Row is the model of one function or method.
type Row struct {
	Pkg  string // import path
	Type string // receiver's type name, without pointer; "" for a function
	Name string
	Effects
}

// Effects is what a row says of a call.
type Effects struct {
	Effect Effect
	Mode   Mode
	Pin    Pin     // with Produce: what pins the alias
	On     Subject // for methods: what the receiver is
}

// LockFree marks a row whose call needs no guard and changes nothing
// buflint tracks: it is modelled so that the coverage test knows it was
// considered, not forgotten.
const LockFree Effect = 0

// Rows is the model. Order does not matter; each (Pkg, Type, Name) appears
// once.
var Rows = []Row{
	// buffer.Buffer is its own guard.
	{PkgPath, "Buffer", "Lock", Effects{Effect: Acquire}},
	{PkgPath, "Buffer", "TryLock", Effects{Effect: TryAcquire}},
	{PkgPath, "Buffer", "Unlock", Effects{Effect: Release}},
	{PkgPath, "Buffer", "Len", Effects{Effect: Require}},
	{PkgPath, "Buffer", "Bytes", Effects{Effect: Require | Produce, Pin: PinGuard}},
	{PkgPath, "Buffer", "View", Effects{Effect: Require | Open}},
	{PkgPath, "Buffer", "Resize", Effects{Effect: Require | Invalidate}},
	{PkgPath, "Buffer", "Exports", Effects{Effect: LockFree}},
	// buffer.View is a handle on a Buffer.
	{PkgPath, "View", "Bytes", Effects{Effect: Require | Produce, Pin: PinHandle, On: OnHandle}},
	{PkgPath, "View", "Len", Effects{Effect: Require, On: OnHandle}},
	{PkgPath, "View", "Release", Effects{Effect: Close, On: OnHandle}},
	{PkgPath, "View", "Released", Effects{Effect: LockFree, On: OnHandle}},

	// Joins: a goroutine started earlier may be taken to have finished.
	{"sync", "WaitGroup", "Wait", Effects{Effect: Join}},
	{"sync", "Cond", "Wait", Effects{Effect: Join}},
	{"golang.org/x/sync/errgroup", "Group", "Wait", Effects{Effect: Join}},

	// Functions that never return. buflint decides this itself rather than
	// through ctrlflow's facts, which would make the driver load every
	// dependency from source.
	{"os", "", "Exit", Effects{Effect: NoReturn}},
	{"runtime", "", "Goexit", Effects{Effect: NoReturn}},
	{"syscall", "", "Exit", Effects{Effect: NoReturn}},
	{"log", "", "Fatal", Effects{Effect: NoReturn}},
	{"log", "", "Fatalf", Effects{Effect: NoReturn}},
	{"log", "", "Fatalln", Effects{Effect: NoReturn}},
	{"log", "", "Panic", Effects{Effect: NoReturn}},
	{"log", "", "Panicf", Effects{Effect: NoReturn}},
	{"log", "", "Panicln", Effects{Effect: NoReturn}},
}

// Synchronizers are the types goroutines wait on: a call handed one (or a
// channel) may wait for other goroutines, as a helper that waits on them
// does.
var Synchronizers = []TypeName{
	{"sync", "WaitGroup"},
	{"sync", "Cond"},
	{"golang.org/x/sync/errgroup", "Group"},
}

// A TypeName names a named type by package path and name.
type TypeName struct{ Pkg, Name string }

type rowKey struct{ pkg, typ, name string }

var index = func() map[rowKey]Row {
	m := make(map[rowKey]Row, len(Rows))
	for _, r := range Rows {
		k := rowKey{r.Pkg, r.Type, r.Name}
		if _, dup := m[k]; dup {
			panic("bufmodel: duplicate row " + r.String())
		}
		m[k] = r
	}
	return m
}()

// String names the row as messages do: "Buffer.Len", "sync.WaitGroup.Wait"
// for types outside the buffer package, "os.Exit" for functions.
func (r Row) String() string {
	switch {
	case r.Type == "":
		return r.Pkg[strings.LastIndex(r.Pkg, "/")+1:] + "." + r.Name
	case r.Pkg == PkgPath:
		return r.Type + "." + r.Name
	}
	return r.Pkg[strings.LastIndex(r.Pkg, "/")+1:] + "." + r.Type + "." + r.Name
}

// Lookup returns the row of fn (the generic origin of an instantiation is
// looked up), and whether the model has one.
func Lookup(fn *types.Func) (Row, bool) {
	if fn == nil || fn.Pkg() == nil {
		return Row{}, false
	}
	fn = fn.Origin()
	typ := ""
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		n := namedOf(recv.Type())
		if n == nil {
			return Row{}, false // an interface method
		}
		typ = n.Obj().Name()
	}
	r, ok := index[rowKey{fn.Pkg().Path(), typ, fn.Name()}]
	return r, ok
}

// IsBufferPackage reports whether p is the runtime buffer package.
func IsBufferPackage(p *types.Package) bool {
	return p != nil && p.Path() == PkgPath
}

// MayJoin reports whether a call to fn with arguments of the given types may
// wait for other goroutines, so that a goroutine started earlier may be taken
// to have finished with the data it was handed: a row with Join, or any call
// handed a channel or a synchronizer, such as a helper that waits on them.
// Taking too many calls for joins can only hide a premature Release; taking
// too few would report correct code.
func MayJoin(fn *types.Func, args []types.Type) bool {
	if r, ok := Lookup(fn); ok && r.Effect.Has(Join) {
		return true
	}
	for _, t := range args {
		if _, ok := t.Underlying().(*types.Chan); ok || IsSynchronizer(t) {
			return true
		}
	}
	return false
}

// IsSynchronizer reports whether t is (a pointer to) one of Synchronizers.
func IsSynchronizer(t types.Type) bool {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil {
		return false
	}
	for _, s := range Synchronizers {
		if n.Obj().Pkg().Path() == s.Pkg && n.Obj().Name() == s.Name {
			return true
		}
	}
	return false
}

// NoReturnFunc reports whether a call to fn never returns; it has the
// signature ssa.Program.SetNoReturn wants.
func NoReturnFunc(fn *types.Func) bool {
	r, ok := Lookup(fn)
	return ok && r.Effect.Has(NoReturn)
}

// namedOf returns the named type t is, or points to.
func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}
