// Package helpers: aliases of buffers that a called function reuses or
// gives back to a pool (putBuf(b), a Close that returns the buffer, a
// closure), in this package and through other packages' facts.
package helpers

import (
	"bufio"
	"bytes"
	"io"
	"sync"

	"pooldep"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuf() *bytes.Buffer { return pool.Get().(*bytes.Buffer) }

// putBuf is the usual helper: reset, and back into the pool.
func putBuf(b *bytes.Buffer) {
	b.Reset()
	pool.Put(b)
}

// freeBuf reaches the pool through putBuf.
func freeBuf(b *bytes.Buffer) { putBuf(b) }

// size only reads.
func size(b *bytes.Buffer) int { return b.Len() }

func render(w io.Writer, s string) {
	b := getBuf()
	b.WriteString(s)
	p := b.Bytes()
	putBuf(b)
	w.Write(p) // want `unpinned: p, from b.Bytes\(\), is used after the call to putBuf at line 35 \(it reuses b\), which may overwrite or recycle its storage`
}

func renderTransitive(w io.Writer, s string) {
	b := getBuf()
	b.WriteString(s)
	p := b.Bytes()
	freeBuf(b)
	w.Write(p) // want `unpinned: p, from b.Bytes\(\), is used after the call to freeBuf at line 43 \(it reuses b\)`
}

// renderDeferred returns storage that the deferred putBuf recycles.
func renderDeferred(s string) []byte {
	b := getBuf()
	defer putBuf(b)
	b.WriteString(s)
	return b.Bytes() // want `unpinned: the slice from b.Bytes\(\) is returned after the call to putBuf at line 50 \(it reuses b\)`
}

// renderDeferredFixed copies before the deferred call runs.
func renderDeferredFixed(s string) []byte {
	b := getBuf()
	defer putBuf(b)
	b.WriteString(s)
	return bytes.Clone(b.Bytes())
}

// renderCopied copies, then gives the buffer back.
func renderCopied(w io.Writer, s string) {
	b := getBuf()
	b.WriteString(s)
	out := bytes.Clone(b.Bytes())
	putBuf(b)
	w.Write(out)
}

// renderRead calls a helper that only reads the buffer.
func renderRead(w io.Writer, s string) int {
	b := getBuf()
	defer putBuf(b)
	b.WriteString(s)
	p := b.Bytes()
	n := size(b)
	w.Write(p)
	return n
}

// renderLen reads only the slice's length after the Put.
func renderLen(s string) int {
	b := getBuf()
	b.WriteString(s)
	p := b.Bytes()
	putBuf(b)
	return len(p)
}

// renderClosure gives the buffer back through a closure.
func renderClosure(w io.Writer, s string) {
	b := getBuf()
	release := func() { pool.Put(b) }
	b.WriteString(s)
	p := b.Bytes()
	release()
	w.Write(p) // want `unpinned: p, from b.Bytes\(\), is used after the call at line 98 to the function literal at line 95 \(it reuses b\)`
}

// conn owns a pooled buffer until release.
type conn struct {
	out *bytes.Buffer
}

func (c *conn) release() {
	pool.Put(c.out)
	c.out = nil
}

func (c *conn) flush(w io.Writer) {
	p := c.out.Bytes()
	c.release()
	w.Write(p) // want `unpinned: p, from c.out.Bytes\(\), is used after the call to \(\*conn\).release at line 114 \(it reuses c.out\)`
}

func (c *conn) flushFixed(w io.Writer) {
	w.Write(c.out.Bytes())
	c.release()
}

// Across packages: the facts of pooldep.Put and (*pooldep.Frame).Close say
// that they give the buffer back; pooldep.Len's says nothing.
func remote(w io.Writer, s string) {
	b := pooldep.Get()
	b.WriteString(s)
	p := b.Bytes()
	pooldep.Put(b)
	w.Write(p) // want `unpinned: p, from b.Bytes\(\), is used after the call to pooldep.Put at line 129 \(it reuses b\)`
}

func remoteRead(w io.Writer, s string) {
	b := pooldep.Get()
	defer pooldep.Put(b)
	b.WriteString(s)
	p := b.Bytes()
	_ = pooldep.Len(b)
	w.Write(p)
}

func remoteFrame(w io.Writer, f *pooldep.Frame) {
	p := f.Buf.Bytes()
	f.Close()
	w.Write(p) // want `unpinned: p, from f.Buf.Bytes\(\), is used after the call to \(\*pooldep.Frame\).Close at line 144 \(it reuses f.Buf\)`
}

// fill reads into the caller's buffer.
func fill(r io.Reader, buf []byte) (int, error) { return io.ReadFull(r, buf) }

// pump hands a slice of its scratch buffer to a goroutine, then fills the
// buffer again through fill while the goroutine may still read it.
func pump(r io.Reader, out chan<- []byte) {
	buf := make([]byte, 512)
	for {
		n, err := fill(r, buf) // want `unpinned: fill reuses buf \(it calls io.ReadFull\) while the slice of it handed off at line 160 may still be in use`
		if err != nil {
			return
		}
		out <- buf[:n]
	}
}

// pumpFixed gives each hand-off its own buffer.
func pumpFixed(r io.Reader, out chan<- []byte) {
	for {
		buf := make([]byte, 512)
		n, err := fill(r, buf)
		if err != nil {
			return
		}
		out <- buf[:n]
	}
}

// nextLine returns a slice of r's buffer: its fact says so, and that it
// reads from r.
func nextLine(r *bufio.Reader) []byte {
	p, _ := r.ReadSlice('\n')
	return p
}

func twoPeeks(r *bufio.Reader, w io.Writer) {
	a := nextLine(r)
	b := nextLine(r)
	w.Write(a) // want `unpinned: a, from nextLine\(\), is used after the call to nextLine at line 185 \(it reuses r\)`
	w.Write(b)
}

func onePeek(r *bufio.Reader, w io.Writer) {
	a := nextLine(r)
	w.Write(a)
	r.Discard(len(a))
}

func remoteData(w io.Writer, f *pooldep.Frame) {
	p := f.Data()
	f.Close()
	w.Write(p) // want `unpinned: p, from \(\*pooldep.Frame\).Data\(\), is used after the call to \(\*pooldep.Frame\).Close at line 198 \(it reuses f.Buf\)`
}
