package guarded

import (
	"sync"
)

// Table is parsed lazily under its lock, then read-only: assigned once
// under the lock, never changed in place, so the lock does not guard its
// reads (the lock's release orders them after the parse).
type Table struct {
	data []byte

	mu    sync.Mutex
	index []byte
	names []byte
}

func (t *Table) parse() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.index != nil {
		return
	}
	t.index = t.data[:8]
	t.index = t.index[:4] // still initializing: resliced right after it was set
	t.names = t.data[4:]
}

func (t *Table) Name(i int) byte {
	t.parse()
	return t.names[i] + t.index[0]
}

// Rows: its lock's comment says what it guards; the buffer below it is
// not among them.
type Rows struct {
	// closemu guards closed.
	closemu sync.RWMutex
	closed  bool
	raw     []byte // reused by Scan, which callers do not call concurrently

	scanHold bool
}

func (r *Rows) Scan() {
	r.closemu.RLock()
	r.raw = r.raw[:0]
	r.raw = append(r.raw, 'x')
	if !r.scanHold {
		r.closemu.RUnlock()
	}
}

// unlockIfHeld releases the lock only when a flag says Scan kept it: its
// first lock operation on some path is RUnlock, on others there is none,
// so nothing says its callers hold the lock.
func (r *Rows) unlockIfHeld() {
	if r.scanHold {
		r.scanHold = false
		r.closemu.RUnlock()
	}
}

func (r *Rows) Close() {
	r.unlockIfHeld()
	r.closemu.Lock()
	r.closed = true
	r.closemu.Unlock()
}

// Bench's output is written by the goroutine it waits for: after the
// receive, the data has been handed over, lock or no lock.
type Bench struct {
	mu     sync.Mutex
	output []byte
	done   chan bool
}

func (b *Bench) Log(s string) {
	b.mu.Lock()
	b.output = append(b.output, s...)
	b.mu.Unlock()
}

func (b *Bench) Run(f func(*Bench)) int {
	go func() {
		f(b)
		b.done <- true
	}()
	<-b.done
	return len(b.output)
}

// Conditional locking whose paths agree is not "locked on some path": a
// caller that holds the lock passes locked.
func (b *Bench) Append(s string, locked bool) {
	if !locked {
		b.mu.Lock()
		defer b.mu.Unlock()
	}
	b.output = append(b.output, s...)
}

// Client's nonce is given new storage and filled once, under the lock:
// initialization, not a buffer changed in place; its reads need no lock.
type Client struct {
	mu    sync.Mutex
	nonce []byte
	hits  int
}

func (c *Client) SetNonce(n []byte) {
	c.mu.Lock()
	c.nonce = make([]byte, len(n))
	copy(c.nonce, n)
	c.hits++
	c.mu.Unlock()
}

func (c *Client) Nonce() []byte { return c.nonce }

// A new object captured by a callback is still not shared while the
// function fills it.
func NewBench(register func(func())) *Bench {
	b := &Bench{done: make(chan bool)}
	register(func() { b.Log("registered") })
	b.output = append(b.output, "new"...)
	return b
}

// A variable assigned in a loop is named by the variable in messages.
func lastBench(bs []*Bench) int {
	var b *Bench
	for _, x := range bs {
		b = x
	}
	b.mu.Lock()
	b.mu.Unlock()
	return len(b.output) // want `unguarded: b.output read while b.mu is unlocked`
}

// unlockFor unlocks a mutex its caller locked: handing the Unlock of a
// sync.Mutex to another goroutine is allowed.
func unlockFor(mu *sync.Mutex, done chan<- bool) {
	mu.Unlock()
	done <- true
}

func handOverUnlock() {
	var mu sync.Mutex
	done := make(chan bool)
	mu.Lock()
	go unlockFor(&mu, done)
	<-done
}

// attempt's lock guards a field of the object trace points to, not trace:
// trace is set when the attempt is made and read without the lock (grpc's
// csAttempt.trInfo).
type attempt struct {
	mu    sync.Mutex // guards trace.log
	trace *traceInfo
}

type traceInfo struct{ log []string }

func (a *attempt) record(s string) {
	if a.trace != nil {
		a.mu.Lock()
		if a.trace.log != nil {
			a.trace.log = append(a.trace.log, s)
		}
		a.mu.Unlock()
	}
}

func (a *attempt) finish() {
	if a.trace != nil {
		a.mu.Lock()
		a.trace.log = nil
		a.mu.Unlock()
	}
}
