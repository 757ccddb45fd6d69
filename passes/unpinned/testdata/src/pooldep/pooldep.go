// Package pooldep exports helpers that give a buffer back to a pool, or
// only look at it; importers see which from the helpers' facts.
package pooldep

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Get returns a buffer from the pool.
func Get() *bytes.Buffer { return pool.Get().(*bytes.Buffer) }

// Put resets b and gives it back to the pool; big ones are dropped.
func Put(b *bytes.Buffer) {
	if b.Cap() > 64<<10 {
		return
	}
	b.Reset()
	pool.Put(b)
}

// Len only reads b.
func Len(b *bytes.Buffer) int { return b.Len() }

// Frame owns a pooled buffer until Close gives it back.
type Frame struct {
	Buf *bytes.Buffer
}

// Close returns the frame's buffer to the pool.
func (f *Frame) Close() {
	pool.Put(f.Buf)
	f.Buf = nil
}

// Data returns a slice of the frame's buffer: the fact says so.
func (f *Frame) Data() []byte { return f.Buf.Bytes() }
