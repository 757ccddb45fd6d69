package repro

import (
	"bytes"
	"testing"
)

// Streams reset by the peer: the handler's DATA write gives up early while
// the serve goroutine still has the frame, whose bytes live in the
// handler's bufio.Writer buffer. The next handler must not write into that
// buffer.
func TestResetStreamWriterReuse(t *testing.T) {
	sc := &serverConn{
		wantWriteFrameCh: make(chan FrameWriteRequest),
		doneServing:      make(chan struct{}),
	}
	go sc.serve()
	defer close(sc.doneServing)

	chunk := bytes.Repeat([]byte("x"), 1<<10)
	for i := 0; i < 300; i++ {
		st := &stream{id: uint32(2*i + 1), cw: make(chan struct{})}
		close(st.cw) // RST_STREAM already received
		w := newResponseWriter(sc, st)
		for j := 0; j < 6; j++ {
			if _, err := w.Write(chunk); err != nil {
				break
			}
		}
		w.Flush()
		w.handlerDone()
	}
}
