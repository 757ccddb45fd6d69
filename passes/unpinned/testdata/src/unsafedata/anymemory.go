package unsafedata

import (
	"io"
	"syscall"
	"unsafe"
)

// bitset keeps its bits in words of 64.
type bitset struct{ words []uint64 }

// fillBytes walks the words byte by byte through a uintptr kept across the
// writer's call: the words are Go memory like any []byte.
func (s *bitset) fillBytes(c byte, w io.Writer) {
	p := uintptr(unsafe.Pointer(&s.words[0]))
	for range len(s.words) * 8 {
		*(*byte)(unsafe.Pointer(p)) = c // want `unpinned: a uintptr into s\.words \(\[\]uint64\) is kept across the call at line 19`
		p++
		w.Write(nil)
	}
}

// fillSlice walks the same bytes through a slice: the collector sees it.
func (s *bitset) fillSlice(c byte, w io.Writer) {
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s.words[0])), len(s.words)*8)
	for i := range b {
		b[i] = c
		w.Write(nil)
	}
}

// samples are audio frames.
func scaleKept(samples []float32, w io.Writer) float32 {
	u := uintptr(unsafe.Pointer(unsafe.SliceData(samples)))
	w.Write(nil)
	return *(*float32)(unsafe.Pointer(u)) // want `unpinned: a uintptr into samples \(\[\]float32\) is kept across the call`
}

// statBuf is a system call's result struct.
type statBuf struct {
	dev, ino uint64
	mode     uint32
}

// statVariable keeps the struct's address in a variable for the call.
func statVariable(fd int) statBuf {
	var st statBuf
	p := uintptr(unsafe.Pointer(&st))
	syscall.Syscall(syscall.SYS_FSTAT, uintptr(fd), p, 0) // want `unpinned: a uintptr into st \(statBuf\) is kept in a variable and passed to syscall\.Syscall`
	return st
}

// statFieldVariable keeps a field's address.
func statFieldVariable(fd int) uint32 {
	var st statBuf
	p := uintptr(unsafe.Pointer(&st.mode))
	syscall.Syscall(syscall.SYS_FSTAT, uintptr(fd), p, 0) // want `unpinned: a uintptr into st \(statBuf\) is kept in a variable and passed to syscall\.Syscall`
	return st.mode
}

// statArgs converts in the argument list.
func statArgs(fd int) statBuf {
	var st statBuf
	syscall.Syscall(syscall.SYS_FSTAT, uintptr(fd), uintptr(unsafe.Pointer(&st)), 0)
	return st
}

// statPointer keeps an unsafe.Pointer and converts in the call.
func statPointer(fd int) statBuf {
	st := new(statBuf)
	p := unsafe.Pointer(st)
	syscall.Syscall(syscall.SYS_FSTAT, uintptr(fd), uintptr(p), 0)
	return *st
}

// callerPointer converts a caller's pointer: buflint does not follow
// pointer parameters, which may point into C or system memory.
func callerPointer(fd int, st *statBuf) {
	p := uintptr(unsafe.Pointer(st))
	syscall.Syscall(syscall.SYS_FSTAT, uintptr(fd), p, 0)
}

// cloneStrings converts back within each turn of the loop, and calls after
// the conversion: the uintptr never lives across the call.
func cloneStrings[T any](value T, offsets []uintptr) T {
	for _, off := range offsets {
		ps := (*string)(unsafe.Pointer(uintptr(unsafe.Pointer(&value)) + off))
		*ps = string([]byte(*ps))
	}
	return value
}

// exempt's author declares its pointer arithmetic exempt from the rules
// (as the standard library does in code that runs after fork).
//
//go:nocheckptr
func exempt(fd int) {
	var st statBuf
	p := uintptr(unsafe.Pointer(&st))
	syscall.RawSyscall(syscall.SYS_FSTAT, uintptr(fd), p, 0)
}
