package unsafedata

import (
	"reflect"
	"runtime"
	"unsafe"
)

// headerValue builds a slice from a header value.
func headerValue(p *byte, n int) []byte {
	var h reflect.SliceHeader // want `unpinned: the reflect.SliceHeader made here is a value, not a real slice: its Data is a uintptr that keeps nothing alive, so the slice made from it may refer to freed memory; use unsafe.Slice\(ptr, len\) instead`
	h.Data = uintptr(unsafe.Pointer(p))
	h.Len, h.Cap = n, n
	return *(*[]byte)(unsafe.Pointer(&h))
}

// headerLiteral builds a string from a composite literal.
func headerLiteral(b []byte) string {
	h := &reflect.StringHeader{Data: uintptr(unsafe.Pointer(&b[0])), Len: len(b)} // want `unpinned: the reflect.StringHeader made here is a value, not a real string.*use unsafe.String\(ptr, len\) instead`
	return *(*string)(unsafe.Pointer(h))
}

// headerUnused builds one and only prints it.
func headerUnused(b []byte) int {
	h := reflect.SliceHeader{Data: uintptr(unsafe.Pointer(&b[0])), Len: len(b)}
	return h.Len
}

// realHeader sets the Data of a real string's header in the assignment
// that converts: the form the unsafe package documents.
func realHeader(b []byte) string {
	var s string
	h := (*reflect.StringHeader)(unsafe.Pointer(&s))
	h.Data = uintptr(unsafe.Pointer(&b[0]))
	h.Len = len(b)
	return s
}

// realHeaderKept sets it from a uintptr computed before.
func realHeaderKept(b []byte) string {
	u := uintptr(unsafe.Pointer(&b[0]))
	var s string
	h := (*reflect.StringHeader)(unsafe.Pointer(&s))
	h.Data = u // want `unpinned: the Data of a reflect.StringHeader is set from a uintptr computed elsewhere; nothing kept the data alive in between: convert the pointer in this assignment`
	h.Len = len(b)
	return s
}

// realHeaderParam sets it from a caller's uintptr.
func realHeaderParam(u uintptr, n int) []byte {
	var s []byte
	h := (*reflect.SliceHeader)(unsafe.Pointer(&s))
	h.Data = u // want `set from a uintptr computed elsewhere`
	h.Len, h.Cap = n, n
	return s
}

// headerCopy copies a real header by value and uses its Data.
func headerCopy(s string) byte {
	h := *(*reflect.StringHeader)(unsafe.Pointer(&s))
	return *(*byte)(unsafe.Pointer(h.Data)) // want `unpinned: the Data of a reflect.StringHeader held as a value is a uintptr that keeps nothing alive; make the string with unsafe.String\(ptr, len\) instead`
}

// headerPointer reads the Data through the pointer to the real header.
func headerPointer(s string) byte {
	h := (*reflect.StringHeader)(unsafe.Pointer(&s))
	return *(*byte)(unsafe.Pointer(h.Data))
}

// modern uses unsafe.Slice and unsafe.String.
func modern(b []byte) (string, []byte) {
	return unsafe.String(&b[0], len(b)), unsafe.Slice(&b[0], len(b))
}

// stringToBytes is the conversion idiom from before unsafe.Slice: both
// headers overlay real variables, and Data is copied from one to the
// other, as the unsafe package documents.
func stringToBytes(s string) (b []byte) {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	bh.Data = sh.Data
	bh.Len = sh.Len
	bh.Cap = sh.Len
	runtime.KeepAlive(s)
	return b
}

// fromValueHeader copies Data from a header held as a value: a uintptr
// nothing kept alive.
func fromValueHeader(s string) (b []byte) {
	v := *(*reflect.StringHeader)(unsafe.Pointer(&s))
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	bh.Data = v.Data // want `unpinned: the Data of a reflect.SliceHeader is set from a uintptr computed elsewhere`
	bh.Len, bh.Cap = v.Len, v.Len
	return b
}
