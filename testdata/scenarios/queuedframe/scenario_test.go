package queuedframe

import (
	"io"
	"testing"
	"time"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

// write fills one buffer for each write, as a caller reusing it does.
func write(w io.Writer) func(int) {
	buf := make([]byte, 256)
	return func(i int) {
		for j := range buf {
			buf[j] = byte(i)
		}
		w.Write(buf)
	}
}

func TestBug(t *testing.T) {
	s := NewSession(20 * time.Microsecond)
	defer s.Close()
	drive.Concurrently(write(&BugStream{S: s, Hdr: make([]byte, 12), Done: make(chan error, 1)}))
}

func TestFixed(t *testing.T) {
	s := NewSession(20 * time.Microsecond)
	defer s.Close()
	drive.Concurrently(write(&FixedStream{S: s, Hdr: make([]byte, 12), Done: make(chan error, 1)}))
}
