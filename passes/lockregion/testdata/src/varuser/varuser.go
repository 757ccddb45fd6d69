// Package varuser is analyzed for its own guards and for varlib's facts.
package varuser

import (
	"bytes"
	"sync"

	"varlib"
)

func Flush(l *varlib.Log) string {
	varlib.AppendLocked(l, "\n")
	return l.Buf.String()
}

type Sink struct {
	mu sync.Mutex
	//buflint:guardedby mu
	buf bytes.Buffer
}

func (s *Sink) Write(p []byte) {
	s.mu.Lock()
	s.writeLocked(p)
	s.mu.Unlock()
}

func (s *Sink) writeLocked(p []byte) {
	s.buf.Write(p)
}
