// Package locker: locks reached indirectly, a sync.Locker field (a lock
// chosen at run time) and a lock handed to a helper that unlocks it.
package locker

import "sync"

// ring keeps its lines behind a sync.Locker: a *sync.Mutex, or a no-op
// for single-goroutine use.
type ring struct {
	mu    sync.Locker
	lines []byte
}

func newRing(shared bool) *ring {
	r := &ring{mu: noLock{}}
	if shared {
		r.mu = new(sync.Mutex)
	}
	return r
}

type noLock struct{}

func (noLock) Lock()   {}
func (noLock) Unlock() {}

// add appends under the lock, then reads the length after Unlock.
func (r *ring) add(b byte) int {
	r.mu.Lock()
	r.lines = append(r.lines, b)
	r.mu.Unlock()
	return len(r.lines) // want `unguarded: r.lines read while r.mu is unlocked \(released at line \d+\)`
}

// size reads under the lock, released by the deferred call.
func (r *ring) size() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.lines)
}

// addCounted takes the length while it holds the lock.
func (r *ring) addCounted(b byte) int {
	r.mu.Lock()
	r.lines = append(r.lines, b)
	n := len(r.lines)
	r.mu.Unlock()
	return n
}

type conn struct {
	rlock sync.Mutex
	rbuf  []byte // guarded by rlock
	reads int    // guarded by rlock
}

// release is handed the lock and unlocks it.
func release(mu *sync.Mutex) { mu.Unlock() }

// read unlocks through the helper, then reads the count.
func (c *conn) read(p []byte) int {
	c.rlock.Lock()
	n := copy(p, c.rbuf)
	c.rbuf = c.rbuf[n:]
	c.reads++
	release(&c.rlock)
	return c.reads // want `unguarded: c.reads read while c.rlock is unlocked \(the call at line \d+ releases it\)`
}

// count reads under the lock and unlocks through the helper after.
func (c *conn) count() int {
	c.rlock.Lock()
	n := c.reads
	release(&c.rlock)
	return n
}

// reset clears the count under the lock.
func (c *conn) reset() {
	c.rlock.Lock()
	c.reads = 0
	c.rlock.Unlock()
}

// releaseLocker is handed the lock as a sync.Locker and unlocks it.
func releaseLocker(l sync.Locker) { l.Unlock() }

// withLocker runs f holding the lock it is handed as a sync.Locker.
func withLocker(l sync.Locker, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}

// readLocker unlocks through a sync.Locker parameter, then reads.
func (c *conn) readLocker() int {
	c.rlock.Lock()
	c.reads++
	releaseLocker(&c.rlock)
	return c.reads // want `unguarded: c.reads read while c.rlock is unlocked \(the call at line \d+ releases it\)`
}

// countLocker reads under the lock and unlocks through the parameter.
func (c *conn) countLocker() int {
	c.rlock.Lock()
	n := c.reads
	releaseLocker(&c.rlock)
	return n
}

// addLocker changes the count in a function run holding the lock.
func (c *conn) addLocker() {
	withLocker(&c.rlock, func() { c.reads++ })
}
