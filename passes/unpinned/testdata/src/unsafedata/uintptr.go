// Package unsafedata: references into ordinary Go byte data that the
// garbage collector does not see.
package unsafedata

import (
	"io"
	"reflect"
	"syscall"
	"unsafe"
)

// keptAcrossCall keeps a uintptr into b while it calls w.Write.
func keptAcrossCall(b []byte, w io.Writer) byte {
	u := uintptr(unsafe.Pointer(&b[0]))
	w.Write(nil)
	return *(*byte)(unsafe.Pointer(u + 1)) // want `unpinned: a uintptr into b \(\[\]byte\) is kept across the call at line 15; a uintptr does not keep the data alive or pinned`
}

// keptAcrossAlloc keeps it while it allocates.
func keptAcrossAlloc(b []byte) (byte, []int) {
	u := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	s := make([]int, len(b))
	return *(*byte)(unsafe.Pointer(u)), s // want `unpinned: a uintptr into .* is kept across the allocation at line 22`
}

// keptOnOnePath calls on one branch only.
func keptOnOnePath(b []byte, w io.Writer, flush bool) byte {
	u := uintptr(unsafe.Pointer(&b[0]))
	if flush {
		w.Write(nil)
	}
	return *(*byte)(unsafe.Pointer(u)) // want `kept across the call at line 30`
}

// keptInLoop calls in a loop between the conversions.
func keptInLoop(b []byte, w io.Writer) (n byte) {
	u := uintptr(unsafe.Pointer(&b[0]))
	for i := range 4 {
		w.Write(nil)
		n += *(*byte)(unsafe.Pointer(u + uintptr(i))) // want `kept across the call at line 39`
	}
	return n
}

// sameExpression converts back in one expression: allowed.
func sameExpression(b []byte) byte {
	return *(*byte)(unsafe.Pointer(uintptr(unsafe.Pointer(&b[0])) + 1))
}

// nothingBetween converts back with no call or allocation between: go
// vet's unsafeptr reports this; buflint leaves it to vet.
func nothingBetween(b []byte) byte {
	u := uintptr(unsafe.Pointer(&b[0]))
	return *(*byte)(unsafe.Pointer(u))
}

// keptNumber keeps it as a number only.
func keptNumber(b []byte, w io.Writer) uintptr {
	u := uintptr(unsafe.Pointer(&b[0]))
	w.Write(nil)
	return u
}

// fromC converts C memory's address: the collector does not manage it.
func fromC(p unsafe.Pointer, w io.Writer) byte {
	u := uintptr(p)
	w.Write(nil)
	return *(*byte)(unsafe.Pointer(u))
}

// reflectPointer takes the address from reflect.
func reflectPointer(b []byte, w io.Writer) byte {
	u := reflect.ValueOf(b).Pointer()
	w.Write(nil)
	return *(*byte)(unsafe.Pointer(u)) // want `unpinned: a uintptr into .* is kept across the call at line 74`
}

// syscallVariable hands the system a uintptr kept in a variable.
func syscallVariable(fd int, b []byte) {
	p := uintptr(unsafe.Pointer(&b[0]))
	syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), p, uintptr(len(b))) // want `unpinned: a uintptr into .* is kept in a variable and passed to syscall.Syscall; a uintptr does not keep the data alive during the call`
}

// syscallArgs converts in the argument list: the form the unsafe package
// documents.
func syscallArgs(fd int, b []byte) {
	syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
}

// syscallPointerVariable keeps an unsafe.Pointer, converted in the call.
func syscallPointerVariable(fd int, b []byte) {
	p := unsafe.Pointer(&b[0])
	syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), uintptr(p), uintptr(len(b)))
}

// deferredSyscall converts in the argument list of a deferred call: the
// compiler keeps the pointer until the call runs.
func deferredSyscall(fd int, b []byte) {
	defer syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
}

// deferredSyscallVariable defers a call handed a kept uintptr.
func deferredSyscallVariable(fd int, b []byte) {
	p := uintptr(unsafe.Pointer(&b[0]))
	defer syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), p, uintptr(len(b))) // want `kept in a variable and passed to syscall.Syscall`
}

// goSyscall starts a goroutine that uses the uintptr.
func goSyscall(fd int, b []byte) {
	u := uintptr(unsafe.Pointer(&b[0]))
	go func() {
		syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), u, 1) // want `unpinned: a uintptr into .* is captured by a function literal that uses it as an address when it runs`
	}()
}

// closurePointer captures the pointer, not a uintptr.
func closurePointer(fd int, b []byte) {
	p := unsafe.Pointer(&b[0])
	go func() {
		syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), uintptr(p), 1)
	}()
}

// ring keeps the address of its storage as a number.
type ring struct {
	base  uintptr
	seen  uintptr
	slots map[int]uintptr
}

var lastBase uintptr

// attach stores a uintptr that at reads back as an address.
func (r *ring) attach(b []byte) {
	r.base = uintptr(unsafe.Pointer(&b[0])) // want `unpinned: a uintptr into b \(\[\]byte\) is stored in base, and used as an address at line \d+; a uintptr does not keep the data alive or pinned: keep an unsafe.Pointer \(or the slice\) there instead`
	r.seen = uintptr(unsafe.Pointer(&b[0]))
	r.slots[0] = uintptr(unsafe.Pointer(&b[1])) // want `stored in slots`
	lastBase = uintptr(unsafe.Pointer(&b[0]))   // want `stored in lastBase`
}

func (r *ring) at(i int) byte {
	return *(*byte)(unsafe.Add(unsafe.Pointer(r.base), i))
}

func (r *ring) slot(i int) byte {
	return *(*byte)(unsafe.Pointer(r.slots[i]))
}

func last() byte { return *(*byte)(unsafe.Pointer(lastBase)) }

// seenBefore compares: r.seen is never an address again.
func (r *ring) seenBefore(b []byte) bool {
	return r.seen == uintptr(unsafe.Pointer(&b[0]))
}

// block keeps offsets into its data, computed from two addresses: the
// difference is a distance, not a reference, and adding it back to the
// base pointer is the documented arithmetic.
type block struct {
	base    unsafe.Pointer
	entries []entry
}

type entry struct{ off int32 }

func (k *block) note(val []byte) {
	k.entries = append(k.entries, entry{off: int32(uintptr(unsafe.Pointer(&val[0])) - uintptr(k.base))})
}

func (k *block) at(i int) byte {
	e := &k.entries[i]
	return *(*byte)(unsafe.Pointer(uintptr(k.base) + uintptr(e.off)))
}
