// Package generic uses buffers through type parameters and interfaces.
package generic

import "github.com/buflint/buflint/buffer"

type Locker interface {
	Lock()
	Unlock()
	Len() int
}

// Through an interface the buffer's identity is unknown: silent.
func ViaInterface[L Locker](l L) int {
	l.Lock()
	l.Unlock()
	return l.Len()
}

// Use instantiates it with a real buffer.
func Use(b *buffer.Buffer) int { return ViaInterface(b) }

// Pair holds a buffer in a generic struct.
type Pair[T any] struct {
	Buf *buffer.Buffer
	Val T
}

func (p *Pair[T]) Bad() int {
	p.Buf.Lock()
	p.Buf.Unlock()
	return p.Buf.Len() // want "unguarded: Buffer.Len called while p.Buf is unlocked"
}

// Implicit returns report at the closing brace.
func Leak(b *buffer.Buffer, sink *int) {
	b.Lock()
	defer b.Unlock()
	v := b.View() // want "unpinned: view v is not released on the path that returns at line 40"
	*sink = v.Len()
}
