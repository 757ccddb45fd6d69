package uintptrcall

import (
	"unsafe"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

// FirstFixed keeps an unsafe.Pointer, which the collector sees.
func FirstFixed(b *buffer.Buffer) byte {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	defer v.Release()
	ptr := unsafe.Pointer(&p[0])
	drive.CheckData(p)
	return *(*byte)(ptr)
}
