package cgofield

// #include "req.h"
import "C"

import (
	"runtime"
	"unsafe"
)

// SumFixed pins the payload's bytes while the C request points at them.
func (d *Decoder) SumFixed() int {
	var pin runtime.Pinner
	pin.Pin(&d.payload[0])
	defer pin.Unpin()
	d.req.data = (*C.char)(unsafe.Pointer(&d.payload[0]))
	d.req.len = C.size_t(len(d.payload))
	n := int(C.req_sum(d.req))
	d.req.data = nil // C keeps no pointer once the pin is gone
	return n
}
