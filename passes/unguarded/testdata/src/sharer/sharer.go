package sharer

import "shared"

// Cross-package: the field's guard and the helper's requirement are facts.
func use(c *shared.Conn, p []byte) int {
	c.Mu.Lock()
	shared.AppendLocked(c, p)
	n := c.Out.Len()
	c.Mu.Unlock()
	shared.AppendLocked(c, p) // want `unguarded: call to shared.AppendLocked needs c.Mu locked \(it calls c.Out.Write\), but c.Mu is unlocked \(released at line 10\)`
	return n + c.Out.Len()    // want `unguarded: c.Out.Len called while c.Mu is unlocked \(released at line 10\); c.Mu guards Out \(declared below it\)`
}

// Exported lock: callers can take it, so an exported method of another
// package's type is no entry point here, and a function that does not lock
// only requires the lock.
func peek(c *shared.Conn) int {
	return c.Out.Len()
}
