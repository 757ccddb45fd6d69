// Package lending: Write methods that hand their slice to a helper of the
// package, which queues it to a writer goroutine and may return on a
// timeout while the goroutine still holds it (yamux's waitForSendErr).
package lending

import (
	"bytes"
	"errors"
	"time"
)

var errTimeout = errors.New("timeout")

type frame struct {
	hdr  []byte
	body []byte
	done chan error
}

type session struct {
	queue   chan frame
	timeout time.Duration
}

// send queues the frame and waits for the writer, or gives up when the
// timer fires first: the frame may still be queued then.
func (s *session) send(hdr, body []byte, done chan error) error {
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

// sendWait queues the frame and always waits for the writer.
func (s *session) sendWait(hdr, body []byte, done chan error) error {
	s.queue <- frame{hdr: hdr, body: body, done: done}
	return <-done
}

type stream struct {
	s    *session
	hdr  []byte
	done chan error
}

// Write lends the caller's slice on through send.
func (w *stream) Write(p []byte) (int, error) {
	if err := w.s.send(w.hdr, p, w.done); err != nil {
		return 0, err // want `unpinned: Write returns while p, handed off at line \d+, may still be in use; an io\.Writer must not keep p after it returns`
	}
	return len(p), nil
}

type waitStream struct{ stream }

// Write waits for the writer in sendWait: quiet.
func (w *waitStream) Write(p []byte) (int, error) {
	if err := w.s.sendWait(w.hdr, p, w.done); err != nil {
		return 0, err
	}
	return len(p), nil
}

type copyStream struct{ stream }

// Write lends a copy: quiet.
func (w *copyStream) Write(p []byte) (int, error) {
	if err := w.s.send(w.hdr, bytes.Clone(p), w.done); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush is no io method: its fact says it keeps body, and callers that
// reuse the slice after it are checked by unpinned/retained.
func flush(s *session, body []byte, done chan error) error {
	return s.send(nil, body, done)
}
