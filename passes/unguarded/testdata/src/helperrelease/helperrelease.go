// Package helperrelease: what a helper's fact says of a lock, and which
// of a struct's locks is held, for declared guards and for counts whose
// guard is inferred from the code alone.
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

// A flag below one lock that the code guards with another: read holding
// the other lock, it is not reported (nats' consumer.inMonitor, below
// monitorMu, guarded by mu).
type monitored struct {
	mu   sync.Mutex
	seen int

	monitorMu sync.Mutex // serializes Add against Wait
	inMonitor bool
}

func (o *monitored) start() bool {
	o.monitorMu.Lock()
	defer o.monitorMu.Unlock()
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.inMonitor {
		return false
	}
	o.inMonitor = true
	return true
}

func (o *monitored) clear() {
	o.monitorMu.Lock()
	o.mu.Lock()
	o.inMonitor = false
	o.mu.Unlock()
	o.monitorMu.Unlock()
}

func (o *monitored) running() bool {
	o.mu.Lock()
	in := o.inMonitor
	o.mu.Unlock()
	o.monitorMu.Lock()
	o.seen++
	o.monitorMu.Unlock()
	return in
}
