package repro

import (
	"runtime"
	"testing"
	"time"
	"unsafe"
)

func TestProcThreadAttributeListPointers(t *testing.T) {
	list, err := NewProcThreadAttributeList(1)
	if err != nil {
		t.Fatalf("unable to create ProcThreadAttributeList: %v", err)
	}
	done := make(chan struct{})
	fds := make([]Handle, 20)
	runtime.SetFinalizer(&fds[0], func(*Handle) {
		close(done)
	})
	err = list.Update(PROC_THREAD_ATTRIBUTE_HANDLE_LIST, 0, unsafe.Pointer(&fds[0]), uintptr(len(fds))*unsafe.Sizeof(fds[0]), 0, nil)
	if err != nil {
		t.Fatalf("unable to update ProcThreadAttributeList: %v", err)
	}
	runtime.GC()
	runtime.GC()
	select {
	case <-done:
		t.Fatal("handle list was garbage collected while the attribute list still refers to it")
	case <-time.After(200 * time.Millisecond):
	}
	runtime.KeepAlive(list)
	list.Delete()
}
