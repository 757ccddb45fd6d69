package sysfacts // want package:"hasargfacts"

// The functions here hand their parameters to the system: their facts
// tell importers which arguments are used as addresses.

import (
	"syscall"
	"unsafe"
)

// Attr is read by the system: its integer fields may hold addresses.
type Attr struct {
	Size uint32
	Data uintptr
}

// Write hands the struct its parameter points to, by address, to the
// system.
func Write(a *Attr) syscall.Errno { // want Write:`lockfact\(hands a to syscall\.Syscall\)`
	_, _, e := syscall.Syscall(syscall.SYS_WRITE, 0, uintptr(unsafe.Pointer(a)), 0)
	return e
}

// Ioctl takes the argument as a uintptr and hands it to the system.
func Ioctl(fd, req, arg uintptr) syscall.Errno { // want Ioctl:`lockfact\(hands fd to syscall\.Syscall; hands req to syscall\.Syscall; hands arg to syscall\.Syscall\)`
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg)
	return e
}

// Load converts its uintptr back to a pointer.
func Load(p uintptr) byte { // want Load:`lockfact\(uses p as an address\)`
	return *(*byte)(unsafe.Pointer(p))
}

// Submit hands its parameter on through an unexported helper.
func Submit(a *Attr) syscall.Errno { // want Submit:`lockfact\(hands a to syscall\.Syscall\)`
	return bpf(1, unsafe.Pointer(a))
}

func bpf(cmd uintptr, attr unsafe.Pointer) syscall.Errno { // want bpf:`lockfact\(hands cmd to syscall\.Syscall; hands attr to syscall\.Syscall\)`
	_, _, e := syscall.Syscall(321, cmd, uintptr(attr), 0)
	return e
}

// Chmod hands the system numbers only: no fact.
func Chmod(path string, mode uint32) error {
	return syscall.Chmod(path, mode)
}

// Sum takes a pointer to a struct but never hands it on: no fact.
func Sum(a *Attr) uintptr { return uintptr(a.Size) + a.Data }
