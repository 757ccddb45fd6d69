package retained

import "bytes"

// RenderFixed keeps a copy made before the Put.
func (c *Cache) RenderFixed(s string) {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.WriteString(s)
	c.mu.Lock()
	c.last = bytes.Clone(b.Bytes())
	c.mu.Unlock()
}
