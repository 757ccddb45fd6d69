// Package fieldfuncs: a message keeps a release function in a field, set
// where the message is made to a closure that gives the message's buffer
// back to its pool; Close calls it.
package fieldfuncs

import (
	"bytes"
	"io"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Message holds a pooled buffer until Close.
type Message struct {
	buf     *bytes.Buffer
	release func()
}

func read(r io.Reader) (*Message, error) {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	if _, err := b.ReadFrom(r); err != nil {
		pool.Put(b)
		return nil, err
	}
	return &Message{buf: b, release: func() { pool.Put(b) }}, nil
}

// Read reads a message.
func Read(r io.Reader) (*Message, error) { return read(r) }

// Bytes returns the body: a slice of the pooled buffer.
func (m *Message) Bytes() []byte { return m.buf.Bytes() }

// Close gives the buffer back through the release field, and leaves it
// there for a second Close.
func (m *Message) Close() { m.release() } // want `unpinned: \(\*Message\)\.Close gives m\.buf back to its pool and leaves it in place: a second Close puts it back again`

// body keeps the bytes past Close.
func body(r io.Reader) ([]byte, error) {
	m, err := read(r)
	if err != nil {
		return nil, err
	}
	data := m.Bytes()
	m.Close()
	return data, nil // want `unpinned: data, from \(\*Message\)\.Bytes\(\), is returned after the call to \(\*Message\)\.Close at line \d+ \(it reuses m\.buf\)`
}

// bodyDeferred returns the bytes with the Close deferred.
func bodyDeferred(r io.Reader) ([]byte, error) {
	m, err := read(r)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	return m.Bytes(), nil // want `unpinned: the slice from \(\*Message\)\.Bytes\(\) is returned after the call to \(\*Message\)\.Close`
}

// direct calls the field itself.
func direct(w io.Writer, m *Message) {
	data := m.Bytes()
	m.release()
	w.Write(data) // want `unpinned: data, from \(\*Message\)\.Bytes\(\), is used after the call to m\.release at line \d+ \(it reuses m\.buf\)`
}

// Frame captures the frame itself in its closure.
type Frame struct {
	data *bytes.Buffer
	done func()
}

var frames = sync.Pool{New: func() any { return new(Frame) }}

func newFrame() *Frame {
	f := frames.Get().(*Frame)
	f.done = func() {
		f.data.Reset()
		frames.Put(f)
	}
	return f
}

func frameBytes(w io.Writer) {
	f := newFrame()
	p := f.data.Bytes()
	f.done()
	w.Write(p) // want `unpinned: p, from f\.data\.Bytes\(\), is used after the call to f\.done at line \d+ \(it reuses f\.data\)`
}

// maybeRelease releases the message on one branch and uses the bytes
// after the join.
func maybeRelease(w io.Writer, m *Message, last bool) {
	data := m.Bytes()
	if last {
		m.Close()
	}
	w.Write(data) // want `unpinned: data, from \(\*Message\)\.Bytes\(\), is used after the call to \(\*Message\)\.Close at line \d+`
}

// The correct twins.

// each writes every message before releasing it.
func each(w io.Writer, ms []*Message) {
	for _, m := range ms {
		data := m.Bytes()
		w.Write(data)
		m.Close()
	}
}

func bodyCopy(r io.Reader) ([]byte, error) {
	m, err := read(r)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	return bytes.Clone(m.Bytes()), nil
}

func directBefore(w io.Writer, m *Message) {
	w.Write(m.Bytes())
	m.release()
}

// Logged has two functions stored in its hook: which one runs is not
// known, and neither reuses anything.
type Logged struct {
	buf  bytes.Buffer
	hook func(string)
}

func newLogged(quiet bool) *Logged {
	l := &Logged{}
	if quiet {
		l.hook = func(string) {}
	} else {
		l.hook = func(s string) { println(s) }
	}
	return l
}

func (l *Logged) report() {
	p := l.buf.Bytes()
	l.hook("done")
	println(len(p), string(p))
}
