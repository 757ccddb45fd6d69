package borrowed

import (
	"bytes"
	"time"
)

// CopyingWriter gives up on a write after its timeout too, but the
// goroutine it leaves behind reads its own copy of the caller's bytes.
type CopyingWriter struct {
	Dst     *Sink
	Timeout time.Duration
}

// Write hands off a copy, so returning early keeps nothing of p.
func (w *CopyingWriter) Write(p []byte) (int, error) {
	q := bytes.Clone(p)
	done := make(chan int, 1)
	go func() { done <- w.Dst.consume(q) }()
	select {
	case <-done:
		return len(p), nil
	case <-time.After(w.Timeout):
		return 0, ErrTimeout
	}
}
