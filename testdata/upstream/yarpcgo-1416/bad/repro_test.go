package repro

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// fakeStream queues messages like the transport's control buffer; a
// separate loop writes them to the wire.
type fakeStream struct {
	queue chan []byte
	done  chan struct{}
	wire  []byte
}

func newFakeStream() *fakeStream {
	s := &fakeStream{queue: make(chan []byte, 16), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for msg := range s.queue {
			s.wire = append(s.wire, msg...)
		}
	}()
	return s
}

func (s *fakeStream) SendMsg(m interface{}) error {
	s.queue <- m.([]byte)
	return nil
}

func (s *fakeStream) SetTrailer(MD) {}

func TestUnaryResponseBufferReuse(t *testing.T) {
	h := &handler{unary: func(_ context.Context, body []byte, rw *responseWriter) error {
		_, err := rw.Write(body)
		return err
	}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			s := newFakeStream()
			for i := 0; i < 500; i++ {
				body := []byte(fmt.Sprintf("response %d-%d with some padding", g, i))
				if err := h.handleUnary(context.Background(), body, s); err != nil {
					t.Error(err)
				}
			}
			close(s.queue)
			<-s.done
		}(g)
	}
	wg.Wait()
}
