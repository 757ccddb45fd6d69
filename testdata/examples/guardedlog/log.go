// Package guardedlog is ordinary Go code, with no buflint import: a
// bytes.Buffer that a sync.Mutex guards, flushed to a slow writer.
package guardedlog

import (
	"bytes"
	"io"
	"sync"
)

// Log buffers lines for a slow writer.
type Log struct {
	w io.Writer

	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends under the lock.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// FlushBuggy drops the lock for the slow write, then reads and resets the
// buffer that concurrent Writes are appending to.
func (l *Log) FlushBuggy() error {
	l.mu.Lock()
	n := l.buf.Len()
	l.mu.Unlock()
	_, err := l.w.Write(l.buf.Bytes()[:n]) // want "unguarded: l.buf.Bytes called while l.mu is unlocked"
	l.buf.Reset()                          // want "unguarded: l.buf.Reset called while l.mu is unlocked"
	return err
}

// Flush copies and resets while holding the lock, and writes the copy.
func (l *Log) Flush() error {
	l.mu.Lock()
	out := bytes.Clone(l.buf.Bytes())
	l.buf.Reset()
	l.mu.Unlock()
	_, err := l.w.Write(out)
	return err
}

// Buffered reads the length without the lock that Write takes: callers
// outside the package cannot take l.mu for it.
func (l *Log) Buffered() int {
	return l.buf.Len() // want "unguarded: l.buf.Len called without holding l.mu in exported method"
}
