// Package retains: aliases of buffers kept where they outlive the function
// (a field, a global, a function that keeps them) while the buffer is
// reused after.
package retains

import (
	"bufio"
	"bytes"
	"io"
	"sync"

	"retaindep"
)

type server struct {
	last []byte
	cur  *bytes.Buffer
}

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// remember keeps a slice of b in s, then resets b.
func (s *server) remember(b *bytes.Buffer) {
	s.last = b.Bytes() // want `unpinned: the slice from b.Bytes\(\) is kept in s.last, and b.Reset at line 25 may overwrite or recycle its storage while it is kept; keep a copy \(bytes.Clone\)`
	b.Reset()
}

// rememberCopy keeps a copy.
func (s *server) rememberCopy(b *bytes.Buffer) {
	s.last = bytes.Clone(b.Bytes())
	b.Reset()
}

// rememberCleared stops keeping it before the reset.
func (s *server) rememberCleared(b *bytes.Buffer, w io.Writer) {
	s.last = b.Bytes()
	w.Write(s.last)
	s.last = nil
	b.Reset()
}

// rememberLocal keeps it in a local struct only.
func rememberLocal(b *bytes.Buffer, w io.Writer) {
	var h struct{ name []byte }
	h.name = b.Bytes()
	b.Reset()
	_ = h
}

// rememberNoReuse keeps it; nothing here reuses b.
func (s *server) rememberNoReuse(b *bytes.Buffer) {
	s.last = b.Bytes()
}

// pooled keeps a pooled buffer in s while the deferred Put gives it back.
func (s *server) pooled(data string) {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.WriteString(data)
	s.cur = b // want `unpinned: b, from pool.Get\(\), is kept in s.cur, and the Put of b back into its pool at line 58 may overwrite or recycle its storage`
}

// pooledHandedBack clears the field before giving the buffer back.
func (s *server) pooledHandedBack(data string) {
	b := pool.Get().(*bytes.Buffer)
	b.WriteString(data)
	s.cur = b
	s.flush()
	s.cur = nil
	pool.Put(b)
}

func (s *server) flush() {}

var lastLine []byte

// scan keeps a line of the reader's buffer in a global; the next ReadSlice
// overwrites it.
func scan(br *bufio.Reader) error {
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		lastLine = line // want `unpinned: line, from br.ReadSlice\(\), is kept in lastLine, and br.ReadSlice at line 81 may overwrite or recycle its storage while it is kept`
	}
}

// scanCopy keeps a copy.
func scanCopy(br *bufio.Reader) error {
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return err
		}
		lastLine = append(lastLine[:0], line...)
	}
}

// writer keeps the slice setBuf gets: its fact says so.
type writer struct{ buf []byte }

func (w *writer) setBuf(p []byte) { w.buf = p }

func keepVia(w *writer, b *bytes.Buffer) {
	w.setBuf(b.Bytes()) // want `unpinned: the slice from b.Bytes\(\) is kept by \(\*writer\).setBuf, which keeps it after it returns, and b.Reset at line 107`
	b.Reset()
}

// keepLocal gives it to a writer made here, which dies with the function.
func keepLocal(b *bytes.Buffer) int {
	var w writer
	w.setBuf(b.Bytes())
	n := len(w.buf)
	b.Reset()
	return n
}

// reader is made from a slice; newReader keeps nothing beyond the object
// it returns.
type reader struct{ p []byte }

func newReader(p []byte) *reader { return &reader{p: p} }

func readAll(b *bytes.Buffer, w io.Writer) {
	r := newReader(b.Bytes())
	w.Write(r.p)
	b.Reset()
}

// Across packages: Keep's fact, Sink.Hold's and Register's annotations.
func remoteKeep(k *retaindep.Keeper, b *bytes.Buffer) {
	k.Keep(b.Bytes()) // want `unpinned: the slice from b.Bytes\(\) is kept by \(\*retaindep.Keeper\).Keep, which keeps it after it returns, and b.Reset at line 134`
	b.Reset()
}

func remoteSink(s retaindep.Sink, b *bytes.Buffer) {
	s.Look(b.Bytes())
	s.Hold(b.Bytes()) // want `unpinned: the slice from b.Bytes\(\) is kept by retaindep.Sink.Hold, which keeps it after it returns, and b.Reset at line 140`
	b.Reset()
}

func remoteRegister(b *bytes.Buffer) {
	p := b.Bytes()
	retaindep.Register("x", p) // want `unpinned: p, from b.Bytes\(\), is kept by retaindep.Register, which keeps it after it returns, and b.Reset at line 146`
	b.Reset()
}

//buflint:retains q // want `unpinned: //buflint:retains q: it names no parameter q of badAnnotation; name the parameters`
func badAnnotation(p []byte) {}

// An error that keeps the bytes it failed on.
type parseError struct{ input []byte }

func (e *parseError) Error() string { return "bad input " + string(e.input) }

// parseErr returns an error holding a slice of a pooled buffer that the
// deferred Put gives to the next caller.
func parseErr(data string) error {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.WriteString(data)
	return &parseError{input: b.Bytes()} // want `unpinned: the slice from b.Bytes\(\) is kept in the object returned, and the Put of b back into its pool at line \d+ may overwrite or recycle its storage while it is kept`
}

// parseErrCopy keeps a copy in the error.
func parseErrCopy(data string) error {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.WriteString(data)
	return &parseError{input: bytes.Clone(b.Bytes())}
}

// parseErrNoPut makes the error and lets the caller own the buffer.
func parseErrNoPut(b *bytes.Buffer) error {
	return &parseError{input: b.Bytes()}
}

type token struct {
	kind int
	text []byte
}

// next returns, by value, a token whose text is a slice of b, then b is
// reset by the deferred call.
func next(b *bytes.Buffer) token {
	defer b.Reset()
	var t token
	t.kind = 1
	t.text = b.Bytes() // want `unpinned: the slice from b.Bytes\(\) is kept in the object returned, and b.Reset at line \d+ may overwrite or recycle its storage while it is kept`
	return t
}

// nextLocal builds the token but returns only its kind.
func nextLocal(b *bytes.Buffer) int {
	defer b.Reset()
	t := token{kind: 1, text: b.Bytes()}
	return t.kind + len(t.text)
}

// index keeps a slice of each line of br in a map the caller owns; the
// next ReadSlice overwrites it.
func index(br *bufio.Reader, seen map[string][]byte) {
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return
		}
		seen[string(line)] = line // want `unpinned: line, from br.ReadSlice\(\), is kept in seen, and br.ReadSlice at line \d+ may overwrite or recycle its storage while it is kept`
	}
}

// indexCopy keeps copies.
func indexCopy(br *bufio.Reader, seen map[string][]byte) {
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return
		}
		seen[string(line)] = bytes.Clone(line)
	}
}

// indexLocal keeps slices in a map it makes and drops.
func indexLocal(br *bufio.Reader) int {
	seen := map[string][]byte{}
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return len(seen)
		}
		seen[string(line)] = line
	}
}

type parser struct {
	lastErr error
	tok     token
}

// fail keeps an error holding a slice of b in p, then resets b.
func (p *parser) fail(b *bytes.Buffer) {
	p.lastErr = &parseError{input: b.Bytes()} // want `unpinned: the slice from b.Bytes\(\) is kept in an object kept in p.lastErr, and b.Reset at line \d+ may overwrite or recycle its storage while it is kept`
	b.Reset()
}

// failCopy keeps a copy.
func (p *parser) failCopy(b *bytes.Buffer) {
	p.lastErr = &parseError{input: bytes.Clone(b.Bytes())}
	b.Reset()
}

// keepToken keeps a token, by value, whose text is a slice of b.
func (p *parser) keepToken(b *bytes.Buffer) {
	p.tok = token{kind: 1, text: b.Bytes()} // want `unpinned: the slice from b.Bytes\(\) is kept in an object kept in p.tok, and b.Reset at line \d+ may overwrite or recycle its storage while it is kept`
	b.Reset()
}
