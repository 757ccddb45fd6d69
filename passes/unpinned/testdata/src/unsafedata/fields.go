package unsafedata

import (
	"runtime"
	"syscall"
	"unsafe"
)

// credential is laid out as the system reads it: addresses kept in
// integer fields.
type credential struct {
	blobSize   uint32
	blob       uintptr
	attrCount  uint32
	attributes uintptr
}

type credAttribute struct {
	valueSize uint32
	value     uintptr
}

// toSystem fills the integer fields with Go addresses; write hands the
// struct to the system, which follows them.
func toSystem(blob []byte, values [][]byte) *credential {
	c := new(credential)
	c.blobSize = uint32(len(blob))
	c.blob = uintptr(unsafe.Pointer(&blob[0])) // want `unpinned: a uintptr into blob \(\[\]byte\) is stored in the integer field blob of credential, whose address is handed to syscall\.Syscall at line \d+; the collector does not see an address kept as an integer`
	attrs := make([]credAttribute, len(values))
	c.attrCount = uint32(len(attrs))
	c.attributes = uintptr(unsafe.Pointer(&attrs[0])) // want `unpinned: a uintptr into attrs \(\[\]credAttribute\) is stored in the integer field attributes of credential`
	for i, v := range values {
		attrs[i].valueSize = uint32(len(v))
		attrs[i].value = uintptr(unsafe.Pointer(&v[0])) // want `unpinned: a uintptr into v \(\[\]byte\) is stored in the integer field value of credAttribute, whose address is handed to syscall\.Syscall`
	}
	return c
}

func write(blob []byte, values [][]byte) {
	c := toSystem(blob, values)
	syscall.Syscall(syscall.SYS_WRITE, 0, uintptr(unsafe.Pointer(c)), 0)
}

// pinnedCredential pins what its integer fields point to: the data stays
// put while the system reads it (the caller unpins after the call).
func pinnedCredential(blob []byte, pin *runtime.Pinner) *credential {
	pin.Pin(&blob[0])
	c := new(credential)
	c.blob = uintptr(unsafe.Pointer(&blob[0]))
	return c
}

// pointerCredential keeps the addresses in pointer fields, which the
// collector sees.
type pointerCredential struct {
	blobSize uint32
	blob     *byte
}

func writePointers(blob []byte) {
	c := &pointerCredential{blobSize: uint32(len(blob)), blob: &blob[0]}
	syscall.Syscall(syscall.SYS_WRITE, 0, uintptr(unsafe.Pointer(c)), 0)
}

// lookupAttr is laid out as a bpf(2) attribute: 64-bit integer fields.
type lookupAttr struct {
	fd    uint32
	_     uint32
	key   uint64
	value uint64
}

// bpfCall converts its argument in the system call's argument list.
func bpfCall(cmd int, attr unsafe.Pointer, size uintptr) syscall.Errno {
	_, _, e := syscall.Syscall(321, uintptr(cmd), uintptr(attr), size)
	return e
}

// lookup hands the attribute through bpfCall's parameter.
func lookup(fd uint32, key, value []byte) syscall.Errno {
	return bpfCall(1, unsafe.Pointer(&lookupAttr{
		fd:    fd,
		key:   uint64(uintptr(unsafe.Pointer(&key[0]))),   // want `unpinned: a uintptr into key \(\[\]byte\) is stored in the integer field key of lookupAttr, whose address is handed to unsafedata\.bpfCall at line \d+, which hands it to syscall\.Syscall`
		value: uint64(uintptr(unsafe.Pointer(&value[0]))), // want `unpinned: a uintptr into value \(\[\]byte\) is stored in the integer field value of lookupAttr, whose address is handed to unsafedata\.bpfCall`
	}), 24)
}

// visit is an identity key: the addresses are never followed.
type visit struct {
	a, b uintptr
}

func seenPair(seen map[visit]bool, x, y []int) bool {
	k := visit{uintptr(unsafe.Pointer(&x[0])), uintptr(unsafe.Pointer(&y[0]))}
	if seen[k] {
		return true
	}
	seen[k] = true
	return false
}

// ioctl wraps the system call and takes the request as a uintptr.
func ioctl(fd, req, arg uintptr) syscall.Errno {
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg)
	return e
}

type winsize struct{ rows, cols, x, y uint16 }

// windowSize converts in ioctl's argument list, which keeps nothing alive:
// ws may move while ioctl runs, and the kernel writes to the old place.
func windowSize(fd uintptr) winsize {
	var ws winsize
	ioctl(fd, syscall.TIOCGWINSZ, uintptr(unsafe.Pointer(&ws))) // want `unpinned: a uintptr into ws \(winsize\) is passed to ioctl, which uses it as an address at line \d+; only a system call's own argument list keeps the data alive`
	return ws
}

// ioctlPtr takes an unsafe.Pointer and converts in the system call.
func ioctlPtr(fd, req uintptr, arg unsafe.Pointer) syscall.Errno {
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg))
	return e
}

func windowSizePtr(fd uintptr) winsize {
	var ws winsize
	ioctlPtr(fd, syscall.TIOCGWINSZ, unsafe.Pointer(&ws))
	return ws
}

// ioctlInt passes an integer argument: a number, not an address.
func ioctlInt(fd uintptr, n int) syscall.Errno { return ioctl(fd, syscall.TIOCOUTQ, uintptr(n)) }

// detach hands the wrapper the address of the caller's slice: it is not on
// this function's stack, and may be memory the system mapped (a shared
// memory segment the slice was made over).
func detach(fd uintptr, data []byte) syscall.Errno {
	return ioctl(fd, syscall.TIOCOUTQ, uintptr(unsafe.Pointer(&data[0])))
}

// scratch makes its own buffer, which may be on its stack.
func scratch(fd uintptr) byte {
	buf := make([]byte, 8)
	ioctl(fd, syscall.TIOCOUTQ, uintptr(unsafe.Pointer(&buf[0]))) // want `unpinned: a uintptr into buf \(\[8\]byte\) is passed to ioctl`
	return buf[0]
}

// ioctlEscapes is declared //go:uintptrescapes: the compiler keeps the
// pointers converted in its callers' argument lists alive for the call, as
// for a system call.
//
//go:uintptrescapes
func ioctlEscapes(fd, req, arg uintptr) syscall.Errno {
	_, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg)
	return e
}

// windowSizeEscapes converts in ioctlEscapes' argument list: kept alive.
func windowSizeEscapes(fd uintptr) winsize {
	var ws winsize
	ioctlEscapes(fd, syscall.TIOCGWINSZ, uintptr(unsafe.Pointer(&ws)))
	return ws
}

// windowSizeEscapesLate converts before the call: only the argument-list
// form is kept alive.
func windowSizeEscapesLate(fd uintptr) winsize {
	var ws winsize
	p := uintptr(unsafe.Pointer(&ws))
	ioctlEscapes(fd, syscall.TIOCGWINSZ, p) // want `unpinned: a uintptr into ws \(winsize\) is kept in a variable and passed to unsafedata\.ioctlEscapes`
	return ws
}

// ioctlRequest is an ioctl argument block: the kernel follows its integer
// field.
type ioctlRequest struct {
	len  uint32
	data uintptr
}

// request hands a block whose integer field holds a Go address to a
// //go:uintptrescapes function, which keeps only its direct arguments
// alive.
func request(fd uintptr, payload []byte) syscall.Errno {
	var r ioctlRequest
	r.len = uint32(len(payload))
	r.data = uintptr(unsafe.Pointer(&payload[0])) // want `unpinned: a uintptr into payload \(\[\]byte\) is stored in the integer field data of ioctlRequest, whose address is handed to unsafedata\.ioctlEscapes at line \d+`
	return ioctlEscapes(fd, 0x5401, uintptr(unsafe.Pointer(&r)))
}
