package poolreuse

import (
	"bytes"
	"testing"

	"example.com/scenarios/drive"
	"github.com/buflint/buflint/buffer"
)

func TestMain(m *testing.M) { drive.Main(m) }

// read reads every byte of p in Go, so that the race detector sees it.
func read(p []byte) (n int) {
	for _, c := range p {
		n += int(c)
	}
	return n
}

// poisoned is what the next user of the pooled buffer writes. sync.Pool
// keeps a buffer on the P that put it, so two goroutines rarely trade one
// and the race detector may see nothing; one goroutine rendering twice gets
// its own buffer back, and a first result that then reads Poison shows the
// reuse without depending on the scheduler.
var poisoned = string(bytes.Repeat([]byte{buffer.Poison}, 16))

func TestBug(t *testing.T) {
	drive.Concurrently(func(int) { read(RenderBug("0123456789abcdef")) }, func(int) { read(RenderBug("fedcba9876543210")) })
	for range drive.Iterations() {
		p := RenderBug("0123456789abcdef")
		RenderBug(poisoned)
		drive.CheckData(p)
	}
}

func TestFixed(t *testing.T) {
	drive.Concurrently(func(int) { read(RenderFixed("0123456789abcdef")) }, func(int) { read(RenderFixed("fedcba9876543210")) })
	for range drive.Iterations() {
		p := RenderFixed("0123456789abcdef")
		RenderFixed(poisoned)
		drive.CheckData(p)
	}
}
