// Package cgofield: a decoder keeps a C request in a Go struct field, made
// once by C.malloc, and points it at a Go slice for every call. The store
// goes into C memory as surely as through a local; a build with
// GOEXPERIMENT=cgocheck2 aborts at it.
package cgofield

// #include "req.h"
import "C"

import "unsafe"

// Decoder keeps its C request for its whole life.
type Decoder struct {
	req     *C.struct_req
	payload []byte
}

// NewDecoder allocates the request in C memory.
func NewDecoder(payload []byte) *Decoder {
	return &Decoder{
		req:     (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{})))),
		payload: payload,
	}
}

// Close frees the request.
func (d *Decoder) Close() { C.free(unsafe.Pointer(d.req)) }

// SumBug points the C request at the payload's bytes.
func (d *Decoder) SumBug() int {
	d.req.data = (*C.char)(unsafe.Pointer(&d.payload[0])) // want "unpinned: a Go pointer into d.payload \\(\\[\\]byte\\) is stored into C memory from C.malloc"
	d.req.len = C.size_t(len(d.payload))
	return int(C.req_sum(d.req))
}
