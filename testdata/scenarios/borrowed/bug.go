// Package borrowed: a writer with a deadline hands the caller's slice to a
// goroutine and returns on the timer's branch while that goroutine still
// reads it; the caller then fills the same slice with its next record.
package borrowed

import (
	"errors"
	"time"
)

// ErrTimeout is what a write that gave up returns.
var ErrTimeout = errors.New("borrowed: write timed out")

// Sink is a slow destination: it reads every byte it is given.
type Sink struct{}

func (s *Sink) consume(p []byte) int {
	n := 0
	for _, c := range p {
		n += int(c)
	}
	return n
}

// DeadlineWriter gives up on a write after its timeout.
type DeadlineWriter struct {
	Dst     *Sink
	Timeout time.Duration
}

// Write returns on the timer's branch while the goroutine still reads p.
func (w *DeadlineWriter) Write(p []byte) (int, error) {
	done := make(chan int, 1)
	go func() { done <- w.Dst.consume(p) }()
	select {
	case <-done:
		return len(p), nil
	case <-time.After(w.Timeout):
		return 0, ErrTimeout // want `unpinned: Write returns while p, handed off at line \d+, may still be in use; an io.Writer must not keep p`
	}
}
