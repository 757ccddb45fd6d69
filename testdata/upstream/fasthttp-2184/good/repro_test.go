package repro

import (
	"io"
	"net"
	"strings"
	"testing"
)

type memConn struct {
	net.Conn
	r *strings.Reader
}

func (c *memConn) Read(p []byte) (int, error) { return c.r.Read(p) }
func (c *memConn) Close() error               { return nil }

func newMemConn(s string) *memConn { return &memConn{r: strings.NewReader(s)} }

// The first connection is hijacked and kept: the bytes the client sent
// after the request line sit in the server's bufio.Reader and must still
// be readable through the hijacked conn after the next connection was
// served.
func TestHijackedReaderKept(t *testing.T) {
	const tail = "hijacked-payload"
	for i := 0; i < 20; i++ {
		s := &Server{KeepHijackedConns: true, Handler: func(*RequestCtx) {}}

		c1 := newMemConn("GET /ws\n" + tail)
		ctx := s.acquireCtx(c1)
		br := acquireReader(ctx)
		if _, err := br.ReadString('\n'); err != nil {
			t.Fatal(err)
		}
		var kept net.Conn
		hijackConnHandler(ctx, br, c1, s, func(c net.Conn) { kept = c })

		if err := s.serveConn(newMemConn("GET /other-request-with-a-longer-line\nzzzzzzzzzzzzzzzzzzzz")); err != nil {
			t.Fatal(err)
		}

		got, _ := io.ReadAll(kept)
		if string(got) != tail {
			t.Fatalf("iteration %d: hijacked conn read %q, want %q", i, got, tail)
		}
	}
}
