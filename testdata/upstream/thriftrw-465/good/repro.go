package repro

import (
	"reflect"
	"unsafe"
)

// Type is the wire type of a Value.
type Type int8

const TBinary Type = 11

// Value is a Thrift value on the wire.
type Value struct {
	typ     Type
	tbinary []byte
}

// NewValueString constructs a new Value that contains a string.
func NewValueString(v string) Value {
	return Value{
		typ:     TBinary,
		tbinary: unsafeStringToBytes(v),
	}
}

// GetBinary gets the Binary value from a Value.
func (v *Value) GetBinary() []byte {
	return v.tbinary
}

// unsafeStringToBytes turns a string into a byte slice over the same
// memory, assuming the slice is never written to.
func unsafeStringToBytes(s string) []byte {
	p := unsafe.Pointer((*reflect.StringHeader)(unsafe.Pointer(&s)).Data)

	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(p)
	hdr.Cap = len(s)
	hdr.Len = len(s)
	return b
}
