// Package varlib has an internal test that imports a package importing
// it, so that the driver type-checks that package twice, with the same
// syntax: once as it is, once for varlib's test binary.
package varlib

import (
	"bytes"
	"sync"
)

type Log struct {
	Mu  sync.Mutex // guards Buf
	Buf bytes.Buffer
}

func (l *Log) Printf(s string) {
	l.Mu.Lock()
	l.Buf.WriteString(s)
	l.Mu.Unlock()
}

// AppendLocked needs l.Mu held.
func AppendLocked(l *Log, s string) {
	l.Buf.WriteString(s)
}
