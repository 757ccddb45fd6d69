package poolreuse

import (
	"testing"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

// read reads every byte of p in Go, so that the race detector sees it.
func read(p []byte) (n int) {
	for _, c := range p {
		n += int(c)
	}
	return n
}

func TestBug(t *testing.T) {
	drive.Concurrently(func(int) { read(RenderBug("0123456789abcdef")) }, func(int) { read(RenderBug("fedcba9876543210")) })
}

func TestFixed(t *testing.T) {
	drive.Concurrently(func(int) { read(RenderFixed("0123456789abcdef")) }, func(int) { read(RenderFixed("fedcba9876543210")) })
}
