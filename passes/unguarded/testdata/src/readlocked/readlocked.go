// Package readlocked: fields changed while an RWMutex of their struct is
// held only for reading. No comment says what the lock guards; the RLock
// taken around the change does.
package readlocked

import (
	"io"
	"sync"
	"sync/atomic"
)

// GatedWriter holds writes in memory until Flush (consul's agent log
// writer): buf and flush sit above the lock, which no comment mentions.
type GatedWriter struct {
	Writer io.Writer

	buf   [][]byte
	flush bool
	lock  sync.RWMutex
}

// Flush opens the gate under the write lock, then hands the held lines
// on: writers that see the gate open no longer touch buf. Quiet.
func (w *GatedWriter) Flush() {
	w.lock.Lock()
	w.flush = true
	w.lock.Unlock()
	for _, p := range w.buf {
		w.Write(p)
	}
	w.buf = nil
}

func (w *GatedWriter) Write(p []byte) (int, error) {
	w.lock.RLock()
	defer w.lock.RUnlock()
	if w.flush {
		return w.Writer.Write(p)
	}
	p2 := make([]byte, len(p))
	copy(p2, p)
	w.buf = append(w.buf, p2) // want `unguarded: w.buf written while w.lock is held only for reading \(RLock\), which other goroutines may hold at the same time to run this same code: the change races with theirs; take w.lock.Lock\(\) instead`
	return len(p), nil
}

// FixedWriter is GatedWriter with the fix: Write takes the lock
// exclusively. Quiet.
type FixedWriter struct {
	Writer io.Writer

	buf   [][]byte
	flush bool
	lock  sync.RWMutex
}

func (w *FixedWriter) Write(p []byte) (int, error) {
	w.lock.Lock()
	defer w.lock.Unlock()
	if w.flush {
		return w.Writer.Write(p)
	}
	w.buf = append(w.buf, append([]byte(nil), p...))
	return len(p), nil
}

type cache struct {
	mu      sync.RWMutex
	entries map[string]int
	hits    int
	misses  int64
	last    string

	statsMu sync.Mutex
	lookups int

	child *counter
}

type counter struct{ n int }

// Get counts a hit under the read lock.
func (c *cache) Get(k string) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.entries[k]
	if ok {
		c.hits++ // want `unguarded: c.hits written while c.mu is held only for reading \(RLock\)`
	}
	atomic.AddInt64(&c.misses, 1) // handed to sync/atomic: quiet
	return v, ok
}

// Warm fills entries in a loop, taking the read lock each time.
func (c *cache) Warm(keys []string) {
	for _, k := range keys {
		c.mu.RLock()
		c.entries[k]++ // want `unguarded: c.entries written while c.mu is held only for reading \(RLock\)`
		c.mu.RUnlock()
	}
}

// Put upgrades: it checks under the read lock, then changes under the
// write lock. Quiet.
func (c *cache) Put(k string, v int) {
	c.mu.RLock()
	_, ok := c.entries[k]
	c.mu.RUnlock()
	if ok {
		return
	}
	c.mu.Lock()
	c.entries[k] = v
	c.last = k
	c.mu.Unlock()
}

// Count changes lookups under statsMu, its own lock, taken inside the
// read lock. Quiet.
func (c *cache) Count() {
	c.mu.RLock()
	c.statsMu.Lock()
	c.lookups++
	c.statsMu.Unlock()
	c.mu.RUnlock()
}

// Touch changes what child points to, not a field of the cache. Quiet.
func (c *cache) Touch() {
	c.mu.RLock()
	c.child.n++
	c.mu.RUnlock()
}

// Mode takes the lock for reading or writing, as the caller says: the
// change is made holding it exclusively on the path that writes. Quiet.
func (c *cache) Mode(write bool, k string) {
	if write {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.last = k
		return
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	_ = c.last
}

// Receive stores what a channel delivers under the read lock.
func (c *cache) Receive(ch <-chan string) {
	c.mu.RLock()
	c.last = <-ch // want `unguarded: c.last written while c.mu is held only for reading \(RLock\)`
	c.mu.RUnlock()
}

// Publish sends a value read under the read lock. Quiet.
func (c *cache) Publish(ch chan<- int) {
	c.mu.RLock()
	ch <- c.hits
	c.mu.RUnlock()
}

// Spawn starts a goroutine under the read lock; the goroutine does not
// hold it, and how it shares hits is not what the RLock says. Quiet.
func (c *cache) Spawn(done chan struct{}) {
	c.mu.RLock()
	go func() {
		c.hits = 0
		close(done)
	}()
	c.mu.RUnlock()
}

// fresh changes a cache it made itself: nobody else sees it yet. Quiet.
func fresh() *cache {
	c := &cache{entries: map[string]int{}}
	c.mu.RLock()
	c.hits = 1
	c.mu.RUnlock()
	return c
}

// table embeds its lock.
type table struct {
	sync.RWMutex
	rows []string
}

func (t *table) Add(r string) {
	t.RLock()
	t.rows = append(t.rows, r) // want `unguarded: t.rows written while t.RWMutex is held only for reading \(RLock\)`
	t.RUnlock()
}

func (t *table) Len() int {
	t.RLock()
	defer t.RUnlock()
	return len(t.rows)
}
