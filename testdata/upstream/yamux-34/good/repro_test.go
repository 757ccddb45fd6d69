package repro

import (
	"bytes"
	"io"
	"runtime"
	"testing"
	"time"
)

func TestDrainAfterClose(t *testing.T) {
	frame := bytes.Repeat([]byte("y"), 4096)
	const frames = 16
	want := frames * len(frame)
	for round := 0; round < 100; round++ {
		s := newStream(uint32(round))
		// We are done sending; the peer still sends its response.
		s.Close()
		go func() { // the session's receive loop
			for i := 0; i < frames; i++ {
				if err := s.readData(uint32(len(frame)), 0, bytes.NewReader(frame)); err != nil {
					t.Error(err)
					return
				}
				s.Shrink()
			}
			s.readData(0, flagFIN, nil)
		}()
		total := 0
		p := make([]byte, 1024)
		deadline := time.Now().Add(5 * time.Second)
		for total < want && time.Now().Before(deadline) {
			n, err := s.Read(p)
			total += n
			if err == io.EOF {
				// Nothing buffered yet on the half-closed stream.
				runtime.Gosched()
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if total != want {
			t.Fatalf("round %d: read %d bytes, want %d", round, total, want)
		}
	}
}
