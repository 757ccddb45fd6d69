// Package headervalue: a string made from a reflect.StringHeader value.
package headervalue

import (
	"reflect"
	"unsafe"
)

// static-only: the header's Data is a uintptr, so nothing keeps b's array
// alive once the header is made; the string reads freed memory only if the
// collector reclaims the array first, which no test can force while the
// caller still holds b.

// StringBug views b's bytes as a string through a header value.
func StringBug(b []byte) string {
	var h reflect.StringHeader // want "unpinned: the reflect.StringHeader made here is a value, not a real string"
	h.Data = uintptr(unsafe.Pointer(&b[0]))
	h.Len = len(b)
	return *(*string)(unsafe.Pointer(&h))
}
