// Package readlocked: fields changed while an RWMutex of their struct is
// held only for reading. No comment says what the lock guards; the RLock
// taken around the change does.
package readlocked

import (
	"io"
	"sync"
	"sync/atomic"
)

// journal keeps entries in memory until it is opened, then passes them
// on: held and open sit above the lock, which no comment mentions.
type journal struct {
	out  io.Writer
	held []string
	open bool
	mu   sync.RWMutex
}

// Open opens the gate under the write lock, then hands the held entries
// on: writers that see the gate open no longer touch held. Quiet.
func (j *journal) Open() {
	j.mu.Lock()
	j.open = true
	j.mu.Unlock()
	for _, e := range j.held {
		io.WriteString(j.out, e)
	}
	j.held = nil
}

// Add takes the lock for reading, which lets two Adds append at once.
func (j *journal) Add(e string) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	if j.open {
		io.WriteString(j.out, e)
		return
	}
	j.held = append(j.held, e) // want `unguarded: j.held written while j.mu is held only for reading \(RLock\), which other goroutines may hold at the same time to run this same code: the change races with theirs; take j.mu.Lock\(\) instead`
}

// AddLocked is Add with the lock taken exclusively. Quiet.
func (j *journal) AddLocked(e string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.open {
		j.held = append(j.held, e)
	}
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

// rows holds closemu for reading while it works, to keep Close away
// (database/sql's Rows): the fields its comment says one caller uses are
// not shared through the lock.
type rows struct {
	closemu sync.RWMutex
	closed  bool

	// lastcols is only used by Next, which callers do not call
	// concurrently.
	lastcols []int
}

// Next changes lastcols under the read lock, as its comment allows. Quiet.
func (r *rows) Next() bool {
	r.closemu.RLock()
	defer r.closemu.RUnlock()
	if r.closed {
		return false
	}
	r.lastcols = append(r.lastcols[:0], 1)
	return true
}

func (r *rows) Close() {
	r.closemu.Lock()
	r.closed = true
	r.closemu.Unlock()
}

// Reorder reuses order's array under the read lock: one finding for the
// line, though the append writes through the array and the store writes
// the field.
func (t *table) Reorder(first string) {
	t.RLock()
	t.rows = append(t.rows[:0], first) // want `unguarded: t.rows written while t.RWMutex is held only for reading \(RLock\)`
	t.RUnlock()
}
