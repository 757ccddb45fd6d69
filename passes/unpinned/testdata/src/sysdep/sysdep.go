// Package sysdep wraps system calls for sysuse: its facts say which
// parameters reach the system as addresses.
package sysdep

import (
	"syscall"
	"unsafe"
)

// Cred is laid out as the system reads it: an address kept in an integer
// field.
type Cred struct {
	Size uint32
	Blob uintptr
}

// PointerCred keeps the address in a pointer field, which the collector
// sees.
type PointerCred struct {
	Size uint32
	Blob unsafe.Pointer
}

// Write hands the credential, by address, to the system.
func Write(c *Cred) syscall.Errno {
	_, _, e := syscall.Syscall(syscall.SYS_WRITE, 0, uintptr(unsafe.Pointer(c)), 0)
	return e
}

// WritePointers hands a credential with pointer fields.
func WritePointers(c *PointerCred) syscall.Errno {
	_, _, e := syscall.Syscall(syscall.SYS_WRITE, 0, uintptr(unsafe.Pointer(c)), 0)
	return e
}

// Submit hands the credential through an unexported helper.
func Submit(c *Cred) syscall.Errno { return call(unsafe.Pointer(c)) }

func call(p unsafe.Pointer) syscall.Errno {
	_, _, e := syscall.Syscall(321, uintptr(p), 0, 0)
	return e
}

// Ioctl takes its argument as a uintptr.
func Ioctl(fd, req, arg uintptr) syscall.Errno {
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg)
	return e
}

// IoctlPtr takes an unsafe.Pointer and converts it in the system call's
// argument list.
func IoctlPtr(fd, req uintptr, arg unsafe.Pointer) syscall.Errno {
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg))
	return e
}

// Hash uses its uintptr as a number only.
func Hash(p uintptr) uint64 { return uint64(p) * 0x9e3779b97f4a7c15 }
