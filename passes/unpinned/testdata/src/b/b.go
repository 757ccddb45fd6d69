package b

import (
	"io"
	"unsafe"

	"github.com/buflint/buflint/buffer"
)

// A cgo-free unsafe.Pointer into buffer data: pinned by a view, fine.
func unsafePointer(b *buffer.Buffer) uint32 {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	defer v.Release()
	ptr := unsafe.Pointer(unsafe.SliceData(p))
	return *(*uint32)(ptr)
}

func unsafePointerAfterRelease(b *buffer.Buffer) uint32 {
	b.Lock()
	v := b.View()
	ptr := unsafe.Pointer(&v.Bytes()[0])
	b.Unlock()
	v.Release()
	return *(*uint32)(ptr) // want `unpinned: ptr is used after its view v was released at line 26`
}

func unsafeSlice(b *buffer.Buffer) byte {
	b.Lock()
	s := unsafe.Slice(unsafe.SliceData(b.Bytes()), 4)
	b.Unlock()
	return s[0] // want `unpinned: s, an unpinned alias from b.Bytes\(\), is used after b's lock was released at line 33`
}

// A uintptr into buffer data kept across a call.
func uintptrAcrossCall(b *buffer.Buffer, w io.Writer) byte {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	defer v.Release()
	u := uintptr(unsafe.Pointer(&v.Bytes()[0]))
	w.Write(nil)
	return *(*byte)(unsafe.Pointer(u + 1)) // want `unpinned: a uintptr into v\.Bytes\(\) \(\[\]byte\) is kept across the call at line 44`
}

func uintptrSameExpression(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	defer v.Release()
	p := v.Bytes()
	return *(*byte)(unsafe.Pointer(uintptr(unsafe.Pointer(&p[0])) + 1))
}

// Leaks: a view not released on some path, which does not escape.
func leak(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	v := b.View() // want `unpinned: view v is not released on the path that returns at line 62; a leaked view pins b`
	return len(v.Bytes())
}

func leakOnOnePath(b *buffer.Buffer, early bool) int {
	b.Lock()
	defer b.Unlock()
	v := b.View() // want `unpinned: view v is not released on the path that returns at line 70; a leaked view pins b`
	if early {
		return 0
	}
	n := len(v.Bytes())
	v.Release()
	return n
}

func noLeak(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	defer v.Release()
	return len(v.Bytes())
}

// A view handed on is released by whoever receives it.
func handedOn(b *buffer.Buffer) *buffer.View {
	b.Lock()
	defer b.Unlock()
	return b.View()
}

// A leak whose slice is returned gets no fix: releasing would unpin it.
func leakReturnsSlice(b *buffer.Buffer) []byte {
	b.Lock()
	defer b.Unlock()
	v := b.View() // want `unpinned: view v is not released on the path that returns at line 97`
	return v.Bytes()
}

// A panic path is not a return: no leak there.
func panicPath(b *buffer.Buffer) int {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	if v.Len() == 0 {
		panic("empty")
	}
	v.Release()
	return 1
}
