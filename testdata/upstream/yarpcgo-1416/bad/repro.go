package repro

import (
	"bytes"
	"context"
	"sync"
)

var _bufferPool = sync.Pool{
	New: func() interface{} {
		return &bytes.Buffer{}
	},
}

// getBuffer returns a reset Buffer from the shared pool.
func getBuffer() *bytes.Buffer {
	buf := _bufferPool.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

// putBuffer returns a Buffer to the shared pool.
func putBuffer(buf *bytes.Buffer) {
	_bufferPool.Put(buf)
}

// MD is response metadata sent as trailers.
type MD map[string][]string

type responseWriter struct {
	buffer    *bytes.Buffer
	md        MD
	headerErr error
}

func newResponseWriter() *responseWriter {
	return &responseWriter{}
}

func (r *responseWriter) Write(p []byte) (int, error) {
	if r.buffer == nil {
		r.buffer = getBuffer()
	}
	return r.buffer.Write(p)
}

func (r *responseWriter) AddSystemHeader(key string, value string) {
	if r.md == nil {
		r.md = MD{}
	}
	r.md[key] = append(r.md[key], value)
}

func (r *responseWriter) Bytes() []byte {
	if r.buffer == nil {
		return nil
	}
	return r.buffer.Bytes()
}

func (r *responseWriter) Close() {
	if r.buffer != nil {
		putBuffer(r.buffer)
	}
	r.buffer = nil
}

// ServerStream is the transport stream; with a pass-through codec the
// message given to SendMsg is the []byte itself, written out later by the
// transport's own writer goroutine.
type ServerStream interface {
	SendMsg(m interface{}) error
	SetTrailer(md MD)
}

// UnaryHandler serves one request by writing the response body.
type UnaryHandler func(ctx context.Context, body []byte, rw *responseWriter) error

type handler struct {
	unary UnaryHandler
}

func (h *handler) handleUnary(ctx context.Context, body []byte, serverStream ServerStream) error {
	responseWriter := newResponseWriter()
	defer responseWriter.Close()

	err := h.unary(ctx, body, responseWriter)
	if err != nil {
		responseWriter.AddSystemHeader("rpc-error-name", err.Error())
	}
	if sendErr := serverStream.SendMsg(responseWriter.Bytes()); sendErr != nil {
		return sendErr
	}
	if responseWriter.md != nil {
		serverStream.SetTrailer(responseWriter.md)
	}
	return err
}
