package resizeunlocked

import "github.com/buflint/buflint/buffer"

// DoubleFixed holds the lock across both.
func DoubleFixed(b *buffer.Buffer) error {
	b.Lock()
	defer b.Unlock()
	return b.Resize(2 * b.Len() % 512)
}
