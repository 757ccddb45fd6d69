// Package closers: Close methods that give a buffer kept in a field back
// to its pool and leave it in the field, so that a second Close gives it
// back again (lightstep's bufferCloser, closed twice by an HTTP
// transport); and the ones that clear the field or guard the second call.
package closers

import (
	"bytes"
	"io"
	"pooldep"
	"sync"
	"sync/atomic"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuf(b *bytes.Buffer) {
	b.Reset()
	pool.Put(b)
}

// Body embeds the pooled buffer, as a request body.
type Body struct {
	*bytes.Buffer
}

func (b *Body) Close() error {
	b.Reset()
	pool.Put(b.Buffer) // want `unpinned: \(\*Body\)\.Close gives b\.Buffer back to its pool and leaves it in place: a second Close puts it back again, and two Gets then return the same object; set b\.Buffer to nil after giving it back, or guard Close against a second call \(sync\.Once, a closed flag\)`
	return nil
}

// Reply gives its buffer back through a helper.
type Reply struct {
	buf *bytes.Buffer
}

func (r *Reply) Close() {
	putBuf(r.buf) // want `unpinned: \(\*Reply\)\.Close gives r\.buf back to its pool and leaves it in place`
}

// Frame gives its buffer back on one path.
type Frame struct {
	buf    *bytes.Buffer
	pooled bool
}

func (f *Frame) Close() error {
	if f.pooled {
		pool.Put(f.buf) // want `unpinned: \(\*Frame\)\.Close gives f\.buf back to its pool and leaves it in place`
	}
	return nil
}

// Deferred gives it back in a deferred call.
type Deferred struct {
	buf *bytes.Buffer
	n   int
}

func (d *Deferred) Close() error {
	defer pool.Put(d.buf) // want `unpinned: \(\*Deferred\)\.Close gives d\.buf back to its pool and leaves it in place`
	d.n = d.buf.Len()
	return nil
}

// The correct twins.

// Cleared sets the field to nil after the Put.
type Cleared struct {
	buf *bytes.Buffer
}

func (c *Cleared) Close() error {
	if c.buf != nil {
		pool.Put(c.buf)
		c.buf = nil
	}
	return nil
}

// Taken takes the buffer out of the field first.
type Taken struct {
	buf *bytes.Buffer
}

func (t *Taken) Close() error {
	buf := t.buf
	t.buf = nil
	if buf != nil {
		putBuf(buf)
	}
	return nil
}

// Flagged closes once, with a flag.
type Flagged struct {
	mu     sync.Mutex
	closed bool
	buf    *bytes.Buffer
}

func (f *Flagged) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil
	}
	f.closed = true
	pool.Put(f.buf)
	return nil
}

// Swapped closes once, with a CompareAndSwap.
type Swapped struct {
	closed atomic.Bool
	buf    *bytes.Buffer
}

func (s *Swapped) Close() error {
	if !s.closed.CompareAndSwap(false, true) {
		return nil
	}
	pool.Put(s.buf)
	return nil
}

// Once closes once, with a sync.Once.
type Once struct {
	once sync.Once
	buf  *bytes.Buffer
}

func (o *Once) Close() error {
	o.once.Do(func() { pool.Put(o.buf) })
	return nil
}

// Zeroed clears the whole struct.
type Zeroed struct {
	buf *bytes.Buffer
	n   int
}

func (z *Zeroed) Close() {
	pool.Put(z.buf)
	*z = Zeroed{}
}

// Resetting keeps its buffer: it only resets it.
type Resetting struct {
	buf *bytes.Buffer
}

func (r *Resetting) Close() error {
	r.buf.Reset()
	return nil
}

// Imported gives its frame's buffer back through another package's
// helper, whose fact says it puts its argument.
type Imported struct {
	buf *bytes.Buffer
}

func (i *Imported) Close() {
	pooldep.Put(i.buf) // want `unpinned: \(\*Imported\)\.Close gives i\.buf back to its pool and leaves it in place`
}

// ImportedCleared clears it.
type ImportedCleared struct {
	buf *bytes.Buffer
}

func (i *ImportedCleared) Close() {
	pooldep.Put(i.buf)
	i.buf = nil
}

// Storage a field still holds, given back to a pool: nats' flush
// recycled the pending bytes of its cache while the cache kept them.

var blocks = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func getBlock() []byte { return (*blocks.Get().(*[]byte))[:0] }

func recycle(b []byte) {
	b = b[:0]
	blocks.Put(&b)
}

type cache struct {
	buf []byte
	wp  int
}

type block struct {
	cache *cache
	keep  bool
	out   [][]byte
}

func (b *block) pending() []byte { return b.cache.buf[b.cache.wp:] }

// flush copies the pending bytes out and recycles them, but the cache
// keeps its buffer when keep is set.
func (b *block) flush() {
	p := b.pending()
	dst := append(getBlock(), p...)
	b.out = append(b.out, dst)
	recycle(p) // want `unpinned: \(\*block\)\.flush gives storage that b\.cache\.buf still holds back to a pool \(p is a slice of it\): the next Get hands it to another owner while b\.cache\.buf is still in use`
	if !b.keep {
		b.cache.buf = nil
	}
}

// trim gives back a slice of its own buffer directly.
func (c *cache) trim() {
	blocks.Put(&c.buf) // want `unpinned: \(\*cache\)\.trim gives storage that c\.buf still holds back to a pool`
	c.wp = 0
}

// The correct twins.

// flushDrop recycles the buffer and gives the cache a new one on every
// path.
func (b *block) flushDrop() {
	p := b.pending()
	b.out = append(b.out, append(getBlock(), p...))
	recycle(b.cache.buf)
	b.cache.buf = getBlock()
	b.cache.wp = 0
}

// flushTo recycles only what it made itself, once written.
func (b *block) flushTo(w io.Writer) {
	dst := append(getBlock(), b.pending()...)
	w.Write(dst)
	recycle(dst)
}

// iter gives itself back to its pool on Close: its own lifecycle.
type iter struct {
	buf []byte
}

var iters = sync.Pool{New: func() any { return new(iter) }}

func (it *iter) Close() error {
	*it = iter{buf: it.buf[:0]}
	iters.Put(it)
	return nil
}

// wrappedIter delegates Close to the iterator it embeds: quiet.
type wrappedIter struct {
	*iter
	n int
}

func (w *wrappedIter) Close() error {
	return w.iter.Close()
}
