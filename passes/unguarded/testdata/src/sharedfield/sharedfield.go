// Package sharedfield exports a buffer its exported lock guards, and no
// function that needs the lock held: the guarded field alone is what makes
// importers worth checking.
package sharedfield

import (
	"bytes"
	"sync"
)

// Log's exported lock guards its exported buffer.
type Log struct {
	Mu  sync.Mutex
	Buf bytes.Buffer
}

func (l *Log) Printf(s string) {
	l.Mu.Lock()
	l.Buf.WriteString(s)
	l.Mu.Unlock()
}
