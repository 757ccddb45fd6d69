package repro

import (
	"io"
	"net/http"
	"testing"
)

// closeTwiceTransport reads the request body and closes it twice, as a
// transport may when a request ends on more than one path.
type closeTwiceTransport struct{}

func (closeTwiceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	_, _ = io.ReadAll(req.Body)
	req.Body.Close()
	req.Body.Close()
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: req}, nil
}

// Two transports created after a flush must not share a request buffer.
func TestRequestBufferNotShared(t *testing.T) {
	hc := &http.Client{Transport: closeTwiceTransport{}}
	for i := 0; i < 20; i++ {
		a, err := NewTHttpPostClient("http://127.0.0.1:9998/api", hc)
		if err != nil {
			t.Fatal(err)
		}
		a.Write([]byte("span batch"))
		if err := a.Flush(); err != nil {
			t.Fatal(err)
		}
		b, _ := NewTHttpPostClient("http://127.0.0.1:9998/api", hc)
		c, _ := NewTHttpPostClient("http://127.0.0.1:9998/api", hc)
		b.Write([]byte("from b"))
		c.Write([]byte("from c"))
		if got := b.requestBuffer.String(); got != "from b" {
			t.Fatalf("iteration %d: b's request buffer holds %q", i, got)
		}
	}
}
