package scratchpump

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

// source yields n chunks of a pattern, written in Go.
type source struct{ n int }

func (s *source) Read(p []byte) (int, error) {
	if s.n == 0 {
		return 0, errEOF
	}
	s.n--
	for i := range p {
		p[i] = byte(i + s.n)
	}
	return len(p), nil
}

type eof struct{}

func (eof) Error() string { return "EOF" }

var errEOF error = eof{}

func consume(ch <-chan []byte) {
	for p := range ch {
		sum := 0
		for _, c := range p {
			sum += int(c)
		}
		_ = sum
	}
}

func run(pump func(*source, chan<- []byte)) {
	ch := make(chan []byte, 4)
	done := make(chan struct{})
	go func() { consume(ch); close(done) }()
	pump(&source{n: drive.Iterations()}, ch)
	<-done
}

func TestBug(t *testing.T) {
	run(func(s *source, ch chan<- []byte) { PumpBug(s, ch) })
}

func TestFixed(t *testing.T) {
	run(func(s *source, ch chan<- []byte) { PumpFixed(s, ch) })
}
