// Package queuedframe: a stream's Write queues a frame that holds the
// caller's bytes to the session's writer goroutine, and gives up when its
// timer fires first, leaving the frame queued (yamux's waitForSendErr).
// The caller fills its buffer for the next write while the writer still
// reads the old frame.
package queuedframe

import (
	"errors"
	"time"
)

var errTimeout = errors.New("write timeout")

type frame struct {
	hdr  []byte
	body []byte
	done chan error
}

// Session writes queued frames from one goroutine.
type Session struct {
	queue   chan frame
	timeout time.Duration
	sum     int
}

// NewSession starts the writer goroutine.
func NewSession(timeout time.Duration) *Session {
	s := &Session{queue: make(chan frame, 8), timeout: timeout}
	go s.loop()
	return s
}

// Close stops the writer goroutine.
func (s *Session) Close() { close(s.queue) }

// loop "writes" each frame: it reads every byte, slowly.
func (s *Session) loop() {
	for f := range s.queue {
		for _, b := range f.body {
			s.sum += int(b)
		}
		time.Sleep(50 * time.Microsecond)
		select {
		case f.done <- nil:
		default:
		}
	}
}

// send queues the frame and waits for the writer, or for the timer.
func (s *Session) send(hdr, body []byte, done chan error) error {
	t := time.NewTimer(s.timeout)
	defer t.Stop()
	select {
	case s.queue <- frame{hdr: hdr, body: body, done: done}:
	case <-t.C:
		return errTimeout
	}
	select {
	case err := <-done:
		return err
	case <-t.C:
		return errTimeout
	}
}

// BugStream hands the caller's slice itself to send.
type BugStream struct {
	S    *Session
	Hdr  []byte
	Done chan error
}

// Write returns on a timeout while the frame holding p is still queued.
func (w *BugStream) Write(p []byte) (int, error) {
	if err := w.S.send(w.Hdr, p, w.Done); err != nil {
		return 0, err // want "unpinned: Write returns while p, handed off at line \\d+, may still be in use"
	}
	return len(p), nil
}
