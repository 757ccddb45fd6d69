// Package guardforms: guards as Go code declares them, in English, and the
// entries of guarded storage. A count read after Unlock on an early-return
// path, a count read before the method takes the lock, and an entry's
// field read after the helper that returned it unlocked.
package guardforms

import "sync"

// Conn is an entry of the registry: Serve updates its fields holding the
// registry's lock.
type Conn struct {
	id   int
	buf  []byte
	hits int
}

// Registry serves requests over a fixed set of connections.
type Registry struct {
	mu sync.Mutex
	// served counts the requests served; guarded by mu.
	served int
	errs   int           // protected by mu
	conns  map[int]*Conn // guarded by mu
}

// New makes a registry with four connections.
func New() *Registry {
	r := &Registry{conns: map[int]*Conn{}}
	for i := range 4 {
		r.conns[i] = &Conn{id: i}
	}
	return r
}

// Serve updates the counts and the connection holding the lock.
func (r *Registry) Serve(i int, b []byte) {
	r.mu.Lock()
	r.served++
	c := r.conns[i%4]
	c.hits++
	c.buf = append(c.buf[:0], b...)
	r.mu.Unlock()
}

// Fail counts a failure holding the lock.
func (r *Registry) Fail() {
	r.mu.Lock()
	r.errs++
	r.mu.Unlock()
}

// StatsBug reads the count after Unlock on its early return.
func (r *Registry) StatsBug(failed bool) int {
	r.mu.Lock()
	if failed {
		r.errs++
		r.mu.Unlock()
		return r.served // want "unguarded: r.served read while r.mu is unlocked"
	}
	n := r.served
	r.mu.Unlock()
	return n
}

// IdleBug reads the count before it takes the lock.
func (r *Registry) IdleBug() bool {
	if r.served == 0 { // want "unguarded: r.served read while r.mu is not locked yet"
		return true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.errs > 0
}

// conn returns a connection holding the lock.
func (r *Registry) conn(i int) *Conn {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.conns[i%4]
}

// HitsBug reads a connection's count after conn released the lock.
func (r *Registry) HitsBug(i int) int {
	c := r.conn(i)
	return c.hits // want "unpinned: c.hits is read after r.mu was released by the call"
}
