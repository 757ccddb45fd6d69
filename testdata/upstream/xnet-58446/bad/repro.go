package repro

import (
	"errors"
	"io"
)

var (
	errStreamClosed       = errors.New("http2: stream closed")
	errClientDisconnected = errors.New("client disconnected")
)

type stream struct {
	id     uint32
	cw     chan struct{} // closed by the serve goroutine when the stream closes
	closed bool          // owned by the serve goroutine
}

// writeData is a DATA frame to write; p is the handler's Write argument.
type writeData struct {
	streamID  uint32
	p         []byte
	endStream bool
}

func (w *writeData) writeFrame(sc *serverConn) error {
	return sc.framer.WriteData(w.streamID, w.endStream, w.p)
}

type FrameWriteRequest struct {
	write  *writeData
	stream *stream
	done   chan error
}

type frameWriteResult struct {
	wr  FrameWriteRequest
	err error
}

// Framer encodes frames into wbuf and writes them to w.
type Framer struct {
	w    io.Writer
	wbuf []byte
}

func (f *Framer) WriteData(streamID uint32, endStream bool, data []byte) error {
	f.wbuf = append(f.wbuf[:0], byte(len(data)>>8), byte(len(data)), 0, byte(streamID))
	f.wbuf = append(f.wbuf, data...)
	return f.endWrite()
}

func (f *Framer) endWrite() error {
	_, err := f.w.Write(f.wbuf)
	return err
}

type serverConn struct {
	framer            *Framer
	wantWriteFrameCh  chan FrameWriteRequest
	wroteFrameCh      chan frameWriteResult
	closeStreamCh     chan *stream
	doneServing       chan struct{}
	writingFrameAsync bool
	queue             []FrameWriteRequest
}

func newServerConn(conn io.Writer) *serverConn {
	sc := &serverConn{
		framer:           &Framer{w: conn},
		wantWriteFrameCh: make(chan FrameWriteRequest, 8),
		wroteFrameCh:     make(chan frameWriteResult, 1),
		closeStreamCh:    make(chan *stream),
		doneServing:      make(chan struct{}),
	}
	go sc.serve()
	return sc
}

// serve is the connection's single owner goroutine.
func (sc *serverConn) serve() {
	for {
		select {
		case wr := <-sc.wantWriteFrameCh:
			if wr.stream.closed {
				wr.done <- errStreamClosed // ignore writes on closed streams
			} else if sc.writingFrameAsync {
				sc.queue = append(sc.queue, wr)
			} else {
				sc.startFrameWrite(wr)
			}
		case res := <-sc.wroteFrameCh:
			sc.writingFrameAsync = false
			res.wr.done <- res.err
			if len(sc.queue) > 0 {
				wr := sc.queue[0]
				sc.queue = sc.queue[1:]
				sc.startFrameWrite(wr)
			}
		case st := <-sc.closeStreamCh:
			kept := sc.queue[:0]
			for _, wr := range sc.queue {
				if wr.stream != st {
					kept = append(kept, wr)
				}
			}
			sc.queue = kept
			st.closed = true
			close(st.cw)
		}
	}
}

func (sc *serverConn) startFrameWrite(wr FrameWriteRequest) {
	sc.writingFrameAsync = true
	go sc.writeFrameAsync(wr)
}

// writeFrameAsync runs on its own goroutine; at most one at a time.
func (sc *serverConn) writeFrameAsync(wr FrameWriteRequest) {
	err := wr.write.writeFrame(sc)
	sc.wroteFrameCh <- frameWriteResult{wr: wr, err: err}
}

func (sc *serverConn) writeFrameFromHandler(wr FrameWriteRequest) error {
	select {
	case sc.wantWriteFrameCh <- wr:
		return nil
	case <-sc.doneServing:
		return errClientDisconnected
	}
}

// writeDataFromHandler is called by a handler's ResponseWriter.Write.
func (sc *serverConn) writeDataFromHandler(st *stream, data []byte, endStream bool) error {
	ch := make(chan error, 1)
	err := sc.writeFrameFromHandler(FrameWriteRequest{
		write:  &writeData{st.id, data, endStream},
		stream: st,
		done:   ch,
	})
	if err != nil {
		return err
	}
	select {
	case err = <-ch:
	case <-sc.doneServing:
		return errClientDisconnected
	case <-st.cw:
		// Prefer the write result if both are ready.
		select {
		case err = <-ch:
		default:
			return errStreamClosed
		}
	}
	return err
}
