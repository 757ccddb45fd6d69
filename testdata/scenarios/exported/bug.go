// Package exported: Resize while a view is held (case 3).
package exported

import "github.com/buflint/buflint/buffer"

// GrowBug resizes while its own view is still held.
func GrowBug(b *buffer.Buffer, n int) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	_ = v.Bytes()
	err := b.Resize(n) // want "resize: b.Resize while the view v taken at line 10 is still held"
	v.Release()
	return err
}
