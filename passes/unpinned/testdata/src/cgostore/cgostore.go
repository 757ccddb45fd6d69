// Package cgostore: Go pointers into buffer data stored into C memory.
package cgostore

/*
#include <stdlib.h>

struct req {
	char *data;
	size_t len;
};

static size_t req_len(struct req *r) { return r->len; }
static size_t use(char *p, size_t n) { return n; }
*/
import "C"

import (
	"runtime"
	"unsafe"
)

// storeUnpinned keeps a Go pointer in a C struct.
func storeUnpinned(b []byte) C.size_t {
	r := (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	defer C.free(unsafe.Pointer(r))
	r.data = (*C.char)(unsafe.Pointer(&b[0])) // want `unpinned: a Go pointer into b is stored into C memory from C.malloc at line 24; the garbage collector does not see it there and cgo forbids it: pin the data with a runtime.Pinner`
	r.len = C.size_t(len(b))
	return C.req_len(r)
}

// storeArray keeps one in a C array of pointers.
func storeArray(b []byte) {
	arr := (*[4]unsafe.Pointer)(C.malloc(4 * C.size_t(unsafe.Sizeof(uintptr(0)))))
	defer C.free(unsafe.Pointer(arr))
	arr[0] = unsafe.Pointer(unsafe.SliceData(b)) // want `unpinned: a Go pointer into b is stored into C memory`
}

// storePinned pins the data while C holds the pointer.
func storePinned(b []byte) C.size_t {
	var pin runtime.Pinner
	pin.Pin(&b[0])
	defer pin.Unpin()
	r := (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	defer C.free(unsafe.Pointer(r))
	r.data = (*C.char)(unsafe.Pointer(&b[0]))
	r.len = C.size_t(len(b))
	return C.req_len(r)
}

// storeCCopy keeps a C copy of the bytes.
func storeCCopy(b []byte) C.size_t {
	r := (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	defer C.free(unsafe.Pointer(r))
	p := C.CBytes(b)
	defer C.free(p)
	r.data = (*C.char)(p)
	r.len = C.size_t(len(b))
	return C.req_len(r)
}

// passArgument hands the pointer to C for the call only: allowed.
func passArgument(b []byte) C.size_t {
	return C.use((*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}

// goStruct fills a Go-allocated C struct: Go memory, which the collector
// scans.
func goStruct(b []byte) C.size_t {
	var r C.struct_req
	r.data = (*C.char)(unsafe.Pointer(&b[0]))
	r.len = C.size_t(len(b))
	return r.len
}
