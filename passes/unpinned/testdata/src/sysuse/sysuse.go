// Package sysuse hands Go addresses to sysdep's wrappers.
package sysuse

import (
	"runtime"
	"unsafe"

	"sysdep"
)

// write keeps the blob's address in an integer field of a credential that
// sysdep.Write hands to the system.
func write(blob []byte) {
	c := &sysdep.Cred{Size: uint32(len(blob))}
	c.Blob = uintptr(unsafe.Pointer(&blob[0])) // want `unpinned: a uintptr into blob \(\[\]byte\) is stored in the integer field Blob of sysdep\.Cred, whose address is handed to sysdep\.Write at line \d+, which hands it to syscall\.Syscall`
	sysdep.Write(c)
}

// submit does the same through a wrapper that calls a helper.
func submit(blob []byte) {
	var c sysdep.Cred
	c.Blob = uintptr(unsafe.Pointer(&blob[0])) // want `unpinned: a uintptr into blob \(\[\]byte\) is stored in the integer field Blob of sysdep\.Cred, whose address is handed to sysdep\.Submit at line \d+, which hands it to syscall\.Syscall`
	sysdep.Submit(&c)
}

// writeInLoop fills credentials in a loop, each handed in the same turn.
func writeInLoop(blobs [][]byte) {
	for _, b := range blobs {
		c := new(sysdep.Cred)
		c.Blob = uintptr(unsafe.Pointer(&b[0])) // want `unpinned: a uintptr into b \(\[\]byte\) is stored in the integer field Blob of sysdep\.Cred`
		sysdep.Write(c)
	}
}

// writePinned pins the blob across the call: quiet.
func writePinned(blob []byte) {
	var pin runtime.Pinner
	pin.Pin(&blob[0])
	defer pin.Unpin()
	c := &sysdep.Cred{Size: uint32(len(blob))}
	c.Blob = uintptr(unsafe.Pointer(&blob[0]))
	sysdep.Write(c)
}

// writePointers keeps the address in a pointer field: quiet.
func writePointers(blob []byte) {
	c := &sysdep.PointerCred{Size: uint32(len(blob)), Blob: unsafe.Pointer(&blob[0])}
	sysdep.WritePointers(c)
}

type winsize struct{ rows, cols, x, y uint16 }

// size converts in the wrapper's argument list: ws may move while the
// wrapper runs, since only a system call's own argument list keeps it.
func size(fd uintptr) winsize {
	var ws winsize
	sysdep.Ioctl(fd, 0x5413, uintptr(unsafe.Pointer(&ws))) // want `unpinned: a uintptr into ws \(winsize\) is passed to sysdep\.Ioctl, which uses it as an address in syscall\.Syscall; only a system call's own argument list keeps the data alive for the call: pin the data with a runtime\.Pinner`
	return ws
}

// sizeInGoroutine does the same in a function literal run by a goroutine.
func sizeInGoroutine(fd uintptr, done chan<- winsize) {
	go func() {
		var ws winsize
		sysdep.Ioctl(fd, 0x5413, uintptr(unsafe.Pointer(&ws))) // want `unpinned: a uintptr into ws \(winsize\) is passed to sysdep\.Ioctl`
		done <- ws
	}()
}

// sizePtr passes an unsafe.Pointer to a wrapper that converts it in the
// system call: quiet.
func sizePtr(fd uintptr) winsize {
	var ws winsize
	sysdep.IoctlPtr(fd, 0x5413, unsafe.Pointer(&ws))
	return ws
}

// hashOf hands an address to a function that uses it as a number: quiet.
func hashOf(b []byte) uint64 {
	return sysdep.Hash(uintptr(unsafe.Pointer(&b[0])))
}

// sizeOfCaller's data is the caller's, not on this function's stack:
// quiet here (the caller's own conversion is what is checked).
func sizeOfCaller(fd uintptr, ws *winsize) {
	sysdep.Ioctl(fd, 0x5413, uintptr(unsafe.Pointer(ws)))
}
