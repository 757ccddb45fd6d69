package repro

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

var errStopped = errors.New("stopped")

func TestReadAfterClose(t *testing.T) {
	for round := 0; round < 20; round++ {
		bp := NewBytesPipe()
		if _, err := bp.Write([]byte("hello")); err != nil {
			t.Fatal(err)
		}
		var readers sync.WaitGroup
		for r := 0; r < 4; r++ {
			readers.Add(1)
			go func() {
				defer readers.Done()
				p := make([]byte, 8)
				for i := 0; i < 200; i++ {
					if _, err := bp.Read(p); err != nil && err != errStopped {
						t.Errorf("unexpected error %v", err)
						return
					}
				}
			}()
		}
		// The pipe is closed more than once (a logger and its container
		// both stop it), rewriting the close error while readers return it.
		var done atomic.Bool
		closed := make(chan struct{})
		go func() {
			defer close(closed)
			for !done.Load() {
				bp.CloseWithError(errStopped)
				runtime.Gosched()
			}
		}()
		readers.Wait()
		done.Store(true)
		<-closed
	}
}
