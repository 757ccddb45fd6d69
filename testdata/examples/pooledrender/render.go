// Package pooledrender renders values into pooled buffers: the bug returns
// a slice of a buffer that the deferred putBuf gives back to the pool, and
// keeps one in a cache; the fixed twins copy first.
package pooledrender

import (
	"bytes"
	"fmt"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuf(b *bytes.Buffer) {
	b.Reset()
	pool.Put(b)
}

func render(v any) []byte {
	b := pool.Get().(*bytes.Buffer)
	defer putBuf(b) // b.Reset(); pool.Put(b)
	fmt.Fprint(b, v)
	return b.Bytes() // want "unpinned: the slice from b.Bytes\\(\\) is returned after the call to putBuf at line 21 \\(it reuses b\\)"
}

func renderFixed(v any) []byte {
	b := pool.Get().(*bytes.Buffer)
	defer putBuf(b)
	fmt.Fprint(b, v)
	return bytes.Clone(b.Bytes())
}

// Cache keeps the last value rendered.
type Cache struct {
	mu   sync.Mutex
	last []byte
}

func (c *Cache) Render(v any) {
	b := pool.Get().(*bytes.Buffer)
	defer putBuf(b)
	fmt.Fprint(b, v)
	c.mu.Lock()
	c.last = b.Bytes() // want "unpinned: the slice from b.Bytes\\(\\) is kept in c.last, and the call to putBuf at line 41 \\(it reuses b\\)"
	c.mu.Unlock()
}

func (c *Cache) RenderFixed(v any) {
	b := pool.Get().(*bytes.Buffer)
	defer putBuf(b)
	fmt.Fprint(b, v)
	c.mu.Lock()
	c.last = append(c.last[:0], b.Bytes()...)
	c.mu.Unlock()
}

// Last returns a copy of what was rendered last.
func (c *Cache) Last() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.last)
}
