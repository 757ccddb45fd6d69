package fields

// PendingFixed reads it under the lock.
func (c *Conn) PendingFixed() int {
	c.buf.Lock()
	defer c.buf.Unlock()
	return c.buf.Len()
}
