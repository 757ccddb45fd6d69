// Package mutexlog: a bytes.Buffer guarded by a sync.Mutex, flushed after
// the lock is dropped for the slow write.
package mutexlog

import (
	"bytes"
	"io"
	"sync"
)

// Log buffers writes for w.
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

// FlushBug reads and resets the buffer after unlocking.
func (l *Log) FlushBug() error {
	l.mu.Lock()
	n := l.buf.Len()
	l.mu.Unlock()
	_, err := l.w.Write(l.buf.Bytes()[:n]) // want "unguarded: l.buf.Bytes called while l.mu is unlocked"
	return err
}
