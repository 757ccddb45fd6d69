// Package entrylen: an exported method reads guarded data without the lock
// that the type's other methods take; callers outside the package cannot
// take it for them.
package entrylen

import "sync"

// Pending collects bytes.
type Pending struct {
	mu   sync.Mutex
	data []byte
}

// Add appends under the lock.
func (p *Pending) Add(b byte) {
	p.mu.Lock()
	p.data = append(p.data, b)
	p.mu.Unlock()
}

// LenBug reads the slice without the lock.
func (p *Pending) LenBug() int {
	return len(p.data) // want "unguarded: p.data read without holding p.mu in exported method"
}
