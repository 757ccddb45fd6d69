package repro

import (
	"bufio"
	"bytes"
	"errors"
	"sync"
)

const handlerChunkWriteSize = 4 << 10

var (
	errClientDisconnected = errors.New("client disconnected")
	errStreamClosed       = errors.New("http2: stream closed")
)

var responseWriterStatePool = sync.Pool{
	New: func() interface{} {
		rws := &responseWriterState{}
		rws.bw = bufio.NewWriterSize(chunkWriter{rws}, handlerChunkWriteSize)
		return rws
	},
}

type stream struct {
	id uint32
	cw chan struct{} // closed when the peer resets the stream
}

type writeData struct {
	streamID  uint32
	p         []byte
	endStream bool
}

// FrameWriteRequest is a frame a handler wants the serve goroutine to write.
type FrameWriteRequest struct {
	write  *writeData
	stream *stream
	done   chan error
}

type serverConn struct {
	wantWriteFrameCh chan FrameWriteRequest
	doneServing      chan struct{}
	wire             bytes.Buffer // only touched by serve
}

// serve owns the connection and writes every frame handlers queue.
func (sc *serverConn) serve() {
	for {
		select {
		case wr := <-sc.wantWriteFrameCh:
			sc.wire.Write(wr.write.p)
			wr.done <- nil
		case <-sc.doneServing:
			return
		}
	}
}

func (sc *serverConn) writeDataFromHandler(stream *stream, data []byte, endStream bool) error {
	ch := make(chan error, 1)
	wr := FrameWriteRequest{write: &writeData{stream.id, data, endStream}, stream: stream, done: ch}
	select {
	case sc.wantWriteFrameCh <- wr:
	case <-sc.doneServing:
		return errClientDisconnected
	}
	select {
	case err := <-ch:
		return err
	case <-sc.doneServing:
		return errClientDisconnected
	case <-stream.cw:
		// Prefer the write result if both are ready.
		select {
		case err := <-ch:
			return err
		default:
			return errStreamClosed
		}
	}
}

type responseWriterState struct {
	// immutable within a request:
	stream *stream
	conn   *serverConn

	bw *bufio.Writer // writing to a chunkWriter{this *responseWriterState}

	// mutated by http.Handler goroutine:
	wroteBytes  int64
	handlerDone bool // handler has finished
	dirty       bool // a Write failed; don't reuse this responseWriterState
}

type chunkWriter struct{ rws *responseWriterState }

func (cw chunkWriter) Write(p []byte) (n int, err error) { return cw.rws.writeChunk(p) }

func (rws *responseWriterState) writeChunk(p []byte) (n int, err error) {
	endStream := rws.handlerDone
	if len(p) > 0 || endStream {
		if err := rws.conn.writeDataFromHandler(rws.stream, p, endStream); err != nil {
			rws.dirty = true
			return 0, err
		}
	}
	return len(p), nil
}

type responseWriter struct {
	rws *responseWriterState
}

func newResponseWriter(sc *serverConn, st *stream) *responseWriter {
	rws := responseWriterStatePool.Get().(*responseWriterState)
	bwSave := rws.bw
	*rws = responseWriterState{} // zero all the fields
	rws.conn = sc
	rws.bw = bwSave
	rws.bw.Reset(chunkWriter{rws})
	rws.stream = st
	return &responseWriter{rws: rws}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	rws := w.rws
	if rws == nil {
		panic("Write called after Handler finished")
	}
	rws.wroteBytes += int64(len(p))
	return rws.bw.Write(p)
}

func (w *responseWriter) Flush() {
	rws := w.rws
	if rws.bw.Buffered() > 0 {
		if err := rws.bw.Flush(); err != nil {
			return // the frame writer already knows
		}
	} else {
		rws.writeChunk(nil)
	}
}

func (w *responseWriter) handlerDone() {
	rws := w.rws
	dirty := rws.dirty
	rws.handlerDone = true
	w.Flush()
	w.rws = nil
	if !dirty {
		// A failed write may have left a frame queued on the serve
		// goroutine that still points into rws.bw's buffer.
		responseWriterStatePool.Put(rws)
	}
}
