// Package guarded holds ordinary Go buffers guarded by sync.Mutex and
// sync.RWMutex, with no annotations: the lock heads the group of fields it
// guards, as Go code conventionally says "mu guards the fields below".
package guarded

import (
	"bytes"
	"io"
	"sync"
)

// Log buffers lines for a writer. mu guards buf and lines.
type Log struct {
	w io.Writer

	mu    sync.Mutex
	buf   bytes.Buffer
	lines []byte
}

// NewLog returns a Log; writing to a fresh object needs no lock.
func NewLog(w io.Writer) *Log {
	l := &Log{w: w}
	l.buf.WriteString("start\n")
	l.lines = make([]byte, 0, 64)
	return l
}

// Write is correct: everything under the lock.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, '.')
	return l.buf.Write(p)
}

// Flush writes the buffer out after dropping the lock: the bug of every
// "do the slow part unlocked" refactor.
func (l *Log) Flush() error {
	l.mu.Lock()
	n := l.buf.Len()
	l.mu.Unlock()
	_, err := l.w.Write(l.buf.Bytes()[:n]) // want `unguarded: l.buf.Bytes called while l.mu is unlocked \(released at line 42\); l.mu guards buf \(declared below it\): access it only while holding the lock`
	l.buf.Reset()                          // want `unguarded: l.buf.Reset called while l.mu is unlocked`
	return err
}

// FlushFixed copies under the lock and writes the copy unlocked.
func (l *Log) FlushFixed() error {
	l.mu.Lock()
	out := bytes.Clone(l.buf.Bytes())
	l.buf.Reset()
	l.mu.Unlock()
	_, err := l.w.Write(out)
	return err
}

// Pending reads the slice field's length with the lock released on one path.
func (l *Log) Pending(quick bool) int {
	l.mu.Lock()
	if quick {
		l.mu.Unlock()
	}
	n := len(l.lines) // want `unguarded: l.lines read while l.mu may be unlocked \(released at line 62 on some path\)`
	if !quick {
		l.mu.Unlock()
	}
	return n
}

// PendingAgree locks on both paths: the paths agree, nothing to report.
func (l *Log) PendingAgree(quick bool) int {
	if quick {
		l.mu.Lock()
	} else {
		l.mu.Lock()
	}
	n := len(l.lines)
	l.mu.Unlock()
	return n
}

// Len is exported, touches guarded data and does not lock, while Write
// locks: callers outside the package cannot take l.mu for it.
func (l *Log) Len() int {
	return l.buf.Len() // want `unguarded: l.buf.Len called without holding l.mu in exported method \(\*Log\).Len; l.mu guards buf and \(\*Log\).Background takes it, so callers cannot hold it for this method: lock l.mu here \(or rename it ...Locked if every caller holds the lock\)`
}

// flushLocked needs the lock: callers hold it. Its fact says so.
func (l *Log) flushLocked() {
	l.buf.Reset()
	l.lines = l.lines[:0]
}

// LenLocked is exported but named for callers that hold the lock.
func (l *Log) LenLocked() int {
	return l.buf.Len()
}

// Reset calls the helper with the lock held: correct.
func (l *Log) Reset() {
	l.mu.Lock()
	l.flushLocked()
	l.mu.Unlock()
}

// ResetLate calls it after unlocking.
func (l *Log) ResetLate() {
	l.mu.Lock()
	l.mu.Unlock()
	l.flushLocked() // want `unguarded: call to \(\*Log\).flushLocked needs l.mu locked \(it calls l.buf.Reset\), but l.mu is unlocked \(released at line 110\); call it while holding the lock`
}

// Background writes from a goroutine, which holds none of its parent's locks.
func (l *Log) Background() {
	l.mu.Lock()
	defer l.mu.Unlock()
	go func() {
		l.buf.WriteString("bg\n") // want `unguarded: l.buf.WriteString called while the goroutine started at line 118 does not hold l.mu;`
	}()
	go func() {
		l.mu.Lock()
		l.buf.WriteString("bg\n")
		l.mu.Unlock()
	}()
}

// InPlace runs a literal in place with the lock held, and defers one that
// runs before the deferred Unlock (defers run last in, first out).
func (l *Log) InPlace() {
	l.mu.Lock()
	defer l.mu.Unlock()
	defer func() { l.lines = nil }() // runs before the Unlock above
	func() { l.buf.WriteByte('x') }()
}

// DeferredAfterUnlock registers a write that runs after the deferred Unlock.
func (l *Log) DeferredAfterUnlock() {
	defer func() {
		l.lines = nil // want `unguarded: l.lines written while l.mu is unlocked`
	}()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.WriteByte('y')
}

// Loop drops the lock for the slow part of every iteration and reads
// guarded data there.
func (l *Log) Loop(items [][]byte) {
	l.mu.Lock()
	for _, it := range items {
		l.buf.Write(it)
		l.mu.Unlock()
		_ = l.buf.Len() // want `unguarded: l.buf.Len called while l.mu is unlocked`
		l.mu.Lock()
	}
	l.mu.Unlock()
}

// TryLock holds the lock only on its success branch.
func (l *Log) Try() bool {
	if l.mu.TryLock() {
		l.buf.WriteByte('t')
		l.mu.Unlock()
		return true
	}
	l.buf.WriteByte('f') // want `unguarded: l.buf.WriteByte called while l.mu is not locked yet`
	return false
}

// Locker through sync.Locker whose dynamic value is known.
func (l *Log) ViaLocker() {
	var lk sync.Locker = &l.mu
	lk.Lock()
	l.buf.WriteByte('k')
	lk.Unlock()
	l.buf.WriteByte('k') // want `unguarded: l.buf.WriteByte called while l.mu is unlocked`
}

// Once bodies run once, under the Once's own synchronization.
type Lazy struct {
	once sync.Once

	mu  sync.Mutex
	buf []byte
}

func (z *Lazy) Get() []byte {
	z.once.Do(func() { z.buf = make([]byte, 16) })
	z.mu.Lock()
	defer z.mu.Unlock()
	z.buf[0]++
	return bytes.Clone(z.buf)
}
