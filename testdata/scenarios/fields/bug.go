// Package fields: buffers reached through struct fields (case 10).
package fields

import "github.com/buflint/buflint/buffer"

// Conn holds a shared buffer.
type Conn struct {
	buf *buffer.Buffer
}

// PendingBug reads the field's length after unlocking it through a copy.
func (c *Conn) PendingBug() int {
	c.buf.Lock()
	b := c.buf
	b.Unlock()
	return c.buf.Len() // want "unguarded: Buffer.Len called while c.buf is unlocked"
}
