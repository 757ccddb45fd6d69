package repro

import (
	"bytes"
	"io"
	"sync"
)

// stream is a buffered io.Writer whose bytes are forwarded to dest when
// the masker flushes a frame.
type stream struct {
	dest   io.Writer
	buf    indexedBuffer
	frames chan int
}

func newStream(dest io.Writer) *stream {
	return &stream{dest: dest, frames: make(chan int, 1024)}
}

// Write buffers p and registers it as a frame to be flushed later.
func (s *stream) Write(p []byte) (int, error) {
	n, err := s.buf.write(p)
	if n > 0 {
		s.frames <- n
	}
	return n, err
}

// run flushes registered frames until the frames channel is closed.
func (s *stream) run() error {
	for n := range s.frames {
		if err := s.flush(n); err != nil {
			return err
		}
	}
	return nil
}

// flush n bytes from the buffer to the destination.
func (s *stream) flush(n int) error {
	endIndex := s.buf.currentIndex + int64(n)
	_, err := s.buf.writeUpToIndex(s.dest, endIndex)
	return err
}

// indexedBuffer is a mutex-protected buffer; currentIndex counts the bytes
// already taken out of it.
type indexedBuffer struct {
	buffer       bytes.Buffer
	mutex        sync.Mutex
	currentIndex int64
}

func (b *indexedBuffer) write(p []byte) (n int, err error) {
	b.mutex.Lock()
	defer b.mutex.Unlock()
	return b.buffer.Write(p)
}

// writeUpToIndex removes the bytes before index from the buffer and writes
// them to w while the lock is held.
func (b *indexedBuffer) writeUpToIndex(w io.Writer, index int64) (int, error) {
	b.mutex.Lock()
	defer b.mutex.Unlock()

	if index < b.currentIndex {
		return 0, nil
	}
	n := int(index - b.currentIndex)
	b.currentIndex = index
	return w.Write(b.buffer.Next(n))
}
