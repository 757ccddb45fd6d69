package exported

import "github.com/buflint/buflint/buffer"

// GrowFixed releases the view before resizing.
func GrowFixed(b *buffer.Buffer, n int) error {
	b.Lock()
	defer b.Unlock()
	v := b.View()
	_ = v.Bytes()
	v.Release()
	return b.Resize(n)
}
