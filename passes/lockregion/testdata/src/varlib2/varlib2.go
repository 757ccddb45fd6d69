// Package varlib2 exports no lock fact, but its internal test file adds a
// function that needs the lock held: varuser2's variant for the test
// binary imports a package with lock facts, its plain variant does not,
// so neither may reuse the other's analysis.
package varlib2

import (
	"bytes"
	"sync"
)

type Log struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *Log) Printf(s string) {
	l.mu.Lock()
	l.buf.WriteString(s)
	l.mu.Unlock()
}

func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Len()
}
