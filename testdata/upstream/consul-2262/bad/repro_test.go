package repro

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestGatedWriterConcurrentWrites(t *testing.T) {
	var out bytes.Buffer
	w := &GatedWriter{Writer: &out}
	const writers, lines = 4, 500
	var wg sync.WaitGroup
	for g := 0; g < writers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < lines; i++ {
				fmt.Fprintf(w, "agent %d: line %d\n", g, i)
			}
		}()
	}
	wg.Wait()
	w.Flush()
	if got := strings.Count(out.String(), "\n"); got != writers*lines {
		t.Fatalf("flushed %d lines, want %d", got, writers*lines)
	}
}
