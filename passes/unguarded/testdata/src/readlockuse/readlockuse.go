// Package readlockuse changes readlockdep's counter: the guard its
// package proposed and confirmed comes as a fact.
package readlockuse

import "readlockdep"

func Hit(c *readlockdep.Counter) {
	c.Mu.RLock()
	c.Hits += 2 // want `unguarded: c.Hits written while c.Mu is held only for reading \(RLock\)`
	c.Mu.RUnlock()
}

// HitLocked holds the lock exclusively. Quiet.
func HitLocked(c *readlockdep.Counter) {
	c.Mu.Lock()
	c.Hits++
	c.Mu.Unlock()
}

// Note changes Log, which readlockdep's own code never changes under the
// read lock: no guard is proposed for it, and the importer's RLock alone
// does not make one. Quiet (a limit of the proposal).
func Note(c *readlockdep.Counter, s string) {
	c.Mu.RLock()
	c.Log = append(c.Log, s)
	c.Mu.RUnlock()
}
