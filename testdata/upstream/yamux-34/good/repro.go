package repro

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

type streamState int

const (
	streamEstablished streamState = iota
	streamLocalClose
	streamRemoteClose
	streamClosed
	streamReset
)

const (
	flagFIN uint16 = 1 << 2
	flagRST uint16 = 1 << 3

	initialStreamWindow = 256 * 1024
)

var (
	ErrConnectionReset    = errors.New("connection reset")
	ErrTimeout            = errors.New("i/o deadline reached")
	ErrRecvWindowExceeded = errors.New("recv window exceeded")
)

// Stream is a logical stream within a session.
type Stream struct {
	recvWindow uint32

	id uint32

	state     streamState
	stateLock sync.Mutex

	recvBuf  *bytes.Buffer
	recvLock sync.Mutex

	recvNotifyCh chan struct{}

	readDeadline time.Time
}

func newStream(id uint32) *Stream {
	return &Stream{
		id:           id,
		recvWindow:   initialStreamWindow,
		recvNotifyCh: make(chan struct{}, 1),
	}
}

func asyncNotify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// Read is used to read from the stream.
func (s *Stream) Read(b []byte) (n int, err error) {
	defer asyncNotify(s.recvNotifyCh)
START:
	s.stateLock.Lock()
	switch s.state {
	case streamLocalClose:
		fallthrough
	case streamRemoteClose:
		fallthrough
	case streamClosed:
		s.recvLock.Lock()
		if s.recvBuf == nil || s.recvBuf.Len() == 0 {
			s.recvLock.Unlock()
			s.stateLock.Unlock()
			return 0, io.EOF
		}
		s.recvLock.Unlock()
	case streamReset:
		s.stateLock.Unlock()
		return 0, ErrConnectionReset
	}
	s.stateLock.Unlock()

	// If there is no data available, block
	s.recvLock.Lock()
	if s.recvBuf == nil || s.recvBuf.Len() == 0 {
		s.recvLock.Unlock()
		goto WAIT
	}

	// Read any bytes
	n, _ = s.recvBuf.Read(b)
	s.recvLock.Unlock()

	// Give the window back to the sender.
	atomic.AddUint32(&s.recvWindow, uint32(n))
	return n, nil

WAIT:
	var timeout <-chan time.Time
	if !s.readDeadline.IsZero() {
		timeout = time.After(time.Until(s.readDeadline))
	}
	select {
	case <-s.recvNotifyCh:
		goto START
	case <-timeout:
		return 0, ErrTimeout
	}
}

// Close half-closes the stream: we send no more, but may still receive.
func (s *Stream) Close() error {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	switch s.state {
	case streamEstablished:
		s.state = streamLocalClose
	case streamRemoteClose:
		s.state = streamClosed
	}
	return nil
}

// processFlags updates the state for the flags of a received frame.
func (s *Stream) processFlags(flags uint16) {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	if flags&flagFIN == flagFIN {
		switch s.state {
		case streamEstablished:
			s.state = streamRemoteClose
		case streamLocalClose:
			s.state = streamClosed
		}
		asyncNotify(s.recvNotifyCh)
	}
	if flags&flagRST == flagRST {
		s.state = streamReset
		asyncNotify(s.recvNotifyCh)
	}
}

// readData handles a data frame of length bytes read from conn.
func (s *Stream) readData(length uint32, flags uint16, conn io.Reader) error {
	s.processFlags(flags)

	if length == 0 {
		return nil
	}
	if remain := atomic.LoadUint32(&s.recvWindow); length > remain {
		return ErrRecvWindowExceeded
	}

	conn = &io.LimitedReader{R: conn, N: int64(length)}

	// Copy into buffer
	s.recvLock.Lock()
	if s.recvBuf == nil {
		// Allocate just in time to fit the whole frame.
		s.recvBuf = bytes.NewBuffer(make([]byte, 0, length))
	}
	if _, err := io.Copy(s.recvBuf, conn); err != nil {
		s.recvLock.Unlock()
		return err
	}
	atomic.AddUint32(&s.recvWindow, ^uint32(length-1))
	s.recvLock.Unlock()

	// Unblock any readers
	asyncNotify(s.recvNotifyCh)
	return nil
}

// Shrink drops an empty receive buffer to save idle memory.
func (s *Stream) Shrink() {
	s.recvLock.Lock()
	if s.recvBuf != nil && s.recvBuf.Len() == 0 {
		s.recvBuf = nil
	}
	s.recvLock.Unlock()
}
