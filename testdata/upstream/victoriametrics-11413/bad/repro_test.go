package repro

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

// failingTransport fails the round trip at once but, like a real
// transport whose connection broke mid-request, keeps reading the request
// body in its own goroutine for a while.
type failingTransport struct {
	wg sync.WaitGroup
}

func (t *failingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		p := make([]byte, 7)
		for {
			if _, err := req.Body.Read(p); err != nil {
				break
			}
			time.Sleep(10 * time.Microsecond)
		}
		req.Body.Close()
	}()
	return nil, errors.New("connection reset by peer")
}

func TestFailedSendBufferReuse(t *testing.T) {
	tr := &failingTransport{}
	c := &Client{
		c:                &http.Client{Transport: tr},
		addr:             "http://127.0.0.1:8428/api/v1/write",
		retryMinInterval: 100 * time.Microsecond,
		retryMaxTime:     time.Millisecond,
	}
	for i := 0; i < 200; i++ {
		wr := &WriteRequest{}
		for j := 0; j < 8; j++ {
			wr.Timeseries = append(wr.Timeseries, fmt.Sprintf("up{job=%q,instance=\"host-%d\"} %d", "vmalert", j, i))
		}
		c.flush(context.Background(), wr)
	}
	tr.wg.Wait()
	if c.sentRows.Load() != 0 {
		t.Fatal("no send should succeed")
	}
}
