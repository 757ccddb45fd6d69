// Package afterput: a pool of byte slices that reports how many bytes it
// took back, and reads the slice's capacity after giving it back: the next
// Get may already be appending to it (thanos' BucketedBytes.Put).
package afterput

import "sync"

// Bytes hands out byte slices and takes them back.
type Bytes struct {
	pool sync.Pool
}

// Get returns a slice with room for at least 64 bytes.
func (p *Bytes) Get() *[]byte {
	if b, ok := p.pool.Get().(*[]byte); ok {
		return b
	}
	s := make([]byte, 0, 64)
	return &s
}

// PutBug gives b back, then reads its header: the bytes taken back.
func (p *Bytes) PutBug(b *[]byte) int {
	*b = (*b)[:0]
	p.pool.Put(b)
	return cap(*b) // want "unpinned: b is used after the Put of b back into its pool"
}
