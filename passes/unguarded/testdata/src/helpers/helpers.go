// Package helpers wraps buffer accessors; its facts travel to importers.
package helpers

import "github.com/buflint/buflint/buffer"

// Size reads the buffer without locking it: callers must hold the lock.
func Size(b *buffer.Buffer) int { return b.Len() }

// Locked takes the lock and returns with it held.
func Locked(b *buffer.Buffer) *buffer.Buffer {
	b.Lock()
	return b
}

// Wait drops the lock for the slow part and takes it again.
func Wait(b *buffer.Buffer) {
	b.Unlock()
	b.Lock()
}

// Holder keeps a buffer in a field.
type Holder struct {
	Buf *buffer.Buffer
}

// Size reads the held buffer: callers must hold h.Buf's lock.
func (h *Holder) Size() int { return h.Buf.Len() }

// LockUnlessDone takes the lock unless done: it returns with the lock held
// on one path and not taken on the other.
func LockUnlessDone(b *buffer.Buffer, done bool) {
	if done {
		return
	}
	b.Lock()
}

// UnlockIfDone drops the lock when done, and otherwise returns with it held.
func UnlockIfDone(b *buffer.Buffer, done bool) {
	if !done {
		return
	}
	b.Unlock()
}
