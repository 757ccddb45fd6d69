package repro

import (
	"io"
	"runtime"
	"sync"
	"testing"
)

func TestResponseBodyRead(t *testing.T) {
	for round := 0; round < 20; round++ {
		cs := newClientStream()
		body := transportResponseBody{cs}
		chunk := make([]byte, 512)
		const chunks = 200

		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // the connection's read loop
			defer wg.Done()
			for i := 0; i < chunks; i++ {
				runtime.Gosched()
				if err := cs.processData(chunk); err != nil {
					t.Error(err)
					return
				}
			}
			cs.bufPipe.CloseWithError(io.EOF)
		}()

		total := 0
		p := make([]byte, 100)
		for {
			n, err := body.Read(p)
			total += n
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		wg.Wait()
		if total != chunks*len(chunk) {
			t.Fatalf("read %d bytes, want %d", total, chunks*len(chunk))
		}
	}
}
