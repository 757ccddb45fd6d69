// Package wrappers: methods that return a field holding a slice of their
// receiver's reader (Msg), and methods that refill it (Next).
package wrappers

import (
	"bufio"
	"bytes"
	"io"
	"sync"
)

// Decoder reads lines: Next stores a slice of the reader's buffer in msg,
// valid until the next Next.
type Decoder struct {
	br  *bufio.Reader
	msg []byte
	err error
}

func NewDecoder(r io.Reader) *Decoder { return &Decoder{br: bufio.NewReader(r)} }

// Next reads the next line into msg, over the previous one.
func (d *Decoder) Next() bool {
	line, err := d.br.ReadSlice('\n')
	d.msg, d.err = line, err
	return err == nil
}

// Msg returns the current line: a slice of the reader's buffer.
func (d *Decoder) Msg() []byte { return d.msg }

// Text returns a copy of the current line.
func (d *Decoder) Text() string { return string(d.msg) }

// first returns the first line after reading the second over it.
func first(d *Decoder) []byte {
	d.Next()
	m := d.Msg()
	d.Next()
	return m // want `unpinned: m, from \(\*Decoder\)\.Msg\(\), is returned after the call to \(\*Decoder\)\.Next at line \d+ \(it reuses d\.br\), which may overwrite or recycle its storage`
}

// pairs keeps every other line while reading the next.
func pairs(d *Decoder) [][2][]byte {
	var out [][2][]byte
	for d.Next() {
		a := d.Msg()
		if !d.Next() {
			break
		}
		out = append(out, [2][]byte{a, d.Msg()}) // want `unpinned: a, from \(\*Decoder\)\.Msg\(\), is used after the call to \(\*Decoder\)\.Next` `unpinned: the slice from \(\*Decoder\)\.Msg\(\) is kept in the slice returned, and the call to \(\*Decoder\)\.Next at line \d+ \(it reuses d\.br\)`
	}
	return out
}

// previous compares the current line with the one before, inside the
// decoder: the old slice is stale once the reader refills.
func (d *Decoder) previous() bool {
	old := d.msg
	d.Next()
	return bytes.Equal(old, d.msg) // want `unpinned: old, from d\.msg, is used after the call to \(\*Decoder\)\.Next at line \d+ \(it reuses d\.br\)`
}

// The correct twins.

// firstCopy copies the line before reading the next.
func firstCopy(d *Decoder) []byte {
	d.Next()
	m := bytes.Clone(d.Msg())
	d.Next()
	return m
}

// texts keeps copies.
func texts(d *Decoder) []string {
	var out []string
	for d.Next() {
		out = append(out, d.Text())
	}
	return out
}

// Buffered keeps its own copy of each line: its field holds no slice of
// the reader's buffer.
type Buffered struct {
	br   *bufio.Reader
	line []byte
}

func (b *Buffered) Next() bool {
	l, err := b.br.ReadSlice('\n')
	b.line = append(b.line[:0], l...)
	return err == nil
}

func (b *Buffered) Line() []byte { return b.line }

func firstBuffered(b *Buffered) []byte {
	b.Next()
	m := b.Line()
	b.Next()
	return m
}

// Response collects a reply in a pooled buffer behind an unexported
// field: Bytes returns a slice of it, Close gives it back to the pool.
type Response struct {
	buf *bytes.Buffer
}

var responses = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (r *Response) Write(p []byte) (int, error) {
	if r.buf == nil {
		r.buf = responses.Get().(*bytes.Buffer)
		r.buf.Reset()
	}
	return r.buf.Write(p)
}

// Bytes returns the reply so far: a slice of the pooled buffer.
func (r *Response) Bytes() []byte {
	if r.buf == nil {
		return nil
	}
	return r.buf.Bytes()
}

// Close gives the buffer back to the pool.
func (r *Response) Close() {
	if r.buf != nil {
		release(r.buf)
	}
	r.buf = nil
}

func release(b *bytes.Buffer) { responses.Put(b) }

// Len only reads the buffer.
func (r *Response) Len() int {
	if r.buf == nil {
		return 0
	}
	return r.buf.Len()
}
