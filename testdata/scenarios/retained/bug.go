// Package retained: a cache keeps a slice of a pooled buffer after the
// deferred Put gives the buffer to the next render.
package retained

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Cache remembers the last line rendered.
type Cache struct {
	mu   sync.Mutex
	last []byte
}

// RenderBug keeps storage the pool hands to the next render.
func (c *Cache) RenderBug(s string) {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.WriteString(s)
	c.mu.Lock()
	c.last = b.Bytes() // want "unpinned: the slice from b.Bytes\\(\\) is kept in c.last, and the Put of b back into its pool"
	c.mu.Unlock()
}

// Sum reads the last line under the lock.
func (c *Cache) Sum() (n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, x := range c.last {
		n += int(x)
	}
	return n
}
