package repro

import (
	"io"
	"strings"
	"sync"
	"testing"
)

// lineLog records what a backend received.
type lineLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *lineLog) Write(p []byte) (int, error) {
	s := string(p)
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
	return len(p), nil
}

// The container's output is copied with io.CopyBuffer, which reuses one
// buffer for every Write.
func TestCopyIntoContainerIO(t *testing.T) {
	out := &lineLog{}
	cio := NewContainerIO(out)
	var src strings.Builder
	for i := 0; i < 20000; i++ {
		src.WriteString(strings.Repeat(string(rune('a'+i%26)), 31) + "\n")
	}
	buf := make([]byte, 32)
	// LimitReader hides strings.Reader's WriteTo so CopyBuffer uses buf.
	r := io.LimitReader(strings.NewReader(src.String()), int64(src.Len()))
	if _, err := io.CopyBuffer(cio, r, buf); err != nil {
		t.Fatal(err)
	}
	cio.Close()
}
