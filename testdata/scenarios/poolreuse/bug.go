// Package poolreuse: a slice of a pooled bytes.Buffer returned past the
// deferred Put that gives the buffer to the next caller.
package poolreuse

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// RenderBug returns storage the pool hands to the next Render.
func RenderBug(s string) []byte {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.WriteString(s)
	return b.Bytes() // want "unpinned: the slice from b.Bytes\\(\\) is returned after the Put of b back into its pool"
}
