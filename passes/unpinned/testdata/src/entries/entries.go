// Package entries: objects kept in guarded storage (a map's or a slice's
// elements, what a guarded pointer field points to) whose fields the
// package writes holding the storage's lock, used after it is released.
package entries

import (
	"errors"
	"log"
	"sync"
	"testing"
	"time"
)

type session struct {
	addr string // set when the session is made, never written again
	buf  []byte
	hits int
	last time.Time
}

type table struct {
	mu       sync.Mutex
	sessions map[string]*session // guarded by mu
	order    []*session          // guarded by mu
	current  *session            // guarded by mu
}

// touch writes the entries' fields holding mu: they are mu's.
func (t *table) touch(k string, b []byte) {
	t.mu.Lock()
	s := t.sessions[k]
	s.hits++
	s.buf = append(s.buf[:0], b...)
	s.last = time.Now()
	t.order = append(t.order, s)
	t.current.hits++
	t.mu.Unlock()
}

// hitsAfterUnlock reads an entry's count after dropping the lock.
func (t *table) hitsAfterUnlock(k string) int {
	t.mu.Lock()
	s := t.sessions[k]
	t.mu.Unlock()
	return s.hits // want `unpinned: s\.hits is read after t\.mu was released at line \d+; s is an entry of t\.sessions, and t\.mu guards its field hits \(written holding it at line \d+\)`
}

// lookup returns an entry under the lock: the caller's uses of the
// entry's guarded fields need the lock again.
func (t *table) lookup(k string) *session {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.sessions[k]
}

// bufFromHelper reads the buffer of an entry a locking helper returned.
func (t *table) bufFromHelper(k string) []byte {
	s := t.lookup(k)
	return s.buf // want `unpinned: s\.buf is read after t\.mu was released by the call at line \d+; s is an entry of the storage t\.mu guards, returned by \(\*table\)\.lookup`
}

// writeAfterUnlock writes an entry's field after dropping the lock.
func (t *table) writeAfterUnlock(k string) {
	t.mu.Lock()
	s := t.sessions[k]
	t.mu.Unlock()
	s.last = time.Now() // want `unpinned: s\.last is written after t\.mu was released`
}

// someBranch releases the lock on one path only.
func (t *table) someBranch(k string, early bool) int {
	t.mu.Lock()
	s := t.sessions[k]
	if early {
		t.mu.Unlock()
		return s.hits // want `unpinned: s\.hits is read after t\.mu was released at line \d+`
	}
	n := s.hits
	t.mu.Unlock()
	return n
}

// joinAfterBranch reads after a join where one path released.
func (t *table) joinAfterBranch(k string, release bool) int {
	t.mu.Lock()
	s := t.sessions[k]
	if release {
		t.mu.Unlock()
	}
	n := s.hits // want `unpinned: s\.hits is read after t\.mu was released at line \d+ on some path`
	if !release {
		t.mu.Unlock()
	}
	return n
}

// ordered reads the entries of a guarded slice in a loop, unlocked.
func (t *table) ordered() int {
	t.mu.Lock()
	order := t.order
	t.mu.Unlock()
	total := 0
	for i := range order {
		total += len(order[i].addr)
	}
	t.mu.Lock()
	first := t.order[0]
	t.mu.Unlock()
	return total + first.hits // want `unpinned: first\.hits is read after t\.mu was released`
}

// currentHits reads through a guarded pointer field's value, unlocked.
func (t *table) currentHits() int {
	t.mu.Lock()
	cur := t.current
	t.mu.Unlock()
	return cur.hits // want `unpinned: cur\.hits is read after t\.mu was released at line \d+; cur is an entry of t\.current`
}

// inGoroutine hands the entry to a goroutine that reads it unlocked.
func (t *table) inGoroutine(k string, done chan<- int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.sessions[k]
	go func() {
		done <- s.hits // want `unpinned: s\.hits is read in the goroutine started at line \d+, which does not hold t\.mu`
	}()
}

// The correct twins.

// copyUnderLock copies the count while holding the lock.
func (t *table) copyUnderLock(k string) int {
	t.mu.Lock()
	s := t.sessions[k]
	n := s.hits
	t.mu.Unlock()
	return n
}

// deferred holds the lock until the function returns.
func (t *table) deferred(k string) []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.sessions[k]
	return s.buf
}

// immutable reads a field set only when the entry was made.
func (t *table) immutable(k string) string {
	s := t.lookup(k)
	return s.addr
}

// relocked takes the lock again before touching the entry.
func (t *table) relocked(k string) {
	t.mu.Lock()
	s := t.sessions[k]
	t.mu.Unlock()
	time.Sleep(time.Millisecond)
	t.mu.Lock()
	s.hits++
	t.mu.Unlock()
}

// add makes a new entry: its fields are set before it is published.
func (t *table) add(k, addr string) {
	s := &session{addr: addr}
	s.last = time.Now()
	t.mu.Lock()
	t.sessions[k] = s
	t.mu.Unlock()
}

// conn guards its own fields: an entry of a guarded map that locks
// itself.
type conn struct {
	mu    sync.Mutex
	bytes int // guarded by mu
}

type pool struct {
	mu    sync.Mutex
	conns map[string]*conn // guarded by mu
}

func (p *pool) add(k string) {
	p.mu.Lock()
	p.conns[k] = &conn{}
	p.mu.Unlock()
}

// count uses the entry under its own lock after dropping the pool's.
func (p *pool) count(k string, n int) int {
	p.mu.Lock()
	c := p.conns[k]
	p.mu.Unlock()
	c.mu.Lock()
	c.bytes += n
	total := c.bytes
	c.mu.Unlock()
	return total
}

var errMissing = errors.New("missing")

func check(k string) error {
	if k == "" {
		return errMissing
	}
	return nil
}

// requireNoError never returns when err is not nil.
func requireNoError(t *testing.T, err error) {
	if err != nil {
		t.Helper()
		t.Fatalf("unexpected error: %v", err)
	}
}

// mustPath unlocks only on the failure path, which requireNoError ends:
// the read after the join runs with the lock held.
func (t *table) mustPath(tt *testing.T, k string) int {
	t.mu.Lock()
	s := t.sessions[k]
	if err := check(k); err != nil {
		t.mu.Unlock()
		requireNoError(tt, err)
	}
	n := s.hits
	t.mu.Unlock()
	return n
}

// logError returns whatever err is.
func logError(err error) {
	if err != nil {
		log.Print(err)
	}
}

// logPath unlocks on the failure path and goes on: the read after the
// join may run unlocked.
func (t *table) logPath(k string) int {
	t.mu.Lock()
	s := t.sessions[k]
	if err := check(k); err != nil {
		t.mu.Unlock()
		logError(err)
	}
	n := s.hits // want `unpinned: s\.hits is read after t\.mu was released at line \d+ on some path`
	t.mu.Unlock()
	return n
}

// requireTB never returns when err is not nil, through testing.TB.
func requireTB(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// mustPathTB is mustPath with a helper that takes a testing.TB.
func (t *table) mustPathTB(tt testing.TB, k string) int {
	t.mu.Lock()
	s := t.sessions[k]
	if err := check(k); err != nil {
		t.mu.Unlock()
		requireTB(tt, err)
	}
	n := s.hits
	t.mu.Unlock()
	return n
}
