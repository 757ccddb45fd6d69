package buffer

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// ErrExported is returned by [Buffer.Resize] while views of the buffer are
// held. It is the Go twin of CPython's BufferError for a resize of an
// exported bytearray.
var ErrExported = errors.New("buffer: cannot resize while views are exported")

// ErrSize is wrapped by the error [Buffer.Resize] returns for a size that is
// negative or larger than [MaxSize].
var ErrSize = errors.New("buffer: invalid size")

// MaxSize is the largest size a Buffer may have: 1 TiB on 64-bit platforms,
// 1 GiB on 32-bit ones. Larger sizes are refused with an error rather than
// attempted.
const MaxSize = 1 << min(strconv.IntSize-2, 40)

// Buffer is a byte buffer guarded by its own lock. The zero value is an empty
// buffer, unlocked and ready to use. A Buffer must not be copied after first
// use.
type Buffer struct {
	ck      bufferCheck // zero-sized unless built with -tags bufcheck
	mu      sync.Mutex
	data    []byte
	exports atomic.Int64
}

// New returns an unlocked buffer of size zero bytes. It panics if size is
// negative or larger than [MaxSize].
func New(size int) *Buffer {
	if err := checkSize("New", size); err != nil {
		panic(err.Error())
	}
	return &Buffer{data: make([]byte, size)}
}

func checkSize(method string, n int) error {
	switch {
	case n < 0:
		return fmt.Errorf("%w: %s(%d): size is negative", ErrSize, method, n)
	case n > MaxSize:
		return fmt.Errorf("%w: %s(%d): size exceeds MaxSize (%d)", ErrSize, method, n, MaxSize)
	}
	return nil
}

// Lock acquires the buffer's lock.
func (b *Buffer) Lock() {
	b.mu.Lock()
	b.ck.acquired()
}

// TryLock tries to acquire the buffer's lock and reports whether it did.
func (b *Buffer) TryLock() bool {
	if !b.mu.TryLock() {
		return false
	}
	b.ck.acquired()
	return true
}

// Unlock releases the buffer's lock.
func (b *Buffer) Unlock() {
	b.ck.releasing()
	b.mu.Unlock()
}

// Len returns the buffer's length. The caller must hold the lock.
func (b *Buffer) Len() int {
	b.ck.requireLock("Buffer.Len")
	return len(b.data)
}

// Bytes returns the buffer's contents. The caller must hold the lock, and the
// slice is an unpinned alias: it is valid only until the lock is released.
// To use the contents without the lock, take a [View] instead. The slice's
// capacity is its length, so appending to it never writes into the buffer.
func (b *Buffer) Bytes() []byte {
	b.ck.requireLock("Buffer.Bytes")
	return b.data[:len(b.data):len(b.data)]
}

// View exports the buffer's contents: it increments the export counter, which
// pins the contents until the view is released. The caller must hold the
// lock; the view may then be used, and released, without it.
func (b *Buffer) View() *View {
	b.ck.requireLock("Buffer.View")
	b.exports.Add(1)
	v := &View{buf: b, data: b.data[:len(b.data):len(b.data)]}
	v.ck.exported(v)
	return v
}

// Resize sets the buffer's length to n, growing it with zero bytes or
// truncating it. The caller must hold the lock. While any view is held it
// returns [ErrExported] and leaves the contents untouched; for n < 0 or
// n > [MaxSize] it returns an error wrapping [ErrSize].
func (b *Buffer) Resize(n int) error {
	b.ck.requireLock("Buffer.Resize")
	if err := checkSize("Resize", n); err != nil {
		return err
	}
	if b.exports.Load() > 0 {
		return ErrExported
	}
	old := b.data
	switch {
	case n <= len(old):
		abandon(old[n:])
		b.data = old[:n]
	case n <= cap(old):
		b.data = old[:n]
		clear(b.data[len(old):])
	default:
		b.data = append(old[:len(old):len(old)], make([]byte, n-len(old))...)
		abandon(old[:cap(old)])
	}
	return nil
}

// Exports returns the number of views currently held. It is lock-free.
func (b *Buffer) Exports() int {
	return int(b.exports.Load())
}

// View is an export of a [Buffer]'s contents, taken with [Buffer.View].
// While it is held the buffer cannot be resized, so the slice returned by
// [View.Bytes] stays valid without the lock until [View.Release].
type View struct {
	ck       viewCheck // zero-sized unless built with -tags bufcheck
	buf      *Buffer
	data     []byte
	released atomic.Bool
}

// Bytes returns the contents the view pins. Like every data accessor it must
// be called with the buffer's lock held, but the returned slice may be used
// without the lock until the view is released.
func (v *View) Bytes() []byte {
	v.ck.requireLive(v, "View.Bytes")
	return v.data
}

// Len returns the length of the contents the view pins. The caller must hold
// the buffer's lock.
func (v *View) Len() int {
	v.ck.requireLive(v, "View.Len")
	return len(v.data)
}

// Release ends the export. It is lock-free and safe to call from any
// goroutine, concurrently with other calls: the buffer's export counter drops
// by exactly one on the first call, and later calls do nothing.
func (v *View) Release() {
	if v.released.CompareAndSwap(false, true) {
		v.ck.released()
		v.buf.exports.Add(-1)
	}
}

// Released reports whether [View.Release] has been called. It is lock-free.
func (v *View) Released() bool {
	return v.released.Load()
}
