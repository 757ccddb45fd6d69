// Package accessors: data accessors inside the released region (case 1).
package accessors

import "github.com/buflint/buflint/buffer"

// SumBug reads the view's length and bytes after dropping the lock.
func SumBug(b *buffer.Buffer) (sum int) {
	b.Lock()
	v := b.View()
	b.Unlock()
	n := v.Len()   // want "unguarded: View.Len called while b is unlocked"
	p := v.Bytes() // want "unguarded: View.Bytes called while b is unlocked"
	for _, c := range p[:n] {
		sum += int(c)
	}
	v.Release()
	return sum
}
