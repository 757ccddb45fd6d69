package repro

// #include <stdint.h>
// #include <string.h>
//
// // Stand-ins for the kernel32 calls. Like Windows, the update call does
// // not copy the value: it stores the caller's pointer in the list.
// typedef struct { uintptr_t attr; uintptr_t size; void *value; } attr_entry;
// typedef struct { uint32_t count, max; attr_entry entries[]; } attr_list;
//
// static int InitializeProcThreadAttributeList(uintptr_t list, uint32_t count, uint32_t flags, uintptr_t size) {
//   uintptr_t need = sizeof(attr_list) + count * sizeof(attr_entry);
//   if (list == 0 || *(uintptr_t*)size < need) {
//     *(uintptr_t*)size = need;
//     return 0;
//   }
//   memset((void*)list, 0, need);
//   ((attr_list*)list)->max = count;
//   return 1;
// }
// static int UpdateProcThreadAttribute(uintptr_t list, uint32_t flags, uintptr_t attr,
//     uintptr_t value, uintptr_t size, uintptr_t prev, uintptr_t retsize) {
//   attr_list *l = (attr_list*)list;
//   if (l->count == l->max) return 0;
//   attr_entry *e = &l->entries[l->count++];
//   e->attr = attr;
//   e->size = size;
//   e->value = (void*)value;
//   return 1;
// }
import "C"

import (
	"errors"
	"syscall"
	"unsafe"
)

type Handle uintptr

const (
	ERROR_INSUFFICIENT_BUFFER = syscall.Errno(122)

	PROC_THREAD_ATTRIBUTE_HANDLE_LIST = 0x00020002
)

// ProcThreadAttributeList is a placeholder for the opaque list that
// InitializeProcThreadAttributeList fills in.
type ProcThreadAttributeList struct {
	_ [1]byte
}

func initializeProcThreadAttributeList(attrlist *ProcThreadAttributeList, attrcount uint32, flags uint32, size *uintptr) (err error) {
	r1 := C.InitializeProcThreadAttributeList(C.uintptr_t(uintptr(unsafe.Pointer(attrlist))), C.uint32_t(attrcount), C.uint32_t(flags), C.uintptr_t(uintptr(unsafe.Pointer(size))))
	if r1 == 0 {
		err = ERROR_INSUFFICIENT_BUFFER
	}
	return
}

func updateProcThreadAttribute(attrlist *ProcThreadAttributeList, flags uint32, attr uintptr, value uintptr, size uintptr, prevvalue uintptr, returnedsize *uintptr) (err error) {
	r1 := C.UpdateProcThreadAttribute(C.uintptr_t(uintptr(unsafe.Pointer(attrlist))), C.uint32_t(flags), C.uintptr_t(attr), C.uintptr_t(value), C.uintptr_t(size), C.uintptr_t(prevvalue), C.uintptr_t(uintptr(unsafe.Pointer(returnedsize))))
	if r1 == 0 {
		err = syscall.EINVAL
	}
	return
}

// NewProcThreadAttributeList allocates a new ProcThreadAttributeList, with the requested maximum number of attributes.
func NewProcThreadAttributeList(maxAttrCount uint32) (*ProcThreadAttributeList, error) {
	var size uintptr
	err := initializeProcThreadAttributeList(nil, maxAttrCount, 0, &size)
	if err != ERROR_INSUFFICIENT_BUFFER {
		if err == nil {
			return nil, errors.New("unable to query buffer size from InitializeProcThreadAttributeList")
		}
		return nil, err
	}
	al := (*ProcThreadAttributeList)(unsafe.Pointer(&make([]byte, size)[0]))
	err = initializeProcThreadAttributeList(al, maxAttrCount, 0, &size)
	if err != nil {
		return nil, err
	}
	return al, err
}

// Update modifies the ProcThreadAttributeList using UpdateProcThreadAttribute.
func (al *ProcThreadAttributeList) Update(attribute uintptr, flags uint32, value unsafe.Pointer, size uintptr, prevValue uintptr, returnedSize *uintptr) error {
	return updateProcThreadAttribute(al, flags, attribute, uintptr(value), size, prevValue, returnedSize)
}

// Delete frees ProcThreadAttributeList's resources.
func (al *ProcThreadAttributeList) Delete() {}
