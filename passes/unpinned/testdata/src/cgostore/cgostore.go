// Package cgostore: Go pointers into buffer data stored into C memory.
package cgostore

/*
#include <stdlib.h>
#include <stdint.h>

struct req {
	char *data;
	size_t len;
};

static size_t req_len(struct req *r) { return r->len; }
static size_t use(char *p, size_t n) { return n; }
static uintptr_t kept;
static void keep(uintptr_t p) { kept = p; }
static void keep_named(char *name, uintptr_t p) { kept = p; }
static void send_wire(void *r) {}
static void *state;
static void set_state(void *p) { state = p; }
static size_t read_into(void *p, size_t n) { return n; }
*/
import "C"

import (
	"runtime"
	"runtime/cgo"
	"unsafe"
)

// storeUnpinned keeps a Go pointer in a C struct.
func storeUnpinned(b []byte) C.size_t {
	r := (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	defer C.free(unsafe.Pointer(r))
	r.data = (*C.char)(unsafe.Pointer(&b[0])) // want `unpinned: a Go pointer into b \(\[\]byte\) is stored into C memory from C.malloc at line \d+; the garbage collector does not see it there and cgo forbids it: pin the data with a runtime.Pinner`
	r.len = C.size_t(len(b))
	return C.req_len(r)
}

// storeArray keeps one in a C array of pointers.
func storeArray(b []byte) {
	arr := (*[4]unsafe.Pointer)(C.malloc(4 * C.size_t(unsafe.Sizeof(uintptr(0)))))
	defer C.free(unsafe.Pointer(arr))
	arr[0] = unsafe.Pointer(unsafe.SliceData(b)) // want `unpinned: a Go pointer into b \(\[\]byte\) is stored into C memory`
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

// decoder keeps a C request in a Go struct field.
type decoder struct {
	req     *C.struct_req
	local   C.struct_req // a C struct Go allocated: Go memory
	payload []byte
	pin     runtime.Pinner
}

func newDecoder() *decoder {
	d := new(decoder)
	d.req = (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	return d
}

// submit stores the payload's address into the C request through the
// field: C memory, wherever the pointer to it is kept.
func (d *decoder) submit() C.size_t {
	d.req.data = (*C.char)(unsafe.Pointer(&d.payload[0])) // want `unpinned: a Go pointer into d\.payload \(\[\]byte\) is stored into C memory from C\.malloc at line \d+`
	d.req.len = C.size_t(len(d.payload))
	return C.req_len(d.req)
}

// submitPinned pins the payload first.
func (d *decoder) submitPinned() C.size_t {
	d.pin.Pin(&d.payload[0])
	d.req.data = (*C.char)(unsafe.Pointer(&d.payload[0]))
	return C.req_len(d.req)
}

// submitLocal fills the Go-allocated C struct.
func (d *decoder) submitLocal() C.size_t {
	d.local.data = (*C.char)(unsafe.Pointer(&d.payload[0]))
	return C.req_len(&d.local)
}

// samples stores a Go slice of C numbers: Go memory all the same.
func samples(fs []C.float) {
	r := (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{}))))
	defer C.free(unsafe.Pointer(r))
	r.data = (*C.char)(unsafe.Pointer(&fs[0])) // want `unpinned: a Go pointer into fs \(\[\]C\.float\) is stored into C memory from C\.malloc`
}

// argv builds a C array of pointers over a slice of it.
func argv(args [][]byte) {
	n := len(args)
	p := C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(uintptr(0))))
	defer C.free(p)
	ptrs := (*[1 << 20]*C.char)(p)[:n:n]
	for i, a := range args {
		ptrs[i] = (*C.char)(unsafe.Pointer(&a[0])) // want `unpinned: a Go pointer into a \(\[\]byte\) is stored into C memory from C\.malloc`
	}
	cs := unsafe.Slice((**C.char)(C.malloc(C.size_t(n)*8)), n)
	defer C.free(unsafe.Pointer(&cs[0]))
	for i, a := range args {
		cs[i] = (*C.char)(C.CBytes(a)) // a C copy
	}
}

// current is a C request kept in a global.
var current *C.struct_req

func setup() { current = (*C.struct_req)(C.malloc(C.size_t(unsafe.Sizeof(C.struct_req{})))) }

func useGlobal(b []byte) {
	current.data = (*C.char)(unsafe.Pointer(&b[0])) // want `unpinned: a Go pointer into b \(\[\]byte\) is stored into C memory from C\.malloc`
}

// registry keeps a user-data pointer as C libraries do (SQLite's
// sqlite3_user_data, callbacks' void *arg).
type callbackInfo struct {
	name string
	fn   func(int) int
}

// registerAddress hands C the address of a Go value as an integer: C keeps
// it, and neither the collector nor cgo's checks see it.
func registerAddress(name string, fn func(int) int) {
	info := callbackInfo{name, fn}
	C.keep(C.uintptr_t(uintptr(unsafe.Pointer(&info)))) // want `unpinned: the address of info \(callbackInfo\) is passed to C\.keep as an integer; cgo neither checks an address passed as an integer`
}

// registerHandle hands C a handle: an integer that names the value
// without being its address.
func registerHandle(name string, fn func(int) int) {
	h := cgo.NewHandle(&callbackInfo{name, fn})
	C.keep(C.uintptr_t(h))
}

// wireRequest is read by C through the address of it, its data through an
// integer field.
type wireRequest struct {
	data uintptr
	size C.size_t
}

func sendWire(b []byte) {
	r := &wireRequest{size: C.size_t(len(b))}
	r.data = uintptr(unsafe.Pointer(&b[0])) // want `unpinned: a uintptr into b \(\[\]byte\) is stored in the integer field data of wireRequest, whose address is handed to C\.send_wire`
	C.send_wire(unsafe.Pointer(r))
}

// registerWithPointers passes pointers too, so cgo wraps the call in a
// function literal that checks them, and the integer is computed there.
func registerWithPointers(name string, fn func(int) int) {
	info := callbackInfo{name, fn}
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	C.keep_named(cname, C.uintptr_t(uintptr(unsafe.Pointer(&info)))) // want `unpinned: the address of info \(callbackInfo\) is passed to C\.keep_named as an integer`
}

// Handler is called back from C.
type Handler interface{ Handle(p []byte) int }

// setHandler hands C the address of an interface value, which holds Go
// pointers; C keeps it as its callback state (gorocksdb's comparator).
func setHandler(h Handler) {
	state := unsafe.Pointer(&h)
	C.set_state(state) // want `unpinned: the address of h \(Handler\), which holds Go pointers, is passed to C\.set_state; cgo forbids handing C Go memory that holds Go pointers`
}

// header holds a Go slice: its memory holds a Go pointer.
type header struct {
	n    int
	body []byte
}

// sendHeader hands C a Go struct whose field is a slice.
func sendHeader(b []byte) {
	h := header{n: len(b), body: b}
	C.send_wire(unsafe.Pointer(&h)) // want `unpinned: the address of h \(header\), which holds Go pointers, is passed to C\.send_wire`
}

// sendHeaderInLoop does it in a loop, through a pointer the loop makes.
func sendHeaderInLoop(bs [][]byte) {
	for _, b := range bs {
		h := &header{n: len(b), body: b}
		C.send_wire(unsafe.Pointer(h)) // want `unpinned: the address of .*, which holds Go pointers, is passed to C\.send_wire`
	}
}

// setHandlerByHandle passes a cgo.Handle, an integer: quiet.
func setHandlerByHandle(h Handler) cgo.Handle {
	hd := cgo.NewHandle(h)
	C.set_state(unsafe.Pointer(&hd))
	return hd
}

// readInto hands C the bytes of a slice: no Go pointers in them, quiet.
func readInto(b []byte) C.size_t {
	return C.read_into(unsafe.Pointer(&b[0]), C.size_t(len(b)))
}

// counts holds numbers only: quiet.
type counts struct{ a, b int64 }

func sendCounts(c *counts) { C.send_wire(unsafe.Pointer(c)) }

// sendCStruct hands C a C struct that Go allocated: its pointer field is
// C's type, quiet.
func sendCStruct(p *C.char) {
	var r C.struct_req
	r.data = p
	C.send_wire(unsafe.Pointer(&r))
}

// setHandlerPinned pins what the interface points to while C holds it.
func setHandlerPinned(h *pinnedHandler, pin *runtime.Pinner) {
	pin.Pin(h)
	var i Handler = h
	C.set_state(unsafe.Pointer(&i))
}

type pinnedHandler struct{ n int }

func (p *pinnedHandler) Handle(b []byte) int { return p.n + len(b) }
