// Package helperrelease: what a helper's fact says of a lock, trusted for
// declared guards and not for counts inferred from the code alone.
package helperrelease

import "sync"

// After a helper that releases the lock, the lock is released. For a
// count whose guard is inferred from the code alone, what a helper's fact
// says of the lock is not trusted (nats' helpers that lock on a branch
// their needLock argument decides made such facts wrong), and the read is
// not reported; the declared twin is.
type consumer struct {
	mu      sync.Mutex
	pending int
	dseq    int
	acks    int // guarded by mu
}

func (o *consumer) unlock() { o.mu.Unlock() }

func (o *consumer) next() (int, int) {
	o.mu.Lock()
	o.dseq++
	o.acks++
	o.unlock()
	return o.dseq, o.acks // want `unguarded: o.acks read while o.mu is unlocked \(the call at line \d+ releases it\)`
}

func (o *consumer) reset() {
	o.mu.Lock()
	o.dseq = 0
	o.pending = 0
	o.acks = 0
	o.mu.Unlock()
	_ = o.dseq // want `unguarded: o.dseq read while o.mu is unlocked \(released at line \d+\)`
}
