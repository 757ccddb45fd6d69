package retained

import (
	"bytes"
	"testing"

	"example.com/scenarios/drive"
	"github.com/buflint/buflint/buffer"
)

// poisoned is what the next user of the pooled buffer writes. sync.Pool
// keeps a buffer on the P that put it, so the race detector may see no
// race between goroutines; one goroutine rendering into a second cache gets
// the first cache's buffer back, and the first cache then reading Poison
// shows the reuse without depending on the scheduler.
var poisoned = string(bytes.Repeat([]byte{buffer.Poison}, 16))

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	var c Cache
	drive.Concurrently(func(int) { c.RenderBug("0123456789abcdef") }, func(int) { c.Sum() }, func(int) { c.RenderBug("fedcba9876543210") })
	for range drive.Iterations() {
		var first, next Cache
		first.RenderBug("0123456789abcdef")
		next.RenderBug(poisoned)
		drive.CheckData(first.last)
	}
}

func TestFixed(t *testing.T) {
	var c Cache
	drive.Concurrently(func(int) { c.RenderFixed("0123456789abcdef") }, func(int) { c.Sum() }, func(int) { c.RenderFixed("fedcba9876543210") })
	for range drive.Iterations() {
		var first, next Cache
		first.RenderFixed("0123456789abcdef")
		next.RenderFixed(poisoned)
		drive.CheckData(first.last)
	}
}
