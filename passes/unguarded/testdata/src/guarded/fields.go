package guarded

import (
	"errors"
	"sync"
	"sync/atomic"
)

// Guards of fields of any type: declared in English, or inferred from the
// convention and the code's writes, then held to what the code does.

// Pipe's mutex heads its group: the count and the error below it are
// guarded by the convention, as the code bears out (written under the
// lock, accessed under it in several methods, never written without it).
// moby's BytesPipe read closeErr after Unlock on an early return.
type Pipe struct {
	mu       sync.Mutex
	bufLen   int
	closeErr error // error to return from the next Read
	hits     atomic.Int64
	name     string
}

func NewPipe(name string) *Pipe { return &Pipe{name: name} }

func (p *Pipe) CloseWithError(err error) {
	p.mu.Lock()
	if err == nil {
		err = errors.New("closed")
	}
	p.closeErr = err
	p.mu.Unlock()
}

func (p *Pipe) Write(b []byte) {
	p.mu.Lock()
	p.bufLen += len(b)
	p.mu.Unlock()
	p.hits.Add(1)
}

// Read returns the error on an early path after it unlocks.
func (p *Pipe) Read() (int, error) {
	p.mu.Lock()
	if p.bufLen == 0 && p.closeErr != nil {
		p.mu.Unlock()
		return 0, p.closeErr // want `unguarded: p.closeErr read while p.mu is unlocked \(released at line \d+\); p.mu guards closeErr \(declared below it\)`
	}
	n := p.bufLen
	p.mu.Unlock()
	return n, nil
}

// Len reads the count after it unlocks: the count changes in place
// under the lock.
func (p *Pipe) Len() int {
	p.mu.Lock()
	empty := p.closeErr == nil
	p.mu.Unlock()
	if empty {
		return p.bufLen // want `unguarded: p.bufLen read while p.mu is unlocked`
	}
	return 0
}

// Fixed reads it before unlocking.
func (p *Pipe) Fixed() (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bufLen == 0 && p.closeErr != nil {
		return 0, p.closeErr
	}
	return p.bufLen, nil
}

// Name reads a field only the constructor writes: immutable once shared.
func (p *Pipe) Name() string { return p.name }

// Pool's count says which lock guards it: read before the lock is taken,
// in a function that takes it, it is read unlocked.
type Pool struct {
	connsMu sync.Mutex
	conns   [][]byte

	poolSize int // protected by connsMu
	dialed   int32
	maxConns int
}

func (p *Pool) newConn() []byte {
	if p.maxConns > 0 && p.poolSize >= p.maxConns { // want `unguarded: p.poolSize read while p.connsMu is not locked yet \(this function first locks it at line \d+\); p.connsMu guards poolSize \(as its comment says\)`
		return nil
	}
	atomic.AddInt32(&p.dialed, 1)
	cn := make([]byte, 8)
	p.connsMu.Lock()
	defer p.connsMu.Unlock()
	p.conns = append(p.conns, cn)
	p.poolSize++
	return cn
}

// Dialed is lock-free by design: dialed goes through sync/atomic.
func (p *Pool) Dialed() int32 { return atomic.LoadInt32(&p.dialed) + int32(p.dialedSnapshot()) }

func (p *Pool) dialedSnapshot() int { return int(p.dialed) }

// SetMax writes maxConns without the lock: no guard is inferred for it.
func (p *Pool) SetMax(n int) { p.maxConns = n }

// size reads the count in the goroutine that writes it, through a helper
// that locks: the owner may read what only it writes. Quiet.
func (p *Pool) size() int {
	n := p.poolSize
	p.grow()
	return n
}

func (p *Pool) grow() {
	p.connsMu.Lock()
	p.poolSize++
	p.connsMu.Unlock()
}

// Declared guards are trusted as written, for any type.
type Stats struct {
	mu sync.Mutex
	// sent counts frames; guarded by mu.
	sent int
	recv int // protected by mu

	lock  sync.RWMutex // guard the following
	state int          // guarded by lock
	done  bool

	// written only by the reader goroutine: prose that names no lock.
	total int
}

func (s *Stats) Send() {
	s.mu.Lock()
	s.sent++
	s.mu.Unlock()
}

func (s *Stats) Sent() int {
	return s.sent // want `unguarded: s.sent read without holding s.mu in exported method \(\*Stats\).Sent; s.mu guards sent`
}

func (s *Stats) AddRecv(n int) {
	s.mu.Lock()
	s.recv += n
	s.mu.Unlock()
	s.recv++ // want `unguarded: s.recv written while s.mu is unlocked \(released at line \d+\); s.mu guards recv \(as its comment says\)`
}

func (s *Stats) Next() {
	s.lock.Lock()
	s.state++
	s.lock.Unlock()
}

// Bump changes state under the read lock only.
func (s *Stats) Bump() {
	s.lock.RLock()
	s.state++ // want `unguarded: s.state written while s.lock is held only for reading \(RLock\)`
	s.lock.RUnlock()
}

// Close sets done under the read lock only. A flag set once is not
// guarded by its group's comment alone (scan's pruneUnchanged), but the
// RLock taken to set it says the lock shares it: two goroutines closing at
// once race.
func (s *Stats) Close() {
	s.lock.RLock()
	s.done = true // want `unguarded: s.done written while s.lock is held only for reading \(RLock\), which other goroutines may hold at the same time to run this same code: the change races with theirs; take s.lock.Lock\(\) instead`
	s.lock.RUnlock()
}

func (s *Stats) Total() int { return s.total }
