// Package fieldalias: a []byte field that a mutex guards, sliced under the
// lock and read after it.
package fieldalias

import "sync"

// Ring keeps the last bytes written.
type Ring struct {
	mu   sync.Mutex
	data []byte
}

// Add overwrites the storage in place under the lock.
func (r *Ring) Add(p []byte) {
	r.mu.Lock()
	if len(r.data) < 64 {
		r.data = append(r.data, p...)
	} else {
		copy(r.data, p)
	}
	r.mu.Unlock()
}

// SumBug reads the storage after unlocking.
func (r *Ring) SumBug() (n int) {
	r.mu.Lock()
	p := r.data
	r.mu.Unlock()
	for _, c := range p { // want "unpinned: p, from r.data, is used after r.mu was released at line 28"
		n += int(c)
	}
	return n
}
