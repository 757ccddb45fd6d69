package repro

import "sync"

type streamState uint8

const (
	streamActive streamState = iota
	streamDone
)

// Stream is one RPC on a client transport.
type Stream struct {
	id uint32
	// Close headerChan to indicate the end of reception of header metadata.
	headerChan chan struct{}
	// header caches the received header metadata.
	header map[string]string

	mu sync.RWMutex // guard the following
	// true iff headerChan is closed. Used to avoid closing headerChan
	// multiple times.
	headerDone bool
	state      streamState
	// bytesSent and bytesReceived indicates whether any bytes have been sent or
	// received on this stream.
	bytesSent     bool
	bytesReceived bool
}

// BytesSent indicates whether any bytes have been sent on this stream.
func (s *Stream) BytesSent() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytesSent
}

// BytesReceived indicates whether any bytes have been received on this stream.
func (s *Stream) BytesReceived() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bytesReceived
}

type http2Client struct {
	mu            sync.Mutex
	nextID        uint32
	activeStreams map[uint32]*Stream
}

func newHTTP2Client() *http2Client {
	return &http2Client{nextID: 1, activeStreams: make(map[uint32]*Stream)}
}

// NewStream registers a new stream and sends its headers.
func (t *http2Client) NewStream() *Stream {
	s := &Stream{headerChan: make(chan struct{})}
	t.mu.Lock()
	s.id = t.nextID
	t.nextID += 2
	t.activeStreams[s.id] = s
	t.mu.Unlock()
	// (the header frame is written here)
	s.mu.Lock()
	s.bytesSent = true
	s.mu.Unlock()
	return s
}

func (t *http2Client) getStream(id uint32) (*Stream, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.activeStreams[id]
	return s, ok
}

// operateHeaders runs on the reader goroutine for each HEADERS frame.
func (t *http2Client) operateHeaders(id uint32, md map[string]string, endStream bool) {
	s, ok := t.getStream(id)
	if !ok {
		return
	}
	s.mu.Lock()
	s.bytesReceived = true
	s.mu.Unlock()

	s.mu.Lock()
	if !s.headerDone {
		if !endStream && len(md) > 0 {
			s.header = md
		}
		close(s.headerChan)
		s.headerDone = true
	}
	if endStream {
		s.state = streamDone
	}
	s.mu.Unlock()
}
