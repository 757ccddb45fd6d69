package repro

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// sink reads every byte it is given, as an os.File write would.
type sink struct {
	mu  sync.Mutex
	out bytes.Buffer
}

func (s *sink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Write(p)
}

func runStream(t *testing.T, name string) {
	dest := &sink{}
	s := newStream(dest)
	done := make(chan error)
	go func() { done <- s.run() }()

	var want bytes.Buffer
	for i := range 5000 {
		line := fmt.Sprintf("%s: line %04d of the command output\n", name, i)
		want.WriteString(line)
		if _, err := s.Write([]byte(line)); err != nil {
			t.Error(err)
			return
		}
	}
	close(s.frames)
	if err := <-done; err != nil {
		t.Error(err)
		return
	}
	if dest.out.String() != want.String() {
		t.Errorf("%s: forwarded output differs (%d vs %d bytes)", name, dest.out.Len(), want.Len())
	}
}

func TestStreamsForwardBytes(t *testing.T) {
	var wg sync.WaitGroup
	for _, name := range []string{"stdout", "stderr", "log", "trace"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runStream(t, name)
		}()
	}
	wg.Wait()
}
