package guarded

import (
	"bytes"
	"io"
	"sync"
)

// A function that takes a lock with a blocking call on some path cannot be
// entered holding it: sync.Mutex is not reentrant. What it touches before
// taking the lock, or on paths that never take it, is touched unlocked.

// Renderer keeps output for a writer; its only lock is a pointer field
// declared after the buffer.
type Renderer struct {
	out io.Writer
	buf bytes.Buffer
	mtx *sync.Mutex
}

func (r *Renderer) Write(p []byte) {
	r.mtx.Lock()
	defer r.mtx.Unlock()
	r.buf.Write(p)
}

// flush checks the buffer before it takes the lock; the early return
// never locks, and no caller can hold the lock at the call.
func (r *Renderer) flush() {
	if r.buf.Len() == 0 { // want `unguarded: r.buf.Len called while r.mtx is not locked yet \(this function first locks it at line \d+\)`
		return
	}
	r.mtx.Lock()
	defer r.mtx.Unlock()
	_, _ = r.out.Write(r.buf.Bytes())
	r.buf.Reset()
}

// flushHeld takes no lock: callers hold it, and its accesses are its
// requirement, not findings.
func (r *Renderer) flushHeld() {
	if r.buf.Len() == 0 {
		return
	}
	r.buf.Reset()
}

// flushLocked is the fix: the check under the lock.
func (r *Renderer) flushLocked() {
	r.mtx.Lock()
	defer r.mtx.Unlock()
	if r.buf.Len() == 0 {
		return
	}
	r.buf.Reset()
}

// Unless takes the lock on one path only, with a deferred unlock; after
// the join, the path that did not lock touches the buffer unlocked. (A
// parameter that decides the path, as in Bench.Append, is the caller's
// say: it may hold the lock.)
func (l *Log) Unless(parts [][]byte) {
	for _, p := range parts {
		if len(p) > 0 {
			l.mu.Lock()
			defer l.mu.Unlock()
			break
		}
	}
	l.buf.WriteByte('u') // want `unguarded: l.buf.WriteByte called while l.mu is not locked yet on some path`
}

// releaseIf releases first on one path: callers may hold the lock, and
// nothing is decided.
func (l *Log) releaseIf(locked bool) {
	if locked {
		l.mu.Unlock()
	}
}

// Try only tries the lock: it can be entered holding it, so the read
// before it is a requirement, not a finding.
func (l *Log) tryFirst() bool {
	if l.buf.Len() == 0 {
		return false
	}
	if !l.mu.TryLock() {
		return false
	}
	defer l.mu.Unlock()
	return l.buf.Len() > 1
}

// lenLocked takes the lock itself.
func (l *Log) lenLocked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Len()
}

// afterHelper calls a helper that takes the lock. That is weaker evidence
// than a Lock of its own (the helper may lock the same object through
// another path), so its read is its requirement, not a finding.
func (l *Log) afterHelper() int {
	n := l.lenLocked()
	return n + l.buf.Len()
}

// appendMaybe locks through closures that a parameter decides, as code
// with a needLock flag does: the caller may hold the lock.
func (l *Log) appendMaybe(p []byte, needLock bool) {
	lock := func() {
		if needLock {
			l.mu.Lock()
		}
	}
	unlock := func() {
		if needLock {
			l.mu.Unlock()
		}
	}
	lock()
	l.buf.Write(p)
	unlock()
}
