package repro

import (
	"sync"
	"testing"
)

type headersFrame struct {
	id        uint32
	endStream bool
}

func TestFinishWhileHeadersArrive(t *testing.T) {
	tr := newHTTP2Client()
	frames := make(chan headersFrame, 16)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the transport's reader goroutine
		defer wg.Done()
		for f := range frames {
			tr.operateHeaders(f.id, map[string]string{"content-type": "application/grpc"}, f.endStream)
		}
	}()
	received := 0
	for i := 0; i < 2000; i++ {
		s := tr.NewStream()
		if !s.BytesSent() {
			t.Fatal("headers not marked as sent")
		}
		frames <- headersFrame{id: s.id, endStream: i%2 == 0}
		// The RPC is cancelled right away; finishing it asks whether the
		// server answered, to decide whether the call may be retried.
		if s.BytesReceived() {
			received++
		}
	}
	close(frames)
	wg.Wait()
	t.Logf("%d of 2000 streams had received headers at finish", received)
}
