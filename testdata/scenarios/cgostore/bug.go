// Package cgostore: a Go pointer into a byte slice stored into a C struct
// that C.malloc allocated. The collector does not scan C memory, and cgo
// forbids the store; a build with GOEXPERIMENT=cgocheck2 aborts at it.
package cgostore

// #include "req.h"
import "C"

import "unsafe"

// SumBug points the C request at b's bytes.
func SumBug(b []byte) int {
	r := (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	defer C.free(unsafe.Pointer(r))
	r.data = (*C.char)(unsafe.Pointer(&b[0])) // want "unpinned: a Go pointer into b \\(\\[\\]byte\\) is stored into C memory from C.malloc"
	r.len = C.size_t(len(b))
	return int(C.req_sum(r))
}
