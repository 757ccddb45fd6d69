// Package zerocopy writes a shared buffer to an io.Writer without copying it.
package zerocopy

import (
	"io"

	"github.com/buflint/buflint/buffer"
)

// WriteTo hands the buffer's memory to w with the lock released, so that a
// slow writer does not block other users of the buffer.
func WriteTo(b *buffer.Buffer, w io.Writer) (int, error) {
	b.Lock()
	p := b.Bytes()
	b.Unlock()
	return w.Write(p) // want "unpinned: p, an unpinned alias from b.Bytes\\(\\), is used after b's lock was released"
}

// WriteToPinned is the fix: a view pins the memory across the slow write.
func WriteToPinned(b *buffer.Buffer, w io.Writer) (int, error) {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	defer v.Release()
	return w.Write(p)
}

// Grow resizes the buffer, but forgets that it still holds a view.
func Grow(b *buffer.Buffer, n int) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	checksum(v.Bytes())
	err := b.Resize(b.Len() + n) // want "resize: b.Resize while the view v taken at line 33 is still held"
	v.Release()
	return err
}

// GrowFixed releases the view first.
func GrowFixed(b *buffer.Buffer, n int) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	checksum(v.Bytes())
	v.Release()
	return b.Resize(b.Len() + n)
}

func checksum(p []byte) (s byte) {
	for _, c := range p {
		s ^= c
	}
	return s
}
