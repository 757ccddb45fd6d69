// Package hashing hashes a shared buffer with its lock released.
package hashing

import (
	"crypto/sha256"

	"github.com/buflint/buflint/buffer"
)

// Sum reads the view's length after dropping the lock.
func Sum(b *buffer.Buffer) [32]byte {
	b.Lock()
	v := b.View()
	b.Unlock()
	n := v.Len()   // want "unguarded: View.Len called while b is unlocked"
	p := v.Bytes() // want "unguarded: View.Bytes called while b is unlocked"
	sum := sha256.Sum256(p[:n])
	v.Release()
	return sum
}

// SumFixed reads everything it needs under the lock and hashes the pinned slice.
func SumFixed(b *buffer.Buffer) [32]byte {
	b.Lock()
	v := b.View()
	p := v.Bytes()
	b.Unlock()
	sum := sha256.Sum256(p)
	v.Release()
	return sum
}

// Peek forgets to release its view on the early return.
func Peek(b *buffer.Buffer) byte {
	b.Lock()
	defer b.Unlock()
	v := b.View() // want "unpinned: view v is not released on the path that returns at line 39"
	if v.Len() == 0 {
		return 0
	}
	first := v.Bytes()[0]
	v.Release()
	return first
}
