package cgostore

// #include "req.h"
import "C"

import (
	"runtime"
	"unsafe"
)

// SumFixed pins b's bytes while the C request points at them.
func SumFixed(b []byte) int {
	var pin runtime.Pinner
	pin.Pin(&b[0])
	defer pin.Unpin()
	r := (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	defer C.free(unsafe.Pointer(r))
	r.data = (*C.char)(unsafe.Pointer(&b[0]))
	r.len = C.size_t(len(b))
	return int(C.req_sum(r))
}
