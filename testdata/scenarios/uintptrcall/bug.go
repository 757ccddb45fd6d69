// Package uintptrcall: a uintptr into buffer data kept across a call. Go's
// heap does not move and the view keeps the array reachable, so the address
// stays valid in practice; but the conversion back breaks the unsafe.Pointer
// rules, and -race turns on checkptr, which stops the program there.
package uintptrcall

import (
	"unsafe"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// FirstBug converts the address to an integer, calls out, then converts back.
func FirstBug(b *buffer.Buffer) byte {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	defer v.Release()
	addr := uintptr(unsafe.Pointer(&p[0]))
	drive.CheckData(p)
	return *(*byte)(unsafe.Pointer(addr)) // want "unpinned: a uintptr into .* is kept across the call"
}
