package repro

import (
	"encoding"
	"fmt"
	"runtime"
	"syscall"
	"unsafe"
)

const (
	_BPFCall       = 321 // bpf(2) on amd64
	_MapLookupElem = 1
	_ObjPin        = 6
)

type mapOpAttr struct {
	mapFd   uint32
	padding uint32
	key     syscallPtr
	value   syscallPtr
	flags   uint64
}

type pinObjAttr struct {
	fileName syscallPtr
	fd       uint32
	padding  uint32
}

// syscallPtr wraps an unsafe.Pointer to be 64bit to conform to the
// syscall specification (this is the 64-bit layout).
type syscallPtr struct {
	ptr unsafe.Pointer
}

func newPtr(ptr unsafe.Pointer) syscallPtr {
	return syscallPtr{ptr: ptr}
}

// Map is a file descriptor of a BPF map.
type Map uint32

func bpfErrNo(e syscall.Errno) error {
	if e == 0 {
		return nil
	}
	return fmt.Errorf("bpf: %w", e)
}

func bpfCall(cmd int, attr unsafe.Pointer, size int) (uintptr, syscall.Errno) {
	r1, _, errNo := syscall.Syscall(uintptr(_BPFCall), uintptr(cmd), uintptr(attr), uintptr(size))
	runtime.KeepAlive(attr)
	return r1, errNo
}

// GetRaw gets a value from Map populating a raw byte array
func (m Map) GetRaw(key encoding.BinaryMarshaler, value *[]byte) (bool, error) {
	keyValue, err := key.MarshalBinary()
	if err != nil {
		return false, err
	}
	_, e := bpfCall(_MapLookupElem,
		unsafe.Pointer(&mapOpAttr{
			mapFd: uint32(m),
			key:   newPtr(unsafe.Pointer(&keyValue[0])),
			value: newPtr(unsafe.Pointer(&(*value)[0])),
		}), 32)
	if e != 0 {
		if e == syscall.ENOENT {
			return false, nil
		}
		return false, bpfErrNo(e)
	}
	return true, nil
}

func pinObject(fileName string, fd uint32) error {
	_, errNo := bpfCall(_ObjPin, unsafe.Pointer(&pinObjAttr{
		fileName: newPtr(unsafe.Pointer(&[]byte(fileName)[0])),
		fd:       fd,
	}), 16)
	return bpfErrNo(errNo)
}
