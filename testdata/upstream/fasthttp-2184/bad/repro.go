package repro

import (
	"bufio"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
)

// HijackHandler takes over the connection after the request was handled.
type HijackHandler func(c net.Conn)

// RequestHandler serves one request.
type RequestHandler func(ctx *RequestCtx)

// Server hands out pooled readers and hijacked connection wrappers.
type Server struct {
	Handler           RequestHandler
	ReadBufferSize    int
	KeepHijackedConns bool

	readerPool     sync.Pool
	hijackConnPool sync.Pool
	ctxPool        sync.Pool
}

// RequestCtx carries one request.
type RequestCtx struct {
	s             *Server
	c             net.Conn
	uri           string
	hijackHandler HijackHandler
}

// Hijack asks the server to pass the connection to h once the handler returns.
func (ctx *RequestCtx) Hijack(h HijackHandler) { ctx.hijackHandler = h }

var errHijacked = errors.New("connection has been hijacked")

func (s *Server) serveConn(c net.Conn) error {
	ctx := s.acquireCtx(c)
	br := acquireReader(ctx)
	line, err := br.ReadString('\n')
	if err != nil {
		releaseReader(s, br)
		s.releaseCtx(ctx)
		return err
	}
	ctx.uri = strings.TrimSpace(line)
	s.Handler(ctx)
	if h := ctx.hijackHandler; h != nil {
		go hijackConnHandler(ctx, br, c, s, h)
		return errHijacked
	}
	releaseReader(s, br)
	s.releaseCtx(ctx)
	return nil
}

func hijackConnHandler(ctx *RequestCtx, r io.Reader, c net.Conn, s *Server, h HijackHandler) {
	hjc := s.acquireHijackConn(r, c)
	h(hjc)

	if br, ok := r.(*bufio.Reader); ok {
		releaseReader(s, br)
	}
	if !s.KeepHijackedConns {
		c.Close()
		s.releaseHijackConn(hjc)
	}
	s.releaseCtx(ctx)
}

func (s *Server) acquireHijackConn(r io.Reader, c net.Conn) *hijackConn {
	v := s.hijackConnPool.Get()
	if v == nil {
		return &hijackConn{Conn: c, r: r, s: s}
	}
	hjc := v.(*hijackConn)
	hjc.Conn = c
	hjc.r = r
	return hjc
}

func (s *Server) releaseHijackConn(hjc *hijackConn) {
	hjc.Conn = nil
	hjc.r = nil
	s.hijackConnPool.Put(hjc)
}

type hijackConn struct {
	net.Conn

	r io.Reader
	s *Server
}

func (c *hijackConn) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *hijackConn) Close() error {
	if !c.s.KeepHijackedConns {
		// closed by hijackConnHandler
		return nil
	}
	return c.Conn.Close()
}

func (s *Server) acquireCtx(c net.Conn) *RequestCtx {
	ctx, _ := s.ctxPool.Get().(*RequestCtx)
	if ctx == nil {
		ctx = &RequestCtx{s: s}
	}
	ctx.c = c
	return ctx
}

func (s *Server) releaseCtx(ctx *RequestCtx) {
	ctx.c = nil
	ctx.uri = ""
	ctx.hijackHandler = nil
	s.ctxPool.Put(ctx)
}

func acquireReader(ctx *RequestCtx) *bufio.Reader {
	v := ctx.s.readerPool.Get()
	if v == nil {
		n := ctx.s.ReadBufferSize
		if n <= 0 {
			n = 4096
		}
		return bufio.NewReaderSize(ctx.c, n)
	}
	r := v.(*bufio.Reader)
	r.Reset(ctx.c)
	return r
}

func releaseReader(s *Server, r *bufio.Reader) {
	s.readerPool.Put(r)
}
