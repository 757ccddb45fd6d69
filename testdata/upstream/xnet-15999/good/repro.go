package repro

import (
	"bytes"
	"errors"
	"io"
	"sync"
)

// pipe is a goroutine-safe reader/writer pair over a buffer.
type pipe struct {
	mu  sync.Mutex
	c   sync.Cond // c.L lazily set to &p.mu
	b   pipeBuffer
	err error // read error once empty; non-nil means closed
}

type pipeBuffer interface {
	Len() int
	io.Writer
	io.Reader
}

func (p *pipe) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.b.Len()
}

// Read waits until data is available and copies it into d.
func (p *pipe) Read(d []byte) (n int, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c.L == nil {
		p.c.L = &p.mu
	}
	for {
		if p.b.Len() > 0 {
			return p.b.Read(d)
		}
		if p.err != nil {
			return 0, p.err
		}
		p.c.Wait()
	}
}

var errClosedPipeWrite = errors.New("write on closed buffer")

// Write copies d into the buffer and wakes a reader.
func (p *pipe) Write(d []byte) (n int, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c.L == nil {
		p.c.L = &p.mu
	}
	defer p.c.Signal()
	if p.err != nil {
		return 0, errClosedPipeWrite
	}
	return p.b.Write(d)
}

// CloseWithError makes Read return err once the buffer is drained.
func (p *pipe) CloseWithError(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c.L == nil {
		p.c.L = &p.mu
	}
	defer p.c.Signal()
	if p.err == nil {
		p.err = err
	}
}

type flow struct{ n int32 }

func (f *flow) available() int32 { return f.n }
func (f *flow) add(n int32)      { f.n += n }
func (f *flow) take(n int32)     { f.n -= n }

const (
	streamFlow       = 64 << 10
	streamMinRefresh = 4 << 10
)

type ClientConn struct {
	mu      sync.Mutex // guards following
	updates int        // window updates we would have sent
}

type clientStream struct {
	cc      *ClientConn
	bufPipe pipe // buffered pipe with the flow-controlled response payload
	inflow  flow // guarded by cc.mu
}

func newClientStream() *clientStream {
	cs := &clientStream{cc: &ClientConn{}}
	cs.bufPipe = pipe{b: new(bytes.Buffer)}
	cs.inflow.add(streamFlow)
	return cs
}

// processData is what the connection's read loop does with a DATA frame.
func (cs *clientStream) processData(data []byte) error {
	cc := cs.cc
	cc.mu.Lock()
	cs.inflow.take(int32(len(data)))
	cc.mu.Unlock()
	_, err := cs.bufPipe.Write(data)
	return err
}

type transportResponseBody struct {
	cs *clientStream
}

func (b transportResponseBody) Read(p []byte) (n int, err error) {
	cs := b.cs
	cc := cs.cc
	n, err = cs.bufPipe.Read(p)
	if n == 0 {
		return
	}
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if err == nil {
		// Count buffered but unread body data when refreshing the
		// stream's flow control window.
		v := int(cs.inflow.available()) + cs.bufPipe.Len()
		if v < streamFlow-streamMinRefresh {
			cs.inflow.add(int32(streamFlow - v))
			cc.updates++
		}
	}
	return
}
