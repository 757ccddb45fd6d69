// Package bufmodel is buflint's single model of the buffer API: which types
// are buffers and views, and which of their methods take or drop the lock,
// read data, resize, export or release. Every pass asks this package; no pass
// spells a method name itself.
package bufmodel

import (
	"go/types"
)

// PkgPath is the import path of the runtime package whose discipline buflint
// checks.
const PkgPath = "github.com/buflint/buflint/buffer"

// Type names in package buffer.
const (
	BufferType = "Buffer"
	ViewType   = "View"
)

// Op is what a call to a method of the buffer API does, as far as the lock
// protocol is concerned.
type Op int

const (
	OpNone     Op = iota
	OpLock        // Buffer.Lock: takes the lock
	OpTryLock     // Buffer.TryLock: takes the lock when it returns true
	OpUnlock      // Buffer.Unlock: drops the lock
	OpAccess      // a data accessor: needs the lock of the buffer it reads
	OpExport      // Buffer.View: an accessor that also creates a view
	OpResize      // Buffer.Resize: an accessor that may move or truncate the data
	OpRelease     // View.Release: ends an export; lock-free
	OpLockFree    // Buffer.Exports, View.Released: safe without the lock
)

// Data says which data a method's result aliases and what pins it.
type Data int

const (
	NoData       Data = iota
	PinnedByLock      // Buffer.Bytes: valid while the lock stays held
	PinnedByView      // View.Bytes: valid until the view is released
)

type method struct {
	recv, name string
}

var ops = map[method]Op{
	{BufferType, "Lock"}:    OpLock,
	{BufferType, "TryLock"}: OpTryLock,
	{BufferType, "Unlock"}:  OpUnlock,
	{BufferType, "Len"}:     OpAccess,
	{BufferType, "Bytes"}:   OpAccess,
	{BufferType, "View"}:    OpExport,
	{BufferType, "Resize"}:  OpResize,
	{BufferType, "Exports"}: OpLockFree,
	{ViewType, "Bytes"}:     OpAccess,
	{ViewType, "Len"}:       OpAccess,
	{ViewType, "Release"}:   OpRelease,
	{ViewType, "Released"}:  OpLockFree,
}

var data = map[method]Data{
	{BufferType, "Bytes"}: PinnedByLock,
	{ViewType, "Bytes"}:   PinnedByView,
}

// IsBufferPackage reports whether p is the runtime buffer package.
func IsBufferPackage(p *types.Package) bool {
	return p != nil && p.Path() == PkgPath
}

// describe returns the buffer API method fn is, as its receiver type name
// and method name, and whether it is one at all.
func describe(fn *types.Func) (method, bool) {
	if fn == nil || !IsBufferPackage(fn.Pkg()) {
		return method{}, false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return method{}, false
	}
	name := recvTypeName(sig.Recv().Type())
	if name == "" {
		return method{}, false
	}
	return method{name, fn.Name()}, true
}

// Classify returns what a call to fn does in the lock protocol.
func Classify(fn *types.Func) Op {
	m, ok := describe(fn)
	if !ok {
		return OpNone
	}
	return ops[m]
}

// Returns says which buffer data the result of a call to fn aliases.
func Returns(fn *types.Func) Data {
	m, ok := describe(fn)
	if !ok {
		return NoData
	}
	return data[m]
}

// OnView reports whether fn is a method of View (so its receiver is a view,
// and the lock it needs is that of the view's buffer).
func OnView(fn *types.Func) bool {
	m, ok := describe(fn)
	return ok && m.recv == ViewType
}

// Name returns "Buffer.Len" style names for messages.
func Name(fn *types.Func) string {
	m, ok := describe(fn)
	if !ok {
		return fn.Name()
	}
	return m.recv + "." + m.name
}

func recvTypeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// MayJoin reports whether a call to fn with arguments of the given types may
// wait for other goroutines, so that a goroutine started earlier may be taken
// to have finished with the data it was handed: sync.WaitGroup.Wait,
// sync.Cond.Wait, the Wait of errgroup-style groups, and any call handed a
// channel or one of those synchronizers, such as a helper that waits on them.
// Taking too many calls for joins can only hide a premature Release; taking
// too few would report correct code.
func MayJoin(fn *types.Func, args []types.Type) bool {
	if fn != nil && fn.Name() == "Wait" && fn.Pkg() != nil {
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && isSynchronizer(sig.Recv().Type()) {
			return true
		}
	}
	for _, t := range args {
		if _, ok := t.Underlying().(*types.Chan); ok || isSynchronizer(t) {
			return true
		}
	}
	return false
}

// isSynchronizer reports whether t is (a pointer to) a type goroutines wait
// on: sync.WaitGroup, sync.Cond, or an errgroup.Group.
func isSynchronizer(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch n.Obj().Pkg().Path() + "." + n.Obj().Name() {
	case "sync.WaitGroup", "sync.Cond", "golang.org/x/sync/errgroup.Group":
		return true
	}
	return false
}

// NoReturn reports whether a call to fn never returns to its caller, for the
// few well-known functions where that matters to path-sensitive checks.
// buflint decides this itself rather than through ctrlflow's facts, which
// would make the driver load every dependency from source.
func NoReturn(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln",
		"log.Panic", "log.Panicf", "log.Panicln", "syscall.Exit":
		return fn.Type().(*types.Signature).Recv() == nil
	}
	return false
}
