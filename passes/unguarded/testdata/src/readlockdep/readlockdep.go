// Package readlockdep declares a counter whose exported fields its own
// code changes under the read lock of its RWMutex.
package readlockdep

import "sync"

type Counter struct {
	Mu   sync.RWMutex
	Hits int
	Log  []string
}

func (c *Counter) Hit() {
	c.Mu.RLock()
	c.Hits++ // want `unguarded: c.Hits written while c.Mu is held only for reading \(RLock\)`
	c.Mu.RUnlock()
}

func (c *Counter) Read() int {
	c.Mu.RLock()
	defer c.Mu.RUnlock()
	return c.Hits
}
