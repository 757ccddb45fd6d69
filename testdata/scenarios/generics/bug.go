// Package generics: buffers in generic types, and behind interfaces (case 10).
package generics

import "github.com/buflint/buflint/buffer"

// Pair holds a buffer in a generic struct.
type Pair[T any] struct {
	Buf *buffer.Buffer
	Val T
}

// LenBug reads the length after unlocking: the identity p.Buf is known.
func (p *Pair[T]) LenBug() int {
	p.Buf.Lock()
	p.Buf.Unlock()
	return p.Buf.Len() // want "unguarded: Buffer.Len called while p.Buf is unlocked"
}
