package hashresize

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/buflint/buflint/buffer"

	"example.com/scenarios/drive"
)

func TestMain(m *testing.M) { drive.Main(m) }

func TestBug(t *testing.T) {
	b := drive.Filled()
	drive.Concurrently(func(int) { HashBug(b) }, drive.Resizer(b))
}

// TestFixed also requires that the resizer was refused with ErrExported at
// least once while a hash was running: the view, not luck, kept the data.
func TestFixed(t *testing.T) {
	b := drive.Filled()
	var refused atomic.Int64
	resize := drive.Resizer(b)
	drive.Concurrently(func(int) { HashFixed(b) }, func(i int) {
		b.Lock()
		if err := b.Resize(drive.Size); errors.Is(err, buffer.ErrExported) {
			refused.Add(1)
		}
		b.Unlock()
		resize(i)
	})
	if refused.Load() == 0 {
		t.Error("no Resize was refused while views were held: the scenario did not exercise the protocol")
	}
	t.Logf("%d resizes refused with ErrExported", refused.Load())
}
