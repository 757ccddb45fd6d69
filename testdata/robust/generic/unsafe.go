package generic

import (
	"io"
	"unsafe"
)

// Bytes is any byte slice type.
type Bytes interface{ ~[]byte }

// AddrAcrossCall keeps a uintptr into a type-parameterized slice across a
// call, in generic code.
func AddrAcrossCall[B Bytes](b B, w io.Writer) byte {
	u := uintptr(unsafe.Pointer(&b[0]))
	w.Write(nil)
	return *(*byte)(unsafe.Pointer(u)) // want "unpinned: a uintptr into .* is kept across the call"
}

// UseAddr instantiates it.
func UseAddr(w io.Writer) byte { return AddrAcrossCall([]byte("x"), w) }
