package repro

import (
	"fmt"
	"log/slog"
	"sync"
	"testing"
)

func TestConcurrentLogging(t *testing.T) {
	ss := &ServerSession{}
	h := NewLoggingHandler(ss, &LoggingHandlerOptions{LoggerName: "test"})
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Clones share the handler's mutex and buffer.
			logger := slog.New(h).With("worker", g)
			for i := 0; i < 200; i++ {
				logger.Info("message", "i", i, "text", fmt.Sprintf("payload-%d-%d", g, i))
			}
		}()
	}
	wg.Wait()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.sent != 800 {
		t.Fatalf("sent %d notifications, want 800", ss.sent)
	}
	if ss.bad != 0 {
		t.Fatalf("%d notifications carried invalid JSON", ss.bad)
	}
}
