package repro

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"time"
)

var (
	ErrSessionShutdown        = errors.New("session shutdown")
	ErrConnectionWriteTimeout = errors.New("connection write timeout")
)

const headerSize = 12

// sendReady is queued to the send loop: a header and an optional body.
type sendReady struct {
	Hdr  []byte
	mu   sync.Mutex // guards Body against unsafe reads
	Body []byte
	Err  chan error
}

// Session multiplexes streams over one connection.
type Session struct {
	conn         io.Writer
	writeTimeout time.Duration
	sendCh       chan *sendReady
	shutdownCh   chan struct{}
}

func NewSession(conn io.Writer, writeTimeout time.Duration) *Session {
	s := &Session{
		conn:         conn,
		writeTimeout: writeTimeout,
		sendCh:       make(chan *sendReady, 64),
		shutdownCh:   make(chan struct{}),
	}
	go s.send()
	return s
}

func (s *Session) Close() { close(s.shutdownCh) }

func (s *Session) OpenStream(id uint32) *Stream {
	return &Stream{id: id, session: s, sendHdr: make([]byte, headerSize), sendErr: make(chan error, 1)}
}

func (s *Session) waitForSendErr(hdr, body []byte, errCh chan error) error {
	timer := time.NewTimer(s.writeTimeout)
	defer timer.Stop()

	ready := &sendReady{Hdr: hdr, Body: body, Err: errCh}
	select {
	case s.sendCh <- ready:
	case <-s.shutdownCh:
		return ErrSessionShutdown
	case <-timer.C:
		return ErrConnectionWriteTimeout
	}

	bodyCopy := func() {
		if body == nil {
			return
		}
		// The caller may reuse body once we return: give the send
		// loop its own copy unless it already took one.
		ready.mu.Lock()
		defer ready.mu.Unlock()
		if ready.Body == nil {
			return
		}
		newBody := make([]byte, len(body))
		copy(newBody, body)
		ready.Body = newBody
	}

	select {
	case err := <-errCh:
		return err
	case <-s.shutdownCh:
		bodyCopy()
		return ErrSessionShutdown
	case <-timer.C:
		bodyCopy()
		return ErrConnectionWriteTimeout
	}
}

// send is the long running goroutine that writes queued frames.
func (s *Session) send() {
	var bodyBuf bytes.Buffer
	for {
		bodyBuf.Reset()
		select {
		case ready := <-s.sendCh:
			if ready.Hdr != nil {
				if _, err := s.conn.Write(ready.Hdr); err != nil {
					asyncSendErr(ready.Err, err)
					return
				}
			}
			ready.mu.Lock()
			if ready.Body != nil {
				// Copy the body so the lock is not held during the write.
				bodyBuf.Write(ready.Body)
				ready.Body = nil
			}
			ready.mu.Unlock()
			if bodyBuf.Len() > 0 {
				if _, err := s.conn.Write(bodyBuf.Bytes()); err != nil {
					asyncSendErr(ready.Err, err)
					return
				}
			}
			asyncSendErr(ready.Err, nil)
		case <-s.shutdownCh:
			return
		}
	}
}

func asyncSendErr(ch chan error, err error) {
	select {
	case ch <- err:
	default:
	}
}

// Stream is one logical stream of a Session.
type Stream struct {
	id      uint32
	session *Session
	sendHdr []byte
	sendErr chan error
}

func (s *Stream) Write(b []byte) (int, error) {
	s.sendHdr[0] = 0 // data frame
	s.sendHdr[4] = byte(s.id)
	s.sendHdr[8] = byte(len(b))
	if err := s.session.waitForSendErr(s.sendHdr, b, s.sendErr); err != nil {
		if errors.Is(err, ErrSessionShutdown) || errors.Is(err, ErrConnectionWriteTimeout) {
			// The frame is left in the send queue: do not reuse the header.
			s.sendHdr = make([]byte, headerSize)
		}
		return 0, err
	}
	return len(b), nil
}
