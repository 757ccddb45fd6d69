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
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	sliceHeader := reflect.SliceHeader{
		Data: sh.Data,
		Len:  sh.Len,
		Cap:  sh.Len,
	}
	return *(*[]byte)(unsafe.Pointer(&sliceHeader))
}
