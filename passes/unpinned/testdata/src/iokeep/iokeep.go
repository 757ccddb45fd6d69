// Package iokeep: Read and Write methods that keep the slice they are
// given after they return, which the io contract forbids: stored in a
// field, queued in a ring through a helper, or split into chunks that an
// association keeps until they are acknowledged.
package iokeep

import (
	"bytes"
	"sync"
)

// Recorder keeps every write.
type Recorder struct {
	writes [][]byte
	last   []byte
}

func (r *Recorder) Write(p []byte) (int, error) {
	r.writes = append(r.writes, p) // want `unpinned: \(\*Recorder\)\.Write keeps p after it returns \(stored here\); an io\.Writer must not keep p \(its caller reuses it\): keep a copy \(bytes\.Clone\)`
	return len(p), nil
}

// Peeker keeps a slice of what it read into.
type Peeker struct {
	src  []byte
	seen []byte
}

func (pk *Peeker) Read(p []byte) (int, error) {
	n := copy(p, pk.src)
	pk.src = pk.src[n:]
	if n > 0 {
		pk.seen = p[:n] // want `unpinned: \(\*Peeker\)\.Read keeps p after it returns \(stored here\); an io\.Reader must not keep p`
	}
	return n, nil
}

// Ring is a queue a consumer goroutine pops from.
type Ring struct {
	mu     sync.Mutex
	values []any
	next   int
}

func (r *Ring) Push(v any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.values[r.next%len(r.values)] = v
	r.next++
}

type backend struct {
	ring *Ring
}

// FanOut pushes each write to every backend's ring.
type FanOut struct {
	backends []backend
}

func (f *FanOut) Write(data []byte) (int, error) {
	for _, b := range f.backends {
		b.ring.Push(data) // want `unpinned: \(\*FanOut\)\.Write keeps data after it returns \(\(\*Ring\)\.Push keeps it\); an io\.Writer must not keep data`
	}
	return len(data), nil
}

// chunk is a fragment of a write, kept until the peer acknowledges it.
type chunk struct {
	seq  int
	data []byte
}

type association struct {
	mu       sync.Mutex
	inflight []*chunk
}

func (a *association) queue(chunks []*chunk) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range chunks {
		a.inflight = append(a.inflight, c)
	}
}

// Stream splits writes into chunks of the caller's slice.
type Stream struct {
	a *association
}

func split(p []byte, size int) []*chunk {
	var out []*chunk
	for i := 0; i < len(p); i += size {
		out = append(out, &chunk{seq: i, data: p[i:min(i+size, len(p))]})
	}
	return out
}

func (s *Stream) Write(p []byte) (int, error) {
	chunks := split(p, 4)
	s.a.queue(chunks) // want `unpinned: \(\*Stream\)\.Write keeps p after it returns \(\(\*association\)\.queue keeps it\)`
	return len(p), nil
}

// The correct twins.

// Collector copies what it is given.
type Collector struct {
	buf    bytes.Buffer
	all    []byte
	writes [][]byte
	n      int
}

func (c *Collector) Write(p []byte) (int, error) {
	c.buf.Write(p)
	c.all = append(c.all, p...)
	c.writes = append(c.writes, bytes.Clone(p))
	c.n += len(p)
	return len(p), nil
}

// CopyFanOut pushes a copy.
type CopyFanOut struct {
	backends []backend
}

func (f *CopyFanOut) Write(data []byte) (int, error) {
	cp := bytes.Clone(data)
	for _, b := range f.backends {
		b.ring.Push(cp)
	}
	return len(data), nil
}

// CopyStream splits a copy of each write.
type CopyStream struct {
	a *association
}

func (s *CopyStream) Write(p []byte) (int, error) {
	s.a.queue(split(append([]byte(nil), p...), 4))
	return len(p), nil
}

// Counter only reads p, and keeps its own state.
type Counter struct {
	lines int
	tail  byte
}

func (c *Counter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte{'\n'})
	if len(p) > 0 {
		c.tail = p[len(p)-1]
	}
	return len(p), nil
}

// Parser works through each write in a cursor field, set again by the
// next Write; what it has not consumed it copies.
type Parser struct {
	buf  []byte
	save []byte
	n    int
}

func (d *Parser) Write(p []byte) (int, error) {
	d.buf = p
	for len(d.buf) > 0 {
		if d.buf[0] == '\n' {
			d.n++
		}
		d.buf = d.buf[1:]
	}
	d.save = append(d.save[:0], d.buf...)
	return len(p), nil
}
