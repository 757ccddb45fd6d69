// Package entrydep keeps connections in a guarded map and returns them
// from a method that holds the lock: its fact tells importers which of a
// connection's fields it writes holding the lock.
package entrydep

import "sync"

// Conn is an entry of the registry.
type Conn struct {
	ID   int // set when the connection is made
	Hits int
}

// Registry keeps connections.
type Registry struct {
	mu    sync.Mutex
	conns map[int]*Conn // guarded by mu
}

// Serve counts a hit holding the lock.
func (r *Registry) Serve(i int) {
	r.mu.Lock()
	c := r.conns[i]
	c.Hits++
	r.mu.Unlock()
}

// Conn returns a connection holding the lock.
func (r *Registry) Conn(i int) *Conn {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.conns[i]
}
