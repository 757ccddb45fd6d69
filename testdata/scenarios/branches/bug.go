// Package branches: the lock released on one branch only, and in a loop (case 7).
package branches

import "github.com/buflint/buflint/buffer"

// SizeBug drops the lock on the slow path and reads the length anyway.
func SizeBug(b *buffer.Buffer, slow bool) int {
	b.Lock()
	if slow {
		b.Unlock()
	}
	n := b.Len() // want "unguarded: Buffer.Len called while b may be unlocked \\(released at line 10 on some path\\)"
	if !slow {
		b.Unlock()
	}
	return n
}

// TotalBug unlocks inside the loop and reads in the next iteration.
func TotalBug(b *buffer.Buffer, n int) (total int) {
	b.Lock()
	for i := range n {
		total += b.Len() // want "unguarded: Buffer.Len called while b may be unlocked"
		if i%2 == 0 {
			b.Unlock()
			continue
		}
	}
	b.Unlock()
	return total
}

// EarlyBug returns early between Unlock and Lock, reading on that path.
func EarlyBug(b *buffer.Buffer, fail bool) int {
	b.Lock()
	defer b.Unlock()
	b.Unlock()
	if fail {
		n := b.Len() // want "unguarded: Buffer.Len called while b is unlocked \\(released at line 37\\)"
		b.Lock()
		return n
	}
	b.Lock()
	return b.Len()
}
