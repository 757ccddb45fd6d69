// Package shared exports a type whose buffer its lock guards, and helpers
// that need the lock: importing packages are checked against their facts.
package shared

import (
	"bytes"
	"sync"
)

// Conn's exported lock guards its exported buffer.
type Conn struct {
	Mu  sync.Mutex
	Out bytes.Buffer
}

func (c *Conn) Send(p []byte) {
	c.Mu.Lock()
	c.Out.Write(p)
	c.Mu.Unlock()
}

// AppendLocked needs c.Mu held.
func AppendLocked(c *Conn, p []byte) {
	c.Out.Write(p)
}
