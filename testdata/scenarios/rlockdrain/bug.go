// Package rlockdrain: readers of a bytes.Buffer under RLock, where reading
// the buffer moves its read offset.
package rlockdrain

import (
	"bytes"
	"sync"
)

// Queue hands out bytes to readers.
type Queue struct {
	mu  sync.RWMutex
	buf bytes.Buffer
}

// Fill writes under the write lock.
func (q *Queue) Fill(p []byte) {
	q.mu.Lock()
	q.buf.Write(p)
	q.mu.Unlock()
}

// NextBug takes a byte under the read lock: two readers race on the offset.
func (q *Queue) NextBug() (byte, error) {
	q.mu.RLock()
	defer q.mu.RUnlock()
	return q.buf.ReadByte() // want "unguarded: q.buf.ReadByte called while q.mu is held only for reading"
}
