package repro

import (
	"errors"
	"io"
	"sync"
)

// blockThreshold is how many buffered bytes make Write wait for a reader.
const blockThreshold = 1 << 16

// ErrClosed is returned by Write on a closed BytesPipe.
var ErrClosed = errors.New("write to closed BytesPipe")

// fixedBuffer is a byte slice that is read from the front.
type fixedBuffer struct {
	buf []byte
	pos int
}

func (b *fixedBuffer) Read(p []byte) int {
	n := copy(p, b.buf[b.pos:])
	b.pos += n
	return n
}

func (b *fixedBuffer) Len() int { return len(b.buf) - b.pos }

// BytesPipe is an in-memory io.ReadWriteCloser queue of byte slices.
type BytesPipe struct {
	mu       sync.Mutex
	wait     *sync.Cond
	buf      []*fixedBuffer
	bufLen   int
	closeErr error // error to return from next Read. set to nil if not closed.
}

// NewBytesPipe creates an empty BytesPipe.
func NewBytesPipe() *BytesPipe {
	bp := &BytesPipe{}
	bp.wait = sync.NewCond(&bp.mu)
	return bp
}

// Write appends a copy of p to the pipe.
func (bp *BytesPipe) Write(p []byte) (int, error) {
	bp.mu.Lock()
	for bp.bufLen >= blockThreshold && bp.closeErr == nil {
		bp.wait.Wait()
	}
	if bp.closeErr != nil {
		bp.mu.Unlock()
		return 0, ErrClosed
	}
	bp.buf = append(bp.buf, &fixedBuffer{buf: append([]byte(nil), p...)})
	bp.bufLen += len(p)
	bp.wait.Broadcast()
	bp.mu.Unlock()
	return len(p), nil
}

// CloseWithError makes further reads return err once the pipe is empty.
func (bp *BytesPipe) CloseWithError(err error) error {
	bp.mu.Lock()
	if err != nil {
		bp.closeErr = err
	} else {
		bp.closeErr = io.EOF
	}
	bp.wait.Broadcast()
	bp.mu.Unlock()
	return nil
}

// Close closes the pipe with io.EOF.
func (bp *BytesPipe) Close() error {
	return bp.CloseWithError(nil)
}

// Read reads buffered bytes; each byte is read at most once.
func (bp *BytesPipe) Read(p []byte) (n int, err error) {
	bp.mu.Lock()
	if bp.bufLen == 0 {
		if bp.closeErr != nil {
			err := bp.closeErr
			bp.mu.Unlock()
			return 0, err
		}
		bp.wait.Wait()
		if bp.bufLen == 0 && bp.closeErr != nil {
			err := bp.closeErr
			bp.mu.Unlock()
			return 0, err
		}
	}

	for bp.bufLen > 0 {
		b := bp.buf[0]
		read := b.Read(p)
		n += read
		bp.bufLen -= read
		if b.Len() == 0 {
			bp.buf[0] = nil
			bp.buf = bp.buf[1:]
		}
		if len(p) == read {
			break
		}
		p = p[read:]
	}

	bp.wait.Broadcast()
	bp.mu.Unlock()
	return
}
