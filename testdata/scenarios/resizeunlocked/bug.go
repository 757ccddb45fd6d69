// Package resizeunlocked: Resize inside the released region (case 4).
package resizeunlocked

import "github.com/buflint/buflint/buffer"

// DoubleBug reads the length under the lock but resizes after dropping it.
func DoubleBug(b *buffer.Buffer) error {
	b.Lock()
	n := b.Len()
	b.Unlock()
	return b.Resize(2 * n % 512) // want "resize: b.Resize called while b is unlocked"
}
