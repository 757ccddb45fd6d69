// Package bufmodel is buflint's single model of the APIs it understands: for
// each function or method, the effects a call has on guards (locks), guarded
// data, the aliases and handles that reference it, and goroutines. The model
// is a table of rows; a new API is a few rows, not code in a pass. Every pass
// asks this package; no pass spells a type or method name itself.
package bufmodel

import (
	"go/types"
	"slices"
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
	// Handoff hands data to another goroutine: a channel send, or a go
	// statement's arguments. No row has it; the engine uses it for the
	// language constructs.
	Handoff
	// Append adds to the end of its subject's contents (bytes.Buffer.Write):
	// bytes already there stay where earlier slices see them, unless the
	// buffer was read from since (Consume), when it may slide them down to
	// make room: then it is a Reuse.
	Append
	// Consume advances its subject's read offset (bytes.Buffer.Read, Next).
	Consume
	// Reuse may overwrite, move or recycle the storage of its subject (a
	// bytes.Buffer written or reset, a bufio.Reader's next read, a buffer
	// put back in a sync.Pool): every alias the subject produced is stale
	// after it.
	Reuse
	// Retain keeps a reference to data beyond the statement: a store into
	// memory that outlives it (a field of a parameter's object, a global),
	// or a call to a function that keeps its argument after it returns
	// (its fact, or a //buflint:retains annotation, says so). No row has it;
	// the engine uses it for stores and for such calls.
	Retain
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
	// PinData: valid until the receiver's storage is reused (a Reuse
	// effect on it: bytes.Buffer.Bytes until the next Write or Reset),
	// and, when the receiver is guarded data, while its guard stays held.
	PinData
	// PinSelf: the result is itself the data, valid until it is reused
	// (sync.Pool.Get's buffer, until it is Put back).
	PinSelf
)

// Subject says what the receiver of a method is to the model.
type Subject uint8

const (
	// OnGuard: the receiver is a guard, or guarded data that is its own
	// guard (sync.Mutex, buffer.Buffer).
	OnGuard Subject = iota
	// OnHandle: the receiver is a handle; the guard it needs is that of
	// the object the handle was opened on.
	OnHandle
	// OnData: the receiver is data (a bytes.Buffer); the guard it needs,
	// when it is a guarded field, is the one that guards it.
	OnData
	// OnArg: the effect is on the call's first argument, not on the
	// receiver (sync.Pool.Put(b) reuses b).
	OnArg
	// OnNone: the receiver is neither guard nor data (sync.Pool.Get).
	OnNone
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
var Rows = slices.Concat(bufferRows, lockRows, dataRows, poolRows, joinRows, noReturnRows)

// bufferRows model this module's runtime package.
var bufferRows = []Row{
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
}

// lockRows model the standard library's locks.
var lockRows = []Row{
	{"sync", "Mutex", "Lock", Effects{Effect: Acquire}},
	{"sync", "Mutex", "TryLock", Effects{Effect: TryAcquire}},
	{"sync", "Mutex", "Unlock", Effects{Effect: Release}},
	{"sync", "RWMutex", "Lock", Effects{Effect: Acquire}},
	{"sync", "RWMutex", "TryLock", Effects{Effect: TryAcquire}},
	{"sync", "RWMutex", "Unlock", Effects{Effect: Release}},
	{"sync", "RWMutex", "RLock", Effects{Effect: Acquire, Mode: Shared}},
	{"sync", "RWMutex", "TryRLock", Effects{Effect: TryAcquire, Mode: Shared}},
	{"sync", "RWMutex", "RUnlock", Effects{Effect: Release, Mode: Shared}},
	// A sync.Locker field is a lock whose kind is decided at run time
	// (a *sync.Mutex, an RWMutex's RLocker); its Lock excludes the other
	// holders of the same Locker.
	{"sync", "Locker", "Lock", Effects{Effect: Acquire}},
	{"sync", "Locker", "Unlock", Effects{Effect: Release}},
}

// Fillers are the calls that write into a byte slice they are handed, by
// the io.Reader convention: methods named as FillerMethods whose first
// parameter is a []byte, on any type or interface, and these functions,
// with the position of the slice among the call's arguments.
var Fillers = []Filler{
	{"io", "ReadFull", 1},
	{"io", "ReadAtLeast", 1},
}

// FillerMethods are the method names that, with a []byte first parameter,
// read into it: io.Reader's and io.ReaderAt's, and the packet reads of
// net's connections and net.PacketConn, on any type or interface that
// follows them.
var FillerMethods = []string{
	"Read", "ReadAt",
	"ReadFrom", "ReadFromUDP", "ReadFromUDPAddrPort", "ReadFromIP", "ReadFromUnix",
	"ReadMsgUDP", "ReadMsgUDPAddrPort", "ReadMsgIP", "ReadMsgUnix",
}

// A Filler is a function that writes into its argument Arg.
type Filler struct {
	Pkg, Name string
	Arg       int
}

// FilledArg returns the position, among a call's arguments (the receiver
// not counted), of the byte slice a call to fn writes into, if it is one.
func FilledArg(fn *types.Func) (int, bool) {
	if fn == nil || fn.Pkg() == nil {
		return 0, false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() != nil {
		if slices.Contains(FillerMethods, fn.Name()) && sig.Params().Len() > 0 {
			if sl, ok := sig.Params().At(0).Type().Underlying().(*types.Slice); ok && isByte(sl.Elem()) {
				return 0, true
			}
		}
		return 0, false
	}
	for _, f := range Fillers {
		if fn.Pkg().Path() == f.Pkg && fn.Name() == f.Name {
			return f.Arg, true
		}
	}
	return 0, false
}

// IsByteSlice reports whether t is a []byte.
func IsByteSlice(t types.Type) bool {
	sl, ok := t.Underlying().(*types.Slice)
	return ok && isByte(sl.Elem())
}

// HoldsByteSlices reports whether a value of type t may hold a byte
// slice: t is one, or an empty interface, or points to, has as elements
// or has a field of such a type, a few levels deep (a []*chunk whose
// chunks keep userData []byte). Each type is looked at once per query.
func HoldsByteSlices(t types.Type) bool { return holdsByteSlices(t, 6, map[types.Type]bool{}) }

func holdsByteSlices(t types.Type, depth int, seen map[types.Type]bool) bool {
	if t == nil || depth == 0 || seen[t] {
		return false
	}
	seen[t] = true
	if IsByteSlice(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return u.Empty()
	case *types.Pointer:
		return holdsByteSlices(u.Elem(), depth-1, seen)
	case *types.Slice:
		return holdsByteSlices(u.Elem(), depth-1, seen)
	case *types.Array:
		return u.Len() > 0 && holdsByteSlices(u.Elem(), depth-1, seen)
	case *types.Struct:
		for i := range u.NumFields() {
			if holdsByteSlices(u.Field(i).Type(), depth-1, seen) {
				return true
			}
		}
	}
	return false
}

// Builtins says, for the builtins that take byte slices, how each one
// accesses the data of the slice passed at each argument position: reads
// it (Shared: len, cap, copy's source) or writes it (Exclusive: copy's
// destination, append's, which writes into spare capacity, clear).
// Builtins not listed do not touch a slice's data.
var Builtins = map[string][]Mode{
	"len":    {Shared},
	"cap":    {Shared},
	"copy":   {Exclusive, Shared},
	"append": {Exclusive, Shared},
	"clear":  {Exclusive},
	"delete": {Exclusive, Shared},
}

// BuiltinMode returns how the builtin name accesses the data of its
// argument at position i, and whether it accesses it at all.
func BuiltinMode(name string, i int) (Mode, bool) {
	modes := Builtins[name]
	if i >= len(modes) {
		return Shared, false
	}
	return modes[i], true
}

// GuardedTypes are the named types whose values are guarded data: a field
// of one of these types (or a pointer to one), or of type []byte or
// [N]byte, is a buffer a lock may guard.
var GuardedTypes = []TypeName{
	{"bytes", "Buffer"},
	{"strings", "Builder"},
	{"bufio", "Reader"},
	{"bufio", "Writer"},
	{"bufio", "Scanner"},
}

// LockTypes are the types of guards a field may hold (or point to).
var LockTypes = []TypeName{
	{"sync", "Mutex"},
	{"sync", "RWMutex"},
	{"sync", "Locker"},
}

// IsBufferType reports whether a field of type t holds buffer data a lock
// may guard: []byte, [N]byte, or (a pointer to) one of GuardedTypes.
func IsBufferType(t types.Type) bool {
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Slice:
		return isByte(u.Elem())
	case *types.Array:
		return isByte(u.Elem())
	}
	return isNamed(t, GuardedTypes)
}

// IsLockType reports whether t is (a pointer to) one of LockTypes.
func IsLockType(t types.Type) bool { return isNamed(t, LockTypes) }

// IsReadWriteLock reports whether t is (a pointer to) a lock type whose
// rows take it for reading (Mode Shared): sync.RWMutex.
func IsReadWriteLock(t types.Type) bool {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil || !IsLockType(t) {
		return false
	}
	for _, r := range Rows {
		if r.Pkg == n.Obj().Pkg().Path() && r.Type == n.Obj().Name() && r.Effect.Has(Acquire) && r.Mode == Shared {
			return true
		}
	}
	return false
}

func isByte(t types.Type) bool {
	b, ok := types.Unalias(t).(*types.Basic)
	return ok && b.Kind() == types.Byte
}

func isNamed(t types.Type, names []TypeName) bool {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil {
		return false
	}
	for _, s := range names {
		if n.Obj().Pkg().Path() == s.Pkg && n.Obj().Name() == s.Name {
			return true
		}
	}
	return false
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
// GivesAway reports whether the row hands its argument itself to someone
// else (sync.Pool.Put): the caller must not touch it afterwards.
func (r Row) GivesAway() bool { return r.Effect.Has(Reuse) && r.On == OnArg }

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
func IsSynchronizer(t types.Type) bool { return isNamed(t, Synchronizers) }

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

// SelfSynchronized are the packages whose types synchronize themselves: a
// field of one of their types (a sync.Once, a sync.WaitGroup, an
// atomic.Int64) needs no lock, and sync/atomic's functions make an
// access to any field lock-free by design.
var SelfSynchronized = []string{"sync", "sync/atomic"}

// IsAtomicFunc reports whether fn is a function of sync/atomic, whose
// pointer argument the caller accesses atomically.
func IsAtomicFunc(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic" && fn.Type().(*types.Signature).Recv() == nil
}

// IsScalar reports whether a value of type t is replaced whole by every
// store (a number, a flag, a string, an error), rather than referring to
// storage that can change in place (a pointer, a map, a slice).
func IsScalar(t types.Type) bool {
	if types.Identical(t, types.Universe.Lookup("error").Type()) {
		return true
	}
	_, ok := t.Underlying().(*types.Basic)
	return ok
}

// IsGuardable reports whether a field of type t can hold data a lock of
// its struct guards, when no annotation says so: not a lock, not a type
// that synchronizes itself (SelfSynchronized, a channel), not a function,
// and not a struct, or a pointer to one, that has a lock of its own (its
// methods lock it themselves).
func IsGuardable(t types.Type) bool {
	if IsLockType(t) {
		return false
	}
	if n := namedOf(t); n != nil && n.Obj().Pkg() != nil {
		for _, p := range SelfSynchronized {
			if n.Obj().Pkg().Path() == p {
				return false
			}
		}
	}
	u := types.Unalias(t).Underlying()
	if p, ok := u.(*types.Pointer); ok {
		u = p.Elem().Underlying()
	}
	switch u := u.(type) {
	case *types.Chan, *types.Signature:
		return false
	case *types.Struct:
		for i := range u.NumFields() {
			if IsLockType(u.Field(i).Type()) {
				return false
			}
		}
	}
	return true
}

// Clock channels are sent on by timers and closed by cancellation, never by
// a goroutine the program started with its data: receiving from one joins
// nothing. They are the results of these functions and methods, and these
// fields.
var (
	ClockFuncs  = []Row{{"time", "", "After", Effects{}}, {"time", "", "Tick", Effects{}}, {"context", "Context", "Done", Effects{}}}
	ClockFields = []TypeName{{"time", "Timer"}, {"time", "Ticker"}} // their field C
)

// IsClockFunc reports whether fn returns a clock channel.
func IsClockFunc(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	recv := ""
	if r := fn.Type().(*types.Signature).Recv(); r != nil {
		if n := namedOf(r.Type()); n != nil {
			recv = n.Obj().Name()
		}
	}
	for _, r := range ClockFuncs {
		if fn.Pkg().Path() == r.Pkg && fn.Name() == r.Name && recv == r.Type {
			return true
		}
	}
	return false
}

// IsClockField reports whether field v of a struct of type owner is a
// clock channel: a Timer's or Ticker's C.
func IsClockField(owner types.Type, v *types.Var) bool {
	return v.Name() == "C" && isNamed(owner, ClockFields)
}
