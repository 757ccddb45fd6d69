// Package ordinary: aliases of the standard library's buffers that outlive
// what keeps them valid.
package ordinary

import (
	"bufio"
	"bytes"
	"io"
	"sync"
)

// Log's buffer is guarded by mu (declared below it).
type Log struct {
	mu  sync.Mutex
	buf bytes.Buffer
	raw []byte
}

func (l *Log) Write(p []byte) {
	l.mu.Lock()
	l.buf.Write(p)
	l.raw = append(l.raw, p...)
	l.mu.Unlock()
}

// Snapshot returns a slice of the buffer past the deferred Unlock: the
// caller gets storage the next Write overwrites.
func (l *Log) Snapshot() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Bytes() // want `unpinned: the slice from l.buf.Bytes\(\) is returned after l.mu was released at line 30`
}

// SnapshotFixed returns a copy.
func (l *Log) SnapshotFixed() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.buf.Bytes())
}

// Raw takes the slice field under the lock and uses it after.
func (l *Log) Raw(w io.Writer) {
	l.mu.Lock()
	p := l.raw
	l.mu.Unlock()
	w.Write(p) // want `unpinned: p, from l.raw, is used after l.mu was released at line 45`
}

// RawTaken swaps the slice out under the lock: the old one is the
// caller's to use.
func (l *Log) RawTaken(w io.Writer) {
	l.mu.Lock()
	p := l.raw
	l.raw = nil
	l.mu.Unlock()
	w.Write(p)
}

// RawLen reads only the length after unlocking.
func (l *Log) RawLen() int {
	l.mu.Lock()
	p := l.raw
	l.mu.Unlock()
	return len(p)
}

// Reset after Bytes: the slice sees other data.
func afterReset(b *bytes.Buffer, w io.Writer) {
	p := b.Bytes()
	b.Reset()
	b.WriteString("next")
	w.Write(p) // want `unpinned: p, from b.Bytes\(\), is used after b.Reset at line 70, which may overwrite or recycle its storage`
}

// Copied before the reset: fine.
func copiedBeforeReset(b *bytes.Buffer, w io.Writer) {
	p := append([]byte(nil), b.Bytes()...)
	s := string(b.Bytes())
	b.Reset()
	w.Write(p)
	_ = s
}

// Next's slice is valid until the next read or write.
func nextThenWrite(b *bytes.Buffer) byte {
	head := b.Next(4)
	b.WriteByte('x')
	return head[0] // want `unpinned: head, from b.Next\(\), is used after b.WriteByte at line 87`
}

// Peek's slice dies at the next read.
func peekThenRead(r *bufio.Reader) byte {
	p, _ := r.Peek(2)
	r.ReadByte()
	return p[0] // want `unpinned: p, from r.Peek\(\), is used after r.ReadByte at line 94`
}

// Scanner.Bytes is overwritten by the next Scan.
func lastLine(s *bufio.Scanner) []byte {
	var last []byte
	for s.Scan() {
		last = s.Bytes()
	}
	return last // want `unpinned: last, from s.Bytes\(\), is returned after s.Scan`
}

func lastLineFixed(s *bufio.Scanner) []byte {
	var last []byte
	for s.Scan() {
		last = append(last[:0], s.Bytes()...)
	}
	return last
}

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render returns a slice of a pooled buffer it puts back on return.
func Render(s string) []byte {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.WriteString(s)
	return b.Bytes() // want `unpinned: the slice from b.Bytes\(\) is returned after the Put of b back into its pool`
}

// RenderFixed returns a copy.
func RenderFixed(s string) []byte {
	b := pool.Get().(*bytes.Buffer)
	defer pool.Put(b)
	b.Reset()
	b.WriteString(s)
	return bytes.Clone(b.Bytes())
}

// UseAfterPut writes into a buffer that another goroutine may have taken.
func UseAfterPut(s string) int {
	b := pool.Get().(*bytes.Buffer)
	n := b.Len()
	pool.Put(b)
	b.WriteString(s) // want `unpinned: b, from pool.Get\(\), is used after the Put of b back into its pool`
	return n
}

// A flag skips the Put on the path that hands the buffer off.
func handOff(ch chan *bytes.Buffer, send bool) {
	b := pool.Get().(*bytes.Buffer)
	handed := false
	defer func() {
		if !handed {
			pool.Put(b)
		}
	}()
	if send {
		ch <- b
		handed = true
	}
}

// An append keeps the bytes an earlier slice sees (Grow's guarantee is
// what the bytes package's own example relies on).
func appendKeeps(b *bytes.Buffer) byte {
	b.Grow(64)
	p := b.Bytes()
	b.WriteString("more")
	return p[:b.Len()][0]
}

// After a read, an append may slide the unread bytes over them.
func appendAfterRead(b *bytes.Buffer) byte {
	p := b.Bytes()
	b.ReadByte()
	b.WriteString("more")
	return p[0] // want `unpinned: p, from b.Bytes\(\), is used after b.WriteString`
}

// A variable assigned on two paths: the alias is dead on the path where
// the variable holds a copy instead.
func readLine(r *bufio.Reader, raw []byte) ([]byte, []byte) {
	line, err := r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		raw = append(raw[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = r.ReadSlice('\n')
			raw = append(raw, line...)
		}
		line = raw
	}
	return []byte{line[0]}, raw
}
